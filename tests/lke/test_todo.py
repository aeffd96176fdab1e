"""lke.todo: the evaluators' revisi requests as to-dos for the teams whose actions serve each question,
until the unit answers it again."""

from __future__ import annotations

import pytest

from tests.journals import journal_of, plan_at
from tests.lke.test_rounds import answer, mark, review
from tests.lke.test_suggest import SERVED
from zi_plan.lke.todo import Revisi, has_reviews, revisi_todos

# II.1.a (Tata Laksana) serves the percentage question R.1.i.a too; I.1.b is shared by both teams.
PLAN = SERVED.replace("lke: [P.2.i.b]", "lke: [P.2.i.b, R.1.i.a]").replace(
    "            lke: [P.1.i.b, H.1.b]\n", "            lke: [P.1.i.b, H.1.b]\n            teams: [mp, tl]\n"
)


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path, PLAN)


def _journal(plan, *rows):
    journal = journal_of(plan)
    journal.answers.extend(rows)
    return journal


def test_has_reviews_only_with_a_review_record(plan):
    assert not has_reviews(_journal(plan))
    assert not has_reviews(_journal(plan, answer("P.1.i.a", "Ya"), mark("send", 1), mark("close", 1)))
    assert has_reviews(_journal(plan, review("P.1.i.a", 1, "accepted", "Ya")))


def test_each_question_in_revisi_with_the_teams_of_its_actions(plan):
    journal = _journal(
        plan,
        answer("P.1.i.a", "Ya"), answer("P.1.i.b", "B"), answer("P.2.i.b", "A"), answer("P.6.iii.a", "A"),
        mark("send", 1),
        review("P.1.i.a", 1, "accepted", "Ya"),
        review("P.1.i.b", 1, "revisi", "C", "mekanisme belum ada", by="Inspektorat"),
        review("P.2.i.b", 1, "revisi", "B"),
        review("P.6.iii.a", 1, "revisi", "C", "tidak ada kanal"),
    )  # fmt: skip
    todos = {t.code: t for t in revisi_todos(plan, journal)}
    assert list(todos) == ["P.1.i.b", "P.2.i.b", "P.6.iii.a"]  # accepted is no to-do
    mp, tl = plan.team("mp"), plan.team("tl")
    assert todos["P.1.i.b"] == Revisi("P.1.i.b", (mp, tl), ("I.1.a", "I.1.b"), "mekanisme belum ada", 1, "Inspektorat")
    assert (todos["P.2.i.b"].teams, todos["P.2.i.b"].actions, todos["P.2.i.b"].note) == ((tl,), ("II.1.a",), None)
    assert (todos["P.6.iii.a"].teams, todos["P.6.iii.a"].actions) == ((), ())  # no action serves it: still a to-do


def test_a_team_sees_its_own(plan):
    journal = _journal(plan, review("P.1.i.b", 1, "revisi", "C"), review("P.2.i.b", 1, "revisi", "B"), review("P.6.iii.a", 1, "revisi", "C"))
    assert [t.code for t in revisi_todos(plan, journal, plan.team("mp"))] == ["P.1.i.b"]
    assert [t.code for t in revisi_todos(plan, journal, plan.team("tl"))] == ["P.1.i.b", "P.2.i.b"]  # I.1.b is shared


def test_a_count_input_goes_to_the_teams_of_its_percentage_question(plan):
    journal = _journal(plan, answer("R.1.i.a.1", 4), answer("R.1.i.a.2", 3), review("R.1.i.a.2", 1, "revisi", 1, "hanya satu SK"))
    [todo] = revisi_todos(plan, journal)
    assert (todo.code, todo.actions, todo.teams) == ("R.1.i.a.2", ("II.1.a",), (plan.team("tl"),))


def test_answering_again_ends_the_to_do_and_a_later_revisi_opens_it_again(plan):
    rows = [answer("P.1.i.b", "B"), review("P.1.i.b", 1, "revisi", "C")]
    assert [t.code for t in revisi_todos(plan, _journal(plan, *rows))] == ["P.1.i.b"]
    rows.append(answer("P.1.i.b", "A"))
    assert revisi_todos(plan, _journal(plan, *rows)) == []
    rows += [mark("close", 1), review("P.1.i.b", 2, "revisi", "B", "SK belum ditandatangani")]
    [todo] = revisi_todos(plan, _journal(plan, *rows))
    assert (todo.round, todo.note) == (2, "SK belum ditandatangani")


def test_json_names_the_teams(plan):
    [todo] = revisi_todos(plan, _journal(plan, review("P.1.i.b", 1, "revisi", "C", "x")))
    assert todo.to_json() == {"lke": "P.1.i.b", "teams": ["Tim Manajemen Perubahan", "Tim Penguatan Tata Laksana"],
                              "actions": ["I.1.a", "I.1.b"], "note_tpi": "x", "round": 1, "reviewer": "TPI"}  # fmt: skip
