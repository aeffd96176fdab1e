"""The progress journal: what was done, when, by whom, with what evidence.

The plan is a decree and is never rewritten. Progress goes to a journal
beside it (``<plan>.progress.yaml``): append-only YAML records, so that git
diffs and merges stay readable and an undo is a new record, never a deletion.
Writes are atomic and serialised by a lock file, so several team members on
one shared folder can record at once and all land.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Optional

from zi_plan.i18n import _

# Format 2 adds to each record the fingerprint and indicator of the action it
# was made for, and the events 'accept', 'move' (zi_plan.store.amendments), 'replace', 'restore'.
# Format 1 journals are read as they are and rewritten as format 3 on the next write.
# Format 3 adds the evaluators' round (zi_plan.lke.rounds): 'review' records (a
# TPI's answer and note), 'send' and 'close' records of a round, and answers
# marked 'routine'. Format 2 journals are read as they are; the next write
# changes only their 'journal:' line.
JOURNAL_VERSION = 3
LKE_EVENTS = ("answer", "review", "send", "close")  # records that name a question or a round, not an action
Kind = Literal["removed", "unscheduled", "changed"]  # of a Finding (zi_plan.store.amendments)
Event = Literal["done", "undo", "evidence", "accept", "move", "replace", "restore"]


class EvidenceEntry(NamedTuple):  # NamedTuples: see zi_plan.model.plan's views
    """A stored file (path relative to the evidence folder, with its hash) or a link."""

    path: Optional[str] = None
    sha256: Optional[str] = None
    size: Optional[int] = None
    name: Optional[str] = None  # the file's name when it was recorded
    url: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("path", self.path), ("sha256", self.sha256), ("size", self.size),
                                  ("name", self.name), ("url", self.url)) if v is not None}  # fmt: skip


class Record(NamedTuple):
    """One event of the journal: an occurrence done, undone, or given more evidence."""

    action: str
    month: int
    event: Event
    at: dt.datetime
    by: str
    note: Optional[str] = None
    evidence: tuple[EvidenceEntry, ...] = ()
    # The action's fingerprint and indicator when the record was made (format 2).
    fingerprint: str | None = None
    indicator: str | None = None
    accepted: str | None = None  # accept: the old fingerprint now taken as this text
    moved_from: str | None = None  # move: the id whose records now belong to `action`
    replaces: tuple[EvidenceEntry, ...] = ()  # replace: files withdrawn; restore: the damaged copy set aside

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """From checked journal data (times may be text or YAML timestamps)."""
        at = data["at"]
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))  # 'Z' before Python 3.11
        return cls(
            action=data["action"], month=data.get("month") or 0, event=data["event"], at=at, by=data["by"],
            note=data.get("note"), evidence=tuple(EvidenceEntry(**e) for e in data.get("evidence") or ()),
            fingerprint=data.get("fingerprint"), indicator=data.get("indicator"),
            accepted=data.get("accepted"), moved_from=data.get("from"),
            replaces=tuple(EvidenceEntry(**e) for e in data.get("replaces") or ()),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action}
        if self.month:  # accept and move records concern every month
            out["month"] = self.month
        out["event"] = self.event
        if self.moved_from:
            out["from"] = self.moved_from
        out |= {"at": self.at.isoformat(), "by": self.by}
        for key, value in (("note", self.note), ("fingerprint", self.fingerprint), ("accepted", self.accepted),
                           ("indicator", self.indicator)):  # fmt: skip
            if value:
                out[key] = value
        if self.evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        if self.replaces:
            out["replaces"] = [e.to_dict() for e in self.replaces]
        return out


# ---------------------------------------------------------------- state


@dataclass
class Occurrence:
    """One scheduled month of one action, and what the journal says of it."""

    action: str
    month: int
    status: Literal["open", "done"] = "open"
    done: Optional[Record] = None  # the record that made it done, while it is done
    history: list[Record] = field(default_factory=list)

    @property
    def evidence(self) -> list[tuple[Record, EvidenceEntry]]:  # what counts now, with the record that added it
        return sort_evidence(self.history)[0]

    @property
    def withdrawn(self) -> list[Withdrawn]:  # withdrawn by an undo or a replace, kept for history
        return sort_evidence(self.history)[1]


@dataclass
class Journal:
    """A journal read from disk (or a new, empty one) and the state it implies."""

    path: Path
    evidence_dir: Path
    records: list[Record]
    occurrences: dict[tuple[str, int], Occurrence]
    # Records the plan no longer matches (zi_plan.store.amendments), and the warnings
    # that say so once per command; set by load_journal.
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    version: int = JOURNAL_VERSION
    answers: list[dict[str, Any]] = field(default_factory=list)  # LKE answer records (zi_plan.lke.answers)

    def occurrence(self, action_id: str, month: int) -> Occurrence:
        return self.occurrences.get((action_id, month)) or Occurrence(action_id, month)

    def is_done(self, action_id: str, month: int) -> bool:
        occ = self.occurrences.get((action_id, month))
        return occ is not None and occ.status == "done"

    def extend(self, new: Sequence[Record | Any]) -> None:
        """Records just appended to the file: the state moves on from where it was."""
        records = [r for r in new if isinstance(r, Record)]
        self.records.extend(records)
        self.answers.extend(r.to_dict() for r in new if not isinstance(r, Record))
        replay(records, self.occurrences)


def is_answer(row: Any) -> bool:
    """An LKE record among a journal's raw records (kept as its mapping): an answer, a
    review, a round sent or closed, or the restore of an answer's stored file (it names
    a question, not an action)."""
    return isinstance(row, dict) and (row.get("event") in LKE_EVENTS or (row.get("event") == "restore" and "lke" in row))


def replay(records: Iterable[Record], state: dict[tuple[str, int], Occurrence] | None = None) -> dict[tuple[str, int], Occurrence]:
    """The state of every occurrence the records touch, in one pass (on from ``state``).

    A 'move' record hands the occurrences of one id, as they stand, to
    another; an 'accept' record changes no state.
    """
    state = {} if state is None else state
    for record in records:
        if record.event == "move":
            _move(state, record.moved_from or "", record.action)
            continue
        if record.event == "accept":
            continue
        key = (record.action, record.month)
        occ = state.get(key)
        if occ is None:
            occ = state[key] = Occurrence(record.action, record.month)
        _apply(occ, record)
    return state


def _apply(occ: Occurrence, record: Record) -> None:
    occ.history.append(record)
    if record.event == "done":
        occ.status, occ.done = "done", record
    elif record.event == "undo":
        occ.status, occ.done = "open", None


def _move(state: dict[tuple[str, int], Occurrence], old: str, new: str) -> None:
    for key in [k for k in state if k[0] == old]:
        moved = state.pop(key)
        there = state.get((new, key[1]))
        # Normally the new id has no records (zi journal move refuses that);
        # after a hand edit or a merge, both histories are replayed by time.
        history = sorted([*moved.history, *there.history], key=lambda r: r.at) if there else moved.history
        target = state[(new, key[1])] = Occurrence(new, key[1])
        for record in history:
            _apply(target, record)


@dataclass(frozen=True)
class Finding:
    """A record that the plan, as it is now, does not match."""

    index: int  # in the journal's records
    line: int | None
    kind: Kind
    record: Record
    action: str  # the id it counts for now (after any moves)
    elsewhere: str | None = None  # changed: the id whose text is the one the record was made for


# ---------------------------------------------------------------- withdrawal
#
# Which evidence of an occurrence counts, and which was withdrawn (and how).
#
# An undo withdraws all the evidence recorded so far for the occurrence; a
# replace withdraws the stored files it names and adds the new one; a restore
# puts a stored file back and adds nothing. Withdrawn evidence stays in the
# journal and the store, for history.


class Withdrawn(NamedTuple):  # a NamedTuple: see zi_plan.model.plan's views
    """A piece of evidence that no longer counts, and the undo or replace record that withdrew it."""

    added: Record
    entry: EvidenceEntry
    by: Record


def sort_evidence(history: Sequence[Record]) -> tuple[list[tuple[Record, EvidenceEntry]], list[Withdrawn]]:
    """(the evidence that counts now, with the record that added it; what was withdrawn)."""
    if len(history) == 1:  # the usual occurrence, one record: nothing withdrawn (the pack asks 100,000 times)
        only = history[0]
        return ([] if only.event in ("undo", "restore") else [(only, e) for e in only.evidence]), []
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
