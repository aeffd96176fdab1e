"""documents.pages: the one Jinja2 environment, its filters, and the plan's details every page shows."""

from __future__ import annotations

import datetime as dt

import pytest
from jinja2 import UndefinedError

from tests.conftest import MINIMAL
from tests.journals import plan_at
from zi_plan.documents import pages
from zi_plan.documents.pages import document_meta, long_date, render_page


def test_long_date_in_indonesian(indonesian):
    assert long_date(dt.date(2023, 8, 17)) == "17 Agustus 2023"


def test_long_date_in_english():
    assert long_date(dt.date(2024, 1, 5)) == "5 January 2024"


@pytest.mark.parametrize(("value", "expected"), [
    ("a | b", "a \\| b"),
    ("[klik](javascript:alert(1))", "\\[klik\\]\\(javascript:alert\\(1\\)\\)"),
    ("<b>tebal</b>", "&lt;b&gt;tebal&lt;/b&gt;"),
    ("baris 1\r\nbaris 2", "baris 1<br>baris 2"),
    ("*penting* _miring_ `kode`", "\\*penting\\* \\_miring\\_ \\`kode\\`"),
    (12, "12"),
])  # fmt: skip
def test_markdown_cell_is_plain_text_on_one_line(value, expected):
    assert pages._markdown_cell(value) == expected


def test_markdown_autolink_keeps_a_table_cell_whole():
    assert pages._markdown_autolink("https://example.org/a|b") == "<https://example.org/a\\|b>"


def test_render_page_escapes_html_and_not_markdown(tmp_path):
    plan = plan_at(tmp_path, MINIMAL.replace("Kantor Contoh", "Kantor <i>Contoh</i>"))
    html = render_page("publish.html", meta=document_meta(plan), components=plan.components, action_count=len(plan.actions))
    assert "Kantor <i>Contoh</i>" not in html and "Kantor &lt;i&gt;Contoh&lt;/i&gt;" in html
    assert '<html lang="en">' in html


def test_render_page_follows_the_language(tmp_path, indonesian):
    plan = plan_at(tmp_path)
    html = render_page("publish.html", meta=document_meta(plan), components=plan.components, action_count=len(plan.actions))
    assert '<html lang="id">' in html


def test_a_name_missing_from_the_context_is_an_error_not_a_blank(tmp_path):
    with pytest.raises(UndefinedError):
        render_page("publish.html", components=[], action_count=0)


def test_document_meta_of_a_plan(tmp_path):
    meta = document_meta(plan_at(tmp_path))
    assert meta == {
        "institution": "Kantor Contoh", "title": "Rencana Aksi Contoh", "year": 2024, "decree_number": "1 Tahun 2024",
        "decree_date": "15 January 2024", "decree_place": "Fef", "signatory": "Nama Ketua", "position": "Ketua",
        "generated": long_date(dt.date.today()),
    }  # fmt: skip


def test_the_placeholder_date_is_not_printed_as_a_real_one(tmp_path):
    """zi init/import write 1 January of the plan's year; a document shows it as '...', as the other placeholders."""
    plan = plan_at(tmp_path, MINIMAL.replace("date: 2024-01-15", "date: 2024-01-01"))
    assert document_meta(plan)["decree_date"] == "..."
    assert pages.decree_date(plan, long_date) == "..."
    assert document_meta(plan_at(tmp_path))["decree_date"] == "15 January 2024"
