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
from tests.lke.test_suggest import LINK, SERVED
from zi_plan.lke import suggest
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


def test_score_suggest_json(zi, office):
    result = zi("lke", "score", "--suggest", "--json", "--plan", str(office))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    # As tests/lke/test_suggest.py works them out, but I.1.b is done in its month here: 4 of 5 on schedule.
    assert [(s["code"], s["suggested"], s["done"], s["due"]) for s in data["suggestions"]] == [
        ("P.1.i.a", None, 1, 2), ("P.1.i.b", "B", 2, 3), ("P.1.iii.a", "B", 4, 5), ("P.2.i.b", "C", 1, 2),
    ]  # fmt: skip
    # Suggestions are never recorded: the score still has no answer.
    assert {v["status"] for v in data["questions"].values()} == {"unanswered"}
    assert "plan.yaml" in result.err and "plan.yaml" not in result.out  # the heading goes to stderr beside JSON


def test_score_without_suggest_has_no_suggestions(zi, office):
    data = json.loads(zi("lke", "score", "--json", "--plan", str(office)).out)
    assert "suggestions" not in data
    assert "Suggested" not in zi("lke", "score", "--plan", str(office)).out


def test_score_suggest_table_beside_the_recorded_answers(zi, office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    assert zi("lke", "answer", "P.1.i.b", "A", "--by", "Ani", "--plan", str(office)).code == 0
    out = zi("lke", "score", "--suggest", "--plan", str(office)).out
    assert "Suggested from the progress journal (not recorded: use zi lke answer)" in out
    rows = {line.split()[0]: line.split()[1:3] for line in out.splitlines() if line.strip().startswith(("P.1.i.", "P.1.iii.a", "P.2.i.b"))}
    assert rows == {"P.1.i.a": ["?", "-"], "P.1.i.b": ["B", "A"], "P.1.iii.a": ["B", "-"], "P.2.i.b": ["C", "-"]}
    assert "2 of 3 occurrences of I.1.a, I.1.b due so far done with evidence" in " ".join(out.split())


def test_score_suggest_table_in_indonesian(zi, office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    out = zi("--lang", "id", "lke", "score", "--suggest", "--plan", str(office)).out
    assert "Saran dari jurnal capaian (belum dicatat: gunakan zi lke answer)" in out
    assert all(word in out for word in ("Kode", "Saran", "Tercatat", "Dasar"))
    assert "4 dari 5 pelaksanaan seluruh rencana yang jatuh tempo sejauh ini selesai pada bulannya" in " ".join(out.split())


def test_score_suggest_fits_80_columns(zi, office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = zi("lke", "score", "--suggest", "--plan", str(office)).out
    table = out[out.index("Suggested from"):]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "P.1.iii.a" in table


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

