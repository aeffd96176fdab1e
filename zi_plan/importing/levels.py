"""Settling from the cells what the headers alone cannot tell.

- NO beside KODE: a running number 1..n on every row is no hierarchy; the
  column holding codes, Roman numerals or item numbers is. `zi export`'s
  KODE column holds zi's own action ids and is kept to check them.
- Level columns (ASPEK, AREA, PILAR, SUB PILAR ...): a column with one value
  in every row is no level; of the others, read left to right, the last is
  the item, the one before it the component, any further left outer
  headings that open components anew.
- An LKE column of question texts rather than codes is matched against the
  worksheet's questions instead of being read as codes.
- A column of level letters (SS, K, IO) beside a code column of numbers
  makes one code of the two (SS.1.1).

Each decision is a finding with the header row, so that --dry-run shows it.
"""

from __future__ import annotations

import re

from zi_plan.i18n import _, ngettext
from zi_plan.importing.columns import Candidate, Columns, tell_lost
from zi_plan.importing.findings import Finding, short
from zi_plan.importing.grid import Grid
from zi_plan.importing.rows import is_skipped, title_of

_ZI_ID = re.compile(r"^[IVXLC]+\.\d+\.[a-z]+$")
_INT = re.compile(r"^(\d{1,4})\.?$")
_LETTERS = re.compile(r"^[A-Z]{1,4}$")


def _values(grid: Grid, c: int, rows: list[int], copied: bool = False) -> list[str]:
    return [grid.cell(r, c).strip() for r in rows if grid.cell(r, c).strip() and (copied or (r, c) not in grid.copied)]


def data_rows(grid: Grid, cols: Columns) -> list[int]:
    """The rows under the header that hold data: not empty, not a repeated header, not a title across the table."""
    return [r for r in range(cols.last_header + 1, len(grid.rows)) if not is_skipped(grid, cols, r) and not title_of(grid, r)]


def settle_levels(grid: Grid, cols: Columns) -> None:
    rows = data_rows(grid, cols)
    _settle_level_columns(grid, cols, rows)
    _settle_numbers(grid, cols, rows)
    _settle_lke(grid, cols, rows)
    _find_letters(grid, cols, rows)


def _kind(values: list[str], content: int) -> str:
    """'ids' (zi's own), 'running' (1..n on nearly every row), 'hierarchy' or 'empty'."""
    if not values:
        return "empty"
    if sum(bool(_ZI_ID.match(v)) for v in values) >= 0.8 * len(values):
        return "ids"
    ints = [int(m.group(1)) for v in values if (m := _INT.match(v))]
    if len(ints) == len(values) >= 3 and ints == list(range(ints[0], ints[0] + len(ints))) and len(ints) >= 0.8 * content:
        return "running"
    return "hierarchy"


def _content_rows(grid: Grid, cols: Columns, rows: list[int]) -> int:
    text_cols = [cols.roles[r] for r in ("indicator", "action", "evidence") if r in cols.roles]
    return sum(1 for r in rows if any(grid.cell(r, c).strip() for c in text_cols))


def _settle_numbers(grid: Grid, cols: Columns, rows: list[int]) -> None:
    numbers = sorted({c.column for c in cols.candidates if c.role == "number" and not (c.forced and cols.roles.get("number") != c.column)})
    if cols.forced.get("number"):
        numbers = [cols.roles["number"]] + [c for c in numbers if c != cols.roles["number"]]
    if not numbers:
        return
    content = _content_rows(grid, cols, rows)
    kinds = {c: _kind(_values(grid, c, rows), content) for c in numbers}
    ids = [c for c in numbers if kinds[c] == "ids"]
    if ids and len(numbers) > 1:
        cols.ids = ids[0]
        numbers.remove(ids[0])
        cols.sources = next((c for c, h in cols.headers.items() if " ".join(h.split()).upper() == "KODE SUMBER"), None)
        cols.findings.append(Finding(_("{column} holds zi's own action ids (a `zi export`): kept to check the ids, not read as the hierarchy").format(column=cols.label(ids[0])), [cols.header]))
    running = next((c for c in numbers if kinds[c] == "running"), None)
    others = [c for c in numbers if c != running and kinds[c] != "empty"]
    if "number" in cols.forced or running is None or not (others or cols.outer or "item" in cols.roles or "component" in cols.roles or _has_titles(grid, cols)):
        cols.roles["number"] = numbers[0]
        return
    values = _values(grid, running, rows)
    cols.running = running
    levels = [*cols.outer, *(cols.roles[r] for r in ("component", "item") if r in cols.roles)]
    if others:  # the code column, and level columns beside it (which of them leads is told by the walk: coded_levels)
        cols.roles["number"] = others[0]
        levels.insert(0, others[0])
    else:
        cols.roles.pop("number", None)
    sources = [cols.label(c) for c in levels]
    many = len(sources) if sources else 2  # "the heading rows are"
    cols.findings.append(Finding(ngettext("{column} holds a running number {first}..{last}: not used for the hierarchy, {source} is",
                                          "{column} holds a running number {first}..{last}: not used for the hierarchy, {source} are", many).format(
        column=cols.label(running), first=values[0].rstrip("."), last=values[-1].rstrip("."), source=", ".join(sources) or _("the heading rows")), [cols.header]))  # fmt: skip


def _has_titles(grid: Grid, cols: Columns) -> bool:
    return any(title_of(grid, r) for r in range(cols.last_header + 1, len(grid.rows)))


def _settle_level_columns(grid: Grid, cols: Columns, rows: list[int]) -> None:
    levels = [c for c in cols.candidates if c.role in ("component", "item") and not c.forced and c.column not in cols.roles.values()]
    if len(levels) > 1:
        constant = [c for c in levels if len(_values(grid, c.column, rows, copied=True)) >= 3 and len(set(_values(grid, c.column, rows, copied=True))) == 1]
        keep = [c for c in levels if c not in constant]
        for cand in constant if keep else []:  # dropped only while another level remains
            value = _values(grid, cand.column, rows, copied=True)[0]
            cols.dropped[cand.column] = _("the same value in every row: no level")
            cols.findings.append(Finding(_("{column} holds '{value}' in every row: not read as a level").format(column=cols.label(cand.column), value=short(value)), [cols.header]))
        levels = keep or levels
    if levels:
        _assign_levels(cols, sorted(levels, key=lambda c: c.column))


def _assign_levels(cols: Columns, levels: list[Candidate]) -> None:
    if len(levels) == 1:
        role = levels[0].role
        if role not in cols.roles:
            cols.roles[role] = levels[0].column
        return
    free = [role for role in ("item", "component") if role not in cols.roles]
    for role in free:
        if levels:
            cols.roles[role] = levels.pop().column
    cols.outer = [c.column for c in levels]
    if cols.outer:
        cols.findings.append(Finding(ngettext("{outer} stands above {component}: each new value opens the components anew, and is noted on them",
                                              "{outer} stand above {component}: each new value opens the components anew, and is noted on them",
                                              len(cols.outer)).format(outer=", ".join(cols.label(c) for c in cols.outer),
                                                                      component=cols.label(cols.roles.get("component", cols.outer[-1]))), [cols.header]))  # fmt: skip
    if "component" in free and "item" in free:
        cols.findings.append(Finding(_("{component} and {item}: the left one read as the component, the right one as the item").format(
            component=cols.label(cols.roles["component"]), item=cols.label(cols.roles["item"])), [cols.header]))  # fmt: skip


_CODE_WORD = re.compile(r"(?:[A-Za-z]{1,3}(?:\.[0-9A-Za-z]+)+|\d+(?:\.[0-9A-Za-z]+)*)[.,;]?")


def _is_question(text: str) -> bool:
    """Words, not a list of codes (P.1.i.a, P.1.i.b): a question's text however short ('Apakah SOP ada?')."""
    words = text.split()
    return len(words) >= 2 and not all(_CODE_WORD.fullmatch(w) for w in words)


def _settle_lke(grid: Grid, cols: Columns, rows: list[int]) -> None:
    lke = [c.column for c in cols.candidates if c.role == "lke" and (not c.forced or cols.roles.get("lke") == c.column)]
    texts = [c for c in lke if (v := _values(grid, c, rows)) and sum(_is_question(t) for t in v) >= 0.6 * len(v)]
    if not texts:
        return
    cols.lke_text = texts[0]
    lke_candidate = {c.column: c for c in cols.candidates if c.role == "lke"}
    codes = sorted((c for c in lke if c not in texts and _values(grid, c, rows)), key=lambda c: (lke_candidate[c].rank, c))
    winner = cols.roles.get("lke")
    if winner == texts[0]:
        del cols.roles["lke"]
    for c in lke:  # a contest told as if the texts were codes is taken back: it no longer holds
        if c != winner and texts[0] in (c, winner) and c in cols.lost:
            cols.findings.remove(cols.lost.pop(c))
            cols.dropped.pop(c, None)
    if codes and "lke" not in cols.roles:
        cols.roles["lke"] = codes[0]
        for c in codes[1:]:
            if c not in cols.dropped:
                tell_lost(cols, "lke", lke_candidate[codes[0]], lke_candidate[c])
    label = cols.label(texts[0])
    if "lke" in cols.roles:
        message = _("{column} holds LKE question texts, not codes: each is matched to a question of the LKE worksheet; the codes are read from {codes}").format(
            column=label, codes=cols.label(cols.roles["lke"]))  # fmt: skip
    else:
        message = _("{column} holds LKE question texts, not codes: each is matched to a question of the LKE worksheet").format(column=label)
    cols.findings.append(Finding(message, [cols.header]))


def _find_letters(grid: Grid, cols: Columns, rows: list[int]) -> None:
    number = cols.roles.get("number")
    if number is None:
        return
    for c in (number - 1, number + 1):
        if c < 0 or c >= grid.width or cols.used(c):
            continue
        values = _values(grid, c, rows)
        if len(values) >= 3 and len(set(values)) >= 2 and all(_LETTERS.match(v) for v in values):
            cols.letters = c
            cols.findings.append(Finding(_("{column} holds level letters ({letters}): read with {number} as one code, e.g. {example}").format(
                column=cols.label(c), letters=", ".join(dict.fromkeys(values)), number=cols.label(number),
                example=f"{values[0]}.{next((grid.cell(r, number).strip() for r in rows if grid.cell(r, c).strip() and grid.cell(r, number).strip()), '1')}"), [cols.header]))  # fmt: skip
            return
