"""`zi lke list`: the worksheet's entries as rows, with the actions that serve each."""

from __future__ import annotations

from typing import Any, Optional

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.lke.worksheet import Question, Worksheet


def parse_area(value: Optional[str]) -> Optional[int]:
    """'3' -> 3, 'H' -> 0 (the hasil part), None -> None (every area)."""
    if value is None:
        return None
    text = value.strip().upper()
    if text in ("H", "HASIL"):
        return 0
    if text.isdigit() and 1 <= int(text) <= 6:
        return int(text)
    raise ZiError(_("unknown area '{value}': use 1 to 6, or H for the hasil part").format(value=value), exit_code=2)


def question_row(sheet: Worksheet, q: Question, served: dict[str, list[str]]) -> dict[str, Any]:
    sub = sheet.sub_areas[q.sub_area]
    return {
        "code": q.code,
        "part": q.part,
        "area": q.area,
        "area_name": sheet.area(q.area).name if q.area else None,
        "sub_area": q.sub_area,
        "sub_area_name": sub.name,
        "sub_area_weight": sub.weight,
        "question": q.text,
        "criteria": q.criteria,
        "answer_type": q.answer_type,
        "options": [{"key": o.key, "label": o.label, "value": o.value} for o in q.options],
        "weight": q.weight,
        "scored": q.scored,
        "parent": q.parent,
        "inputs": list(q.inputs),
        "formula": q.formula_text,
        "portalrb_soal_id": q.soal_id,
        "uncertain": q.uncertain,
        "served_by": served.get(q.parent or q.code, []) if q.scored and q.part != "hasil" else [],
    }


def list_rows(sheet: Worksheet, served: dict[str, list[str]], area: Optional[int] = None) -> list[dict[str, Any]]:
    """Every entry of the worksheet in its order (``area`` 0: the hasil part only)."""
    rows = []
    for q in sheet.questions:
        if area is not None and (q.area or 0) != area:
            continue
        rows.append(question_row(sheet, q, served))
    return rows
