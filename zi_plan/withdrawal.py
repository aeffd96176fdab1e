"""Which evidence of an occurrence counts, and which was withdrawn (and how).

An undo withdraws all the evidence recorded so far for the occurrence; a
replace withdraws the stored files it names and adds the new one; a restore
puts a stored file back and adds nothing. Withdrawn evidence stays in the
journal and the store, for history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from zi_plan.i18n import _

if TYPE_CHECKING:  # zi_plan.journal imports this module
    from zi_plan.journal import EvidenceEntry, Record


class Withdrawn(NamedTuple):  # a NamedTuple: see zi_plan.plan's views
    """A piece of evidence that no longer counts, and the undo or replace record that withdrew it."""

    added: Record
    entry: EvidenceEntry
    by: Record


def sort_evidence(history: Iterable[Record]) -> tuple[list[tuple[Record, EvidenceEntry]], list[Withdrawn]]:
    """(the evidence that counts now, with the record that added it; what was withdrawn)."""
    current: list[tuple[Record, EvidenceEntry]] = []
    withdrawn: list[Withdrawn] = []
    for record in history:
        if record.event == "undo":
            withdrawn.extend(Withdrawn(r, e, record) for r, e in current)
            current = []
        elif record.event == "restore":
            continue  # puts a stored file back; adds no evidence
        else:
            if record.event == "replace":
                gone = {(e.path, e.sha256) for e in record.replaces}
                withdrawn.extend(Withdrawn(r, e, record) for r, e in current if (e.path, e.sha256) in gone)
                current = [(r, e) for r, e in current if (e.path, e.sha256) not in gone]
            current.extend((record, e) for e in record.evidence)
    return current, withdrawn


def withdrawal_text(record: Record) -> str:
    """'reopened 2023-05-02 by Yulius: foto salah': how a piece of evidence was withdrawn."""
    template = _("reopened {date} by {by}") if record.event == "undo" else _("replaced {date} by {by}")
    text = template.format(date=f"{record.at:%Y-%m-%d}", by=record.by)
    return f"{text}: {record.note}" if record.note else text
