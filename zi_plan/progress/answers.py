"""Recording the office's LKE answers in the progress journal (`zi lke answer`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from zi_plan.lke.answers import Answer
from zi_plan.lke.worksheet import AnswerValue, Question
from zi_plan.model.journal import Journal
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import now
from zi_plan.progress.recording import author, writing
from zi_plan.store import evidence as store
from zi_plan.store.journal import append_records


def evidence_folder(code: str) -> Path:
    """Where an answer's files go in the evidence store: LKE/<code>/."""
    return Path("LKE", code)


def record_answers(
    plan: LoadedPlan,
    entries: Sequence[tuple[Question, AnswerValue, Optional[str]]],
    *,
    evidence: Sequence[str] = (),
    by: Optional[str] = None,
) -> tuple[list[Answer], Journal]:
    """Record answers (all or none); ``evidence`` goes with each of them."""

    sources = store.parse_sources(list(evidence))
    with writing(plan) as journal:
        at, who = now(), author(plan, by)
        answers: list[Answer] = []
        created: list[Path] = []
        try:
            for q, value, note in entries:
                stored = tuple(store.store_in(journal, evidence_folder(q.code), s, created) for s in sources)
                answers.append(Answer(q.code, value, at, who, note.strip() if note and note.strip() else None, stored))
            append_records(journal, plan, answers)
        except BaseException:
            # Nothing half-done: no stored file stays without its record.
            store.discard(created)
            raise
    return answers, journal
