"""From rows to components, items and actions: the hierarchy the table has.

Levels come from whatever the table uses: Roman numerals and item numbers
in NO (the Tambrauw decree), dotted codes whose prefixes give the levels by
depth (SS.1, SS.1.1, A.1.I.i.a) or by their letters (SS.1.1 -> K.2 ->
IO.2.2, see codes), a column per level (AREA, SUB AREA, with outer columns
above them; beside codes by depth they lead, see coded_levels), title rows merged across two columns or more (an item; a
component when it starts with a Roman numeral or stands right above another
title), and letters (a., b)) labelling actions. In a CSV, where merges are
lost, a row whose only text is in the first text column and that leads a
group of rows is read as such a title too, and said so. A row with a month
marked (or any row, in a table without a schedule) is an action; in a
scheduled table a row with no mark and no label that reads as the rest of
the row above continues that action over a page break. How an empty cell is
read is in ``actions``. Every row is recorded as what it became, or why it
was skipped (``account``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zi_plan.errors import Problem
from zi_plan.i18n import N_, _
from zi_plan.importing.actions import continue_action, finish_empties, new_action
from zi_plan.importing.cells import one_line
from zi_plan.importing.coded_levels import Beside, read_beside, tell_beside
from zi_plan.importing.codes import CodeScheme, parent_of, prefix_of, read_scheme
from zi_plan.importing.columns import Columns
from zi_plan.importing.findings import Findings, short
from zi_plan.importing.grid import Grid
from zi_plan.importing.rows import ROMAN, RowData, read_row, skip_reason
from zi_plan.importing.teams import Teams
from zi_plan.importing.tree import RowAction, RowComponent, RowItem

_MARKER = re.compile(r"^\s*(?:\d{1,2}|[IVXivx]{1,4}|[A-Za-z])\s*[.)]\s+(?=\S)")

SKIP_REASONS = {"header": N_("a header row repeated (a new page)"), "numbers": N_("a row of column numbers (1, 2, 3 ...)")}


@dataclass
class Walk:
    grid: Grid
    cols: Columns
    quarters: str
    component_name: str | None
    findings: Findings = field(default_factory=Findings)
    teams: Teams = field(default_factory=Teams)
    problems: list[Problem] = field(default_factory=list)
    components: list[RowComponent] = field(default_factory=list)
    item: RowItem | None = None
    action: RowAction | None = None  # the last action of the current item, to continue
    implicit: bool = False  # the table has no component level: one component holds every item
    scheme: CodeScheme = field(default_factory=CodeScheme)
    beside: Beside = field(default_factory=Beside)  # level columns beside codes by depth: the levels they give
    dropped: list[str] = field(default_factory=list)  # headings with no action under them
    used: dict[int, tuple[str, object]] = field(default_factory=dict)  # row -> what it became
    skipped: dict[int, str] = field(default_factory=dict)  # row -> why it is in no component, item or action
    heads: set[int] = field(default_factory=set)  # rows read as titles (merged, or leading a group in a CSV)
    component_heads: set[int] = field(default_factory=set)  # titles right above another: components
    outer: str = ""  # the outer heading the rows are under (AREA over PILAR)
    new_outer: bool = False  # the outer heading changed: the next component row opens one even with the same title
    empties: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (how, role) -> rows of empty cells
    unmarked: list[int] = field(default_factory=list)  # rows whose title lost its list marker ('1.', 'i.')

    @property
    def comp(self) -> RowComponent | None:
        return self.components[-1] if self.components else None

    def row_note(self, r: int) -> str:
        """'row 12', or '[page 2] row 4' in a table joined from several pages."""
        label, line = self.grid.origins[r]
        part = label[len(self.grid.label):] if label.startswith(self.grid.label) else ""
        row = _("row {n}").format(n=line)
        return f"{part} {row}".strip()

    def header(self, role: str, default: str) -> str:
        """The column's header as the file has it (RENCANA KINERJA), for messages; ``default`` when there is no such column."""
        c = self.cols.roles.get(role)
        return (one_line(self.cols.headers.get(c, "")) or default) if c is not None else default

    def problem(self, r: int, role: str | None, message: str) -> None:
        c = self.cols.roles.get(role) if role else None
        self.problems.append(self.grid.problem(r, c, message))

    def other_text(self, r: int) -> str:
        """A heading row's title from whichever column holds it; that column then counts as read (for its titles)."""
        skip = {self.cols.roles.get("number"), self.cols.roles.get("team"), self.cols.letters}
        found = next(((c, t) for c, t in enumerate(self.grid.rows[r]) if t.strip() and c not in skip), None)
        if found is None:
            return ""
        if not self.cols.used(found[0]):
            self.cols.titles.add(found[0])
        return found[1]

    def title(self, r: int, text: str) -> str:
        """A component's or item's title: on one line, without the list marker ('1. ', 'i. ') that numbers it in the table."""
        plain = _plain(text)
        if plain != one_line(text):
            self.unmarked.append(r)
        return plain

    def note_empty(self, how: str, role: str, r: int) -> None:
        self.empties.setdefault((how, role), []).append(r)

    # ------------------------------------------------------------ levels

    def open_component(self, r: int, title: str, code: str | None = None, team: str = "") -> None:
        if not title:
            self.problem(r, "number", _("a component row with no title{code}").format(code=_code_note(code)))
        comp = RowComponent(r, self.title(r, title), code)
        if self.outer:
            comp.notes.append(_("under: {title}").format(title=self.outer))
        self.components.append(comp)
        self.item = self.action = None
        self.new_outer = False
        if team:
            comp.team_cell = team
        self.used[r] = ("component", comp)

    def open_item(self, r: int, title: str, code: str | None = None) -> None:
        comp = self.ensure_component(r, code)
        if comp is None:
            return
        if self.item is not None and not self.item.actions and self.item in comp.items:
            comp.items.remove(self.item)  # a heading level above the items: keep its title as a note
            self.dropped.append(self.item.title)
        self.item = RowItem(r, self.title(r, title), code, notes=[self.row_note(r)])
        if self.dropped:
            self.item.notes += [_("under: {title}").format(title=t) for t in self.dropped]
            self.dropped = []
        comp.items.append(self.item)
        self.action = None
        self.used[r] = ("item", self.item)

    def ensure_component(self, r: int, code: str | None = None) -> RowComponent | None:
        if self.comp is None:
            if not self.implicit:
                self.problem(r, "number", _("a row before any component{code}: the table must start with a component row (I, II, ...)").format(code=_code_note(code)))
                return None
            title = self.component_name or " ".join(self.grid.titles[:1]) or _("Rencana Aksi")
            self.components.append(RowComponent(None, one_line(title)))
        return self.comp

    def ensure_item(self, r: int, code: str | None = None) -> RowItem | None:
        comp = self.ensure_component(r, code)
        if comp is None:
            return None
        if self.item is None:
            self.open_item(r, comp.title)  # no item level: the component's title
        return self.item

    # ------------------------------------------------------------ rows

    def heading(self, r: int, text: str) -> None:
        roman = ROMAN.match(text.strip())
        if roman and roman.group(2):
            self.open_component(r, roman.group(2))
        elif r in self.component_heads:
            self.open_component(r, text)
        else:
            self.open_item(r, text)

    def code_row(self, row: RowData, code: str, rest: str) -> bool:
        """Open what a coded row opens; whether it is a heading (nothing more to read from it)."""
        title = rest or row.component or row.item or row.indicator or row.action or self.other_text(row.r)
        if self.scheme.by_prefix:
            return self._prefix_row(row, code, title)
        segments = code.split(".")
        if row.heading_like:
            if self.scheme.head_depth is None or len(segments) <= self.scheme.head_depth:
                self.open_component(row.r, rest or row.component or row.item or self.other_text(row.r), code, row.team)
            else:
                self.open_item(row.r, rest or row.component or row.item or self.other_text(row.r), code)
            return True
        depth = self.scheme.head_depth or 1
        comp_code = ".".join(segments[:depth])
        comp = self.comp
        if comp is None or (comp.code is not None and comp.code != comp_code):
            self.open_component(row.r, (row.component if not row.component_copied else "") or comp_code, comp_code)
        item_code = ".".join(segments[:-1])
        item = self.item
        if self.beside.items and row.item:  # the item column gives the items, under the code's components
            if item is None or _plain(row.item) != item.title:
                self.open_item(row.r, row.item)
        elif item_code != comp_code and (item is None or (item.code is not None and item.code != item_code and not item_code.startswith(item.code + "."))):
            self.open_item(row.r, row.item or item_code, item_code)
        return False

    def _prefix_row(self, row: RowData, code: str, title: str) -> bool:
        level = self.scheme.level(code)
        if level == "outer":
            self.outer, self.new_outer = one_line(title), True
            self.used[row.r] = ("outer", self.outer)
        elif level == "component":
            self.open_component(row.r, title, code, row.team)
        elif level == "item":
            self.open_item(row.r, title, code)
            if row.team and self.item is not None:
                self.item.team_cells = [row.team]
        else:
            self._check_parent(row.r, code)
            return False
        return True

    def _check_parent(self, r: int, code: str) -> None:
        """An action code whose digits put it under another heading than the one above it: told, not moved."""
        item = self.item
        if item is None or not item.code:
            return
        digits = code[len(prefix_of(code)):].lstrip(". ")
        above = item.code[len(prefix_of(item.code)):].lstrip(". ")
        parent = parent_of(digits)
        if parent and parent != above and not parent.startswith(above + "."):
            self.findings.warn(_("code {code} stands under {item}, but its digits say it belongs under another heading: check the code or its place").format(code=code, item=item.code), [item.row, r])

    def levels(self, row: RowData) -> tuple[str, bool, bool]:
        """Open whatever the row opens; (the kind of its NO cell, whether it opened something, whether it is only a heading)."""
        kind, key, rest = row.kind_of_number()
        outer = " / ".join(_plain(part) for part in row.outer.split(" / ")) if row.outer else ""
        if self.cols.outer and outer and outer != self.outer:
            self.outer, self.new_outer = " / ".join(self.title(row.r, part) for part in row.outer.split(" / ")), True
        heading = kind == "roman" and row.heading_like
        opened = kind in ("roman", "item", "code")
        by_columns = kind == "code" and self.beside.components  # the code is the action's source id only
        if kind == "roman":
            self.open_component(row.r, rest or row.component or row.item or self.other_text(row.r), None, row.team)
        elif kind == "code" and not by_columns:
            heading = self.code_row(row, key, rest)
        elif row.component and not row.component_copied and (self.comp is None or self.new_outer or _plain(row.component) != self.comp.title):
            self.open_component(row.r, row.component, None, row.team if not row.content else "")
            opened = True
        if kind == "item":
            title = row.item or (row.component if "item" not in self.cols.roles else "")
            # a number and a title alone (in KEGIATAN, say) with no indicator, evidence or month: an item heading
            heading = not title and row.heading_like
            title = title or one_line(row.indicator or row.action)
            if not title:
                self.problem(row.r, "item", _("item {no} has no title").format(no=key))
            self.open_item(row.r, title)
        elif row.item and not row.item_copied and (kind not in ("code", "roman") or by_columns) and (self.item is None or _plain(row.item) != self.item.title):
            self.open_item(row.r, row.item)
            opened = True
        if by_columns and row.heading_like:
            heading = True  # a heading by its code: the level columns have opened what it opens
            if row.r not in self.used:
                self.skipped[row.r] = _("a heading by its code ({code}): the hierarchy follows the level columns").format(code=key)
        if kind == "other" and row.content:
            self.problem(row.r, "number", _("'{value}' in {column} is neither a component (I, II, ...), an item number, a letter nor a code like SS.1.1").format(
                value=row.number, column=self.cols.headers.get(self.cols.roles["number"], "NO")))  # fmt: skip
        return kind, opened, heading

    def row(self, row: RowData) -> None:
        if row.title or row.r in self.heads:
            self.heading(row.r, row.title or one_line(row.indicator or row.action))
            return
        kind, opened, heading = self.levels(row)
        if heading:  # a component, item or heading row: its text is its title
            if row.team and self.item is not None and self.item.row == row.r:
                self.item.team_cells = [row.team]  # an item's team, never dropped
            return
        if not row.content:
            self._no_content(row, kind, opened)
            return
        if self.ensure_item(row.r, row.number or None) is None:
            return
        scheduled = bool(self.cols.months) or "schedule" in self.cols.roles
        labelled = opened or kind in ("letter", "code") or bool(row.row_id or row.running)
        if scheduled and not row.months and not labelled and self.action is not None and _reads_as_continuation(row):
            continue_action(self, row)
        else:
            new_action(self, row, kind)

    def _no_content(self, row: RowData, kind: str, opened: bool) -> None:
        if kind == "other":
            self.heading(row.r, row.number)
        elif row.months and not opened:
            column = min(self.cols.months) if self.cols.months else self.cols.roles.get("schedule")
            self.problems.append(self.grid.problem(row.r, column, _("months marked on a row with no indicator, steps or evidence: give the row its texts, or clear the marks")))
        elif row.team and self.comp is not None and self.comp.team_cell is None:
            self.comp.team_cell = row.team
            self.used.setdefault(row.r, ("team", self.comp))


def _plain(text: str) -> str:
    return _MARKER.sub("", one_line(text))


def _code_note(code: str | None) -> str:
    return _(" (code {code})").format(code=code) if code else ""


def _reads_as_continuation(row: RowData) -> bool:
    """The rest of the action above, cut by a page break: no indicator of its own, or one in mid-sentence."""
    indicator = row.indicator.strip()
    return row.indicator_copied or not indicator or indicator[0].islower()




def walk(grid: Grid, cols: Columns, quarters: str, component_name: str | None, findings: Findings | None = None) -> Walk:
    """Every data row placed or told skipped; problems collected rather than raised."""
    state = Walk(grid, cols, quarters, component_name, findings or Findings())
    rows = []
    for r in range(cols.last_header + 1, len(grid.rows)):
        reason = skip_reason(grid, cols, r)
        if not reason:
            rows.append(read_row(grid, cols, r, quarters, state.problems))
        elif reason in SKIP_REASONS:
            state.skipped[r] = _(SKIP_REASONS[reason])
    kinds = [row.kind_of_number() for row in rows]
    state.scheme = read_scheme([(key, row.title_like) for row, (kind, key, _rest) in zip(rows, kinds, strict=True) if kind == "code"])
    _plan_titles(state, rows, kinds)
    has_level = "component" in cols.roles or bool(cols.outer) or any(k in ("roman", "code") for k, _key, _rest in kinds)
    has_level = has_level or bool(state.component_heads) or any(row.title and ROMAN.match(row.title.strip()) for row in rows)
    state.implicit = not has_level
    coded = [(row, key) for row, (kind, key, _rest) in zip(rows, kinds, strict=True) if kind == "code" and not row.heading_like]
    state.beside = read_beside(cols, state.scheme, coded)
    for row in rows:
        state.row(row)
    finish_empties(state)
    tell_beside(state.findings, cols, state.beside, coded, state.scheme.head_depth or 1)
    _tell_scheme(state, rows, kinds)
    _tell_titles(state, rows)
    return state


def _tell_titles(state: Walk, rows: list[RowData]) -> None:
    merged = [row.r for row in rows if row.title]
    if merged:
        state.findings.infer(_("{n} title rows merged across the table read as headings").format(n=len(merged)), merged)
    if state.unmarked:
        state.findings.infer(_("list markers ('1.', 'i.', 'a.') left out of {n} titles").format(n=len(set(state.unmarked))), state.unmarked)
    first = state.components[0] if state.components else None
    if state.implicit and first is not None and first.row is None:
        source = _("from --component") if state.component_name else _("from the title above the table; name it with --component NAME") if state.grid.titles else _("a name of zi's; give it with --component NAME")
        state.findings.infer(_("the table has no component level: one component, '{title}' ({source})").format(title=short(first.title, 60), source=source))


def _plan_titles(state: Walk, rows: list[RowData], kinds: list[tuple[str, str, str]]) -> None:
    """Which rows are titles: merged ones, and (in a table with no other item level) lone texts leading a group; stacked titles are components."""
    cols = state.cols
    titled = any(row.title for row in rows)
    other_items = "item" in cols.roles or titled or any(k in ("item", "code") for k, _key, _rest in kinds)
    lone: list[int] = []
    for i, row in enumerate(rows):
        if row.title:
            state.heads.add(row.r)
        elif row.lone and not other_items and not row.number and not row.months and i + 1 < len(rows):
            after = rows[i + 1]
            if after.lone or after.title or (after.content and (after.evidence or after.months)):
                state.heads.add(row.r)
                lone.append(row.r)
    heads = [i for i, row in enumerate(rows) if row.r in state.heads]
    for i in heads:
        if i + 1 < len(rows) and rows[i + 1].r in state.heads and not ROMAN.match((rows[i].title or "").strip()):
            state.component_heads.add(rows[i].r)
    if lone:
        column = state.header("indicator" if "indicator" in cols.roles and cols.roles["indicator"] < cols.roles.get("action", 999) else "action", "")
        state.findings.infer(_("{n} rows with text only in {column} lead a group of rows: read as titles, as if merged across the table").format(n=len(lone), column=column), lone)
    if state.component_heads:
        state.findings.infer(_("titles right above another title read as components, the others as items"), sorted(state.component_heads))


def _tell_scheme(state: Walk, rows: list[RowData], kinds: list[tuple[str, str, str]]) -> None:
    if not state.scheme.by_prefix:
        return
    levels = state.scheme.levels
    first = {p: next(row.r for row, (k, key, _r) in zip(rows, kinds, strict=True) if k == "code" and prefix_of(key) == p) for p in levels}
    names = {"outer": _("outer headings"), "component": _("components"), "item": _("items"), "action": _("actions")}
    told = "; ".join(f"{p} {names[level]}" for p, level in levels.items())
    state.findings.infer(_("the codes name their level by their letters, not by their depth: {levels}").format(levels=told), list(first.values()))

