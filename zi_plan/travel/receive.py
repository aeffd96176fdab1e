"""`zi unit receive`: a unit's pack into the parent's folder, all or nothing.

Every member is hashed against the manifest before anything changes. The
unit's folder is units.yaml's (else ``units/CODE/``); its plan must be the
parent's copy, or there must be none yet. Journal records are positions in
the unit's journal: the parent holds the first M; a pack of records K..N
adds those past M when K <= M (the overlap must be the same records), adds
nothing when N <= M (received before), and is refused when K > M (an
earlier pack is missing). So the same pack twice, or an old pack after a
newer one, changes nothing; a newer one first is refused and can be
received after the one before it.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.fs.jail import path_problem
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.workspace import journal_file_name, plans_in
from zi_plan.travel import manifest as mf
from zi_plan.travel import plancompare, units

CHUNK = 1 << 20


class Carried(NamedTuple):
    """A journal row carried over as the unit wrote it (an LKE answer keeps its mapping)."""

    row: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return mf.normalised(self.row) | {k: self.row[k] for k in mf.DERIVED if k in self.row}


@dataclass
class Received:
    unit: str
    folder: Path
    plan: Path
    plan_added: bool = False
    records: int = 0  # added to the parent's journal
    records_known: int = 0  # in the pack, and at the parent already
    files: list[str] = field(default_factory=list)  # added
    files_known: int = 0
    bytes: int = 0


# ---------------------------------------------------------------- the pack, checked


def open_pack(pack: Path) -> tuple[zipfile.ZipFile, mf.Manifest]:
    try:
        archive = zipfile.ZipFile(pack)
    except FileNotFoundError:
        raise ZiError(_("{pack} does not exist").format(pack=pack)) from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise ZiError(_("{pack} is not a zip file or is damaged ({why}); nothing was changed").format(pack=pack, why=exc)) from None
    try:
        raw = archive.read(mf.NAME)
    except KeyError:
        archive.close()
        raise ZiError(_("{pack} is not a zi unit pack (it has no {name}); nothing was changed").format(pack=pack, name=mf.NAME)) from None
    except (OSError, zipfile.BadZipFile) as exc:
        archive.close()
        raise ZiError(_("{pack} is damaged ({why}); nothing was changed").format(pack=pack, why=exc)) from None
    return archive, mf.from_json(raw, str(pack))


def check_members(archive: zipfile.ZipFile, made: mf.Manifest, pack: Path) -> None:
    """Every member the manifest lists is there, whole, with its size and sha256."""
    members = [made.plan, *([made.journal] if made.journal else []), *made.files]
    for member in members:
        if member.path is not None and path_problem(member.path):
            raise ZiError(_("{pack} is damaged: {why}; nothing was changed").format(pack=pack, why=path_problem(member.path)))
        try:
            with archive.open(member.member) as source:
                digest, size = hashlib.sha256(), 0
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except KeyError:
            raise ZiError(_("{pack} is incomplete: {member} is missing from it; nothing was changed").format(pack=pack, member=member.member)) from None
        except (OSError, zipfile.BadZipFile, EOFError) as exc:  # a bad CRC, a cut-off file
            raise ZiError(_("{pack} is damaged: {member}: {why}; nothing was changed").format(pack=pack, member=member.member, why=exc)) from None
        if digest.hexdigest() != member.sha256 or size != member.size:
            raise ZiError(_("{pack} is damaged: {member} does not have the sha256 and size its manifest gives; nothing was changed").format(
                pack=pack, member=member.member))  # fmt: skip


# ---------------------------------------------------------------- where it goes


def unit_folder(code: str, given: str | None, here: Path) -> Path:
    """units.yaml's folder for the unit (it must be listed), else units/CODE here."""
    if given is not None and given.strip() != code:
        raise ZiError(_("this pack is unit {code}'s, not {given}'s; nothing was changed").format(code=code, given=given.strip()))
    return units.unit_folder_of(code, here)[0]


def plan_in_pack(archive: zipfile.ZipFile, made: mf.Manifest, pack: Path) -> tuple[str, LoadedPlan]:
    """The pack's plan, checked as any plan is (a problem names the pack and the member)."""
    from zi_plan.model.plan import build_plan  # the views: only once the plan is checked
    from zi_plan.store.plans import check_text  # checking: only the commands that receive

    text = archive.read(made.plan.member).decode("utf-8-sig")
    where = f"{pack}:{made.plan.member}"
    data, problems = check_text(where, text)
    if problems:
        raise InvalidFile(problems)
    plan = build_plan(Path(made.plan.member), data)
    if plan.year != made.year:
        raise ZiError(_("{pack} is damaged: its manifest says {year}, its plan {plan_year}; nothing was changed").format(
            pack=pack, year=made.year, plan_year=plan.year))  # fmt: skip
    return text, plan


def parent_plan(folder: Path, name: str, text: str, plan: LoadedPlan, code: str) -> Path | None:
    """The parent's copy of the unit's plan (None: none yet); refused when it is another plan."""
    from zi_plan.store.plans import load_plan  # the parent's copy: loaded only to compare

    plans = folder / "plans"
    for other in plans_in(plans):
        if other.name == name:
            continue
        theirs = load_plan(other)
        if theirs.year != plan.year:
            raise ZiError(_("this pack is unit {code}'s for {year}, but the parent holds its plan for {other_year} ({path}); nothing was changed").format(
                code=code, year=plan.year, other_year=theirs.year, path=other))  # fmt: skip
        raise ZiError(_("the parent holds another plan for unit {code}: {path}; nothing was changed").format(code=code, path=other))
    copy = plans / name
    if not copy.exists():
        return None
    if copy.read_bytes().decode("utf-8-sig") != text:
        differences = plancompare.differences(load_plan(copy), plan)
        if differences:
            shown = "\n".join(f"  {d}" for d in differences[:12])
            more = len(differences) - 12
            extra = "\n  " + _("... and {n} more").format(n=more) if more > 0 else ""
            raise ZiError(_("the plan in this pack differs from the parent's copy {path}:\n{differences}{more}\nnothing was changed; the unit and the parent must agree on the plan first").format(
                path=copy, differences=shown, more=extra))  # fmt: skip
    return copy


def journal_in_pack(archive: zipfile.ZipFile, made: mf.Manifest, pack: Path, plan: LoadedPlan) -> list[dict[str, Any]]:
    from zi_plan.schema.journal_checks import checked_data  # checking: only the commands that receive

    if made.journal is None:
        rows: list[dict[str, Any]] = []
    else:
        text = archive.read(made.journal.member).decode("utf-8-sig")
        rows = list(checked_data(Path(f"{pack}:{made.journal.member}"), text, plan).get("records") or ())
    if len(rows) != made.records_to - made.records_from:
        raise ZiError(_("{pack} is damaged: its journal holds {n} records, its manifest says {expected}; nothing was changed").format(
            pack=pack, n=len(rows), expected=made.records_to - made.records_from))  # fmt: skip
    if made.full and mf.digest([mf.identity(r) for r in rows]) != made.records_digest:
        raise ZiError(_("{pack} is damaged: its journal is not the one its manifest describes; nothing was changed").format(pack=pack))
    return rows


def journal_name(plan_name: str) -> str:
    return journal_file_name(Path(plan_name))


def new_records(pack_rows: list[dict[str, Any]], made: mf.Manifest, parent_rows: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    """The rows of the pack the parent lacks (see the module's docstring)."""
    have = [mf.identity(r) for r in parent_rows]
    start, end, known = made.records_from, made.records_to, len(have)
    if start > known:
        raise ZiError(_("this pack holds unit {code}'s records {first} to {last}, but the parent has only its first {known}: receive the pack made before it first (or ask the unit for a full pack: zi unit pack); nothing was changed").format(
            code=code, first=start + 1, last=end, known=known))  # fmt: skip
    if made.since_digest is not None and mf.digest(have[:start]) != made.since_digest:
        raise ZiError(_("the parent's copy of unit {code}'s journal differs from the unit's in its first {n} records; nothing was changed").format(code=code, n=start))
    mine = [mf.identity(r) for r in pack_rows]
    overlap = min(end, known) - start
    if have[start : start + overlap] != mine[:overlap]:
        raise ZiError(_("the parent's copy of unit {code}'s journal differs from the records in this pack; nothing was changed").format(code=code))
    return pack_rows[overlap:]
