"""The worksheet (LKE) as data: questions, sub-areas, areas, gates.

Everything the scoring needs — option values, weights, the formula of each
percentage question, the WBK/WBBM thresholds — is read from the bundled data
file ``data/lke-YEAR.json``, so that a new worksheet is a new data file, not
new code. The texts are kept verbatim (typos included): they must match the
evaluators' copy.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.lke.bundled import DATA_DIR, available_years, close_codes, default_year, is_scored, missing_year, read

__all__ = ["DATA_DIR", "Worksheet", "available_years", "build_worksheet", "default_year", "load_worksheet", "suggest_codes"]

Part = Literal["pemenuhan", "reform", "hasil"]
AnswerValue = Union[str, int, float]  # an option key, a count, or a survey index


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    value: float


@dataclass(frozen=True)
class Question:
    """One entry of the worksheet: a scored question, or a count input of a percentage question."""

    code: str
    part: Part
    area: Optional[int]  # 1..6; None for the hasil part
    sub_area: str
    text: str
    criteria: Optional[str]
    answer_type: str  # ya_tidak, abc, abcd, abcde, persen, jumlah, nilai_0_4
    options: tuple[Option, ...]
    weight: Optional[float]  # its share of the score when full; None for a count input
    parent: Optional[str]
    formula: Optional[dict[str, Any]]
    formula_text: Optional[str]
    inputs: tuple[str, ...]
    soal_id: Optional[int]
    row: Optional[int]
    uncertain: Optional[str]

    @property
    def scored(self) -> bool:
        return is_scored(self.answer_type)

    @property
    def computed(self) -> bool:
        """A percentage question: computed from its count inputs, never typed."""
        return self.formula is not None

    def option(self, key: str) -> Optional[Option]:
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class SubArea:
    code: str
    name: str
    part: Part
    area: Optional[int]
    weight: float
    method: Literal["average", "sum"]  # average × weight (pengungkit), or sum of value × weight (hasil)
    questions: tuple[str, ...]  # its scored questions, in worksheet order


@dataclass(frozen=True)
class Area:
    no: int
    name: str
    pemenuhan: float  # the weight of its pemenuhan half
    reform: float

    @property
    def weight(self) -> float:
        return self.pemenuhan + self.reform


@dataclass(frozen=True)
class Gate:
    id: str  # total, pengungkit, area, birokrasi_bersih, ipak, capaian_kinerja, ipkp
    measure: Literal["total", "pengungkit", "area_pct", "questions"]
    min: float
    questions: tuple[str, ...] = ()


@dataclass
class Worksheet:
    year: int
    title: str
    questions: list[Question]  # every entry, in worksheet order
    sub_areas: dict[str, SubArea]
    areas: list[Area]
    gates: dict[str, list[Gate]]  # predicate (WBK, WBBM) -> its gates
    scale_0_4: float
    parts: dict[str, float]  # part -> its maximum
    by_code: dict[str, Question] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_code = {q.code: q for q in self.questions}

    @property
    def scored(self) -> list[Question]:
        return [q for q in self.questions if q.scored]

    def area(self, no: int) -> Area:
        return next(a for a in self.areas if a.no == no)

    def question(self, code: str) -> Question:
        """The entry with this code (any case), or a ZiError that suggests the closest codes."""
        found = self.by_code.get(code) or self._folded(code)
        if found is not None:
            return found
        close = suggest_codes(self, code)
        if close:
            raise ZiError(_("no question '{code}' in the LKE {year}. Did you mean {close}?").format(code=code, year=self.year, close=", ".join(close)))
        raise ZiError(_("no question '{code}' in the LKE {year}. Run 'zi lke list' to see every code.").format(code=code, year=self.year))

    def _folded(self, code: str) -> Optional[Question]:
        # Codes mix cases (P.1.iv.a); people type 'p.1.IV.a'.
        hits = [q for q in self.questions if q.code.lower() == code.strip().lower()]
        return hits[0] if len(hits) == 1 else None


def suggest_codes(sheet: Worksheet, code: str, n: int = 3) -> list[str]:
    return close_codes(sheet.by_code, code, n)


def load_worksheet(year: Optional[int] = None) -> Worksheet:
    """The bundled worksheet of ``year`` (default: the newest)."""
    chosen = default_year() if year is None else year
    if chosen not in available_years():
        raise ZiError(missing_year(chosen))
    return _load(chosen)


@functools.lru_cache(maxsize=4)
def _load(year: int) -> Worksheet:
    return build_worksheet(read(year))


def build_worksheet(data: dict[str, Any]) -> Worksheet:
    """The worksheet from its data (the bundled file's content)."""
    sub_data = {s["code"]: s for s in data["sub_areas"]}
    questions = [_question(q, sub_data[q["sub_area"]]) for q in data["questions"]]
    subs = {}
    for code, s in sub_data.items():
        members = tuple(q.code for q in questions if q.sub_area == code and q.scored)
        subs[code] = SubArea(code, s["name"], s["part"], s["area"], float(s["weight"]), s["method"], members)
    areas = [Area(a["no"], a["name"], float(a["pemenuhan"]), float(a["reform"])) for a in data["areas"]]
    gates = {
        name: [Gate(g["id"], g["measure"], float(g["min"]), tuple(g.get("questions", ()))) for g in entries]
        for name, entries in data["gates"].items()
    }
    scoring = data["scoring"]
    return Worksheet(
        year=int(data["year"]), title=data["title"], questions=questions, sub_areas=subs, areas=areas, gates=gates,
        scale_0_4=float(scoring["scale_0_4"]), parts={k: float(v) for k, v in scoring["parts"].items()},
    )  # fmt: skip


def _question(q: dict[str, Any], sub: dict[str, Any]) -> Question:
    options = tuple(Option(o["key"], o["label"], float(o["value"])) for o in q.get("options") or ())
    return Question(
        code=q["code"], part=sub["part"], area=sub["area"], sub_area=q["sub_area"], text=q["question"],
        criteria=q.get("criteria"), answer_type=q["answer_type"], options=options,
        weight=None if q.get("weight") is None else float(q["weight"]), parent=q.get("parent"),
        formula=q.get("formula"), formula_text=q.get("formula_text"), inputs=tuple(q.get("inputs") or ()),
        soal_id=q.get("portalrb_soal_id"), row=q.get("jawaban_row"), uncertain=q.get("uncertain"),
    )  # fmt: skip
