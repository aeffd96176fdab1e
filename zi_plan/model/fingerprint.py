"""Which text of an action a record was made for: the action's fingerprint.

Each done/undo/evidence record carries a short fingerprint of the action it
was made for (its indicator and steps), so that zi can tell when the action
under an id is no longer the one the work was done for (zi_plan.store.amendments).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from zi_plan.model.journal import Record
from zi_plan.model.plan import ActionView, LoadedPlan

WORK = ("done", "undo", "evidence")  # the events that belong to one occurrence


def fingerprint(action: ActionView) -> str:
    """12 hex digits that change when the action's indicator or steps change (not spacing)."""
    import json  # json: ~1 ms that a warm `zi due` need not pay

    words = [" ".join(action.indicator.split()), [" ".join(s.split()) for s in action.steps]]
    return hashlib.sha256(json.dumps(words, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def stamped(record: Record, action: ActionView) -> Record:
    return record._replace(fingerprint=fingerprint(action), indicator=action.indicator)


def migrated(plan: LoadedPlan, records: Sequence[Record]) -> list[Record]:
    """Format-1 records with the fingerprints of today's plan (for actions it still has)."""
    out = []
    for record in records:
        action = plan.by_id.get(record.action)
        if record.fingerprint is None and record.event in WORK and action is not None:
            record = stamped(record, action)
        out.append(record)
    return out
