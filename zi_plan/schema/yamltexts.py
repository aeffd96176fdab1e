"""PyYAML's syntax errors in zi's words, at the place a person would look.

PyYAML (libyaml and the pure-Python parser, whose texts differ) reports
where it *noticed* a problem: for a ``[`` never closed, that is the next key
two lines further down. When the error has a context that opened earlier —
a flow list or mapping, quoted text — zi points at where it opened and says
where the parser gave up. Indentation contexts ("while parsing a block
mapping") are not used that way: their mark is the start of the enclosing
mapping, often line 1, further from the mistake than the problem mark.

Problem texts zi knows are translated; any other keeps PyYAML's English,
quoted, so that nothing is lost.
"""

from __future__ import annotations

from typing import Any

from zi_plan.i18n import _


def _known() -> list[tuple[tuple[str, ...], str]]:
    """(pieces of PyYAML's problem text, libyaml's or pure Python's) -> zi's message.

    Built per call: the messages follow the language chosen for this run."""
    return [
        (("expected ',' or ']'",), _("a ',' or '{close}' was expected").format(close="]")),
        (("expected ',' or '}'",), _("a ',' or '{close}' was expected").format(close="}")),
        (("mapping values are not allowed",), _("a ': ' inside a value: put the whole text in quotes, or start the key on a line of its own")),
        (("could not find expected ':'",), _("a ':' was expected (key: value); a long text may need quotes")),
        (("cannot start any token", "found a tab character"),
         _("a character that cannot start a value here (a tab? indent with spaces only; or put the text in quotes)")),
        (("found unexpected end of stream",), _("the file ends before the closing quote")),
        (("did not find expected key", "expected <block end>"),
         _("the indentation does not match the lines above (or a '- ' entry stands among 'key: value' lines)")),
        (("did not find expected '-' indicator",), _("a 'key: value' line among '- ' entries, or the indentation does not match")),
        (("found unknown escape character",), _("an unknown escape (a backslash) inside double quotes: use single quotes instead")),
        (("found undefined alias",), _("'*' starts an alias, which plans do not use: put the text in quotes")),
    ]  # fmt: skip


def _opened(context: str, problem: str) -> str | None:
    """What opened at the context mark, when the error is that it was never closed."""
    if "flow sequence" in context:
        return _("the list '{open}' opened here is not closed").format(open="[")
    if "flow mapping" in context:
        return _("the mapping '{open}' opened here is not closed").format(open="{")
    if "quoted scalar" in context and "end of stream" in problem:  # not for a bad escape inside it
        return _("the quoted text opened here is not closed")
    return None


def problem_text(problem: str) -> str:
    """PyYAML's problem in zi's words, else its own words quoted."""
    for pieces, message in _known():
        if any(piece in problem for piece in pieces):
            return message
    return f"“{problem}”"


def explain(exc: Any) -> tuple[str, int | None, int | None]:
    """The message, line and column (1-based) for a ``yaml.MarkedYAMLError``."""
    problem = problem_text(exc.problem or "invalid YAML")
    at, start = exc.problem_mark, exc.context_mark
    opened = _opened(exc.context or "", exc.problem or "")
    if opened and start is not None and at is not None and (start.line, start.column) != (at.line, at.column):
        message = _("YAML syntax error: {opened}: {problem} at {line}:{column}").format(
            opened=opened, problem=problem, line=at.line + 1, column=at.column + 1
        )
        return message, start.line + 1, start.column + 1
    mark = at or start
    message = _("YAML syntax error: {problem}").format(problem=problem)
    return message, (mark.line + 1 if mark else None), (mark.column + 1 if mark else None)
