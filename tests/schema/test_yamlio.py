"""yamlio.locate: the line and column of a pydantic-style location in a YAML text."""

from __future__ import annotations

import pytest

from zi_plan.schema import yamlio
from zi_plan.schema.yamlio import compose, locate

TEXT = """\
year: 2024
teams:
  - id: mp
    name: Tim MP
  - id: tl
    name: Tim TL
components:
  - id: I
    items:
      - title: Satu
        actions:
          - months: [1, 4]
"""


@pytest.mark.parametrize(
    ("loc", "key", "expected"),
    [
        (("year",), False, (1, 7)),
        (("year",), True, (1, 1)),
        (("teams", 1, "name"), False, (6, 11)),
        (("teams", 1, "name"), True, (6, 5)),
        (("components", 0, "items", 0, "actions", 0, "months", 1), False, (12, 25)),
        # past what exists: the nearest ancestor
        (("teams", 5, "name"), False, (3, 3)),
        (("components", 0, "nothing", 3), False, (8, 5)),
        (("decree", "date"), False, (1, 1)),
        ((), False, (1, 1)),
    ],
)
def test_locate(loc, key, expected):
    assert locate(compose(TEXT), loc, key=key) == expected


def test_locate_in_an_empty_document():
    assert locate(compose(""), ("year",)) == (None, None)


# ---------------------------------------------------------------- parsing once


def test_a_star_in_the_text_costs_no_second_parse(monkeypatch):
    import yaml

    events = []
    real = yaml.parse
    monkeypatch.setattr(yaml, "parse", lambda *a, **k: events.append(1) or real(*a, **k))
    text = "# see https://example.go.id/*\nteam: '*'\nsteps: [a*b]\n"
    assert yamlio.parse(text) == {"team": "*", "steps": ["a*b"]}
    assert events == []


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: &x [1]\nb:\n  - *x\n", 3), ("a: &x 1\nb: [2, *x]\n", 2), ("a: &x {k: 1}\nb: *x\n", 2), ("&r [*r]\n", 1)],
)
def test_an_alias_is_found_where_it_is(text: str, line: int):
    with pytest.raises(yamlio.YamlError) as caught:
        yamlio.parse(text)
    assert caught.value.line == line and "aliases" in caught.value.message


@pytest.mark.parametrize(("text", "line"), [("&k a: 1\n*k : 2\n", 2), ("a: &v b\n*v : 2\n", 2)])
def test_an_alias_used_as_a_key_is_found_too(text: str, line: int):
    """Text keys are built without construct_object (issue 16): they are still remembered, so an alias of one is seen."""
    with pytest.raises(yamlio.YamlError) as caught:
        yamlio.parse(text)
    assert caught.value.line == line and "aliases" in caught.value.message


def test_keys_are_read_as_pyyaml_reads_them():
    import yaml

    text = "plain: 1\n'quoted': 2\n\"double\\tq\": 3\n!!str 2023: 4\n? |\n  block\n: 5\nempty: \n"
    assert yamlio.parse(text) == yaml.safe_load(text)
    for bad in ("2023: x\n", "no: x\n", "? [a]\n: x\n"):
        with pytest.raises(yamlio.YamlError, match="key"):
            yamlio.parse(bad)
