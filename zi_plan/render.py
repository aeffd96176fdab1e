"""Every table zi prints is built here, so that they look and wrap alike.

Rich decides colour and width: colour and box drawing in a terminal, none
when piped or with NO_COLOR, width from COLUMNS (80 when piped).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape as esc
from rich.table import Table

from zi_plan.i18n import _, month_name, month_short, ngettext

__all__ = ["esc", "month_name", "month_short"]


def months_text(months: Iterable[int]) -> str:
    """[4, 5, 6, 9] -> 'Apr-Jun, Sep': short enough for a table cell."""
    months = sorted(months)
    runs: list[list[int]] = []
    for m in months:
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = []
    for run in runs:
        first, last = month_short(run[0]), month_short(run[-1])
        parts.append(first if len(run) == 1 else (f"{first}, {last}" if len(run) == 2 else f"{first}-{last}"))
    return ", ".join(parts)


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich would otherwise colour numbers and ids at random.
    return Console(stderr=stderr, highlight=False)


def print_json(data: Any) -> None:
    """JSON for scripts: UTF-8 text as is, never wrapped or coloured."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def new_table(*, title: str | None = None, caption: str | None = None) -> Table:
    return Table(
        title=title,
        caption=caption,
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        caption_justify="left",
        show_lines=False,
        expand=False,
    )


def action_list_table(rows: list[dict[str, Any]]) -> Table:
    """`zi list`: one row per action."""
    table = new_table()
    table.add_column(_("ID"), no_wrap=True, style="bold")
    table.add_column(_("Team"), ratio=2, overflow="fold")
    table.add_column(_("Indicator"), ratio=5, overflow="fold")
    table.add_column(_("Months"), ratio=2)
    for row in rows:
        table.add_row(esc(row["id"]), esc(row["team"]), esc(row["indicator"]), months_text(row["months"]))
    return table


def _status_text(status: str, late: bool = False) -> str:
    if status == "done":
        return "[green]" + (_("done, late") if late else _("done")) + "[/]"
    return "[yellow]" + _("open") + "[/]"


# Rich lays out about a thousand table rows a second. Past this many rows a
# terminal table is unreadable anyway; the rest is counted, and --json or
# --team gives every row.
MAX_ROWS = 200


def _more_row(table: Table, shown: int, total: int) -> None:
    if total > shown:
        hidden = total - shown
        text = ngettext("{n} more not shown: use --team, or --json for every row",
                        "{n} more not shown: use --team, or --json for every row", hidden).format(n=hidden)  # fmt: skip
        table.add_row("…", "", f"[italic]{text}[/]")


def due_tables(report: Any, plan: Any, max_rows: int = MAX_ROWS) -> list[Table]:
    """`zi due`: one table per team for the month, then one for what is late."""
    tables: list[Table] = []
    by_team: dict[str, list[Any]] = {}
    for d in report.due:
        by_team.setdefault(d.action.team.name, []).append(d)
    for team, entries in by_team.items():
        done = sum(d.status == "done" for d in entries)
        title = _("{team} — {done}/{total} done").format(team=f"[bold]{esc(team)}[/]", done=done, total=len(entries))
        table = new_table(title=title)
        table.add_column(_("ID"), no_wrap=True, style="bold")
        table.add_column(_("Status"), no_wrap=True)
        table.add_column(_("Indicator"), ratio=3, overflow="fold")
        table.add_column(_("Evidence expected"), ratio=3, overflow="fold")
        for d in entries[:max_rows]:
            table.add_row(esc(d.action.id), _status_text(d.status, d.late(plan.year)), esc(d.action.indicator), esc("\n".join(d.action.evidence)))
        _more_row(table, min(max_rows, len(entries)), len(entries))
        tables.append(table)
    if report.overdue:
        grouped: dict[str, list[Any]] = {}
        for d in report.overdue:
            grouped.setdefault(d.action.id, []).append(d)
        title = _("Overdue: still open from before {month}").format(month=month_name(report.month))
        table = new_table(title=f"[bold red]{title}[/]")
        table.add_column(_("ID"), no_wrap=True, style="bold")
        table.add_column(_("Months"), ratio=1)
        table.add_column(_("Team"), ratio=2, overflow="fold")
        table.add_column(_("Indicator"), ratio=4, overflow="fold")
        for action_id, entries in list(grouped.items())[:max_rows]:
            action = entries[0].action
            table.add_row(esc(action_id), months_text(d.month for d in entries), esc(action.team.name), esc(action.indicator))
        _more_row(table, min(max_rows, len(grouped)), len(grouped))
        tables.append(table)
    return tables


def show_tables(data: dict[str, Any]) -> list[Table]:
    """`zi show`: the action's texts, then its occurrences and evidence."""
    about = new_table(title=f"[bold]{esc(data['id'])}[/] — {esc(data['team'])}")
    about.add_column("", style="bold", no_wrap=True)
    about.add_column("", overflow="fold")
    about.show_header = False
    about.add_row(_("Component"), esc(f"{data['component']}. {data['component_title']}"))
    about.add_row(_("Item"), esc(f"{data['item']}. {data['item_title']}"))
    about.add_row(_("Indicator"), esc(data["indicator"]))
    about.add_row(_("Steps"), esc("\n".join(f"{i}. {s}" for i, s in enumerate(data["steps"], 1))))
    about.add_row(_("Evidence expected"), esc("\n".join(f"- {e}" for e in data["evidence_expected"])))
    about.add_row(_("Months"), months_text(data["months"]))
    occ = new_table(title=_("Occurrences"))
    occ.add_column(_("Month"), no_wrap=True)
    occ.add_column(_("Status"), no_wrap=True)
    occ.add_column(_("When / who"), overflow="fold")
    occ.add_column(_("Note"), overflow="fold")
    occ.add_column(_("Evidence"), overflow="fold")
    for o in data["occurrences"]:
        files = [esc(e.get("url") or e["path"]) for e in data["evidence"] if e["month"] == o["month"]]
        files += [f"[dim]{esc(e.get('url') or e['path'])} ({esc(withdrawn_text(e['withdrawn']))})[/]"
                  for e in data.get("withdrawn_evidence", ()) if e["month"] == o["month"]]  # fmt: skip
        who = f"{o['done_at'][:16].replace('T', ' ')} {o['done_by']}" if o["done_at"] else ""
        occ.add_row(month_name(o["month"]), _status_text(o["status"]), esc(who), esc(o["note"] or ""), "\n".join(files))
    return [about, occ]


def withdrawn_text(how: dict[str, Any]) -> str:
    """'withdrawn: reopened 2023-05-02 by Yulius': how a file of `zi show` stopped counting."""
    template = _("withdrawn: reopened {date} by {by}") if how["event"] == "undo" else _("withdrawn: replaced {date} by {by}")
    return template.format(date=how["at"][:10], by=how["by"])


def teams_tables(loads: list[Any], with_progress: bool, width: int) -> list[Table]:
    """`zi teams`: a row per team, a column per month; the peak month marked with *.

    Below about 110 columns the year does not fit beside the team names, so
    it is shown as two half-years rather than squeezed out of shape.
    """
    halves = [range(1, 13)] if width >= 110 else [range(1, 7), range(7, 13)]
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
        table.add_column(_("Team"), min_width=10, overflow="fold", footer=_("Total"))
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


MARKS = {"open": "[cyan]○[/]", "done": "[green]✓[/]", "overdue": "[bold red]✗[/]", "done-late": "[yellow]◑[/]"}


def marks_legend() -> str:
    return _("○ scheduled  ✓ done  ✗ overdue  ◑ done late")


def team_grid(detail: Any, max_rows: int = MAX_ROWS) -> Table:
    """`zi team NAME`: a row per action, a column per month, a mark per occurrence.

    The indicator is shortened to what the console width leaves beside the grid.
    """
    counts = detail.counts()
    title = _("{team} — as of {month}: {done_of_due}/{due} due done, {done}/{total} of the year").format(
        team=f"[bold]{esc(detail.team.name)}[/]", month=month_name(detail.as_of), done_of_due=counts["done_of_due"],
        due=counts["due_so_far"], done=counts["done"], total=counts["total"],
    )  # fmt: skip
    table = new_table(title=title, caption=marks_legend())
    id_width = max((len(r.action.id) for r in detail.rows), default=2)
    table.add_column(_("ID"), no_wrap=True, style="bold", min_width=id_width)
    table.add_column(_("Indicator"), ratio=1, min_width=8, overflow="ellipsis", no_wrap=True)
    table.expand = True  # the indicator takes what the grid leaves
    table.collapse_padding = True
    for m in range(1, 13):
        # Month numbers: narrow, and the same in every language.
        table.add_column(f"[u]{m}[/]" if m == detail.as_of else str(m), justify="center", no_wrap=True, min_width=2)
    table.pad_edge = False
    for row in detail.rows[:max_rows]:
        table.add_row(esc(row.action.id), esc(row.action.indicator), *(MARKS[row.marks[m]] if m in row.marks else "" for m in range(1, 13)))
    if len(detail.rows) > max_rows:
        hidden = len(detail.rows) - max_rows
        text = ngettext("{n} more: --json lists every action", "{n} more: --json lists every action", hidden).format(n=hidden)
        table.add_row("…", f"[italic]{text}[/]")
    return table


def bar(fraction: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def progress_table(rows: list[Any], overall: Any, as_of: int) -> Table:
    """`zi progress`: completion per component, with bars."""
    table = new_table(title=_("Progress as of {month}").format(month=month_name(as_of)))
    table.add_column("", no_wrap=True, style="bold")
    table.add_column(_("Component"), min_width=12, overflow="fold")
    table.add_column(_("Done of due to {month}").format(month=month_short(as_of)), no_wrap=True)
    table.add_column(_("Done of the year"), no_wrap=True)

    def cells(c: Any) -> tuple[str, str]:
        due = f"{bar(c.done_of_due / c.due if c.due else 1.0)} {percent_text(c.done_of_due, c.due)} {c.done_of_due}/{c.due}"
        year = f"{bar(c.done / c.total if c.total else 1.0)} {percent_text(c.done, c.total)} {c.done}/{c.total}"
        return due, year

    for c in rows:
        table.add_row(esc(c.key), esc(c.title), *cells(c))
    table.add_section()
    table.add_row("", f"[bold]{_('Total')}[/]", *cells(overall))
    return table


def percent_text(part: int, whole: int) -> str:
    return f"{(100 * part / whole) if whole else 100:3.0f}%"
