"""The LKE questions an action serves: from its own code, an LKE column of codes, or a column of question texts.

A table numbered by the LKE's codes (P.1.i.a) names the question by its
code. A column of question texts ('a. Unit kerja telah membentuk tim ...')
is matched to the worksheet's questions by their text: list markers, case,
spaces and punctuation aside, equal or nearly so (a typo or two). A text
matching no question is told, never guessed.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from zi_plan.lke.worksheet import load_worksheet

_MARKER = re.compile(r"^\s*(?:[a-z]|\d{1,2}|[ivx]{1,4})\s*[.)]\s+", re.IGNORECASE)
CLOSE = 0.9  # similarity for a question text with a typo or a word changed


def lke_question(code: str) -> list[str]:
    """[the question] when a row's code is a scored question of the bundled LKE worksheet (P.1.i.a), else [].

    Some offices number their plan by LKE code: the code then says which
    question the action serves. Other codes (SS.1.1, or A.1.I.i of older
    worksheets) stay the action's source_id only.
    """

    sheet = load_worksheet()
    question = sheet.by_code.get(code) or next((q for q in sheet.questions if q.code.lower() == code.lower()), None)
    return [question.code] if question is not None and question.scored else []


def lke_codes(text: str) -> list[str]:
    """'P.1.i.a, P.1.i.b' (or one per line) -> the codes; checked with the plan's LKE worksheet."""
    return [c for c in re.split(r"[,;\s]+", text) if c]


def _plain(text: str) -> str:
    text = _MARKER.sub("", text.strip())
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


@lru_cache(maxsize=1)
def _questions() -> tuple[tuple[str, str], ...]:
    return tuple((_plain(q.text), q.code) for q in load_worksheet().questions if q.scored)


def match_question(text: str) -> str | None:
    """The code of the worksheet question whose text this is, or None."""
    plain = _plain(text)
    if not plain:
        return None
    questions = _questions()
    exact = next((code for q, code in questions if q == plain), None)
    if exact is not None:
        return exact
    best, score = None, 0.0
    for question, code in questions:
        matcher = difflib.SequenceMatcher(None, plain, question)
        if matcher.real_quick_ratio() < CLOSE or matcher.quick_ratio() < CLOSE:
            continue  # cheap upper bounds first: most questions are far off
        ratio = matcher.ratio()
        if ratio > score:
            best, score = code, ratio
    return best if score >= CLOSE else None
