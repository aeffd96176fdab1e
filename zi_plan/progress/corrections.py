"""Correcting the evidence store: replace a wrong file, restore a damaged one.

Nothing is ever deleted without a record. A replacement is a journal record
(``replace``) that names the new file and the stored file it withdraws, both
with their hashes; the withdrawn file stays in the store for history. A
restore puts the recorded content back under its recorded path, only when
the file offered has the recorded hash; a damaged copy found there is kept
beside it and named in the ``restore`` record.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_target
from zi_plan.fs.fsguard import reason
from zi_plan.fs.jail import Refused, locate
from zi_plan.fs.sharing import make_folders
from zi_plan.i18n import _, month_name
from zi_plan.lke.answers import AnswerRestore
from zi_plan.model.fingerprint import stamped
from zi_plan.model.journal import EvidenceEntry, Journal, Record
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import check_month, now
from zi_plan.progress.recording import author, may_write, not_scheduled, writing
from zi_plan.store.evidence import copy_hashing, discard, parse_sources, sha256_of, store, stored_state
from zi_plan.store.journal import append_records


@dataclass(frozen=True)
class Correction:
    """What a replace or restore did: the record written (None when nothing was needed)."""

    record: Record | AnswerRestore | None
    journal: Journal
    old: EvidenceEntry
    new: EvidenceEntry | None = None


def _same_stored(journal: Journal, entry: EvidenceEntry, text: str) -> bool:
    """Does ``text`` name this stored file: its path in the store, or a path to it from here?"""
    assert entry.path is not None
    cleaned = text.strip().replace("\\", "/")
    if cleaned == entry.path:
        return True
    try:
        return Path(text).expanduser().resolve() == (journal.evidence_dir / entry.path).resolve()
    except OSError:
        return False


def _matches(journal: Journal, entry: EvidenceEntry, text: str) -> bool:
    if entry.path is None:
        return text.strip() == entry.url
    name = PurePosixPath(entry.path).name
    return _same_stored(journal, entry, text) or text.strip() in (name, entry.name)


def replace(plan: LoadedPlan, action_id: str, month: int, old: str, new: str, *,
            note: str | None = None, by: str | None = None) -> Correction:  # fmt: skip
    """Withdraw the stored evidence ``old`` of an occurrence and keep ``new`` instead."""
    may_write(plan)  # before the id or the month is checked against a plan nobody chose
    action = plan.action(action_id)
    check_month(month)
    if month not in action.months:
        raise not_scheduled(action, month)
    (source,) = parse_sources([new])
    with writing(plan) as journal:
        occ = journal.occurrence(action.id, month)
        when = f"{action.id} {month_name(month)} {plan.year}"
        found = [e for _r, e in occ.evidence if _matches(journal, e, old)]
        if not found:
            if any(_matches(journal, w.entry, old) for w in occ.withdrawn):
                raise ZiError(_("{old} was already withdrawn from {when}; nothing recorded").format(old=old, when=when))
            current = ", ".join(e.path or e.url or "" for _r, e in occ.evidence) or _("none")
            raise ZiError(_("{when} has no evidence {old}; its evidence now: {current} (as zi show {id} prints it)").format(
                when=when, old=old, current=current, id=action.id))  # fmt: skip
        if len({(e.path, e.url) for e in found}) > 1:
            names = ", ".join(e.path or e.url or "" for e in found)
            raise ZiError(_("{old} names more than one file of {when}: {names}; give the stored path").format(old=old, when=when, names=names))
        old_entry = found[0]
        if source.file is not None and old_entry.path is not None and sha256_of(source.file, source=True)[0] == old_entry.sha256:
            if stored_state(journal, old_entry)[0] == "ok":
                raise ZiError(_("{new} has the same content as the stored {old}; nothing to replace").format(new=new, old=old_entry.path))
            raise ZiError(_("{new} is the recorded content of {old}: put it back with zi evidence restore {old} {new}").format(new=new, old=old_entry.path))
        created: list[Path] = []
        try:
            new_entry = store(journal, action, month, plan.year, source, created)
            record = stamped(Record(action=action.id, month=month, event="replace", at=now(), by=author(plan, by),
                                    note=note.strip() if note and note.strip() else None,
                                    evidence=(new_entry,), replaces=(old_entry,)), action)  # fmt: skip
            append_records(journal, plan, [record])
        except BaseException:
            discard(created)  # no stored file stays without its record
            raise
    return Correction(record, journal, old_entry, new_entry)


def restore(plan: LoadedPlan, stored: str, file: str, *, note: str | None = None, by: str | None = None) -> Correction:
    """Put ``file`` back as the stored ``stored``, when its hash is the recorded one."""
    may_write(plan)
    (source,) = parse_sources([file])
    if source.file is None:
        raise ZiError(_("restore needs a file, and {value} is a link").format(value=file), exit_code=2)
    try:
        sha, _size = sha256_of(source.file, source=True)  # a link to the copy is read as zi done reads one
    except OSError as exc:
        raise ZiError(_("{file} cannot be read: {reason}; nothing restored").format(file=file, reason=reason(exc))) from None
    with writing(plan) as journal:
        named = [(r, e) for r in journal.records if r.event != "restore" for e in r.evidence
                 if e.path is not None and _same_stored(journal, e, stored)]  # fmt: skip
        # An LKE answer's files (LKE/CODE/...), superseded answers' too: their history stays restorable.
        named += [(a["lke"], e) for a in journal.answers if a.get("event") == "answer"
                  for e in map(_entry, a.get("evidence") or ()) if e.path is not None and _same_stored(journal, e, stored)]  # fmt: skip
        if not named:
            raise ZiError(_("no record names a stored file {path}; zi show ID lists an action's stored files").format(path=stored))
        owner, entry = named[-1]
        assert entry.path is not None and entry.sha256 is not None
        if sha != entry.sha256:
            raise ZiError(_("{file} is not the recorded file: its sha256 is {found}…, the journal recorded {expected}… for {path}; nothing restored").format(
                file=file, found=sha[:12], expected=entry.sha256[:12], path=entry.path))  # fmt: skip
        state, found = stored_state(journal, entry)
        if state == "ok":
            return Correction(None, journal, entry)
        if state not in ("missing", "changed"):  # outside the evidence folder, or not a plain file
            raise ZiError(_("{path} is not a file in the evidence folder; nothing restored").format(path=entry.path))
        try:
            full = locate(journal.evidence_dir, entry.path)  # inside the store, even after links
        except Refused as exc:
            raise ZiError(_("{why}; nothing restored").format(why=exc.why)) from None
        aside = _put_back(source.file, full, entry.sha256, found if state == "changed" else None)
        set_aside: tuple[EvidenceEntry, ...] = ()
        if aside is not None:
            assert found is not None
            set_aside = (EvidenceEntry(path=aside.relative_to(journal.evidence_dir).as_posix(), sha256=found,
                                       size=aside.stat().st_size, name=full.name),)  # fmt: skip
        done = _restore_record(owner, entry, set_aside, note, author(plan, by))
        append_records(journal, plan, [done])
    return Correction(done, journal, entry)


def _entry(data: dict[str, Any]) -> EvidenceEntry:
    return EvidenceEntry(**data)


def _restore_record(owner: Record | str, entry: EvidenceEntry, set_aside: tuple[EvidenceEntry, ...],
                    note: str | None, by: str) -> Record | AnswerRestore:  # fmt: skip
    """The ``restore`` record: of the action's occurrence, or of the answer's question (``owner`` its code)."""
    note = note.strip() if note and note.strip() else None
    if isinstance(owner, Record):
        return Record(action=owner.action, month=owner.month, event="restore", at=now(), by=by, note=note,
                      evidence=(entry,), replaces=set_aside)  # fmt: skip
    return AnswerRestore(owner, now(), by, note, (entry,), set_aside)


def _set_aside(full: Path, found: str | None) -> Path:
    """Move a damaged copy out of the way, under a name that says what it is."""
    base = f"{full.name}.damaged-{(found or '')[:12]}"
    aside, n = full.with_name(base), 1
    while aside.exists():
        n += 1
        aside = full.with_name(f"{base}-{n}")
    os.replace(full, aside)
    return aside


def _put_back(source: Path, full: Path, expected: str, damaged: str | None) -> Path | None:
    """Copy ``source`` in as ``full``, atomically; a damaged copy there (sha256
    ``damaged``) is set aside only once the new copy is whole. Returns where."""
    aside = None
    try:
        make_folders(full.parent)
        with atomic_target(full) as staged:
            # The bytes put back are hashed as they are copied: a file changed since it was checked is not restored.
            if copy_hashing(source, staged.tmp)[0] != expected:
                raise ZiError(_("{file} changed while it was being copied; nothing restored").format(file=source))
            if damaged is not None:
                aside = _set_aside(full, damaged)
    except OSError as exc:
        raise ZiError(_("could not store {file} in {folder}: {reason}; nothing was recorded").format(
            file=source, folder=full.parent, reason=reason(exc))) from None  # fmt: skip
    return aside
