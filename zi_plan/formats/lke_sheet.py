"""The answer sheet for the evaluators: the official worksheet in Excel, and PortalRB's JSON.

The workbook (zi_plan.formats.lke_workbook) is the worksheet with its
formulas, the unit's answers and the evaluator's columns, a summary sheet
whose totals and gates are formulas too, and the evidence as links. The
PortalRB file is exactly what PortalRB's ``GET /lke/jawaban-unit/{unit_id}``
returns (Panduan Teknis API Integrasi ZI 1.0.0, 3.3): the unit, the year and
all 127 soal, with the unit's kategori and afirmasi beside them
(schema/portalrb-jawaban-unit.schema.json).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any, Optional

from zi_plan.errors import ZiError
from zi_plan.formats.lke_workbook import SHEET, TPI, UNIT, SheetData, fill, style
from zi_plan.i18n import _
from zi_plan.inert import inert
from zi_plan.lke.answers import current
from zi_plan.lke.labels import gate_label
from zi_plan.lke.rounds import read_rounds
from zi_plan.lke.worksheet import AnswerValue, Question, Worksheet
from zi_plan.model.journal import EvidenceEntry, Journal
from zi_plan.model.plan import LoadedPlan

KATEGORI = ("WBK", "WBK-AFIRMASI", "WBBM", "WBBM-AFIRMASI")


@dataclass(frozen=True)
class SheetOptions:
    """What the sheet says of the unit and where its stored files are published."""

    evidence_url: Optional[str] = None  # the stored evidence folder's address on the web
    unit_id: Optional[str] = None
    kategori: str = "WBK"

    @property
    def afirmasi(self) -> bool:
        return self.kategori.endswith("-AFIRMASI")


def check_kategori(value: str) -> str:
    chosen = value.strip().upper()
    if chosen not in KATEGORI:
        raise ZiError(_("unknown kategori '{value}': use {allowed}").format(value=value, allowed=", ".join(KATEGORI)), exit_code=2)
    return chosen


def evidence_link(entry: EvidenceEntry, base: Optional[str]) -> tuple[str, Optional[str]]:
    """(what to show, the link): a link as it is, a stored file by its published address, or said to be unpublished."""
    if entry.url:
        return entry.url, entry.url
    path = entry.path or ""
    if base:
        url = base.rstrip("/") + "/" + urllib.parse.quote(path)
        return url, url
    return _("{path} (stored, not published: give --evidence-url)").format(path=path), None


def unpublished(journal: Journal) -> int:
    """How many stored files of the answers in force have no published address."""
    return sum(1 for a in current(journal).values() for e in a.evidence if not e.url)


def _text(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl: only when a workbook is written

    # A control character (from a pasted note) is not allowed in the file format.
    return ILLEGAL_CHARACTERS_RE.sub("\uFFFD", inert(value)) if isinstance(value, str) else value


def sheet_data(journal: Journal, options: SheetOptions) -> SheetData:
    """The unit's answers in force, and the evaluator's of the open round (empty in a new round)."""
    unit = {code: (_text(a.value), _text(a.note), [tuple(map(_text, evidence_link(e, options.evidence_url))) for e in a.evidence])
            for code, a in current(journal).items()}  # fmt: skip
    rounds = read_rounds(journal)
    verdicts = {"accepted": _("accepted"), "revisi": "revisi"}
    tpi = {r.code: (_text(r.value), _text(r.note), verdicts[r.status]) for r in rounds.reviews if r.round == rounds.current}
    return SheetData(unit, tpi)  # type: ignore[arg-type]


def to_xlsx(plan: LoadedPlan, journal: Journal, sheet: Worksheet, options: SheetOptions = SheetOptions()) -> bytes:
    import io  # io: only when a workbook is written

    from openpyxl import Workbook  # openpyxl: only when a workbook is written

    book = Workbook()
    main = book.active
    main.title = SHEET
    data = sheet_data(journal, options)
    lay = fill(main, sheet, data)
    style(main, lay, sheet, lambda q: ",".join(o.key for o in q.options) if q.options else None)
    summary = book.create_sheet(_("Summary")[:31])
    summary_sheet(summary, plan, sheet, lay, read_rounds(journal).current)
    evidence = book.create_sheet(_("Evidence")[:31])
    evidence_sheet(evidence, data)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def summary_sheet(ws: Any, plan: LoadedPlan, sheet: Worksheet, lay: Any, round_no: int) -> None:
    """The totals, each area's % and each gate, as formulas over the answer sheet, for the unit and the evaluator."""
    named = lay.named
    ref = f"'{SHEET}'!"
    rows: list[list[Any]] = [[plan.institution], [_("LKE worksheet"), sheet.year], [_("Round"), round_no],
                             [_("Written"), dt.date.today().isoformat()], [], ["", _("Unit"), "TPI"]]  # fmt: skip
    totals: dict[str, int] = {}
    for label, key in (("Pemenuhan", "pemenuhan"), ("Reform", "reform"), ("Pengungkit", "pengungkit"), ("Hasil", "hasil"), ("Total", "total")):
        rows.append([label, *(f"={ref}{side.value}{named[key].row}" for side in (UNIT, TPI))])
        totals[key] = len(rows)
    first_area = len(rows) + 1
    for area in sheet.areas:
        cells = [(named[f"area:pemenuhan:{area.no}"].row, named[f"area:reform:{area.no}"].row)]
        rows.append([f"{area.no}. {area.name} (%)", *(f"=(SUM({ref}{s.value}{p})+SUM({ref}{s.value}{r}))/{area.weight:g}*100" for p, r in cells for s in (UNIT, TPI))])
    for predicate, gates in sheet.gates.items():
        rows.append([])
        head = len(rows) + 1
        rows.append([predicate, None, None])
        checks = _gate_rows(sheet, lay, gates, totals, first_area)
        rows += checks
        for col in "BC":
            span = f"{col}{head + 1}:{col}{head + len(checks)}"
            met, not_met = _("met"), _("not met")
            rows[head - 1][1 if col == "B" else 2] = f'=IF(COUNTIF({span},"{not_met}")=0,"{met}","{not_met}")'
    rows.append([])
    rows.append([_("LKE {year}: every value is a formula over sheet {name}; a changed answer recomputes").format(year=sheet.year, name=SHEET)])
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            ws.cell(row=r, column=c, value=_text(value))
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 16
    for number in range(first_area - 5, first_area + len(sheet.areas)):
        for col in "BC":
            ws[f"{col}{number}"].number_format = "0.00"


def _gate_rows(sheet: Worksheet, lay: Any, gates: Any, totals: dict[str, int], first_area: int) -> list[list[Any]]:
    ref = f"'{SHEET}'!"
    out: list[list[Any]] = []
    for gate in gates:
        if gate.measure == "area_pct":
            for i, area in enumerate(sheet.areas):
                out.append([_("{gate} ≥ {min:g} %").format(gate=gate_label(f"area:{area.no}"), min=gate.min),
                            *(_verdict(f"{c}{first_area + i}", gate.min) for c in "BC")])  # fmt: skip
            continue
        if gate.measure in ("total", "pengungkit"):
            cells = [f"{c}{totals[gate.measure]}" for c in "BC"]
        else:
            cells = ["SUM(" + ",".join(f"{ref}{side.value}{lay.by_code[code].row}" for code in gate.questions) + ")" for side in (UNIT, TPI)]
        out.append([_("{gate} ≥ {min:g}").format(gate=gate_label(gate.id), min=gate.min), *(_verdict(c, gate.min) for c in cells)])
    return out


def _verdict(cell: str, minimum: float) -> str:
    # The worksheet rounds to two decimals; a 59.999 must not fail a 60 (as zi_plan.lke.score).
    met, not_met = _("met"), _("not met")
    return f'=IF(ROUND(SUM({cell}),2)>={minimum:g},"{met}","{not_met}")'


def evidence_sheet(ws: Any, data: SheetData) -> None:
    """Every piece of evidence of the answers, one per row, each a link where it has one."""
    ws.append([_("Code"), _("Evidence (bukti dukung)")])
    for code, (_value, _note, links) in data.unit.items():
        for text, link in links:
            ws.append([code, text])
            if link:
                ws.cell(row=ws.max_row, column=2).hyperlink = link
                ws.cell(row=ws.max_row, column=2).style = "Hyperlink"
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 90


# ---------------------------------------------------------------- PortalRB


def portal_value(q: Question, value: Optional[AnswerValue]) -> Optional[str]:
    """An answer as PortalRB takes it: text (an option key, a count, an index with a decimal point), or null."""
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def slug(text: str) -> str:
    """A unit id from the institution's name, when none is given: 'KPU-KABUPATEN-TAMBRAUW'."""
    words = re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").upper()
    return re.sub(r"^KOMISI-PEMILIHAN-UMUM", "KPU", words)[:60] or "UNIT"


def portalrb_data(plan: LoadedPlan, journal: Journal, sheet: Worksheet, options: SheetOptions = SheetOptions()) -> dict[str, Any]:
    answers = current(journal)
    reviews = read_rounds(journal).latest_reviews()
    rows = []
    for q in sorted((q for q in sheet.questions if q.soal_id is not None), key=lambda q: q.soal_id or 0):
        a, r = answers.get(q.code), reviews.get(q.code)
        links = [evidence_link(e, options.evidence_url)[0] for e in a.evidence] if a else []
        rows.append({
            "soal_id": q.soal_id, "jawaban_unit": portal_value(q, a.value if a else None), "jawaban_tpi": portal_value(q, r.value if r else None),
            "catatan_unit": a.note if a else None, "bukti_dukung_unit": ";".join(links) or None, "catatan_tpi": r.note if r else None,
        })  # fmt: skip
    return {"unit_id": options.unit_id or slug(plan.institution), "nama_unit": plan.institution, "tahun": sheet.year,
            "kategori": options.kategori, "afirmasi": options.afirmasi, "answers": rows}  # fmt: skip


def to_portalrb(plan: LoadedPlan, journal: Journal, sheet: Worksheet, options: SheetOptions = SheetOptions()) -> bytes:
    """PortalRB's ``GET /lke/jawaban-unit/{unit_id}`` response: every soal, answered or not."""
    return (json.dumps(portalrb_data(plan, journal, sheet, options), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
