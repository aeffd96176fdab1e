"""Text from a plan, a journal or an argument reaches the terminal inert, in
any output encoding."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import MINIMAL, PLAN, REPO
from tests.hostile import no_traceback, record

CLEAR = "\\e[2J\\e[H"  # in YAML's double quotes: clear the screen, cursor home
LINK = "\\e]8;;https://evil.example\\e\\\\Klik\\e]8;;\\e\\\\"  # an OSC 8 hyperlink in disguise
C1 = "\\x9b31m"  # the one-byte CSI


def _hostile_plan() -> str:
    text = MINIMAL
    # Ending in an escape sequence: its last character is a backslash.
    text = text.replace("institution: Kantor Contoh", f'institution: "Kantor {CLEAR}Contoh {LINK}"')
    text = text.replace("name: Tim Manajemen Perubahan", f'name: "Tim Perubahan {LINK}"')
    text = text.replace("indicator: SK Tim Kerja terbit", f'indicator: "SK {C1}Tim Kerja terbit"')
    text = text.replace("steps: [Menyusun SK]", f'steps: ["Menyusun {CLEAR}SK"]')
    text = text.replace("evidence: [SK Tim Kerja]", f'evidence: ["SK {LINK}"]')
    text = text.replace("title: Tim Kerja", f'title: "Tim {C1}Kerja"')
    text = text.replace("title: Manajemen Perubahan", f'title: "Manajemen {CLEAR}Perubahan"')
    return text


COMMANDS = [
    ("due", "-m", "4"),
    ("due", "-m", "4", "--team", "mp"),
    ("show", "I.1.a"),
    ("team", "mp", "-m", "4"),
    ("teams",),
    ("list",),
    ("progress", "-m", "4"),
    ("verify",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_no_escape_sequence_from_the_plan_or_journal_reaches_the_terminal(zi, office, args):
    office.plan.write_text(_hostile_plan(), encoding="utf-8")
    office.write_journal(record(note="catatan \\e[2J".replace("\\e", "\x1b"), by="Yul\x1b]8;;https://evil\x1b\\ius"))
    result = zi(*args, "--plan", str(office.plan))
    assert result.code == 0, result.err
    for text in (result.out, result.err):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        assert "[/]" not in text and "[bold" not in text  # the text did not break the markup around it
    assert no_traceback(result.err)


def test_json_keeps_the_text_but_escapes_controls(zi, office):
    office.plan.write_text(_hostile_plan(), encoding="utf-8")
    result = zi("show", "I.1.a", "--json", "--plan", str(office.plan))
    assert "\x1b" not in result.out and "\x9b" not in result.out
    data = json.loads(result.out)
    assert data["indicator"] == "SK \x9b31mTim Kerja terbit"  # the data itself is unchanged


def test_arguments_are_inert_too(zi, office):
    result = zi("done", "I.1.a", "-m", "1", "--by", "Yul\x1b[2Jius", "--note", "n\x1b]0;title\x07", "--plan", str(office.plan))
    assert result.code == 0
    assert "\x1b" not in result.out and "Yulius" in result.out
    result = zi("show", "I.1.\x1b[2Ja", "--plan", str(office.plan))
    assert result.code == 1 and "\x1b" not in result.err and "\\x1b" in result.err


def test_validate_quotes_values_visibly(zi, office):
    office.plan.write_text(MINIMAL.replace("year: 2024", 'year: 2024\n"bad\\ekey": 1'), encoding="utf-8")
    for fmt in ("text", "github"):
        result = zi("validate", str(office.plan), "--format", fmt)
        assert result.code == 1
        assert "\x1b" not in result.out and "bad\\x1bkey" in result.out
    result = zi("due", "-m", "4", "--plan", str(office.plan))
    assert result.code == 1 and "\x1b" not in result.err and "bad\\x1bkey" in result.err


def _run(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZI_", "LC_", "LANG"))}
    env |= {"PYTHONIOENCODING": encoding, "ZI_NO_CACHE": "1", "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "zi_plan", *args], capture_output=True, env=env, cwd=REPO, timeout=60, check=False)


@pytest.mark.parametrize("args", [("team", "pengawasan", "-m", "6"), ("--lang", "id", "due", "-m", "4")],
                         ids=lambda a: " ".join(a))  # fmt: skip
def test_a_stream_that_is_not_utf8_gets_replacements_not_a_traceback(args):
    result = _run(*args, "--plan", str(PLAN), encoding="cp1252")
    assert result.returncode == 0, result.stderr.decode("cp1252")
    assert b"Traceback" not in result.stderr
    result.stdout.decode("cp1252")  # what was written is what the stream can hold


def test_json_to_a_stream_that_is_not_utf8_loses_nothing(office):
    office.plan.write_text(MINIMAL.replace("SK Tim Kerja terbit", "SK ✓ Tim Kerja terbit — 東"), encoding="utf-8")
    args = ("show", "I.1.a", "--json", "--plan", str(office.plan))
    utf8 = json.loads(_run(*args, encoding="utf-8").stdout.decode("utf-8"))
    result = _run(*args, encoding="cp1252")
    assert result.returncode == 0 and json.loads(result.stdout.decode("cp1252")) == utf8
    assert utf8["indicator"] == "SK ✓ Tim Kerja terbit — 東"


@pytest.mark.parametrize(
    "args",
    [("due", "--month", "\x1b[2J\x1b]0;owned\x07"), ("due", "--\x1b[2Jx"), ("\x1b[2J",), ("export", "--format", "\x1b[2Jcsv"),
     ("--lang", "id", "team", "x", "-m", "\x9b2J")],
)  # fmt: skip
def test_an_echoed_value_is_inert(zi, args):
    result = zi(*args)
    assert result.code == 2
    assert "\x1b" not in result.err and "\x9b" not in result.err and "\x07" not in result.err
    assert "\\x1b" in result.err or "\\x9b" in result.err


DOCUMENTS = [
    (("report", "-m", "4", "-o", "r.html"), "r.html"), (("report", "-m", "4", "--format", "md", "-o", "r.md"), "r.md"),
    (("publish", "-o", "p.html"), "p.html"), (("export", "--format", "ics", "-o", "c.ics"), "c.ics"),
    (("export", "--format", "csv", "-o", "c.csv"), "c.csv"), (("evidence", "pack", "-o", "e.zip"), "e.zip"),
    (("evidence", "pack", "--by", "lke", "-o", "l.zip"), "l.zip"), (("export", "--format", "xlsx", "-o", "x.xlsx"), "x.xlsx"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "name"), DOCUMENTS, ids=lambda a: a if isinstance(a, str) else "-".join(a[:2]))
def test_no_control_character_reaches_a_document(zi, tmp_path, args, name):
    import zipfile

    plan = tmp_path / "plans" / "kantor.yaml"
    plan.parent.mkdir()
    plan.write_text(_hostile_plan().replace("year: 2024", "year: 2024\nlke: 2026").replace("            months: [1, 4]", "            months: [1, 4]\n            lke: [P.1.i.a]"), encoding="utf-8")
    note = tmp_path / "n.pdf"
    note.write_bytes(b"%PDF")
    assert zi("done", "I.1.a", "-m", "1", "-e", str(note), "--note", "catatan \x1b[2J\x9b31m\x07 bel").code == 0
    result = zi(*args)
    assert result.code == 0, result.err
    data = (tmp_path / name).read_bytes()
    parts = [data]
    if name.endswith((".zip", ".xlsx")):
        with zipfile.ZipFile(tmp_path / name) as archive:
            parts = [archive.read(n) for n in archive.namelist() if n.endswith((".html", ".csv", ".xml"))]
    for part in parts:
        text = part.decode("utf-8", "replace")
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text, name
