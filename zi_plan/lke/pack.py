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

from zi_plan.evidence import stored_state
from zi_plan.files import atomic_target, csv_bytes
from zi_plan.i18n import _
from zi_plan.journal import EvidenceEntry, Journal
from zi_plan.lke.answers import current
from zi_plan.lke.coverage import served_by
from zi_plan.lke.worksheet import Question, Worksheet
from zi_plan.pack import PackResult, pack_file, status_text
from zi_plan.pages import document_meta, render_page
from zi_plan.plan import LoadedPlan

INDEX_COLUMNS = ["KODE_LKE", "PERTANYAAN", "AKSI", "BULAN", "BERKAS_ATAU_TAUTAN", "SHA256", "DICATAT_OLEH", "DICATAT_PADA", "STATUS"]


@dataclass
class QuestionEvidence:
    question: Question
    folder: str
    actions: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)  # source ("answer" or an action id), month, entry, by, at, state, name


def _clean(text: str) -> str:
    # Folder names that every system accepts, and not too long for Windows paths.
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .")[:60]


def question_folder(sheet: Worksheet, q: Question) -> str:
    sub = sheet.sub_areas[q.sub_area]
    area = f"{q.area} {sheet.area(q.area).name}" if q.area else "H Hasil"
    return f"{_clean(area)}/{_clean(f'{sub.code} {sub.name}')}/{q.code}"


def collect(plan: LoadedPlan, journal: Journal, sheet: Worksheet) -> list[QuestionEvidence]:
    """Every scored question with the evidence that speaks to it, in worksheet order."""
    served = served_by(plan)
    answers = current(journal)
    out = []
    for q in sheet.scored:
        item = QuestionEvidence(q, question_folder(sheet, q), served.get(q.code, []))
        for code in (q.code, *q.inputs):  # a percentage question's evidence is its inputs'
            answer = answers.get(code)
            if answer is not None:
                item.rows += [{"source": code, "month": None, "entry": e, "by": answer.by, "at": answer.at} for e in answer.evidence]
        for action_id in item.actions:
            for month in plan.by_id[action_id].months:
                for record, entry in journal.occurrence(action_id, month).evidence:
                    item.rows.append({"source": action_id, "month": month, "entry": entry, "by": record.by, "at": record.at})
        out.append(item)
    return out


def _name_in_pack(entry: EvidenceEntry, row: dict[str, Any], year: int) -> str:
    """``I.1.a_2023-04_sk.pdf`` for an action's file, ``LKE_sk.pdf`` for an answer's.

    The action's id and month now, not those in the stored path (`zi journal move` may have changed the id).
    """
    assert entry.path is not None
    name = entry.path.split("/")[-1]
    return f"LKE_{name}" if row["month"] is None else f"{row['source']}_{year}-{row['month']:02d}_{name}"


def build_lke_pack(plan: LoadedPlan, journal: Journal, sheet: Worksheet, target: Path) -> PackResult:
    """Write the zip to ``target`` atomically."""
    result = PackResult()
    items = collect(plan, journal, sheet)
    with atomic_target(target) as staged, zipfile.ZipFile(staged.tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        states: dict[str, str] = {}
        for item in items:
            if not item.rows:
                result.gaps += 1
            for row in item.rows:
                _pack_row(journal, archive, item, row, states, result, plan.year)
        archive.writestr("index.csv", _index_csv(items))
        page = render_page("lke_pack_index.html", meta=document_meta(plan), items=items, year=sheet.year)
        archive.writestr("index.html", page.encode("utf-8"))
    return result


def _pack_row(journal: Journal, archive: zipfile.ZipFile, item: QuestionEvidence, row: dict[str, Any],
              states: dict[str, str], result: PackResult, year: int) -> None:  # fmt: skip
    """One file or link of a question: checked once, packed once per question folder."""
    entry = row["entry"]
    if entry.url:
        row["state"], row["name"] = "link", entry.url
        result.links += 1
        return
    if entry.path not in states:
        states[entry.path] = stored_state(journal, entry)[0]
        if states[entry.path] != "ok":
            result.problems.append(f"{entry.path}: {states[entry.path]}")
    row["state"], row["name"] = states[entry.path], f"{item.folder}/{_name_in_pack(entry, row, year)}"
    if row["state"] == "ok" and row["name"] not in archive.namelist():
        # Read through the evidence folder's jail, like the pack by action: never a link's target.
        row["state"] = pack_file(archive, journal, entry.path, row["name"])
        result.files += row["state"] == "ok"


def _index_csv(items: list[QuestionEvidence]) -> bytes:
    rows: list[list[Any]] = [INDEX_COLUMNS]
    for item in items:
        q = item.question
        if not item.rows:
            state = _("gap (no action serves it)") if not item.actions else _("gap (no evidence yet)")
            rows.append([q.code, q.text, ", ".join(item.actions), "", "", "", "", "", state])
        for row in item.rows:
            entry = row["entry"]
            rows.append([q.code, q.text, row["source"], row["month"] or "", row["name"], entry.sha256 or "", row["by"], row["at"].isoformat(), status_text(row["state"])])
    return csv_bytes(rows)
