"""Choosing a table layout that fits the terminal without cutting anything.

Rich squeezes a table that is wider than the console by cutting cells: a
number loses digits ("29/181" shown as "29/18") and a word is broken in the
middle. zi never lets it come to that: each table is built in a few layouts,
from the fullest to the most compact (fewer bars, fewer columns, texts
stacked in one cell), and the first whose narrowest rendering (every word
and number whole) fits the width is printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

# What rich._emoji_replace looks for (rich is pinned), to call it only when there can be a match.
_EMOJI_CODE = re.compile(r"(:(\S*?)(?:(?:\-)(emoji|text))?:)")


class LazyEmojiConsole(Console):
    """A Rich console that replaces emoji codes only in texts that have one.

    Rich would otherwise load its table of emoji names (a few milliseconds
    of every start-up) to replace nothing; what is printed is the same.
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        if not kwargs.get("emoji") and _EMOJI_CODE.search(text) is None:
            kwargs["emoji"] = False
        return super().render_str(text, **kwargs)


def _measure(table: Table) -> list[Measurement]:
    """Rich's per-column measure (padding included) of every column: what both
    the choice of layout and the settling need, so it is taken once per table."""
    console = LazyEmojiConsole(width=10_000, color_system=None, force_terminal=False)
    options = console.options
    return [table._measure_column(console, options, column) for column in table.columns]


def _least(table: Table, ranges: Sequence[Measurement]) -> list[int]:
    """Each column's width with every word and number whole: its longest word,
    or its longest line when it does not wrap."""
    return [r.maximum if column.no_wrap else r.minimum for column, r in zip(table.columns, ranges, strict=True)]


def narrowest(table: Table, width: int, ranges: Sequence[Measurement] | None = None) -> int:
    """The fewest columns ``table`` needs with every word and number whole.

    Rich's own measurement counts a no-wrap column by its longest word, as
    if it could wrap; here such a column counts by its longest line. (Uses
    Rich's per-column measure, which includes the padding; rich is pinned.)
    """
    return table._extra_width + sum(_least(table, _measure(table) if ranges is None else ranges))


def first_fitting(layouts: Sequence[Callable[[], Table]], width: int) -> Table:
    """The first layout that fits ``width`` (the last, most compact one otherwise), its columns settled."""
    table = layouts[0]()
    ranges: list[Measurement] | None = None
    for build in layouts[1:]:
        ranges = _measure(table)
        if narrowest(table, width, ranges) <= width:
            break
        table, ranges = build(), None
    settle(table, width, ranges)
    return table


def settle(table: Table, width: int, ranges: Sequence[Measurement] | None = None) -> None:
    """Give each column a width of its own when the table must be narrowed.

    Rich narrows a wide table by shrinking its widest columns, below their
    longest word if need be, and then cuts that word. Here each column gets
    at least its longest word (its longest line if it does not wrap), and
    the room left is shared by what each column would like beyond that.
    ``ranges``: the table's columns as measured already, if they were.
    """
    if ranges is None:
        ranges = _measure(table)
    extra = table._extra_width
    if extra + sum(r.maximum for r in ranges) <= width:
        # Fits as it is: Rich would give each column its widest line, so
        # fix those widths now, which spares Rich measuring every cell again.
        for index, (column, r) in enumerate(zip(table.columns, ranges, strict=True)):
            column.width = max(0, r.maximum - table._get_padding_width(index))
        return
    least = _least(table, ranges)
    spare = width - extra - sum(least)
    if spare < 0:
        return  # nothing fits: the most compact layout, as Rich lays it out
    # Fair shares: a column that wants little (a month list, a count) gets
    # all of it; the long texts share what is left by their ratio.
    wants = [r.maximum - m for r, m in zip(ranges, least, strict=True)]
    weights = [column.ratio or 1 for column in table.columns]
    given = [0] * len(wants)
    waiting = sorted(range(len(wants)), key=lambda i: wants[i] / weights[i])
    while waiting:
        index = waiting[0]
        share = spare * weights[index] // sum(weights[i] for i in waiting)
        waiting.pop(0)
        given[index] = min(wants[index], share if waiting else spare)
        spare -= given[index]
    for index, column in enumerate(table.columns):
        column.width = max(1, least[index] + given[index] - table._get_padding_width(index))


def shorten(text: str, width: int) -> str:
    """``text`` cut at a space to at most ``width`` characters, with '…' when cut."""
    if len(text) <= width:
        return text
    cut = text[: max(width - 1, 0)].rsplit(" ", 1)[0].rstrip(" ,;:/-")
    return (cut + "…") if cut else ""
