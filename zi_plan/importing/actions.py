"""One action from one row, and what an empty cell in it means.

An empty cell takes the value above only where the table says so: inside
the same merged block (the readers have already copied a merged cell's
text down) or the same indicator, and only from the action just above in
the same item. An empty INDIKATOR under an action of the same item is that
action's indicator continued (a merge lost in a CSV); an empty LANGKAH AKSI
or BUKTI takes the one above only under the same indicator. Anywhere else
nothing is borrowed: the action stays a draft, and every such cell is
listed in the findings, by column, with its rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from zi_plan.i18n import _, ngettext
from zi_plan.importing.cells import one_line, one_text, split_list
from zi_plan.importing.questions import lke_codes, lke_question
from zi_plan.importing.rows import RowData
from zi_plan.importing.tree import RowAction

if TYPE_CHECKING:
    from zi_plan.importing.columns import Columns
    from zi_plan.importing.findings import Findings
    from zi_plan.importing.grid import Grid
    from zi_plan.importing.tree import RowComponent, RowItem


class Walk(Protocol):
    """What an action is made from: the walk over the table (zi_plan.importing.hierarchy.Walk), as seen from here."""

    grid: Grid
    cols: Columns
    findings: Findings
    item: RowItem | None
    action: RowAction | None
    used: dict[int, tuple[str, object]]
    empties: dict[tuple[str, str], list[int]]

    @property
    def comp(self) -> RowComponent | None: ...

    def row_note(self, r: int) -> str: ...

    def header(self, role: str, default: str) -> str: ...

    def note_empty(self, how: str, role: str, r: int) -> None: ...


def continue_action(state: Walk, row: RowData) -> None:
    action = state.action
    assert action is not None
    if row.indicator and not row.indicator_copied:
        action.indicator = f"{action.indicator} {one_line(row.indicator)}".strip()
    action.steps += split_list(row.action)
    action.evidence += split_list(row.evidence)
    action.lke += lke_codes(row.lke)
    if row.team:
        action.team_cells.append(row.team)
    action.rows.append(row.r)
    action.notes.append(_("continued on row {n}").format(n=state.grid.origins[row.r][1]))
    state.used[row.r] = ("continued", action)


def new_action(state: Walk, row: RowData, kind: str) -> None:
    roles = state.cols.roles
    indicator_role = "indicator" if "indicator" in roles else "action"  # no indicator column: the steps' text is the indicator
    indicator = one_text(row.indicator) if indicator_role == "indicator" else one_line(row.action)
    steps = split_list(row.action) if "action" in roles else ([indicator] if indicator else [])
    evidence = split_list(row.evidence)
    notes = [state.row_note(row.r)]
    item = state.item
    assert item is not None and state.comp is not None
    above = item.actions[-1] if item.actions else None  # only the action just above, in the same item
    draft = False
    if not indicator:
        if above is not None:
            indicator = above.indicator
            notes.append(_("{column} from the row above (the same indicator)").format(column=state.header(indicator_role, "INDIKATOR")))
            state.note_empty("inherited", indicator_role, row.r)
        else:
            indicator, draft = one_line((steps or evidence or [""])[0]), True
            state.note_empty("stand-in", indicator_role, row.r)
    same = above is not None and (row.indicator_copied or not row.indicator.strip() or indicator == above.indicator)
    if "action" not in roles:
        steps = [indicator]
    elif not steps:
        steps, draft = _take(state, row.r, "action", above.steps if same and above else [], notes, draft)
    if not evidence:
        evidence, draft = _take(state, row.r, "evidence", above.evidence if same and above else [], notes, draft)
    if draft:  # say what is missing: the comment is read against the table
        notes.append(_draft_note(steps, evidence))
    if not row.months:
        notes.append(_("no month marked"))
    _kind, key, _rest = row.kind_of_number()
    # The LKE questions: its own code when that is one, and any named in an LKE column.
    lke = list(dict.fromkeys([*(lke_question(key) if kind == "code" else []), *lke_codes(row.lke)]))
    source = key if kind == "code" else (row.source or row.running or None)
    action = RowAction(row=row.r, indicator=indicator, steps=steps, evidence=evidence, months=row.months, teams=[], source_id=source, draft=draft,
                       notes=notes, lke=lke, team_cells=[row.team] if row.team else [], question=row.question, row_id=row.row_id, rows=[row.r])  # fmt: skip
    action.same_as_above = same
    item.actions.append(action)
    state.action = action
    state.used[row.r] = ("action", action)


def _draft_note(steps: list[str], evidence: list[str]) -> str:
    if not steps and not evidence:
        return _("draft: no steps or evidence yet")
    if not evidence:
        return _("draft: no evidence yet")
    if not steps:
        return _("draft: no steps yet")
    return _("draft: no indicator yet (its steps stand in for it)")


def _take(state: Walk, r: int, role: str, above: list[str], notes: list[str], draft: bool) -> tuple[list[str], bool]:
    """An empty steps or evidence cell: the one above under the same indicator, else nothing (a draft)."""
    if above:
        notes.append(_("{column} from the row above (the same indicator)").format(column=state.header(role, role.upper())))
        state.note_empty("inherited", role, r)
        return list(above), draft
    state.note_empty("draft", role, r)
    return [], True


def finish_empties(state: Walk) -> None:
    """One finding per column and way an empty cell was read, with its rows."""
    defaults = {"indicator": "INDIKATOR", "action": "LANGKAH AKSI", "evidence": "BUKTI"}
    for (how, role), rows in sorted(state.empties.items()):
        column, n = state.header(role, defaults[role]), len(rows)
        if how == "inherited":
            message = ngettext("{column} is empty in {n} row: taken from the action just above, under the same indicator",
                               "{column} is empty in {n} rows: taken from the action just above, under the same indicator", n)
        elif how == "stand-in":
            message = ngettext("{column} is empty in {n} row with no action above it in the same item: its steps stand in for it, left as a draft",
                               "{column} is empty in {n} rows with no action above them in the same item: their steps stand in for it, left as drafts", n)
        else:
            message = ngettext("{column} is empty in {n} row: left as a draft", "{column} is empty in {n} rows: left as drafts", n)
        state.findings.infer(message.format(column=column, n=n), rows)
