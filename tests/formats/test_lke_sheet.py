"""lke_sheet: the answer sheet for the evaluators, as rows, a workbook and PortalRB JSON."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import MINIMAL
from zi_plan.formats.lke_sheet import evidence_links, sheet_rows, summary_rows, to_portalrb, to_xlsx
from zi_plan.lke.answers import current
from zi_plan.lke.score import score
from zi_plan.lke.worksheet import Worksheet, load_worksheet
from zi_plan.model.journal import EvidenceEntry, Journal
from zi_plan.model.plan import LoadedPlan, build_plan

AT = dt.datetime(2024, 5, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))
SK = {"path": "lke/P.1.i.a/sk.pdf", "sha256": "a" * 64, "size": 2, "name": "sk.pdf"}


def _answer(code: str, value, **more) -> dict:
    return {"event": "answer", "lke": code, "value": value, "at": AT.isoformat(), "by": "Ani"} | more


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return load_worksheet()


@pytest.fixture
def plan() -> LoadedPlan:
    return build_plan(Path("kantor.yaml"), yaml.safe_load(MINIMAL))


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    answers = [
        _answer("P.1.i.a", "Tidak"),
        _answer("P.1.i.a", "Ya", note="SK terbit", evidence=[SK, {"url": "https://drive.example/sk"}]),  # supersedes the first
        _answer("P.1.i.b", "B"),
        _answer("R.1.i.a.1", 4), _answer("R.1.i.a.2", 2),  # the inputs of percentage question R.1.i.a
    ]  # fmt: skip
    return Journal(tmp_path / "j.yaml", tmp_path / "e", [], {}, answers=answers)


def test_evidence_links_are_links_or_places_in_the_store():
    assert evidence_links((EvidenceEntry(**SK), EvidenceEntry(url="https://x.id/a"))) == ["lke/P.1.i.a/sk.pdf", "https://x.id/a"]
    assert evidence_links(()) == []


def test_one_row_per_entry_of_the_worksheet_in_its_order(sheet, journal):
    answers = current(journal)
    rows = sheet_rows(sheet, answers, score(sheet, {c: a.value for c, a in answers.items()}))
    assert [r.code for r in rows] == [q.code for q in sheet.questions]
    by_code = {r.code: r for r in rows}
    first = by_code["P.1.i.a"]
    assert (first.answer, first.value, first.note, first.soal_id) == ("Ya", 1.0, "SK terbit", 1)
    assert first.evidence == ["lke/P.1.i.a/sk.pdf", "https://drive.example/sk"] and first.sub_area == sheet.sub_areas["P.1.i"].name
    assert by_code["R.1.i.a"].answer is None and by_code["R.1.i.a"].value == pytest.approx(0.5)  # computed: 2 of 4
    assert by_code["P.1.ii.a"].answer is None and by_code["P.1.ii.a"].evidence == []


def test_the_portalrb_file_holds_one_entry_per_answered_soal_id(sheet, plan, journal):
    data = json.loads(to_portalrb(plan, journal, sheet))
    assert data["worksheet"] == sheet.year and data["institution"] == "Kantor Contoh" and data["plan_year"] == 2024
    assert set(data["answers"]) == {"1", "2", "88", "89"}  # R.1.i.a, a percentage, has no soal_id: PortalRB takes its inputs
    assert data["answers"]["1"] == {"code": "P.1.i.a", "answer": "Ya", "note": "SK terbit", "evidence": ["lke/P.1.i.a/sk.pdf", "https://drive.example/sk"],
                                    "answered_by": "Ani", "answered_at": "2024-05-02T10:00:00+09:00"}  # fmt: skip
    assert data["answers"]["88"]["answer"] == 4


def test_nothing_answered_is_an_empty_portalrb_file(sheet, plan, tmp_path):
    assert json.loads(to_portalrb(plan, Journal(tmp_path / "j", tmp_path / "e", [], {}), sheet))["answers"] == {}


def test_the_summary_gives_both_readings_and_the_gates(sheet, plan, journal):
    answers = current(journal)
    result = score(sheet, {c: a.value for c, a in answers.items()})
    rows = summary_rows(plan, sheet, result)
    assert rows[0][0] == "Kantor Contoh"
    total = next(r for r in rows if r and r[0] == "Total")
    assert total[1] == round(result.answered.total, 2) and total[2] == round(result.strict.total, 2) and total[2] <= total[1]
    assert rows[-1] == [f"LKE {sheet.year}; score computed by zi from the answers recorded in the journal"]
    gates = rows[rows.index([]) + 1 : -1]
    assert len(gates) == len(result.gates) and all(g[1] in ("pass", "fail") for g in gates)


def test_the_workbook_has_the_sheet_and_its_summary(sheet, plan, journal):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(plan, journal, sheet)))
    assert book.sheetnames == ["LKE", "Summary"]
    rows = list(book["LKE"].iter_rows(values_only=True))
    assert rows[0][0] == "Code" and len(rows) == len(sheet.questions) + 1
    p1 = next(r for r in rows if r[0] == "P.1.i.a")
    assert p1[5] == "Ya" and p1[8] == "lke/P.1.i.a/sk.pdf\nhttps://drive.example/sk" and p1[9] == 1
