"""The event-built data is the strict loader's, or the text goes the strict way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from zi_plan.schema import yamlfast, yamlio

REPO = Path(__file__).resolve().parents[2]

# Plain data, and each thing the strict loader refuses or reads its own way.
TEXTS = [
    "",
    "# only a comment\n",
    "a: 1\n",
    "a:\nb: ~\nc: null\nd: Null\n",
    "n: [1, -2, +3, 0x1f, 0o17, 017, 1_000, 1:30, 3.5, .5, -.inf, .NaN, 1e3, 6.8523015e+5]\n",
    "b: [yes, No, on, OFF, y, n, true, FALSE]\n",
    "d: [2023-04-15, 2023-04-15T08:00:00+09:00, '2023-04-15', 2023-4-5, 2001-12-14 21:59:43.10 -5]\n",
    "t: |\n  two\n  lines\nf: >\n  folded\n  text\n",
    "q: ['1', \"2\", 'yes', '', \"\", '~']\n",
    "nested: {a: [1, {b: c}], d: []}\n",
    "- 1\n- two\n",
    "just text\n",
    "records:\n- {action: I.1.a, month: 4}\n- action: I.1.b\n",
    "records: not a list\n",
    "'2023': quoted number key\n",
    "? complex\n: value\n",
    "empty_key_value:\n",
    # each of these is refused, or read, by the strict loader
    "2023: a number key\n",
    "no: a boolean key\n",
    "~: a null key\n",
    "a: 1\na: 2\n",
    "<<: {a: 1}\n",
    "a: &x 1\nb: *x\n",
    "a: &x 1\n",
    "a: !!str 1\n",
    "a: !!binary aGVsbG8=\n",
    "a: !custom 1\n",
    "a: ! 1\n",
    "a: 2023-02-30\n",
    "a: " + "9" * 5000 + "\n",
    "a: =\n",
    "%YAML 1.1\n---\na: 1\n",
    "--- a\n--- b\n",
    "[a, b]: c\n",
    "{a: 1}: c\n",
    "a: [1, 2\n",
    "a: 'unclosed\n",
    "\ta: tab\n",
    "a: b: c\n",
]


def _strict(text: str) -> tuple[str, Any]:
    try:
        return "data", yaml.load(text, Loader=yamlio._StrictLoader)  # noqa: S506 - a SafeLoader
    except Exception as exc:  # noqa: BLE001 - which one does not matter here, only that it fails
        return "error", type(exc).__name__


@pytest.mark.parametrize("text", TEXTS)
def test_the_data_is_the_strict_loaders_or_the_text_goes_the_strict_way(text: str) -> None:
    kind, strict = _strict(text)
    try:
        fast = yamlfast.load(text)
    except yamlfast.Unusual:
        return
    assert kind == "data", f"the strict loader refuses it ({strict}), the fast one read it"
    assert fast == strict
    assert _types(fast) == _types(strict)


def test_plain_data_is_read_fast() -> None:
    """Not falling back every time: the corpus's plain texts are read by the events."""
    read = 0
    for text in TEXTS:
        try:
            yamlfast.load(text)
            read += 1
        except yamlfast.Unusual:
            pass
    assert read >= 17


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


def test_the_bundled_plan_reads_the_same() -> None:
    text = (REPO / "plans" / "tambrauw-2023.yaml").read_text(encoding="utf-8")
    assert yamlfast.load(text) == yaml.load(text, Loader=yamlio._StrictLoader)  # noqa: S506 - a SafeLoader


def test_records_are_handed_on_one_at_a_time() -> None:
    seen: list[tuple[int, Any]] = []

    def each(index: int, record: Any) -> Any:
        seen.append((index, record))
        return index * 10

    data = yamlfast.load("journal: 3\nrecords:\n- {a: 1}\n- b: [2]\nplan: x\nother:\n  records: [9]\n", each)
    assert seen == [(0, {"a": 1}), (1, {"b": [2]})]
    assert data == {"journal": 3, "records": [0, 10], "plan": "x", "other": {"records": [9]}}


def test_records_that_are_not_a_list_are_not_handed_on() -> None:
    seen: list[Any] = []
    assert yamlfast.load("records: {a: 1}\n", lambda i, r: seen.append(r)) == {"records": {"a": 1}}
    assert seen == []


def test_read_the_strict_way_the_records_are_handed_on_from_the_start_again() -> None:
    """An anchor late in the file sends it the strict way after some records were handed on."""
    seen: list[int] = []

    def each(index: int, record: Any) -> Any:
        seen.append(index)
        return record["n"]

    text = "records:\n- n: 1\n- n: 2\n- n: &x 3\n"
    assert yamlio.parse(text, each) == {"records": [1, 2, 3]}
    assert seen == [0, 1, 0, 1, 2]
