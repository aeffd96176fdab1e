"""Writing the decree's body, the coordinator and team addresses (plan format 3) as YAML lines.

zi_plan.formats.writer calls these: ``body_lines`` for a body the plan or the
imported document has, ``template_lines`` for the commented parts `zi init`
and `zi import` write where they know none (remove the '#' and fill in).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zi_plan.formats.scalar import scalar
from zi_plan.i18n import _

# The body's keys in the schema's order (zi_plan.schema.plan.DecreeBody; a test keeps them equal).
BODY_KEYS = ("issuer", "kind", "about", "considering", "observing", "noting", "enacts", "dicta", "appendix", "budget",
             "nip", "signature", "verification_url", "certified_copy", "copies_to", "amends", "amended_by")  # fmt: skip
COORDINATOR_KEYS = ("name", "position", "email", "phone")


def _scalar(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else scalar(value)


def value_lines(key: str, value: Any, indent: str) -> list[str]:
    """``key: value`` in block style: texts, lists of texts, mappings and lists of mappings."""
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for sub, item in value.items():
            if item is not None:
                lines += value_lines(sub, item, indent + "  ")
        return lines
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for entry in value:
            if isinstance(entry, dict):
                inner = [line for sub, item in entry.items() if item is not None for line in value_lines(sub, item, indent + "    ")]
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{indent}  - {_scalar(entry)}")
        return lines
    return [f"{indent}{key}: {_scalar(value)}"]


def body_lines(body: dict[str, Any]) -> list[str]:
    """The body's keys under ``decree:``, in the schema's order."""
    lines: list[str] = []
    for key in BODY_KEYS:
        if body.get(key) is not None:
            lines += value_lines(key, body[key], "  ")
    return lines


def template_lines() -> list[str]:
    """The body's parts, commented out, each with what to copy into it."""
    notes = [
        _("The decree's body, for `zi publish --decree` (all optional): remove the '#'"),
        _("before a part, copy its text from the signed decree word for word, and"),
        _("leave out what the decree does not have."),
    ]
    example = [
        ("issuer: ...", _("the heading: the issuing office, e.g. KOMISI PEMILIHAN UMUM KABUPATEN ...")),
        ("kind: ...", _("the document kind, e.g. KEPUTUSAN KETUA ...")),
        ("about: ...", _("TENTANG")),
        ("considering:", _("Menimbang: a, b, ... in order")),
        ("  - bahwa ...", ""),
        ("observing:", _("Mengingat: 1, 2, ... in order")),
        ("  - Undang-Undang Nomor ...", ""),
        ("noting:", _("Memperhatikan, if the decree has it")),
        ("  - ...", ""),
        ("enacts: ...", _("Menetapkan")),
        ("dicta:", _("KESATU, KEDUA, ...: each label as the decree writes it")),
        ("  - label: KESATU", ""),
        ("    text: ...", ""),
        ("appendix: LAMPIRAN", _("how the dicta name the table, e.g. LAMPIRAN I")),
        ("budget:", _("the budget clause")),
        ("  source: ...", _("e.g. DIPA Sekretariat ...")),
        ("  dipa_number: ...", ""),
        ("  dipa_date: YYYY-MM-DD", ""),
        ("nip: ...", _("the signatory's NIP, 18 digits, if the decree gives it")),
        ("signature: ttd", _("wet (ink), ttd (a copy marked 'ttd.') or electronic (BSrE)")),
        ("verification_url: https://...", _("electronic signature: the verification link")),
        ("certified_copy:", _("'Salinan sesuai dengan aslinya'")),
        ("  unit: ...", ""),
        ("  position: ...", ""),
        ("  name: ...", ""),
        ("copies_to:", _("Tembusan")),
        ("  - ...", ""),
        ("amends:", _("decrees this one amends (amended_by: those that amend it)")),
        ("  - number: ... Tahun ...", ""),
        ("    url: https://...", ""),
    ]
    lines = [f"  # {n}" for n in notes]
    lines += [f"  # {text}  # {note}" if note else f"  # {text}" for text, note in example]
    return lines


def coordinator_lines(coordinator: dict[str, Any] | None) -> list[str]:
    """The coordinator, who signs `zi digest`; commented out when not known."""
    if coordinator:
        return value_lines("coordinator", {k: coordinator.get(k) for k in COORDINATOR_KEYS}, "")
    return [
        "# " + _("The Zona Integritas coordinator, who signs the month's digest (`zi digest`):"),
        "# coordinator:",
        "#   name: ...",
        "#   email: ...  # " + _("the address the digest's emails come from"),
    ]
