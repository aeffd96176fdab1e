"""Reports, the plan page, exports and the evidence pack, checked against plan and journal."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan.store.plans import load_plan

WIB = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture
def office(tmp_path: Path, zi):
    """The Tambrauw plan with a little progress: two done occurrences, one with a file."""
    (tmp_path / "plans").mkdir()
    plan_path = Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8 foto absensi")
    assert zi("done", "II.2.a", "-m", "4", "-e", str(photo), "--note", "Absensi & rekap", "--by", "Yulius", "--plan", str(plan_path)).code == 0
    assert zi("done", "I.1.a", "-m", "4", "-e", "https://drive.example.go.id/sk-tim", "--by", "Abraham", "--plan", str(plan_path)).code == 0
    return plan_path


class _Collector(HTMLParser):
    """Rows of a page by class, and their text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.ids: dict[str, list[str | None]] = {}
        self.body_attrs: dict[str, str | None] = {}
        self._current: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body_attrs = attrs
        if tag == "tr" and attrs.get("class"):
            self._current = self.rows.setdefault(attrs["class"], [])
            self._current.append("")
            self.ids.setdefault(attrs["class"], []).append(attrs.get("data-id"))
        if tag == "td" and self._current is not None:
            self._current[-1] += " "

    def handle_endtag(self, tag):
        if tag == "tr":
            self._current = None

    def handle_data(self, data):
        self.text.append(data)
        if self._current is not None:
            self._current[-1] += data


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_report_html(zi, office, tmp_path):
    out = tmp_path / "monev.html"
    result = zi("report", "--month", "4", "-o", str(out), "--plan", str(office))
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    parsed = _parse(page)
    assert "<script" not in page and "http-equiv" not in page and "<link" not in page  # self-contained, nothing runs
    assert "@page { size: A4 landscape" in page and 'name="viewport"' in page
    done_rows = parsed.rows["done-row"]
    assert parsed.ids["done-row"] == ["I.1.a", "II.2.a"]
    assert "II/II.2/II.2.a/2023-04/foto.jpg" in done_rows[1] and "Absensi & rekap" in done_rows[1]
    assert "https://drive.example.go.id/sk-tim" in done_rows[0]
    overdue_ids = set(parsed.ids["overdue-row"])
    plan = load_plan(office)
    expected = {a.id for a in plan.actions if any(m < 4 for m in a.months)}
    assert overdue_ids == expected
    assert "Absensi &amp; rekap" in page  # escaped, not raw


def test_report_period_and_markdown(zi, office):
    result = zi("report", "--month", "6", "--from", "4", "--format", "md", "-o", "-", "--plan", str(office))
    assert result.code == 0
    md = result.out
    assert md.startswith("# Monitoring and evaluation report (monev) — April – June 2023")
    assert "| I.1.a | April |" in md and "| II.2.a | April |" in md
    assert "Absensi &amp; rekap" in md
    total = next(line for line in md.splitlines() if line.startswith("| Total |"))
    assert "| 181 | 2 |" in total


def test_report_in_indonesian(zi, office):
    md = zi("--lang", "id", "report", "-m", "4", "--format", "md", "-o", "-", "--plan", str(office)).out
    assert "Laporan monitoring dan evaluasi (monev) — April 2023" in md
    assert "Capaian per komponen" in md and "Terlambat" in md and "Bukti dukung" in md


def test_report_rejects_an_unknown_format(zi, office):
    assert zi("report", "--format", "pdf", "--plan", str(office)).code == 2


def test_publish_page(zi, tmp_path):
    out = tmp_path / "rencana.html"
    assert zi("publish", "-o", str(out), "--plan", str(PLAN)).code == 0
    page = out.read_text(encoding="utf-8")
    parsed = _parse(page)
    assert len(parsed.rows["action"]) == 68
    assert len(parsed.rows["component"]) == 6
    assert page.count(">v</span>") == 181  # the decree's mark for a scheduled month
    assert "439 Tahun 2023" in page and "15 April 2023" in page and "Komisi Pemilihan Umum Kabupaten Tambrauw" in page


def test_default_output_name_and_stdout(zi, tmp_path):
    assert zi("publish", "--plan", str(PLAN)).code == 0
    assert (tmp_path / "action-plan-2023.html").is_file()
    assert zi("--lang", "id", "publish", "--plan", str(PLAN)).code == 0
    assert (tmp_path / "rencana-aksi-2023.html").is_file()


def test_export_csv(zi, office):
    result = zi("export", "--format", "csv", "--month", "4", "-o", "-", "--plan", str(office))
    rows = list(csv.reader(io.StringIO(result.out.lstrip("\ufeff"))))
    header = rows[0]
    assert header[:5] == ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK"]
    assert header[5:17] == [str(m) for m in range(1, 13)] and header[17] == "PENANGGUNG JAWAB"
    actions = [r for r in rows[1:] if r[18]]
    components = [r for r in rows[1:] if not r[18]]
    assert len(actions) == 68 and [r[0] for r in components] == ["I", "II", "III", "IV", "V", "VI"]
    plan = load_plan(office)
    for row in actions:
        action = plan.by_id[row[18]]
        assert [m for m in range(1, 13) if row[4 + m] == "v"] == list(action.months)
    by_id = {r[18]: r for r in actions}
    assert by_id["II.2.a"][19] == "4" and by_id["II.2.a"][21] == "1/9"
    assert by_id["III.5.a"][20] == "1, 2, 3"  # overdue as of April
    assert by_id["II.1.a"][3] == "1. Seluruh pegawai telah mengetahui SOP yang telah ditetapkan\n2. SOP tersedia di ruang pelayanan\n3. Melaksanakan evaluasi dokumen SOP"


def test_csv_neutralises_formulas(zi, write_plan):
    text = MINIMAL.replace("indicator: SK Tim Kerja terbit", "indicator: \"=HYPERLINK('http://x','klik')\"").replace(
        "steps: [Menyusun SK]", "steps: ['+1 langkah', '@SUM(A1)', '-2']"
    )
    rows = list(csv.reader(io.StringIO(zi("export", "--format", "csv", "-m", "1", "-o", "-", "--plan", str(write_plan(text))).out.lstrip("\ufeff"))))
    row = next(r for r in rows if r[18] == "I.1.a")
    assert row[2] == "'=HYPERLINK('http://x','klik')"
    assert row[3] == "1. +1 langkah\n2. @SUM(A1)\n3. -2"  # numbered: no cell starts with a formula sign


def test_export_xlsx(zi, office, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "rencana.xlsx"
    assert zi("export", "--format", "xlsx", "-m", "4", "-o", str(out), "--plan", str(office)).code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Rekap", "January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December", "Keputusan"]  # fmt: skip
    recap = list(book["Rekap"].iter_rows(values_only=True))
    assert recap[0][:3] == ("NO", "KOMPONEN", "INDIKATOR")
    assert sum(1 for r in recap[1:] if r[18]) == 68
    april = list(book["April"].iter_rows(values_only=True))
    assert len(april) == 1 + 23
    done = {r[0]: r for r in april[1:] if r[4] in ("done", "done, late")}
    assert set(done) == {"I.1.a", "II.2.a"} and done["II.2.a"][6] == "Yulius"
    assert done["II.2.a"][8] == "II/II.2/II.2.a/2023-04/foto.jpg"


def test_xlsx_keeps_formula_text_as_text(zi, write_plan, tmp_path):
    from openpyxl import load_workbook

    path = write_plan(MINIMAL.replace("indicator: SK Tim Kerja terbit", "indicator: '=1+1'"))
    out = tmp_path / "x.xlsx"
    zi("export", "--format", "xlsx", "-m", "1", "-o", str(out), "--plan", str(path))
    cell = next(row[2] for row in load_workbook(out)["Rekap"].iter_rows() if row[18].value == "I.1.a")
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_export_ics(zi, office):
    from icalendar import Calendar

    result = zi("export", "--format", "ics", "-o", "-", "--plan", str(office))
    calendar = Calendar.from_ical(result.out)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 181
    uids = {str(e["uid"]) for e in events}
    assert len(uids) == 181
    april_ii2a = next(e for e in events if str(e["uid"]).startswith("tambrauw-2023-II.2.a-2023-04"))
    assert str(april_ii2a["summary"]).startswith("✓ [II.2.a]")
    assert april_ii2a.decoded("dtstart") == dt.date(2023, 4, 30)
    assert not april_ii2a.walk("VALARM")  # done: no reminder
    may = next(e for e in events if str(e["uid"]).startswith("tambrauw-2023-II.2.a-2023-05"))
    (alarm,) = may.walk("VALARM")
    assert alarm.decoded("trigger") == -dt.timedelta(days=3)
    assert "Tim Penguatan Tata Laksana" in str(may["description"])
    team = Calendar.from_ical(zi("export", "--format", "ics", "--team", "pengawasan", "-o", "-", "--plan", str(office)).out)
    assert len(team.walk("VEVENT")) == 51


def test_export_unknown_format(zi):
    result = zi("export", "--format", "pdf", "--plan", str(PLAN))
    assert result.code == 2 and "'csv', 'xlsx', 'ics'" in result.err and "Traceback" not in result.err


def test_evidence_pack(zi, office, tmp_path):
    out = tmp_path / "pack.zip"
    result = zi("evidence", "pack", "-o", str(out), "--plan", str(office))
    assert result.code == 0, result.err
    assert "1 file, 1 link, 179 gaps" in result.out
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert "II/II.2/II.2.a/2023-04/foto.jpg" in names and "index.html" in names and "index.csv" in names
        assert archive.read("II/II.2/II.2.a/2023-04/foto.jpg") == b"\xff\xd8 foto absensi"
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        index = archive.read("index.html").decode("utf-8")
    files = [r for r in rows[1:] if r[8] in ("ok", "link")]
    gaps = [r for r in rows[1:] if r[8].startswith("gap")]
    assert {(r[0], r[2], r[8]) for r in files} == {("II.2.a", "4", "ok"), ("I.1.a", "4", "link")}
    import hashlib

    assert next(r for r in files if r[0] == "II.2.a")[4] == hashlib.sha256(b"\xff\xd8 foto absensi").hexdigest()
    assert len(gaps) == 179 and ("III.5.a", "1") in {(r[0], r[2]) for r in gaps}
    assert len(_parse(index).rows["gap-row"]) == 179


def test_thousands_of_gaps_are_listed_per_action(zi, write_plan, tmp_path):
    action = "          - indicator: Laporan bulanan\n            steps: [Menyusun laporan]\n            evidence: [Laporan]\n            months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n"
    path = write_plan(MINIMAL.rstrip("\n") + "\n" + action * 100)
    out = tmp_path / "pack.zip"
    result = zi("evidence", "pack", "-o", str(out), "--plan", str(path))
    assert result.code == 0, result.err
    assert "1206 gaps" in result.out  # 100 actions x 12 months, and the 6 of MINIMAL
    with zipfile.ZipFile(out) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        index = archive.read("index.html").decode("utf-8")
    assert len([r for r in rows[1:] if r[8].startswith("gap")]) == 1206  # the CSV keeps a row per occurrence
    assert len(_parse(index).rows["gap-row"]) == 103  # the page, a row per action
    assert "1206 gaps in 103 actions" in index and "Jan, Feb, Mar" in index


def test_evidence_pack_reports_changed_files(zi, office, tmp_path):
    stored = office.parent / "tambrauw-2023.evidence/II/II.2/II.2.a/2023-04/foto.jpg"
    stored.write_bytes(b"tampered")
    out = tmp_path / "pack.zip"
    result = zi("evidence", "pack", "-o", str(out), "--plan", str(office))
    assert result.code == 1 and "changed" in result.out
    with zipfile.ZipFile(out) as archive:
        assert "II/II.2/II.2.a/2023-04/foto.jpg" not in archive.namelist()
        assert "changed" in archive.read("index.csv").decode("utf-8-sig")


def test_reports_never_write_the_journal(zi, office, tmp_path):
    journal = office.parent / "tambrauw-2023.progress.yaml"
    before = journal.read_bytes()
    for args in (("report", "-m", "4"), ("publish",), ("export", "--format", "xlsx"), ("evidence", "pack")):
        assert zi(*args, "--plan", str(office)).code == 0
    assert journal.read_bytes() == before


# ---------------------------------------------------------------- a real browser

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture
def browser(tmp_path):
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is needed for the browser tests; .ci/run installs it")
        pytest.skip("chromium not installed (apt-get install chromium)")

    def dump(page: Path) -> str:
        result = subprocess.run(
            [path, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return result.stdout

    return dump


def test_browser_renders_all_68_actions(zi, tmp_path, browser):
    out = tmp_path / "rencana.html"
    zi("publish", "-o", str(out), "--plan", str(PLAN))
    dom = _parse(browser(out))
    assert len(dom.rows["action"]) == 68
    assert len(dom.rows["component"]) == 6


def test_browser_shows_hostile_text_as_text(zi, write_plan, tmp_path, browser):
    hostile = "<script>document.body.setAttribute('data-pwned','script')</script> & <img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
    text = MINIMAL.replace("indicator: SK Tim Kerja terbit", "indicator: " + json.dumps(hostile)).replace(
        "title: Tim Kerja", "title: 'Tim <b>Kerja</b> & Co'"
    )
    path = write_plan(text)
    for args, name in ((("publish",), "p.html"), (("report", "-m", "4"), "r.html")):
        out = tmp_path / name
        assert zi(*args, "-o", str(out), "--plan", str(path)).code == 0
        dom = _parse(browser(out))
        assert "data-pwned" not in dom.body_attrs
        visible = "".join(dom.text)
        assert "<script>document.body.setAttribute('data-pwned','script')</script> & <img" in visible
    assert "Tim <b>Kerja</b> & Co" in "".join(_parse(browser(tmp_path / "p.html")).text)
