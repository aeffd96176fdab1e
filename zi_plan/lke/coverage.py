"""Which LKE questions a plan serves, and the best score that leaves within reach.

The ceiling is the score if every served question scored full marks and
every unserved one scored 0 (the strict reading): what the plan can earn at
most if nothing is added to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zi_plan.lke.score import UNANSWERED, GateResult, Reading, Valued, check_gates, read
from zi_plan.lke.worksheet import Question, SubArea, Worksheet, load_worksheet
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

    @property
    def scored(self) -> list[Question]:
        return self.sheet.scored

    @property
    def covered(self) -> list[Question]:
        return [q for q in self.scored if q.code in self.served]

    @property
    def uncovered(self) -> list[Question]:
        """Unserved questions, the heaviest first: what one more action could gain."""
        missing = [q for q in self.scored if q.code not in self.served]
        # The plan's own questions first (the hasil part rests on surveys, not actions).
        return sorted(missing, key=lambda q: (q.part == "hasil", -gain(self.sheet, q)))

    def to_json(self) -> dict[str, Any]:
        c = self.ceiling.to_json()
        return {
            "worksheet": self.sheet.year,
            "scored": len(self.scored),
            "covered": len(self.covered),
            "ceiling": {k: c[k] for k in ("pemenuhan", "reform", "pengungkit", "areas")},
            "gates": {name: g.to_json() for name, g in self.gates.items()},
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


def coverage(sheet: Worksheet, plan: LoadedPlan) -> Coverage:
    served = {code: ids for code, ids in served_by(plan).items() if code in sheet.by_code}
    values = {q.code: (Valued("value", 1.0) if q.code in served else UNANSWERED) for q in sheet.scored}
    ceiling = read(sheet, values, strict=True)
    return Coverage(sheet, served, ceiling, check_gates(sheet, ceiling, values, PLAN_MEASURES))
