"""Only http(s) links are recorded or rendered as links; notes are text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.hostile import no_traceback, record

BAD_LINKS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "https://ok.example/ javascript:x",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("url", BAD_LINKS)
@pytest.mark.parametrize("args", [("due", "-m", "4"), ("report", "-m", "4", "-o", "r.html"), ("evidence", "pack", "-o", "p.zip")],
                         ids=lambda a: a[0])  # fmt: skip
def test_a_link_that_is_not_http_is_refused_at_load_with_its_line(zi, office, url, args):
    office.write_journal(record(evidence=[{"url": url}]))
    result = zi(*args, "--plan", str(office.plan))
    assert result.code == 1
    assert f"{office.journal}:10:" in result.err and "http://" in result.err
    assert no_traceback(result.err)
    assert not Path("r.html").exists() and not Path("p.zip").exists()


def _journal_with(office, url: str, note: str = "catatan") -> object:
    """A journal in memory that skipped the checks (as from an old cache): the renderers must still refuse."""
    import datetime as dt

    from zi_plan.model.journal import EvidenceEntry, Journal, Record, replay
    from zi_plan.store.plans import load_plan

    plan = load_plan(office.plan)
    at = dt.datetime(2024, 4, 20, 9, tzinfo=dt.timezone.utc)
    records = [Record("I.1.a", 4, "done", at, "Yulius", note, (EvidenceEntry(url=url),))]
    return plan, Journal(office.journal, office.store, records, replay(records))


@pytest.mark.parametrize("url", BAD_LINKS)
def test_no_page_carries_an_unsafe_href(office, url, tmp_path):
    from zi_plan.documents import pack, reports

    plan, journal = _journal_with(office, url)
    html = reports.monev_report(plan, journal, 4, fmt="html")
    markdown = reports.monev_report(plan, journal, 4, fmt="md")
    pack.build_pack(plan, journal, tmp_path / "p.zip")
    index = zipfile.ZipFile(tmp_path / "p.zip").read("index.html").decode()
    for page in (html, index):
        hrefs = re.findall(r'href="([^"]*)"', page)
        assert all(h.startswith("#") or re.match(r"https?://[^\s]+$", h) for h in hrefs), hrefs
    assert f"<{url}>" not in markdown and f"]({url}" not in markdown


def test_a_safe_link_stays_a_link(office, tmp_path):
    from zi_plan.documents import reports

    plan, journal = _journal_with(office, "https://drive.example/bukti?id=1")
    assert '<a href="https://drive.example/bukti?id=1"' in reports.monev_report(plan, journal, 4, fmt="html")
    assert "<https://drive.example/bukti?id=1>" in reports.monev_report(plan, journal, 4, fmt="md")


def test_a_note_is_text_in_the_markdown_report(office):
    from zi_plan.documents import reports

    plan, journal = _journal_with(office, "https://ok.example/", note="[klik](javascript:alert(1)) ![x](http://t/x.png) `kode` <b>")
    markdown = reports.monev_report(plan, journal, 4, fmt="md")
    assert "[klik](javascript" not in markdown and "![x](" not in markdown and "`kode`" not in markdown
    assert "\\[klik\\]\\(javascript:alert\\(1\\)\\)" in markdown and "&lt;b&gt;" in markdown


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example/x", "file:///etc/passwd"])
def test_the_command_line_takes_only_http_links(zi, office, url):
    result = zi("done", "I.1.a", "-m", "1", "-e", url, "--plan", str(office.plan))
    assert result.code == 1 and "http://" in result.err
    assert not office.journal.exists()
