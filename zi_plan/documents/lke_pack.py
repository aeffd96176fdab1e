"""`zi evidence pack --by lke`: the evidence laid out by LKE question, as evaluators read it.

Folders ``AREA/SUB-AREA/CODE/`` (e.g. ``1 Manajemen Perubahan/P.1.i Penyusunan
Tim Kerja/P.1.i.a/``) hold the files recorded with the answer to that
question and every file of every action that serves it (a file serves as
many questions as its action does, so it may appear in several folders).
The index lists every question with its evidence, or as a gap.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_plan.documents.pack import PackResult, pack_file, pack_from_store, status_text
from zi_plan.documents.pages import document_meta, render_page
from zi_plan.fs.files import atomic_target, csv_bytes
from zi_plan.i18n import _
from zi_plan.lke.answers import current, history
from zi_plan.lke.coverage import served_by
from zi_plan.lke.worksheet import Question, Worksheet
from zi_plan.model.journal import EvidenceEntry, Journal, withdrawal_text
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.evidence import stored_state
from zi_plan.store.fallback import Fallback

INDEX_COLUMNS = ["KODE_LKE", "PERTANYAAN", "AKSI", "BULAN", "BERKAS_ATAU_TAUTAN", "SHA256", "DICATAT_OLEH", "DICATAT_PADA", "STATUS"]


@dataclass
class QuestionEvidence:
    question: Question
    folder: str
    actions: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)  # source ("answer" or an action id), month, entry, by, at, state, name[, gone]

    @property
    def gap(self) -> bool:  # no evidence that counts (withdrawn and superseded files prove nothing)
        return all("gone" in row for row in self.rows)


def _clean(text: str) -> str:
    # Folder names that every system accepts, and not too long for Windows paths.
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .")[:60]


def question_folder(sheet: Worksheet, q: Question) -> str:
    sub = sheet.sub_areas[q.sub_area]
    area = f"{q.area} {sheet.area(q.area).name}" if q.area else "H Hasil"
    return f"{_clean(area)}/{_clean(f'{sub.code} {sub.name}')}/{q.code}"


def collect(plan: LoadedPlan, journal: Journal, sheet: Worksheet) -> list[QuestionEvidence]:
    """Every scored question with the evidence that speaks to it, in worksheet order.

    Evidence that no longer counts is listed too (``gone`` says how), never packed:
    an action's files withdrawn by an undo or a replace, as the pack by action
    lists them, and the files of an answer a later answer superseded."""
    served = served_by(plan)
    answers = current(journal)
    earlier = history(journal)
    out = []
    for q in sheet.scored:
        item = QuestionEvidence(q, question_folder(sheet, q), served.get(q.code, []))
        for code in (q.code, *q.inputs):  # a percentage question's evidence is its inputs'
            answer = answers.get(code)
            if answer is not None:
                item.rows += [{"source": code, "month": None, "entry": e, "by": answer.by, "at": answer.at} for e in answer.evidence]
                kept = {(e.path, e.url, e.sha256) for e in answer.evidence}
                gone = _("answered again {date}").format(date=f"{answer.at:%Y-%m-%d}")
                item.rows += [{"source": code, "month": None, "entry": e, "by": a.by, "at": a.at, "gone": ("superseded", gone)}
                              for a in earlier if a.code == code and a != answer for e in a.evidence
                              if (e.path, e.url, e.sha256) not in kept]  # fmt: skip
        for action_id in item.actions:
            for month in plan.by_id[action_id].months:
                occ = journal.occurrence(action_id, month)
                for record, entry in occ.evidence:
                    item.rows.append({"source": action_id, "month": month, "entry": entry, "by": record.by, "at": record.at})
                item.rows += [{"source": action_id, "month": month, "entry": w.entry, "by": w.added.by, "at": w.added.at,
                               "gone": ("withdrawn", withdrawal_text(w.by))} for w in occ.withdrawn]  # fmt: skip
        out.append(item)
    return out


def _name_in_pack(entry: EvidenceEntry, row: dict[str, Any], year: int) -> str:
    """``I.1.a_2023-04_sk.pdf`` for an action's file, ``LKE_sk.pdf`` for an answer's.

    The action's id and month now, not those in the stored path (`zi journal move` may have changed the id).
    """
    assert entry.path is not None
    name = entry.path.split("/")[-1]
    return f"LKE_{name}" if row["month"] is None else f"{row['source']}_{year}-{row['month']:02d}_{name}"


def build_lke_pack(plan: LoadedPlan, journal: Journal, sheet: Worksheet, target: Path, fallback: Fallback | None = None) -> PackResult:
    """Write the zip to ``target`` atomically; a file missing here comes from ``fallback`` (the evidence store) when given."""
    result = PackResult(fallback=fallback)
    items = collect(plan, journal, sheet)
    with atomic_target(target) as staged, zipfile.ZipFile(staged.tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        states: dict[str, str] = {}
        packed: set[str] = set()  # names in the zip (ZipFile.namelist() is a new list on every call)
        gone: set[tuple[Any, ...]] = set()
        for item in items:
            if item.gap:
                result.gaps += 1
            for row in item.rows:
                if "gone" in row:  # listed in the index, not packed; counted once however many questions list it
                    row["state"], row["name"] = row["gone"][0], row["entry"].url or row["entry"].path
                    gone.add((row["source"], row["month"], row["entry"].path, row["entry"].url, row["entry"].sha256))
                else:
                    _pack_row(journal, archive, item, row, (states, packed), result, plan.year)
        result.withdrawn = len(gone)
        archive.writestr("index.csv", _index_csv(items))
        page = render_page("lke_pack_index.html", meta=document_meta(plan), items=items, year=sheet.year, status=row_status)
        archive.writestr("index.html", page.encode("utf-8"))
    return result


def _pack_row(journal: Journal, archive: zipfile.ZipFile, item: QuestionEvidence, row: dict[str, Any],
              seen: tuple[dict[str, str], set[str]], result: PackResult, year: int) -> None:  # fmt: skip
    """One file or link of a question: checked once, packed once per question folder."""
    entry, (states, packed) = row["entry"], seen
    if entry.url:
        row["state"], row["name"] = "link", entry.url
        result.links += 1
        return
    name = f"{item.folder}/{_name_in_pack(entry, row, year)}"
    if entry.path not in states:
        states[entry.path] = stored_state(journal, entry)[0]
        if states[entry.path] not in ("ok", "missing") or (states[entry.path] == "missing" and result.fallback is None):
            result.problems.append(f"{entry.path}: {states[entry.path]}")
    row["state"], row["name"] = states[entry.path], name
    if row["state"] == "missing" and result.fallback is not None and name not in packed:
        state = pack_from_store(archive, result, entry, name)
        row["state"] = "missing" if state == "missing-reported" else state
        if row["state"] == "ok":
            packed.add(name)
            result.files += 1
    elif row["state"] == "ok" and row["name"] not in packed:
        # Read through the evidence folder's jail, like the pack by action: never a link's target.
        row["state"] = pack_file(archive, journal, entry.path, row["name"])
        if row["state"] == "ok":
            packed.add(row["name"])
            result.files += 1


def _index_csv(items: list[QuestionEvidence]) -> bytes:
    rows: list[list[Any]] = [INDEX_COLUMNS]
    for item in items:
        q = item.question
        if item.gap:
            state = _("gap (no action serves it)") if not item.actions else _("gap (no evidence yet)")
            rows.append([q.code, q.text, ", ".join(item.actions), "", "", "", "", "", state])
        for row in item.rows:
            entry = row["entry"]
            rows.append([q.code, q.text, row["source"], row["month"] or "", row["name"], entry.sha256 or "", row["by"], row["at"].isoformat(), row_status(row)])
    return csv_bytes(rows)


def row_status(row: dict[str, Any]) -> str:
    """A row's status in the index: ok, missing ... or how it stopped counting."""
    if "gone" in row:
        kind, how = row["gone"]
        word = _("withdrawn") if kind == "withdrawn" else _("superseded")  # outside the f-string, so that the catalogue sees both
        return f"{word} ({how})"
    return status_text(row["state"])
