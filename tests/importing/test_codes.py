"""importing.codes: whether a table's codes nest by depth (SS.1 -> SS.1.1) or name their level by letters (SS -> K -> IO)."""

from __future__ import annotations

import pytest

from zi_plan.importing.codes import CodeScheme, parent_of, prefix_of, read_scheme


@pytest.mark.parametrize(("code", "prefix"), [("SS.1.1", "SS"), ("IO2.2", "IO"), ("k 3", "K"), ("1.2", ""), ("A.1.I.i", "A"), ("ABCDE.1", ""), ("SS", "")])
def test_prefix_of(code, prefix):
    assert prefix_of(code) == prefix


def test_parent_of():
    assert (parent_of("SS.1.1"), parent_of("SS.1"), parent_of("SS")) == ("SS.1", "SS", "")


def test_codes_by_depth():
    # SS.1 a component (a title row), SS.1.1 and SS.1.2 actions under it: every parent met first.
    scheme = read_scheme([("SS.1", True), ("SS.1.1", False), ("SS.1.2", False), ("SS.2", True), ("SS.2.1", False)])
    assert (scheme.by_prefix, scheme.head_depth, scheme.levels) == (False, 2, {})


def test_codes_by_their_letters():
    # K.2 is no child of SS.1.1 by its digits: the letters name the level.
    codes = [("SS.1", True), ("K.1", True), ("IO.1.1", False), ("IO.1.2", False), ("K.2", True), ("IO.2.1", False)]
    scheme = read_scheme(codes)
    assert scheme.by_prefix and scheme.levels == {"SS": "component", "K": "item", "IO": "action"}
    assert (scheme.level("SS.3"), scheme.level("K.9"), scheme.level("IO.2.2"), scheme.level("X.1")) == ("component", "item", "action", "action")


def test_more_heading_letters_than_two_are_outer_headings():
    codes = [("P.1", True), ("SS.1", True), ("K.1", True), ("IO.1.1", False), ("IO.1.2", False), ("K.2", True), ("IO.2.1", False)]
    assert read_scheme(codes).levels == {"P": "outer", "SS": "component", "K": "item", "IO": "action"}


def test_one_heading_letter_is_the_component():
    codes = [("K.1", True), ("IO.1.1", False), ("IO.1.2", False), ("K.2", True), ("IO.2.1", False), ("IO.2.2", False)]
    assert read_scheme(codes).levels == {"K": "component", "IO": "action"}


@pytest.mark.parametrize("codes", [
    [("SS.1", True), ("1.1.1", False), ("1.1.2", False)],  # a code without letters: depth, not letters
    [("SS.1", True), ("SS.1.1", False)],  # one prefix
    [("SS.1", True), ("K.1", True), ("IO.1", False)],  # nothing deeper than the shortest code
    # Mostly nested by depth (one orphan of three deeper codes): not a scheme of letters.
    [("SS.1", True), ("SS.1.1", False), ("SS.1.2", False), ("IO.4.1", False)],
])  # fmt: skip
def test_not_read_by_letters(codes):
    assert not read_scheme(codes).by_prefix


def test_no_codes_at_all():
    assert read_scheme([]) == CodeScheme()
    assert read_scheme([("1.1", False), ("1.2", False)]).head_depth is None  # no title row: no heading depth
