"""commands._common: what the command modules share: month parsing, the default month, options in the run's language, opening a plan."""

from __future__ import annotations

import datetime as dt

import pytest
import typer

from tests.conftest import MINIMAL
from tests.journals import plan_at, record
from zi_plan.commands import _common as common
from zi_plan.model import status
from zi_plan.model.fingerprint import stamped
from zi_plan.store.journal import append_records, load_journal


@pytest.mark.parametrize(("value", "month"), [("4", 4), ("April", 4), ("mei", 5), ("Agt", 8), ("DES", 12), ("desember.", 12)])
def test_parse_month_takes_numbers_and_names_of_either_language(value, month):
    assert common.parse_month(value) == month


@pytest.mark.parametrize("value", ["0", "13", "Ju", "bulan", ""])
def test_parse_month_is_a_usage_error_for_typer(value):
    with pytest.raises(typer.BadParameter) as caught:
        common.parse_month(value)
    assert "is not a month: use 1..12 or a name such as April, Mei, Agt, Des" in str(caught.value)


@pytest.mark.parametrize(("today", "plan_year", "month"), [((2024, 5, 2), 2024, 5), ((2025, 1, 9), 2024, 12), ((2023, 11, 1), 2024, 1)])
def test_month_or_now_the_month_asked_for_else_as_of_today(monkeypatch, today, plan_year, month):
    monkeypatch.setattr(status, "today", lambda: dt.date(*today))
    assert common.month_or_now(7, plan_year) == 7
    assert common.month_or_now(None, plan_year) == month


def test_options_carry_help_in_the_language_of_the_run(indonesian):
    assert common.json_option().help.startswith("Cetak JSON")
    assert common.month_option().param_decls == ("--month", "-m")
    assert common.month_option(name="--from").param_decls == ("--from",)
    assert common.month_option(help="Bulan laporan").help == "Bulan laporan"


def test_options_in_english():
    assert common.json_option().help == "Print JSON for scripts instead of a table."
    assert common.team_option().help == "Only this team (a piece of its name will do)."
    assert common.force_option().default is False and common.plan_option().default is None


def test_open_workspace_names_the_plan_and_journal_then_the_journals_warnings(tmp_path, capsys):
    plan = plan_at(tmp_path)
    append_records(load_journal(plan), plan, [stamped(record("I.1.a", 1), plan.action("I.1.a"))])
    amended = plan_at(tmp_path, MINIMAL.replace("SK Tim Kerja terbit", "SK Tim Kerja ZI terbit"))
    loaded, journal = common.open_workspace(amended.path, to_stderr=True)
    assert loaded.year == 2024 and journal.is_done("I.1.a", 1)
    captured = capsys.readouterr()
    assert captured.out == ""
    heading, *warnings = captured.err.splitlines()
    assert heading == "plan plan.yaml · journal plan.progress.yaml"
    assert warnings and warnings[0].startswith("zi: warning: ")
    common.open_workspace(amended.path, warn=False)
    captured = capsys.readouterr()
    assert captured.out.strip() == heading and captured.err == ""


def test_warn_placeholders_only_when_the_decree_still_has_them(tmp_path, capsys):
    common.warn_placeholders(plan_at(tmp_path))
    assert capsys.readouterr().err == ""
    common.warn_placeholders(plan_at(tmp_path, MINIMAL.replace("place: Fef", "place: '...'")))
    assert capsys.readouterr().err.startswith("zi: warning: the decree's ")


def test_written_says_where_unless_it_went_to_stdout(capsys):
    common.written("laporan-2024-04.html")
    common.written(None)
    captured = capsys.readouterr()
    assert (captured.out, captured.err.strip()) == ("", "written laporan-2024-04.html")


def test_every_format_choice_is_spelled_as_its_value():
    assert [f.value for f in common.ExportFormat] == ["csv", "xlsx", "ics"]
    assert [f.value for f in common.DocumentFormat] == ["html", "md"]
