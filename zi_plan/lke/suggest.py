"""`zi lke score --suggest`: the moves worth most toward the gates not met, and what the progress
journal suggests for each question (shown, never recorded).

A move raises one scored question: an option question or a percentage to
full marks, a survey index (IPAK, IPKP) to the least that meets its gate.
Moves are ranked by the points they gain toward the gates the score does not
meet yet (those of the first predicate, WBK then WBBM, that fails; toward
the total when every gate is met); an area's gain counts in points of the
area, not in percent.

The journal's suggestion for an option question comes from the actions that
serve it: every occurrence due so far done with evidence suggests the best
option, none the worst, a share in between a middle one; a Ya/Tidak
question asks whether a thing exists, so one occurrence done with evidence
suggests Ya. A suggestion is never lower than the recorded answer when that
answer has evidence of its own. P.1.iii.a ("seluruh kegiatan pembangunan
sudah dilaksanakan sesuai dengan rencana") is read off the whole plan.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from zi_plan.i18n import _, decimal
from zi_plan.lke.answers import Answer, current
from zi_plan.lke.coverage import served_by
from zi_plan.lke.labels import gate_label
from zi_plan.lke.score import UNANSWERED, GateCheck, Valued, check_gates, question_values, read
from zi_plan.lke.worksheet import AnswerValue, Question, Worksheet
from zi_plan.model.journal import Journal
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import done_late, today

# Questions about the plan as a whole being carried out on schedule.
ON_SCHEDULE = ("P.1.iii.a",)


@dataclass(frozen=True)
class Move:
    code: str
    recorded: Optional[AnswerValue]  # the answer now (a percentage: its value 0-1)
    target: str  # what the move records: 'A', 'Ya', '100 %', '≥ 3.60'
    gain: float  # points toward the gates not met
    gates: dict[str, float] = field(default_factory=dict)  # gate id -> points
    suggested: Optional[str] = None  # what the journal supports now (an option key)
    basis: str = ""
    share: float = 0.0
    done: int = 0
    due: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "recorded": self.recorded, "target": self.target, "gain": round(self.gain, 4),
                "gates": {k: round(v, 4) for k, v in self.gates.items()}, "suggested": self.suggested, "basis": self.basis,
                "share": round(self.share, 4), "done": self.done, "due": self.due}  # fmt: skip


def as_of_month(plan: LoadedPlan) -> int:
    """Occurrences due so far: up to this month in the plan's year, all of a past year's, none of a future one."""
    now = today()
    if now.year > plan.year:
        return 12
    return now.month if now.year == plan.year else 0


def option_for(q: Question, share: float) -> Optional[str]:
    """The best option when all is done, the worst when nothing is, a middle one by the share (Ya when anything is)."""
    ranked = sorted(q.options, key=lambda o: -o.value)
    if share >= 1 or (share > 0 and len(ranked) == 2):
        return ranked[0].key
    if share <= 0:
        return ranked[-1].key
    middle = ranked[1:-1]
    return middle[min(len(middle) - 1, math.floor((1 - share) * len(middle)))].key


# ---------------------------------------------------------------- what the journal suggests


@dataclass(frozen=True)
class Progress:
    suggested: Optional[str]
    basis: str
    share: float = 0.0
    done: int = 0
    due: int = 0


def _progress(plan: LoadedPlan, journal: Journal, q: Question, served: dict[str, list[str]], month: int) -> Optional[Progress]:
    if q.code in ON_SCHEDULE:
        due = [(a.id, m) for a in plan.actions for m in a.months if m <= month]
        done = sum(journal.is_done(i, m) and not done_late(journal.occurrence(i, m), plan.year) for i, m in due)
        basis = _("{done} of {due} occurrences of the whole plan due so far done in their month")
    elif q.code in served:
        due = [(i, m) for i in served[q.code] for m in plan.by_id[i].months if m <= month]
        done = sum(journal.is_done(i, m) and bool(journal.occurrence(i, m).evidence) for i, m in due)
        basis = _("{done} of {due} occurrences of {actions} due so far done with evidence").replace("{actions}", ", ".join(served[q.code]))
    else:
        return None
    if not due:
        if q.code in ON_SCHEDULE:  # read off the whole plan, not the actions that serve it
            return Progress(None, _("no occurrence of the whole plan is due yet"))
        return Progress(None, _("no occurrence of {actions} is due yet").format(actions=", ".join(served[q.code])))
    share = done / len(due)
    return Progress(option_for(q, share), basis.format(done=done, due=len(due)), share, done, len(due))


def _supported(q: Question, progress: Optional[Progress], answer: Optional[Answer]) -> Progress:
    """The journal's suggestion, never below a recorded answer that has evidence of its own."""
    if answer is not None and answer.evidence and q.options:
        own = q.option(str(answer.value))
        if own is not None and (progress is None or progress.suggested is None or (q.option(progress.suggested) or own).value < own.value):
            basis = _("the recorded answer has evidence of its own ({n})").format(n=len(answer.evidence))
            return Progress(own.key, f"{progress.basis}; {basis}" if progress else basis, *(progress.share, progress.done, progress.due) if progress else ())
    if progress is not None:
        return progress
    if answer is not None and answer.routine:
        return Progress(None, _("answered from routine work outside the plan"))
    return Progress(None, _("no action serves it"))


# ---------------------------------------------------------------- moves


def _target(sheet: Worksheet, q: Question, failed: list[GateCheck]) -> Optional[tuple[str, Valued]]:
    """What a move records: full marks, or for a survey index the least that meets its gate."""
    if q.answer_type == "nilai_0_4":
        weight = q.weight or 1.0
        # Its own gate (IPAK, IPKP) first; a gate it shares (birokrasi bersih) only when its own is met.
        own = [c.min / weight for c in failed if _gate_questions(sheet, c.id) == (q.code,)]
        shared = [c.min / weight for c in failed if q.code in _gate_questions(sheet, c.id)]
        needs = own or shared
        if not needs:
            return None  # its gates are met: a survey result is not a thing to move
        value = min(1.0, max(needs))
        return "≥ " + decimal(value * sheet.scale_0_4, 2), Valued("value", value)
    if q.computed:
        return "100 %", Valued("value", 1.0)
    best = max(q.options, key=lambda o: o.value)
    return best.key, Valued("value", best.value)


def _gate_questions(sheet: Worksheet, gate_id: str) -> tuple[str, ...]:
    return next((g.questions for gates in sheet.gates.values() for g in gates if g.id == gate_id), ())


def _points(sheet: Worksheet, check: GateCheck, delta: float) -> float:
    if check.unit == "pct":
        return delta * sheet.area(int(check.id.split(":")[1])).weight / 100
    return delta


def moves(plan: LoadedPlan, journal: Journal, sheet: Worksheet, answers: Mapping[str, AnswerValue], as_of: Optional[int] = None) -> list[Move]:
    """Every move that gains points, the most toward the gates not met first (then in worksheet order)."""
    values = question_values(sheet, answers)
    base = read(sheet, values, strict=False)
    gates = check_gates(sheet, base, values)
    target = next((g for g in gates.values() if not g.passed), None)
    failed = [c for c in target.checks if not c.ok] if target else []
    served, recorded = served_by(plan), current(journal)
    month = as_of_month(plan) if as_of is None else as_of
    out = []
    for q in sheet.scored:
        now = values.get(q.code, UNANSWERED)
        goal = _target(sheet, q, failed)
        if goal is None or (now.value is not None and now.value >= goal[1].value):  # type: ignore[operator]
            continue
        moved = {**values, q.code: goal[1]}
        after = read(sheet, moved, strict=False)
        if target is None:
            gained = {"total": after.total - base.total}
        else:
            checks = {c.id: c for c in check_gates(sheet, after, moved)[target.predicate].checks}
            gained = {c.id: _points(sheet, c, checks[c.id].value - c.value) for c in failed if checks[c.id].value > c.value}
        progress = _supported(q, _progress(plan, journal, q, served, month) if q.options and q.part != "hasil" else None, recorded.get(q.code))
        basis = progress.basis if q.options and q.part != "hasil" else _basis(sheet, q, now)
        shown = None if now.value is None else (round(now.value, 4) if q.computed else answers.get(q.code))
        out.append(Move(q.code, shown, goal[0], sum(gained.values()), gained, progress.suggested, basis, progress.share, progress.done, progress.due))
    order = {q.code: i for i, q in enumerate(sheet.scored)}
    return sorted((m for m in out if m.gain > 1e-9), key=lambda m: (-round(m.gain, 6), order[m.code]))


def _basis(sheet: Worksheet, q: Question, now: Valued) -> str:
    if q.computed:
        state = _("now {pct} %").format(pct=decimal(100 * now.value, 0)) if now.value is not None else _("not all answered yet")
        return _("computed from its inputs {inputs}: {state}").format(inputs=", ".join(q.inputs), state=state)
    if q.answer_type == "nilai_0_4":
        return _("a survey result (a target, not an action): record the index when it is published")
    return _("a target of the hasil part, not an action")


def gate_words(move: Move) -> str:
    """'Area 2 +0.25, Pengungkit +0.25' for the table."""
    return ", ".join(f"{gate_label(g)} +{decimal(v, 2)}" for g, v in move.gates.items())
