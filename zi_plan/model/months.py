"""Months as people type them: 4, April, apr, Mei, Agustus, Agt, Des.

Both languages are accepted whatever the interface language, because a
coordinator reads the decree in Indonesian and may type in either.
"""

from __future__ import annotations

import datetime as dt

from zi_plan.errors import ZiError
from zi_plan.i18n import _, month_name

# Full names; any unambiguous prefix of three letters or more is accepted too.
_NAMES = (
    ("january", "januari"), ("february", "februari"), ("march", "maret"), ("april",),
    ("may", "mei"), ("june", "juni"), ("july", "juli"), ("august", "agustus"),
    ("september",), ("october", "oktober"), ("november", "nopember"), ("december", "desember"),
)  # fmt: skip
# Abbreviations that are not prefixes of a name (Indonesian usage).
_EXTRA = {"agt": 8, "ags": 8, "sept": 9, "nop": 11}


def _lookup(word: str) -> int | None:
    if word in _EXTRA:
        return _EXTRA[word]
    if len(word) < 3:
        return None
    hits = {number for number, names in enumerate(_NAMES, 1) for name in names if name.startswith(word)}
    return hits.pop() if len(hits) == 1 else None


def parse_month(value: str | int) -> int:
    """1..12 from a number, a month name or an abbreviation (English or Indonesian), any case."""
    if isinstance(value, int):
        number: int | None = value
    else:
        text = value.strip().rstrip(".").lower()
        number = int(text) if text.isdecimal() else _lookup(text)  # not isdigit: int() refuses "²"
    if number is None or not 1 <= number <= 12:
        raise ZiError(
            _("'{value}' is not a month: use 1..12 or a name such as April, Mei, Agt, Des").format(value=value), exit_code=2
        )
    return number


def is_future(year: int, month: int, today: dt.date) -> bool:
    """Whether ``month`` of ``year`` has not begun yet on ``today``."""
    return (year, month) > (today.year, today.month)


def future_message(action_id: str, year: int, month: int, today: dt.date) -> str:
    return _(
        "{month} {year} has not come yet (today is {today}), so {id} cannot be done in it yet; "
        "check the month (a typo such as 12 for 2?), or add --force to record it anyway"
    ).format(month=month_name(month), year=year, today=today.isoformat(), id=action_id)
