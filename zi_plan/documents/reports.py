"""Documents people print, publish or hand over: the monev report and the plan page.

Built from the plan and the journal (read, never written) through Jinja2
templates in ``zi_plan/templates``, with autoescaping for HTML: no plan or
journal text reaches a page unescaped. Each HTML page is one self-contained
file (CSS inline, no scripts, nothing fetched), printable on A4 landscape.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from zi_plan.documents.pages import decree_date, document_meta, render_page
from zi_plan.errors import ZiError
from zi_plan.i18n import _, month_name
from zi_plan.model.ids import letter
from zi_plan.model.journal import EvidenceEntry, Journal, Record, Withdrawn, withdrawal_text
from zi_plan.model.plan import ActionView, LoadedPlan
from zi_plan.model.status import SYMBOLS, check_month, mark
from zi_plan.progress.completion import completion, team_detail, team_loads
from zi_plan.schema.decree import labels, text_of

# ---------------------------------------------------------------- monev report


@dataclass(frozen=True)
class DoneEntry:
    action: ActionView
    month: int
    record: Record
    evidence: list[tuple[Record, EvidenceEntry]]


def monev_report(plan: LoadedPlan, journal: Journal, month: int, start: int | None = None, fmt: str = "html",
                 base: Path | None = None) -> str:  # fmt: skip
    """The monitoring-and-evaluation report as of ``month`` (period ``start``..``month``).

    ``base`` is the folder the report is written to: stored evidence is linked
    relative to it, so the links work wherever the plan's folder is copied.
    """
    check_month(month)
    start = month if start is None else check_month(start)
    if start > month:
        raise ZiError(
            _("--from {start} comes after --month {month}: the period runs from --from to --month").format(start=start, month=month),
            exit_code=2,
        )
    components, overall = completion(plan, journal, month)
    loads = team_loads(plan, journal)
    teams = []
    for load in loads:
        detail = team_detail(plan, journal, load.team.id, month)
        teams.append({"team": load.team, "detail": detail, "counts": detail.counts()})
    done_in_period: list[DoneEntry] = []
    withdrawn: list[tuple[ActionView, int, Withdrawn]] = []
    overdue: dict[str, list[tuple[ActionView, list[int]]]] = {}
    for action in plan.actions:
        late_months = []
        for m in action.months:
            occ = journal.occurrence(action.id, m)
            if occ.done is not None and start <= m <= month:
                done_in_period.append(DoneEntry(action, m, occ.done, occ.evidence))
            if start <= m <= month:
                withdrawn.extend((action, m, w) for w in occ.withdrawn)
            if mark(occ, month, plan.year) == "overdue":
                late_months.append(m)
        for team in action.teams if late_months else ():  # a shared action in each team's list, as zi due and the team counts have it
            overdue.setdefault(team.name, []).append((action, late_months))
    period = month_name(month) if start == month else f"{month_name(start)} – {month_name(month)}"
    template = "report.html" if fmt == "html" else "report.md"
    return render_page(
        template,
        meta=document_meta(plan),
        month=month,
        start=start,
        period=f"{period} {plan.year}",
        components=components,
        overall=overall,
        teams=teams,
        done=done_in_period,
        overdue=overdue,
        evidence_label=evidence_label,
        evidence_href=lambda entry: evidence_href(journal, entry, base or Path.cwd()),
        withdrawn=withdrawn,
        withdrawal_text=withdrawal_text,
        marks=SYMBOLS,
    )


def evidence_label(entry: EvidenceEntry) -> str:
    """A link as is; a stored file by its path in the evidence folder and its hash."""
    if entry.url:
        return entry.url
    return f"{entry.path} (sha256 {(entry.sha256 or '')[:12]}…)"


def evidence_href(journal: Journal, entry: EvidenceEntry, base: Path) -> str:
    """A link to a stored file, relative to the folder the document is in."""
    assert entry.path is not None
    full = journal.evidence_dir / entry.path
    try:
        relative = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        return full.resolve().as_uri()
    return urllib.parse.quote(Path(relative).as_posix())


# ---------------------------------------------------------------- the plan page


def plan_page(plan: LoadedPlan) -> str:
    """The plan in the decree's own table layout, for the office website."""
    return render_page("publish.html", meta=document_meta(plan), components=plan.components, action_count=len(plan.actions))


# ---------------------------------------------------------------- the whole decree

# The decree is an Indonesian document whatever the interface language: its dates too.
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")


def decree_page(plan: LoadedPlan) -> str:
    """The whole Keputusan: its body on A4 portrait, then the Lampiran's table on A4
    landscape, in the order of the printed decree; a part the plan lacks is a
    placeholder, never made up (zi_plan.schema.decree)."""

    decree = plan.decree

    def given(value: str) -> str | None:
        return None if value.strip() == "..." else value.upper()

    heading = {
        "number_line": f"NOMOR {decree.number.upper()}",
        "date_text": decree_date(plan, lambda day: f"{day.day} {BULAN[day.month - 1]} {day.year}"),
        "place": None if decree.place.strip() == "..." else decree.place,
        "position": given(decree.position),
        "signatory": given(decree.signatory),
        "title": f"Keputusan Nomor {decree.number} — {plan.institution}",
    }

    def letters(index: int) -> str:  # Menimbang: a., b., ...
        return f"{letter(index)}."

    def numbers(index: int) -> str:  # Mengingat, Memperhatikan: 1., 2., ...
        return f"{index + 1}."

    return render_page("decree.html", meta=document_meta(plan), heading=heading, body=text_of(decree), labels=labels(),
                       letters=letters, numbers=numbers, components=plan.components, action_count=len(plan.actions), decree_headers=True)  # fmt: skip
