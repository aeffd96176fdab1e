"""Loading a journal through the parsed-data cache (zi_plan.store.cache).

A journal grows by appends, so its cache entry remembers how much of the
text it covers (length and SHA-256 of that prefix); when the file is the
same prefix plus new records, only the new records are parsed and validated.
`zi done` and `zi undo` add what they append to the entry, so the command
after them is warm too. Anything the cache cannot vouch for — an edit in the
middle, a tail that is not whole records at the margin, a bad entry — goes
the full way: parse and validate everything, every problem placed by line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile
from zi_plan.model.fingerprint import WORK, fingerprint
from zi_plan.model.journal import JOURNAL_VERSION, EvidenceEntry, Journal, Occurrence, Record, is_answer, replay
from zi_plan.model.plan import LoadedPlan
from zi_plan.store import cache
from zi_plan.store.plans import decode_text, read_bytes

# After the last top-level `records:` key only list entries, their indented
# lines and comments may follow; then a new record can simply be appended.
APPENDABLE = re.compile(r"^records:[ \t]*(#.*)?\n(?:(?:[-# \t].*)?\n)*\Z", re.MULTILINE)

MAX_SEGMENTS = 32  # a journal entry is rewritten in one piece after this many appends
FEW_ACTIONS = 4  # asked about more actions than this, a journal builds every record

# ---------------------------------------------------------------- journal rows

# A record is kept as a tuple of its values in the order of Record's fields
# (evidence as tuples in EvidenceEntry's), which loads several times faster
# than a mapping; a record with anything else is kept as its mapping.
_RECORD_KEYS = Record._fields
_EVIDENCE_KEYS = EvidenceEntry._fields
_EVIDENCE_AT = _RECORD_KEYS.index("evidence")
_AT = _RECORD_KEYS.index("at")


def encode(record: dict[str, Any]) -> Any:
    if not record.keys() <= set(_RECORD_KEYS):
        return record
    evidence = record.get("evidence") or ()
    if not all(isinstance(e, dict) and e.keys() <= set(_EVIDENCE_KEYS) for e in evidence):
        return record
    row: list[Any] = [record.get(k) for k in _RECORD_KEYS]
    at = row[_AT]
    if isinstance(at, dt.datetime):
        row[_AT] = at.isoformat()  # Record.from_dict reads either
    row[_EVIDENCE_AT] = tuple(tuple(e.get(k) for k in _EVIDENCE_KEYS) for e in evidence)
    return tuple(row)


def decode(row: Any) -> Record:
    if isinstance(row, dict):
        return Record.from_dict(row)
    data = dict(zip(_RECORD_KEYS, row, strict=True))
    data["evidence"] = [dict(zip(_EVIDENCE_KEYS, e, strict=True)) for e in row[_EVIDENCE_AT]]
    return Record.from_dict(data)


def _action_of(row: Any) -> Any:
    return row.get("action") if isinstance(row, dict) else row[0]


@dataclasses.dataclass
class Source:
    """What a journal was loaded from, so that an append can carry the cache forward."""

    raw: bytes
    hasher: Any  # hashlib's sha256 of ``raw``
    appendable: bool  # the text ends in its `records:` list, entries at the margin
    entry: Path | None = None
    context: str = ""
    segments: int = 0
    # What zi_plan.store.amendments found in this very text: (it has moves, the findings
    # as (index, line, kind, action, elsewhere)); None when not known.
    findings: tuple[bool, tuple[Any, ...]] | None = None


class LoadedJournal(Journal):
    """A journal read from disk: records are built only when a command asks for them.

    `zi done` looks at one action's occurrences; building every record of a
    large journal for that would cost more than the rest of the command.
    """

    def __init__(self, path: Path, evidence_dir: Path, rows: list[Any], source: Source) -> None:
        self.path = path
        self.evidence_dir = evidence_dir
        self.rows = rows
        self.source = source
        self._records: list[Record] | None = None
        self._occurrences: dict[tuple[str, int], Occurrence] | None = None
        self._by_action: dict[str, dict[tuple[str, int], Occurrence]] = {}

    @property
    def records(self) -> list[Record]:
        if self._records is None:
            self._records = [decode(row) for row in self.rows if not is_answer(row)]
        return self._records

    @records.setter
    def records(self, value: list[Record]) -> None:
        self._records = value

    @property
    def answers(self) -> list[dict[str, Any]]:
        """The LKE answers, as their checked mappings (zi_plan.lke.answers reads them)."""
        return [row for row in self.rows if is_answer(row)]

    @answers.setter
    def answers(self, value: list[dict[str, Any]]) -> None:
        raise AttributeError("a loaded journal's answers come from its rows")

    @property
    def occurrences(self) -> dict[tuple[str, int], Occurrence]:
        if self._occurrences is None:
            self._occurrences = replay(self.records)
        return self._occurrences

    @occurrences.setter
    def occurrences(self, value: dict[tuple[str, int], Occurrence]) -> None:
        self._occurrences = value

    def occurrence(self, action_id: str, month: int) -> Occurrence:
        # A command about one or two actions (zi done, zi show) reads only
        # their records; one that goes through the plan builds them all, once.
        # A 'move' record hands one id's records to another: only a replay of
        # the whole journal knows where each record counts (zi_plan.store.amendments).
        few = action_id in self._by_action or len(self._by_action) < FEW_ACTIONS
        if self._occurrences is not None or getattr(self, "has_moves", False) or not few:
            return super().occurrence(action_id, month)
        state = self._by_action.get(action_id)
        if state is None:
            rows = [r for r in self.rows if _action_of(r) == action_id]
            state = self._by_action[action_id] = replay(decode(r) for r in rows)
        return state.get((action_id, month)) or Occurrence(action_id, month)

    def is_done(self, action_id: str, month: int) -> bool:
        return self.occurrence(action_id, month).status == "done"

    def extend(self, new: Sequence[Record | Any]) -> None:
        self.rows.extend(encode(r.to_dict()) for r in new)
        records = [r for r in new if isinstance(r, Record)]
        if self._records is not None:
            self._records.extend(records)
        if self._occurrences is not None:
            replay(records, self._occurrences)
        self._by_action.clear()


# ---------------------------------------------------------------- journals

# The tail of a journal that can be parsed on its own: whole records at the
# margin (`- action: ...` and their indented lines), blank or comment lines.
_TAIL = re.compile(rb"- [^\n]*\n(?:(?:-(?: [^\n]*)?|[ #][^\n]*|)\n)*")


def load_journal(plan: LoadedPlan, path: Path, evidence_dir: Path) -> Journal:
    """The journal at ``path``, checked against ``plan``, parsing only what the cache lacks."""
    with cache.loading():
        return _load_journal(plan, path, evidence_dir)


def _load_journal(plan: LoadedPlan, path: Path, evidence_dir: Path) -> Journal:
    raw = read_bytes(path)
    # Records are validated against the plan: no plan content, no cache.
    store = cache.open_store() if plan.fingerprint else None
    source = _source(store, plan, path, raw)
    rows: list[Any] | None = None
    if store is not None:
        rows = _from_cache(store, source, plan, path)
    if rows is None:
        rows = _full(plan, path, raw, source)
        if store is not None and source.entry is not None:
            _rewrite(store, source, rows)
    return LoadedJournal(path, evidence_dir, rows, source)


def _source(store: cache.Store | None, plan: LoadedPlan, path: Path, raw: bytes) -> Source:
    source = Source(raw, hashlib.sha256(), appendable=False)
    if store is not None:
        source.context = cache.sha256(f"{store.context} plan {plan.fingerprint}".encode())
        # Named by what it is checked against (the plan's content) and the file's name, not
        # its path: a cache restored into a clone at another path still finds it (zi_plan.store.cache).
        name = cache.sha256(f"{plan.fingerprint} {path.name}".encode(errors="surrogatepass"))[:40]
        source.entry = store.plan_folder(plan.path) / f"journal-{name}.zic"
    return source


def _from_cache(store: cache.Store, source: Source, plan: LoadedPlan, path: Path) -> list[Any] | None:
    """The rows of the journal from its cache entry, parsing only the new tail; None on a miss."""
    assert source.entry is not None
    raw, hasher = source.raw, source.hasher
    rows: list[Any] = []
    covered = 0
    findings: list[Any] = []
    try:
        for payload in store.read(source.entry):
            if payload[0] == "findings":
                findings.append(payload)
                continue
            kind, ctx, start, end, end_sha, appendable, segment_rows = payload
            if kind != "journal" or ctx != source.context or start != covered or end > len(raw):
                continue  # another writer's duplicate, or not ours
            probe = hasher.copy()
            probe.update(memoryview(raw)[covered:end])
            if probe.hexdigest() != end_sha:
                break  # the text changed below this point: what follows cannot match either
            hasher, covered = probe, end
            rows.extend(segment_rows)
            source.appendable = bool(appendable)
            source.segments += 1
    except (ValueError, TypeError):
        return None
    if source.segments == 0:
        return None
    source.hasher = hasher
    if covered == len(raw):
        digest = hasher.hexdigest()
        for _kind, ctx, end, end_sha, has_moves, found in findings:
            if ctx == source.context and end == covered and end_sha == digest:
                source.findings = (bool(has_moves), tuple(found))
        return rows
    tail = _parse_tail(plan, path, raw[covered:]) if source.appendable else None
    if tail is None:
        return None
    hasher.update(memoryview(raw)[covered:])
    rows.extend(tail)
    _carry(store, source, rows, covered, tail)
    return rows


def _parse_tail(plan: LoadedPlan, path: Path, tail: bytes) -> list[Any] | None:
    """The new records at the end of the text, validated; None to go the full way."""
    if not _TAIL.fullmatch(tail):
        return None
    from zi_plan.schema import yamlio  # PyYAML: a warm command never parses YAML
    from zi_plan.schema.journal_checks import _validate_journal  # checking: only when the cache cannot vouch for the file (a warm command never validates)

    try:
        text = tail.decode("utf-8")
        with cache.loading():
            records = yamlio.parse(text)
        # The same checks as for the whole file; a problem is then reported
        # by the full check, with the line in the whole file.
        _validate_journal(path, text, {"journal": JOURNAL_VERSION, "plan": "", "records": records}, plan)
    except (UnicodeDecodeError, yamlio.YamlError, InvalidFile):
        return None
    if not isinstance(records, list):
        return None
    return [encode(r) for r in records]


def _full(plan: LoadedPlan, path: Path, raw: bytes, source: Source) -> list[Any]:
    """Parse and validate the whole journal."""
    from zi_plan.schema.journal_checks import checked_data  # checking: only when the cache cannot vouch for the file (a warm command never validates)

    text = decode_text(path, raw)
    with cache.loading():
        data = checked_data(path, text, plan, keep=encode)  # each record held as its row only
    source.hasher = hashlib.sha256(raw)
    source.appendable = _appendable(text)
    return list(data.get("records") or ())


def _appendable(text: str) -> bool:
    """Records can be added by appending, and the entries are at the margin."""
    found = APPENDABLE.search(text)
    if found is None or not text.endswith("\n"):
        return False
    for line in text[found.start() :].splitlines()[1:]:
        if line.strip() and not line.lstrip().startswith("#"):
            return line.startswith("-")
    return True


def _rewrite(store: cache.Store, source: Source, rows: list[Any]) -> None:
    """The journal's entry in one segment, covering the whole text."""
    assert source.entry is not None
    segment = store.segment(("journal", source.context, 0, len(source.raw), source.hasher.hexdigest(), source.appendable, rows))
    if segment is not None:
        store.write(source.entry, [segment])
        source.segments = 1


def _carry(store: cache.Store, source: Source, rows: list[Any], start: int, new_rows: list[Any]) -> None:
    """Add the records just read or written to the entry: one small segment, or
    the whole entry again once it has many."""
    assert source.entry is not None
    if source.segments >= MAX_SEGMENTS:
        _rewrite(store, source, rows)
        return
    segment = store.segment(("journal", source.context, start, len(source.raw), source.hasher.hexdigest(), source.appendable, new_rows))
    if segment is not None:
        store.append(source.entry, segment)
        source.segments += 1


def known_appendable(journal: Journal, raw: bytes) -> bool | None:
    """Whether ``raw`` ends in its records list, when the journal was loaded from this very text."""
    if isinstance(journal, LoadedJournal) and journal.source.raw == raw:
        return journal.source.appendable
    return None


def appended(journal: Journal, plan: LoadedPlan, raw: bytes, added: bytes, new: Sequence[Record | Any]) -> None:
    """``added`` (the text of ``new``) was appended to ``raw``: the journal and its cache move on."""
    journal.extend(new)
    store = cache.open_store() if plan.fingerprint else None
    if store is None:
        return
    if isinstance(journal, LoadedJournal) and journal.source.raw == raw and journal.source.segments:
        source = journal.source
        source.raw = raw + added
        source.hasher.update(added)
        _carry(store, source, journal.rows, len(raw), [encode(r.to_dict()) for r in new])
    elif not isinstance(journal, LoadedJournal) and len(journal.records) + len(journal.answers) == len(new):
        # The journal's first records: its whole text is what was just written.
        source = _source(store, plan, journal.path, raw + added)
        source.hasher.update(source.raw)
        source.appendable = _appendable(source.raw.decode("utf-8"))
        _rewrite(store, source, [encode(r.to_dict()) for r in new])
    if isinstance(journal, LoadedJournal) and journal.source.findings is not None and _clean(plan, journal, new):
        # Work recorded by zi for an action as the plan has it now adds no
        # finding and changes none: what was found still holds.
        remember_findings(journal, *journal.source.findings)


def _clean(plan: LoadedPlan, journal: Journal, new: Sequence[Record | Any]) -> bool:
    if getattr(journal, "has_moves", False):
        return False
    for record in new:
        if not isinstance(record, Record):
            continue  # an LKE answer: at the end, it adds no finding and moves none
        action = plan.by_id.get(record.action)
        if record.event not in WORK or action is None or record.month not in action.months:
            return False
        if record.fingerprint is not None and record.fingerprint != fingerprint(action):
            return False
    return True


# ---------------------------------------------------------------- findings


def cached_findings(journal: Journal) -> tuple[bool, tuple[Any, ...]] | None:
    """What zi_plan.store.amendments found in this journal's exact text before, if the cache knows."""
    return journal.source.findings if isinstance(journal, LoadedJournal) else None


def remember_findings(journal: Journal, has_moves: bool, found: tuple[Any, ...]) -> None:
    """Keep what zi_plan.store.amendments found (a year's journal takes a second or two to check)."""
    if not isinstance(journal, LoadedJournal) or journal.source.entry is None or not journal.source.segments:
        return
    source = journal.source
    assert source.entry is not None
    source.findings = (has_moves, tuple(found))
    store = cache.open_store()
    segment = None if store is None else store.segment(("findings", source.context, len(source.raw), source.hasher.hexdigest(), has_moves, tuple(found)))
    if store is not None and segment is not None:
        store.append(source.entry, segment)


def record_at(journal: Journal, index: int) -> Record:
    """One record, built alone when the journal has not built them all."""
    if isinstance(journal, LoadedJournal):  # its rows hold LKE answers too: ``index`` is a row's
        return decode(journal.rows[index])
    return journal.records[index]
