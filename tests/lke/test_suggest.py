"""lke.suggest: the moves worth most toward the gates not met, and beside each what the progress
journal suggests (never recorded).

The plan below serves four questions; the journal, as of April 2024, has
some of their occurrences done (with evidence or not, on time or late).
Each expected suggestion is worked out in the comments from the rule:
all due done -> the best option, none -> the worst, in between a middle
option by the share; a Ya/Tidak question asks whether a thing exists, so
one occurrence done with evidence suggests Ya. A suggestion never undercuts
a recorded answer that has evidence of its own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import MINIMAL
from tests.journals import journal_of, late, plan_at, record
from zi_plan.lke import suggest
from zi_plan.lke.answers import answer_values
from zi_plan.lke.score import score
from zi_plan.lke.suggest import Move, as_of_month, gate_words, moves, option_for
from zi_plan.lke.worksheet import Worksheet, load_worksheet
from zi_plan.model.journal import Journal

SERVED = (
    MINIMAL.replace("            months: [1, 4]\n", "            months: [1, 4]\n            lke: [P.1.i.a, P.1.i.b]\n")
    .replace("            months: [2]\n", "            months: [2]\n            lke: [P.1.i.b, H.1.b]\n")
    .replace("            months: [3, 4, 5]\n", "            months: [3, 4, 5]\n            lke: [P.2.i.b]\n")
)
LINK = ("https://example.org/bukti",)
SK = {"path": "LKE/P.2.i.b/sk.pdf", "sha256": "a" * 64, "size": 2, "name": "sk.pdf"}


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return load_worksheet()


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


def _by_code(found: list[Move]) -> dict[str, Move]:
    return {m.code: m for m in found}


def _answered(journal: Journal, code: str, value, **more) -> Journal:
    """``journal`` with an answer record to ``code`` (as `zi lke answer` writes it)."""
    journal.answers.append({"event": "answer", "lke": code, "value": value, "at": "2024-04-20T09:00:00+09:00", "by": "Ani"} | more)
    return journal


def full_marks(sheet: Worksheet) -> dict:
    """Answers that give every scored question its full value: every gate of WBK and WBBM met."""
    out: dict = {}
    for q in sheet.questions:
        if q.options:
            out[q.code] = max(q.options, key=lambda o: o.value).key
        elif q.answer_type == "nilai_0_4":
            out[q.code] = 4.0
        elif q.answer_type == "jumlah":
            out[q.code] = 5
    for q in sheet.questions:
        formula = q.formula or {}
        if formula.get("type") == "reduction":  # no case this year nor the year before: full marks
            out[formula["before"]] = out[formula["after"]] = 0
        for code in formula.get("numerator", ()):
            out[code] = 100  # at least every denominator together (the ratios are capped at 1)
    return out


def test_the_journals_suggestion_beside_each_move_as_of_april(plan, journal, sheet):
    found = _by_code(moves(plan, journal, sheet, {}, as_of=4))
    assert {c: (found[c].suggested, found[c].done, found[c].due) for c in ("P.1.i.a", "P.1.i.b", "P.1.iii.a", "P.2.i.b")} == {
        # I.1.a Jan and Apr due, only January with evidence: a Ya/Tidak question asks whether the thing exists -> Ya.
        "P.1.i.a": ("Ya", 1, 2),
        # I.1.a Jan, Apr and I.1.b Feb: 2/3 with evidence (late counts here) -> the middle of A/B/C.
        "P.1.i.b": ("B", 2, 3),
        # The whole plan: I.1.a Jan, Apr, I.1.b Feb, II.1.a Mar, Apr = 5 due; done in their month:
        # I.1.a Jan and Apr (evidence does not matter here), II.1.a Mar = 3/5 -> of A/B/C/D's middle [B, C], B.
        "P.1.iii.a": ("B", 3, 5),
        # II.1.a Mar and Apr: 1/2 -> of A..E's middle [B, C, D], floor(0.5 * 3) = 1 -> C.
        "P.2.i.b": ("C", 1, 2),
    }
    assert found["P.1.i.b"].share == pytest.approx(2 / 3) and found["P.1.iii.a"].share == pytest.approx(0.6)
    # H.1.b (the hasil part, from the surveys) is served but a target: its move has no suggestion.
    assert (found["H.1.b"].suggested, found["H.1.b"].due, found["H.1.b"].basis) == (None, 0, "a target of the hasil part, not an action")
    assert (found["P.1.ii.a"].suggested, found["P.1.ii.a"].basis) == (None, "no action serves it")


def test_bases_say_how_far_the_work_went(plan, journal, sheet):
    by_code = _by_code(moves(plan, journal, sheet, {}, as_of=4))
    assert by_code["P.1.i.b"].basis == "2 of 3 occurrences of I.1.a, I.1.b due so far done with evidence"
    assert by_code["P.1.iii.a"].basis == "3 of 5 occurrences of the whole plan due so far done in their month"


def test_bases_in_indonesian(plan, journal, sheet, indonesian):
    by_code = _by_code(moves(plan, journal, sheet, {}, as_of=4))
    assert by_code["P.1.i.b"].basis == "2 dari 3 pelaksanaan I.1.a, I.1.b yang jatuh tempo sejauh ini selesai dengan bukti"
    assert by_code["P.1.iii.a"].basis == "3 dari 5 pelaksanaan seluruh rencana yang jatuh tempo sejauh ini selesai pada bulannya"
    assert by_code["P.1.ii.a"].basis == "belum ada aksi yang mendukungnya"


def test_all_done_with_evidence_suggests_the_best_and_nothing_done_the_worst(plan, sheet):
    journal = journal_of(plan, record("I.1.a", 1, links=LINK))
    found = _by_code(moves(plan, journal, sheet, {}, as_of=1))  # only January is due
    assert {c: found[c].suggested for c in ("P.1.i.a", "P.1.i.b", "P.1.iii.a", "P.2.i.b")} == {"P.1.i.a": "Ya", "P.1.i.b": "A", "P.1.iii.a": "A", "P.2.i.b": None}
    found = _by_code(moves(plan, journal_of(plan), sheet, {}, as_of=12))
    assert {c: found[c].suggested for c in ("P.1.i.a", "P.1.i.b", "P.1.iii.a", "P.2.i.b")} == {"P.1.i.a": "Tidak", "P.1.i.b": "C", "P.1.iii.a": "D", "P.2.i.b": "E"}


def test_an_undone_occurrence_no_longer_counts(plan, sheet):
    journal = journal_of(plan, record("I.1.a", 1, links=LINK), record("I.1.a", 1, "undo"))
    first = _by_code(moves(plan, journal, sheet, {}, as_of=1))["P.1.i.a"]
    assert (first.suggested, first.done, first.due) == ("Tidak", 0, 1)


def test_nothing_due_yet_suggests_nothing(plan, journal, sheet):
    found = moves(plan, journal, sheet, {}, as_of=0)
    assert found and all(m.suggested is None and m.due == 0 for m in found)  # the moves stay: they are the worksheet's
    assert _by_code(found)["P.1.i.a"].basis == "no occurrence of I.1.a is due yet"


def test_nothing_due_yet_of_the_whole_plan_says_so(plan, journal, sheet):
    basis = _by_code(moves(plan, journal, sheet, {}, as_of=0))["P.1.iii.a"].basis
    assert " - " not in basis and "whole plan" in basis


def test_an_answer_with_evidence_of_its_own_is_never_suggested_lower(plan, sheet):
    # II.1.a nothing done as of December: the journal alone suggests E for P.2.i.b.
    evidenced = _answered(journal_of(plan), "P.2.i.b", "B", evidence=[SK])
    move = _by_code(moves(plan, evidenced, sheet, answer_values(evidenced), as_of=12))["P.2.i.b"]
    assert (move.recorded, move.target, move.suggested) == ("B", "A", "B")
    assert move.basis == "0 of 3 occurrences of II.1.a due so far done with evidence; the recorded answer has evidence of its own (1)"
    bare = _answered(journal_of(plan), "P.2.i.b", "B")
    assert _by_code(moves(plan, bare, sheet, answer_values(bare), as_of=12))["P.2.i.b"].suggested == "E"  # no evidence: the journal's


def test_the_journal_wins_when_it_supports_more_than_the_evidenced_answer(plan, sheet):
    journal = _answered(journal_of(plan, *(record("II.1.a", m, links=LINK) for m in (3, 4, 5))), "P.2.i.b", "C", evidence=[SK])
    move = _by_code(moves(plan, journal, sheet, answer_values(journal), as_of=12))["P.2.i.b"]
    assert (move.suggested, move.done, move.due) == ("A", 3, 3)


def test_an_evidenced_answer_on_an_unserved_question_holds_and_a_routine_one_says_so(plan, sheet):
    journal = _answered(journal_of(plan), "P.1.ii.b", "B", evidence=[SK])
    journal = _answered(journal, "R.4.ii.a", "B", routine=True)
    found = _by_code(moves(plan, journal, sheet, answer_values(journal), as_of=12))
    assert (found["P.1.ii.b"].suggested, found["P.1.ii.b"].basis) == ("B", "the recorded answer has evidence of its own (1)")
    assert (found["R.4.ii.a"].suggested, found["R.4.ii.a"].basis) == (None, "answered from routine work outside the plan")


def test_moves_rank_by_the_points_they_gain_toward_the_gates_not_met(plan, sheet):
    found = moves(plan, journal_of(plan), sheet, {"P.1.i.a": "Ya"}, as_of=4)
    order = {q.code: i for i, q in enumerate(sheet.scored)}
    assert [(-round(m.gain, 6), order[m.code]) for m in found] == sorted((-round(m.gain, 6), order[m.code]) for m in found)
    assert all(m.gain > 0 and m.gain == pytest.approx(sum(m.gates.values())) for m in found)
    assert "P.1.i.a" not in {m.code for m in found}  # at full marks already: no move
    by_code = _by_code(found)
    # Nothing else answered: WBK fails, and a move gains what the answered reading gains toward the total,
    # the pengungkit and its area (an area in points of the area, not in percent).
    points = score(sheet, {"P.1.i.a": "Ya", "P.2.i.b": "A"}).answered.total - score(sheet, {"P.1.i.a": "Ya"}).answered.total
    assert points > 0 and by_code["P.2.i.b"].gates == pytest.approx({"total": points, "pengungkit": points, "area:2": points})
    assert (by_code["P.2.i.b"].target, by_code["R.1.i.a"].target) == ("A", "100 %")
    assert by_code["R.1.i.a"].basis == "computed from its inputs R.1.i.a.1, R.1.i.a.2: not all answered yet"
    # A survey index goes up to the least that meets its own gate (IPAK ≥ 3.60), not to 4.
    assert by_code["H.1.a"].target == "≥ 3.60" and set(by_code["H.1.a"].gates) == {"total", "birokrasi_bersih", "ipak"}


def test_a_survey_whose_gates_are_met_is_no_move(plan, sheet):
    # 3.70 meets IPAK; with H.1.b at A birokrasi bersih is met too: H.1.a is not a thing to move, though the total fails.
    met = {"H.1.a": 3.7, "H.1.b": "A"}
    assert not score(sheet, met).gates["WBK"].passed
    assert "H.1.a" not in {m.code for m in moves(plan, journal_of(plan), sheet, met, as_of=4)}
    # At 3.0 IPAK fails: the move is to 3.60, and what it gains counts toward IPAK and birokrasi bersih.
    low = _by_code(moves(plan, journal_of(plan), sheet, {"H.1.a": 3.0, "H.1.b": "A"}, as_of=4))["H.1.a"]
    assert (low.recorded, low.target) == (3.0, "≥ 3.60") and {"ipak", "birokrasi_bersih"} <= set(low.gates)


def test_with_every_gate_met_moves_gain_toward_the_total(plan, sheet):
    answers = full_marks(sheet)
    result = score(sheet, answers)
    assert all(g.passed for g in result.gates.values()) and result.answered.total == pytest.approx(100)
    assert moves(plan, journal_of(plan), sheet, answers, as_of=4) == []  # nothing left to gain
    answers.update({"R.1.i.a.1": 4, "R.1.i.a.2": 3, "P.2.i.b": "C"})  # R.1.i.a: 3 of 4, 75 %
    assert all(g.passed for g in score(sheet, answers).gates.values())
    found = _by_code(moves(plan, journal_of(plan), sheet, answers, as_of=4))
    assert set(found) == {"R.1.i.a", "P.2.i.b"} and all(set(m.gates) == {"total"} for m in found.values())
    assert found["R.1.i.a"].recorded == 0.75 and found["R.1.i.a"].basis.endswith(": now 75 %")
    assert found["P.2.i.b"].recorded == "C"
    after = dict(answers, **{"P.2.i.b": "A"})
    assert found["P.2.i.b"].gain == pytest.approx(score(sheet, after).answered.total - score(sheet, answers).answered.total)


def test_json_rounds_the_numbers():
    move = Move("P.1.i.b", None, "A", 1 / 3, {"total": 1 / 3}, "B", "basis", 2 / 3, 2, 3)
    assert move.to_json() == {"code": "P.1.i.b", "recorded": None, "target": "A", "gain": 0.3333, "gates": {"total": 0.3333},
                              "suggested": "B", "basis": "basis", "share": 0.6667, "done": 2, "due": 3}  # fmt: skip


def test_gate_words_name_each_gate_and_its_points(indonesian):
    move = Move("P.2.i.b", None, "A", 0.5, {"area:2": 0.25, "pengungkit": 0.25})
    assert gate_words(move) == "Area 2 +0,25, Pengungkit +0,25"


@pytest.mark.parametrize(("today", "month"), [(dt.date(2025, 1, 5), 12), (dt.date(2024, 5, 31), 5), (dt.date(2023, 12, 1), 0)])
def test_as_of_month_follows_the_plans_year(plan, monkeypatch, today, month):
    monkeypatch.setattr(suggest, "today", lambda: today)
    assert as_of_month(plan) == month


@pytest.mark.parametrize(
    ("code", "share", "expected"),
    [
        ("P.1.i.a", 1.0, "Ya"), ("P.1.i.a", 0.0, "Tidak"), ("P.1.i.a", 0.5, "Ya"), ("P.1.i.a", 0.01, "Ya"),
        ("P.1.i.b", 0.99, "B"), ("P.1.i.b", 0.01, "B"),
        ("P.2.i.b", 0.9, "B"), ("P.2.i.b", 0.5, "C"), ("P.2.i.b", 0.1, "D"),
        ("P.2.i.b", 1.5, "A"), ("P.2.i.b", -0.1, "E"),
    ],
)  # fmt: skip
def test_option_for(sheet, code, share, expected):
    assert option_for(sheet.by_code[code], share) == expected
