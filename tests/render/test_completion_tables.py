"""render.completion_tables: `zi teams`, `zi team NAME` and `zi progress` in the layout the width allows."""

from __future__ import annotations

import pytest

from tests.journals import journal_of, late, plan_at, record, rendered
from zi_plan.progress.completion import completion, team_detail, team_loads
from zi_plan.render.completion_tables import bar, marks_legend, percent_text, progress_table, team_grid, teams_tables


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path)


@pytest.fixture
def journal(plan):
    return journal_of(plan, record("I.1.a", 1), record("I.1.b", 2, at=late(2024, 2)), record("II.1.a", 3))


def test_teams_table_shows_the_whole_year_when_it_fits(plan, journal):
    [table] = teams_tables(team_loads(plan, journal), with_progress=True, width=160)
    text = rendered(table, 160)
    mp = next(line for line in text.splitlines() if line.strip().startswith("Tim Manajemen"))
    assert mp.split()[3:] == ["1/1*", "1/1", "-", "0/1", "-", "-", "-", "-", "-", "-", "-", "-", "2/3"]
    total = next(line for line in text.splitlines() if line.strip().startswith("Total"))
    assert total.split()[-1] == "3/6"
    assert "* the team's busiest month; cells are done/scheduled" in " ".join(text.split())


def test_teams_table_in_halves_of_the_year_when_narrow(plan, journal):
    tables = teams_tables(team_loads(plan, journal), with_progress=False, width=60)
    assert len(tables) > 1
    texts = [rendered(t, 60) for t in tables]
    assert all(max(map(len, t.splitlines())) <= 60 for t in texts)
    assert "Jan" in texts[0] and "Dec" in texts[-1] and "Dec" not in texts[0]
    assert "cells are done/scheduled" not in texts[-1]  # counts only, without --progress
    assert [line.split()[-1] for line in texts[-1].splitlines() if line.strip().startswith("Tim ")] == ["3", "3"]


def test_team_grid_marks_each_month_and_underlines_the_current_one(plan, journal):
    detail = team_detail(plan, journal, "mp", 4)
    table = team_grid(detail, width=120)
    text = rendered(table, 120)
    assert "Tim Manajemen Perubahan — as of April: 2/3 due done, 2/3 of the year" in text
    i11a = next(line for line in text.splitlines() if line.strip().startswith("I.1.a"))
    assert "SK Tim Kerja terbit" in i11a and i11a.split()[-2:] == ["✓", "○"]
    assert "◑" in next(line for line in text.splitlines() if line.strip().startswith("I.1.b"))
    assert marks_legend() in text
    assert "[u]4[/]" in [str(c.header) for c in table.columns]


def test_team_grid_leaves_out_the_indicator_when_too_narrow(plan, journal):
    table = team_grid(team_detail(plan, journal, "mp", 4), width=44)
    assert "Indicator" not in [str(c.header) for c in table.columns]
    assert max(map(len, rendered(table, 44).splitlines())) <= 44


def test_team_grid_counts_the_actions_it_leaves_out(plan, journal):
    text = rendered(team_grid(team_detail(plan, journal, "mp", 4), max_rows=1, width=120), 120)
    assert "I.1.b" not in text and "1 more: --json lists every action" in text


@pytest.mark.parametrize(("fraction", "expected"), [(0.0, "░" * 10), (0.26, "███░░░░░░░"), (1.0, "█" * 10), (1.7, "█" * 10), (-1, "░" * 10)])
def test_bar(fraction, expected):
    assert bar(fraction) == expected


def test_percent_text_rounds_to_whole_percents():
    assert [percent_text(1, 3), percent_text(2, 3), percent_text(3, 3), percent_text(0, 7)] == [" 33%", " 67%", "100%", "  0%"]


def test_progress_table_with_bars_when_wide_and_without_when_narrow(plan, journal):
    rows, overall = completion(plan, journal, 3)
    wide = rendered(progress_table(rows, overall, 3, width=120), 120)
    assert "Progress as of March" in wide and "Done of due to Mar" in wide
    first = next(line for line in wide.splitlines() if line.strip().startswith("I "))
    assert "██████████ 100% 2/2" in first and "███████░░░  67% 2/3" in first
    narrow = rendered(progress_table(rows, overall, 3, width=50), 50)
    assert "█" not in narrow and "100% 2/2" in narrow and max(map(len, narrow.splitlines())) <= 50


def test_progress_table_in_indonesian(plan, journal, indonesian):
    rows, overall = completion(plan, journal, 3)
    text = rendered(progress_table(rows, overall, 3, width=120), 120)
    assert "Capaian per Maret" in text and "Selesai dari setahun" in " ".join(text.split())
    assert next(line for line in text.splitlines() if "Jumlah" in line).split()[-2:] == ["50%", "3/6"]
