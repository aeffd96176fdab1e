"""What zi prints about evidence: `zi show`'s tables, `zi evidence replace` and `restore`.

Paths and links of evidence that counts are printed whole on lines of their
own, never in a table cell: people copy them, and a cell would break them.
Withdrawn evidence (history, with when, by whom and why) wraps to the width.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from zi_plan.i18n import _, month_name, months_text, ngettext
from zi_plan.inert import inert
from zi_plan.model.plan import lke_suffix
from zi_plan.render.fit import first_fitting
from zi_plan.render.tables import console, esc, new_table, status_text
from zi_plan.store.workspace import shown


def show_tables(data: dict[str, Any], width: int | None = None) -> list[RenderableType]:
    """`zi show`: the action's texts, then its occurrences, then the paths of their evidence.

    Paths and links are printed whole on lines of their own, never in a
    table cell: people copy them, and a cell would break them.
    """
    teams = ", ".join(data.get("teams") or [data["team"]])
    about = new_table(title=f"[bold]{esc(data['id'])}[/] — {esc(teams)}")
    about.add_column("", style="bold")
    about.add_column("")
    about.show_header = False
    about.add_row(_("Component"), esc(f"{data['component']}. {data['component_title']}"))
    about.add_row(_("Item"), esc(f"{data['item']}. {data['item_title']}"))
    about.add_row(_("Indicator"), esc(data["indicator"] + lke_suffix(data.get("lke"))))
    about.add_row(_("Steps"), esc("\n".join(f"{i}. {s}" for i, s in enumerate(data["steps"], 1))))
    about.add_row(_("Evidence expected"), esc("\n".join(f"- {e}" for e in data["evidence_expected"])))
    about.add_row(_("Months"), months_text(data["months"]) if data["months"] else _("not scheduled"))
    if data.get("source_id"):
        about.add_row(_("Source code"), esc(data["source_id"]))
    if data.get("draft"):
        about.add_row(_("Draft"), _("draft: no steps or evidence yet"))
    occ = first_fitting([lambda: _occurrence_table(data, True), lambda: _occurrence_table(data, False)], width or console().width)
    lines: list[RenderableType] = []
    for o in data["occurrences"]:
        for e in data["evidence"]:
            if e["month"] == o["month"]:
                lines.append(_path_line(f"{month_name(o['month'])}: {e.get('url') or e['path']}"))
        for e in data.get("withdrawn_evidence", ()):
            if e["month"] == o["month"]:
                text = f"{month_name(o['month'])}: {e.get('url') or e['path']} ({withdrawn_text(e['withdrawn'])})"
                # Withdrawn files are history, not for copying: wrapped to the width like every other line.
                lines.append(Text("\n".join(wrap_at_slash(inert(text), width or console().width)), style="dim", no_wrap=True))
    if lines:
        lines.insert(0, Text(_("Evidence") + ":", style="bold"))
    return [about, occ, *lines]


def _occurrence_table(data: dict[str, Any], split: bool) -> Table:
    """Month, status, when/who, note, evidence count; narrow: the last three in one cell."""
    occ = new_table(title=_("Occurrences"))
    occ.add_column(_("Month"), no_wrap=True)
    occ.add_column(_("Status"))
    if split:
        occ.add_column(_("When / who"))
        occ.add_column(_("Note"))
        occ.add_column(_("Evidence"))
    else:
        occ.add_column(_("When / who") + " · " + _("Note") + " · " + _("Evidence"))
    for o in data["occurrences"]:
        current = sum(e["month"] == o["month"] for e in data["evidence"])
        withdrawn = sum(e["month"] == o["month"] for e in data.get("withdrawn_evidence", ()))
        count = ngettext("{n} file or link", "{n} files or links", current).format(n=current) if current else ""
        if withdrawn:
            count += ("\n" if count else "") + "[dim]" + ngettext("{n} withdrawn", "{n} withdrawn", withdrawn).format(n=withdrawn) + "[/]"
        who = f"{o['done_at'][:10]} {o['done_at'][11:16]} {o['done_by']}" if o["done_at"] else ""
        cells = [esc(who), esc(o["note"] or ""), count]
        if not split:
            cells = ["\n".join(c for c in cells if c)]
        overdue = o.get("mark") == "overdue"  # open after its month ended: as zi team and zi due say
        occ.add_row(month_name(o["month"]), "[bold red]" + _("overdue") + "[/]" if overdue else status_text(o["status"], o.get("mark") == "done-late"), *cells)
    return occ


def _path_line(text: str, style: str = "") -> Text:
    # Never wrapped or cut by zi: the terminal shows it whole, to copy.
    return Text("  " + inert(text), style=style, no_wrap=True, overflow="ignore")


def withdrawn_text(how: dict[str, Any]) -> str:
    """'withdrawn: reopened 2023-05-02 by Yulius: foto salah': how a file of `zi show` stopped counting, and why."""
    template = _("withdrawn: reopened {date} by {by}") if how["event"] == "undo" else _("withdrawn: replaced {date} by {by}")
    text = template.format(date=how["at"][:10], by=how["by"])
    return f"{text}: {how['note']}" if how.get("note") else text


def wrap_at_slash(text: str, width: int, indent: str = "  ", more: str = "      ") -> list[str]:
    """TEXT in lines of at most WIDTH, broken at spaces or after a '/' (a path stays readable and copyable in pieces)."""
    lines, line = [], indent
    for piece in re.findall(r"[^ /]*/|[^ /]+ *| +", text):
        if len(line) + len(piece.rstrip()) > width and line.strip():
            lines.append(line.rstrip())
            line = more
        while len(line) + len(piece.rstrip()) > width and len(more) < width:  # a word longer than a line: fold it
            cut = width - len(line)
            lines.append(line + piece[:cut])
            line, piece = more, piece[cut:]
        line += piece
    lines.append(line.rstrip())
    return lines


def print_replaced(result: Any, year: int) -> None:
    """`zi evidence replace`: what was withdrawn, what is kept instead, and the journal."""
    from zi_plan.store.evidence import path_for_user  # the evidence store pulls hashing and the atomic writers (~10 ms): only commands that touch evidence pay

    record, old, new = result.record, result.old, result.new
    out = console()
    what = f"[bold]{record.action}[/] {month_name(record.month)} {year}"
    out.print(_("replaced evidence of {what} — by {by}").format(what=what, by=esc(record.by)))
    if old.url:  # a link has no hash and nothing in the store
        out.print("  " + _("withdrawn link {url}").format(url=esc(old.url)), soft_wrap=True)
    else:
        withdrawn = path_for_user(result.journal, old.path)
        out.print("  " + _("withdrawn {path}  (sha256 {sha}…, kept in the store)").format(path=esc(withdrawn), sha=(old.sha256 or "")[:12]), soft_wrap=True)
    if new.url:
        out.print("  " + _("link   {url}").format(url=esc(new.url)), soft_wrap=True)
    else:
        where = path_for_user(result.journal, new.path)
        out.print("  " + _("stored {path}  (sha256 {sha}…, {size} bytes)").format(path=esc(where), sha=new.sha256[:12], size=new.size), soft_wrap=True)
    out.print("  " + _("journal {path}").format(path=esc(str(shown(result.journal.path)))), soft_wrap=True)


def print_restored(result: Any) -> None:
    """`zi evidence restore`: the file put back (or that it was intact), a damaged copy kept, the journal."""
    from zi_plan.store.evidence import path_for_user  # the evidence store pulls hashing and the atomic writers (~10 ms): only commands that touch evidence pay

    out = console()
    where = esc(path_for_user(result.journal, result.old.path))
    if result.record is None:
        out.print(_("{path} is intact (its sha256 is the recorded one); nothing to restore").format(path=where), soft_wrap=True)
        return
    out.print(_("restored {path}  (sha256 {sha}…)").format(path=where, sha=(result.old.sha256 or "")[:12]), soft_wrap=True)
    for aside in result.record.replaces:
        out.print("  " + _("the damaged copy is kept as {path}").format(path=esc(path_for_user(result.journal, aside.path))), soft_wrap=True)
    out.print("  " + _("journal {path}").format(path=esc(str(shown(result.journal.path)))), soft_wrap=True)
