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
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


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
        table.add_row(row["id"], row["team"], row["indicator"], months_text(row["months"]))
    return table
