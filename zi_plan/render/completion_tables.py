"""The completion tables: `zi teams`, `zi team NAME`, `zi progress`.

Each is built in a few layouts and printed in the fullest that fits the
width with every number and word whole (see zi_plan.render.fit).
"""

from __future__ import annotations

from typing import Any

from rich.table import Table

from zi_plan.i18n import _, month_name, month_short, ngettext
from zi_plan.model.status import SYMBOLS
from zi_plan.render.fit import first_fitting, narrowest, settle, shorten
from zi_plan.render.tables import MAX_ROWS, console, esc, new_table


def teams_tables(loads: list[Any], with_progress: bool, width: int) -> list[Table]:
    """`zi teams`: a row per team, a column per month; the peak month marked with *.

    When the year does not fit beside the team names, it is shown in halves
    (or thirds) of the year rather than squeezed out of shape.
    """
    for parts in (1, 2, 3, 4):
        size = 12 // parts
        tables = _teams_tables(loads, with_progress, [range(1 + i * size, 1 + (i + 1) * size) for i in range(parts)])
        if all(narrowest(t, width) <= width for t in tables):
            break
    for table in tables:
        settle(table, width)
    return tables


def _teams_tables(loads: list[Any], with_progress: bool, halves: list[range]) -> list[Table]:
    caption = _("* the team's busiest month") + (_("; cells are done/scheduled") if with_progress else "")

    def cell(done: int, scheduled: int, peak: bool = False) -> str:
        if not scheduled:
            return "[dim]-[/]"
        text = f"{done}/{scheduled}" if with_progress else str(scheduled)
        return f"[bold magenta]{text}*[/]" if peak else text

    tables = []
    for n, months in enumerate(halves):
        last = n == len(halves) - 1
        table = new_table(caption=caption if last else None)
        table.show_footer = True
        table.add_column(_("Team"), min_width=10, footer=_("Total"))
        for m in months:
            column_done = sum(x.done[m] for x in loads)
            table.add_column(month_short(m), justify="right", no_wrap=True,
                             footer=cell(column_done, sum(x.scheduled[m] for x in loads)))  # fmt: skip
        if last:
            table.add_column(_("Total"), justify="right", no_wrap=True, style="bold",
                             footer=cell(sum(x.total_done for x in loads), sum(x.total for x in loads)))  # fmt: skip
        for load in loads:
            peak = load.peak_month
            row = [esc(load.team.name), *(cell(load.done[m], load.scheduled[m], m == peak) for m in months)]
            if last:
                row.append(cell(load.total_done, load.total))
            table.add_row(*row)
        tables.append(table)
    return tables


_COLOURS = {"open": "cyan", "done": "green", "overdue": "bold red", "done-late": "yellow"}
MARKS = {mark: f"[{_COLOURS[mark]}]{symbol}[/]" for mark, symbol in SYMBOLS.items()}


def marks_legend() -> str:
    return _("○ scheduled  ✓ done  ✗ overdue  ◑ done late")


def team_grid(detail: Any, max_rows: int = MAX_ROWS, width: int | None = None) -> Table:
    """`zi team NAME`: a row per action, a column per month, a mark per occurrence.

    The indicator is shortened, at a space, to what the width leaves beside
    the grid; when that is too little to read, it is left out (zi show ID
    gives it in full).
    """
    width = width or console().width
    # What the grid takes with a 10-column indicator tells what one more column costs.
    room = width - narrowest(_team_grid(detail, max_rows, 10), width) + 10
    return _team_grid(detail, max_rows, room if room >= 12 else 0)


def _team_grid(detail: Any, max_rows: int, indicator_width: int) -> Table:
    counts = detail.counts()
    title = _("{team} — as of {month}: {done_of_due}/{due} due done, {done}/{total} of the year").format(
        team=f"[bold]{esc(detail.team.name)}[/]", month=month_name(detail.as_of), done_of_due=counts["done_of_due"],
        due=counts["due_so_far"], done=counts["done"], total=counts["total"],
    )  # fmt: skip
    table = new_table(title=title, caption=marks_legend())
    id_width = max((len(r.action.id) for r in detail.rows), default=2)
    table.add_column(_("ID"), no_wrap=True, style="bold", min_width=id_width)
    if indicator_width:
        table.add_column(_("Indicator"), no_wrap=True, width=indicator_width)
    table.collapse_padding = True
    for m in range(1, 13):
        # Month numbers: narrow, and the same in every language.
        table.add_column(f"[u]{m}[/]" if m == detail.as_of else str(m), justify="center", no_wrap=True, min_width=2)
    table.pad_edge = False
    for row in detail.rows[:max_rows]:
        marks = [MARKS[row.marks[m]] if m in row.marks else "" for m in range(1, 13)]
        indicator = [esc(shorten(row.action.indicator, indicator_width))] if indicator_width else []
        table.add_row(esc(row.action.id), *indicator, *marks)
    if len(detail.rows) > max_rows:
        hidden = len(detail.rows) - max_rows
        text = ngettext("{n} more: --json lists every action", "{n} more: --json lists every action", hidden).format(n=hidden)
        table.add_row("…", f"[italic]{text}[/]")
    return table


def bar(fraction: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def progress_table(rows: list[Any], overall: Any, as_of: int, width: int | None = None) -> Table:
    """`zi progress`: completion per component, with bars where they fit."""
    return first_fitting([lambda: _progress_table(rows, overall, as_of, 10), lambda: _progress_table(rows, overall, as_of, 0)],
                         width or console().width)  # fmt: skip


def _progress_table(rows: list[Any], overall: Any, as_of: int, bar_width: int) -> Table:
    table = new_table(title=_("Progress as of {month}").format(month=month_name(as_of)))
    table.add_column("", no_wrap=True, style="bold")
    table.add_column(_("Component"), min_width=12)

    def cell(part: int, whole: int) -> str:
        text = f"{percent_text(part, whole)} {part}/{whole}"
        return f"{bar(part / whole if whole else 1.0, bar_width)} {text}" if bar_width else text

    # Each cell on one line (min_width), while the headers wrap at spaces.
    cells = [cell(c.done_of_due, c.due) for c in [*rows, overall]], [cell(c.done, c.total) for c in [*rows, overall]]
    table.add_column(_("Done of due to {month}").format(month=month_short(as_of)), justify="right", min_width=max(map(len, cells[0])))
    table.add_column(_("Done of the year"), justify="right", min_width=max(map(len, cells[1])))
    for c in rows:
        table.add_row(esc(c.key), esc(c.title), cell(c.done_of_due, c.due), cell(c.done, c.total))
    table.add_section()
    table.add_row("", f"[bold]{_('Total')}[/]", cell(overall.done_of_due, overall.due), cell(overall.done, overall.total))
    return table


def percent_text(part: int, whole: int) -> str:
    return f"{(100 * part / whole) if whole else 100:3.0f}%"
