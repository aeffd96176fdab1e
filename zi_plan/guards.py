"""Answers that would look right and be wrong: refused before they are given.

A read command run from a folder without a plan (a repository's root, a
download folder) finds no ``plans/`` and reads the plan bundled with zi. At
a terminal the first line says so, ``(bundled with zi)``; but a script
reading JSON, a pipe or a written report gets plausible numbers for another
office with exit 0. So when the output goes anywhere but the terminal, the
bundled plan must be asked for by name (``--plan bundled`` or
``ZI_PLAN=bundled``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from zi_plan.errors import ZiError
from zi_plan.i18n import _


def to_terminal() -> bool:
    """Whether standard output is a terminal a person reads (not a pipe or a file)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed, or replaced by something without a terminal
        return False


def refuse_unchosen_bundled(found_by: str, plan: Path, *, scripted: bool = False) -> None:
    """Refuse the bundled plan found by default (``found_by`` "bundled") when the
    output goes to a script, a pipe or a file.

    ``scripted``: the command writes JSON or a document whatever stdout is.
    """
    if found_by != "bundled" or not (scripted or not to_terminal()):
        return
    raise ZiError(
        _(
            "no plan found in this folder or above it (zi looks for a folder holding plans/*.yaml), "
            "and the plan bundled with zi, {plan}, is another office's: its numbers would go to a script, a pipe or a file "
            "as if they were yours. Run zi in your office's folder or name the plan with --plan PATH; "
            "to read the bundled plan on purpose, add --plan bundled (or set ZI_PLAN=bundled)"
        ).format(plan=plan.name)
    )
