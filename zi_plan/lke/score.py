"""The worksheet's formula: question values, sub-areas, areas, parts, and the WBK/WBBM gates.

As in the official Excel, a sub-area scores AVERAGE(values of its answered
questions) × its weight: an unanswered question is left out, not counted as 0
(the ``answered`` reading). The ``strict`` reading counts it as 0. A
percentage question whose denominator is 0 has no value and is left out in
both readings, as the Excel's #DIV/0! is; the rules for that (and the one
exception, the discipline question) are in the worksheet data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.lke.worksheet import AnswerValue, Gate, Question, Worksheet

Status = Literal["value", "no_value", "unanswered"]


@dataclass(frozen=True)
class Valued:
    """What the answers make of one scored question: a value in [0, 1], no value (0/0), or nothing yet."""

    status: Status
    value: Optional[float] = None


UNANSWERED = Valued("unanswered")
NO_VALUE = Valued("no_value")


def question_value(sheet: Worksheet, question: Question, answers: Mapping[str, AnswerValue]) -> Valued:
    """The value of one scored question from the answers (its inputs' answers for a percentage question)."""
    if question.formula is not None:
        # Every input the worksheet asks for, even one its formula does not use
        # (R.3.iii.a.3, "telah diberikan sanksi"): a value from half the inputs
        # would score a question the evaluators would find incomplete.
        if any(code not in answers for code in question.inputs):
            return UNANSWERED
        return _formula_value(question, question.formula, answers)
    answer = answers.get(question.code)
    if answer is None:
        return UNANSWERED
    if question.answer_type == "nilai_0_4":
        return Valued("value", float(answer) / sheet.scale_0_4)
    option = question.option(str(answer))
    if option is None:  # answers are checked when recorded; this is a worksheet that changed under them
        raise ZiError(_("the answer '{value}' to {code} is not one of its options").format(value=answer, code=question.code))
    return Valued("value", option.value)


def _formula_value(question: Question, formula: dict[str, Any], answers: Mapping[str, AnswerValue]) -> Valued:
    kind = formula["type"]
    if kind == "ratio":
        needed = [*formula["numerator"], *formula["denominator"]]
        if any(code not in answers for code in needed):
            return UNANSWERED
        numerator = sum(float(answers[c]) for c in formula["numerator"])
        denominator = sum(float(answers[c]) for c in formula["denominator"])
        if denominator == 0:
            return NO_VALUE
        ratio = numerator / denominator
        return Valued("value", min(ratio, float(formula["cap"])) if "cap" in formula else ratio)
    if kind == "reduction":  # fewer cases than the year before: (before - after) / before, at least 0
        if formula["before"] not in answers or formula["after"] not in answers:
            return UNANSWERED
        before, after = float(answers[formula["before"]]), float(answers[formula["after"]])
        if before == 0:
            if after == 0 and "both_zero" in formula:
                return Valued("value", float(formula["both_zero"]))
            return NO_VALUE
        return Valued("value", max(0.0, (before - after) / before))
    raise ZiError(_("the LKE data gives {code} a formula zi does not know ('{kind}'); upgrade zi").format(code=question.code, kind=kind))


def question_values(sheet: Worksheet, answers: Mapping[str, AnswerValue]) -> dict[str, Valued]:
    """Every scored question's value, in worksheet order."""
    return {q.code: question_value(sheet, q, answers) for q in sheet.scored}


# ---------------------------------------------------------------- readings


@dataclass(frozen=True)
class AreaScore:
    no: int
    name: str
    weight: float  # pemenuhan + reform weights
    pemenuhan: float
    reform: float
    pemenuhan_pct: float  # of the half's weight
    reform_pct: float

    @property
    def score(self) -> float:
        return self.pemenuhan + self.reform

    @property
    def pct(self) -> float:
        return 100.0 * self.score / self.weight if self.weight else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"no": self.no, "name": self.name, "weight": self.weight, "pemenuhan": _r(self.pemenuhan),
                "reform": _r(self.reform), "score": _r(self.score), "pct": _r(self.pct)}  # fmt: skip


@dataclass(frozen=True)
class Reading:
    """The whole worksheet's score under one reading of unanswered questions."""

    pemenuhan: float
    reform: float
    hasil: float
    areas: list[AreaScore]
    sub_areas: dict[str, Optional[float]]  # None: no question of it has a value (Excel's #DIV/0!)

    @property
    def pengungkit(self) -> float:
        return self.pemenuhan + self.reform

    @property
    def total(self) -> float:
        return self.pengungkit + self.hasil

    def to_json(self) -> dict[str, Any]:
        return {"pemenuhan": _r(self.pemenuhan), "reform": _r(self.reform), "pengungkit": _r(self.pengungkit),
                "hasil": _r(self.hasil), "total": _r(self.total), "areas": [a.to_json() for a in self.areas],
                "sub_areas": {k: None if v is None else _r(v) for k, v in self.sub_areas.items()}}  # fmt: skip


def _r(x: float) -> float:
    return round(x, 4)


def read(sheet: Worksheet, values: Mapping[str, Valued], strict: bool) -> Reading:
    """Sub-areas, area halves, parts: ``strict`` counts an unanswered question as 0."""
    subs: dict[str, Optional[float]] = {}
    for sub in sheet.sub_areas.values():
        counted: list[tuple[float, float]] = []  # (value, the question's weight)
        for code in sub.questions:
            v = values.get(code, UNANSWERED)
            if v.status == "value":
                assert v.value is not None
                counted.append((v.value, sheet.by_code[code].weight or 0.0))
            elif v.status == "unanswered" and strict:
                counted.append((0.0, sheet.by_code[code].weight or 0.0))
        if not counted:
            subs[sub.code] = None
        elif sub.method == "average":
            subs[sub.code] = sum(value for value, _w in counted) / len(counted) * sub.weight
        else:
            subs[sub.code] = sum(value * weight for value, weight in counted)
    halves: dict[tuple[Optional[int], str], float] = {}
    for sub in sheet.sub_areas.values():
        key = (sub.area, sub.part)
        halves[key] = halves.get(key, 0.0) + (subs[sub.code] or 0.0)
    areas = []
    for area in sheet.areas:
        p, r = halves.get((area.no, "pemenuhan"), 0.0), halves.get((area.no, "reform"), 0.0)
        areas.append(AreaScore(area.no, area.name, area.weight, p, r, _pct(p, area.pemenuhan), _pct(r, area.reform)))
    return Reading(
        pemenuhan=sum(a.pemenuhan for a in areas), reform=sum(a.reform for a in areas),
        hasil=sum(v for (area, part), v in halves.items() if part == "hasil"), areas=areas, sub_areas=subs,
    )  # fmt: skip


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


# ---------------------------------------------------------------- gates


@dataclass(frozen=True)
class GateCheck:
    """One gate of a predicate: its id as in the JSON ('total', 'area:2', 'ipak' ...), the value and the minimum."""

    id: str
    value: float
    min: float
    missing: tuple[str, ...]  # unanswered questions that count towards it
    unit: Literal["points", "pct"] = "points"

    @property
    def ok(self) -> bool:
        # The worksheet rounds to two decimals; a 59.999 must not fail a 60.
        return round(self.value, 2) >= self.min

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "value": _r(self.value), "min": self.min, "pass": self.ok, "unit": self.unit, "missing": list(self.missing)}


@dataclass(frozen=True)
class GateResult:
    predicate: str  # WBK or WBBM
    checks: list[GateCheck]
    half_below: list[tuple[int, str, float]] = field(default_factory=list)  # (area, half, pct): warned, not gated

    @property
    def passed(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failed(self) -> list[str]:
        return [c.id for c in self.checks if not c.ok]

    def to_json(self) -> dict[str, Any]:
        return {"pass": self.passed, "failed": self.failed, "checks": [c.to_json() for c in self.checks],
                "half_below": [{"area": a, "half": h, "pct": _r(p)} for a, h, p in self.half_below]}  # fmt: skip


def check_gates(
    sheet: Worksheet, reading: Reading, values: Mapping[str, Valued], measures: Optional[Iterable[str]] = None
) -> dict[str, GateResult]:
    """Each predicate's gates on a reading (only the ``measures`` named, when given)."""
    wanted = set(measures) if measures is not None else None
    results = {}
    for predicate, gates in sheet.gates.items():
        checks: list[GateCheck] = []
        half_below: list[tuple[int, str, float]] = []
        for gate in gates:
            if wanted is not None and gate.measure not in wanted:
                continue
            checks.extend(_checks(sheet, gate, reading, values))
            if gate.measure == "area_pct":
                # One evaluation tool gates each half: warn where the area passes but a half would not.
                for a in (a for a in reading.areas if round(a.pct, 2) >= gate.min):
                    half_below += [(a.no, half, pct) for half, pct in (("pemenuhan", a.pemenuhan_pct), ("reform", a.reform_pct))
                                   if round(pct, 2) < gate.min]  # fmt: skip
        results[predicate] = GateResult(predicate, checks, half_below)
    return results


def _checks(sheet: Worksheet, gate: Gate, reading: Reading, values: Mapping[str, Valued]) -> list[GateCheck]:
    def missing(codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(c for c in codes if values.get(c, UNANSWERED).status == "unanswered")

    scored = sheet.scored
    if gate.measure == "total":
        return [GateCheck("total", reading.total, gate.min, missing(q.code for q in scored))]
    if gate.measure == "pengungkit":
        return [GateCheck("pengungkit", reading.pengungkit, gate.min, missing(q.code for q in scored if q.part != "hasil"))]
    if gate.measure == "area_pct":
        return [GateCheck(f"area:{a.no}", a.pct, gate.min, missing(q.code for q in scored if q.area == a.no), "pct") for a in reading.areas]
    value = 0.0
    for code in gate.questions:
        v = values.get(code, UNANSWERED)
        value += (v.value or 0.0) * (sheet.by_code[code].weight or 0.0)
    return [GateCheck(gate.id, value, gate.min, missing(gate.questions))]


# ---------------------------------------------------------------- the score


@dataclass(frozen=True)
class Score:
    values: dict[str, Valued]
    answered: Reading
    strict: Reading
    gates: dict[str, GateResult]  # on the answered reading, as the evaluators' Excel

    def to_json(self) -> dict[str, Any]:
        return {
            "answered": self.answered.to_json(),
            "strict": self.strict.to_json(),
            "gates": {name: g.to_json() for name, g in self.gates.items()},
            "questions": {code: {"status": v.status, "value": None if v.value is None else _r(v.value)} for code, v in self.values.items()},
        }


def score(sheet: Worksheet, answers: Mapping[str, AnswerValue]) -> Score:
    """The worksheet's score for a set of answers (code -> option key, count or index)."""
    values = question_values(sheet, answers)
    answered = read(sheet, values, strict=False)
    return Score(values, answered, read(sheet, values, strict=True), check_gates(sheet, answered, values))
