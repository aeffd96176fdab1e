"""importing.actions: one action from one row, and what an empty cell means: the one above under the same indicator, else a draft."""

from __future__ import annotations

from tests.importing.reading import walked
from zi_plan.importing.actions import continue_action, finish_empties, new_action
from zi_plan.importing.rows import RowData

HEADER = ["NO", "KOMPONEN", "RENCANA KINERJA", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PJ"]


def in_item(header: list[str] = HEADER, spare: int = 6):
    """The walk with a component and an item open and no action yet; rows 3.. are free for the test's own."""
    width = len(header)
    rows = [header, ["I", "Manajemen Perubahan", *[""] * (width - 3), "Tim MP"], ["1", "Tim Kerja", *[""] * (width - 2)]]
    state = walked(rows + [[""] * width] * spare)
    assert state.item is not None and state.item.actions == [] and state.action is None
    return state


def test_a_full_row_is_an_action_with_its_lists_split():
    state = in_item()
    new_action(state, RowData(3, number="P.1.i.a", indicator="SK Tim\nterbit", action="1. Rapat 2. Menyusun SK", evidence="- Undangan\n- SK",
                              months=[1, 2], team="Tim SDM", lke="P.1.i.b"), "code")  # fmt: skip
    [action] = state.item.actions
    assert (action.indicator, action.steps, action.evidence, action.months) == ("SK Tim terbit", ["Rapat", "Menyusun SK"], ["Undangan", "SK"], [1, 2])
    assert (action.source_id, action.lke, action.team_cells, action.draft, action.notes) == ("P.1.i.a", ["P.1.i.a", "P.1.i.b"], ["Tim SDM"], False, ["row 4"])
    assert state.action is action and state.used[3] == ("action", action) and state.empties == {}


def test_an_empty_indicator_is_the_one_above_continued_in_the_same_item():
    state = in_item()
    new_action(state, RowData(3, indicator="SK terbit", action="Rapat", evidence="Notula", months=[1]), "")
    new_action(state, RowData(4, action="Menyusun SK", months=[2]), "")
    below = state.item.actions[1]
    # The indicator continues, and so does its evidence: the same indicator, the action just above.
    assert (below.indicator, below.steps, below.evidence, below.draft, below.same_as_above) == ("SK terbit", ["Menyusun SK"], ["Notula"], False, True)
    assert below.notes == ["row 5", "RENCANA KINERJA from the row above (the same indicator)", "BUKTI FISIK from the row above (the same indicator)"]
    assert state.empties == {("inherited", "indicator"): [4], ("inherited", "evidence"): [4]}


def test_under_another_indicator_nothing_is_borrowed():
    state = in_item()
    new_action(state, RowData(3, indicator="SK terbit", action="Rapat", evidence="Notula", months=[1]), "")
    new_action(state, RowData(4, indicator="Agen ditetapkan", months=[2]), "")
    below = state.item.actions[1]
    assert (below.steps, below.evidence, below.draft, below.same_as_above) == ([], [], True, False)
    assert below.notes == ["row 5", "draft: no steps or evidence yet"]
    assert state.empties == {("draft", "action"): [4], ("draft", "evidence"): [4]}


def test_the_first_row_of_an_item_without_an_indicator_is_a_draft_whose_steps_stand_in():
    state = in_item()
    new_action(state, RowData(3, action="Menyusun SK\nRapat", evidence="SK"), "")
    [action] = state.item.actions
    assert (action.indicator, action.steps, action.draft) == ("Menyusun SK", ["Menyusun SK", "Rapat"], True)
    assert action.notes == ["row 4", "draft: no indicator yet (its steps stand in for it)", "no month marked"]
    assert state.empties == {("stand-in", "indicator"): [3]}


def test_a_row_with_evidence_only_says_what_is_missing():
    state = in_item()
    new_action(state, RowData(3, indicator="SK terbit", months=[3]), "")
    new_action(state, RowData(4, indicator="Agen", action="Menetapkan agen", months=[4]), "")
    assert [a.notes[-1] for a in state.item.actions] == ["draft: no steps or evidence yet", "draft: no evidence yet"]


def test_without_a_steps_column_the_indicator_is_the_step_and_without_an_indicator_the_steps_are_the_indicator():
    no_steps = in_item(["NO", "KOMPONEN", "INDIKATOR", "BUKTI", "PJ"])
    new_action(no_steps, RowData(3, indicator="SK terbit", evidence="SK", months=[1]), "")
    assert (no_steps.item.actions[0].indicator, no_steps.item.actions[0].steps, no_steps.item.actions[0].draft) == ("SK terbit", ["SK terbit"], False)
    no_indicator = in_item(["NO", "KOMPONEN", "KEGIATAN", "BUKTI", "PJ"])
    new_action(no_indicator, RowData(3, action="Menyusun\nSK", evidence="SK", months=[1]), "")
    assert (no_indicator.item.actions[0].indicator, no_indicator.item.actions[0].steps) == ("Menyusun SK", ["Menyusun", "SK"])


def test_the_source_id_is_the_code_else_the_source_column_else_the_running_number():
    state = in_item()
    new_action(state, RowData(3, number="SS.1.1", indicator="A", action="a", evidence="x", months=[1]), "code")
    new_action(state, RowData(4, indicator="B", action="b", evidence="y", months=[1], source="K.2", running="7"), "")
    new_action(state, RowData(5, indicator="C", action="c", evidence="z", months=[1], running="8"), "")
    new_action(state, RowData(6, number="3", indicator="D", action="d", evidence="w", months=[1]), "item")
    assert [a.source_id for a in state.item.actions] == ["SS.1.1", "K.2", "8", None]
    assert state.item.actions[0].lke == []  # SS.1.1 is no LKE question


def test_a_row_continuing_the_action_above_adds_to_it():
    state = in_item()
    new_action(state, RowData(3, indicator="Dokumen rencana kerja", action="Menyusun", evidence="Draf", months=[1], team="Tim A"), "")
    continue_action(state, RowData(4, indicator="yang disahkan", action="Mengesahkan", evidence="SK", team="Tim B", lke="P.1.ii.a"))
    continue_action(state, RowData(5, indicator="Dokumen rencana kerja", indicator_copied=True, action="Sosialisasi"))
    [action] = state.item.actions
    assert (action.indicator, action.steps, action.evidence) == ("Dokumen rencana kerja yang disahkan", ["Menyusun", "Mengesahkan", "Sosialisasi"], ["Draf", "SK"])
    assert (action.lke, action.team_cells, action.rows) == (["P.1.ii.a"], ["Tim A", "Tim B"], [3, 4, 5])
    assert action.notes[-2:] == ["continued on row 5", "continued on row 6"] and state.used[4] == ("continued", action)


def test_finish_empties_tells_each_column_once_with_its_rows():
    state = in_item()
    state.empties = {("inherited", "indicator"): [4, 5], ("draft", "evidence"): [6], ("stand-in", "action"): [3]}
    finish_empties(state)
    assert [(f.message, f.rows) for f in state.findings.inferences] == [
        ("BUKTI FISIK is empty in 1 row: left as a draft", [6]),
        ("RENCANA KINERJA is empty in 2 rows: taken from the action just above, under the same indicator", [4, 5]),
        ("LANGKAH AKSI is empty in 1 row with no action above it in the same item: its steps stand in for it, left as a draft", [3]),
    ]


def test_finish_empties_names_a_column_the_table_lacks_by_its_usual_header(indonesian):
    state = in_item(["NO", "KOMPONEN", "KEGIATAN", "PJ"])
    state.empties = {("draft", "evidence"): [3, 4]}
    finish_empties(state)
    assert [(f.message, f.rows) for f in state.findings.inferences] == [("BUKTI kosong di 2 baris: dibiarkan sebagai draf", [3, 4])]
