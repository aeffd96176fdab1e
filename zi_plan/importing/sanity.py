"""Structure that validates but reads oddly, told as warnings with the rows.

A plan where every item holds one action, a component with one action,
items with the same title, or the same steps under different indicators
is valid, and often a sign that a column was read at the wrong level or a
cell was copied too far: the office would work it for a year. The import
says so, with the rows to look at, rather than refuse the table. A table
exported by zi carries its action ids; one that reads back under another id
is told too.
"""

from __future__ import annotations

from collections import defaultdict

from zi_plan.i18n import _
from zi_plan.importing.findings import Findings, short
from zi_plan.importing.tree import RowAction, RowComponent
from zi_plan.model.ids import letter, roman

ONE_ACTION_SHARE = 0.8  # items holding one action, of all items, for "an item per action"


def check_structure(components: list[RowComponent], findings: Findings) -> None:
    comps = [c for c in components if c.actions]
    items = [i for c in comps for i in c.items if i.actions]
    single = [i for i in items if len(i.actions) == 1]
    if len(items) >= 4 and len(single) >= ONE_ACTION_SHARE * len(items):
        findings.warn(_("{n} of {total} items hold one action each: is each row read as an item of its own (a running number, or a column at the wrong level)?").format(
            n=len(single), total=len(items)), [i.row for i in single])  # fmt: skip
    if len(comps) > 1:
        for comp in comps:
            if len(comp.actions) == 1:
                findings.warn(_("component '{title}' holds one action only").format(title=short(comp.title)), [comp.row if comp.row is not None else comp.actions[0].row])
    _same_titles(comps, findings)
    _same_steps(comps, findings)
    _ids(comps, findings)


def _same_titles(comps: list[RowComponent], findings: Findings) -> None:
    titles: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for comp in comps:
        under = tuple(comp.notes)
        for item in comp.items:
            if item.actions and item.title != comp.title:
                titles[under + (" ".join(item.title.lower().split()),)].append(item.row)
    for key, rows in titles.items():
        if len(rows) > 1:
            findings.warn(_("{n} items have the same title '{title}'").format(n=len(rows), title=short(key[-1])), rows)


def _same_steps(comps: list[RowComponent], findings: Findings) -> None:
    by_steps: dict[tuple[str, ...], list[RowAction]] = defaultdict(list)
    for comp in comps:
        for action in comp.actions:
            if action.steps and action.steps != [action.indicator] and len(" ".join(action.steps)) >= 10:
                by_steps[tuple(action.steps)].append(action)
    for steps, actions in by_steps.items():
        if len({a.indicator for a in actions}) > 1:
            findings.warn(_("the same steps under {n} different indicators: '{steps}'").format(n=len({a.indicator for a in actions}), steps=short("; ".join(steps))), [a.row for a in actions])


def _ids(comps: list[RowComponent], findings: Findings) -> None:
    for c_no, comp in enumerate(comps, 1):
        for i_no, item in enumerate((i for i in comp.items if i.actions), 1):
            for a_no, action in enumerate(item.actions):
                own = f"{roman(c_no)}.{i_no}.{letter(a_no)}"
                if action.row_id and action.row_id != own:
                    findings.warn(_("the table gives this action the id {given}, but it reads as {own}: a row moved or deleted by hand?").format(given=action.row_id, own=own), [action.row])
