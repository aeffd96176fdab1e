"""importing.coded_levels: codes by depth beside level columns; the columns give the hierarchy, and whether the codes agree is said."""

from __future__ import annotations

import pytest

from tests.importing.reading import columns
from zi_plan.importing.coded_levels import Beside, code_keys, read_beside, tell_beside
from zi_plan.importing.codes import CodeScheme
from zi_plan.importing.findings import Findings
from zi_plan.importing.rows import RowData

HEADER = ["KODE", "PILAR", "SUB PILAR", "KEGIATAN", "BUKTI"]


@pytest.mark.parametrize(("code", "depth", "keys"), [("SS.1.1", 1, ("SS", "SS.1")), ("1.1", 1, ("1", None)), ("1.1.2", 1, ("1", "1.1")),
                                                     ("A.1.I.i.a", 2, ("A.1", "A.1.I.i")), ("A.1.I", 2, ("A.1", None))])  # fmt: skip
def test_a_codes_component_and_item_by_depth(code, depth, keys):
    assert code_keys(code, depth) == keys


def _rows(*cells: tuple[str, str, str]) -> list[tuple[RowData, str]]:
    """(code, pillar, sub-pillar) per action row, from row 1 on."""
    return [(RowData(r, component=p, item=s, action="a", evidence="x"), code) for r, (code, p, s) in enumerate(cells, start=1)]


def _cols(header: list[str] = HEADER):
    return columns([header, ["SS.1.1", *["x"] * (len(header) - 1)], ["SS.1.2", *["y"] * (len(header) - 1)]])[1]


def test_the_levels_with_a_value_on_the_action_rows_are_the_columns():
    cols = _cols()
    assert read_beside(cols, CodeScheme(), _rows(("SS.1.1", "MP", "Tim"))) == Beside(("component", "item"))
    assert read_beside(cols, CodeScheme(), _rows(("SS.1.1", "", "Tim"))) == Beside(("item",))
    # A column filled on heading rows only gives their titles: the codes give the hierarchy.
    assert read_beside(cols, CodeScheme(), _rows(("SS.1.1", "", ""))) == Beside()
    assert read_beside(cols, CodeScheme(), []) == Beside()


def test_codes_whose_letters_give_the_level_are_not_read_here():
    assert read_beside(_cols(), CodeScheme(by_prefix=True), _rows(("K.1", "MP", "Tim"))) == Beside()


def test_which_levels_a_code_opens():
    assert (Beside(("component", "item")).components, Beside(("component", "item")).items) == (True, False)
    assert (Beside(("component",)).components, Beside(("item",)).components, Beside(("item",)).items) == (True, False, True)


def _told(beside: Beside, rows: list[tuple[RowData, str]], header: list[str] = HEADER) -> list[tuple[str, list[int]]]:
    findings = Findings()
    tell_beside(findings, _cols(header), beside, rows, 1)
    return [(f.message, f.rows) for f in findings.inferences]


def test_codes_that_agree_are_said_to_on_the_header_row():
    rows = _rows(("1.1", "MP", "Tim"), ("1.2", "", ""), ("2.1", "PW", "UPG"))  # the empty cells: a merge lost in a CSV
    assert _told(Beside(("component", "item")), rows) == [
        ("KODE holds codes by depth beside PILAR, SUB PILAR, and they agree: the hierarchy follows the columns, and the codes are kept as the actions' source ids", [0])]


def test_codes_that_group_otherwise_are_told_with_the_rows_where_they_differ():
    rows = _rows(("SS.1.1", "MP", "Tim"), ("SS.1.2", "MP", "Agen"), ("SS.2.1", "PW", "UPG"), ("SS.2.2", "PW", "UPG"))
    # SS.1.2: a new item by the column, not by the code; SS.2.1: a new component by the column, not by the code (all 'SS').
    assert _told(Beside(("component", "item")), rows) == [
        ("KODE holds codes by depth that group the rows otherwise than PILAR, SUB PILAR: the hierarchy follows the columns, and the codes are kept as the actions' source ids", [2, 3])]


def test_the_codes_items_against_a_component_column_alone():
    header = ["KODE", "PILAR", "KEGIATAN", "BUKTI"]
    one_item_each = _rows(("SS.1.1", "MP", ""), ("SS.1.2", "MP", ""), ("SS.2.1", "PW", ""))
    assert _told(Beside(("component",)), one_item_each, header)[0][1] == [3]  # the components: SS against MP, PW
    two_items = _rows(("1.1.1", "MP", ""), ("1.2.1", "MP", ""), ("2.1.1", "PW", ""))
    assert "otherwise than PILAR" in _told(Beside(("component",)), two_items, header)[0][0]  # the codes' items 1.1, 1.2: not read


def test_an_item_column_under_the_codes_components():
    header = ["KODE", "SUB PILAR", "KEGIATAN", "BUKTI"]
    agree = _rows(("1.1", "", "Tim"), ("1.2", "", "Agen"), ("2.1", "", "UPG"))
    assert _told(Beside(("item",)), agree, header) == [
        ("KODE holds codes by depth beside SUB PILAR, and they agree: the components follow the codes, the items SUB PILAR; the codes are kept as the actions' source ids", [0])]
    across = _rows(("1.1", "", "Tim"), ("1.2", "", ""), ("2.1", "", ""))  # Tim runs on into component 2
    assert _told(Beside(("item",)), across, header)[0][1] == [3]


def test_nothing_is_told_when_the_codes_alone_give_the_hierarchy():
    assert _told(Beside(), _rows(("SS.1.1", "", ""))) == []
