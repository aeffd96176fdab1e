"""lke.suggest: answers read off the progress journal, never recorded.

The plan below serves four questions; the journal, as of April 2024, has
some of their occurrences done (with evidence or not, on time or late).
Each expected suggestion is worked out in the comments from the rule:
all due done -> the best option, none -> the worst, in between a middle
option by the share; Ya/Tidak half done -> no suggestion.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MINIMAL
from tests.journals import journal_of, late, plan_at, record
from zi_plan.lke import suggest
from zi_plan.lke.suggest import Suggestion, as_of_month, option_for, suggestions
from zi_plan.lke.worksheet import load_worksheet

SERVED = (
    MINIMAL.replace("            months: [1, 4]\n", "            months: [1, 4]\n            lke: [P.1.i.a, P.1.i.b]\n")
    .replace("            months: [2]\n", "            months: [2]\n            lke: [P.1.i.b, H.1.b]\n")
    .replace("            months: [3, 4, 5]\n", "            months: [3, 4, 5]\n            lke: [P.2.i.b]\n")
)
LINK = ("https://example.org/bukti",)


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path, SERVED)


@pytest.fixture
def journal(plan):
    return journal_of(
        plan,
        record("I.1.a", 1, links=LINK),
        record("I.1.a", 4),  # done, without evidence
        record("I.1.b", 2, at=late(2024, 2), links=LINK),  # done late, with evidence
        record("II.1.a", 3, links=LINK),
    )


def test_suggestions_as_of_april(plan, journal):
    found = suggestions(plan, journal, load_worksheet(), as_of=4)
    assert [(s.code, s.suggested, s.done, s.due) for s in found] == [
        # I.1.a Jan and Apr due, only January with evidence: 1/2 of a Ya/Tidak question decides nothing.
        ("P.1.i.a", None, 1, 2),
        # I.1.a Jan, Apr and I.1.b Feb: 2/3 with evidence (late counts here) -> the middle of A/B/C.
        ("P.1.i.b", "B", 2, 3),
        # The whole plan: I.1.a Jan, Apr, I.1.b Feb, II.1.a Mar, Apr = 5 due; done in their month:
        # I.1.a Jan and Apr (evidence does not matter here), II.1.a Mar = 3/5 -> of A/B/C/D's middle [B, C], B.
        ("P.1.iii.a", "B", 3, 5),
        # II.1.a Mar and Apr: 1/2 -> of A..E's middle [B, C, D], floor(0.5 * 3) = 1 -> C.
        ("P.2.i.b", "C", 1, 2),
    ]
    # H.1.b (the hasil part, from the surveys) is served but never suggested.
    assert "H.1.b" not in {s.code for s in found}


def test_bases_say_how_far_the_work_went(plan, journal):
    by_code = {s.code: s for s in suggestions(plan, journal, load_worksheet(), as_of=4)}
    assert by_code["P.1.i.b"].basis == "2 of 3 occurrences of I.1.a, I.1.b due so far done with evidence"
    assert by_code["P.1.iii.a"].basis == "3 of 5 occurrences of the whole plan due so far done in their month"


def test_bases_in_indonesian(plan, journal, indonesian):
    by_code = {s.code: s for s in suggestions(plan, journal, load_worksheet(), as_of=4)}
    assert by_code["P.1.i.b"].basis == "2 dari 3 pelaksanaan I.1.a, I.1.b yang jatuh tempo sejauh ini selesai dengan bukti"
    assert by_code["P.1.iii.a"].basis == "3 dari 5 pelaksanaan seluruh rencana yang jatuh tempo sejauh ini selesai pada bulannya"


def test_all_done_with_evidence_suggests_the_best_and_nothing_done_the_worst(plan):
    sheet = load_worksheet()
    journal = journal_of(plan, record("I.1.a", 1, links=LINK))
    by_code = {s.code: s.suggested for s in suggestions(plan, journal, sheet, as_of=1)}
    assert by_code == {"P.1.i.a": "Ya", "P.1.i.b": "A", "P.1.iii.a": "A"}  # only January is due
    by_code = {s.code: s.suggested for s in suggestions(plan, journal_of(plan), sheet, as_of=12)}
    assert by_code == {"P.1.i.a": "Tidak", "P.1.i.b": "C", "P.1.iii.a": "D", "P.2.i.b": "E"}


def test_an_undone_occurrence_no_longer_counts(plan):
    journal = journal_of(plan, record("I.1.a", 1, links=LINK), record("I.1.a", 1, "undo"))
    [first, *_rest] = suggestions(plan, journal, load_worksheet(), as_of=1)
    assert (first.code, first.suggested, first.done) == ("P.1.i.a", "Tidak", 0)


def test_nothing_due_yet_suggests_nothing(plan, journal):
    assert suggestions(plan, journal, load_worksheet(), as_of=0) == []


def test_json_rounds_the_share():
    data = Suggestion("P.1.i.b", "B", 2 / 3, 2, 3, "basis").to_json()
    assert data == {"code": "P.1.i.b", "suggested": "B", "share": 0.6667, "done": 2, "due": 3, "basis": "basis"}


@pytest.mark.parametrize(("today", "month"), [(dt.date(2025, 1, 5), 12), (dt.date(2024, 5, 31), 5), (dt.date(2023, 12, 1), 0)])
def test_as_of_month_follows_the_plans_year(plan, monkeypatch, today, month):
    monkeypatch.setattr(suggest, "today", lambda: today)
    assert as_of_month(plan) == month


@pytest.mark.parametrize(
    ("code", "share", "expected"),
    [
        ("P.1.i.a", 1.0, "Ya"), ("P.1.i.a", 0.0, "Tidak"), ("P.1.i.a", 0.5, None),
        ("P.1.i.b", 0.99, "B"), ("P.1.i.b", 0.01, "B"),
        ("P.2.i.b", 0.9, "B"), ("P.2.i.b", 0.5, "C"), ("P.2.i.b", 0.1, "D"),
        ("P.2.i.b", 1.5, "A"), ("P.2.i.b", -0.1, "E"),
    ],
)  # fmt: skip
def test_option_for(code, share, expected):
    assert option_for(load_worksheet().by_code[code], share) == expected
