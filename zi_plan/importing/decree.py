"""The decree's body in a Word decree: what `zi import keputusan.docx` reads besides its table.

A Keputusan drafted in Word opens with its body (heading, Menimbang,
Mengingat, MEMUTUSKAN, Menetapkan, the dicta, the signature, the certified
copy, Tembusan) and ends with the Lampiran's table. The body is read as
lines, in document order: paragraphs as they are, and the rows of the
borderless tables offices lay Menimbang and Mengingat out with ("Menimbang |
: | a. | bahwa ..."), up to the Lampiran (a line starting LAMPIRAN, or the
plan's table). Parts are found by the decree's own words; a part the
document lacks stays out of the plan, never made up (zi_plan.schema.decree).
Texts are kept as written; only a name typed in capitals (as decrees print
the signatory's) is written in the plan as a name.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.fs.fsguard import read_regular
from zi_plan.importing.grid import cell_text
from zi_plan.model.months import parse_month

_SECTION = re.compile(r"^(Menimbang|Mengingat|Memperhatikan|Menetapkan)\s*:?\s*(.*)$", re.IGNORECASE)
_DICTUM = re.compile(r"^(KE[A-Z]{3,12}|PERTAMA)\s*:\s*(.*)$")
_DECIDES = re.compile(r"^MEMUTUSKAN\s*:?$", re.IGNORECASE)
_KIND = re.compile(r"^(SURAT\s+)?(KEPUTUSAN|PERATURAN)\b")
_NUMBER = re.compile(r"^NOMOR\s*:?\s*(.+?)(?:\s+TENTANG\s*(.*))?$", re.IGNORECASE)
_ABOUT = re.compile(r"^TENTANG\s*:?\s*(.*)$", re.IGNORECASE)
_PLACE = re.compile(r"^Ditetapkan\s+di\s*:?\s*(.+)$", re.IGNORECASE)
_DATE = re.compile(r"^(?:pada\s+)?tanggal\s*:?\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$", re.IGNORECASE)
_NIP = re.compile(r"^NIP\.?\s*:?\s*([\d ]{18,24})$", re.IGNORECASE)
_COPY = re.compile(r"^Salinan\s+sesuai\s+dengan\s+aslinya", re.IGNORECASE)
_COPIES = re.compile(r"^Tembusan\s*(?:Yth\.?)?\s*:?\s*(.*)$", re.IGNORECASE)
_TTD = re.compile(r"^(ttd|TTD)\.?$")
_ELECTRONIC = re.compile(r"ditandatangani\s+secara\s+elektronik", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_LETTER = re.compile(r"^([a-z])[.)]\s+(.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_BLESSING = re.compile(r"^DENGAN\s+RAHMAT\s+TUHAN", re.IGNORECASE)


@dataclass
class DecreeRead:
    """What the document says of its decree: the head's fields found, and the body's keys."""

    number: str | None = None
    date: dt.date | None = None
    place: str | None = None
    signatory: str | None = None
    position: str | None = None
    body: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- the document as lines


def docx_lines(raw: bytes) -> list[str]:
    """The text before the Lampiran, one entry per paragraph or table row (a cell's further lines after it)."""
    import docx  # python-docx: only for a .docx decree


    document = docx.Document(io.BytesIO(raw))
    tables = iter(document.tables)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}tbl"):
            table = next(tables)
            if len(table.columns) > 4:  # the plan's table: the body is over
                break
            lines += _row_lines(table)
        elif child.tag.endswith("}p"):
            text = cell_text("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
            if re.match(r"^LAMPIRAN\b", text):
                break
            lines.append(text)
    return [line for line in lines if line.strip()]


def _row_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell comes back once per column it spans
                seen.add(id(cell._tc))
                cells.append(cell_text(cell.text).split("\n"))
        yield " ".join(c[0] for c in cells if c and c[0])
        for cell_lines in cells:
            yield from cell_lines[1:]


# ---------------------------------------------------------------- the parts


def read_body(lines: list[str]) -> DecreeRead:
    """The decree's parts in ``lines`` (the text before its Lampiran); empty when it has no body."""
    starts = [n for n, line in enumerate(lines) if _SECTION.match(line)]
    if not starts:
        return DecreeRead()
    found = DecreeRead()
    _heading(lines[: starts[0]], found)
    _sections(lines[starts[0]:], found)
    return found


def _heading(lines: list[str], found: DecreeRead) -> None:
    kind_at = next((n for n, line in enumerate(lines) if _KIND.match(line)), None)
    if kind_at is None:
        return
    if kind_at:
        found.body["issuer"] = " ".join(lines[:kind_at])
    kind, about, official, state = [lines[kind_at]], [], list[str](), "kind"
    for line in lines[kind_at + 1:]:
        number, topic = _NUMBER.match(line), _ABOUT.match(line)
        if state == "kind" and number:
            found.number = _title_number(number.group(1))
            state = "number"
            if number.group(2) is not None:
                about.append(number.group(2))
                state = "about"
        elif state in ("kind", "number") and topic:
            about += [topic.group(1)] if topic.group(1) else []
            state = "about"
        elif state == "kind":
            kind.append(line)
        elif state == "about" and not _BLESSING.match(line):
            (official if line.endswith(",") or official else about).append(line)
    found.body["kind"] = " ".join(kind)
    if about:
        found.body["about"] = " ".join(about)
    if official:
        found.position = " ".join(official).rstrip(",").strip()


def _title_number(text: str) -> str:
    """'439 TAHUN 2023' as plans write it: '439 Tahun 2023'."""
    return re.sub(r"\bTAHUN\b", "Tahun", text.strip())


def _sections(lines: list[str], found: DecreeRead) -> None:
    lists: dict[str, list[str]] = {}
    key: str | None = None
    dicta: list[dict[str, str]] = []
    for n, line in enumerate(lines):
        section, dictum = _SECTION.match(line), _DICTUM.match(line)
        if _PLACE.match(line) or _COPY.match(line) or _COPIES.match(line):
            _closing(lines[n:], found)
            break
        if _DECIDES.match(line):
            key = None
        elif section:
            key = {"menimbang": "considering", "mengingat": "observing", "memperhatikan": "noting", "menetapkan": "enacts"}[section.group(1).lower()]
            lists[key] = []
            if section.group(2):
                _add(lists[key], section.group(2), key)
        elif dictum:
            key = "dicta"
            dicta.append({"label": dictum.group(1), "text": dictum.group(2)})
        elif key == "dicta":
            dicta[-1]["text"] = f"{dicta[-1]['text']} {line}".strip()
        elif key is not None:
            _add(lists[key], line, key)
    _store(lists, dicta, found)


def _store(lists: dict[str, list[str]], dicta: list[dict[str, str]], found: DecreeRead) -> None:
    for name, entries in lists.items():
        if entries and name == "enacts":
            found.body["enacts"] = " ".join(entries)
        elif entries:
            found.body[name] = entries
    if dicta:
        found.body["dicta"] = [d for d in dicta if d["text"]]
        named = re.search(r"\bLampiran\s+([IVX]+)\b", " ".join(d["text"] for d in dicta), re.IGNORECASE)
        if named:  # "sebagaimana tercantum dalam Lampiran I": how the table is named
            found.body["appendix"] = f"LAMPIRAN {named.group(1).upper()}"


def _add(entries: list[str], line: str, key: str) -> None:
    """A lettered (Menimbang) or numbered (Mengingat, Memperhatikan) entry, or more of the one above."""
    marker = (_LETTER if key == "considering" else _NUMBERED).match(line)
    if marker and key != "enacts":
        entries.append(marker.group(2).strip())
    elif entries:
        entries[-1] = f"{entries[-1]} {line}".strip()
    else:
        entries.append(line.strip())


def _closing(lines: list[str], found: DecreeRead) -> None:
    """Place and date, the signature block, the certified copy, Tembusan."""
    block: list[str] = []
    part = "signature"
    for line in lines:
        if _COPY.match(line) or _COPIES.match(line):
            _finish(part, block, found)
            part, block = ("copy" if _COPY.match(line) else "copies"), []
            rest = _COPIES.match(line)
            if rest and rest.group(1):
                block.append(rest.group(1))
            continue
        block.append(line)
    _finish(part, block, found)


def _finish(part: str, block: list[str], found: DecreeRead) -> None:
    if part == "copies":
        entries = [m.group(2) if (m := _NUMBERED.match(line)) else line for line in block]
        if entries:
            found.body["copies_to"] = entries
        return
    lines = []
    for line in block:
        place, day = _PLACE.match(line), _DATE.match(line)
        if place:
            found.place = place.group(1).strip()
        elif day:
            found.date = _date(day.group(1), day.group(2), day.group(3))
        elif _TTD.match(line):
            found.body["signature"] = "ttd"
        elif _ELECTRONIC.search(line) or (_URL.search(line) and found.body.get("signature") == "electronic"):
            found.body["signature"] = "electronic"
            if url := _URL.search(line):
                found.body["verification_url"] = url.group(0)
        elif nip := _NIP.match(line):
            lines.append(f"NIP {nip.group(1).strip()}")
        else:
            lines.append(line)
    _people(part, lines, found)


def _people(part: str, lines: list[str], found: DecreeRead) -> None:
    nip = next((line[4:] for line in lines if line.startswith("NIP ")), None)
    lines = [line for line in lines if not line.startswith("NIP ")]
    if not lines:
        return
    name = _name(lines[-1])
    if part == "signature":
        found.signatory = name
        if len(lines) > 1 and found.position is None:
            found.position = " ".join(lines[:-1]).rstrip(",").strip()
        if nip:
            found.body["nip"] = nip
        return
    position_at = next((n for n, line in enumerate(lines[:-1]) if line.endswith(",")), len(lines) - 2)
    if position_at < 0:
        return
    copy = {"unit": " ".join(lines[:position_at]) or None, "position": lines[position_at].rstrip(",").strip(), "name": name, "nip": nip}
    found.body["certified_copy"] = {k: v for k, v in copy.items() if v}


def _name(line: str) -> str:
    """A name typed in capitals (as decrees print the signatory's) as a name; any other as typed."""
    return line.title() if line.isupper() else line


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), parse_month(month), int(day))
    except (ZiError, ValueError):
        return None


def read_docx_body(path: Path) -> DecreeRead:
    """The decree's body in the Word document at ``path`` (already read once as a table: its size and zip were checked)."""

    try:
        lines = docx_lines(read_regular(path))
    except Exception:  # noqa: BLE001 - python-docx and lxml raise many kinds; the table was read, and a body is optional
        return DecreeRead()
    return read_body(lines)
