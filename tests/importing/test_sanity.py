"""importing.sanity: structure that validates but reads oddly is warned about, with the rows to look at."""

from __future__ import annotations

from zi_plan.importing.findings import Findings
from zi_plan.importing.sanity import check_structure
from zi_plan.importing.tree import RowAction, RowComponent, RowItem


def act(row: int, indicator: str = "", steps: list[str] | None = None, row_id: str = "") -> RowAction:
    return RowAction(row=row, indicator=indicator or f"Indikator {row}", steps=steps if steps is not None else [f"Langkah {row}"], evidence=["SK"],
                     months=[1], row_id=row_id)  # fmt: skip


def item(row: int, *actions: RowAction, title: str = "") -> RowItem:
    return RowItem(row, title or f"Item {row}", actions=list(actions))


def warnings(*components: RowComponent) -> list[tuple[str, list[int]]]:
    found = Findings()
    check_structure(list(components), found)
    assert found.inferences == []  # sanity only warns
    return [(f.message, f.rows) for f in found.warnings]


def test_a_sound_plan_gets_no_warning():
    assert warnings(RowComponent(1, "MP", items=[item(2, act(3), act(4)), item(5, act(6), act(7))]),
                    RowComponent(8, "PW", items=[item(9, act(10), act(11))])) == []  # fmt: skip


def test_every_item_holding_one_action_is_told():
    comp = RowComponent(1, "MP", items=[item(r, act(r)) for r in (2, 3, 4, 5)] + [item(6, act(7), act(8))])
    assert warnings(comp) == [("4 of 5 items hold one action each: is each row read as an item of its own (a running number, or a column at the wrong level)?",
                               [2, 3, 4, 5])]  # fmt: skip


def test_few_items_or_a_mix_are_not_told():
    assert warnings(RowComponent(1, "MP", items=[item(r, act(r)) for r in (2, 3, 4)])) == []  # three items: too few to tell
    mixed = [item(2, act(2)), item(3, act(3)), item(4, act(4), act(5)), item(6, act(6), act(7))]
    assert warnings(RowComponent(1, "MP", items=mixed)) == []  # half: under the share


def test_a_component_with_one_action_is_told_when_there_are_others():
    one = RowComponent(8, "Pengawasan", items=[item(9, act(10))])
    assert warnings(RowComponent(1, "MP", items=[item(2, act(3), act(4))]), one) == [("component 'Pengawasan' holds one action only", [8])]
    assert warnings(RowComponent(1, "MP", items=[item(2, act(3))])) == []  # the plan's only component
    implicit = RowComponent(None, "Rencana Aksi", items=[item(5, act(6))])  # no row of its own: the action's row is named
    assert warnings(RowComponent(1, "MP", items=[item(2, act(3), act(4))]), implicit) == [("component 'Rencana Aksi' holds one action only", [6])]


def test_items_with_the_same_title_are_told_within_the_same_outer_heading():
    comp = RowComponent(1, "MP", items=[item(2, act(3), act(4), title="Tim Kerja"), item(5, act(6), act(7), title="tim  kerja")])
    assert warnings(comp) == [("2 items have the same title 'tim kerja'", [2, 5])]
    under_a = RowComponent(1, "MP", items=[item(2, act(3), act(4), title="Tim Kerja")], notes=["under: Pengungkit"])
    under_b = RowComponent(5, "MP", items=[item(6, act(7), act(8), title="Tim Kerja")], notes=["under: Hasil"])
    assert warnings(under_a, under_b) == []
    # An item named after its component (a table without an item level) is not counted.
    assert warnings(RowComponent(1, "MP", items=[item(2, act(3), act(4), title="MP")]), RowComponent(5, "PW", items=[item(6, act(7), act(8), title="MP")])) == []


def test_the_same_steps_under_different_indicators_are_told():
    steps = ["Menyusun SK Tim Kerja"]
    comp = RowComponent(1, "MP", items=[item(2, act(3, "A", steps), act(4, "B", steps)), item(5, act(6, "A", steps), act(7, "C", ["Rapat"]))])
    assert warnings(comp) == [("the same steps under 2 different indicators: 'Menyusun SK Tim Kerja'", [3, 4, 6])]


def test_short_steps_and_steps_standing_in_for_the_indicator_are_not_told():
    short = RowComponent(1, "MP", items=[item(2, act(3, "A", ["Rapat"]), act(4, "B", ["Rapat"]))])
    stand_in = RowComponent(1, "MP", items=[item(2, act(3, "Menyusun SK Tim Kerja", ["Menyusun SK Tim Kerja"]), act(4, "B", ["Menyusun SK Tim Kerja"]))])
    assert warnings(short) == [] and warnings(stand_in) == []


def test_an_action_reading_under_another_id_than_its_kode_cell_is_told():
    comp = RowComponent(1, "MP", items=[item(2, act(3, row_id="I.1.a"), act(4, row_id="I.1.c")), item(5), item(6, act(7, row_id="I.2.a"), act(8))])
    # The empty item is not counted: I.2.a is the second item with actions.
    assert warnings(comp) == [("the table gives this action the id I.1.c, but it reads as I.1.b: a row moved or deleted by hand?", [4])]
