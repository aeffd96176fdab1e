"""render.reporters: `zi validate`'s findings as text, JSON or GitHub annotations."""

from __future__ import annotations

import io
import json

import pytest

from zi_plan.errors import Problem
from zi_plan.render.reporters import REPORTERS, report_github, report_json, report_text

BAD = Problem("plans/a.yaml", 12, 5, "year: must be a number\nsee the README")
UNPLACED = Problem("plans/a.yaml", None, None, "the file is empty")
RESULTS = [("plans/a.yaml", [BAD, UNPLACED]), ("plans/b.yaml", [])]
WARNINGS = [("plans/b.yaml", [Problem("plans/b.yaml", 3, None, "decree: still init's placeholders")])]


def run(reporter, results, warnings=None) -> str:
    out = io.StringIO()
    reporter(results, out, warnings)
    return out.getvalue()


def test_text_gives_each_problem_on_a_line_where_it_is_then_the_warnings_and_a_summary():
    assert run(report_text, RESULTS, WARNINGS).splitlines() == [
        "plans/a.yaml:12:5: year: must be a number\\nsee the README",  # one line per problem, whatever the message holds
        "plans/a.yaml: the file is empty",
        "plans/b.yaml:3:1: warning: decree: still init's placeholders",
        "2 problems in 1 of 2 files",
    ]


@pytest.mark.parametrize(("results", "summary"), [
    ([("a.yaml", [])], "ok: 1 file valid"),
    ([("a.yaml", []), ("b.yaml", [])], "ok: 2 files valid"),
    ([("a.yaml", [UNPLACED])], "1 problem in 1 of 1 file"),
])  # fmt: skip
def test_summary_counts_in_the_singular_and_plural(results, summary):
    assert run(report_text, results).splitlines()[-1] == summary


def test_text_shows_control_characters_quoted_from_a_file():
    hostile = Problem("a.yaml", 1, 1, "title: '\x1b[31mred'")
    line = run(report_text, [("a.yaml", [hostile])]).splitlines()[0]
    assert "\x1b" not in line and "\\x1b" in line


def test_json_per_file_with_problems_and_warnings():
    data = json.loads(run(report_json, RESULTS, WARNINGS))
    assert data["valid"] is False
    a, b = data["files"]
    assert (a["path"], a["valid"], b["valid"]) == ("plans/a.yaml", False, True)
    assert a["problems"] == [{"line": 12, "column": 5, "message": BAD.message}, {"line": None, "column": None, "message": "the file is empty"}]
    assert b["warnings"] == [{"line": 3, "column": None, "message": "decree: still init's placeholders"}] and a["warnings"] == []
    assert json.loads(run(report_json, [("c.yaml", [])]))["valid"] is True


def test_github_annotations_escape_what_would_end_them():
    lines = run(report_github, [("plans/a:b,c.yaml", [BAD._replace(path="plans/a:b,c.yaml", message="50% done\r\nnext")])], WARNINGS).splitlines()
    assert lines == [
        "::error file=plans/a%3Ab%2Cc.yaml,line=12,col=5::50%25 done\\r\\nnext",  # a line break shown, never a second line
        "::warning file=plans/b.yaml,line=3,col=1::decree: still init's placeholders",
        "1 problem in 1 of 1 file",
    ]


def test_github_annotation_of_a_problem_without_a_line_names_the_file_only():
    assert run(report_github, [("a.yaml", [UNPLACED._replace(path="a.yaml")])]).splitlines()[0] == "::error file=a.yaml::the file is empty"


def test_every_format_of_the_option_has_a_reporter():
    from zi_plan.commands._common import ValidateFormat

    assert set(REPORTERS) == {f.value for f in ValidateFormat}
