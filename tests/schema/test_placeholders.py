"""placeholders: decree details still holding what `zi init` and `zi import` wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from tests.conftest import MINIMAL
from zi_plan.formats.newplan import starter_plan
from zi_plan.model.plan import build_plan
from zi_plan.schema.placeholders import is_placeholder, publish_warning, unfilled, warnings


def test_what_init_writes_is_a_placeholder():
    assert is_placeholder("number", "... Tahun 2024", 2024) and is_placeholder("number", "  ...", 2024)
    assert is_placeholder("date", dt.date(2024, 1, 1), 2024)
    assert all(is_placeholder(key, "...", 2024) for key in ("place", "signatory", "position"))


def test_real_details_are_not():
    assert not is_placeholder("number", "1 Tahun 2024", 2024) and not is_placeholder("number", None, 2024)
    assert not is_placeholder("date", dt.date(2024, 1, 2), 2024)
    assert not is_placeholder("date", dt.date(2023, 1, 1), 2024)  # another year's 1 January: a wrong date, not the placeholder
    assert not is_placeholder("date", "2024-01-01", 2024) and not is_placeholder("date", dt.date(2024, 1, 1), "2024")
    assert not is_placeholder("place", "Fef", 2024) and not is_placeholder("place", "... Fef", 2024)


def test_unfilled_keeps_the_files_order():
    decree = {"position": "...", "number": "... Tahun 2024", "date": dt.date(2024, 3, 1), "place": "...", "signatory": "Nama"}
    assert unfilled(decree, 2024) == ["number", "place", "position"]
    assert unfilled({}, 2024) == []


def test_warnings_point_at_each_line_of_a_starter_plan():
    text = starter_plan("Kantor Contoh", 2024)
    found = warnings(Path("plan.yaml"), text, yaml.safe_load(text))
    lines = text.splitlines()
    keys = ("number", "date", "place", "signatory", "position")
    assert [p.message.split(" is still")[0] for p in found] == [f"the decree's {key}" for key in keys]
    for key, problem in zip(keys, found, strict=True):
        assert problem.path == "plan.yaml" and problem.line is not None
        assert lines[problem.line - 1].lstrip().startswith(f"{key}:")


def test_no_warning_for_a_filled_decree_or_data_of_another_shape():
    assert warnings(Path("plan.yaml"), MINIMAL, yaml.safe_load(MINIMAL)) == []
    assert warnings(Path("plan.yaml"), "- a\n", ["a"]) == []
    assert warnings(Path("plan.yaml"), "decree: x\n", {"decree": "x"}) == []


def test_publish_warning_names_the_unfilled_details():
    filled = build_plan(Path("plan.yaml"), yaml.safe_load(MINIMAL))
    assert publish_warning(filled) is None
    starter = starter_plan("Kantor Contoh", 2024, number="5 Tahun 2024", place="Fef")
    message = publish_warning(build_plan(Path("plan.yaml"), yaml.safe_load(starter)))
    assert message is not None and message.startswith("the decree's date, signatory, position still hold the placeholders")
