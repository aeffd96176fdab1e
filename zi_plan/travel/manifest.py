"""A unit pack's manifest (``zi-unit.json``), and what makes two journal records the same record.

A record is the same record when it says the same thing: its action or LKE
question, month, event, time, author, note, evidence and the rest, compared
after normalising how the time is written. The fingerprint and indicator
are left out: a format-1 journal gains them when zi migrates it, and the
record is still the one that was sent. Two identical records in one journal
are two records: receiving compares positions, not sets (zi_plan.travel.receive).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.model.journal import Record, is_answer

NAME = "zi-unit.json"
FORMAT = 1
DERIVED = ("fingerprint", "indicator")  # added by a migration; not part of what a record says


def _at(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value.isoformat() if isinstance(value, (dt.datetime, dt.date)) else value


def normalised(row: dict[str, Any]) -> dict[str, Any]:
    """A journal row as zi would write it, without what a migration adds."""
    data = dict(row) if is_answer(row) else Record.from_dict(row).to_dict()
    data["at"] = _at(data.get("at"))
    for key in DERIVED:
        data.pop(key, None)
    return data


def identity(row: dict[str, Any]) -> str:
    text = json.dumps(normalised(row), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(identities: Sequence[str]) -> str:
    """One hash for a journal's first records, in order."""
    return hashlib.sha256("\n".join(identities).encode("ascii")).hexdigest()


@dataclass
class Member:
    """A file in the pack: its name in the zip, and what it must hash to."""

    member: str
    sha256: str
    size: int
    path: str | None = None  # an evidence file: its path in the evidence folder


@dataclass
class Manifest:
    unit: str
    year: int
    plan: Member
    made_at: str
    zi: str
    journal: Member | None = None
    records_from: int = 0  # the first record of the unit's journal in this pack
    records_to: int = 0  # one past the last: the unit's journal had this many records
    records_digest: str = ""  # zi_plan.travel.manifest.digest of records 0..records_to
    since_digest: str | None = None  # an incremental pack: the digest of records 0..records_from
    files: list[Member] = field(default_factory=list)
    sent: list[list[str]] = field(default_factory=list)  # [path, sha256] of every file sent so far, this pack's included

    @property
    def full(self) -> bool:
        return self.records_from == 0

    def to_json(self) -> bytes:
        data = {"zi_unit_pack": FORMAT, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def from_json(raw: bytes, where: str) -> Manifest:
    """The manifest, checked for shape; a ZiError saying the pack is damaged otherwise."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.pop("zi_unit_pack") != FORMAT:
            raise ZiError(_("{pack} is a unit pack of a format this zi does not know; update zi").format(pack=where))
        data["plan"] = Member(**data["plan"])
        data["journal"] = Member(**data["journal"]) if data.get("journal") else None
        data["files"] = [Member(**m) for m in data.get("files") or ()]
        manifest = Manifest(**data)
        _check_types(manifest)
    except ZiError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ZiError(_("{pack} is damaged: its manifest {name} cannot be read; nothing was changed").format(pack=where, name=NAME)) from None
    return manifest


def _check_types(manifest: Manifest) -> None:
    members = [manifest.plan, *([manifest.journal] if manifest.journal else []), *manifest.files]
    ok = (isinstance(manifest.unit, str) and isinstance(manifest.year, int)
          and all(isinstance(m.member, str) and isinstance(m.sha256, str) and len(m.sha256) == 64 and isinstance(m.size, int) for m in members)
          and 0 <= manifest.records_from <= manifest.records_to)  # fmt: skip
    if not ok:
        raise TypeError("manifest")
