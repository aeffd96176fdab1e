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
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Optional

from zi_plan.checks import Found, located, plain_schema_message
from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.files import atomic_write
from zi_plan.i18n import _
from zi_plan.plan import LoadedPlan
from zi_plan.wording import os_reason

if TYPE_CHECKING:
    from filelock import FileLock

JOURNAL_VERSION = 2
# Format 1 (the previous release) has no replace/restore records; it is read as is.
KNOWN_VERSIONS = (1, 2)
Event = Literal["done", "undo", "evidence", "replace", "restore"]
# Record kinds that format 1 does not know: writing one lifts the file to format 2.
FORMAT_2_EVENTS = ("replace", "restore")


@dataclass(frozen=True)
class EvidenceEntry:
    """A stored file (path relative to the evidence folder, with its hash) or a link."""

    path: Optional[str] = None
    sha256: Optional[str] = None
    size: Optional[int] = None
    name: Optional[str] = None  # the file's name when it was recorded
    url: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("path", self.path), ("sha256", self.sha256), ("size", self.size),
                                  ("name", self.name), ("url", self.url)) if v is not None}  # fmt: skip


@dataclass(frozen=True)
class Record:
    """One event of the journal: an occurrence done, undone, or given more evidence."""

    action: str
    month: int
    event: Event
    at: dt.datetime
    by: str
    note: Optional[str] = None
    evidence: tuple[EvidenceEntry, ...] = ()
    # replace: the stored files this record withdraws; restore: the damaged
    # copy set aside. Named here, so nothing leaves the evidence without a record.
    replaces: tuple[EvidenceEntry, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """From checked journal data (times may be text or YAML timestamps)."""
        at = data["at"]
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))  # 'Z' before Python 3.11
        return cls(
            action=data["action"], month=data["month"], event=data["event"], at=at, by=data["by"],
            note=data.get("note"), evidence=tuple(EvidenceEntry(**e) for e in data.get("evidence") or ()),
            replaces=tuple(EvidenceEntry(**e) for e in data.get("replaces") or ()),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action, "month": self.month, "event": self.event,
                               "at": self.at.isoformat(), "by": self.by}  # fmt: skip
        if self.note:
            out["note"] = self.note
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
    def evidence(self) -> list[tuple[Record, EvidenceEntry]]:
        """The evidence that counts now: (the record that added it, the entry)."""
        return self._sorted()[0]

    @property
    def withdrawn(self) -> list[Withdrawn]:
        """Evidence withdrawn by an undo or a replacement, kept for history."""
        return self._sorted()[1]

    def _sorted(self) -> tuple[list[tuple[Record, EvidenceEntry]], list[Withdrawn]]:
        current: list[tuple[Record, EvidenceEntry]] = []
        withdrawn: list[Withdrawn] = []
        for record in self.history:
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


@dataclass(frozen=True)
class Withdrawn:
    """A piece of evidence that no longer counts, and the undo or replace record that withdrew it."""

    added: Record
    entry: EvidenceEntry
    by: Record


@dataclass
class Journal:
    """A journal read from disk (or a new, empty one) and the state it implies."""

    path: Path
    evidence_dir: Path
    records: list[Record]
    occurrences: dict[tuple[str, int], Occurrence]

    def occurrence(self, action_id: str, month: int) -> Occurrence:
        return self.occurrences.get((action_id, month)) or Occurrence(action_id, month)

    def is_done(self, action_id: str, month: int) -> bool:
        occ = self.occurrences.get((action_id, month))
        return occ is not None and occ.status == "done"

    def extend(self, new: list[Record]) -> None:
        """Records just appended to the file: the state moves on from where it was."""
        self.records.extend(new)
        replay(new, self.occurrences)


def replay(records: Iterable[Record], state: dict[tuple[str, int], Occurrence] | None = None) -> dict[tuple[str, int], Occurrence]:
    """The state of every occurrence the records touch, in one pass (on from ``state``)."""
    state = {} if state is None else state
    for record in records:
        key = (record.action, record.month)
        occ = state.get(key)
        if occ is None:
            occ = state[key] = Occurrence(record.action, record.month)
        occ.history.append(record)
        if record.event == "done":
            occ.status, occ.done = "done", record
        elif record.event == "undo":
            occ.status, occ.done = "open", None
    return state


def withdrawal_text(record: Record) -> str:
    """'reopened 2023-05-02 by Yulius: foto salah': how a piece of evidence was withdrawn."""
    template = _("reopened {date} by {by}") if record.event == "undo" else _("replaced {date} by {by}")
    text = template.format(date=f"{record.at:%Y-%m-%d}", by=record.by)
    return f"{text}: {record.note}" if record.note else text


# ---------------------------------------------------------------- where


def journal_paths(plan: LoadedPlan) -> tuple[Path, Path]:
    """(journal file, evidence folder) for a plan.

    Beside the plan, except for the copy bundled in the installed package:
    nothing is ever written inside the package, so that one goes to the
    user's data folder.
    """
    stem = plan.path.name
    for suffix in (".yaml", ".yml"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
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
    return journal_cache.load_journal(plan, path, evidence_dir)


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
    from pydantic import ValidationError

    from zi_plan.journal_schema import JournalFile

    found: list[Found] = []
    journal: JournalFile | None = None
    try:
        journal = JournalFile.model_validate(data)
    except ValidationError as exc:
        found.extend((tuple(err["loc"]), plain_schema_message(err), False) for err in exc.errors(include_url=False))
    if journal is not None and journal.journal not in KNOWN_VERSIONS:
        found.append((("journal",), _("journal format {found} is not known to this zi (it reads format {known}); upgrade zi").format(found=journal.journal, known=JOURNAL_VERSION), False))
    for index, record in enumerate((journal.records or []) if journal else []):
        action = plan.by_id.get(record.action)
        if action is None:
            found.append((("records", index, "action"), _("record for '{id}', which the plan does not have; was the plan changed?").format(id=record.action), False))
        elif record.month not in action.months:
            months = ", ".join(map(str, action.months))
            found.append((("records", index, "month"), _("{id} is not scheduled in month {month} (its months: {months})").format(id=record.action, month=record.month, months=months), False))
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

# After the last top-level `records:` key only list entries, their indented
# lines and comments may follow; then a new record can simply be appended.
_APPENDABLE = re.compile(r"^records:[ \t]*(#.*)?\n(?:(?:[-# \t].*)?\n)*\Z", re.MULTILINE)


_FORMAT_1 = re.compile(r"^journal:[ \t]*1[ \t]*$", re.MULTILINE)


def record_to_yaml(record: Record) -> str:
    import yaml

    return yaml.safe_dump([record.to_dict()], allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def append_records(journal: Journal, plan: LoadedPlan, new: list[Record]) -> None:
    """Add records to the journal file atomically (the caller holds the lock),
    and to ``journal`` in memory."""
    from zi_plan import journal_cache

    path = journal.path
    # The name as a JSON string is a valid YAML scalar whatever it contains.
    header = _HEADER.format(plan=json.dumps(plan.path.name, ensure_ascii=False), version=JOURNAL_VERSION)
    raw = path.read_bytes() if path.exists() else header.encode("utf-8")
    lifted = False
    if any(r.event in FORMAT_2_EVENTS for r in new):
        # The previous release cannot read these records: say so in the file.
        text = raw.decode("utf-8-sig")
        upgraded = _FORMAT_1.sub(f"journal: {JOURNAL_VERSION}", text, count=1)
        if upgraded != text:
            raw, lifted = upgraded.encode("utf-8"), True
    added = "".join(record_to_yaml(r) for r in new).encode("utf-8")
    if raw and not raw.endswith(b"\n"):
        added = b"\n" + added
    # Whether the text ends in its `records:` list is known from the cache
    # for the text the journal was loaded from; a search through a big
    # journal's text would cost more than the rest of `zi done`.
    appendable = None if lifted else journal_cache.known_appendable(journal, raw)
    if appendable is None:
        appendable = bool(_APPENDABLE.search(raw.decode("utf-8-sig")))
    if appendable:
        atomic_write(path, raw + added)
        if lifted:  # not the text the cache knows: the next load goes the full way
            journal.extend(new)
        else:
            journal_cache.appended(journal, plan, raw, added, new)
    else:
        # Hand-edited so that `records:` is not last (or is `records: []`):
        # write the whole file again in the usual layout.
        text = header + "".join(record_to_yaml(r) for r in [*journal.records, *new])
        atomic_write(path, text.encode("utf-8"))
        journal.extend(new)


@contextlib.contextmanager
def writing(plan: LoadedPlan) -> Iterator[Journal]:
    """The plan's journal, loaded under its lock, for one change.

    The folder is checked for writing before anything is copied.
    """
    from filelock import Timeout

    journal_path, _evidence = journal_paths(plan)
    ensure_writable(journal_path.parent)
    try:
        with lock(journal_path):
            yield load_journal(plan)
    except Timeout:
        raise ZiError(
            _("another zi is writing {path} and did not finish within a minute; try again").format(path=journal_path)
        ) from None


def lock(journal_path: Path, timeout: float = 60.0) -> FileLock:
    """The lock that serialises writers of one journal (and its evidence)."""
    from filelock import FileLock

    # A hidden name: the lock file stays after release, and nobody should commit it.
    return FileLock(str(journal_path.with_name(f".{journal_path.name}.lock")), timeout=timeout)


def ensure_writable(directory: Path) -> None:
    """Fail early, before anything is copied, when the folder cannot be written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ZiError(_("cannot create {folder}: {reason}").format(folder=directory, reason=os_reason(exc))) from None
    try:
        # A probe of our own: other writers may be probing the same folder.
        fd, probe = tempfile.mkstemp(prefix=".zi-write-test.", dir=directory)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ZiError(
            _("cannot write in {folder} ({reason}); ask for write access, or copy the plan to a folder you can write and use --plan").format(
                folder=directory, reason=os_reason(exc)
            )
        ) from None
