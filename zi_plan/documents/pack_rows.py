"""The evidence pack's index rows, written directly: index.csv, and index.html's evidence table.

A pack lists every journal record's evidence, 100,000 rows in a big year. As
a template loop and through ``csv_bytes`` each row cost some 45 µs (Jinja2
looks every name up, and cleans and escapes every value, one at a time);
here both lines of a row cost some 6: what repeats (an action's id and
indicator, a month, a status, a person) is cleaned and escaped once. The text is the
same, byte for byte: each value goes through what the template's ``{{ }}``
does (``inert``, then HTML escaping) or what ``csv_bytes`` does (``inert``,
then ``neutralise``), as tests/documents/test_pack_rows.py checks against
the template loop and ``csv_bytes`` themselves. The rest of the page, the
gaps included, is still pack_index.html.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Optional, TypeVar

from zi_plan.fs.files import neutralise
from zi_plan.i18n import _, month_name, month_short
from zi_plan.inert import inert
from zi_plan.model.journal import EvidenceEntry, Record, withdrawal_text
from zi_plan.model.links import is_safe_link

# One line of the index, a piece of evidence (a file, a link, or either withdrawn):
# (the plan's action, month, the record that added it, the entry, its state
# ("ok", "link", "missing", "changed", "withdrawn" ...), the undo or replace that
# withdrew it, its name in the zip (None for a link)). A plain tuple: the pack
# makes one per record, and a NamedTuple's constructor costs twice as much.
Row = tuple[Any, int, Record, EvidenceEntry, str, Optional[Record], Optional[str]]


V = TypeVar("V")


class _Memo(dict[Any, V]):
    """COMPUTE(value), remembered per value for one index (the values repeat: actions, months, people, states)."""

    def __init__(self, compute: Callable[[Any], V]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, value: Any) -> V:
        text = self[value] = self.compute(value)
        return text


def csv_text(value: str) -> str:
    """A text cell as ``csv_bytes`` writes it: no control characters, no formula, quoted
    as its csv.writer quotes (QUOTE_MINIMAL, ',' between cells, CRLF after a line)."""
    if _PLAIN.search(value) is None and neutralise(value) is value:  # the usual case: nothing to clean or quote
        return value
    text: str = neutralise(inert(value))
    return '"' + text.replace('"', '""') + '"' if _QUOTED.search(text) else text


_QUOTED = re.compile(r'[,"\r\n]')
# What inert removes or csv quotes (any control character, ',' and '"'): past one search, a cell as it is.
_PLAIN = re.compile(r'[\x00-\x1f\x7f-\x9f,"]')


def index_texts(
    columns: list[str], rows: list[Row], gaps: list[dict[str, Any]], status_text: Callable[[str], str], page_rows: bool = True
) -> tuple[bytes, list[str]]:
    """(index.csv, the lines of index.html's evidence table), in one pass over the rows.

    index.csv has a line per piece of evidence, then one per gap, as ``csv_bytes``
    writes them; the HTML lines are what pack_index.html's loop wrote, a row each
    (none unless PAGE_ROWS: past EVIDENCE_ROWS the page lists the evidence per action).
    A sha256 is 64 hex digits and a time's isoformat digits and -:T+. (the
    journal's schema): nothing to clean, quote or escape in either.
    """
    from markupsafe import escape  # Jinja2's own escaping: only with the page

    def html(value: Any) -> str:  # what {{ value }} writes: finalize (inert), then escape
        return str(escape(inert(value) if isinstance(value, str) else value))

    label = {key: html(text) for key, text in (("month", _("Month")), ("file", _("File or link")), ("when", _("When / who")), ("status", _("Status")))}
    not_packed = html(_("not in the pack"))
    # What repeats, cleaned once: an action's cells, a month's, a person's, a status.
    csv_action = _Memo(lambda action: f"{csv_text(action.id)},{csv_text(action.indicator)},")
    csv_by, csv_state = _Memo(csv_text), _Memo(lambda state: csv_text(status_text(state)))
    html_action = _Memo(lambda action: f'<td class="no">{html(action.id)}</td><td>{html(action.indicator)}</td>')
    html_month = _Memo(lambda month: f'<td data-label="{label["month"]}">{html(month_name(month))}</td>')
    html_by, html_state = _Memo(html), _Memo(lambda state: html(status_text(state)))
    lines = [",".join(csv_text(c) for c in columns) + "\r\n"]
    page: list[str] = []
    for action, month, record, entry, state, withdrawn, name in rows:
        url, sha, at = entry.url, entry.sha256 or "", record.at
        iso = at.isoformat()
        csv_status = csv_state[state] if withdrawn is None else csv_text(f"{status_text(state)} ({withdrawal_text(withdrawn)})")
        lines.append(f"{csv_action[action]}{month},{csv_text(url or name or '')},{sha},{entry.size or ''},{csv_by[record.by]},{iso},{csv_status}\r\n")
        if not page_rows:
            continue
        shown = html(url or name)
        if url and is_safe_link(url):
            path = f'<a href="{shown}" rel="noopener noreferrer">{shown}</a>'
        elif withdrawn and not url:
            path = f"<s>{shown}</s> <small>({not_packed})</small>"
        elif state == "ok" and not url:
            path = f'<a href="{shown}">{shown}</a>'
        else:
            path = shown
        kind = "done" if state in ("ok", "link") else ("withdrawn" if withdrawn else "overdue")
        note = f"<br><small>{html(withdrawal_text(withdrawn))}</small>" if withdrawn else ""
        sha_label = ' data-label="SHA-256"' if sha else ""
        when = f"{iso[:10]} {iso[11:16]}" if at.year >= 1000 else f"{at:%Y-%m-%d %H:%M}"  # the template's strftime, faster
        page.append(
            f'      <tr class="card {"withdrawn-row" if withdrawn else "evidence-row"}">{html_action[action]}{html_month[month]}\n'
            f'        <td class="path" data-label="{label["file"]}">{path}</td>\n'
            f'        <td{sha_label}><code>{sha}</code></td>\n'
            f'        <td data-label="{label["when"]}">{when}<br class="phone-hide"> {html_by[record.by]}</td>\n'
            f'        <td data-label="{label["status"]}" class="{kind}">{html_state[state]}{note}</td></tr>\n'
        )  # fmt: skip
    for gap in gaps:
        lines.append(f"{csv_action[gap['action']]}{gap['month']},,,,,,{csv_state['gap-done' if gap['status'] == 'done' else 'gap-open']}\r\n")
    return "".join(lines).encode("utf-8-sig"), page


def action_lines(rows: list[Row], status_text: Callable[[str], str]) -> list[str]:
    """index.html's evidence table past EVIDENCE_ROWS: a line per action, in plan order.

    Its id and indicator, its months with evidence, how many files and links
    count, and what is wrong (missing, changed ...) or withdrawn, by state;
    index.csv has a line for each file and link, with its sha256.
    """
    from markupsafe import escape  # Jinja2's own escaping: only with the page

    def html(value: str) -> str:
        return str(escape(inert(value)))

    label = {key: html(text) for key, text in (("months", _("Months")), ("files", _("Files")), ("links", _("Links")), ("status", _("Status")))}
    grouped: dict[str, tuple[Any, set[int], dict[str, int]]] = {}
    for action, month, _record, _entry, state, _withdrawn, _name in rows:
        group = grouped.get(action.id)
        if group is None:
            group = grouped[action.id] = (action, set(), {})
        group[1].add(month)
        group[2][state] = group[2].get(state, 0) + 1
    # What repeats, made once: a set of months, a mix of states (most actions: all ok).
    months_cell = _Memo(lambda months: f'<td data-label="{label["months"]}">{html(", ".join(month_short(m) for m in sorted(months)))}</td>')
    status_cell = _Memo(lambda states: _status_cell(states, label["status"], status_text, html))
    lines = []
    for action, months, states in grouped.values():
        links = states.get("link", 0)
        files = sum(states.values()) - links - states.get("withdrawn", 0)
        lines.append(
            f'      <tr class="card evidence-row"><td class="no">{html(action.id)}</td><td>{html(action.indicator)}</td>'
            f'{months_cell[frozenset(months)]}<td data-label="{label["files"]}">{files}</td><td data-label="{label["links"]}">{links}</td>'
            f"{status_cell[tuple((k, n) for k, n in states.items() if k not in _SOUND)]}</tr>\n"
        )  # fmt: skip
    return lines


_SOUND = ("ok", "link")


def _status_cell(states: tuple[tuple[str, int], ...], label: str, status_text: Callable[[str], str], html: Callable[[str], str]) -> str:
    """An action's status cell: what is wrong or withdrawn, with how many, in the order met; else "ok"."""
    wrong = ", ".join(f"{n} {status_text(state)}" for state, n in states)
    kind = "done" if not states else ("withdrawn" if all(state == "withdrawn" for state, _n in states) else "overdue")
    return f'<td data-label="{label}" class="{kind}">{html(wrong or status_text("ok"))}</td>'


# Where the rows go in the rendered page: the template's {{ evidence_rows }} writes
# this (no value from a plan or journal can: theirs are escaped), and the rows
# are put in its place (Jinja2 would clean and copy 65 MB of rows at 100,000 once more).
ROWS_HERE = "<!-- zi: evidence rows -->"


def rows_placeholder() -> Any:
    """ROWS_HERE as Markup, for the template."""
    from markupsafe import Markup  # Jinja2's own: only with the page

    return Markup(ROWS_HERE)


def page_with_rows(page: str, rows: list[str]) -> bytes:
    """The page with the rows at ROWS_HERE, as UTF-8."""
    head, tail = page.split(ROWS_HERE)
    return "".join([head, *rows, tail]).encode("utf-8")
