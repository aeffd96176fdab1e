"""A plan's ``lke:`` keys checked against the worksheet (part of ``zi validate``).

Only imported for plans that have an ``lke`` key somewhere, so a plan without
one never reads the worksheet data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from zi_plan.errors import Found as _Found
from zi_plan.i18n import _
from zi_plan.lke import bundled
from zi_plan.model.ids import letter, roman


def lke_problems(data: dict[str, Any]) -> Iterator[_Found]:
    year = data.get("lke")
    if year is None:
        year = bundled.default_year()
    elif not isinstance(year, int) or isinstance(year, bool):
        return  # a wrong type is the schema's to report
    elif year not in bundled.available_years():
        yield ("lke",), bundled.missing_year(year), False
        return
    # The codes are all a plan needs of the worksheet: read from its data, not built into one.
    entries = {q["code"]: q for q in bundled.read(year)["questions"]}
    for loc, label, codes in _action_codes(data):
        yield from _code_problems(year, entries, loc, label, codes)


def _action_codes(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str, list[Any]]]:
    for c_index, comp in enumerate(data.get("components") or ()):
        if not isinstance(comp, dict):
            continue
        cid = comp.get("id") if isinstance(comp.get("id"), str) else roman(c_index + 1)
        for i_index, item in enumerate(comp.get("items") or ()):
            if not isinstance(item, dict):
                continue
            for a_index, act in enumerate(item.get("actions") or ()):
                if isinstance(act, dict) and isinstance(act.get("lke"), list):
                    loc = ("components", c_index, "items", i_index, "actions", a_index, "lke")
                    yield loc, f"{cid}.{i_index + 1}.{letter(a_index)}: ", act["lke"]


def _code_problems(year: int, entries: dict[str, Any], loc: tuple[Any, ...], label: str, codes: list[Any]) -> Iterator[_Found]:
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if not isinstance(code, str):
            continue  # the schema says it must be text
        where = (*loc, index)
        question = entries.get(code)
        if question is None:
            close = bundled.close_codes(entries, code)
            if close:
                message = _("'{code}' is not a question of the LKE {year} (did you mean {close}?)").format(code=code, year=year, close=", ".join(close))
            else:
                message = _("'{code}' is not a question of the LKE {year}; 'zi lke list' shows every code").format(code=code, year=year)
            yield where, label + message, False
        elif not bundled.is_scored(question["answer_type"]):
            yield where, label + _("'{code}' is a count input of {parent}: name {parent} instead").format(code=code, parent=question.get("parent")), False
        elif code in seen:
            yield where, label + _("'{code}' is listed twice").format(code=code), False
        seen.add(code)


# ---------------------------------------------------------------- reform codes on documents

# A reform (R.*) question asks what changed: changes the agents made, a
# business process simplified, targets met, complaints settled. An action
# whose evidence is only a document that establishes something (a decree,
# a rule, a plan) shows that the thing was set up, not that it changed
# anything. The rule, in words an office can check: every evidence entry of
# the action names such a document, and none names a record of what was
# done or achieved (a report, a list, minutes, photos, data, results ...).
_DOCUMENT = re.compile(r"\b(sk|surat keputusan|keputusan|peraturan|perbup|perkada|surat edaran|se|surat tugas|surat perintah|instruksi|"
                       r"sop|pedoman|juknis|petunjuk teknis|kebijakan|pakta integritas|maklumat|piagam|rencana|renja|renstra)\b")  # fmt: skip
_RECORD = re.compile(r"\b(laporan|lakip|lkj|rekap\w*|data|daftar|absensi|notulen|notula|foto|dokumentasi|tangkapan layar|screenshot|"
                     r"hasil|capaian|bukti|berita acara|rapat|sosialisasi|website|aplikasi|survei|survey|kartu kendali|tanggapan|"
                     r"monitoring|evaluasi|realisasi|publikasi|dipublikasikan)\b")  # fmt: skip


def only_documents(evidence: list[Any]) -> bool:
    """Every evidence entry names an establishing document, and none a record of what was done."""
    texts = [str(e).lower() for e in evidence if isinstance(e, str) and e.strip()]
    return bool(texts) and all(_DOCUMENT.search(t) and not _RECORD.search(t) for t in texts)


def reform_warnings(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """`zi validate`: a warning (where, message) at each reform code that sits on an action whose evidence is only a document."""
    found: list[tuple[tuple[Any, ...], str]] = []
    for loc, label, codes in _action_codes(data if isinstance(data, dict) else {}):
        action = _at(data, loc[:-1])
        if not only_documents(action.get("evidence") or []):
            continue
        for index, code in enumerate(codes):
            if isinstance(code, str) and code.startswith("R."):
                message = _("{code} is a reform question: it asks what changed, and this action's evidence is only a document ({evidence}); add evidence of the change (a report, data, results) or let another action serve it").format(
                    code=code, evidence="; ".join(action["evidence"]))  # fmt: skip
                found.append(((*loc, index), label + message))
    return found


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    for key in loc:
        data = data[key]
    return data
