"""The evidence pack for the evaluators: one zip, organised and indexed.

Folders per component / item / action / month hold every stored file (the
store's own layout, named by the action's id and month now: a stored path keeps
the id it was recorded under, which `zi journal move` may have changed); ``index.html`` and ``index.csv`` list each file or link
with its action, indicator, month, sha256, who recorded it and when; every
scheduled occurrence without evidence is listed as a gap. Files are hashed
again as they are packed, so the index says which ones no longer match.

Evidence withdrawn by `zi undo` or `zi evidence replace` is left out of the
zip (it proves nothing, and an evaluator should not have to tell it apart)
but listed in both indexes as withdrawn, with when, by whom and why; its
occurrence, if left without evidence, is a gap. Each stored file goes in
once, however many records name it, and the counts are the zip's own.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from zi_plan.documents.pack_rows import Row, action_lines, index_texts, page_with_rows, rows_placeholder
from zi_plan.documents.pages import document_meta, render_page
from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_target
from zi_plan.fs.fsguard import write_error
from zi_plan.fs.jail import Refused, member_name, open_stored
from zi_plan.fs.stored_files import StoredFiles
from zi_plan.i18n import _
from zi_plan.model.journal import EvidenceEntry, Journal, Record, Withdrawn, sort_evidence
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import check_month
from zi_plan.store.evidence import folder_for, stored_state
from zi_plan.store.fallback import Fallback

# Past this many gaps the page lists them per action: a row per occurrence
# would make a page too long to read (and to render); index.csv keeps them all.
GAP_ROWS = 1000
# Past this many pieces of evidence the page lists them per action (its months,
# how many files and links, what is wrong): 100,000 rows make a 65 MB page no
# browser shows usefully; index.csv keeps a row for each, with its sha256.
EVIDENCE_ROWS = 2000
# A stored file up to this size is read once, hashed and packed from memory
# (the bytes packed are the bytes hashed); a bigger one is hashed, then copied.
WHOLE = 16 << 20
_CHUNK = 1 << 20
# Kinds compressed already: deflating them again costs time (some 50 MB/s)
# and saves next to nothing, so they are stored as they are, as zip tools do
# by default. PDF is deflated: its text often shrinks by a few percent, which
# counts when the pack is sent over a slow line.
COMPRESSED = frozenset((".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".mp3", ".m4a", ".mp4", ".mov", ".avi", ".mkv",
                        ".zip", ".rar", ".7z", ".gz", ".tgz", ".bz2", ".xz", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"))  # fmt: skip
# The two indexes grow by some 900 bytes of text a record; zlib's level 1 deflates
# them 2.2 times as fast as its default (6), for 15 % more bytes of index.
INDEX_LEVEL = 1
INDEX_COLUMNS = ["KODE", "INDIKATOR", "BULAN", "BERKAS_ATAU_TAUTAN", "SHA256", "UKURAN", "DICATAT_OLEH", "DICATAT_PADA", "STATUS_BERKAS"]


@dataclass
class PackResult:
    files: int = 0  # stored files in the zip (besides the two indexes)
    links: int = 0
    gaps: int = 0
    withdrawn: int = 0  # listed in the index, not packed
    problems: list[str] = field(default_factory=list)
    fallback: Fallback | None = None  # where a file missing here is taken from
    from_store: int = 0  # files so taken


def build_pack(plan: LoadedPlan, journal: Journal, target: Path, up_to: int = 12, fallback: Fallback | None = None) -> PackResult:
    """Write the zip to ``target`` atomically; report what went in and what is wrong.

    A stored file missing here is taken from ``fallback`` (the evidence store) when one is given.
    """
    check_month(up_to)
    try:
        return _build_pack(plan, journal, target, up_to, fallback)
    except OSError as exc:  # a read-only folder, a full disk ...: atomic_target left no half zip
        raise write_error(target, exc) from None


def _build_pack(plan: LoadedPlan, journal: Journal, target: Path, up_to: int, fallback: Fallback | None) -> PackResult:
    result = PackResult(fallback=fallback)
    entries: list[Row] = []
    gaps: list[dict[str, Any]] = []
    with atomic_target(target) as staged, zipfile.ZipFile(staged.tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
         StoredFiles(journal.evidence_dir) as store:  # fmt: skip
        packer = _Packer(journal, archive, result, store)
        folders: dict[str, str] = {}  # action id -> its folder, the month's folder's parent
        for action in plan.actions:
            for month in action.months:
                occ = journal.occurrences.get((action.id, month))
                current, withdrawn = sort_evidence(occ.history) if occ is not None else ([], [])
                if not current and month <= up_to:
                    gaps.append({"action": action, "month": month, "status": occ.status if occ is not None else "open"})
                if current or withdrawn:
                    folder = _folder(folders, action, month, plan.year)
                    entries.extend(packer.occurrence(action, month, folder, current, withdrawn))
        result.files = len(packer.packed)
        result.gaps = len(gaps)
        capped = len(entries) > EVIDENCE_ROWS
        index_csv, evidence_rows = index_texts(INDEX_COLUMNS, entries, gaps, status_text, page_rows=not capped)
        from concurrent.futures import ThreadPoolExecutor  # a thread: only when a pack is written

        # index.csv is deflated while the page is made: zlib lets go of the GIL
        # for it, and nothing else touches the zip until the page is written.
        with ThreadPoolExecutor(1) as worker:
            csv_written = worker.submit(archive.writestr, "index.csv", index_csv, compresslevel=INDEX_LEVEL)
            if capped:
                evidence_rows = action_lines(entries, status_text)
            by_action = gaps_per_action(gaps) if len(gaps) > GAP_ROWS else None
            page = render_page("pack_index.html", meta=document_meta(plan), entries=entries, evidence_rows=rows_placeholder(),
                               evidence_actions=len(evidence_rows) if capped else None, gaps=gaps, gaps_by_action=by_action, up_to=up_to)  # fmt: skip
            html = page_with_rows(page, evidence_rows)
        csv_written.result()  # its error, if any (a full disk ...)
        archive.writestr("index.html", html, compresslevel=INDEX_LEVEL)
    return result


def _folder(folders: dict[str, str], action: Any, month: int, year: int) -> str:
    """folder_for(...).as_posix(), its action's part made once."""
    parent = folders.get(action.id)
    if parent is None:
        parent = folders[action.id] = folder_for(action, month, year).parent.as_posix() + "/"
    return f"{parent}{year}-{month:02d}" if parent != "./" else f"{year}-{month:02d}"


class _Packer:
    """The index rows of each occurrence; its valid stored files into the zip, once each."""

    def __init__(self, journal: Journal, archive: zipfile.ZipFile, result: PackResult, store: StoredFiles) -> None:
        self.journal, self.archive, self.result, self.store = journal, archive, result, store
        self.packed: dict[str, str] = {}  # stored path -> its name in the zip
        self.found: dict[str, str | None] = {}  # stored path packed -> the sha256 it was packed with
        self.names: set[str] = set()  # the names given so far, kept unique

    def occurrence(self, action: Any, month: int, folder: str, current: list[tuple[Record, EvidenceEntry]], withdrawn: list[Withdrawn]) -> list[Row]:
        rows: list[Row] = []
        for record, entry in current:
            if entry.url:
                self.result.links += 1
                rows.append((action, month, record, entry, "link", None, None))
                continue
            assert entry.path is not None
            name = self.packed.get(entry.path) or _member_name(self.names, folder, entry.path)
            state = self.file(entry, name)
            if state == "missing-reported":
                state = "missing"
            elif state != "ok":
                self.result.problems.append(f"{entry.path}: {action.id} {month}: {status_text(state)}")
            rows.append((action, month, record, entry, state, None, name))
        for w in withdrawn:
            shown = None if w.entry.url else f"{folder}/{PurePosixPath(w.entry.path or '').name}"
            rows.append((action, month, w.added, w.entry, "withdrawn", w.by, shown))
            self.result.withdrawn += 1
        return rows

    def file(self, entry: EvidenceEntry, name: str) -> str:
        """A stored file's state, hashed now; into the zip under NAME if it is sound and not there yet."""
        path = entry.path
        assert path is not None
        if path in self.packed:  # hashed as it was packed
            return "ok" if entry.sha256 == self.found[path] else "changed"
        opened = self.store.open(path)
        state = None if opened is None else _hash_and_pack(self.archive, *opened, entry.sha256, name)
        if state is None:  # the jail's own way: it says why a file cannot be read
            state = stored_state(self.journal, entry)[0]
            if state == "missing":  # from the store: remembered as packed, or a second record would fetch and add it again
                state = pack_from_store(self.archive, self.result, entry, name)
            elif state == "ok":
                state = pack_file(self.archive, self.journal, path, name)
        if state == "ok":
            self.packed[path], self.found[path] = name, entry.sha256
            self.names.add(name)
        return state


def _hash_and_pack(archive: zipfile.ZipFile, fd: int, st: os.stat_result, expected: str | None, name: str) -> str | None:
    """Hash an open stored file (and close it); when it matches EXPECTED, into the zip under NAME.

    "ok" or "changed"; the bytes packed are the bytes hashed. None when it could
    not be read (the jail's way then says why).
    """
    try:
        if st.st_size > WHOLE:
            return _hash_and_copy(archive, fd, st, expected, name)
        try:
            data = _read_all(fd, st.st_size)
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != expected:
            return "changed"
        archive.writestr(_member_info(name, st), data)
        return "ok"
    finally:
        os.close(fd)


def _hash_and_copy(archive: zipfile.ZipFile, fd: int, st: os.stat_result, expected: str | None, name: str) -> str | None:
    """A big file: hashed, then copied from its start (not held in memory)."""
    os.set_blocking(fd, True)  # opened without (a FIFO would wait): a buffered reader must not see EAGAIN
    with os.fdopen(fd, "rb", closefd=False) as src:
        digest = hashlib.sha256()
        try:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
        except OSError:
            return None
        if digest.hexdigest() != expected:
            return "changed"
        src.seek(0)
        with archive.open(_member_info(name, st), "w") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
    return "ok"


def _read_all(fd: int, size: int) -> bytes:
    """A small file's bytes, to its end: one read when its size is what fstat said."""
    data = os.read(fd, size + 1)  # a byte more: a file grown since is read on
    if len(data) == size:
        return data
    parts = [data]
    while chunk := os.read(fd, _CHUNK):
        parts.append(chunk)
    return b"".join(parts)


def _member_info(name: str, st: os.stat_result) -> zipfile.ZipInfo:
    """A stored file's entry in the zip: its time and mode, compressed or not by its kind."""
    info = zipfile.ZipInfo(name, date_time=_zip_time(int(max(st.st_mtime, 315532800))))
    info.compress_type = compression_for(name)
    info.external_attr = (st.st_mode & 0xFFFF) << 16
    info.file_size = st.st_size  # lets zipfile choose ZIP64 for a big file
    return info


@functools.lru_cache(maxsize=4096)
def _zip_time(seconds: int) -> tuple[int, int, int, int, int, int]:
    """A file's time in the zip (local, as zip tools write it; 1980 at the earliest): files saved together share it."""
    return time.localtime(seconds)[:6]


def _member_name(taken: set[str], folder: str, stored: str) -> str:
    """unique_name, without building a path for the usual case (a plain name not taken yet)."""
    base = stored.rpartition("/")[2]
    name = f"{folder}/{base}"
    if base in ("", ".", "..") or name in taken:
        return unique_name(taken, folder, stored)
    return name


def unique_name(taken: set[str], folder: str, stored: str) -> str:
    """FOLDER/the stored file's name, with -2, -3 ... before the suffix when another file has it already."""
    path = PurePosixPath(stored)
    name, n = f"{folder}/{path.name}", 1
    while name in taken:
        n += 1
        name = f"{folder}/{path.stem}-{n}{path.suffix}"
    return name


def compression_for(name: str) -> int:
    """How a file goes into the zip: ZIP_STORED for a kind compressed already (COMPRESSED), else ZIP_DEFLATED."""
    return zipfile.ZIP_STORED if os.path.splitext(name)[1].lower() in COMPRESSED else zipfile.ZIP_DEFLATED


def status_text(state: str) -> str:
    """A row's status in the index, in the interface language."""
    texts = {"ok": _("ok"), "missing": _("missing"), "changed": _("changed"), "link": _("link"), "withdrawn": _("withdrawn"),
             "gap-done": _("gap (done, no evidence)"), "gap-open": _("gap (not done)")}  # fmt: skip
    # "outside", "not-a-file": a path the evidence folder's jail refused to read.
    return texts.get(state) or _("not read: outside the evidence folder or not a file")


@contextlib.contextmanager
def to_stdout(name: str) -> Iterator[Path]:
    """`-o -`: a zip built in a temporary folder (zip needs to seek), then
    copied to standard output when the build succeeded, and removed."""
    import tempfile  # tempfile: only when a pack is written

    with tempfile.TemporaryDirectory(prefix="zi-pack-") as folder:
        target = Path(folder) / name
        yield target
        with open(target, "rb") as built:
            shutil.copyfileobj(built, sys.stdout.buffer, 1 << 20)
        sys.stdout.flush()


def pack_file(archive: zipfile.ZipFile, journal: Journal, stored: str, name: str | None = None) -> str:
    """One stored file into the zip, read through the jail, under NAME (default: its normalised relative name).

    Its state: "ok", or why it was not packed (swapped for a link since it was hashed ...).
    """
    try:
        src = open_stored(journal.evidence_dir, stored)
    except Refused as exc:
        return exc.state
    except FileNotFoundError:
        return "missing"
    with src:
        st = os.fstat(src.fileno())
        with archive.open(_member_info(name or member_name(stored), st), "w") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
    return "ok"


def pack_from_store(archive: zipfile.ZipFile, result: PackResult, entry: EvidenceEntry, name: str) -> str:
    """A file missing here, from the evidence store (checked against its sha256 there): "ok", or "missing"."""
    if result.fallback is None or entry.sha256 is None:
        return "missing"
    try:
        with result.fallback.fetched(entry.sha256, entry.size) as copy, copy.open("rb") as src:
            info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
            info.compress_type = compression_for(name)
            info.file_size = entry.size or 0
            with archive.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    except ZiError as exc:
        result.problems.append(_("{path}: missing here, and {why}").format(path=entry.path, why=exc.message))
        return "missing-reported"
    result.from_store += 1
    return "ok"


def gaps_per_action(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The gaps grouped by action, in plan order: its months, how many open and done."""
    grouped: dict[str, dict[str, Any]] = {}
    for gap in gaps:
        row = grouped.setdefault(gap["action"].id, {"action": gap["action"], "months": [], "open": 0, "done": 0})
        row["months"].append(gap["month"])
        row["done" if gap["status"] == "done" else "open"] += 1
    return list(grouped.values())


def default_name(plan: LoadedPlan) -> str:
    return _("evidence-{year}.zip").format(year=plan.year)
