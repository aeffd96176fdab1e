"""render.tables: the shared table look, inert text, JSON for scripts, and what `zi due`, `done`, `undo`, `verify` print."""

from __future__ import annotations

import io
import json
import sys
from types import SimpleNamespace

import pytest

from tests.journals import UNFINISHED, journal_of, late, plan_at, record, rendered
from zi_plan.model.journal import EvidenceEntry
from zi_plan.progress.due import due
from zi_plan.render.tables import (
    InertConsole,
    action_list_table,
    due_tables,
    esc,
    new_table,
    print_due,
    print_json,
    print_pack,
    print_recorded,
    print_reopened,
    print_verify,
    status_text,
    unfinished_tables,
)

HOSTILE = "Tim \x1b]8;;https://evil.example\x07Klik\x1b]8;;\x07 [bold]\\"


def test_esc_strips_escape_sequences_and_escapes_markup():
    text = esc(HOSTILE)
    assert "\x1b" not in text and "\x07" not in text
    assert rendered(f"{text}[bold]after[/]").strip() == "Tim Klik [bold]\\after"


def test_inert_console_strips_what_reaches_the_terminal():
    out = InertConsole(file=io.StringIO(), width=80, color_system=None)
    table = new_table(title="\x1b[2Jtitle")
    table.add_column("x")
    table.add_row("\x1b[31mred\x1b[0m")
    out.print(table)
    out.print("\x1b]0;window title\x07line")
    printed = out.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b" not in printed and "title" in printed and "red" in printed and "line" in printed


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", '"Jadwal ✓"'), ("cp1252", '"Jadwal \\u2713"')])
def test_print_json_writes_utf8_as_is_else_escapes(monkeypatch, encoding, expected):
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    monkeypatch.setattr(sys, "stdout", stream)
    print_json({"text": "Jadwal ✓", "c1": "\x9b"})
    stream.seek(0)
    text = stream.read()
    assert expected in text and "\\u009b" in text
    assert json.loads(text) == {"text": "Jadwal ✓", "c1": "\x9b"}


def test_status_text():
    assert [rendered(status_text(*args)).strip() for args in (("done",), ("done", True), ("open",), ("open", True))] == [
        "done", "done, late", "open", "open"]  # fmt: skip


def test_action_list_table_puts_the_team_under_the_indicator_when_narrow(tmp_path):
    plan = plan_at(tmp_path, UNFINISHED)
    rows = [a.to_json() for a in plan.actions]
    wide = rendered(action_list_table(rows, width=120), 120)
    assert "Team" in wide and "[draft] Masih draf" in wide and "not scheduled" in wide
    narrow = rendered(action_list_table(rows, width=50), 50)
    header = next(line for line in narrow.splitlines() if "ID" in line)
    assert header.split() == ["ID", "Indicator", "Months"] and "Manajemen" in narrow
    assert max(map(len, narrow.splitlines())) <= 50


def test_action_list_table_counts_the_rows_it_leaves_out(tmp_path):
    rows = [a.to_json() for a in plan_at(tmp_path, UNFINISHED).actions]
    text = rendered(action_list_table(rows, max_rows=2), 120)
    assert "I.1.b" in text and "II.1.a" not in text
    assert "3 more not shown: use --team, or --json for every row" in " ".join(text.split())


def test_due_tables_one_per_team_then_the_overdue(tmp_path):
    plan = plan_at(tmp_path, UNFINISHED)
    report = due(plan, journal_of(plan, record("II.1.a", 4, at=late(2024, 4))), 4)
    team_1, team_2, overdue = (rendered(t, 100) for t in due_tables(report, plan, width=100))
    assert "Tim Manajemen Perubahan — 0/1 done" in team_1 and "I.1.a" in team_1
    assert "Tim Penguatan Tata Laksana — 1/1 done" in team_2 and "done, late" in team_2
    assert "Overdue: still open from before April" in overdue
    assert [line.split()[:2] for line in overdue.splitlines() if line.strip().startswith(("I.", "II."))] == [
        ["I.1.a", "Jan"], ["I.1.b", "Feb"], ["II.1.a", "Mar"]]  # fmt: skip


def test_due_tables_put_a_shared_action_on_each_teams_list(tmp_path):
    shared = UNFINISHED.replace("            months: [1, 4]\n", "            months: [1, 4]\n            teams: [mp, tl]\n")
    plan = plan_at(tmp_path, shared)
    titles = [t.title for t in due_tables(due(plan, journal_of(plan), 4), plan)]
    assert [str(t).split(" — ")[1] for t in titles[:2]] == ["0/1 done", "0/2 done"]


def test_unfinished_tables_list_unscheduled_actions_and_drafts_apart(tmp_path):
    plan = plan_at(tmp_path, UNFINISHED)
    tables = unfinished_tables(due(plan, journal_of(plan), 4))
    assert ["Not scheduled yet" in str(t.title) for t in tables] == [True, False]
    assert "II.2.a" in rendered(tables[0]) and "II.2.b" in rendered(tables[1])


def test_print_due_says_when_nothing_is_scheduled_or_overdue(tmp_path, capsys):
    plan = plan_at(tmp_path)
    journal = journal_of(plan, record("I.1.a", 1), record("I.1.b", 2), record("II.1.a", 3), record("I.1.a", 4), record("II.1.a", 4),
                         record("II.1.a", 5))  # fmt: skip
    print_due(due(plan, journal, 6), plan)
    out = capsys.readouterr().out
    assert "Kantor Contoh — due in June 2024" in out
    assert "Nothing is scheduled in June and nothing is overdue." in out
    assert out.rstrip().endswith("Due: 0, done: 0, open: 0, overdue: 0")


def test_print_recorded_lists_each_link_and_says_how_to_add_evidence(tmp_path, capsys):
    plan = plan_at(tmp_path)
    journal = journal_of(plan)
    done = SimpleNamespace(record=record("I.1.a", 1), journal=journal)
    print_recorded(done, 2024, add=False)
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "done: I.1.a January 2024 — by Ani"
    assert "no evidence yet; add it with: zi done I.1.a --month 1 --add --evidence FILE_OR_URL" in out
    linked = SimpleNamespace(record=record("I.1.a", 1, "evidence", links=("https://example.org/x",)), journal=journal)
    print_recorded(linked, 2024, add=True)
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == ["evidence added to I.1.a January 2024 — by Ani", "  link   https://example.org/x"]
    assert "no evidence yet" not in out


def test_print_recorded_gives_a_stored_files_path_and_hash(tmp_path, capsys):
    plan = plan_at(tmp_path)
    journal = journal_of(plan)
    entry = EvidenceEntry(path="I/I.1/I.1.a/2024-01/sk.pdf", sha256="ab" * 32, size=12, name="sk.pdf")
    print_recorded(SimpleNamespace(record=record("I.1.a", 1)._replace(evidence=(entry,)), journal=journal), 2024, add=False)
    line = capsys.readouterr().out.splitlines()[1]
    assert line == "  stored plan.evidence/I/I.1/I.1.a/2024-01/sk.pdf  (sha256 abababababab…, 12 bytes)"


def test_print_reopened(tmp_path, capsys):
    plan = plan_at(tmp_path)
    print_reopened(SimpleNamespace(record=record("II.1.a", 3, "undo"), journal=journal_of(plan)), 2024)
    assert capsys.readouterr().out.strip() == "reopened II.1.a March 2024; journal plan.progress.yaml"


def test_print_verify_counts_in_the_singular_and_plural(capsys):
    problem = SimpleNamespace(line=lambda: "I/x.pdf: missing")
    print_verify(1, [problem], ["loose.pdf"], [".partial"])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "I/x.pdf: missing"
    assert out[1].startswith("loose.pdf: in the evidence folder but in no record")
    assert out[2].startswith(".partial: a partial copy left by an interrupted zi done")
    assert out[3] == "1 evidence file checked, 1 problem"
    print_verify(2, [], [], [])
    assert capsys.readouterr().out.strip() == "2 evidence files checked, 0 problems"


def test_print_pack_goes_to_stderr_when_the_zip_is_the_output(capsys):
    result = SimpleNamespace(problems=["I/x.pdf: I.1.a 1: missing"], files=1, links=0, gaps=2, withdrawn=1)
    print_pack(result, "bukti.zip", stderr=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "written bukti.zip: 1 file, 0 links, 2 gaps, 1 withdrawn (listed, not packed)" in captured.err
    assert "run zi verify" in captured.err


def test_print_due_caps_the_rows_of_all_its_tables_together(tmp_path, capsys, monkeypatch):
    from zi_plan.render import tables

    plan = plan_at(tmp_path)
    report = due(plan, journal_of(plan), 4)
    everything = [t.row_count for t in due_tables(report, plan)]
    assert len(everything) == 3 and sum(everything) > 2  # two teams, then the overdue
    print_due(report, plan)
    assert "not shown" not in capsys.readouterr().out  # under the cap: as before
    monkeypatch.setattr(tables, "TOTAL_ROWS", everything[0])
    print_due(report, plan)
    said = " ".join(capsys.readouterr().out.split())
    # the first table whole; the others left out, counted on one line
    assert "Tim Penguatan" not in said and "still open from before" not in said and "more not shown" not in said
    hidden = sum(everything) - everything[0]
    assert f"{hidden} more rows not shown ({everything[0]} at most in all tables): one team's with --team TEAM, every row with --json" in said
    assert said.endswith("Due: 2, done: 0, open: 2, overdue: 3")  # the counts are of everything
    # a table cut short by the total says so itself too
    monkeypatch.setattr(tables, "TOTAL_ROWS", sum(everything) - 1)
    print_due(report, plan)
    said = " ".join(capsys.readouterr().out.split())
    assert "still open from before" in said and "1 more not shown: use --team, or --json for every row" in said
    assert "1 more row not shown" in said
