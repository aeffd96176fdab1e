"""journal_checks: a journal's text checked in full, every problem at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import MINIMAL
from zi_plan.errors import InvalidFile
from zi_plan.model.plan import LoadedPlan, build_plan
from zi_plan.schema.journal_checks import checked_data

PATH = Path("plans/kantor.progress.yaml")
HEAD = "journal: 2\nplan: kantor.yaml\nrecords:\n"
DONE = "- action: I.1.a\n  month: 1\n  event: done\n  at: 2024-01-20T10:00:00+09:00\n  by: Yulius\n"


@pytest.fixture(scope="module")
def plan() -> LoadedPlan:
    return build_plan(Path("plans/kantor.yaml"), yaml.safe_load(MINIMAL))


def _problems(text: str, plan: LoadedPlan) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(InvalidFile) as raised:
        checked_data(PATH, text, plan)
    assert all(p.path == str(PATH) for p in raised.value.problems)
    return [(p.line, p.column, p.message) for p in raised.value.problems]


def test_a_valid_journal_gives_its_data(plan):
    data = checked_data(PATH, HEAD + DONE, plan)
    assert data["journal"] == 2 and data["records"][0]["action"] == "I.1.a"


def test_an_empty_file_is_an_empty_journal(plan):
    assert checked_data(PATH, "", plan) == {} and checked_data(PATH, "# nothing yet\n", plan) == {}


def test_records_for_actions_the_plan_no_longer_has_are_not_errors(plan):
    # The decree may be amended mid-year: zi_plan.store.amendments reports these, as warnings.
    gone = DONE.replace("I.1.a", "IX.9.z").replace("month: 1", "month: 12")
    assert checked_data(PATH, HEAD + gone, plan)["records"][0]["action"] == "IX.9.z"


def test_not_a_mapping(plan):
    assert _problems("- a\n- b\n", plan) == [(1, 1, "a progress journal must be a mapping with 'journal', 'plan' and 'records'")]


def test_a_yaml_error_is_placed(plan):
    [(line, _column, message)] = _problems(HEAD + DONE + "- action: [I.1.a\n", plan)
    assert line == 9 and message.startswith("YAML syntax error")


def test_an_unknown_format_says_to_upgrade(plan):
    assert _problems(HEAD.replace("journal: 2", "journal: 4") + DONE, plan) == [
        (1, 10, "journal format 4 is not known to this zi (it reads format 3); upgrade zi")
    ]


@pytest.mark.parametrize("version", [1, 2, 3])
def test_every_earlier_format_is_read(plan, version):
    assert checked_data(PATH, HEAD.replace("journal: 2", f"journal: {version}") + DONE, plan)["journal"] == version


def test_schema_problems_in_the_journals_short_words(plan):
    text = HEAD + DONE.replace("month: 1", "month: 13").replace("  by: Yulius\n", "  by: Yulius\n  note: x\n  nota: y\n")
    text += DONE.replace("month: 1", "month: April")
    assert _problems(text, plan) == [
        (5, 10, "'month' is not valid: must be at most 12"),
        (10, 3, "unknown key 'nota' (did you mean 'note'?)"),
        (12, 10, "'month' is not valid: must be a month number from 1 to 12"),
    ]


def test_evidence_out_of_the_store_and_links_that_are_not_web_links(plan):
    evidence = (
        "  evidence:\n  - path: ../../etc/passwd\n    sha256: " + "a" * 64 + "\n    size: 1\n"
        "  - url: javascript:alert(1)\n"
    )
    problems = _problems(HEAD + DONE + DONE.replace("  by: Yulius\n", "  by: Yulius\n" + evidence), plan)
    assert [(line, column) for line, column, _m in problems] == [(15, 11), (18, 10)]
    assert "leads outside the evidence folder" in problems[0][2] and "is not a web link" in problems[1][2]


def test_lke_answers_are_checked_against_the_worksheet(plan):
    answers = (
        "- lke: P.1.i.a\n  value: Ya\n  event: answer\n  at: 2024-01-20T10:00:00+09:00\n  by: Y\n"
        "- lke: Z.9.z\n  value: Ya\n  event: answer\n  at: 2024-01-20T10:00:00+09:00\n  by: Y\n"
        "- lke: P.1.i.b\n  value: Mungkin\n  event: answer\n  at: 2024-01-20T10:00:00+09:00\n  by: Y\n"
    )
    problems = _problems(HEAD + DONE + answers, plan)
    assert [line for line, _c, _m in problems] == [14, 20]
    assert "answer to 'Z.9.z', which is not a question of the LKE" in problems[0][2]
    assert "'Mungkin' is not an answer to P.1.i.b" in problems[1][2]


ROUND = (
    "- lke: P.1.i.a\n  value: Ya\n  event: answer\n  at: 2024-01-20T10:00:00+09:00\n  by: Y\n"
    "- event: send\n  round: 1\n  at: 2024-01-21T10:00:00+09:00\n  by: Y\n"
    "- lke: P.1.i.a\n  round: 1\n  value: Tidak\n  status: revisi\n  event: review\n  at: 2024-01-22T10:00:00+09:00\n  by: TPI\n  note: SK belum ada\n"
    "- lke: R.1.i.a\n  round: 1\n  status: revisi\n  event: review\n  at: 2024-01-22T10:00:00+09:00\n  by: TPI\n  note: datanya?\n"
    "- event: close\n  round: 1\n  at: 2024-01-23T10:00:00+09:00\n  by: Y\n"
)


def test_a_format_3_round_is_read(plan):
    # A review may carry a note alone, even on a percentage question (a note on its computed row).
    data = checked_data(PATH, HEAD.replace("journal: 2", "journal: 3") + ROUND, plan)
    assert [r["event"] for r in data["records"]] == ["answer", "send", "review", "review", "close"]


def test_reviews_are_checked_against_the_worksheet_like_answers(plan):
    bad = ROUND.replace("value: Tidak", "value: Mungkin").replace("lke: R.1.i.a", "lke: Z.9.z")
    problems = _problems(HEAD.replace("journal: 2", "journal: 3") + bad, plan)
    assert [line for line, _c, _m in problems] == [15, 21]  # the review's value, the other review's code
    assert problems[0][2].startswith("'Mungkin' is not an answer to P.1.i.a; allowed: Ya, Tidak")
    assert "answer to 'Z.9.z', which is not a question of the LKE" in problems[1][2]


def test_a_review_without_its_round_is_placed(plan):
    [(line, _column, message)] = _problems(HEAD.replace("journal: 2", "journal: 3") + ROUND.replace("  round: 1\n  value: Tidak", "  value: Tidak"), plan)
    assert line == 13 and "a 'review' record needs 'round'" in message  # at the record


def _as_one_file(text: str, plan: LoadedPlan) -> list[tuple[int | None, int | None, str]]:
    """The problems as the whole file checked at once gives them (before records were checked one by one)."""
    from zi_plan.schema.checks import evidence_problems, located, plain_schema_message
    from zi_plan.schema.validators import validate

    data = yaml.safe_load(text)
    journal, errors = validate("JOURNAL", data)
    found = [(tuple(e["loc"]), plain_schema_message(e), e["type"] == "extra_forbidden") for e in errors]
    for index, record in enumerate(journal.records if journal else []):
        found.extend(evidence_problems(index, record.evidence))
    return [(p.line, p.column, p.message) for p in located(str(PATH), text, found)]


BROKEN = [
    HEAD + DONE + "- action: I.1.a\n  month: 13\n  event: finished\n  at: 2024-01-20\n  by: ''\n  colour: red\n" + DONE,
    "extra: 1\njournal: x\n" + HEAD[len("journal: 2\n"):] + DONE.replace("Yulius", "") + "- {}\n" + "zzz: 2\n",
    HEAD + DONE + "  evidence:\n  - path: ../../etc/passwd\n  - url: ftp://x\n" + "- 7\n",
    "journal: 2\nplan: 3\nrecords: not a list\nagain: 1\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_records_checked_one_by_one_give_the_problems_of_the_whole_file_in_its_order(plan, text):
    assert _problems(text, plan) == _as_one_file(text, plan)


def test_a_journal_read_again_the_strict_way_reports_each_problem_once(plan):
    """An anchor after a bad record: the records are checked again from the first, not twice."""
    text = HEAD + DONE.replace("month: 1", "month: 13") + DONE.replace("Yulius", "&who Yulius")
    problems = _problems(text, plan)
    assert len(problems) == 1 and "month" in problems[0][2]


def test_kept_records_are_what_keep_returns(plan):
    data = checked_data(PATH, HEAD + DONE + DONE, plan, keep=lambda record: record["action"])
    assert data["records"] == ["I.1.a", "I.1.a"]
