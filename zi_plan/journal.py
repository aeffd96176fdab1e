"""The progress journal: what was done, when, by whom, with what evidence.

The plan is a decree and is never rewritten. Progress goes to a journal
beside it (``<plan>.progress.yaml``): append-only YAML records, so that git
diffs and merges stay readable and an undo is a new record, never a deletion.
Writes are atomic and serialised by a lock file, so several team members on
one shared folder can record at once and all land.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Optional

from zi_plan.checks import Found, evidence_problems, located, plain_schema_message
from zi_plan.errors import InvalidFile, Problem
from zi_plan.fsguard import check_lock_path, write_error
from zi_plan.i18n import _
from zi_plan.plan import LoadedPlan
from zi_plan.withdrawal import Withdrawn, sort_evidence

if TYPE_CHECKING:
    from filelock import FileLock

    from zi_plan.amend import Finding

# Format 2 adds to each record the fingerprint and indicator of the action it
# was made for, and the events 'accept', 'move' (zi_plan.amend), 'replace', 'restore'.
# Format 1 journals (the previous release) are read as they are and
# rewritten as format 2 on the next write.
JOURNAL_VERSION = 2
KNOWN_VERSIONS = (1, 2)
Event = Literal["done", "undo", "evidence", "accept", "move", "replace", "restore"]


class EvidenceEntry(NamedTuple):  # NamedTuples: see zi_plan.plan's views
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
    # Records the plan no longer matches (zi_plan.amend), and the warnings
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
    """An LKE record among a journal's raw records (kept as its mapping): an answer,
    or the restore of an answer's stored file (it names a question, not an action)."""
    return isinstance(row, dict) and (row.get("event") == "answer" or (row.get("event") == "restore" and "lke" in row))


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


# ---------------------------------------------------------------- where


def journal_file_name(plan_path: Path) -> str:
    """'tambrauw-2023.yaml' -> 'tambrauw-2023.progress.yaml'."""
    stem = plan_path.name.removesuffix(".yaml").removesuffix(".yml")
    return f"{stem}.progress.yaml"


def journal_paths(plan: LoadedPlan) -> tuple[Path, Path]:
    """(journal file, evidence folder) for a plan.

    Beside the plan, except for the copy bundled in the installed package:
    nothing is ever written inside the package, so that one goes to the
    user's data folder.
    """
    stem = journal_file_name(plan.path).removesuffix(".progress.yaml")
    if plan.bundled:
        import platformdirs

        base = Path(platformdirs.user_data_dir("zi-plan", appauthor=False))
    else:
        base = plan.path.parent
    return base / f"{stem}.progress.yaml", base / f"{stem}.evidence"


# ---------------------------------------------------------------- reading


def load_journal(plan: LoadedPlan) -> Journal:
    """The plan's journal, checked against the plan; an empty one if none exists yet.

    What was validated before comes from the cache, and only records
    appended since are parsed (see zi_plan.journal_cache).
    """
    from zi_plan import journal_cache

    path, evidence_dir = journal_paths(plan)
    if not path.exists():
        return Journal(path, evidence_dir, [], {})
    journal = journal_cache.load_journal(plan, path, evidence_dir)
    from zi_plan import amend

    amend.reconcile(plan, journal)  # what the plan, perhaps amended, no longer matches
    return journal


def checked_data(path: Path, text: str, plan: LoadedPlan) -> dict[str, Any]:
    """Parse and validate a journal's text in full: its data (empty for an empty file)."""
    from zi_plan import yamlio  # here, not at the top: a warm command never needs PyYAML

    try:
        data = yamlio.parse(text)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidFile([Problem(str(path), 1, 1, _("a progress journal must be a mapping with 'journal', 'plan' and 'records'"))])
    _validate_journal(path, text, data, plan)
    return data


def _validate_journal(path: Path, text: str, data: dict[str, Any], plan: LoadedPlan) -> None:
    # zi_plan.journal_schema's checks, run by pydantic-core alone (see zi_plan.validators).
    from zi_plan.validators import validate

    journal, errors = validate("JOURNAL", data)
    found: list[Found] = [(tuple(err["loc"]), plain_schema_message(err), err["type"] == "extra_forbidden") for err in errors]  # an unknown key: at the key
    if journal is not None and journal.journal not in KNOWN_VERSIONS:
        found.append((("journal",), _("journal format {found} is not known to this zi (it reads format {known}); upgrade zi").format(found=journal.journal, known=JOURNAL_VERSION), False))
    # Records for actions or months the plan no longer has are not errors:
    # the decree may be amended mid-year (zi_plan.amend reports them).
    # Paths out of the evidence folder and links that are not http(s) are.
    for index, record in enumerate((journal.records or []) if journal else []):
        found.extend(evidence_problems(index, record.evidence))
    if journal is not None and any(r.event == "answer" for r in journal.records or ()):  # format 2: LKE answers
        from zi_plan.lke.answers import answer_problems  # the worksheet is read only then
        found.extend(answer_problems(plan, [(i, r.lke, r.value) for i, r in enumerate(journal.records or ()) if r.event == "answer"]))
    if found:
        raise InvalidFile(located(str(path), text, found))


# ---------------------------------------------------------------- writing

_HEADER = """\
# Progress journal of {plan}: what was done, when, by whom, with what evidence.
# Written by `zi done` and `zi undo`, read by every other command, and checked
# on every load. Append-only: an undo is a new record. Keep every record; when
# git merges two sets of new records, keep both.
journal: {version}
plan: {plan}
records:
"""

_MIGRATED = """\
# Rewritten from format {version} on {day}: the records before then were given
# the fingerprints of the plan's actions as they read that day.
"""

# After the last top-level `records:` key only list entries, their indented
# lines and comments may follow; then a new record can simply be appended.
_APPENDABLE = re.compile(r"^records:[ \t]*(#.*)?\n(?:(?:[-# \t].*)?\n)*\Z", re.MULTILINE)


def record_to_yaml(record: Record | dict[str, Any] | Any) -> str:
    import yaml

    return yaml.safe_dump([record if isinstance(record, dict) else record.to_dict()], allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def append_records(journal: Journal, plan: LoadedPlan, new: Sequence[Record | Any]) -> None:
    """Add records (and LKE answers) to the journal file atomically (the caller holds the lock), and to ``journal``."""
    try:
        _append_records(journal, plan, new)
    except OSError as exc:  # disk full, read-only ...: the old journal is intact
        raise write_error(journal.path, exc, _("nothing was recorded")) from None


def _append_records(journal: Journal, plan: LoadedPlan, new: Sequence[Record | Any]) -> None:
    import json

    from zi_plan import journal_cache
    from zi_plan.files import atomic_write  # for writers only: kept off the start-up of reading commands

    path = journal.path
    # The name as a JSON string is a valid YAML scalar whatever it contains.
    header = _HEADER.format(plan=json.dumps(plan.path.name, ensure_ascii=False), version=JOURNAL_VERSION)
    raw = path.read_bytes() if path.exists() else header.encode("utf-8")
    if journal.version < JOURNAL_VERSION:
        _migrate(journal, plan, header, new)
        return
    added = "".join(record_to_yaml(r) for r in new).encode("utf-8")
    if raw and not raw.endswith(b"\n"):
        added = b"\n" + added
    # Whether the text ends in its `records:` list is known from the cache
    # for the text the journal was loaded from; a search through a big
    # journal's text would cost more than the rest of `zi done`.
    appendable = journal_cache.known_appendable(journal, raw)
    if appendable is None:
        appendable = bool(_APPENDABLE.search(raw.decode("utf-8-sig")))
    if appendable:
        atomic_write(path, raw + added)
        journal_cache.appended(journal, plan, raw, added, new)
    else:
        # Hand-edited so that `records:` is not last (or is `records: []`):
        # write the whole file again in the usual layout.
        text = header + "".join(record_to_yaml(r) for r in [*journal.records, *journal.answers, *new])
        atomic_write(path, text.encode("utf-8"))
        journal.extend(new)


def _migrate(journal: Journal, plan: LoadedPlan, header: str, new: Sequence[Record | Any]) -> None:
    """Format 1 -> 2, once, by writing the whole journal again.

    The old records get the fingerprints of the plan as it is today, the
    best knowledge there is of what they were made for; a comment says so.
    """
    from zi_plan.amend import migrated
    from zi_plan.files import atomic_write

    records = migrated(plan, journal.records)
    note = _MIGRATED.format(version=journal.version, day=dt.date.today().isoformat())
    text = header.replace("journal:", note + "journal:", 1) + "".join(record_to_yaml(r) for r in [*records, *journal.answers, *new])
    atomic_write(journal.path, text.encode("utf-8"))
    journal.records = records
    journal.occurrences = replay(records)
    journal.extend(new)
    journal.version = JOURNAL_VERSION


def lock(journal_path: Path, timeout: float = 60.0) -> FileLock:
    """The lock that serialises writers of one journal (and its evidence)."""
    from filelock import FileLock

    from zi_plan.permissions import new_file_mode

    # A hidden name: the lock file stays after release, and nobody should commit it.
    # It is shared by every account that writes the journal: the umask's mode
    # (filelock 3 would make it 0644, locking the group out).
    path = journal_path.with_name(f".{journal_path.name}.lock")
    check_lock_path(path)
    from zi_plan.sharing import file_mode

    mode = file_mode(new_file_mode(), path.parent)  # group-writable in a shared folder, whatever the umask
    try:  # made here, so that its mode is exactly that (the library's own creation may apply the umask)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
    except OSError:  # there already, or the folder cannot be written: the lock's acquiring says so
        pass
    else:
        with contextlib.suppress(OSError):
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        os.close(fd)
    return FileLock(str(path), timeout=timeout, mode=mode)
