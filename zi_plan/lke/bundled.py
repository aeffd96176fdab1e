"""The worksheet data files bundled with zi (``data/lke-YEAR.json``), read as they are.

``zi_plan.lke.worksheet`` builds the worksheet from them; checking a plan's
``lke:`` codes needs only the codes, so it reads the data here and spares
building the worksheet (see zi_plan.lke.planrefs).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.i18n import _

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_FORMAT = 1
_NAME = re.compile(r"^lke-(\d{4})\.json$")


def available_years() -> list[int]:
    """The years of the bundled worksheets, oldest first."""
    return sorted(int(m.group(1)) for p in DATA_DIR.iterdir() if (m := _NAME.match(p.name)))


def default_year() -> int:
    return available_years()[-1]


def missing_year(year: int) -> str:
    """The message for a year with no bundled worksheet."""
    years = ", ".join(map(str, available_years()))
    return _("no LKE worksheet for {year} in this zi; it has {years}").format(year=year, years=years)


def is_scored(answer_type: str) -> bool:
    """A question scored on its own; a count ('jumlah') only feeds a percentage question."""
    return answer_type != "jumlah"


def close_codes(codes: Iterable[str], code: str, n: int = 3) -> list[str]:
    """The codes nearest to a mistyped one, for "did you mean"."""
    return difflib.get_close_matches(code, list(codes), n=n, cutoff=0.6)


@functools.lru_cache(maxsize=4)
def read(year: int) -> dict[str, Any]:
    """The data file of ``year`` (one that ``available_years`` lists), checked for its format."""
    import json  # json: only when a worksheet file is read

    data: dict[str, Any] = json.loads((DATA_DIR / f"lke-{year}.json").read_text(encoding="utf-8"))
    if data.get("format") != DATA_FORMAT:
        raise ZiError(_("the bundled LKE data for {year} has an unknown format; reinstall zi-plan").format(year=year))
    return data
