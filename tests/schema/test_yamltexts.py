"""yamltexts: PyYAML's syntax errors in zi's words, at the place a person would look."""

from __future__ import annotations

import pytest
import yaml

from zi_plan import i18n
from zi_plan.schema.yamltexts import explain, problem_text

# The pure-Python parser and libyaml word their problems differently; zi knows both.
LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


def _error(text: str, loader: type) -> yaml.MarkedYAMLError:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.load(text, Loader=loader)  # safe loaders only
    return raised.value


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest) -> type:
    return request.param


def test_a_list_never_closed_points_where_it_opened(loader):
    message, line, column = explain(_error("institution: X\nteams: [mp, tl\nyear: 2024\n", loader))
    assert (line, column) == (2, 8)  # the '['
    assert message == "YAML syntax error: the list '[' opened here is not closed: a ',' or ']' was expected at 3:5"


def test_a_mapping_never_closed_points_where_it_opened(loader):
    message, line, column = explain(_error("decree: {number: 1\nyear: 2024\n", loader))
    assert (line, column) == (1, 9)
    assert message == "YAML syntax error: the mapping '{' opened here is not closed: a ',' or '}' was expected at 2:5"


def test_a_quote_never_closed_points_where_it_opened(loader):
    message, line, column = explain(_error("title: 'Rencana Aksi\nyear: 2024\n", loader))
    assert (line, column) == (1, 8)
    assert message.startswith("YAML syntax error: the quoted text opened here is not closed: the file ends before the closing quote at 3:1")


def test_a_colon_inside_a_value(loader):
    message, line, column = explain(_error("title: Rencana: Aksi\n", loader))
    assert (line, column) == (1, 15)
    assert message == "YAML syntax error: a ': ' inside a value: put the whole text in quotes, or start the key on a line of its own"


def test_a_tab_is_named(loader):
    message, line, column = explain(_error("teams:\n\t- id: mp\n", loader))
    assert (line, column) == (2, 1) and "a tab?" in message


def test_a_bad_escape_is_at_the_escape_not_at_the_quote(loader):
    # Inside quotes that *are* closed: not "the quoted text opened here is not closed".
    message, line, _column = explain(_error('title: "C:\\q"\n', loader))
    assert line == 1 and message == "YAML syntax error: an unknown escape (a backslash) inside double quotes: use single quotes instead"


def test_an_alias(loader):
    message, line, column = explain(_error("team: *mp\n", loader))
    assert (line, column) == (1, 7) and "'*' starts an alias" in message


def test_indentation(loader):
    message, line, _column = explain(_error("teams:\n  - id: mp\n name: x\n", loader))
    assert line == 3 and "indentation" in message


def test_an_unknown_problem_keeps_pyyaml_words_quoted():
    assert problem_text("found a strange thing") == "“found a strange thing”"


def test_an_error_without_marks():
    error = yaml.MarkedYAMLError(problem=None)
    assert explain(error) == ("YAML syntax error: “invalid YAML”", None, None)


def test_in_indonesian():
    try:
        i18n.set_language("id")
        text = problem_text("mapping values are not allowed here")
    finally:
        i18n.set_language("en")
    assert text != problem_text("mapping values are not allowed here") and "': '" in text
