"""`zi lke review`: what the command line adds to the round's core (tests/lke/test_rounds.py,
tests/formats/test_lke_reviews.py): options, the usage mistakes, the JSON, the lines printed,
the records written. The whole round end to end is tests/lke/test_round.py."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
import yaml

from tests.conftest import PLAN
from zi_plan.lke.layout import layout
from zi_plan.lke.worksheet import load_worksheet


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    return plan


def _records(office) -> list[dict]:
    path = office.parent / "tambrauw-2023.progress.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["records"] if path.exists() else []


def _ok(zi, *args):
    result = zi(*args)
    assert result.code == 0, result.err
    return result


@pytest.fixture
def answered(zi, office, tmp_path):
    _ok(zi, "lke", "answer", "P.1.i.a", "Ya", "--by", "Koordinator")
    _ok(zi, "lke", "answer", "P.2.i.a", "A", "--by", "Koordinator")
    (tmp_path / "tpi.csv").write_text("P.1.i.a,Ya\nP.2.i.a,B,SOP belum mengacu peta proses bisnis\n", encoding="utf-8")
    return office


def test_the_group_without_a_command_shows_its_help(zi):
    result = zi("lke", "review")
    assert all(word in result.out + result.err for word in ("import", "status", "send", "close"))


def test_import_needs_a_file_and_a_reviewer(zi, answered):
    result = zi("lke", "review", "import", "tpi.csv")
    assert result.code == 2 and "--reviewer" in result.err and "Traceback" not in result.err
    result = zi("lke", "review", "import", "tpi.csv", "--reviewer", "  ")
    assert result.code == 2 and "--reviewer needs a name" in result.err
    result = zi("lke", "review", "import", "--reviewer", "TPI")
    assert result.code == 2 and "FILE" in result.err
    assert not [r for r in _records(answered) if r["event"] == "review"]


def test_import_records_the_reviewer_and_the_file_and_says_what_it_read(zi, answered):
    result = _ok(zi, "lke", "review", "import", "tpi.csv", "--reviewer", " TPI Inspektorat ")
    assert "tambrauw-2023.yaml" in result.out.splitlines()[0]  # plan and journal first
    assert result.out.splitlines()[1:4] == ["round 1: 2 reviews by TPI Inspektorat recorded", "  1 accepted, 1 revisi", "  revisi: P.2.i.a"]
    reviews = [r for r in _records(answered) if r["event"] == "review"]
    assert [(r["lke"], r.get("value"), r["status"], r["by"], r["file"], r["round"]) for r in reviews] == [
        ("P.1.i.a", "Ya", "accepted", "TPI Inspektorat", "tpi.csv", 1), ("P.2.i.a", "B", "revisi", "TPI Inspektorat", "tpi.csv", 1)]  # fmt: skip


def test_import_refuses_a_sheet_of_a_closed_round(zi, answered):
    _ok(zi, "lke", "review", "send", "--by", "A")
    _ok(zi, "lke", "sheet", "-o", "round1.xlsx")
    _ok(zi, "lke", "review", "close", "--by", "A")
    book = openpyxl.load_workbook("round1.xlsx")
    book["Jawaban"][f"P{layout(load_worksheet()).by_code['P.1.i.a'].row}"] = "Tidak"
    book.save("round1.xlsx")
    result = zi("lke", "review", "import", "round1.xlsx", "--reviewer", "TPI")
    assert result.code == 1 and "round1.xlsx was written for round 1, and the open round is 2: a closed round is never edited" in result.err
    assert not [r for r in _records(answered) if r["event"] == "review"]


def test_import_of_a_bad_file_records_nothing(zi, answered, tmp_path):
    (tmp_path / "bad.csv").write_text("P.1.i.a,Ya\nP.2.i.a,Z\n", encoding="utf-8")
    result = zi("lke", "review", "import", "bad.csv", "--reviewer", "TPI")
    assert result.code == 1 and "bad.csv:2:1: 'Z' is not an answer to P.2.i.a" in result.err
    assert not [r for r in _records(answered) if r["event"] == "review"]


def test_status_in_a_table_and_in_json(zi, answered):
    _ok(zi, "lke", "review", "send", "--by", "A")
    _ok(zi, "lke", "review", "import", "tpi.csv", "--reviewer", "TPI")
    out = _ok(zi, "lke", "review", "status").out
    assert out.splitlines()[1:3] == ["Round 1 is open (closed: -)", "  draft 0, sent 0, revisi 1, answered again 0, accepted 1"]
    row = next(line for line in out.splitlines() if line.strip().startswith("P.2.i.a"))
    assert row.split()[1:4] == ["revisi", "A", "B"] and "SOP belum" in row
    assert "P.1.i.a" not in out and "P.1.i.a" in _ok(zi, "lke", "review", "status", "--all").out
    result = _ok(zi, "lke", "review", "status", "--json")
    data = json.loads(result.out)
    assert {k: data[k] for k in ("round", "closed", "sent", "counts")} == {
        "round": 1, "closed": [], "sent": [1], "counts": {"draft": 0, "sent": 0, "revisi": 1, "answered_again": 0, "accepted": 1}}  # fmt: skip
    assert [q["code"] for q in data["questions"]] == ["P.1.i.a", "P.2.i.a"]
    assert "tambrauw-2023.yaml" in result.err and "tambrauw-2023.yaml" not in result.out  # the heading beside JSON goes to stderr


def test_status_in_indonesian(zi, answered):
    _ok(zi, "lke", "review", "import", "tpi.csv", "--reviewer", "TPI")
    out = _ok(zi, "--lang", "id", "lke", "review", "status").out
    assert "Putaran 1 terbuka (ditutup: -)" in out and all(word in out for word in ("Kode", "Status", "Catatan TPI"))


def test_send_and_close_record_the_round_with_who_and_a_note(zi, answered):
    sent = _ok(zi, "lke", "review", "send", "--by", "Koordinator", "--note", " lewat PortalRB ")
    assert "tambrauw-2023.yaml" in sent.out.splitlines()[0]  # plan and journal first, as every recording command
    assert sent.out.splitlines()[1] == "round 1: 2 answers sent to the evaluators"
    closed = _ok(zi, "lke", "review", "close", "--by", "Koordinator")
    assert closed.out.splitlines()[1] == "round 1 closed: 0 accepted, 0 revisi; round 2 is open"
    marks = [r for r in _records(answered) if r["event"] in ("send", "close")]
    assert [(r["event"], r["round"], r["by"], r.get("note")) for r in marks] == [("send", 1, "Koordinator", "lewat PortalRB"), ("close", 1, "Koordinator", None)]
    assert _ok(zi, "lke", "review", "send", "--by", "A").out.splitlines()[1] == "round 2: 2 answers sent to the evaluators"


def test_closing_again_with_nothing_new_is_refused(zi, answered):
    _ok(zi, "lke", "review", "close", "--by", "Koordinator")
    result = zi("lke", "review", "close", "--by", "Koordinator")
    assert result.code == 1 and "round 2 has nothing to close: nothing was answered, sent or reviewed since round 1 was closed" in result.err
    assert [r["round"] for r in _records(answered) if r["event"] == "close"] == [1]
    _ok(zi, "lke", "review", "send", "--by", "A")  # something in round 2: now it closes
    assert _ok(zi, "lke", "review", "close", "--by", "A").out.splitlines()[1].startswith("round 2 closed:")


def test_nothing_to_send_or_close(zi, office):
    result = zi("lke", "review", "send", "--by", "A")
    assert result.code == 1 and "nothing to send: no answer is recorded yet (zi lke answer)" in result.err
    result = zi("lke", "review", "close", "--by", "A")
    assert result.code == 1 and "nothing to close: no answer or review is recorded yet" in result.err
    assert _records(office) == []


def test_recording_against_the_bundled_plan_is_refused_unless_named(zi, tmp_path):
    result = zi("lke", "review", "send", "--by", "A")  # no plan in this folder
    assert result.code == 1 and "--plan bundled" in result.err
    assert not list(tmp_path.rglob("*.progress.yaml"))


def test_help_in_indonesian(zi):
    out = " ".join(zi("--lang", "id", "lke", "review", "--help").out.split())
    assert "Putaran evaluasi: jawaban TPI di samping jawaban unit" in out and "Perintah:" in out
    assert all(f" {name} " in out for name in ("import", "status", "send", "close"))  # the commands keep their names
