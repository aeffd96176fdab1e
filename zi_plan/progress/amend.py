"""Deciding about records an amended plan no longer matches: `zi journal accept` and `zi journal move`.

Both are new records: the journal stays append-only and keeps the history of
how progress followed the amendments (what is found is zi_plan.store.amendments').
"""

from __future__ import annotations

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.model.fingerprint import WORK, fingerprint
from zi_plan.model.journal import Journal, Record
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import now
from zi_plan.progress import recording
from zi_plan.store.amendments import effective_ids
from zi_plan.store.journal import append_records


def accept(plan: LoadedPlan, action_id: str, *, by: str | None = None, note: str | None = None) -> tuple[list[Record], Journal]:
    """`zi journal accept ID`: the records of ID made for an older text count for its text now."""

    recording.may_write(plan)
    action = plan.action(action_id)
    with recording.writing(plan) as journal:
        old = sorted({f.record.fingerprint for f in journal.findings
                      if f.kind == "changed" and f.action == action.id and f.record.fingerprint})  # fmt: skip
        if not old:
            raise ZiError(_("nothing to accept: every record of {id} was made for its present text").format(id=action.id))
        at, who = now(), recording.author(plan, by)
        new = [Record(action=action.id, month=0, event="accept", at=at, by=who, note=note, fingerprint=fingerprint(action),
                      indicator=action.indicator, accepted=fp) for fp in old]  # fmt: skip
        append_records(journal, plan, new)
    return new, journal


def move(plan: LoadedPlan, old: str, new: str, *, by: str | None = None, note: str | None = None) -> tuple[Record, int, Journal]:
    """`zi journal move OLD NEW`: OLD's records (done, undone, evidence) now count for NEW."""

    recording.may_write(plan)
    target = plan.action(new)
    with recording.writing(plan) as journal:
        ids = effective_ids(journal.records)
        source = next((i for i in ids if i == old), None) or next((i for i in set(ids) if i.lower() == old.lower()), None)
        if source == target.id:
            raise ZiError(_("{old} and {new} are the same action; nothing to move").format(old=old, new=target.id), exit_code=2)
        count = sum(1 for r, i in zip(journal.records, ids, strict=True) if i == source and r.event in WORK)
        if source is None or not count:
            raise ZiError(_("the journal has no records for {old}; nothing to move").format(old=old))
        if any(i == target.id and r.event in WORK for r, i in zip(journal.records, ids, strict=True)):
            raise ZiError(
                _("{new} has records of its own; move those first (zi journal move {new} OTHER_ID), then move {old}").format(new=target.id, old=source)
            )
        record = Record(action=target.id, month=0, event="move", at=now(), by=recording.author(plan, by), note=note,
                        fingerprint=fingerprint(target), indicator=target.indicator, moved_from=source)  # fmt: skip
        append_records(journal, plan, [record])
    return record, count, journal
