"""Starting a plan: a commented starter for a new office, or next year's from this year's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.formats.writer import ActionOut, ComponentOut, ItemOut, PlanOut, plan_out, plan_yaml
from zi_plan.fs.files import atomic_write
from zi_plan.fs.fsguard import check_output_path, write_error
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.plans import check_text

# The six components of the Zona Integritas guidance (PermenPANRB 90/2021)
# with their usual teams, and one typical action each as an example.
STANDARD = [
    ("I", "Manajemen Perubahan", "manajemen-perubahan", "Tim Manajemen Perubahan",
     "Tim Kerja", ActionOut("Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas",
                            ["Menetapkan SK Tim Kerja Zona Integritas"], ["SK Tim Kerja ZI yang ditandatangani pimpinan"], [1])),
    ("II", "Penataan Tatalaksana", "tata-laksana", "Tim Penguatan Tata Laksana",
     "Prosedur Operasional Tetap (SOP) kegiatan utama", ActionOut("SOP telah mengacu pada peta proses bisnis instansi",
                                                                  ["Menyusun dan menetapkan SOP kegiatan utama"], ["SK penetapan SOP", "Dokumen SOP"], [3])),
    ("III", "Penataan Sistem Manajemen SDM", "sdm", "Tim Sistem Manajemen Sumber Daya Manusia",
     "Perencanaan kebutuhan pegawai", ActionOut("Kebutuhan pegawai yang disusun oleh unit kerja mengacu kepada peta jabatan",
                                                ["Menyusun analisis kebutuhan pegawai"], ["Dokumen analisis kebutuhan pegawai"], [2])),
    ("IV", "Penguatan Akuntabilitas", "akuntabilitas", "Tim Penguatan Akuntabilitas",
     "Keterlibatan pimpinan", ActionOut("Pimpinan terlibat secara langsung pada saat penyusunan perencanaan",
                                        ["Pimpinan memimpin rapat penyusunan perencanaan kinerja"], ["Undangan, daftar hadir dan notulen rapat"], [1])),
    ("V", "Penguatan Pengawasan", "pengawasan", "Tim Pengawasan",
     "Pengendalian gratifikasi", ActionOut("Public campaign tentang pengendalian gratifikasi telah dilakukan",
                                           ["Sosialisasi pengendalian gratifikasi kepada seluruh pegawai"], ["Laporan sosialisasi", "Foto kegiatan"], [4])),
    ("VI", "Peningkatan Kualitas Pelayanan Publik", "pelayanan-publik", "Tim Peningkatan Kualitas Pelayanan Publik",
     "Standar pelayanan", ActionOut("Terdapat kebijakan standar pelayanan",
                                    ["Menyusun dan menetapkan standar pelayanan"], ["SK standar pelayanan"], [2])),
]  # fmt: skip


def decree_defaults(year: int, number: str | None, date: dt.date | None) -> tuple[str, dt.date, dict[str, str]]:
    notes = {}
    if not number:
        number = f"... Tahun {year}"
        notes["number"] = _("fill in: the decree's number")
    if date is None:
        date = dt.date(year, 1, 1)
        notes["date"] = _("fill in: the date the decree was set (YYYY-MM-DD)")
    if date.year != year:
        raise ZiError(_("the decree date {date} is not in {year}").format(date=date, year=year), exit_code=2)
    return number, date, notes


def starter_plan(institution: str, year: int, number: str | None = None, date: dt.date | None = None,
                 place: str | None = None, signatory: str | None = None, position: str | None = None) -> str:  # fmt: skip
    """A valid, commented starter plan: the six components, each with one example action."""
    number, date, notes = decree_defaults(year, number, date)
    for key, value in (("place", place), ("signatory", signatory), ("position", position)):
        if not value:
            notes[key] = _("fill in")
    components = []
    for roman, title, team_id, _team_name, item_title, example in STANDARD:
        action = ActionOut(example.indicator, list(example.steps), list(example.evidence), list(example.months),
                           notes=[_("Example: change it to your own, add the other actions below it.")])  # fmt: skip
        components.append(ComponentOut(roman, title, team_id, [ItemOut(item_title, [action])]))
    header = [
        _("Rencana Aksi Pembangunan Zona Integritas — {institution}, {year}.").format(institution=institution, year=year),
        "",
        _("Started by `zi init`. Fill in the decree's details, then write each row of"),
        _("the decree's table as an action under its item: indicator, steps, evidence"),
        _("(bukti dukung) and months 1..12. `zi validate` checks the file."),
        _("Editors: `zi schema > schema/plan.schema.json` makes the line above work."),
    ]
    plan = PlanOut(
        institution=institution, title=f"Rencana Aksi Pembangunan Zona Integritas {institution} Tahun {year}", year=year,
        decree_number=number, decree_date=date, place=place or "...", signatory=signatory or "...",
        position=position or "...", teams=[(s[2], s[3]) for s in STANDARD], components=components,
        header=header, metadata_notes=notes, body_template=True,
    )  # fmt: skip
    return plan_yaml(plan)


def next_year_plan(source: LoadedPlan, year: int, institution: str | None = None, number: str | None = None,
                   date: dt.date | None = None) -> str:  # fmt: skip
    """``source``'s structure and schedule in a new year; no progress, no evidence."""
    number, date, notes = decree_defaults(year, number, date)
    institution = institution or source.institution
    out = plan_out(source)
    plan = dataclasses.replace(
        out, institution=institution, title=re.sub(rf"\b{source.year}\b", str(year), source.title), year=year,
        decree_number=number, decree_date=date, metadata_notes=notes,
        decree_body=next_year_body(out.decree_body, source.year, year), body_template=not out.decree_body,
        header=[
            _("Rencana Aksi Pembangunan Zona Integritas — {institution}, {year}.").format(institution=institution, year=year),
            "",
            _("Copied from {path} ({year}) by `zi init --from`: the same components,").format(path=source.path.name, year=source.year),
            _("items, actions and months; no progress and no evidence were copied."),
            _("Review every text for the new year, and fill in the new decree."),
        ],
    )  # fmt: skip
    return plan_yaml(plan)


# What belongs to the signed decree of that year, not to next year's: its
# signature, the links between decrees, the year's DIPA.
_SIGNED = ("nip", "signature", "verification_url", "amends", "amended_by")


def next_year_body(body: dict[str, Any] | None, old: int, new: int) -> dict[str, Any] | None:
    """This year's decree body as a start for next year's: the texts kept, its
    name moved to the new year (like the title), what the signing gave dropped."""
    if not body:
        return None
    out = {key: value for key, value in body.items() if key not in _SIGNED}
    for key in ("about", "enacts"):  # the decree's own name; Mengingat's "Tahun 2023" cite other laws and stay
        if isinstance(out.get(key), str):
            out[key] = re.sub(rf"\b{old}\b", str(new), out[key])
    if isinstance(out.get("budget"), dict):
        out["budget"] = {"source": out["budget"]["source"]}
    return out


def write_new_plan(text: str, target: Path, force: bool) -> None:
    """Check the plan, then write it; never over an existing file without ``force``."""
    try:
        is_folder, exists = target.is_dir(), target.exists()
    except OSError as exc:  # a name too long ...
        raise write_error(target, exc) from None
    if is_folder:
        raise ZiError(_("{path} is a folder: name the plan file to write, e.g. {example}").format(path=target, example=target / "plan.yaml"))
    try:
        check_output_path(target)
    except OSError as exc:
        raise write_error(target, exc) from None
    if exists and not force:
        raise ZiError(_("{path} exists already; choose another name, or add --force to replace it").format(path=target))
    _data, problems = check_text(str(target), text)
    if problems:  # a bug in zi if it happens: say so rather than write a broken plan
        raise InvalidFile(problems)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:  # a read-only folder, a full disk ...
        raise write_error(target, exc) from None
