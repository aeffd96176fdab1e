"""Recording the LKE in the progress journal: the office's answers (`zi lke answer`), the
evaluators' reviews (`zi lke review import`), and a round sent or closed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Optional

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.lke.answers import Answer, current
from zi_plan.lke.rounds import Review, ReviewEntry, RoundMark, Rounds, read_rounds
from zi_plan.lke.worksheet import AnswerValue, Question
from zi_plan.model.journal import EvidenceEntry, Journal
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import now
from zi_plan.progress.recording import author, writing
from zi_plan.store import evidence as store
from zi_plan.store.journal import append_records

EvidenceMode = Literal["keep", "replace", "withdraw"]


def evidence_folder(code: str) -> Path:
    """Where an answer's files go in the evidence store: LKE/<code>/."""
    return Path("LKE", code)


def record_answers(
    plan: LoadedPlan,
    entries: Sequence[tuple[Question, AnswerValue, Optional[str]]],
    *,
    evidence: Sequence[str] = (),
    by: Optional[str] = None,
    routine: Optional[bool] = None,
    mode: EvidenceMode = "keep",
) -> tuple[list[Answer], Journal]:
    """Record answers (all or none); ``evidence`` goes with each of them.

    Answering again keeps the earlier answer's evidence (``mode`` "keep"),
    unless the new evidence replaces it ("replace") or it is withdrawn
    ("withdraw"); ``routine`` None keeps the earlier answer's mark."""
    if mode == "replace" and not evidence:
        raise ZiError(_("--replace-evidence needs the new evidence: give --evidence FILE or LINK"), exit_code=2)
    if mode == "withdraw" and evidence:
        raise ZiError(_("--withdraw-evidence records the answer without evidence: give no --evidence with it"), exit_code=2)
    sources = store.parse_sources(list(evidence))
    with writing(plan) as journal:
        at, who = now(), author(plan, by)
        earlier = current(journal)
        answers: list[Answer] = []
        created: list[Path] = []
        try:
            for q, value, note in entries:
                before = earlier.get(q.code)
                stored = tuple(store.store_in(journal, evidence_folder(q.code), s, created) for s in sources)
                kept = _kept(before.evidence if before and mode == "keep" else (), stored)
                mark = routine if routine is not None else bool(before and before.routine)
                answers.append(Answer(q.code, value, at, who, note.strip() if note and note.strip() else None, kept, mark))
            append_records(journal, plan, answers)
        except BaseException:
            # Nothing half-done: no stored file stays without its record.
            store.discard(created)
            raise
    return answers, journal


def _kept(earlier: tuple[EvidenceEntry, ...], new: tuple[EvidenceEntry, ...]) -> tuple[EvidenceEntry, ...]:
    """The earlier evidence, then the new, each once (the same file stored again is the same entry)."""
    seen = {(e.path, e.url, e.sha256) for e in earlier}
    return (*earlier, *(e for e in new if (e.path, e.url, e.sha256) not in seen))


# ---------------------------------------------------------------- the evaluators' round


def record_reviews(plan: LoadedPlan, entries: Sequence[ReviewEntry], *, reviewer: str, file: Optional[str], round_no: Optional[int] = None) -> tuple[list[Review], Journal]:
    """Record an evaluator's reviews in the open round (all or none); a closed round is refused."""
    with writing(plan) as journal:
        rounds = read_rounds(journal)
        chosen = rounds.current if round_no is None else round_no
        check_open(rounds, chosen)
        at = now()
        reviews = [Review(e.question.code, chosen, e.value, e.status, at, reviewer.strip(), e.note, file) for e in entries]
        append_records(journal, plan, reviews)
    return reviews, journal


def check_open(rounds: Rounds, round_no: int) -> None:
    """A review goes to the open round only: a closed one is never edited, a later one is not open yet."""
    if round_no in rounds.closed:
        raise ZiError(_("round {round} is closed: its reviews cannot change. The open round is {current}; write a new sheet for it (zi lke sheet)").format(
            round=round_no, current=rounds.current))  # fmt: skip
    if round_no != rounds.current:
        raise ZiError(_("round {round} is not open: the open round is {current}").format(round=round_no, current=rounds.current))


def mark_round(plan: LoadedPlan, event: Literal["send", "close"], *, by: Optional[str] = None, note: Optional[str] = None) -> tuple[RoundMark, Rounds, Journal]:
    """Record that the open round's answers were sent to the evaluators, or close the round."""
    with writing(plan) as journal:
        rounds = read_rounds(journal)
        if event == "close" and not journal.answers:
            raise ZiError(_("nothing to close: no answer or review is recorded yet"))
        if event == "close" and journal.answers[-1].get("event") == "close":  # a second close by mistake would open an empty round
            raise ZiError(_("round {round} has nothing to close: nothing was answered, sent or reviewed since round {last} was closed").format(
                round=rounds.current, last=rounds.current - 1))  # fmt: skip
        if event == "send" and not current(journal):
            raise ZiError(_("nothing to send: no answer is recorded yet (zi lke answer)"))
        mark = RoundMark(event, rounds.current, now(), author(plan, by), note.strip() if note and note.strip() else None)
        append_records(journal, plan, [mark])
    return mark, rounds, journal
