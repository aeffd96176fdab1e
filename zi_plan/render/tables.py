"""Every table zi prints is built here, so that they look and wrap alike.

Rich decides colour and width: colour and box drawing in a terminal, none
when piped or with NO_COLOR, width from COLUMNS (80 when piped).
"""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table
from rich.text import Text

from zi_plan.i18n import _, month_name, month_short, months_text, ngettext
from zi_plan.inert import inert, json_safe
from zi_plan.model.plan import lke_suffix
from zi_plan.render.fit import LazyEmojiConsole, first_fitting
from zi_plan.store.workspace import how_found, shown

__all__ = ["esc", "month_name", "month_short", "months_text"]


def esc(text: str) -> str:
    """Text from a plan, journal or argument, ready to go into Rich markup.

    Made inert first: escape sequences can end in a backslash, which would
    otherwise escape the markup that follows the text.
    """
    return _markup_escape(inert(text))


class InertConsole(LazyEmojiConsole):
    """A Rich console through which no escape sequence from the data reaches the terminal.

    Every string Rich prints (cells, titles, captions, lines) becomes text
    in ``render_str``; stripping there covers them all, and Rich's own
    colours are added later, so they are untouched.
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(inert(text), **kwargs)


class CellTable(Table):
    """A Rich table whose text cells are parsed from markup once, as they are added.

    Rich would parse a text cell each time it measures or draws it, three or
    four times as zi fits a table to the terminal (zi_plan.render.fit). The Text is
    made by the console class that prints it, so what is printed is the same.
    """

    def add_row(self, *renderables: Any, style: Any = None, end_section: bool = False) -> None:
        cells = _cell_console()
        super().add_row(*(cells.render_str(c) if isinstance(c, str) else c for c in renderables), style=style, end_section=end_section)


@functools.cache
def _cell_console() -> Console:
    return InertConsole(highlight=False, file=io.StringIO())


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich would otherwise colour numbers and ids at random.
    # InertConsole: no escape sequence from a plan or journal reaches the terminal.
    return InertConsole(stderr=stderr, highlight=False)


def print_json(data: Any) -> None:
    """JSON for scripts: UTF-8 text as is, never wrapped or coloured.

    To a stream that is not UTF-8 (a Windows console or file), non-ASCII
    text is written as \\u escapes: still the same JSON, nothing lost.
    """
    import json  # --json only: kept off the start-up of the tables

    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    text = json.dumps(data, ensure_ascii=not encoding.startswith("utf"), indent=2, default=str)
    sys.stdout.write(json_safe(text))
    sys.stdout.write("\n")


def new_table(*, title: str | None = None, caption: str | None = None) -> Table:
    return CellTable(
        title=title,
        caption=caption,
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        caption_justify="left",
        show_lines=False,
        expand=False,
    )


def action_list_table(rows: list[dict[str, Any]], max_rows: int | None = None, width: int | None = None, total: int | None = None) -> Table:
    """`zi list`: one row per action, at most MAX_ROWS of them (Rich lays out
    about a thousand rows a second; --json gives every row at once); narrow
    terminals get the team under the indicator. ``total``: how many rows there
    are, when ``rows`` holds only those to show."""
    limit = MAX_ROWS if max_rows is None else max_rows

    def build(team_column: bool) -> Table:
        table = new_table()
        table.add_column(_("ID"), no_wrap=True, style="bold")
        if team_column:
            table.add_column(_("Team"), ratio=2)
        table.add_column(_("Indicator"), ratio=5)
        table.add_column(_("Months"), ratio=2)
        for row in rows[:limit]:
            months = months_text(row["months"]) if row["months"] else _("not scheduled")
            indicator = esc((_("[draft]") + " " if row.get("draft") else "") + row["indicator"] + lke_suffix(row.get("lke")))
            teams = esc(", ".join(row.get("teams") or [row["team"]]))
            if team_column:
                table.add_row(esc(row["id"]), teams, indicator, months)
            else:
                table.add_row(esc(row["id"]), f"{indicator}\n[dim]{teams}[/]", months)
        _more_row(table, min(limit, len(rows)), len(rows) if total is None else total)
        return table

    return first_fitting([lambda: build(True), lambda: build(False)], width or console().width)


def status_text(status: str, late: bool = False) -> str:
    if status == "done":
        return "[green]" + (_("done, late") if late else _("done")) + "[/]"
    return "[yellow]" + _("open") + "[/]"


# Rich lays out about a thousand table rows a second. Past this many rows a
# terminal table is unreadable anyway; the rest is counted, and --json or
# --team gives every row.
MAX_ROWS = 200


# `zi due`'s tables together: past this many rows, whole tables are left out.
# The bundled plan's busiest month (December, nothing done) has 88.
TOTAL_ROWS = 100


class RowBudget:
    """Rows left to print across a command's tables, and how many were not printed."""

    def __init__(self, total: int | None) -> None:
        self.left = total
        self.hidden = 0  # every row not printed, by the total or by a table's own cap
        self.cut = False  # whether the total left any row out

    def take(self, wanted: int, limit: int = MAX_ROWS) -> int:
        """How many of ``wanted`` rows a table may print."""
        shown = min(wanted, limit)
        if self.left is not None:
            if self.left < shown:
                shown, self.cut = self.left, True
            self.left -= shown
        self.hidden += wanted - shown
        return shown


def _more_row(table: Table, shown: int, total: int) -> None:
    if total > shown:
        hidden = total - shown
        text = ngettext("{n} more not shown: use --team, or --json for every row",
                        "{n} more not shown: use --team, or --json for every row", hidden).format(n=hidden)  # fmt: skip
        table.add_row("…", "", f"[italic]{text}[/]")


def due_tables(report: Any, plan: Any, max_rows: int = MAX_ROWS, width: int | None = None, budget: RowBudget | None = None) -> list[Table]:
    """`zi due`: one table per team for the month, then one for what is late.

    In a narrow terminal the evidence expected goes under the indicator, and
    the overdue table's team under its indicator, rather than squeezed. A
    ``budget`` shared across tables leaves out the tables past it.
    """
    width = width or console().width
    budget = budget or RowBudget(None)
    tables: list[Table] = []
    for group in report.teams:  # an action shared by several teams is on each one's list
        rows = budget.take(len(group.entries), max_rows)
        if rows:
            tables.append(first_fitting([lambda g=group, s=split, n=rows: _due_team_table(g, plan, n, s)  # type: ignore[misc]
                                         for split in (True, False)], width))  # fmt: skip
    if report.overdue_actions:
        rows = budget.take(len(report.overdue_actions), max_rows)
        if rows:
            tables.append(first_fitting([lambda s=split: _overdue_table(report, rows, s)  # type: ignore[misc]
                                         for split in (True, False)], width))  # fmt: skip
    return tables


def _due_team_table(group: Any, plan: Any, max_rows: int, split: bool) -> Table:
    entries = group.entries
    title = _("{team} — {done}/{total} done").format(team=f"[bold]{esc(group.team)}[/]", done=group.done, total=len(entries))
    table = new_table(title=title)
    table.add_column(_("ID"), no_wrap=True, style="bold")
    table.add_column(_("Status"))
    table.add_column(_("Indicator"), ratio=3)
    if split:
        table.add_column(_("Evidence expected"), ratio=3)
    for d in entries[:max_rows]:
        evidence = esc("\n".join(d.action.evidence))
        if split:
            table.add_row(esc(d.action.id), status_text(d.status, d.late(plan.year)), esc(d.action.indicator + lke_suffix(d.action.lke)), evidence)
        else:
            text = f"{esc(d.action.indicator + lke_suffix(d.action.lke))}\n[dim]{_('Evidence expected')}:[/] {evidence}"
            table.add_row(esc(d.action.id), status_text(d.status, d.late(plan.year)), text)
    _more_row(table, min(max_rows, len(entries)), len(entries))
    return table


def _overdue_table(report: Any, max_rows: int, split: bool) -> Table:
    title = _("Overdue: still open from before {month}").format(month=month_name(report.month))
    table = new_table(title=f"[bold red]{title}[/]")
    table.add_column(_("ID"), no_wrap=True, style="bold")
    table.add_column(_("Months"), ratio=1)
    if split:
        table.add_column(_("Team"), ratio=2)
    table.add_column(_("Indicator"), ratio=4)
    for action, months in report.overdue_actions[:max_rows]:
        teams = esc(", ".join(t.name for t in action.teams))
        if split:
            table.add_row(esc(action.id), months_text(months), teams, esc(action.indicator))
        else:
            table.add_row(esc(action.id), months_text(months), f"{esc(action.indicator)}\n[dim]{teams}[/]")
    total = len(report.overdue_actions)
    _more_row(table, min(max_rows, total), total)
    return table


def unfinished_tables(report: Any, budget: RowBudget | None = None) -> list[Table]:
    """`zi due`: actions not scheduled yet, and drafts, apart from the month's work (as `zi list` shows them)."""
    budget = budget or RowBudget(None)
    tables = []
    for actions, title in ((report.unscheduled, _("Not scheduled yet")), (report.drafts, _("Drafts: no steps or evidence yet"))):
        rows = budget.take(len(actions)) if actions else 0
        if rows:
            tables.append(action_list_table([a.to_json() for a in actions[:rows]], max_rows=rows, total=len(actions)))
            tables[-1].title = f"[bold]{title}[/]"
    return tables


# ---------------------------------------------------------------- what commands say


def print_due(report: Any, plan: Any, extra: Sequence[Any] = ()) -> None:
    """`zi due`: the heading, a table per team and the overdue, then the counts.

    At most TOTAL_ROWS rows in all its tables (each table still at most
    MAX_ROWS): a large plan's month would otherwise take Rich seconds to lay
    out; a line then says how many more there are and how to see them."""
    out = console()
    out.print(_("{institution} — due in {month} {year}").format(
        institution=f"[bold]{esc(plan.institution)}[/]", month=month_name(report.month), year=plan.year))  # fmt: skip
    budget = RowBudget(TOTAL_ROWS)
    for table in due_tables(report, plan, budget=budget):
        out.print(table)
    if not report.due and not report.overdue:
        out.print(_("Nothing is scheduled in {month} and nothing is overdue.").format(month=month_name(report.month)))
    for table in unfinished_tables(report, budget):
        out.print(table)
    if budget.cut:
        out.print(ngettext("{n} more row not shown ({total} at most in all tables): one team's with --team TEAM, every row with --json",
                           "{n} more rows not shown ({total} at most in all tables): one team's with --team TEAM, every row with --json",
                           budget.hidden).format(n=budget.hidden, total=TOTAL_ROWS))  # fmt: skip
    for table in extra:  # the evaluators' revisi requests, built by the command (zi_plan.render.lke_review_tables)
        out.print(table)
    out.print(
        _("Due: {due}, done: {done}, open: {open}, overdue: {overdue}").format(
            due=len(report.due), done=report.done, open=len(report.due) - report.done, overdue=len(report.overdue)
        )
    )


def print_recorded(result: Any, year: int, add: bool) -> None:
    """`zi done`: what was recorded, where each piece of evidence went, and the journal."""
    from zi_plan.store.evidence import path_for_user  # the evidence store pulls hashing and the atomic writers (~10 ms): only commands that touch evidence pay

    record = result.record
    out = console()
    what = f"[bold]{record.action}[/] {month_name(record.month)} {year}"
    template = _("evidence added to {what} — by {by}") if add else _("done: {what} — by {by}")
    out.print(template.format(what=what, by=esc(record.by)))
    # Paths and links are never wrapped: people copy them.
    for entry in record.evidence:
        if entry.url:
            out.print("  " + _("link   {url}").format(url=esc(entry.url)), soft_wrap=True)
        else:
            where = path_for_user(result.journal, entry.path)
            line = _("stored {path}  (sha256 {sha}…, {size} bytes)").format(path=esc(where), sha=entry.sha256[:12], size=entry.size)
            out.print("  " + line, soft_wrap=True)
    out.print("  " + _("journal {path}").format(path=esc(str(shown(result.journal.path)))), soft_wrap=True)
    if not add and not record.evidence:
        # Evaluators ask for the evidence of every occurrence: say how to add it.
        out.print("  " + _("no evidence yet; add it with: zi done {id} --month {month} --add --evidence FILE_OR_URL").format(
            id=record.action, month=record.month), soft_wrap=True)  # fmt: skip


def print_reopened(result: Any, year: int) -> None:
    """`zi undo`: which occurrence is open again, and the journal."""

    what = f"[bold]{result.record.action}[/] {month_name(result.record.month)} {year}"
    console().print(_("reopened {what}; journal {path}").format(what=what, path=esc(str(shown(result.journal.path)))), soft_wrap=True)


def print_verify(checked: int, problems: list[Any], loose: list[Any], partial: list[Any]) -> None:
    """`zi verify`: each missing, changed or refused file, each file no record names,
    each partial copy, then the counts."""
    out = console()
    for p in problems:
        out.print(esc(p.line()), soft_wrap=True)
    for path in loose:
        out.print(esc(str(path)) + ": " + _("in the evidence folder but in no record (record it with zi done ... --add --evidence, or remove it)"), soft_wrap=True)
    for path in partial:
        out.print(esc(str(path)) + ": " + _("a partial copy left by an interrupted zi done; the next zi done or zi undo removes it"), soft_wrap=True)
    files = ngettext("{n} evidence file checked", "{n} evidence files checked", checked).format(n=checked)
    found = ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems))
    out.print(f"{files}, {found}")


def print_pack(result: Any, target: Any, stderr: bool = False) -> None:
    """`zi evidence pack`: problems with stored files, then what went into the zip (on stderr when the zip is the output)."""
    out = console(stderr=stderr)
    for problem in result.problems:
        out.print(esc(problem), soft_wrap=True)
    counts = (ngettext("{n} file", "{n} files", result.files).format(n=result.files), ngettext("{n} link", "{n} links", result.links).format(n=result.links),
              ngettext("{n} gap", "{n} gaps", result.gaps).format(n=result.gaps), _("{n} withdrawn (listed, not packed)").format(n=result.withdrawn))  # fmt: skip
    out.print(_("written {path}: {counts}").format(path=esc(str(target)), counts=", ".join(counts)), soft_wrap=True)
    if result.problems:
        out.print(_("some stored files are missing, changed or were not read (outside the evidence folder; see above and index.html); run zi verify"))


def print_written_plan(target: Any) -> None:
    """`zi init`, `zi import`: where the plan went, how to check it, and how zi will find it."""

    out = console()
    out.print(_("written {path}; check it with: zi validate {path}").format(path=esc(str(target))), soft_wrap=True)
    out.print(esc(how_found(target)), soft_wrap=True)
