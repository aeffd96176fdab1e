"""formats.scalar: a text as a YAML scalar that reads back the same; plain when it can be, else a JSON string."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from zi_plan.formats.scalar import scalar


@pytest.mark.parametrize(
    "text",
    [
        "Tim Kerja", "no", "yes", "on", "off", "true", "null", "~", "", " padded ", "1.5", "12", "0x1F", "2023-04-15",
        "a: b", "a #b", "#comment", "- dash", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick", "|pipe",
        ">fold", "{flow}", "[flow]", "'quoted'", '"quoted"', "two\nlines", "tab\there", "ends with colon:",
        "Rp 1.000.000,-", "50%", "E- Office", "ü ñ — ✓",
    ],
)  # fmt: skip
def test_scalar_reads_back_the_same(text):
    assert yaml.safe_load(f"k: {scalar(text)}") == {"k": text}


def test_scalar_is_plain_when_it_can_be():
    assert scalar("Tim Kerja") == "Tim Kerja"
    assert scalar("no") == '"no"'
    assert scalar(" x") == '" x"'
    assert scalar(3) == "3"



@pytest.mark.parametrize("text", ["Tim Kerja", "Rp 1.000.000,-", "E- Office", "ü ñ — ✓", "SK Tim ZI (2023)", "50%"])
def test_plain_text_stays_plain_and_unescaped(text):
    assert scalar(text) == text  # what the office reads in its plan is what it wrote, ü and — included


@pytest.mark.parametrize("text", ["yes", "null", "12", "2023-04-15", "a: b", "#comment", "- dash", "two\nlines", " padded ", ""])
def test_a_text_yaml_would_read_otherwise_is_a_json_string(text):
    quoted = scalar(text)
    assert quoted.startswith('"') and json.loads(quoted) == text


def test_a_json_string_keeps_other_scripts_as_they_are():
    assert scalar("ü\n—") == '"ü\\n—"'  # not \u00fc: still readable in the file


def test_what_is_not_a_text_is_written_as_python_writes_it():
    assert (scalar(3), scalar(True), scalar(dt.date(2023, 1, 2))) == ("3", "True", "2023-01-02")
