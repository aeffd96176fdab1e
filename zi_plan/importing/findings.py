"""What the import understood, told to the user: nothing is decided in silence.

Every guess the importer makes is a ``Finding`` with the rows it rests on
(an inference: "NO holds a running number 1..150: not used for the
hierarchy"); a plan that reads oddly gets a structure warning ("every item
holds one action"); every non-empty column that got no role is an
``IgnoredColumn`` with its header and two sample values; every non-empty row
that is in no component, item or action is a ``SkippedRow`` with the
reason. --dry-run, the summary after a real import, --json and the written
plan's header all show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zi_plan.i18n import _, ngettext

ROWS_SHOWN = 8  # row numbers named in one line; the rest are counted


@dataclass
class Finding:
    message: str
    rows: list[int] = field(default_factory=list)  # grid row indices, shown as the table's own row numbers


@dataclass
class IgnoredColumn:
    column: int  # 0-based
    header: str
    samples: list[str]
    reason: str


@dataclass
class SkippedRow:
    row: int  # grid row index
    text: str
    reason: str


@dataclass
class Findings:
    inferences: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # structure that reads oddly
    ignored: list[IgnoredColumn] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    def infer(self, message: str, rows: list[int] | None = None) -> None:
        self.inferences.append(Finding(message, sorted(set(rows or []))))

    def warn(self, message: str, rows: list[int] | None = None) -> None:
        self.warnings.append(Finding(message, sorted(set(rows or []))))


def rows_text(lines: list[int]) -> str:
    """'row 12', 'rows 12, 15, 18', 'rows 12, 15, ... (40 rows)'."""
    if not lines:
        return ""
    shown = ", ".join(str(n) for n in lines[:ROWS_SHOWN])
    if len(lines) > ROWS_SHOWN:
        return _("rows {rows} ... ({n} rows)").format(rows=shown, n=len(lines))
    return ngettext("row {rows}", "rows {rows}", len(lines)).format(rows=shown)


def short(text: str, width: int = 40) -> str:
    """A cell's text on one line, cut to ``width`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1].rstrip() + "…"
