"""The journal's schema (pydantic), used to check a journal file.

Only loaded when a journal's content has not been validated before; the
rest of zi works on the plain records of ``zi_plan.journal``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

Event = Literal["done", "undo", "evidence", "answer"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceModel(_Strict):
    """A stored file (path relative to the evidence folder, with its hash) or a link."""

    path: str | None = None
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    size: int | None = Field(default=None, ge=0)
    name: str | None = Field(default=None, description="The file's name when it was recorded.")
    url: str | None = None

    @model_validator(mode="after")
    def _file_or_link(self) -> EvidenceModel:
        if self.url is None and (self.path is None or self.sha256 is None or self.size is None):
            raise ValueError("evidence needs either 'url', or 'path', 'sha256' and 'size'")
        if self.url is not None and self.path is not None:
            raise ValueError("evidence is either a 'url' or a stored 'path', not both")
        return self


class RecordModel(_Strict):
    # done/undo/evidence name an occurrence (action, month); an LKE answer
    # (journal format 2) names a question (lke) and its value instead.
    action: str | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    lke: str | None = None
    value: StrictInt | StrictFloat | StrictStr | None = None
    event: Event
    at: dt.datetime
    by: str = Field(min_length=1)
    note: str | None = None
    evidence: list[EvidenceModel] = Field(default_factory=list)

    @model_validator(mode="after")
    def _occurrence_or_answer(self) -> RecordModel:
        if self.event == "answer":
            if self.lke is None or self.value is None or self.action is not None or self.month is not None:
                raise ValueError("an answer record needs 'lke' and 'value' (and no 'action' or 'month')")
        elif self.action is None or self.month is None or self.lke is not None or self.value is not None:
            raise ValueError(f"a '{self.event}' record needs 'action' and 'month' (and no 'lke' or 'value')")
        return self

    @model_validator(mode="after")
    def _aware(self) -> RecordModel:
        if self.at.tzinfo is None:
            raise ValueError("'at' needs a time zone, e.g. 2023-04-12T09:30:00+09:00")
        return self


class JournalFile(_Strict):
    journal: int = Field(description="Format version of the journal.")
    plan: str
    records: list[RecordModel] | None = None
