"""The evidence store: copies of the bukti dukung, hashed and laid out to browse.

Files go under ``<plan>.evidence/COMPONENT/ITEM/ACTION/YYYY-MM/`` (e.g.
``II/II.2/II.2.a/2023-04/foto.jpg``), so an evaluator can find them without
zi. A different file with the same name never overwrites another: it gets a
``-2``, ``-3`` ... suffix; the same file recorded twice is stored once.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.files import atomic_target
from zi_plan.i18n import _
from zi_plan.journal import EvidenceEntry, Journal
from zi_plan.plan import ActionView
from zi_plan.wording import os_reason

_URL = re.compile(r"^(https?|ftp)://\S+$", re.IGNORECASE)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class EvidenceSource:
    """What the user named on the command line: a file to copy or a link."""

    text: str
    file: Path | None = None
    url: str | None = None


def parse_sources(values: list[str]) -> list[EvidenceSource]:
    """Check every --evidence before anything is copied or recorded."""
    sources = []
    for value in values:
        if _URL.match(value):
            sources.append(EvidenceSource(value, url=value))
            continue
        path = Path(value).expanduser()
        if not path.exists():
            if "://" in value or value.startswith("www."):
                raise ZiError(_("evidence file not found: {value} (a link must start with http:// or https://); nothing was recorded").format(value=value))
            raise ZiError(_("evidence file not found: {value}; nothing was recorded").format(value=value))
        if not path.is_file():
            raise ZiError(_("evidence must be a file or a link, and {value} is a folder; nothing was recorded").format(value=value))
        if not os.access(path, os.R_OK):
            raise ZiError(_("evidence file cannot be read (permission denied): {value}; nothing was recorded").format(value=value))
        sources.append(EvidenceSource(value, file=path))
    return sources


def folder_for(action: ActionView, month: int, year: int) -> Path:
    """Where an occurrence's files go, relative to the evidence folder."""
    return Path(action.component, action.item, action.id, f"{year}-{month:02d}")


def path_for_user(journal: Journal, stored: str) -> str:
    """A stored file's path as usable from the current folder."""
    full = journal.evidence_dir / stored
    try:
        return os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full.resolve())


def sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _safe_name(name: str) -> str:
    # Keep the name people gave it, minus what breaks paths on some systems.
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned or "bukti"


def store(journal: Journal, action: ActionView, month: int, year: int, source: EvidenceSource) -> EvidenceEntry:
    """Copy one file into the store (atomically) or record a link; the caller holds the lock."""
    if source.url is not None:
        return EvidenceEntry(url=source.url)
    assert source.file is not None
    folder = journal.evidence_dir / folder_for(action, month, year)
    folder.mkdir(parents=True, exist_ok=True)
    # Copy to a temp file first, hashing as we go, so that a crash leaves no half file.
    digest = hashlib.sha256()
    size = 0
    try:
        with atomic_target(None, folder) as staged:
            with source.file.open("rb") as src, staged.tmp.open("wb") as dst:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    dst.write(chunk)
            sha = digest.hexdigest()
            target = _free_name(folder, _safe_name(source.file.name), sha)
            # The very same content already stored here: keep nothing new.
            staged.target = None if target.exists() else target
        if staged.target is not None:
            # The source's times (the file's date still says when it was made),
            # not its mode: a 0600 download would lock colleagues out.
            times = source.file.stat()
            os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))
    except OSError as exc:
        raise ZiError(_("could not store {file} in {folder}: {reason}").format(file=source.text, folder=folder, reason=os_reason(exc))) from None
    relative = target.relative_to(journal.evidence_dir).as_posix()
    return EvidenceEntry(path=relative, sha256=sha, size=size, name=source.file.name)


def _free_name(folder: Path, name: str, sha: str) -> Path:
    """``name``, or ``stem-2.ext`` ...: the first that is free or already holds this content."""
    candidate = folder / name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    n = 1
    while candidate.exists():
        if candidate.is_file() and sha256_of(candidate)[0] == sha:
            return candidate
        n += 1
        candidate = folder / (f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}")
    return candidate


@dataclass(frozen=True)
class VerifyProblem:
    action: str
    month: int
    path: Path
    problem: str  # "missing" or "changed"
    expected: str
    found: str | None = None


def stored_state(journal: Journal, entry: EvidenceEntry) -> tuple[str, str | None]:
    """("ok" | "missing" | "changed", the sha256 found) of a stored file, hashed now."""
    assert entry.path is not None
    full = journal.evidence_dir / entry.path
    if not full.is_file():
        return "missing", None
    sha, _size = sha256_of(full)
    return ("ok" if sha == entry.sha256 else "changed"), sha


def verify(journal: Journal) -> tuple[int, list[VerifyProblem]]:
    """Re-hash every stored file that counts as evidence now: (files checked, problems).

    Files withdrawn by an undo or a replacement stay in the store for history
    but prove nothing any more, so they are not checked.
    """
    checked: dict[tuple[str, str], VerifyProblem | None] = {}
    problems: list[VerifyProblem] = []
    for occ in journal.occurrences.values():
        for _record, entry in occ.evidence:
            if entry.path is None or entry.sha256 is None:
                continue
            key = (entry.path, entry.sha256)
            if key in checked:
                continue
            state, sha = stored_state(journal, entry)
            found = None
            if state != "ok":
                found = VerifyProblem(occ.action, occ.month, journal.evidence_dir / entry.path, state, entry.sha256, sha)
            checked[key] = found
            if found:
                problems.append(found)
    return len(checked), problems


def verify_json(checked: int, problems: list[VerifyProblem], loose: list[Path]) -> dict[str, Any]:
    """`zi verify --json`."""
    return {
        "checked": checked,
        "ok": not problems,
        "problems": [{"id": p.action, "month": p.month, "path": str(p.path), "problem": p.problem,
                      "expected_sha256": p.expected, "found_sha256": p.found} for p in problems],
        "unrecorded": [str(p) for p in loose],
    }  # fmt: skip


def unrecorded(journal: Journal) -> list[Path]:
    """Files in the evidence folder that no record names.

    Put there by hand, or left by a `zi done` that stopped between copying
    a file and writing its record: not evidence of anything until recorded.
    """
    if not journal.evidence_dir.is_dir():
        return []
    named = {e.path for r in journal.records for e in (*r.evidence, *r.replaces) if e.path}
    return sorted(journal.evidence_dir / relative for relative in _files_under(str(journal.evidence_dir), "") if relative not in named)


def _files_under(folder: str, prefix: str) -> list[str]:
    """Every file below ``folder``, as 'a/b/c' paths: os.scandir, which knows
    from the listing what is a folder (pathlib asks the disk again per entry)."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_files_under(entry.path, f"{prefix}{entry.name}/"))
            elif entry.is_file():
                found.append(prefix + entry.name)
    return found
