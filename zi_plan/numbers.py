"""Numbers as the reader writes them: a decimal comma in Indonesian (78,1), a point in English (78.1).

JSON and files for programs keep the point; this is for what people read:
tables, messages, reports.
"""

from __future__ import annotations

from zi_plan.i18n import language


def decimal(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, in the interface language's decimal mark."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language() == "id" else text


def shortest(value: float) -> str:
    """``value`` as briefly as it is exact (60, 19.5), in the interface language's decimal mark."""
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "id" else text
