"""zi validate of an office's files: the plan and its journal; a journal named alone, against its plan."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import PLAN
from zi_plan.store.validation import check_office, check_paths

GOOD = "journal: 3\nplan: tambrauw-2023.yaml\nrecords:\n- action: I.1.a\n  month: 4\n  event: done\n  at: '2023-04-20T10:00:00+09:00'\n  by: Ani\n"
BAD = GOOD.replace("month: 4", "month: 13")


def _office(tmp_path: Path, journal: str | None) -> Path:
    (tmp_path / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))
    if journal is not None:
        plan.with_name("tambrauw-2023.progress.yaml").write_text(journal, encoding="utf-8")
    return plan


def _messages(results: list[tuple[str, list]]) -> list[tuple[str, int | None, str]]:
    return [(Path(path).name, p.line, p.message) for path, problems in results for p in problems]


def test_the_office_check_reads_the_plan_and_its_journal(tmp_path):
    plan = _office(tmp_path, BAD)
    results, _warnings = check_office(plan, bundled=False)
    assert [Path(path).name for path, _p in results] == ["tambrauw-2023.yaml", "tambrauw-2023.progress.yaml"]
    assert _messages(results) == [("tambrauw-2023.progress.yaml", 5, "'month' is not valid: must be at most 12")]


def test_an_office_without_a_journal_checks_the_plan_alone(tmp_path):
    results, _warnings = check_office(_office(tmp_path, None), bundled=False)
    assert [(Path(path).name, problems) for path, problems in results] == [("tambrauw-2023.yaml", [])]


def test_a_journal_named_is_checked_against_the_plan_beside_it(tmp_path):
    plan = _office(tmp_path, GOOD)
    journal = plan.with_name("tambrauw-2023.progress.yaml")
    assert check_paths([journal]) == ([(str(journal), [])], [])
    journal.write_text(BAD, encoding="utf-8")
    assert _messages(check_paths([journal])[0]) == [("tambrauw-2023.progress.yaml", 5, "'month' is not valid: must be at most 12")]


def test_a_plan_named_is_checked_without_its_journal(tmp_path):
    plan = _office(tmp_path, BAD)
    results, _warnings = check_paths([plan])
    assert results == [(str(plan), [])]


def test_a_journal_without_its_plan_says_what_to_give(tmp_path):
    journal = tmp_path / "lain.progress.yaml"
    journal.write_text(GOOD, encoding="utf-8")
    (message,) = _messages(check_paths([journal])[0])
    assert message == ("lain.progress.yaml", None, "a journal is checked against its plan, and there is no lain.yaml beside it; give the plan's path instead")


def test_a_journal_whose_plan_is_invalid_points_at_the_plan(tmp_path):
    plan = _office(tmp_path, GOOD)
    plan.write_text(plan.read_text(encoding="utf-8").replace("year: 2023", "year: twenty"), encoding="utf-8")
    (message,) = _messages(check_paths([plan.with_name("tambrauw-2023.progress.yaml")])[0])
    assert "its plan" in message[2] and f"zi validate {plan}" in message[2]


def test_a_journal_that_is_not_there_is_not_found(tmp_path):
    plan = _office(tmp_path, None)
    (message,) = _messages(check_paths([plan.with_name("tambrauw-2023.progress.yaml")])[0])
    assert message[2] == "file not found"
