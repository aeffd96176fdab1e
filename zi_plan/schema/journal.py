"""The journal's schema (pydantic): what a journal file must hold.

A journal is checked with the pydantic-core schema these models compile to,
stored in ``zi_plan/schema/core.py`` (see zi_plan.schema.validators); the rules
that span several fields are the plain functions of ``zi_plan.schema.journal_rules``.
The rest of zi works on the plain records of ``zi_plan.model.journal``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, model_validator

from zi_plan.schema import journal_rules

Event = Literal["done", "undo", "evidence", "accept", "move", "replace", "restore", "answer", "review", "send", "close"]
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

    _file_or_link = model_validator(mode="after")(journal_rules.file_or_link)


class RecordModel(_Strict):
    # Every event names an action, except an LKE answer, which names a
    # question (lke) and its value instead.
    action: str | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    lke: str | None = None
    value: StrictInt | StrictFloat | StrictStr | None = None
    event: Event
    moved_from: str | None = Field(default=None, alias="from", description="move: the id the records came from.")
    at: Annotated[dt.datetime, BeforeValidator(journal_rules.written_out), AfterValidator(journal_rules.zoned)]
    by: str = Field(min_length=1)
    note: Optional[str] = None
    # Format 2: what the action read when the record was made (see zi_plan.store.amendments).
    fingerprint: str | None = Fingerprint
    indicator: str | None = None
    accepted: str | None = Field(default=None, pattern=r"^[0-9a-f]{12}$", description="accept: the old fingerprint.")
    evidence: list[EvidenceModel] = Field(default_factory=list)
    # Format 3: the evaluators' round (zi_plan.lke.rounds).
    round: int | None = Field(default=None, ge=1, description="review, send, close: the round of the evaluation.")
    status: Literal["accepted", "revisi"] | None = Field(default=None, description="review: the evaluator accepts the answer, or asks for a change.")
    file: str | None = Field(default=None, description="review: the file the evaluator's answers were imported from.")
    routine: bool | None = Field(default=None, description="answer: answered from routine work outside the plan.")
    replaces: list[EvidenceModel] = Field(default_factory=list, description="Format 2: stored files a replace withdraws, or the damaged copy a restore set aside.")

    _aware = model_validator(mode="after")(journal_rules.aware)
    _event_fields = model_validator(mode="after")(journal_rules.event_fields)


class JournalFile(_Strict):
    journal: int = Field(description="Format version of the journal.")
    plan: str
    records: Optional[list[RecordModel]] = None
