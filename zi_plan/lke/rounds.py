"""The evaluators' round: the TPI's answers beside the unit's, and the state of each question.

The unit's answers are ``answer`` records (zi_plan.lke.answers); the
evaluators' are ``review`` records of their own, with the round and the
reviewer, so that the unit's answers are never touched. A ``send`` record
says the unit's answers went to the evaluators in a round, a ``close``
record locks the round: a record after it belongs to the next round, so a
closed round is never edited. Rounds are told by the order of the records
in the journal (append-only), not by their times.

A question's state, from its latest records: ``draft`` (answered, not sent
since), ``sent``, ``revisi`` (the evaluator asks for a change), ``answered
again`` (answered after a review, not sent since) or ``accepted``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

from zi_plan.i18n import N_, _
from zi_plan.lke.answers import Answer
from zi_plan.lke.worksheet import AnswerValue, Question
from zi_plan.model.journal import Journal

Verdict = Literal["accepted", "revisi"]
State = Literal["draft", "sent", "revisi", "answered_again", "accepted"]
STATES: tuple[State, ...] = ("draft", "sent", "revisi", "answered_again", "accepted")
_STATE_WORDS = {"draft": N_("draft"), "sent": N_("sent"), "revisi": N_("revisi"), "answered_again": N_("answered again"), "accepted": N_("accepted")}


def state_label(state: str) -> str:
    return _(_STATE_WORDS.get(state, state))


def _time(value: Any) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else value


@dataclass(frozen=True)
class Review:
    """An evaluator's answer to one question in one round: a value (None: a note alone), a verdict, a note."""

    code: str
    round: int
    value: Optional[AnswerValue]
    status: Verdict
    at: dt.datetime
    by: str
    note: Optional[str] = None
    file: Optional[str] = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Review:
        return cls(data["lke"], data["round"], data.get("value"), data["status"], _time(data["at"]), data["by"], data.get("note"), data.get("file"))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"event": "review", "lke": self.code, "round": self.round}
        if self.value is not None:
            out["value"] = self.value
        out |= {"status": self.status, "at": self.at.isoformat(), "by": self.by}
        if self.note:
            out["note"] = self.note
        if self.file:
            out["file"] = self.file
        return out


@dataclass(frozen=True)
class RoundMark:
    """A round sent to the evaluators, or closed."""

    event: Literal["send", "close"]
    round: int
    at: dt.datetime
    by: str
    note: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"event": self.event, "round": self.round, "at": self.at.isoformat(), "by": self.by}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class QuestionState:
    code: str
    state: State
    answer: Optional[Answer]  # the unit's answer in force
    review: Optional[Review]  # the latest review

    def to_json(self) -> dict[str, Any]:
        r = self.review
        return {"code": self.code, "state": self.state, "unit": None if self.answer is None else self.answer.value,
                "tpi": None if r is None else r.value, "round": None if r is None else r.round,
                "note_tpi": None if r is None else r.note, "reviewer": None if r is None else r.by}  # fmt: skip


@dataclass
class Rounds:
    """Every LKE record of a journal read in order: the rounds, the reviews, the states."""

    closed: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)  # rounds with a send record
    reviews: list[Review] = field(default_factory=list)
    states: dict[str, QuestionState] = field(default_factory=dict)  # questions answered or reviewed, in journal order

    @property
    def current(self) -> int:
        """The open round: the one after the last closed."""
        return (max(self.closed) if self.closed else 0) + 1

    def latest_reviews(self, up_to: Optional[int] = None) -> dict[str, Review]:
        out: dict[str, Review] = {}
        for review in self.reviews:
            if up_to is None or review.round <= up_to:
                out[review.code] = review
        return out

    def tpi_values(self, up_to: Optional[int] = None) -> dict[str, AnswerValue]:
        """The evaluators' answers in force (a review with a note alone leaves the question unanswered)."""
        return {code: r.value for code, r in self.latest_reviews(up_to).items() if r.value is not None}

    def in_state(self, state: State) -> list[QuestionState]:
        return [s for s in self.states.values() if s.state == state]

    def counts(self) -> dict[str, int]:
        return {state: len(self.in_state(state)) for state in STATES}


def read_rounds(journal: Journal) -> Rounds:
    """The rounds of a journal's LKE records, in the order they were written."""
    out = Rounds()
    last_answer: dict[str, tuple[int, Answer]] = {}
    last_review: dict[str, tuple[int, Review]] = {}
    last_send = -1
    for index, row in enumerate(journal.answers):
        event = row.get("event")
        if event == "answer":
            answer = Answer.from_dict(row)
            last_answer[answer.code] = (index, answer)
        elif event == "review":
            review = Review.from_dict(row)
            out.reviews.append(review)
            last_review[review.code] = (index, review)
        elif event == "send":
            out.sent.append(row["round"])
            last_send = index
        elif event == "close":
            out.closed.append(row["round"])
    for code in dict.fromkeys([*last_answer, *last_review]):
        out.states[code] = _state(code, last_answer.get(code), last_review.get(code), last_send)
    return out


def _state(code: str, answered: Optional[tuple[int, Answer]], reviewed: Optional[tuple[int, Review]], sent: int) -> QuestionState:
    answer = answered[1] if answered else None
    review = reviewed[1] if reviewed else None
    a_at = answered[0] if answered else -1
    r_at = reviewed[0] if reviewed else -1
    state: State
    if r_at > a_at:
        state = "accepted" if review is not None and review.status == "accepted" else "revisi"
    elif sent > a_at:
        state = "sent"
    else:
        state = "answered_again" if review is not None else "draft"
    return QuestionState(code, state, answer, review)


# ---------------------------------------------------------------- reading an evaluator's file

ACCEPTED_WORDS = ("accepted", "diterima", "terima", "sesuai", "disetujui", "ok", "ya")
REVISI_WORDS = ("revisi", "direvisi", "revision", "perbaiki", "tidak sesuai")


@dataclass(frozen=True)
class ReviewEntry:
    """One row of an evaluator's file: the question, the TPI's answer (None: none given), the verdict, the note."""

    question: Question
    value: Optional[AnswerValue]
    status: Verdict
    note: Optional[str]


def parse_verdict(text: str) -> Optional[Verdict]:
    """'diterima', 'Accepted', 'revisi' ... as a verdict; None for an empty cell; ValueError otherwise."""
    word = " ".join(text.strip().lower().split())
    if not word:
        return None
    if word in ACCEPTED_WORDS:
        return "accepted"
    if word in REVISI_WORDS:
        return "revisi"
    raise ValueError(word)


def verdict(value: Optional[AnswerValue], note: Optional[str], given: Optional[Verdict], unit: Optional[AnswerValue]) -> Verdict:
    """The evaluator's verdict: as given, else read from the row: the unit's answer
    given back is accepted; another answer, or a note without one, asks for a change."""
    if given is not None:
        return given
    if value is not None and unit is not None and str(value).lower() == str(unit).lower():
        return "accepted"
    if value is None and not note:
        return "accepted"
    return "revisi"
