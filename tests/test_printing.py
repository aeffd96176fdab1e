"""Documents that print and read well (issue 12, point 10), checked in a real headless Chromium.

Printed to PDF (A4 landscape, as the pages ask) and counted with pypdf; laid
out at 390 pixels wide, as on a phone, with a probe script added to a copy
of the page (the pages themselves carry no script).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import PLAN

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture
def chromium(tmp_path: Path):
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is needed for the browser tests; .ci/run installs it")
        pytest.skip("chromium not installed (apt-get install chromium)")

    def run(*args: str) -> str:
        result = subprocess.run([path, *FLAGS, f"--user-data-dir={tmp_path / 'chromium'}", *args],
                                capture_output=True, text=True, timeout=180, check=True)  # fmt: skip
        return result.stdout

    return run


def _pdf_pages(chromium, page: Path, tmp_path: Path) -> list[str]:
    from pypdf import PdfReader

    pdf = tmp_path / (page.stem + ".pdf")
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    reader = PdfReader(pdf)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width > height  # landscape, as the page's @page asks
    return [p.extract_text() for p in reader.pages]


# Headless Chromium will not make its window narrower than about 500 pixels,
# so the page is laid out in a 390-pixel frame and measured from outside.
PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="phone" src="{src}" style="width:390px;height:844px;border:0"></iframe>
<script>
document.getElementById('phone').addEventListener('load', function () {{
  var doc = this.contentDocument, d = doc.documentElement, wide = [];
  doc.querySelectorAll('table').forEach(function (t) {{
    if (t.getBoundingClientRect().right > d.clientWidth + 1) wide.push(t.id || t.className || 'table');
  }});
  document.body.setAttribute('data-scroll-width', d.scrollWidth);
  document.body.setAttribute('data-client-width', d.clientWidth);
  document.body.setAttribute('data-wide', wide.join(' '));
}});
</script></body></html>"""


def _on_a_phone(chromium, page: Path) -> dict[str, str]:
    probe = page.with_name("probe-" + page.name)
    probe.write_text(PROBE.format(src=page.name), encoding="utf-8")
    dom = chromium("--allow-file-access-from-files", "--hide-scrollbars", "--window-size=800,900",
                   "--virtual-time-budget=5000", "--dump-dom", probe.as_uri())  # fmt: skip
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None
    return dict(re.findall(r'(data-[\w-]+)="([^"]*)"', body.group(1)))


@pytest.fixture
def office(tmp_path: Path, zi) -> Path:
    """Tambrauw with a year of uneven progress: much overdue, some done, one photo."""
    (tmp_path / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"foto absensi")
    for month in range(4, 13):
        assert zi("done", "II.2.a", "-m", str(month), "-e", str(photo), "--note", "Absensi", "--plan", str(plan)).code == 0
    for action, month in (("I.1.a", 4), ("V.1.a", 4), ("V.2.a", 12), ("III.2.a", 1)):
        assert zi("done", action, "-m", str(month), "--plan", str(plan)).code == 0
    return plan


# ---------------------------------------------------------------- the published plan


def test_published_plan_marks_months_neutrally(zi, tmp_path):
    out = tmp_path / "rencana.html"
    assert zi("publish", "-o", str(out), "--plan", str(PLAN)).code == 0
    page = out.read_text(encoding="utf-8")
    assert "✓" not in page  # ✓ means done everywhere else
    cells = re.findall(r'<td class="m([^"]*)">(.*?)</td>', page)
    scheduled = [c for c in cells if "sched" in c[0]]
    assert len(scheduled) == 181 and all(">v<" in text for _cls, text in scheduled)
    assert not any("done" in cls for cls, _text in cells)


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "tr":
            self.rows.append([cls])
        elif tag == "td" and self.rows:
            self.rows[-1].append(cls)


def test_published_plan_names_the_team_on_every_row(zi, tmp_path):
    out = tmp_path / "rencana.html"
    assert zi("publish", "-o", str(out), "--plan", str(PLAN)).code == 0
    parser = _Rows()
    parser.feed(out.read_text(encoding="utf-8"))
    actions = [r for r in parser.rows if r[0] == "action"]
    assert len(actions) == 68 and all(any(c.startswith("team") for c in r[1:]) for r in actions)


@pytest.mark.parametrize("lang", ["id"])
def test_published_plan_prints_with_the_team_on_every_page_and_no_lonely_heading(zi, tmp_path, chromium, lang):
    out = tmp_path / "rencana.html"
    assert zi("--lang", lang, "publish", "-o", str(out), "--plan", str(PLAN)).code == 0
    pages = _pdf_pages(chromium, out, tmp_path)
    assert len(pages) > 1
    import yaml

    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    teams = [t["name"] for t in data["teams"]]
    headings = [f"{c['id']} {c['title']}" for c in data["components"]]
    for number, text in enumerate(pages, 1):
        words = set(text.split())
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if number < len(pages):
            assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
        if "v" in words:  # a page with actions on it (their months are marked v)
            assert any(all(w in words for w in team.split()) for team in teams), f"page {number} names no team"


# ---------------------------------------------------------------- the monev report


@pytest.mark.parametrize(("lang", "month"), [("en", 6), ("id", 12)])
def test_monev_report_of_a_month_prints_on_at_most_four_pages(zi, office, tmp_path, chromium, lang, month):
    out = tmp_path / "monev.html"
    assert zi("--lang", lang, "report", "-m", str(month), "-o", str(out), "--plan", str(office)).code == 0
    pages = _pdf_pages(chromium, out, tmp_path)
    assert len(pages) <= 4, f"{len(pages)} pages"
    text = " ".join(pages)
    for action in ("VI.3.c", "I.1.a", "V.5.e"):  # every team's grid is there
        assert action in text


@pytest.mark.parametrize("command", [("report", "-m", "12"), ("publish",), ("publish", "--decree"), ("evidence", "pack"), ("evidence", "pack", "--by", "lke")])
def test_pages_read_on_a_phone_without_sideways_scrolling(zi, office, tmp_path, chromium, command):
    out = tmp_path / "page.html"
    if "pack" in command:  # the pack's index.html, as an evaluator opens it from the unpacked zip
        import zipfile

        assert zi("--lang", "id", *command, "-o", str(tmp_path / "pack.zip"), "--plan", str(office)).code == 0
        with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
            out.write_bytes(archive.read("index.html"))
    else:
        assert zi("--lang", "id", *command, "-o", str(out), "--plan", str(office)).code == 0
    found = _on_a_phone(chromium, out)
    assert found["data-client-width"] == "390"
    assert int(found["data-scroll-width"]) <= 390, found
    assert found["data-wide"] == "", found


def test_report_links_stored_evidence_to_the_file(zi, office, tmp_path):
    (tmp_path / "rapat").mkdir()
    out = tmp_path / "rapat" / "monev.html"
    assert zi("report", "-m", "4", "-o", str(out), "--plan", str(office)).code == 0
    page = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"><code>II/II\.2/II\.2\.a/2023-04/foto\.jpg', page)
    assert len(links) == 1
    target = (out.parent / unquote(links[0])).resolve()
    assert target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == hashlib.sha256(b"foto absensi").hexdigest()


# ---------------------------------------------------------------- the whole decree (issue 26)


@pytest.mark.parametrize("lang", ["id"])
def test_the_decree_prints_its_body_portrait_then_the_lampiran_landscape(zi, tmp_path, chromium, lang):
    from pypdf import PdfReader

    out = tmp_path / "keputusan.html"
    assert zi("--lang", lang, "publish", "--decree", "-o", str(out), "--plan", str(PLAN)).code == 0
    pdf = tmp_path / "keputusan.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", out.as_uri())
    reader = PdfReader(pdf)
    shapes = ["portrait" if float(p.mediabox[2]) < float(p.mediabox[3]) else "landscape" for p in reader.pages]
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    body = shapes.index("landscape")
    assert 1 <= body <= 4 and set(shapes[body:]) == {"landscape"}, shapes
    assert texts[0].startswith("KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW") and "Menimbang" in texts[0]
    # The signature block closes the body, in place: after the last dictum, before the Lampiran.
    last = " ".join(texts[:body])
    assert last.index("KEEMPAT") < last.index("Ditetapkan di Fef") < last.index("ttd.") < last.index("ABRAHAM YOSIAS IMBIRI") < last.index("Salinan sesuai")
    assert texts[body].startswith("LAMPIRAN I") and "PENANGGUNG JAWAB" in texts[body]
    assert "ABRAHAM YOSIAS IMBIRI" in texts[-1] and "VI.3.c" not in " ".join(texts)  # the Lampiran closes signed too; ids are zi's, not the decree's
