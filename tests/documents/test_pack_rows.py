"""documents.pack_rows: index.csv and index.html's evidence rows, the same text as csv_bytes and the template loop wrote."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import pytest

from tests.journals import plan_at, record
from zi_plan.documents.pack import INDEX_COLUMNS, status_text
from zi_plan.documents.pack_rows import ROWS_HERE, action_lines, index_texts, page_with_rows, rows_placeholder
from zi_plan.documents.pages import _environment
from zi_plan.fs.files import csv_bytes
from zi_plan.model.journal import EvidenceEntry, Record, withdrawal_text

# pack_index.html's evidence loop as it was, the reference for the rows written now.
TEMPLATE_LOOP = """\
    {% for row in entries %}
      <tr class="card {{ 'withdrawn-row' if row.withdrawn else 'evidence-row' }}"><td class="no">{{ row.action.id }}</td><td>{{ row.action.indicator }}</td><td data-label="{{ _('Month') }}">{{ month_name(row.month) }}</td>
        <td class="path" data-label="{{ _('File or link') }}">{% if row.entry.url is safe_link %}<a href="{{ row.entry.url }}" rel="noopener noreferrer">{{ row.entry.url }}</a>{% elif row.entry.url %}{{ row.entry.url }}{% elif row.withdrawn %}<s>{{ row.name }}</s> <small>({{ _("not in the pack") }})</small>{% elif row.state == "ok" %}<a href="{{ row.name }}">{{ row.name }}</a>{% else %}{{ row.name }}{% endif %}</td>
        <td{% if row.entry.sha256 %} data-label="SHA-256"{% endif %}><code>{{ row.entry.sha256 or "" }}</code></td>
        <td data-label="{{ _('When / who') }}">{{ row.record.at.strftime("%Y-%m-%d %H:%M") }}<br class="phone-hide"> {{ row.record.by }}</td>
        <td data-label="{{ _('Status') }}" class="{{ 'done' if row.state in ('ok', 'link') else ('withdrawn' if row.withdrawn else 'overdue') }}">{{ status_text(row.state) }}{% if row.withdrawn %}<br><small>{{ withdrawal_text(row.withdrawn) }}</small>{% endif %}</td></tr>
    {% endfor %}
"""  # fmt: skip

SHA = "ab" * 32
CSI = "\x1b[<&l"  # a terminal sequence holding '<' and '&': made inert before escaping, not after
OSC = "\x1b]8;;http://x\x07"


@pytest.fixture
def rows(tmp_path):
    plan = plan_at(tmp_path)
    a, b = plan.actions[0], plan.actions[1]
    a = a._replace(indicator=f"SK <b>Tim</b> & \"kerja\" {CSI}")  # a plan's text with markup and a sequence
    undo = record(a.id, 1, "undo", by=f"Budi {CSI}", note=f"=salah {OSC} <berkas> & \x07")
    replace = record(a.id, 1, "replace", by="Ani")
    old = dt.datetime(999, 1, 2, 3, 4, tzinfo=dt.timezone.utc)  # strftime's own year
    return [
        (a, 1, record(a.id, 1), EvidenceEntry(path="p/sk.pdf", sha256=SHA, size=7, name="sk.pdf"), "ok", None, "I/a/sk <1>&.pdf"),
        (a, 1, record(a.id, 1, by=f"=HYPERLINK(1) {OSC}"), EvidenceEntry(url="https://example.org/a?b=1&c=<2>"), "link", None, None),
        (a, 1, record(a.id, 1), EvidenceEntry(url="javascript:alert(1)"), "link", None, None),
        (b, 2, record(b.id, 2, by='Ani, "Budi"\nCici\r'), EvidenceEntry(path="p/x.pdf", sha256=SHA, size=3, name="x.pdf"), "missing", None, "I/b/x, y\".pdf"),
        (b, 2, record(b.id, 2), EvidenceEntry(path="p/y.pdf", sha256=SHA, size=3, name="y.pdf"), "changed", None, "I/b/y.pdf"),
        (b, 2, record(b.id, 2), EvidenceEntry(path="../z.pdf", sha256=SHA, size=3, name="z.pdf"), "outside", None, "I/b/z.pdf"),
        (a, 1, record(a.id, 1), EvidenceEntry(path="p/w.pdf", sha256=SHA, size=None, name="w.pdf"), "withdrawn", undo, "I/a/w.pdf"),
        (a, 1, record(a.id, 1), EvidenceEntry(url="https://example.org/old"), "withdrawn", replace, None),
        (b, 12, record(b.id, 12, at=old, by="Lama"), EvidenceEntry(path="p/v", sha256=None, size=0, name="v"), "ok", None, "I/b/v"),
    ]


class Old(NamedTuple):
    """A row as the pack kept it before (a mapping then; fields by name here)."""

    action: Any
    month: int
    record: Record
    entry: EvidenceEntry
    state: str
    withdrawn: Record | None
    name: str | None


def reference_csv(rows, gaps) -> bytes:
    """index.csv as pack._index_csv wrote it, through csv_bytes."""
    lines = [INDEX_COLUMNS]
    for row in map(Old._make, rows):
        state = status_text(row.state)
        if row.withdrawn is not None:
            state += f" ({withdrawal_text(row.withdrawn)})"
        lines.append([row.action.id, row.action.indicator, row.month, row.entry.url or row.name, row.entry.sha256 or "", row.entry.size or "",
                      row.record.by, row.record.at.isoformat(), state])  # fmt: skip
    for gap in gaps:
        lines.append([gap["action"].id, gap["action"].indicator, gap["month"], "", "", "", "", "", status_text("gap-done" if gap["status"] == "done" else "gap-open")])
    return csv_bytes(lines)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_rows_are_the_template_loops_and_csv_bytes_text(rows, lang, request):
    if lang == "id":
        request.getfixturevalue("indonesian")
    gaps = [{"action": rows[0][0], "month": 3, "status": "done"}, {"action": rows[3][0], "month": 4, "status": "open"}]
    csv_text, html_rows = index_texts(INDEX_COLUMNS, rows, gaps, status_text)
    assert csv_text == reference_csv(rows, gaps)
    loop = _environment().from_string(TEMPLATE_LOOP).render(entries=[Old._make(r) for r in rows], status_text=status_text, withdrawal_text=withdrawal_text)
    assert "".join(html_rows) == loop
    assert "\x1b" not in loop and "&lt;1&gt;&amp;" in loop and "javascript:alert(1)</td>" in loop  # the cases are there


def test_the_rows_go_where_the_template_wrote_the_placeholder():
    page = _environment().from_string("<tbody>\n{{ rows }}</tbody>\n{{ text }}").render(rows=rows_placeholder(), text=ROWS_HERE)
    assert page.count(ROWS_HERE) == 1  # a text that holds it is escaped
    rows = [f"<tr>{n}</tr>\n" for n in range(3)]
    assert page_with_rows(page, rows) == page.replace(ROWS_HERE, "".join(rows), 1).encode("utf-8")


def test_action_lines_count_each_actions_evidence_and_escape_its_text(rows, indonesian):
    a, b = action_lines(rows, status_text)
    assert a.startswith('      <tr class="card evidence-row"><td class="no">I.1.a</td><td>SK &lt;b&gt;Tim&lt;/b&gt; &amp; &#34;kerja&#34; ')
    assert "\x1b" not in a and a.endswith(
        '<td data-label="Bulan">Jan</td><td data-label="Berkas">1</td><td data-label="Tautan">2</td>'
        '<td data-label="Status" class="withdrawn">2 ditarik</td></tr>\n'
    )  # fmt: skip
    assert '<td data-label="Bulan">Feb, Des</td><td data-label="Berkas">4</td><td data-label="Tautan">0</td>' in b
    assert 'class="overdue">1 hilang, 1 berubah, 1 ' in b
