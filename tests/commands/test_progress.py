"""`zi teams`, `zi team`, `zi progress`: numbers against the plan, marks against the journal."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import PLAN
from zi_plan.model import status
from zi_plan.model.journal import Record
from zi_plan.store.journal import append_records, load_journal
from zi_plan.store.plans import load_plan


def _yaml_schedule() -> Counter[tuple[str, int]]:
    """(team name, month) -> occurrences, straight from the YAML."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    names = {t["id"]: t["name"] for t in data["teams"]}
    counts: Counter[tuple[str, int]] = Counter()
    for comp in data["components"]:
        for item in comp["items"]:
            for action in item["actions"]:
                for m in action["months"]:
                    counts[(names[comp["team"]], m)] += 1
    return counts


def _record(plan_path: Path, action: str, month: int, when: dt.datetime, event: str = "done") -> None:
    plan = load_plan(plan_path)
    journal = load_journal(plan)
    append_records(journal, plan, [Record(action=action, month=month, event=event, at=when, by="tes")])  # type: ignore[arg-type]


WIB = dt.timezone(dt.timedelta(hours=9))


def test_teams_json_matches_the_plan(zi):
    rows = json.loads(zi("teams", "--json", "--plan", str(PLAN)).out)
    expected = _yaml_schedule()
    assert len(rows) == 6
    for row in rows:
        assert row["months"] == {str(m): expected[(row["name"], m)] for m in range(1, 13)}
        assert row["total"] == sum(row["months"].values())
        assert row["done"] == {str(m): 0 for m in range(1, 13)}
    assert sum(r["total"] for r in rows) == sum(expected.values()) == 181
    pengawasan = next(r for r in rows if r["name"] == "Tim Pengawasan")
    assert pengawasan["peak_month"] == 12 and pengawasan["months"]["12"] == 11


def test_teams_counts_done(zi, plan_copy):
    _record(plan_copy, "V.2.a", 1, dt.datetime(2023, 1, 20, tzinfo=WIB))
    _record(plan_copy, "V.2.a", 2, dt.datetime(2023, 2, 20, tzinfo=WIB))
    rows = json.loads(zi("teams", "--json", "--plan", str(plan_copy)).out)
    pengawasan = next(r for r in rows if r["name"] == "Tim Pengawasan")
    assert pengawasan["done"]["1"] == 1 and pengawasan["done"]["2"] == 1 and pengawasan["total_done"] == 2
    table = zi("teams", "--plan", str(plan_copy)).out
    assert "1/5" in table and "done/scheduled" in table


def test_team_grid_marks_follow_the_journal(zi, plan_copy):
    _record(plan_copy, "V.2.a", 1, dt.datetime(2023, 1, 20, tzinfo=WIB))  # on time
    _record(plan_copy, "V.2.a", 2, dt.datetime(2023, 3, 2, tzinfo=WIB))  # late
    _record(plan_copy, "V.2.a", 3, dt.datetime(2023, 3, 3, tzinfo=WIB))
    _record(plan_copy, "V.2.a", 3, dt.datetime(2023, 3, 4, tzinfo=WIB), event="undo")
    data = json.loads(zi("team", "pengawasan", "--month", "5", "--json", "--plan", str(plan_copy)).out)
    assert data["name"] == "Tim Pengawasan"
    v2a = next(a for a in data["actions"] if a["id"] == "V.2.a")
    assert v2a["months"]["1"] == "done"
    assert v2a["months"]["2"] == "done-late"
    assert v2a["months"]["3"] == "overdue"  # undone
    assert v2a["months"]["4"] == "overdue"
    assert v2a["months"]["5"] == "open"  # due now, not late yet
    assert data["done"] == 2 and data["done_late"] == 1 and data["total"] == 51
    table = zi("team", "pengawasan", "--month", "5", "--plan", str(plan_copy)).out
    row = next(line for line in table.splitlines() if line.strip().startswith("V.2.a"))
    assert row.count("✓") == 1 and row.count("◑") == 1 and row.count("✗") == 2


def test_team_names_match_loosely(zi):
    assert json.loads(zi("team", "PENGAWASAN", "--json", "--plan", str(PLAN)).out)["name"] == "Tim Pengawasan"
    result = zi("team", "tim", "--plan", str(PLAN))
    assert result.code == 1 and "more than one team" in result.err and "Tim Pengawasan" in result.err
    result = zi("team", "keuangan", "--plan", str(PLAN))
    assert result.code == 1 and "no team matches" in result.err


def test_progress_numbers(zi, plan_copy):
    _record(plan_copy, "I.1.a", 4, dt.datetime(2023, 4, 20, tzinfo=WIB))
    _record(plan_copy, "I.3.a", 11, dt.datetime(2023, 4, 21, tzinfo=WIB))  # done early
    data = json.loads(zi("progress", "--month", "4", "--json", "--plan", str(plan_copy)).out)
    first = data["components"][0]
    assert first["id"] == "I"
    assert (first["due"], first["done_of_due"], first["total"], first["done"]) == (4, 1, 16, 2)
    assert data["overall"]["total"] == 181 and data["overall"]["done"] == 2
    assert data["overall"]["due"] == sum(n for (_, m), n in _yaml_schedule().items() if m <= 4)
    table = zi("progress", "--month", "4", "--plan", str(plan_copy)).out
    assert "Progress as of April" in table and "25% 1/4" in table


ANSI = re.compile(r"\x1b\[")


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize(
    "args",
    [("teams",), ("team", "sdm", "-m", "6"), ("progress", "-m", "6"), ("due", "-m", "4"), ("list",), ("show", "III.3.e")],
    ids=lambda a: " ".join(a),
)
def test_tables_fit_the_width_without_escape_codes(zi, monkeypatch, plan_copy, columns, args):
    _record(plan_copy, "III.2.a", 1, dt.datetime(2023, 1, 20, tzinfo=WIB))
    monkeypatch.setenv("COLUMNS", str(columns))
    result = zi(*args, "--plan", str(plan_copy))
    assert result.code == 0, result.err
    assert not ANSI.search(result.out)
    widest = max(len(line) for line in result.out.splitlines())
    assert widest <= columns, f"{widest} > {columns}"


def test_no_color_in_a_terminal(zi, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "")
    result = zi("teams", "--plan", str(PLAN))
    assert not ANSI.search(result.out)


def test_colour_when_forced_to_a_terminal(zi, monkeypatch):
    # The other side of the piped tests: in a terminal, the tables are coloured.
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = zi("team", "sdm", "-m", "6", "--plan", str(PLAN))
    assert ANSI.search(result.out)


def test_today_decides_the_default(zi, monkeypatch):
    monkeypatch.setattr(status, "today", lambda: dt.date(2023, 2, 1))
    assert json.loads(zi("progress", "--json", "--plan", str(PLAN)).out)["month"] == 2
    assert json.loads(zi("team", "sdm", "--json", "--plan", str(PLAN)).out)["as_of_month"] == 2


def test_huge_tables_are_cut_with_a_count(zi, write_plan):
    from tests.conftest import MINIMAL

    action = "          - indicator: SOP disosialisasikan\n            steps: [Sosialisasi SOP]\n            evidence: [Daftar hadir]\n            months: [4]\n"
    text = MINIMAL.rstrip("\n") + "\n" + action * 250
    path = write_plan(text)
    result = zi("due", "--month", "4", "--plan", str(path))
    assert result.code == 0
    # 251 due for team tl: 99 shown, after team mp's 1 (100 rows at most in all
    # of zi due's tables); the overdue table (3 actions) is left out
    said = " ".join(result.out.split())
    assert "152 more not shown" in said and "still open from before" not in said
    assert "155 more rows not shown (100 at most in all tables)" in said
    assert len(json.loads(zi("due", "--month", "4", "--json", "--plan", str(path)).out)["due"]) == 252
    assert "51 more" in zi("team", "tl", "--month", "4", "--plan", str(path)).out
