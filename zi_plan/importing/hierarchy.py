"""From rows to components, items and actions: the hierarchy the table has.

Levels come from whatever the table uses: Roman numerals and item numbers
in NO (the Tambrauw decree), dotted codes whose prefixes give the levels
(SS.1.1, K.2, A.1.I.i.a), a column per level (AREA, SUB AREA), full-width
merged title rows (an item, or a component when it starts with a Roman
numeral), and letters (a., b)) labelling actions. A row with a month marked
(or any row, in a table without a schedule) is an action; in a scheduled
table a row with no mark and no label that reads as the rest of the row
above (no indicator, or one that starts in lower case) continues that
action over a page break. A row with an indicator but no steps or evidence
is a draft, and never takes the text of the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zi_plan.errors import Problem
from zi_plan.i18n import _
from zi_plan.importing.cells import one_line, split_list
from zi_plan.importing.columns import Columns
from zi_plan.importing.grid import Grid
from zi_plan.importing.rows import ROMAN, RowData, is_skipped, read_row
from zi_plan.importing.teams import Teams
from zi_plan.importing.tree import RowAction, RowComponent, RowItem
from zi_plan.lke.worksheet import load_worksheet


@dataclass
class Walk:
    grid: Grid
    cols: Columns
    quarters: str
    component_name: str | None
    teams: Teams = field(default_factory=Teams)
    problems: list[Problem] = field(default_factory=list)
    components: list[RowComponent] = field(default_factory=list)
    item: RowItem | None = None
    action: RowAction | None = None  # the last action of the current item, to continue
    previous: RowAction | None = None  # the last finished action of the component, to take texts from
    implicit: bool = False  # the table has no component level: one component holds every item
    head_depth: int | None = None  # depth of the shortest heading code (SS.1 -> 2): the component level
    dropped: list[str] = field(default_factory=list)  # headings with no action under them

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

    # ------------------------------------------------------------ levels

    def open_component(self, r: int, title: str, code: str | None = None, team: str = "") -> None:
        if not title:
            self.problem(r, "number", _("a component row with no title"))
        self.components.append(RowComponent(r, one_line(title), code))
        self.item = self.action = self.previous = None
        if team:
            self.comp.team = self._team_keys(team)[0]  # type: ignore[union-attr]

    def open_item(self, r: int, title: str, code: str | None = None) -> None:
        comp = self.ensure_component(r)
        if comp is None:
            return
        if self.item is not None and not self.item.actions and self.item in comp.items:
            comp.items.remove(self.item)  # a heading level above the items: keep its title as a note
            self.dropped.append(self.item.title)
        self.item = RowItem(r, one_line(title), code, notes=[self.row_note(r)])
        if self.dropped:
            self.item.notes += [_("under: {title}").format(title=t) for t in self.dropped]
            self.dropped = []
        comp.items.append(self.item)
        self.action = None

    def ensure_component(self, r: int) -> RowComponent | None:
        if self.comp is None:
            if not self.implicit:
                self.problem(r, "number", _("a row before any component: the table must start with a component row (I, II, ...)"))
                return None
            title = self.component_name or " ".join(self.grid.titles[:1]) or _("Rencana Aksi")
            self.components.append(RowComponent(None, one_line(title)))
        return self.comp

    def ensure_item(self, r: int) -> RowItem | None:
        comp = self.ensure_component(r)
        if comp is None:
            return None
        if self.item is None:
            self.open_item(r, comp.title)  # no item level: the component's title
        return self.item

    def _team_keys(self, cell: str) -> list[str]:
        return list(dict.fromkeys(self.teams.add(name) for name in self.teams.split(cell)))

    # ------------------------------------------------------------ rows

    def heading(self, r: int, text: str) -> None:
        roman = ROMAN.match(text.strip())
        if roman and roman.group(2):
            self.open_component(r, roman.group(2))
        else:
            self.open_item(r, text)

    def code_row(self, row: RowData, code: str, rest: str) -> None:
        segments = code.split(".")
        if row.heading_like:
            title = rest or row.component or row.item or _other_text(self.grid, self.cols, row.r)
            if self.head_depth is None or len(segments) <= self.head_depth:
                self.open_component(row.r, title, code, row.team)
            else:
                self.open_item(row.r, title, code)
            return
        depth = self.head_depth or 1
        comp_code = ".".join(segments[:depth])
        comp = self.comp
        if comp is None or (comp.code is not None and comp.code != comp_code):
            self.open_component(row.r, (row.component if not row.component_copied else "") or comp_code, comp_code)
        item_code = ".".join(segments[:-1])
        item = self.item
        if item_code != comp_code and (item is None or (item.code is not None and item.code != item_code and not item_code.startswith(item.code + "."))):
            self.open_item(row.r, row.item or item_code, item_code)

    def levels(self, row: RowData) -> tuple[str, bool, bool]:
        """Open whatever the row opens; (the kind of its NO cell, whether it opened something, whether it is only a heading)."""
        kind, key, rest = row.kind_of_number()
        heading = kind in ("roman", "code") and row.heading_like
        opened = kind in ("roman", "item", "code")
        if kind == "roman":
            self.open_component(row.r, rest or row.component or row.item or _other_text(self.grid, self.cols, row.r), None, row.team)
        elif kind == "code":
            self.code_row(row, key, rest)
        elif row.component and not row.component_copied and (self.comp is None or one_line(row.component) != self.comp.title):
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
        elif row.item and not row.item_copied and kind not in ("code", "roman") and (self.item is None or one_line(row.item) != self.item.title):
            self.open_item(row.r, row.item)
            opened = True
        if kind == "other" and row.content:
            self.problem(row.r, "number", _("'{value}' in {column} is neither a component (I, II, ...), an item number, a letter nor a code like SS.1.1").format(
                value=row.number, column=self.cols.headers.get(self.cols.roles["number"], "NO")))  # fmt: skip
        return kind, opened, heading

    def row(self, row: RowData) -> None:
        if row.title:
            self.heading(row.r, row.title)
            return
        kind, opened, heading = self.levels(row)
        if heading:  # a component, item or heading row: its text is its title
            if row.team and self.item is not None and self.item.row == row.r:
                self.item.teams = self._team_keys(row.team)  # an item's team, never dropped
            return
        if not row.content:
            if kind == "other":
                self.heading(row.r, row.number)
            elif row.months and not opened:
                column = min(self.cols.months) if self.cols.months else self.cols.roles.get("schedule")
                self.problems.append(self.grid.problem(row.r, column, _("months marked on a row with no indicator, steps or evidence: give the row its texts, or clear the marks")))
            elif row.team and self.comp is not None and self.comp.team is None:
                self.comp.team = self._team_keys(row.team)[0]
            return
        if self.ensure_item(row.r) is None:
            return
        scheduled = bool(self.cols.months) or "schedule" in self.cols.roles
        labelled = opened or kind in ("letter", "code")
        if scheduled and not row.months and not labelled and self.action is not None and _reads_as_continuation(row):
            self.continue_action(row)
        else:
            self.new_action(row, kind)

    def continue_action(self, row: RowData) -> None:
        action = self.action
        assert action is not None
        if row.indicator and not row.indicator_copied:
            action.indicator = f"{action.indicator} {one_line(row.indicator)}".strip()
        action.steps += split_list(row.action)
        action.evidence += split_list(row.evidence)
        action.lke += lke_codes(row.lke)
        if row.team:
            action.teams = list(dict.fromkeys(action.teams + self._team_keys(row.team)))
        action.notes.append(_("continued on row {n}").format(n=self.grid.origins[row.r][1]))

    def new_action(self, row: RowData, kind: str) -> None:
        roles = self.cols.roles
        indicator_role = "indicator" if "indicator" in roles else "action"  # no indicator column: the steps' text is the indicator
        indicator = one_line(row.indicator if indicator_role == "indicator" else row.action)
        steps = split_list(row.action) if "action" in roles else ([indicator] if indicator else [])
        evidence = split_list(row.evidence)
        notes = [self.row_note(row.r)]
        draft = not evidence  # an action is what collects its evidence: without any, it is unfinished
        if not indicator:
            column = self.header(indicator_role, "INDIKATOR")
            if self.previous is None or draft:
                self.problem(row.r, indicator_role, _("empty {column} and no action above it to take it from").format(column=column))
                return
            indicator = self.previous.indicator
            notes.append(_("{column} from the row above").format(column=column))
        if not steps and not draft:
            if self.previous is None:
                draft = True
            else:
                steps = list(self.previous.steps)
                notes.append(_("{column} from the row above").format(column=self.header("action", "LANGKAH AKSI")))
        if draft:  # say what is missing: the comment is read against the table
            notes.append(_("draft: no evidence yet") if steps else _("draft: no steps or evidence yet"))
        if not row.months:
            notes.append(_("no month marked"))
        _kind, key, _rest = row.kind_of_number()
        teams = self._team_keys(row.team) if row.team else list(self.item.teams if self.item else [])
        # The LKE questions: its own code when that is one, and any named in an LKE column.
        lke = list(dict.fromkeys([*(lke_question(key) if kind == "code" else []), *lke_codes(row.lke)]))
        action = RowAction(row=row.r, indicator=indicator, steps=steps, evidence=evidence, months=row.months, teams=teams,
                           source_id=key if kind == "code" else None, draft=draft, notes=notes, lke=lke)  # fmt: skip
        assert self.item is not None and self.comp is not None
        self.item.actions.append(action)
        if self.comp.team is None and action.teams:
            self.comp.team = action.teams[0]
        self.action = action
        if not draft:
            self.previous = action


def lke_question(code: str) -> list[str]:
    """[the question] when a row's code is a scored question of the bundled LKE worksheet (P.1.i.a), else [].

    Some offices number their plan by LKE code: the code then says which
    question the action serves. Other codes (SS.1.1, or A.1.I.i of older
    worksheets) stay the action's source_id only.
    """

    sheet = load_worksheet()
    question = sheet.by_code.get(code) or next((q for q in sheet.questions if q.code.lower() == code.lower()), None)
    return [question.code] if question is not None and question.scored else []


def lke_codes(text: str) -> list[str]:
    """'P.1.i.a, P.1.i.b' (or one per line) -> the codes; checked with the plan's LKE worksheet."""
    return [c for c in re.split(r"[,;\s]+", text) if c]


def _reads_as_continuation(row: RowData) -> bool:
    """The rest of the action above, cut by a page break: no indicator of its own, or one in mid-sentence."""
    indicator = row.indicator.strip()
    return row.indicator_copied or not indicator or indicator[0].islower()


def _other_text(grid: Grid, cols: Columns, r: int) -> str:
    skip = {cols.roles.get("number"), cols.roles.get("team")}
    return next((t for c, t in enumerate(grid.rows[r]) if t.strip() and c not in skip), "")


def walk(grid: Grid, cols: Columns, quarters: str, component_name: str | None) -> Walk:
    """Every data row placed; problems collected rather than raised."""
    state = Walk(grid, cols, quarters, component_name)
    rows = []
    for r in range(cols.last_header + 1, len(grid.rows)):
        if not is_skipped(grid, cols, r):
            rows.append(read_row(grid, cols, r, quarters, state.problems))
    kinds = [row.kind_of_number() for row in rows]
    heading_depths = [len(key.split(".")) for row, (kind, key, _rest) in zip(rows, kinds, strict=False) if kind == "code" and row.heading_like]
    state.head_depth = min(heading_depths) if heading_depths else None
    has_level = "component" in cols.roles or any(k in ("roman", "code") for k, _key, _rest in kinds)
    has_level = has_level or any(row.title and ROMAN.match(row.title.strip()) for row in rows)
    state.implicit = not has_level
    for row in rows:
        state.row(row)
    return state
