"""documents.reports: the monev report (period, done with evidence, withdrawn, overdue) and the plan page."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL
from tests.journals import journal_of, late, plan_at, record
from zi_plan.documents.reports import evidence_href, evidence_label, monev_report, plan_page
from zi_plan.errors import ZiError
from zi_plan.model.journal import EvidenceEntry

STORED = EvidenceEntry(path="I/I.1/I.1.a/2024-02/daftar hadir#1.pdf", sha256="ab12" * 16, size=5, name="daftar hadir#1.pdf")


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path)


@pytest.fixture
def journal(plan):
    return journal_of(
        plan,
        record("I.1.a", 1, links=("https://example.org/sk",), note="SK | ditandatangani"),
        record("I.1.b", 2, at=late(2024, 2))._replace(evidence=(STORED,)),
        record("II.1.a", 3, links=("https://example.org/lama",)),
        record("II.1.a", 3, "undo", note="salah foto"),
    )


def _row(text: str, start: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(start))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_markdown_report_of_a_period(plan, journal, tmp_path):
    text = monev_report(plan, journal, 3, start=2, fmt="md", base=tmp_path)
    assert text.splitlines()[0] == "# Monitoring and evaluation report (monev) — February – March 2024"
    assert _row(text, "| I. Manajemen") == ["I. Manajemen Perubahan", "Tim Manajemen Perubahan", "2", "2", "100%", "3", "2", "67%"]
    assert _row(text, "| II. Tata") == ["II. Tata Laksana", "Tim Penguatan Tata Laksana", "1", "0", "0%", "3", "0", "0%"]
    done = _row(text, "| I.1.b")
    assert done[:3] == ["I.1.b", "February", "Agen perubahan ditetapkan"] and done[-1] == r"I/I.1/I.1.a/2024-02/daftar hadir\#1.pdf \(sha256 ab12ab12ab12…\)"
    assert "| I.1.a | January" not in text  # done before the period
    assert "~~https://example.org/lama~~ | reopened 2024-03-20 by Ani: salah foto" in text
    assert text.rstrip().endswith("Nothing is overdue.")  # as of March, March is not over
    later = monev_report(plan, journal, 4, fmt="md")
    assert "### Tim Penguatan Tata Laksana" in later and _row(later, "| II.1.a | Mar") == ["II.1.a", "Mar", "SOP disosialisasikan"]
    assert "### Tim Manajemen Perubahan" not in later


def test_a_component_with_nothing_due_is_at_100_percent(tmp_path):
    plan = plan_at(tmp_path, MINIMAL.replace("months: [3, 4, 5]", "months: [5]"))
    text = monev_report(plan, journal_of(plan), 2, fmt="md")
    assert _row(text, "| II. Tata")[2:5] == ["0", "0", "100%"]
    assert "Nothing was recorded as done in this period." in text


def test_a_note_cannot_break_the_markdown_table(plan, journal):
    text = monev_report(plan, journal, 1, fmt="md")
    assert "SK \\| ditandatangani" in text and "<https://example.org/sk>" in text


def test_html_report_escapes_and_links_stored_evidence_relative_to_the_report(plan, journal, tmp_path):
    (tmp_path / "laporan").mkdir()
    html = monev_report(plan, journal, 3, start=1, base=tmp_path / "laporan")
    assert "<!DOCTYPE html>" in html[:100] or "<html" in html[:200]
    assert 'href="../plan.evidence/I/I.1/I.1.a/2024-02/daftar%20hadir%231.pdf"' in html
    assert "SK | ditandatangani" in html


def test_the_period_must_run_forwards(plan, journal):
    with pytest.raises(ZiError) as caught:
        monev_report(plan, journal, 2, start=3)
    assert caught.value.exit_code == 2 and "--from 3 comes after --month 2" in caught.value.message
    with pytest.raises(ZiError):
        monev_report(plan, journal, 13)


def test_evidence_label():
    assert evidence_label(EvidenceEntry(url="https://example.org/a")) == "https://example.org/a"
    assert evidence_label(STORED) == "I/I.1/I.1.a/2024-02/daftar hadir#1.pdf (sha256 ab12ab12ab12…)"


def test_evidence_href_is_relative_and_quoted(plan, journal, tmp_path):
    assert evidence_href(journal, STORED, tmp_path) == "plan.evidence/I/I.1/I.1.a/2024-02/daftar%20hadir%231.pdf"
    assert evidence_href(journal, STORED, tmp_path / "a" / "b").startswith("../../plan.evidence/")


def test_plan_page_lists_every_action_and_escapes_the_plans_text(tmp_path):
    plan = plan_at(tmp_path, MINIMAL.replace("SOP disosialisasikan", "SOP <script>alert(1)</script>"))
    html = plan_page(plan)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert all(a.indicator.split("<")[0] in html for a in plan.actions)
    assert "Kantor Contoh" in html and "1 Tahun 2024" in html
