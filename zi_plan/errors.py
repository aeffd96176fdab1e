"""The one user-error type, and the located problem that validation reports."""

from __future__ import annotations

from typing import Any, NamedTuple


class ZiError(Exception):
    """A problem the user can fix: printed as one message, never a traceback.

    ``exit_code`` 1 is bad input or a failed check, 2 is a usage mistake.
    """

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class Problem(NamedTuple):  # a NamedTuple: see zi_plan.model.plan's views
    """One thing wrong with a file, where it is (1-based line/column) and what."""

    path: str
    line: int | None
    column: int | None
    message: str

    def where(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


# What a rule finds, before it is placed at a line: (pydantic-style loc,
# message, point at the key rather than the value); see zi_plan.schema.checks.
Found = tuple[tuple[Any, ...], str, bool]


class InvalidFile(ZiError):
    """A file that did not load or validate, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
