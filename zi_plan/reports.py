"""Documents people print, publish or hand over: the monev report and the plan page.

Built from the plan and the journal (read, never written) through Jinja2
templates in ``zi_plan/templates``, with autoescaping for HTML: no plan or
journal text reaches a page unescaped. Each HTML page is one self-contained
file (CSS inline, no scripts, nothing fetched), printable on A4 landscape.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zi_plan import i18n
from zi_plan.i18n import month_name, month_short, months_text
from zi_plan.journal import EvidenceEntry, Journal, Record, Withdrawn, withdrawal_text
from zi_plan.plan import ActionView, LoadedPlan
from zi_plan.progress import check_month, mark
from zi_plan.workload import completion, team_detail, team_loads


def long_date(day: dt.date) -> str:
    """'15 April 2023' / '15 April 2023': the date as offices write it."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def _markdown_cell(value: Any) -> str:
    # For Markdown table cells: no raw HTML (many renderers pass it through),
    # no cell breaks, one line.
    text = html.escape(str(value), quote=False)
    return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("zi_plan", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(gettext=i18n._, ngettext=i18n.ngettext, newstyle=False)  # type: ignore[attr-defined]
    env.filters["md"] = _markdown_cell
    env.globals.update(month_name=month_name, month_short=month_short, months_text=months_text, long_date=long_date)
    return env


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(lang=i18n.language(), **context)


def document_meta(plan: LoadedPlan) -> dict[str, Any]:
    decree = plan.decree
    date = decree["date"]
    return {
        "institution": plan.institution,
        "title": plan.title,
        "year": plan.year,
        "decree_number": decree["number"],
        "decree_date": long_date(date) if isinstance(date, dt.date) else str(date),
        "decree_place": decree["place"],
        "signatory": decree["signatory"],
        "position": decree["position"],
        "generated": long_date(dt.date.today()),
    }


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
        start, month = month, start
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
        if late_months:
            overdue.setdefault(action.team.name, []).append((action, late_months))
    period = month_name(month) if start == month else f"{month_name(start)} – {month_name(month)}"
    template = "report.html" if fmt == "html" else "report.md"
    return render(
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
        marks={"open": "○", "done": "✓", "overdue": "✗", "done-late": "◑"},
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
    components = []
    for cid, title in plan.components:
        actions = [a for a in plan.actions if a.component == cid]
        items: list[dict[str, Any]] = []
        for action in actions:
            if not items or items[-1]["id"] != action.item:
                items.append({"id": action.item, "number": action.item.split(".")[-1], "title": action.item_title, "actions": []})
            items[-1]["actions"].append(action)
        teams = list(dict.fromkeys(a.team.name for a in actions))
        components.append({"id": cid, "title": title, "items": items, "teams": teams, "rows": len(actions)})
    return render("publish.html", meta=document_meta(plan), components=components, action_count=len(plan.actions))
