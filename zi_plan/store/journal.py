"""The journal file: loading it (through the cache), appending records atomically, its lock.

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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from zi_plan.fs.fsguard import check_lock_path, write_error
from zi_plan.fs.permissions import new_file_mode
from zi_plan.fs.sharing import file_mode
from zi_plan.i18n import _
from zi_plan.model.fingerprint import migrated
from zi_plan.model.journal import JOURNAL_VERSION, Journal, Record, replay
from zi_plan.model.plan import LoadedPlan
from zi_plan.store import amendments, journal_cache
from zi_plan.store.workspace import journal_paths

if TYPE_CHECKING:
    from pathlib import Path

    from filelock import FileLock  # filelock: for writers only


def load_journal(plan: LoadedPlan) -> Journal:
    """The plan's journal, checked against the plan; an empty one if none exists yet.

    What was validated before comes from the cache, and only records
    appended since are parsed (see zi_plan.store.journal_cache).
    """

    path, evidence_dir = journal_paths(plan)
    if not path.exists():
        return Journal(path, evidence_dir, [], {})
    journal = journal_cache.load_journal(plan, path, evidence_dir)

    amendments.reconcile(plan, journal)  # what the plan, perhaps amended, no longer matches
    return journal


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

_UPGRADED = """\
# Format {old} until {day}: format {new} adds the evaluators' rounds (review, send
# and close records); the records above are unchanged.
"""

# The `journal:` line of a format-2 journal, alone on its line at the margin.
_VERSION_LINE = re.compile(rb"^journal:[ \t]*2[ \t]*(#[^\n]*)?\n", re.MULTILINE)

def record_to_yaml(record: Record | dict[str, Any] | Any) -> str:
    import yaml  # PyYAML: a warm command never parses YAML

    return yaml.safe_dump([record if isinstance(record, dict) else record.to_dict()], allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def append_records(journal: Journal, plan: LoadedPlan, new: Sequence[Record | Any]) -> None:
    """Add records (and LKE answers) to the journal file atomically (the caller holds the lock), and to ``journal``."""
    try:
        _append_records(journal, plan, new)
    except OSError as exc:  # disk full, read-only ...: the old journal is intact
        raise write_error(journal.path, exc, _("nothing was recorded")) from None


def _append_records(journal: Journal, plan: LoadedPlan, new: Sequence[Record | Any]) -> None:
    import json  # json: for writers only

    from zi_plan.fs.files import atomic_write  # for writers only: kept off the start-up of reading commands

    path = journal.path
    # The name as a JSON string is a valid YAML scalar whatever it contains.
    header = _HEADER.format(plan=json.dumps(plan.path.name, ensure_ascii=False), version=JOURNAL_VERSION)
    raw = path.read_bytes() if path.exists() else header.encode("utf-8")
    if journal.version < JOURNAL_VERSION and not (journal.version == 2 and _VERSION_LINE.search(raw) and _appendable(journal, raw)):
        _migrate(journal, plan, header, new)
        return
    added = _added(raw, new)
    if journal.version == 2:
        # Format 2 -> 3 changes no record: only the version line (and a comment)
        # changes, so that the file's comments and layout stay as they are.
        note = _UPGRADED.format(old=2, new=JOURNAL_VERSION, day=dt.date.today().isoformat())
        atomic_write(path, _VERSION_LINE.sub(f"{note}journal: {JOURNAL_VERSION}\n".encode(), raw, count=1) + added)
        journal.version = JOURNAL_VERSION
        journal.extend(new)
    elif _appendable(journal, raw):
        atomic_write(path, raw + added)
        journal_cache.appended(journal, plan, raw, added, new)
    else:
        # Hand-edited so that `records:` is not last (or is `records: []`):
        # write the whole file again in the usual layout.
        text = header + "".join(record_to_yaml(r) for r in [*journal.records, *journal.answers, *new])
        atomic_write(path, text.encode("utf-8"))
        journal.extend(new)


def _appendable(journal: Journal, raw: bytes) -> bool:
    # Whether the text ends in its `records:` list is known from the cache
    # for the text the journal was loaded from; a search through a big
    # journal's text would cost more than the rest of `zi done`.
    appendable = journal_cache.known_appendable(journal, raw)
    if appendable is None:
        appendable = bool(journal_cache.APPENDABLE.search(raw.decode("utf-8-sig")))
    return appendable


def _added(raw: bytes, new: Sequence[Record | Any]) -> bytes:
    added = "".join(record_to_yaml(r) for r in new).encode("utf-8")
    return b"\n" + added if raw and not raw.endswith(b"\n") else added


def _migrate(journal: Journal, plan: LoadedPlan, header: str, new: Sequence[Record | Any]) -> None:
    """Format 1 (or a format 2 that cannot be appended to) -> 3, once, by writing the whole journal again.

    The old records get the fingerprints of the plan as it is today, the
    best knowledge there is of what they were made for; a comment says so.
    """
    from zi_plan.fs.files import atomic_write  # the atomic writers pull tempfile and shutil (~6 ms): for writers only, off the reading path

    day = dt.date.today().isoformat()
    if journal.version == 1:
        records, note = migrated(plan, journal.records), _MIGRATED.format(version=1, day=day)
    else:  # format 2, hand-edited so that it cannot simply be appended to
        records, note = journal.records, _UPGRADED.format(old=journal.version, new=JOURNAL_VERSION, day=day)
    text = header.replace("journal:", note + "journal:", 1) + "".join(record_to_yaml(r) for r in [*records, *journal.answers, *new])
    atomic_write(journal.path, text.encode("utf-8"))
    journal.records = records
    journal.occurrences = replay(records)
    journal.extend(new)
    journal.version = JOURNAL_VERSION


def lock(journal_path: Path, timeout: float = 60.0) -> FileLock:
    """The lock that serialises writers of one journal (and its evidence)."""
    from filelock import FileLock  # filelock: for writers only


    # A hidden name: the lock file stays after release, and nobody should commit it.
    # It is shared by every account that writes the journal: the umask's mode
    # (filelock 3 would make it 0644, locking the group out).
    path = journal_path.with_name(f".{journal_path.name}.lock")
    check_lock_path(path)
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
