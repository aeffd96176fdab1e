"""The unit's score beside the evaluators' (`zi lke score --compare`): totals, areas, gates, and
the questions where they differ, the most points first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

from zi_plan.lke.score import UNANSWERED, Score, Valued, read, score
from zi_plan.lke.worksheet import AnswerValue, Worksheet


@dataclass(frozen=True)
class Difference:
    code: str
    unit: Optional[AnswerValue]  # the answer (for a percentage question: its value, 0-1)
    tpi: Optional[AnswerValue]
    points: float  # what the evaluator's answer here alone does to the unit's total (answered reading)
    note: Optional[str]  # the evaluator's

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "unit": self.unit, "tpi": self.tpi, "points": round(self.points, 4), "note_tpi": self.note}


@dataclass(frozen=True)
class Comparison:
    unit: Score
    tpi: Score
    differences: list[Difference]

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit.to_json(), "tpi": self.tpi.to_json(), "differences": [d.to_json() for d in self.differences]}


def _shown(sheet: Worksheet, code: str, answers: Mapping[str, AnswerValue], valued: Valued) -> Optional[AnswerValue]:
    if sheet.by_code[code].computed:
        return None if valued.value is None else round(valued.value, 4)
    return answers.get(code)


def compare(sheet: Worksheet, unit: Mapping[str, AnswerValue], tpi: Mapping[str, AnswerValue], notes: Mapping[str, Optional[str]]) -> Comparison:
    """Both scores, and each scored question whose value differs, by the points at stake."""
    mine, theirs = score(sheet, unit), score(sheet, tpi)
    differences = []
    for q in sheet.scored:
        a, b = mine.values.get(q.code, UNANSWERED), theirs.values.get(q.code, UNANSWERED)
        if a == b:
            continue
        swapped = dict(mine.values)
        swapped[q.code] = b
        points = read(sheet, swapped, strict=False).total - mine.answered.total
        note = notes.get(q.code) or next((notes.get(c) for c in q.inputs if notes.get(c)), None)
        differences.append(Difference(q.code, _shown(sheet, q.code, unit, a), _shown(sheet, q.code, tpi, b), points, note))
    differences.sort(key=lambda d: -abs(d.points))
    return Comparison(mine, theirs, differences)
