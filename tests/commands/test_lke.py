"""The `zi lke` group's own parsing and printing: `zi lke score --suggest` end to end, and the usage mistakes.

What each command computes is tested with its core (tests/lke/); here, what
the command line adds: options, the JSON it prints, the table's words in both
languages, and the exit code of a mistake.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.journals import plan_at, record
from tests.lke.test_suggest import LINK, SERVED, full_marks
from zi_plan.lke import suggest
from zi_plan.lke.answers import answer_values
from zi_plan.lke.score import score
from zi_plan.lke.worksheet import load_worksheet
from zi_plan.model.fingerprint import stamped
from zi_plan.store.journal import append_records, load_journal
from zi_plan.store.plans import load_plan


@pytest.fixture
def office(tmp_path, monkeypatch):
    """The plan of tests/lke/test_suggest.py with its journal written to disk, seen in April 2024."""
    plan = plan_at(tmp_path, SERVED)
    records = [record("I.1.a", 1, links=LINK), record("I.1.a", 4), record("I.1.b", 2, links=LINK), record("II.1.a", 3, links=LINK)]
    append_records(load_journal(plan), plan, [stamped(r, plan.by_id[r.action]) for r in records])
    monkeypatch.setattr(suggest, "today", lambda: dt.date(2024, 4, 15))
    return plan.path


SERVED_CODES = ("P.1.i.a", "P.1.i.b", "P.1.iii.a", "P.2.i.b")


@pytest.fixture
def answered(office):
    """The office with every question answered at full marks but the four its actions serve, at their worst:
    every gate met, so the only moves are those four, each toward the total."""
    answers = full_marks(load_worksheet()) | {"P.1.i.a": "Tidak", "P.1.i.b": "C", "P.1.iii.a": "D", "P.2.i.b": "E"}
    (office.parent / "a.csv").write_text("".join(f"{code},{value}\n" for code, value in answers.items()), encoding="utf-8")
    return office


def _answer_file(zi, plan):
    result = zi("lke", "answer", "--file", str(plan.parent / "a.csv"), "--by", "Ani", "--plan", str(plan))
    assert result.code == 0, result.err


def test_score_suggest_json(zi, office):
    result = zi("lke", "score", "--suggest", "--json", "--plan", str(office))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    moves = {m["code"]: m for m in data["suggestions"]}
    # As tests/lke/test_suggest.py works them out, but I.1.b is done in its month here: 4 of 5 on schedule.
    assert [(c, moves[c]["suggested"], moves[c]["done"], moves[c]["due"]) for c in SERVED_CODES] == [
        ("P.1.i.a", "Ya", 1, 2), ("P.1.i.b", "B", 2, 3), ("P.1.iii.a", "B", 4, 5), ("P.2.i.b", "C", 1, 2),
    ]  # fmt: skip
    gains = [m["gain"] for m in data["suggestions"]]
    assert gains == sorted(gains, reverse=True) and len(gains) == len(data["questions"])  # nothing answered: every question can gain
    # Suggestions are never recorded: the score still has no answer.
    assert {v["status"] for v in data["questions"].values()} == {"unanswered"}
    assert "plan.yaml" in result.err and "plan.yaml" not in result.out  # the heading goes to stderr beside JSON


def test_score_without_suggest_has_no_suggestions(zi, office):
    data = json.loads(zi("lke", "score", "--json", "--plan", str(office)).out)
    assert "suggestions" not in data
    assert "Moves worth most" not in zi("lke", "score", "--plan", str(office)).out


def test_score_suggest_table_beside_the_recorded_answers(zi, answered, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    _answer_file(zi, answered)
    out = zi("lke", "score", "--suggest", "--plan", str(answered)).out
    assert "✓ WBBM: meets every gate" in out
    table = out[out.index("Moves worth most toward the gates not met (the journal's suggestion is never recorded: use zi lke answer)"):]
    rows = {line.split()[0]: line.split()[1:5] for line in table.splitlines() if line.strip().startswith(SERVED_CODES)}
    # Now, the move (full marks), its gain (every gate met: toward the total), what the journal suggests.
    sheet, answers = load_worksheet(), answer_values(load_journal(load_plan(answered)))
    before = score(sheet, answers).answered.total
    gain = {c: f"{score(sheet, answers | {c: best}).answered.total - before:.2f}" for c, best in zip(SERVED_CODES, ("Ya", "A", "A", "A"), strict=True)}
    assert rows == {"P.1.i.a": ["Tidak", "Ya", gain["P.1.i.a"], "Ya"], "P.1.i.b": ["C", "A", gain["P.1.i.b"], "B"],
                    "P.1.iii.a": ["D", "A", gain["P.1.iii.a"], "B"], "P.2.i.b": ["E", "A", gain["P.2.i.b"], "C"]}  # fmt: skip
    words = " ".join(table.split())
    assert "2 of 3 occurrences of I.1.a, I.1.b due so far done with evidence; Total score +" in words
    assert "more moves" not in table


def test_score_suggest_table_in_indonesian(zi, answered, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    _answer_file(zi, answered)
    out = zi("--lang", "id", "lke", "score", "--suggest", "--plan", str(answered)).out
    assert "Langkah yang paling menambah nilai menuju syarat yang belum terpenuhi" in " ".join(out.split())
    assert all(word in out for word in ("Kode", "Sekarang", "Langkah", "Tambahan", "Saran", "Dasar"))
    words = " ".join(out.split())
    assert "4 dari 5 pelaksanaan seluruh rencana yang jatuh tempo sejauh ini selesai pada bulannya; Nilai total +" in words


def test_score_suggest_fits_80_columns(zi, office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = zi("lke", "score", "--suggest", "--plan", str(office)).out
    table = out[out.index("Moves worth most"):]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "H.1.a" in table and "more moves: zi lke score --suggest --json lists them all" in table


@pytest.mark.parametrize("area", ["7", "X", "0"])
def test_list_refuses_an_unknown_area(zi, office, area):
    result = zi("lke", "list", "--area", area, "--plan", str(office))
    assert result.code == 2 and "unknown area" in result.err and "Traceback" not in result.err


def test_list_counts_questions_and_inputs(zi, office):
    out = zi("lke", "list", "--area", "H", "--plan", str(office)).out
    assert "LKE Zona Integritas 2026" in out
    assert "3 questions scored, 0 count inputs" in out


@pytest.mark.parametrize(
    "args",
    [("answer",), ("answer", "P.1.i.a"), ("answer", "P.1.i.a", "Ya", "--file", "a.csv"), ("answer", "--file", "a.csv", "-e", "x.pdf")],
)
def test_answer_needs_code_and_value_or_a_file_alone(zi, office, args):
    result = zi("lke", *args, "--plan", str(office))
    assert result.code == 2 and "Traceback" not in result.err
    assert "--file" in result.err
    assert not any(a.get("event") == "answer" for a in load_journal(load_plan(office)).answers)


def test_sheet_refuses_an_unknown_format(zi, office):
    result = zi("lke", "sheet", "--format", "pdf", "--plan", str(office))
    assert result.code == 2 and "unknown format 'pdf'" in result.err



def test_the_portalrb_file_takes_the_units_code_and_predicate_from_units_yaml(zi, tmp_path, monkeypatch):
    import json
    import shutil

    from tests.conftest import PLAN

    monkeypatch.chdir(tmp_path)
    assert zi("units", "init", "--organisation", "KPU Provinsi Papua Barat Daya", "--year", "2023").code == 0
    assert zi("units", "add", "9105", "--name", "KPU Kabupaten Tambrauw", "--predicate", "WBK-afirmasi").code == 0
    plan = tmp_path / "units" / "9105" / "plans" / "tambrauw-2023.yaml"
    plan.parent.mkdir(parents=True)
    shutil.copy(PLAN, plan)
    out = tmp_path / "portalrb.json"
    result = zi("lke", "sheet", "--format", "portalrb", "-o", str(out), "--plan", str(plan))
    assert result.code == 0, result.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["unit_id"], data["kategori"], data["afirmasi"]) == ("9105", "WBK-AFIRMASI", True)
    chosen = zi("lke", "sheet", "--format", "portalrb", "-o", str(out), "--force", "--plan", str(plan), "--unit-id", "KPU-9105", "--kategori", "WBK")
    assert chosen.code == 0, chosen.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["unit_id"], data["kategori"], data["afirmasi"]) == ("KPU-9105", "WBK", False)  # the options win
