"""What users stumbled on in the field (issue 12, point 6): one test each."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLAN
from zi_plan.model import status
from zi_plan.model.months import parse_month
from zi_plan.progress import recording


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    return Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    def set_today(year: int, month: int, day: int = 15) -> None:
        monkeypatch.setattr(status, "today", lambda: dt.date(year, month, day))
        at = dt.datetime(year, month, day, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
        monkeypatch.setattr(recording, "now", lambda: at)

    return set_today


@pytest.mark.parametrize(
    ("typed", "month"),
    [("4", 4), ("April", 4), ("apr", 4), ("Mei", 5), ("MAY", 5), ("Agustus", 8), ("Agt", 8), ("aug", 8),
     ("Des", 12), ("december", 12), ("Okt", 10), ("oct", 10), ("Maret", 3), ("Jun", 6), ("juli", 7), ("Sept.", 9)],
)  # fmt: skip
def test_month_names_in_both_languages(typed, month):
    assert parse_month(typed) == month


@pytest.mark.parametrize("typed", ["0", "13", "ma", "ju", "foo", ""])
def test_not_a_month(typed, zi):
    result = zi("due", "--month", typed, "--plan", str(PLAN))
    assert result.code == 2 and "is not a month" in result.err and "Traceback" not in result.err


def test_month_names_on_the_command_line(zi):
    by_name = json.loads(zi("due", "--month", "Agt", "--json", "--plan", str(PLAN)).out)
    by_number = json.loads(zi("due", "-m", "8", "--json", "--plan", str(PLAN)).out)
    assert by_name["month"] == 8 and by_name == by_number
    assert json.loads(zi("progress", "-m", "mei", "--json", "--plan", str(PLAN)).out)["month"] == 5


def test_show_marks_done_late(zi, plan_copy, clock):
    clock(2023, 6)
    assert zi("done", "II.2.a", "-m", "4", "--plan", str(plan_copy)).code == 0  # recorded in June: late
    assert zi("done", "II.2.a", "-m", "6", "--plan", str(plan_copy)).code == 0
    data = json.loads(zi("show", "II.2.a", "--json", "--plan", str(plan_copy)).out)
    late = {o["month"]: o["late"] for o in data["occurrences"] if o["status"] == "done"}
    assert late == {4: True, 6: False}
    text = zi("show", "II.2.a", "--plan", str(plan_copy)).out
    april = next(line for line in text.splitlines() if "April" in line)
    june = next(line for line in text.splitlines() if "June" in line)
    assert "done, late" in april and "late" not in june


def test_done_without_month_on_a_done_only_occurrence(zi, plan_copy, clock):
    clock(2023, 6)
    assert zi("done", "I.1.a", "--plan", str(plan_copy)).code == 0  # April, its only month
    with_month = zi("done", "I.1.a", "--month", "4", "--plan", str(plan_copy))
    without = zi("done", "I.1.a", "--plan", str(plan_copy))
    assert without.code == with_month.code == 1
    assert "already done" in without.err and "--add" in without.err
    assert without.err == with_month.err


def test_a_future_month_needs_force(zi, plan_copy, clock):
    journal = plan_copy.parent / "tambrauw-2023.progress.yaml"
    clock(2023, 2)
    result = zi("done", "VI.3.a", "--month", "12", "--plan", str(plan_copy))
    assert result.code == 1 and "has not come yet" in result.err and "--force" in result.err
    assert not journal.exists()
    assert zi("done", "VI.3.a", "--month", "12", "--force", "--plan", str(plan_copy)).code == 0
    clock(2024, 1)  # the plan's year is over: every month may be recorded
    assert zi("done", "VI.3.b", "--month", "12", "--plan", str(plan_copy)).code == 0


def _team_ids(csv_bytes: bytes) -> set[str]:
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    kode = rows[0].index("KODE")
    return {row[kode] for row in rows[1:] if row[kode]}


def test_export_team_in_every_format(zi, plan_copy, tmp_path):
    assert zi("export", "--format", "csv", "--team", "pengawasan", "--month", "4", "--plan", str(plan_copy)).code == 0
    name = tmp_path / "action-plan-2023-pengawasan-04.csv"
    ids = _team_ids(name.read_bytes())
    assert ids and all(i.startswith("V.") for i in ids)
    assert zi("export", "--format", "xlsx", "--team", "pengawasan", "--plan", str(plan_copy)).code == 0
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "action-plan-2023-pengawasan.xlsx")
    recap_ids = {row[18] for row in book["Rekap"].iter_rows(min_row=2, values_only=True) if row[18]}
    april_ids = {row[0] for row in book["April"].iter_rows(min_row=2, values_only=True)}
    assert recap_ids == ids and april_ids and all(i.startswith("V.") for i in april_ids)
    assert zi("export", "--format", "ics", "--team", "pengawasan", "--plan", str(plan_copy)).code == 0
    ics = (tmp_path / "action-plan-2023-pengawasan.ics").read_text(encoding="utf-8")
    assert "[V." in ics and "[II." not in ics


def test_export_never_overwrites_without_force(zi, plan_copy, tmp_path):
    target = tmp_path / "action-plan-2023.csv"
    target.write_text("my edits", encoding="utf-8")
    result = zi("export", "--format", "csv", "--plan", str(plan_copy))
    assert result.code == 1 and "--force" in result.err
    assert target.read_text(encoding="utf-8") == "my edits"
    result = zi("export", "--format", "csv", "-o", str(target), "--plan", str(plan_copy))
    assert result.code == 1 and target.read_text(encoding="utf-8") == "my edits"
    assert zi("export", "--format", "csv", "--force", "--plan", str(plan_copy)).code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfNO,")


@pytest.mark.parametrize(("command", "fmt"), [("export", "pdf"), ("report", "docx")])
def test_formats_are_checked_by_the_command_line(zi, command, fmt):
    result = zi(command, "--format", fmt, "--plan", str(PLAN))
    assert result.code == 2 and "Invalid value for '--format'" in result.err
    assert "zi " + command in zi(command, "--help").out


def test_report_from_after_month_is_an_error(zi, tmp_path):
    result = zi("report", "--month", "3", "--from", "5", "--plan", str(PLAN))
    assert result.code == 2 and "--from 5 comes after --month 3" in result.err
    assert not list(tmp_path.glob("monev-*"))


def test_unknown_zi_lang_is_an_error(zi, monkeypatch):
    monkeypatch.setenv("ZI_LANG", "fr")
    result = zi("list", "--plan", str(PLAN))
    assert result.code == 2 and "ZI_LANG=fr" in result.err and result.out == ""
    assert zi("--lang", "en", "list", "--plan", str(PLAN)).code == 0  # --lang wins over the environment
