"""inert: text from plans, journals and arguments made safe for a terminal."""

from __future__ import annotations

import io
import json
import sys

import pytest

from zi_plan.inert import inert, json_safe, safe_streams, visible

ESC = "\x1b"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Tim Pengawasan", "Tim Pengawasan"),
        ("baris satu\n\tbaris dua", "baris satu\n\tbaris dua"),  # tab and newline stay
        (f"{ESC}[2J{ESC}[HTim", "Tim"),  # clear the screen, cursor home
        (f"{ESC}[31;1mmerah{ESC}[0m", "merah"),
        (f"{ESC}]8;;https://evil.example{ESC}\\kpu.go.id{ESC}]8;;{ESC}\\", "kpu.go.id"),  # an OSC 8 hyperlink, ST-terminated
        (f"{ESC}]0;judul palsu\x07Tim", "Tim"),  # a window title, BEL-terminated
        (f"{ESC}P+q\x9cTim", "Tim"),  # DCS ended by the one-byte ST
        ("\x9b2JTim", "Tim"),  # the one-byte CSI
        ("\x9d8;;https://evil.example\x07Tim", "Tim"),  # the one-byte OSC
        (f"{ESC}7Tim{ESC}8", "Tim"),  # save and restore the cursor
        ("a\rb\x08c\x00d\x7fe", "abcde"),  # carriage return, backspace, NUL, DEL
        (f"tidak ditutup {ESC}]8;;https://x", "tidak ditutup "),  # a string never terminated runs to the end
        ("Tanggal 5–6 · ✓ · é", "Tanggal 5–6 · ✓ · é"),
    ],
)
def test_inert_strips_sequences_and_controls(text, shown):
    assert inert(text) == shown


def test_inert_leaves_no_escape_whatever_the_input():
    nasty = "".join(chr(c) for c in range(0x00, 0xA0)) * 3 + f"{ESC}[{ESC}]{ESC}"
    assert not any(0x00 <= ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in inert(nasty))


def test_visible_shows_what_is_in_the_file():
    assert visible(f"Tim{ESC}[2J\nbaris\t\r") == "Tim\\x1b[2J\\nbaris\\t\\r"
    assert visible(f"a\n{ESC}b", keep_newlines=True) == "a\n\\x1bb"
    assert visible("\x85\x00") == "\\x85\\x00"
    assert visible("biasa saja") == "biasa saja"


def test_json_safe_escapes_what_json_leaves_raw():
    text = json.dumps({"note": "a\x7fb\x9bc\x1bd"}, ensure_ascii=False)
    safe = json_safe(text)
    assert "\x7f" not in safe and "\x9b" not in safe and "\\u007f" in safe and "\\u009b" in safe
    assert json.loads(safe) == {"note": "a\x7fb\x9bc\x1bd"}  # the same data


def test_safe_streams_stand_in_for_a_closed_stream(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    safe_streams()
    assert sys.stdout is not None and sys.stderr is not None
    print("goes nowhere")
    sys.stderr.write("neither does this\n")
    opened = (sys.stdout, sys.stderr)
    monkeypatch.undo()
    for stream in opened:
        stream.close()


def test_safe_streams_replace_what_the_encoding_cannot_write(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    safe_streams()
    stream.write("✓ selesai\n")
    stream.flush()
    assert raw.getvalue() == b"? selesai\n"


def test_safe_streams_leave_a_stream_that_already_chose_alone(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", stream)
    safe_streams()
    assert stream.errors == "backslashreplace"
