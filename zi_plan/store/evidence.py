"""The evidence store: copies of the bukti dukung, hashed and laid out to browse.

Files go under ``<plan>.evidence/COMPONENT/ITEM/ACTION/YYYY-MM/`` (e.g.
``II/II.2/II.2.a/2023-04/foto.jpg``), so an evaluator can find them without
zi. A different file with the same name never overwrites another: it gets a
``-2``, ``-3`` ... suffix; the same file recorded twice is stored once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_target
from zi_plan.fs.fsguard import open_regular, reason, require_regular
from zi_plan.fs.jail import Refused, check_folder, check_stored
from zi_plan.fs.sharing import blocked, make_folders
from zi_plan.fs.sources import meant_link, system_file_problem
from zi_plan.i18n import _, month_name
from zi_plan.model.journal import EvidenceEntry, Journal, Record, is_answer
from zi_plan.model.links import is_safe_link
from zi_plan.model.plan import ActionView
from zi_plan.store.workspace import shown

_CHUNK = 1 << 20
# 'javascript:', 'ftp://', 'www.': meant as a link (two letters at least, so not 'C:')
_LOOKS_LIKE_LINK = re.compile(r"^(www\.|[a-z][a-z0-9+.-]+:)", re.IGNORECASE)
# A copy in progress; one left behind was killed mid-copy (see clean_partials).
PARTIAL_PREFIX = ".incoming."


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
        if is_safe_link(value):
            sources.append(EvidenceSource(value, url=value))
            continue
        path = Path(value).expanduser()
        try:
            path.stat()
        except (FileNotFoundError, NotADirectoryError):

            link = meant_link(value)
            if link is not None:
                raise ZiError(_("evidence file not found: {value}; if it is a link, write it whole: {link}; nothing was recorded").format(value=value, link=link)) from None
            if _LOOKS_LIKE_LINK.match(value):
                raise ZiError(_("evidence file not found: {value} (a link must start with http:// or https://); nothing was recorded").format(value=value)) from None
            raise ZiError(_("evidence file not found: {value}; nothing was recorded").format(value=value)) from None
        except OSError as exc:  # a name too long, a loop of links ...
            raise ZiError(_("evidence file cannot be read: {value}: {reason}; nothing was recorded").format(value=value, reason=reason(exc))) from None
        if path.is_dir():
            raise ZiError(_("evidence must be a file or a link, and {value} is a folder; nothing was recorded").format(value=value))
        try:
            require_regular(path)  # a FIFO or a device would never end
        except OSError as exc:
            raise ZiError(_("evidence must be a file or a link: {value}: {reason}; nothing was recorded").format(value=value, reason=reason(exc))) from None

        system = system_file_problem(path)  # /proc/self/environ is a "regular file" too
        if system is not None:
            raise ZiError(_("evidence must be a file or a link: {value}: {reason}; nothing was recorded").format(value=value, reason=system))
        if not os.access(path, os.R_OK):
            raise ZiError(_("evidence file cannot be read (permission denied): {value}; nothing was recorded").format(value=value))
        sources.append(EvidenceSource(value, file=path))
    return sources


def folder_for(action: ActionView, month: int, year: int) -> Path:
    """Where an occurrence's files go, relative to the evidence folder."""
    return Path(action.component, action.item, action.id, f"{year}-{month:02d}")


def path_for_user(journal: Journal, stored: str) -> str:
    """A stored file's path as usable from the current folder (as zi_plan.store.workspace.shown prints paths)."""

    return str(shown(journal.evidence_dir / stored))


def copy_hashing(source: Path, destination: Path) -> tuple[str, int]:
    """Copy the regular file ``source`` to ``destination``: (the sha256 of the bytes copied, their count)."""
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(open_regular(source), "rb") as src, destination.open("wb") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return digest.hexdigest(), size


def sha256_of(path: Path, *, source: bool = False) -> tuple[str, int]:
    """The sha256 and size of a stored file, or of a ``source`` the user named."""
    digest = hashlib.sha256()
    size = 0
    # Never through a symbolic link planted in the store; a source named on the
    # command line is read through its link, as `zi done` copies it.
    with os.fdopen(open_regular(path, follow_symlinks=source), "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _safe_name(name: str) -> str:
    # Keep the name people gave it, minus what breaks paths on some systems.
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned or "bukti"


def store(journal: Journal, action: ActionView, month: int, year: int, source: EvidenceSource,
          created: list[Path] | None = None) -> EvidenceEntry:  # fmt: skip
    """Copy one file into the store (atomically) or record a link; the caller holds the lock.

    A file newly placed in the store is added to ``created``, so that the
    caller can take it out again when its record cannot be written.
    """
    return store_in(journal, folder_for(action, month, year), source, created)


def store_in(journal: Journal, subfolder: Path, source: EvidenceSource, created: list[Path] | None = None) -> EvidenceEntry:
    """Copy one file into ``subfolder`` of the evidence store, or record a link (see ``store``)."""
    if source.url is not None:
        return EvidenceEntry(url=source.url)
    assert source.file is not None
    folder = journal.evidence_dir / subfolder
    try:
        check_folder(journal.evidence_dir, folder)  # nothing is written out of the store
    except Refused as exc:
        raise ZiError(_("could not store {file}: {why}; nothing was recorded").format(file=source.text, why=exc.why)) from None

    try:
        make_folders(folder)  # group-writable in a shared office folder, whatever the umask
        # Copy to a temp file first, hashing as we go, so that a crash leaves no half file.
        with atomic_target(None, folder) as staged:
            sha, size = copy_hashing(source.file, staged.tmp)
            target = _free_name(folder, _safe_name(source.file.name), sha)
            # The very same content already stored here: keep nothing new.
            staged.target = None if target.exists() else target
        if staged.target is not None:
            if created is not None:
                created.append(target)
            # The source's times (the file's date still says when it was made),
            # not its mode: a 0600 download would lock colleagues out.
            times = source.file.stat()
            os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))
    except OSError as exc:
        why = blocked(folder / ".incoming") if isinstance(exc, PermissionError) else None
        raise ZiError(_("could not store {file} in {folder}: {reason}; nothing was recorded").format(
            file=source.text, folder=folder, reason=reason(exc)) + (f"; {why}" if why else "")) from None  # fmt: skip
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
        if not candidate.is_symlink() and candidate.is_file() and sha256_of(candidate)[0] == sha:
            return candidate
        n += 1
        candidate = folder / (f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}")
    return candidate


@dataclass(frozen=True)
class VerifyProblem:
    action: str
    month: int
    path: Path
    problem: str  # "missing", "changed", "outside" (never read) or "not-a-file"
    expected: str
    found: str | None = None
    why: str | None = None  # for a refused path: what is wrong with it
    where: str | None = None  # the journal's FILE:LINE:COL of the path

    def line(self) -> str:
        """One line for the terminal: where, which occurrence, what is wrong."""
        when = f"{self.action} {month_name(self.month)}" if self.month else self.action  # month 0: an LKE answer
        if self.problem in ("outside", "not-a-file"):
            return _("{where}: {when}: {why}; the file was not read").format(where=self.where or self.path, when=when, why=self.why)
        if self.problem == "missing":
            what = _("missing")
        else:
            what = _("changed (sha256 now {found}…, recorded {expected}…)").format(found=(self.found or "")[:12], expected=self.expected[:12])
        return f"{self.path}: {when}: {what}"


def stored_state(journal: Journal, entry: EvidenceEntry) -> tuple[str, str | None]:
    """("ok" | "missing" | "changed" | "outside" | "not-a-file", the sha256 found) of a stored file, hashed now.

    A path outside the store, or a symbolic link, is never opened (see zi_plan.fs.jail).
    """
    assert entry.path is not None
    checked = check_stored(journal.evidence_dir, entry.path, entry.sha256)
    return checked.state, checked.sha256


def verify(journal: Journal) -> tuple[int, list[VerifyProblem]]:
    """Re-hash every stored file that counts as evidence now: (files checked, problems).

    Files withdrawn by an undo or a replacement stay in the store for history
    but prove nothing any more, so they are not checked.
    """
    counts = counted(journal)
    checked: dict[tuple[str, str], VerifyProblem | None] = {}
    problems: list[VerifyProblem] = []
    places: list[tuple[int, int]] = []
    for r_index, record in _raw_records(journal):
        if record.event == "undo":
            continue
        for e_index, entry in enumerate(record.evidence):
            if entry.path is None or entry.sha256 is None:
                continue
            key = (entry.path, entry.sha256)
            if key in checked or key not in counts:
                continue
            state = check_stored(journal.evidence_dir, entry.path, entry.sha256)
            found = None
            if state.state != "ok":
                found = VerifyProblem(record.action, record.month, journal.evidence_dir / entry.path, state.state,
                                      entry.sha256, state.sha256, state.why)  # fmt: skip
                places.append((r_index, e_index))
            checked[key] = found
            if found:
                problems.append(found)
    if problems:
        problems = [replace(p, where=w) for p, w in zip(problems, _journal_places(journal, places), strict=True)]
    return len(checked), problems


def counted(journal: Journal) -> set[tuple[str | None, str | None]]:
    """(path, sha256) of every stored file that counts as evidence now."""
    counts = {(e.path, e.sha256) for occ in journal.occurrences.values() for _r, e in occ.evidence}
    # An LKE answer's files count while it is the answer in force; a later
    # answer supersedes it, and its files stay for history, like withdrawn ones.
    latest = {a["lke"]: a for a in journal.answers if a.get("event") == "answer"}
    counts |= {(e.get("path"), e.get("sha256")) for a in latest.values() for e in a.get("evidence") or ()}
    return counts


def named(journal: Journal) -> list[tuple[Record, EvidenceEntry]]:
    """Every stored file a record names (evidence, and files a replace or restore names), once each by (path, sha256), in journal order."""
    seen: set[tuple[str, str]] = set()
    found = []
    for _i, record in _raw_records(journal):
        for entry in (*record.evidence, *record.replaces):
            if entry.path is not None and entry.sha256 is not None and (entry.path, entry.sha256) not in seen:
                seen.add((entry.path, entry.sha256))
                found.append((record, entry))
    return found


def _raw_records(journal: Journal) -> list[tuple[int, Record]]:
    """Each record with its index among the journal's raw records, LKE answers
    included (seen as records of their code, month 0), so that places in the
    text follow the file."""
    rows = getattr(journal, "rows", None)
    if rows is None:
        positions = list(range(len(journal.records) + len(journal.answers)))
    else:
        positions = [i for i, r in enumerate(rows) if not is_answer(r)] + [i for i, r in enumerate(rows) if is_answer(r)]
    answers = [Record(action=a.get("lke") or f"round {a.get('round')}", month=0, event="evidence", at=a["at"], by=a["by"],
                      evidence=tuple(EvidenceEntry(**e) for e in a.get("evidence") or ()),
                      replaces=tuple(EvidenceEntry(**e) for e in a.get("replaces") or ())) for a in journal.answers]  # fmt: skip
    return list(zip(positions, [*journal.records, *answers], strict=True))


def _journal_places(journal: Journal, places: list[tuple[int, int]]) -> list[str | None]:
    """FILE:LINE:COL in the journal of each (record, evidence) path; built only for problems."""
    import yaml  # PyYAML: a warm command never parses YAML

    from zi_plan.schema import yamlio  # PyYAML: a warm command never parses YAML

    try:
        root = yamlio.compose(yamlio.read_text(journal.path))
    except (yamlio.YamlError, yaml.YAMLError):
        return [None] * len(places)
    out: list[str | None] = []
    for r_index, e_index in places:
        line, col = yamlio.locate(root, ("records", r_index, "evidence", e_index, "path"))
        out.append(f"{journal.path}:{line}:{col}" if line else str(journal.path))
    return out


def verify_json(checked: int, problems: list[VerifyProblem], loose: list[Path], partial: list[Path]) -> dict[str, Any]:
    """`zi verify --json`."""
    return {
        "checked": checked,
        "ok": not problems,
        "problems": [{"id": p.action, "month": p.month, "path": str(p.path), "problem": p.problem,
                      "expected_sha256": p.expected, "found_sha256": p.found,
                      "journal_line": p.where, "reason": p.why} for p in problems],
        "unrecorded": [str(p) for p in loose],
        "partial": [str(p) for p in partial],
    }  # fmt: skip


def unrecorded(journal: Journal) -> list[Path]:
    """Files in the evidence folder that no record names.

    Put there by hand, or left by a `zi done` that stopped between copying
    a file and writing its record: not evidence of anything until recorded.
    Partial copies (see ``partials``) and symbolic links are not listed:
    neither should ever be recorded.
    """
    named = {e.path for _i, r in _raw_records(journal) for e in (*r.evidence, *r.replaces) if e.path}
    return sorted(
        journal.evidence_dir / relative for relative in _store_files(journal)
        if not _is_partial(relative) and relative not in named
    )  # fmt: skip


def partials(journal: Journal) -> list[Path]:
    """Partial copies left by a `zi done` that was killed mid-copy."""
    return sorted(journal.evidence_dir / relative for relative in _store_files(journal) if _is_partial(relative))


def _is_partial(relative: str) -> bool:
    return relative.rpartition("/")[2].startswith(PARTIAL_PREFIX)


def _store_files(journal: Journal) -> list[str]:
    """Every regular file in the store, as 'a/b/c' paths. (The folder itself may be a link.)"""
    if not journal.evidence_dir.is_dir():
        return []
    return _files_under(str(journal.evidence_dir), "")


def _files_under(folder: str, prefix: str) -> list[str]:
    """Every file below ``folder``, as 'a/b/c' paths: os.scandir, which knows
    from the listing what is a folder (pathlib asks the disk again per entry).
    Symbolic links are neither entered nor listed: zi never follows one."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_files_under(entry.path, f"{prefix}{entry.name}/"))
            elif entry.is_file(follow_symlinks=False):
                found.append(prefix + entry.name)
    return found


def clean_partials(journal: Journal, since: float) -> int:
    """Remove partial copies, and half-written journals, older than ``since``
    (when the caller took the lock).

    Every copy and every journal write is made under the journal's lock, so
    a temp file there when the lock is taken was left by a writer that was
    killed. Returns how many were removed.
    """
    removed = 0
    stale_journals = journal.path.parent.glob(f".{journal.path.name}.*.tmp")
    for path in [*partials(journal), *stale_journals]:
        try:
            if path.stat().st_mtime <= since:
                path.unlink()
                removed += 1
        except OSError:  # gone already, or not ours to remove: it stays listed by verify
            continue
    return removed


def discard(paths: list[Path]) -> None:
    """Take newly stored files out again (their record could not be written)."""
    for path in paths:
        with contextlib.suppress(OSError):  # if it stays, verify lists it as unrecorded
            path.unlink()
