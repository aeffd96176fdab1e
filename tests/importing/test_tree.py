"""importing.tree: the plan as rows build it; a component's actions are its items' actions in order."""

from __future__ import annotations

from zi_plan.importing.tree import RowAction, RowComponent, RowItem


def _action(row: int) -> RowAction:
    return RowAction(row=row, indicator=f"Indikator {row}", steps=[], evidence=[], months=[])


def test_a_components_actions_run_through_its_items_in_order():
    comp = RowComponent(0, "Manajemen Perubahan", items=[RowItem(1, "A", actions=[_action(2), _action(3)]), RowItem(4, "B"),
                                                        RowItem(5, "C", actions=[_action(6)])])  # fmt: skip
    assert [a.row for a in comp.actions] == [2, 3, 6]
    assert RowComponent(None, "Rencana Aksi").actions == []


def test_defaults_are_not_shared_between_rows():
    first, second = _action(1), _action(2)
    first.teams.append("mp")
    first.notes.append("row 1")
    assert (second.teams, second.notes, second.lke, second.draft, second.source_id) == ([], [], [], False, None)
