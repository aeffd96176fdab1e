"""errors: the one user-error type, and the located problem validation reports."""

from __future__ import annotations

import pytest

from zi_plan.errors import InvalidFile, Problem, ZiError


def test_a_zi_error_carries_its_message_and_exit_code():
    error = ZiError("no plan here")
    assert error.message == str(error) == "no plan here" and error.exit_code == 1
    assert ZiError("bad month", exit_code=2).exit_code == 2
    with pytest.raises(TypeError):
        ZiError("positional exit code", 2)  # keyword only: a stray argument is not an exit code


@pytest.mark.parametrize(
    ("problem", "where"),
    [
        (Problem("plan.yaml", 12, 7, "x"), "plan.yaml:12:7"),
        (Problem("plan.yaml", 12, None, "x"), "plan.yaml:12:1"),  # a line without a column: its start
        (Problem("plan.yaml", None, 7, "x"), "plan.yaml"),  # the file as a whole
        (Problem("plan.yaml", None, None, "x"), "plan.yaml"),
    ],
)
def test_where_a_problem_is(problem, where):
    assert problem.where() == where and str(problem) == f"{where}: x"


def test_an_invalid_file_lists_every_problem_one_a_line():
    problems = [Problem("plan.yaml", 3, 5, "first"), Problem("plan.yaml", 9, 1, "second")]
    error = InvalidFile(problems)
    assert isinstance(error, ZiError) and error.exit_code == 1 and error.problems == problems
    assert error.message == "plan.yaml:3:5: first\nplan.yaml:9:1: second"
