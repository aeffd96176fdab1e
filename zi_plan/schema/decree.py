"""The decree's body (plan format 3): its parts, what a printed decree lacks, and their rules.

A plan of format 1 or 2 holds the decree's number, date, place and
signatory; format 3 may also hold its body: the heading, Menimbang,
Mengingat, Memperhatikan, Menetapkan and the dicta, the budget clause, the
signature, the certified-copy line, Tembusan and the decrees it amends or
that amend it. Each part is optional and its text verbatim. A part that a
printed decree needs but the plan lacks is never made up: `zi publish
--decree` shows a placeholder in its place, and `zi validate` warns about it
once the plan has started a body (a plan with none is not meant to be
printed as a decree, and is left alone).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import Problem
from zi_plan.i18n import _
from zi_plan.model.links import link_problem
from zi_plan.model.plan import DECREE_HEAD, DecreeView

PLACEHOLDER = "..."  # what `zi init` suggests where a text is not known yet
# The parts without which a printed decree has a hole, in the order it prints them.
NEEDED = ("issuer", "kind", "about", "considering", "observing", "enacts", "dicta", "signature")


class Dictum(NamedTuple):
    label: str  # verbatim: 'KESATU', 'KEDUA', 'KEEMPAT'
    text: str


class Budget(NamedTuple):
    source: str
    dipa_number: str | None = None
    dipa_date: dt.date | None = None


class Certifier(NamedTuple):
    """Who certified a copy ('Salinan sesuai dengan aslinya')."""

    unit: str | None
    position: str
    name: str
    nip: str | None = None


class DecreeRef(NamedTuple):
    number: str
    about: str | None = None
    url: str | None = None


class DecreeText(NamedTuple):
    """The decree's body as the plan holds it: None or () where it holds nothing."""

    issuer: str | None = None
    kind: str | None = None
    about: str | None = None
    considering: tuple[str, ...] = ()
    observing: tuple[str, ...] = ()
    noting: tuple[str, ...] = ()
    enacts: str | None = None
    dicta: tuple[Dictum, ...] = ()
    appendix: str | None = None
    budget: Budget | None = None
    nip: str | None = None
    signature: str | None = None
    verification_url: str | None = None
    certified_copy: Certifier | None = None
    copies_to: tuple[str, ...] = ()
    amends: tuple[DecreeRef, ...] = ()
    amended_by: tuple[DecreeRef, ...] = ()


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _texts(values: Any) -> tuple[str, ...]:
    return tuple(v.strip() for v in values or ())


def _refs(values: Any) -> tuple[DecreeRef, ...]:
    return tuple(DecreeRef(_text(v["number"]), _text(v.get("about")), _text(v.get("url"))) for v in values or ())


def text_of(decree: DecreeView) -> DecreeText:
    """The body of a loaded plan's decree (empty for a plan of format 1 or 2)."""
    body = decree.body or {}
    budget, copy = body.get("budget"), body.get("certified_copy")
    return DecreeText(
        issuer=_text(body.get("issuer")), kind=_text(body.get("kind")), about=_text(body.get("about")),
        considering=_texts(body.get("considering")), observing=_texts(body.get("observing")), noting=_texts(body.get("noting")),
        enacts=_text(body.get("enacts")),
        dicta=tuple(Dictum(d["label"].strip(), d["text"].strip()) for d in body.get("dicta") or ()),
        appendix=_text(body.get("appendix")),
        budget=Budget(budget["source"].strip(), _text(budget.get("dipa_number")), budget.get("dipa_date")) if budget else None,
        nip=_text(body.get("nip")), signature=body.get("signature"), verification_url=_text(body.get("verification_url")),
        certified_copy=Certifier(_text(copy.get("unit")), copy["position"].strip(), copy["name"].strip(), _text(copy.get("nip"))) if copy else None,
        copies_to=_texts(body.get("copies_to")), amends=_refs(body.get("amends")), amended_by=_refs(body.get("amended_by")),
    )  # fmt: skip


def labels() -> dict[str, str]:
    """Each part's name, as people call it in the decree."""
    return {
        "issuer": _("heading (the issuer)"), "kind": _("document kind"), "about": _("'tentang'"),
        "considering": "Menimbang", "observing": "Mengingat", "enacts": "Menetapkan", "dicta": _("dicta (KESATU, KEDUA, ...)"),
        "signature": _("signature kind (wet, ttd or electronic)"), "verification_url": _("verification link of the electronic signature"),
    }  # fmt: skip


def _is_placeholder(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip() == PLACEHOLDER
    if isinstance(value, list):
        return bool(value) and all(_is_placeholder(v) or (isinstance(v, dict) and _is_placeholder(v.get("text"))) for v in value)
    return False


def lacking(body: dict[str, Any] | None) -> list[str]:
    """The parts a printed decree needs that ``body`` (a decree's format-3 keys) does not give, in print order."""
    body = body or {}
    keys = [key for key in NEEDED if body.get(key) is None or _is_placeholder(body.get(key))]
    if body.get("signature") == "electronic" and not body.get("verification_url"):
        keys.append("verification_url")
    return keys


def has_body(decree: Any) -> bool:
    return isinstance(decree, dict) and any(key not in DECREE_HEAD for key in decree)


def warnings(path: Path, text: str, data: Any) -> list[Problem]:
    """`zi validate`: once a plan has started its decree's body, a warning for each part still missing, at its line."""
    decree = data.get("decree") if isinstance(data, dict) else None
    if not isinstance(decree, dict) or not has_body(decree):
        return []
    keys = lacking(decree)
    if not keys:
        return []
    from zi_plan.schema import yamlio  # PyYAML: only when a file is validated

    root = yamlio.compose(text)
    out = []
    for key in keys:
        line, col = yamlio.locate(root, ("decree", key) if key in decree else ("decree",), key=key not in decree)
        message = _("the decree's {part} is not in the plan: `zi publish --decree` prints a placeholder there; copy it from the signed decree").format(part=labels()[key])
        out.append(Problem(str(path), line, col, message))
    return out


def publish_warning(decree: DecreeView) -> str | None:
    """`zi publish --decree`: one line naming the parts shown as placeholders, or None."""
    keys = lacking(decree.body)
    if not keys:
        return None
    if not decree.body:
        return _("the plan holds only the decree's number, date, place and signatory: its other parts are printed as placeholders (see docs/decree.en.md to add them)")
    return _("the decree's {parts} are not in the plan: they are printed as placeholders (zi validate shows where)").format(parts=", ".join(labels()[k] for k in keys))


# ---------------------------------------------------------------- rules (zi_plan.schema.checks runs them)

_ADDRESS = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


def address_problem(value: str) -> str | None:
    """Why ``value`` (one address, or several separated by commas) is not a list of email addresses."""
    from email.utils import getaddresses  # email: only for a plan that gives addresses

    parts = [p for p in value.split(",") if p.strip()]
    pairs = getaddresses([value])
    if parts and len(pairs) == len(parts) and all(_ADDRESS.match(address) for _name, address in pairs):
        return None
    return _("'{value}' is not an email address: write name@domain, several separated by commas").format(value=value[:80])


def rule_problems(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """Links that are not web links, addresses that are not addresses, a dictum label used twice."""

    decree = data.get("decree")
    if isinstance(decree, dict):
        links: list[tuple[tuple[Any, ...], Any]] = [(("decree", "verification_url"), decree.get("verification_url"))]
        for key in ("amends", "amended_by"):
            links += [(("decree", key, n, "url"), ref.get("url")) for n, ref in enumerate(_list(decree.get(key))) if isinstance(ref, dict)]
        for loc, url in links:
            problem = link_problem(url) if isinstance(url, str) else None
            if problem:
                yield loc, problem, False
        seen: set[str] = set()
        for n, dictum in enumerate(_list(decree.get("dicta"))):
            label = dictum.get("label") if isinstance(dictum, dict) else None
            if isinstance(label, str) and label.strip() in seen:
                yield ("decree", "dicta", n, "label"), _("the dictum label '{label}' is used twice").format(label=label.strip()), False
            if isinstance(label, str):
                seen.add(label.strip())
    places: list[tuple[tuple[Any, ...], Any]] = [(("teams", n, "email"), t.get("email")) for n, t in enumerate(_list(data.get("teams"))) if isinstance(t, dict)]
    who = data.get("coordinator")
    if isinstance(who, dict):
        places.append((("coordinator", "email"), who.get("email")))
    for loc, value in places:
        problem = address_problem(value) if isinstance(value, str) and value.strip() else None
        if problem:
            yield loc, problem, False


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def concerns(data: dict[str, Any]) -> bool:
    """Whether the plan uses any key these rules check (else zi_plan.schema.checks need not import this module)."""
    if has_body(data.get("decree")) or "coordinator" in data:
        return True
    return any(isinstance(t, dict) and "email" in t for t in _list(data.get("teams")))
