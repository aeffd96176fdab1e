"""Lists inside cells: one cell often holds several steps or pieces of evidence.

'1. a 2. b', '1) a' per line, 'a.', 'i.', '-' and '•' items, and plain line
breaks become separate entries without their markers; a line with no marker
under a marked one (an indented or wrapped line) stays with the entry above.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"^(?:(\d{1,2})\s*[.)]|[a-z]\s*[.)]|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\s*[.)]|[-•▪·*–●])\s+", re.IGNORECASE)


def _inline_numbers(text: str, number: int) -> list[str]:
    """'a 2. b 3. c' after a '1.' marker: split where the numbering goes on."""
    out: list[str] = []
    rest = text
    k = number + 1
    while True:
        nxt = re.search(rf"\s{k}\s*[.)]\s+", rest)
        if not nxt:
            out.append(rest.strip())
            return out
        out.append(rest[: nxt.start()].strip())
        rest = rest[nxt.end():]
        k += 1


def _inline_bullets(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s+[•●▪]\s+", text)]


def split_list(text: str) -> list[str]:
    """The entries of a cell: list markers and line breaks split it, markers dropped."""
    lines = [line for line in text.splitlines() if line.strip()]
    marked = [bool(_MARKER.match(line.strip())) for line in lines]
    out: list[str] = []
    for line, has_marker in zip(lines, marked, strict=False):
        stripped = line.strip()
        if has_marker:
            match = _MARKER.match(stripped)
            assert match is not None
            body = stripped[match.end():]
            parts = _inline_numbers(body, int(match.group(1))) if match.group(1) else [body]
            out += [p for part in parts for p in _inline_bullets(part)]
        elif any(marked) and out:
            out[-1] = f"{out[-1]} {stripped}"  # a wrapped or indented line under a list entry
        else:
            out.append(stripped)
    return [o for o in out if o]


def one_line(text: str) -> str:
    """A cell's text as one line (titles and indicators)."""
    return re.sub(r"\s+", " ", text).strip()


def one_text(text: str) -> str:
    """An indicator as one line: a list in the cell ('• a', '• b') joined with '; ', its markers dropped; else its lines joined."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and any(_MARKER.match(line) for line in lines):
        return "; ".join(split_list(text))
    return one_line(text)
