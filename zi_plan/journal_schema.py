"""The journal's schema (pydantic), used to check a journal file.

Only loaded when a journal's content has not been validated before; the
rest of zi works on the plain records of ``zi_plan.journal``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, field_validator, model_validator

from zi_plan.i18n import _

Event = Literal["done", "undo", "evidence", "accept", "move", "replace", "restore", "answer"]
Fingerprint = Field(default=None, pattern=r"^[0-9a-f]{12}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceModel(_Strict):
    """A stored file (path relative to the evidence folder, with its hash) or a link."""

    path: Optional[str] = None
    sha256: Optional[str] = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    size: Optional[int] = Field(default=None, ge=0)
    name: Optional[str] = Field(default=None, description="The file's name when it was recorded.")
    url: Optional[str] = None

    @model_validator(mode="after")
    def _file_or_link(self) -> EvidenceModel:
        if self.url is None and (self.path is None or self.sha256 is None or self.size is None):
            raise ValueError(_("evidence needs either 'url', or 'path', 'sha256' and 'size'"))
        if self.url is not None and self.path is not None:
            raise ValueError(_("evidence is either a 'url' or a stored 'path', not both"))
        return self


class RecordModel(_Strict):
    # Every event names an action, except an LKE answer, which names a
    # question (lke) and its value instead.
    action: str | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    lke: str | None = None
    value: StrictInt | StrictFloat | StrictStr | None = None
    event: Event
    moved_from: str | None = Field(default=None, alias="from", description="move: the id the records came from.")
    at: dt.datetime
    by: str = Field(min_length=1)
    note: Optional[str] = None
    # Format 2: what the action read when the record was made (see zi_plan.amend).
    fingerprint: str | None = Fingerprint
    indicator: str | None = None
    accepted: str | None = Field(default=None, pattern=r"^[0-9a-f]{12}$", description="accept: the old fingerprint.")
    evidence: list[EvidenceModel] = Field(default_factory=list)
    replaces: list[EvidenceModel] = Field(default_factory=list, description="Format 2: stored files a replace withdraws, or the damaged copy a restore set aside.")

    @field_validator("at", mode="before")
    @classmethod
    def _written_out(cls, value: object) -> object:
        # pydantic would take a number as seconds since 1970, and zi would
        # then find a number where it expects a time.
        if isinstance(value, (int, float)):
            raise ValueError("'at' must be a date and time, e.g. 2023-04-12T09:30:00+09:00, not a number")
        return value

    @model_validator(mode="after")
    def _aware(self) -> RecordModel:
        if self.at.tzinfo is None:
            raise ValueError(_("'at' needs a time zone, e.g. 2023-04-12T09:30:00+09:00"))
        if self.event == "replace" and not (self.evidence and self.replaces):
            raise ValueError(_("a 'replace' record needs the new 'evidence' and the stored files it 'replaces'"))
        if self.event == "restore" and not any(e.path for e in self.evidence):
            raise ValueError(_("a 'restore' record needs the stored file it put back in 'evidence'"))
        if self.replaces and self.event not in ("replace", "restore"):
            raise ValueError(_("only 'replace' and 'restore' records have 'replaces'"))
        return self

    @model_validator(mode="after")
    def _event_fields(self) -> RecordModel:
        if self.event == "answer":
            if self.lke is None or self.value is None or self.action is not None or self.month is not None:
                raise ValueError(_("an answer record needs 'lke' and 'value' (and no 'action' or 'month')"))
            return self
        if self.event == "restore" and self.lke is not None:  # an answer's stored file put back
            if self.action is not None or self.month is not None or self.value is not None:
                raise ValueError(_("a 'restore' of an answer's file needs 'lke' (and no 'action', 'month' or 'value')"))
            return self
        if self.action is None or self.lke is not None or self.value is not None:
            raise ValueError(_("a '{event}' record needs 'action' (and no 'lke' or 'value')").format(event=self.event))
        if self.event in ("done", "undo", "evidence", "replace", "restore") and self.month is None:
            raise ValueError(_("a '{event}' record needs 'month'").format(event=self.event))
        if self.event == "move" and not self.moved_from:
            raise ValueError(_("a 'move' record needs 'from', the id its records came from"))
        if self.event == "accept" and not (self.accepted and self.fingerprint):
            raise ValueError(_("an 'accept' record needs 'accepted' and 'fingerprint'"))
        return self


class JournalFile(_Strict):
    journal: int = Field(description="Format version of the journal.")
    plan: str
    records: Optional[list[RecordModel]] = None
