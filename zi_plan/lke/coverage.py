"""Which LKE questions a plan serves, and the best score that leaves within reach.

The plan's ceiling is the score if every question an action serves scored
full marks, every question answered from routine work outside the plan
(``zi lke answer ... --routine``) scored as answered, and every other scored
0 (the strict reading): what the plan can earn at most if nothing is added
to it. It leaves out routine work not marked so, and the hasil part (the
IPAK and IPKP surveys, capaian kinerja), which no action serves: those are
targets, shown as such, and the gates that rest on them are not the plan's
to decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Optional

from zi_plan.lke.score import UNANSWERED, GateResult, Reading, Valued, check_gates, question_value, read
from zi_plan.lke.worksheet import AnswerValue, Question, SubArea, Worksheet, load_worksheet
from zi_plan.model.plan import LoadedPlan

# The gates a plan's actions decide; the others (total, hasil) rest on the surveys.
PLAN_MEASURES = ("pengungkit", "area_pct")


def worksheet_for(plan: LoadedPlan) -> Worksheet:
    """The worksheet the plan names (``lke: YEAR``), else the newest bundled."""
    return load_worksheet(plan.lke_year)


def served_by(plan: LoadedPlan) -> dict[str, list[str]]:
    """LKE code -> the ids of the actions that serve it, in plan order."""
    out: dict[str, list[str]] = {}
    for action in plan.actions:
        for code in action.lke:
            out.setdefault(code, []).append(action.id)
    return out


@dataclass(frozen=True)
class Coverage:
    sheet: Worksheet
    served: dict[str, list[str]]
    ceiling: Reading
    gates: dict[str, GateResult]
    routine: dict[str, Valued]  # questions answered from routine work outside the plan (and not served)

    @property
    def left_out(self) -> list[str]:
        """The gates the plan does not decide: they rest on the hasil part."""
        decided = {c.id.split(":")[0] for g in self.gates.values() for c in g.checks}
        return list(dict.fromkeys(g.id for gates in self.sheet.gates.values() for g in gates if g.id not in decided and g.measure != "area_pct"))

    @property
    def scored(self) -> list[Question]:
        return self.sheet.scored

    @property
    def covered(self) -> list[Question]:
        return [q for q in self.scored if q.code in self.served]

    @property
    def pengungkit(self) -> list[Question]:
        """The questions an action can serve (the hasil part is targets)."""
        return [q for q in self.scored if q.part != "hasil"]

    @property
    def uncovered(self) -> list[Question]:
        """Questions neither served nor answered from routine work, the heaviest first: what one more action could gain."""
        missing = [q for q in self.pengungkit if q.code not in self.served and q.code not in self.routine]
        return sorted(missing, key=lambda q: -gain(self.sheet, q))

    @property
    def targets(self) -> list[Question]:
        return [q for q in self.scored if q.part == "hasil"]

    def to_json(self) -> dict[str, Any]:
        c = self.ceiling.to_json()
        return {
            "worksheet": self.sheet.year,
            "scored": len(self.scored),
            "covered": len(self.covered),
            "routine": sorted(self.routine),
            "ceiling": {k: c[k] for k in ("pemenuhan", "reform", "pengungkit", "areas")},
            "gates": {name: g.to_json() for name, g in self.gates.items()},
            "gates_left_out": self.left_out,
            "targets": {q.code: target_text(self.sheet, q) for q in self.targets},
            "sub_areas": [self._sub_area(s) for s in self.sheet.sub_areas.values()],
            "uncovered": [{"code": q.code, "weight": round(gain(self.sheet, q), 4), "question": q.text} for q in self.uncovered],
            "served_by": self.served,
        }


    def _sub_area(self, s: SubArea) -> dict[str, Any]:
        return {"code": s.code, "name": s.name, "area": s.area, "part": s.part,
                "served": [q for q in s.questions if q in self.served],
                "unserved": [q for q in s.questions if q not in self.served]}  # fmt: skip


def gain(sheet: Worksheet, question: Question) -> float:
    """What serving (and fully earning) this question adds in the strict reading: its share of its sub-area."""
    return question.weight or 0.0


def coverage(sheet: Worksheet, plan: LoadedPlan, answers: Optional[Mapping[str, AnswerValue]] = None, routine: Iterable[str] = ()) -> Coverage:
    """The plan's ceiling; ``routine`` names the questions answered from routine work (their values from ``answers``)."""
    served = {code: ids for code, ids in served_by(plan).items() if code in sheet.by_code and sheet.by_code[code].part != "hasil"}
    marked = set(routine)
    known = {q.code: question_value(sheet, q, answers or {}) for q in sheet.scored if q.code not in served and q.part != "hasil"
             and (q.code in marked or any(i in marked for i in q.inputs))}  # fmt: skip
    routine_values = {code: v for code, v in known.items() if v.status != "unanswered"}
    values = {q.code: (Valued("value", 1.0) if q.code in served else routine_values.get(q.code, UNANSWERED)) for q in sheet.scored}
    ceiling = read(sheet, values, strict=True)
    return Coverage(sheet, served, ceiling, check_gates(sheet, ceiling, values, PLAN_MEASURES), routine_values)


def target_text(sheet: Worksheet, q: Question) -> dict[str, str]:
    """A hasil question's target per predicate: the least answer that meets its own gate ('≥ 3.60', 'C')."""
    out = {}
    for predicate, gates in sheet.gates.items():
        for gate in gates:
            if gate.measure == "questions" and gate.questions == (q.code,) and q.weight:
                need = gate.min / q.weight
                if q.options:
                    fit = [o for o in q.options if o.value >= need - 1e-9]
                    out[predicate] = min(fit, key=lambda o: o.value).key if fit else "-"
                else:
                    out[predicate] = f"{need * sheet.scale_0_4:.2f}"
    return out
