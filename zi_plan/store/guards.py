"""Answers that would look right and be wrong: refused before they are given.

Two such answers:

A read command run from a folder without a plan (a repository's root, a
download folder) finds no ``plans/`` and reads the plan bundled with zi. At
a terminal the first line says so, ``(bundled with zi)``; but a script
reading JSON, a pipe or a written report gets plausible numbers for another
office with exit 0. So when the output goes anywhere but the terminal, the
bundled plan must be asked for by name (``--plan bundled`` or
``ZI_PLAN=bundled``).

After an action is inserted, ids derived from position shift, and records
count for whichever action now holds their id. Every command warns; but a
report, an export, a pack or an LKE sheet made then is a document that
leaves the office with the work under the wrong action. So documents are
refused until ``zi journal move`` settles it (or ``--force``). We chose
refusing over following the fingerprint: a fingerprint can match two
actions (the same indicator and steps in two items), an action reworded and
moved matches none, and a record made before an older amendment may match
a text that has since gone elsewhere; a person who knows the decree decides
once, with a ``move`` record that keeps the history.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from zi_plan.errors import ZiError
from zi_plan.i18n import _, ngettext

if TYPE_CHECKING:
    from zi_plan.model.journal import Journal


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


def shifted_moves(journal: Journal) -> list[tuple[str, str]]:
    """(OLD, NEW) for each id whose records were made for the text another action now holds,
    in the order `zi journal move` accepts them: a move into an id comes after that id's own move."""
    moves: dict[str, str] = {}  # old -> new, first finding first
    for f in journal.findings:
        if f.kind == "changed" and f.elsewhere:
            moves.setdefault(f.action, f.elsewhere)
    ordered: list[tuple[str, str]] = []
    while moves:
        ready = [old for old, new in moves.items() if new not in moves]
        if not ready:  # ids swapped in a ring: no order works; list them as they are
            ordered.extend(moves.items())
            break
        for old in ready:
            ordered.append((old, moves.pop(old)))
    return ordered


def refuse_shifted(journal: Journal, *, force: bool = False) -> None:
    """A document (report, export, pack, LKE sheet) would count records for the action that now holds
    their id, while their text is another action's: refused until `zi journal move`, or with --force."""
    moves = shifted_moves(journal)
    if not moves or force:
        return
    commands = ", ".join(f"zi journal move {old} {new}" for old, new in moves)
    raise ZiError(
        ngettext(
            "the journal has records whose action now has another id ({ids}): this document would count them for the "
            "action that took their old id. Run {commands}, in that order (zi verify lists the records); "
            "or add --force to write it as the ids stand",
            "the journal has records whose actions now have other ids ({ids}): this document would count them for the "
            "actions that took their old ids. Run {commands}, in that order (zi verify lists the records); "
            "or add --force to write it as the ids stand",
            len(moves),
        ).format(ids=", ".join(f"{old} → {new}" for old, new in moves), commands=commands)
    )
