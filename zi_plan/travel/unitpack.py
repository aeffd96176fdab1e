"""`zi unit pack`: the unit's plan, journal and named evidence in one zip for its parent.

The zip holds ``plan/NAME``, ``journal/NAME`` and ``evidence/PATH`` for each
stored file a record names (the store's own layout), and ``zi-unit.json``:
each member's sha256 and size, the unit's code, the year, and how many
journal records the pack covers. With ``--since-pack`` it holds only the
records after those of the earlier pack, and the files that no earlier pack
of the chain sent. Files are hashed again as they are packed; a file missing
here is taken from the evidence store when one is named. Written atomically:
a failed pack leaves no zip behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from zi_plan import __version__
from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_target
from zi_plan.fs.fsguard import write_error
from zi_plan.fs.jail import Refused, open_stored
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.fallback import Fallback
from zi_plan.store.plans import read_bytes
from zi_plan.store.workspace import journal_paths
from zi_plan.travel import manifest as mf

CHUNK = 1 << 20


@dataclass
class UnitPack:
    manifest: mf.Manifest
    from_store: int = 0  # files taken from the evidence store, missing here
    problems: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return self.manifest.records_to - self.manifest.records_from

    @property
    def bytes(self) -> int:
        return sum(m.size for m in self.manifest.files)


def default_name(unit: str, year: int) -> str:
    return f"unit-{unit}-{year}-{dt.date.today():%Y%m%d}.zip"


def journal_rows(plan: LoadedPlan) -> tuple[bytes, dict[str, Any]]:
    """The journal's bytes and checked data, read once (what is packed is what was checked)."""
    from zi_plan.schema.journal_checks import checked_data  # checking: only the commands that pack or receive

    path, _evidence = journal_paths(plan)
    if not path.exists():
        return b"", {}
    raw = read_bytes(path)
    return raw, checked_data(path, raw.decode("utf-8-sig"), plan)


def named_files(rows: list[dict[str, Any]]) -> list[tuple[str, str, int | None]]:
    """(path, sha256, size) of each stored file the rows name, once each, in order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for row in rows:
        for entry in [*(row.get("evidence") or ()), *(row.get("replaces") or ())]:
            path, sha = entry.get("path"), entry.get("sha256")
            if path and sha and (path, sha) not in seen:
                seen.add((path, sha))
                out.append((path, sha, entry.get("size")))
    return out


def earlier(since: Path, unit: str, plan: LoadedPlan) -> mf.Manifest:
    """The manifest of the pack an incremental pack follows."""
    try:
        with zipfile.ZipFile(since) as archive:
            found = mf.from_json(archive.read(mf.NAME), str(since))
    except KeyError:
        raise ZiError(_("{pack} is not a zi unit pack (it has no {name})").format(pack=since, name=mf.NAME)) from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise ZiError(_("cannot read {pack}: {why}").format(pack=since, why=exc)) from None
    if found.unit != unit or found.year != plan.year:
        raise ZiError(_("{pack} is unit {unit}'s pack for {year}, not this plan's ({mine}, {year_now})").format(
            pack=since, unit=found.unit, year=found.year, mine=unit, year_now=plan.year))  # fmt: skip
    return found


def build_unit_pack(plan: LoadedPlan, unit: str, target: Path, since: Path | None = None, fallback: Fallback | None = None) -> UnitPack:
    """Write the unit pack to ``target`` atomically."""
    raw, data = journal_rows(plan)
    rows = list(data.get("records") or ())
    ids = [mf.identity(r) for r in rows]
    before = earlier(since, unit, plan) if since is not None else None
    start = before.records_to if before else 0
    if before is not None and (start > len(ids) or mf.digest(ids[:start]) != before.records_digest):
        raise ZiError(_("the journal's first {n} records are not those {pack} sent (the journal was rewritten since): make a full pack, without --since-pack").format(
            n=start, pack=since))  # fmt: skip
    sent = {(p, s) for p, s in (before.sent if before else ())}
    plan_raw = read_bytes(plan.path)
    made = mf.Manifest(unit=unit, year=plan.year, plan=_member(f"plan/{plan.path.name}", plan_raw), made_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                       zi=__version__, records_from=start, records_to=len(ids), records_digest=mf.digest(ids),
                       since_digest=before.records_digest if before else None)  # fmt: skip
    journal_path, evidence_dir = journal_paths(plan)
    result = UnitPack(made)
    try:
        with atomic_target(target) as staged, zipfile.ZipFile(staged.tmp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr(made.plan.member, plan_raw)
            if rows:
                text = raw if start == 0 else _tail(data, rows[start:], journal_path.name)
                made.journal = _member(f"journal/{journal_path.name}", text)
                archive.writestr(made.journal.member, text)
            for path, sha, size in named_files(rows):
                if (path, sha) in sent:
                    continue
                member = _pack_file(archive, evidence_dir, path, sha, size, fallback, result)
                if member is not None:
                    made.files.append(member)
            if result.problems:
                raise ZiError("\n".join([*result.problems, _("the pack was not written: put these files back (zi evidence restore, zi evidence pull) and pack again")]))
            made.sent = sorted([list(p) for p in sent] + [[m.path or "", m.sha256] for m in made.files])
            archive.writestr(mf.NAME, made.to_json())
    except OSError as exc:
        raise write_error(target, exc) from None
    return result


def _member(name: str, data: bytes) -> mf.Member:
    return mf.Member(name, hashlib.sha256(data).hexdigest(), len(data))


def _tail(data: dict[str, Any], rows: list[dict[str, Any]], name: str) -> bytes:
    """A journal of the new records alone, valid on its own (the same header as the unit's)."""
    from zi_plan.store.journal import record_to_yaml  # PyYAML: only the commands that pack

    head = f"journal: {data.get('journal', 2)}\nplan: {json.dumps(data.get('plan') or name, ensure_ascii=False)}\nrecords:\n"
    return (head + "".join(record_to_yaml(r) for r in rows)).encode("utf-8")


def _pack_file(archive: zipfile.ZipFile, evidence_dir: Path, path: str, sha: str, size: int | None,
               fallback: Fallback | None, result: UnitPack) -> mf.Member | None:  # fmt: skip
    """One stored file into the zip, hashed on the way in; None (and a problem) when it cannot be."""
    name = f"evidence/{path}"
    try:
        with open_stored(evidence_dir, path) as source:
            return _copy(archive, source, name, path, sha, result)
    except Refused as exc:
        result.problems.append(f"{path}: {exc.why}")
        return None
    except FileNotFoundError:
        pass
    if fallback is None:
        result.problems.append(_("{path}: missing (no evidence store is named to take it from)").format(path=path))
        return None
    try:
        with fallback.fetched(sha, size) as copy, copy.open("rb") as source:
            member = _copy(archive, source, name, path, sha, result)
    except ZiError as exc:
        result.problems.append(_("{path}: missing here, and {why}").format(path=path, why=exc.message))
        return None
    result.from_store += 1
    return member


def _copy(archive: zipfile.ZipFile, source: BinaryIO, name: str, path: str, sha: str, result: UnitPack) -> mf.Member | None:
    st = os.fstat(source.fileno())
    info = zipfile.ZipInfo(name, date_time=time.localtime(max(st.st_mtime, 315532800))[:6])
    info.compress_type = zipfile.ZIP_STORED  # photos, PDFs and office files are compressed already
    info.file_size = st.st_size  # lets zipfile choose ZIP64 for a big file
    digest, size = hashlib.sha256(), 0
    with archive.open(info, "w") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha:
        result.problems.append(_("{path}: changed since it was recorded (sha256 now {found}…); see zi verify").format(path=path, found=digest.hexdigest()[:12]))
        return None
    return mf.Member(name, sha, size, path)
