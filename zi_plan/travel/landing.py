"""Receiving a unit pack: check everything, then write under the journal's lock, or nothing.

The order of writes is evidence files, the plan (when the parent has none),
then the journal: each file atomically, and a failure half-way takes out
what this receive added (a file already there is never touched). The
journal is written last, so that no record is ever at the parent without
its files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import zipfile
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_target, atomic_write, ensure_writable
from zi_plan.fs.fsguard import write_error
from zi_plan.fs.jail import Refused, check_folder
from zi_plan.i18n import _
from zi_plan.model.journal import Record, is_answer
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.evidence import discard, sha256_of
from zi_plan.store.journal import append_records, load_journal, lock
from zi_plan.store.workspace import journal_paths
from zi_plan.travel import manifest as mf
from zi_plan.travel import receive as rc

CHUNK = 1 << 20


def receive(pack: Path, given: str | None = None, here: Path | None = None) -> rc.Received:
    """Receive ``pack`` into the parent's folder ``here`` (default: the current folder)."""
    archive, made = rc.open_pack(pack)
    with archive:
        rc.check_members(archive, made, pack)
        folder = rc.unit_folder(made.unit, given, here or Path.cwd())
        text, plan = rc.plan_in_pack(archive, made, pack)
        name = Path(made.plan.member).name
        rows = rc.journal_in_pack(archive, made, pack, plan)
        ensure_writable(folder / "plans")
        journal_path = folder / "plans" / rc.journal_name(name)
        from filelock import Timeout  # filelock: for writers only

        writers = lock(journal_path)
        try:
            writers.acquire()
        except Timeout:
            raise ZiError(_("another zi is writing {path} and did not finish within a minute; try again").format(path=journal_path)) from None
        try:
            return _land(archive, made, folder, name, text, plan, rows)
        finally:
            writers.release()


def _land(archive: zipfile.ZipFile, made: mf.Manifest, folder: Path, name: str, text: str, plan: LoadedPlan, rows: list[dict[str, Any]]) -> rc.Received:
    """Under the lock: what the parent lacks, checked once more, then written."""
    from zi_plan.store.plans import load_plan  # the parent's copy, loaded under the lock

    copy = rc.parent_plan(folder, name, text, plan, made.unit)
    target = folder / "plans" / name
    result = rc.Received(made.unit, folder, target, plan_added=copy is None)
    parent = load_plan(copy) if copy is not None else None
    existing = _parent_rows(parent) if parent is not None else []
    new = rc.new_records(rows, made, existing, made.unit)
    result.records, result.records_known = len(new), len(rows) - len(new)
    evidence_dir = journal_paths(dataclasses.replace(plan, path=target))[1]
    wanted = _files_to_add(made, evidence_dir, result)
    created: list[Path] = []
    try:
        for member in wanted:
            _extract(archive, member, evidence_dir, created)
            result.files.append(member.path or "")
            result.bytes += member.size
        if copy is None:
            atomic_write(target, text.encode("utf-8"))
            created.append(target)
        _write_journal(archive, made, target, existing, new)
    except OSError as exc:
        discard(created)
        raise write_error(exc.filename or folder, exc, _("nothing was changed")) from None
    except BaseException:
        discard(created)
        raise
    return result


def _parent_rows(parent: LoadedPlan) -> list[dict[str, Any]]:
    from zi_plan.schema.journal_checks import checked_data  # checking: only the commands that receive
    from zi_plan.store.plans import read_bytes  # the parent's journal, read whole under the lock

    path = journal_paths(parent)[0]
    if not path.exists():
        return []
    return list(checked_data(path, read_bytes(path).decode("utf-8-sig"), parent).get("records") or ())


def _files_to_add(made: mf.Manifest, evidence_dir: Path, result: rc.Received) -> list[mf.Member]:
    """The pack's files the parent lacks; a different file where one would go refuses the whole pack."""
    wanted = []
    for member in made.files:
        target = evidence_dir / (member.path or "")
        if not target.exists() and not target.is_symlink():
            wanted.append(member)
            continue
        try:
            found = sha256_of(target)[0] if target.is_file() and not target.is_symlink() else None
        except OSError:
            found = None
        if found != member.sha256:
            raise ZiError(_("{path} is at the parent already with other content; receiving would overwrite it; nothing was changed").format(path=target))
        result.files_known += 1
    return wanted


def _extract(archive: zipfile.ZipFile, member: mf.Member, evidence_dir: Path, created: list[Path]) -> None:
    target = evidence_dir / (member.path or "")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        check_folder(evidence_dir, target.parent)  # a planted link in the parent's store leads nothing out of it
    except Refused as exc:
        raise ZiError(_("cannot receive {path}: {why}; nothing was changed").format(path=member.path, why=exc.why)) from None
    with atomic_target(target) as staged:
        digest = hashlib.sha256()
        with archive.open(member.member) as source, staged.tmp.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != member.sha256:  # the zip changed under us since it was checked
            raise ZiError(_("{member} changed while it was received; nothing was changed").format(member=member.member))
    created.append(target)


def _write_journal(archive: zipfile.ZipFile, made: mf.Manifest, plan_path: Path, existing: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    from zi_plan.store.plans import load_plan  # the parent's copy, as it is now on disk

    if not new:
        return
    parent = load_plan(plan_path)
    journal_path = journal_paths(parent)[0]
    if not existing and made.full and made.journal is not None and not journal_path.exists():
        # The unit's journal as it wrote it: comments, layout and all.
        atomic_write(journal_path, archive.read(made.journal.member))
        return
    journal = load_journal(parent)
    append_records(journal, parent, [rc.Carried(r) if is_answer(r) else Record.from_dict(r) for r in new])
