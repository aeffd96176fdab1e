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

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]  # fmt: skip
MONTHS_SHORT = [m[:3] for m in MONTHS]


def month_name(month: int) -> str:
    return MONTHS[month - 1]


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
        first, last = MONTHS_SHORT[run[0] - 1], MONTHS_SHORT[run[-1] - 1]
        parts.append(first if len(run) == 1 else (f"{first}, {last}" if len(run) == 2 else f"{first}-{last}"))
    return ", ".join(parts)


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich would otherwise colour numbers and ids at random.
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


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
    table.add_column("ID", no_wrap=True, style="bold")
    table.add_column("Team", ratio=2, overflow="fold")
    table.add_column("Indicator", ratio=5, overflow="fold")
    table.add_column("Months", ratio=2)
    for row in rows:
        table.add_row(esc(row["id"]), esc(row["team"]), esc(row["indicator"]), months_text(row["months"]))
    return table


def _status_text(status: str, late: bool = False) -> str:
    if status == "done":
        return "[green]done, late[/]" if late else "[green]done[/]"
    return "[yellow]open[/]"


def due_tables(report: Any, plan: Any) -> list[Table]:
    """`zi due`: one table per team for the month, then one for what is late."""
    tables: list[Table] = []
    by_team: dict[str, list[Any]] = {}
    for d in report.due:
        by_team.setdefault(d.action.team.name, []).append(d)
    for team, entries in by_team.items():
        done = sum(d.status == "done" for d in entries)
        table = new_table(title=f"[bold]{esc(team)}[/] — {done}/{len(entries)} done")
        table.add_column("ID", no_wrap=True, style="bold")
        table.add_column("Status", no_wrap=True)
        table.add_column("Indicator", ratio=3, overflow="fold")
        table.add_column("Evidence expected", ratio=3, overflow="fold")
        for d in entries:
            table.add_row(esc(d.action.id), _status_text(d.status, d.late(plan.year)), esc(d.action.indicator), esc("\n".join(d.action.evidence)))
        tables.append(table)
    if report.overdue:
        grouped: dict[str, list[Any]] = {}
        for d in report.overdue:
            grouped.setdefault(d.action.id, []).append(d)
        table = new_table(title=f"[bold red]Overdue[/]: open from before {month_name(report.month)}")
        table.add_column("ID", no_wrap=True, style="bold")
        table.add_column("Months", ratio=1)
        table.add_column("Team", ratio=2, overflow="fold")
        table.add_column("Indicator", ratio=4, overflow="fold")
        for action_id, entries in grouped.items():
            action = entries[0].action
            table.add_row(esc(action_id), months_text(d.month for d in entries), esc(action.team.name), esc(action.indicator))
        tables.append(table)
    return tables


def show_tables(data: dict[str, Any]) -> list[Table]:
    """`zi show`: the action's texts, then its occurrences and evidence."""
    about = new_table(title=f"[bold]{esc(data['id'])}[/] — {esc(data['team'])}")
    about.add_column("", style="bold", no_wrap=True)
    about.add_column("", overflow="fold")
    about.show_header = False
    about.add_row("Component", esc(f"{data['component']}. {data['component_title']}"))
    about.add_row("Item", esc(f"{data['item']}. {data['item_title']}"))
    about.add_row("Indicator", esc(data["indicator"]))
    about.add_row("Steps", esc("\n".join(f"{i}. {s}" for i, s in enumerate(data["steps"], 1))))
    about.add_row("Evidence expected", esc("\n".join(f"- {e}" for e in data["evidence_expected"])))
    about.add_row("Months", months_text(data["months"]))
    occ = new_table(title="Occurrences")
    occ.add_column("Month", no_wrap=True)
    occ.add_column("Status", no_wrap=True)
    occ.add_column("When / who", overflow="fold")
    occ.add_column("Note", overflow="fold")
    occ.add_column("Evidence", overflow="fold")
    for o in data["occurrences"]:
        files = [e.get("url") or e["path"] for e in data["evidence"] if e["month"] == o["month"]]
        who = f"{o['done_at'][:16].replace('T', ' ')} {o['done_by']}" if o["done_at"] else ""
        occ.add_row(o["month_name"], _status_text(o["status"]), esc(who), esc(o["note"] or ""), esc("\n".join(files)))
    return [about, occ]
