"""Text from plans, journals, tables and arguments, made safe for a terminal.

Anyone who can edit a shared plan or journal could put escape sequences in
a team name or a note: clear the screen, rewrite earlier lines, or show a
hyperlink (OSC 8) that says one thing and opens another. Everything Rich
prints goes through ``zi_plan.render.tables.InertConsole``, which strips them with ``inert``; one-line messages
(``PATH:LINE:COL: ...``) show them visibly instead, as ``\\x1b``, so that the
user sees what is in the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys

# ESC-led sequences as terminals read them: CSI (ESC [ ... final), OSC / DCS /
# PM / APC strings (up to BEL or ST), and two-character escapes; then their
# one-byte C1 forms.
_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|[ -/]*[0-~]?)"
    r"|\x9b[0-?]*[ -/]*[@-~]?|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline stay)."""
    if _CONTROL.search(text) is None:  # the usual case: nothing to do
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or f"\\x{ord(char):02x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\n``), as repr does."""
    pattern = _CONTROL if keep_newlines else _ANY_CONTROL
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text with C1 controls and DEL written as ``\\u`` escapes (json leaves them raw)."""
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_streams() -> None:
    """Let standard output and error replace what their encoding cannot write
    (and stand in for one the process was started without).

    Redirected to a file on Windows (or with PYTHONIOENCODING=cp1252), a
    '✓' would otherwise stop the command with a UnicodeEncodeError.
    """

    # Started with a stream closed (`>&-`, `2>&-`): Python gives None, and
    # the command would fail on its first line; what it says goes nowhere.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the process)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot be changed: leave it
                reconfigure(errors="replace")
