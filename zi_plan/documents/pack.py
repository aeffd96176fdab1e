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
import os
import shutil
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from zi_plan.documents.pages import document_meta, render_page
from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_target, csv_bytes
from zi_plan.fs.fsguard import write_error
from zi_plan.fs.jail import Refused, member_name, open_stored
from zi_plan.i18n import _
from zi_plan.model.journal import EvidenceEntry, Journal, Occurrence, withdrawal_text
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import check_month
from zi_plan.store.evidence import folder_for, stored_state
from zi_plan.store.fallback import Fallback

# Past this many gaps the page lists them per action: a row per occurrence
# would make a page too long to read (and to render); index.csv keeps them all.
GAP_ROWS = 1000
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
    entries: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    with atomic_target(target) as staged, zipfile.ZipFile(staged.tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        packed: dict[str, str] = {}  # stored path -> its name in the zip
        names: set[str] = set()  # the names given so far, kept unique
        for action in plan.actions:
            for month in action.months:
                occ = journal.occurrence(action.id, month)
                if not occ.evidence and month <= up_to:
                    gaps.append({"action": action, "month": month, "status": occ.status})
                folder = folder_for(action, month, plan.year).as_posix()
                entries.extend(_pack_occurrence(journal, archive, (packed, names), result, action, occ, folder))
        result.files = len(packed)
        result.gaps = len(gaps)
        archive.writestr("index.csv", _index_csv(entries, gaps))
        by_action = gaps_per_action(gaps) if len(gaps) > GAP_ROWS else None
        page = render_page("pack_index.html", meta=document_meta(plan), entries=entries, gaps=gaps, gaps_by_action=by_action, up_to=up_to,
                           status_text=status_text, withdrawal_text=withdrawal_text)  # fmt: skip
        archive.writestr("index.html", page.encode("utf-8"))
    return result


def _pack_occurrence(journal: Journal, archive: zipfile.ZipFile, given: tuple[dict[str, str], set[str]], result: PackResult,
                     action: Any, occ: Occurrence, folder: str) -> list[dict[str, Any]]:  # fmt: skip
    """The index rows of one occurrence; its valid stored files go into the zip (once each) under FOLDER."""
    rows: list[dict[str, Any]] = []
    month, (packed, names) = occ.month, given
    for record, entry in occ.evidence:
        row: dict[str, Any] = {"action": action, "month": month, "record": record, "entry": entry, "state": "link", "withdrawn": None}
        if entry.url:
            result.links += 1
        else:
            assert entry.path is not None
            row["state"] = stored_state(journal, entry)[0]
            row["name"] = packed.get(entry.path) or unique_name(names, folder, entry.path)
            if row["state"] == "missing" and entry.path not in packed:
                row["state"] = pack_from_store(archive, result, entry, row["name"])
            elif row["state"] == "ok" and entry.path not in packed:
                row["state"] = pack_file(archive, journal, entry.path, row["name"])
                if row["state"] == "ok":
                    packed[entry.path] = row["name"]
                    names.add(row["name"])
            if row["state"] == "missing-reported":
                row["state"] = "missing"
            elif row["state"] != "ok":
                result.problems.append(f"{entry.path}: {action.id} {month}: {status_text(row['state'])}")
        rows.append(row)
    for w in occ.withdrawn:
        name = None if w.entry.url else f"{folder}/{PurePosixPath(w.entry.path or '').name}"
        rows.append({"action": action, "month": month, "record": w.added, "entry": w.entry, "state": "withdrawn", "withdrawn": w.by, "name": name})
        result.withdrawn += 1
    return rows


def unique_name(taken: set[str], folder: str, stored: str) -> str:
    """FOLDER/the stored file's name, with -2, -3 ... before the suffix when another file has it already."""
    path = PurePosixPath(stored)
    name, n = f"{folder}/{path.name}", 1
    while name in taken:
        n += 1
        name = f"{folder}/{path.stem}-{n}{path.suffix}"
    return name


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
        info = zipfile.ZipInfo(name or member_name(stored), date_time=time.localtime(max(st.st_mtime, 315532800))[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = (st.st_mode & 0xFFFF) << 16
        info.file_size = st.st_size  # lets zipfile choose ZIP64 for a big file
        with archive.open(info, "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    return "ok"


def pack_from_store(archive: zipfile.ZipFile, result: PackResult, entry: EvidenceEntry, name: str) -> str:
    """A file missing here, from the evidence store (checked against its sha256 there): "ok", or "missing"."""
    if result.fallback is None or entry.sha256 is None:
        return "missing"
    try:
        with result.fallback.fetched(entry.sha256, entry.size) as copy, copy.open("rb") as src:
            info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
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


def _index_csv(entries: list[dict[str, Any]], gaps: list[dict[str, Any]]) -> bytes:
    rows: list[list[Any]] = [INDEX_COLUMNS]
    for row in entries:
        entry, record, action = row["entry"], row["record"], row["action"]
        state = status_text(row["state"])
        if row["withdrawn"] is not None:
            state += f" ({withdrawal_text(row['withdrawn'])})"
        rows.append([
            action.id, action.indicator, row["month"], entry.url or row["name"], entry.sha256 or "", entry.size or "",
            record.by, record.at.isoformat(), state,
        ])  # fmt: skip
    for gap in gaps:
        action = gap["action"]
        rows.append([action.id, action.indicator, gap["month"], "", "", "", "", "", status_text("gap-done" if gap["status"] == "done" else "gap-open")])
    return csv_bytes(rows)


def default_name(plan: LoadedPlan) -> str:
    return _("evidence-{year}.zip").format(year=plan.year)
