"""How a table's codes give its levels: by depth, or by their letters.

Most coded tables nest by depth: SS.1 is a component, SS.1.1 an action in
it, and a code's parent (SS.1.1 -> SS.1) is a code met before. Others name
the level by letters: SS.1.1 (a strategic goal) -> K.2 (an activity) ->
IO.2.2 (an output), where K.2 is no child of SS.1.1 by its digits. Such a
table is told by its codes whose parent was never met; its levels are then
its letter prefixes in the order they first appear: the prefixes of title
rows are headings (the last two item and component, any before them outer
headings), the others actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PREFIX = re.compile(r"^([A-Za-z]{1,4})[.\s]?(\d.*)$")


def prefix_of(code: str) -> str:
    """'SS.1.1' -> 'SS', 'IO2.2' -> 'IO', '1.2' -> '', 'A.1.I.i' -> 'A'."""
    match = _PREFIX.match(code)
    return match.group(1).upper() if match else ""


def parent_of(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else ""


@dataclass
class CodeScheme:
    by_prefix: bool = False
    levels: dict[str, str] = field(default_factory=dict)  # prefix -> 'outer' | 'component' | 'item' | 'action'
    head_depth: int | None = None  # depth of the shortest heading code (SS.1 -> 2): the component level, by depth

    def level(self, code: str) -> str:
        return self.levels.get(prefix_of(code), "action")


def read_scheme(codes: list[tuple[str, bool]]) -> CodeScheme:
    """The scheme of a table's codes, given each coded row's code and whether it is a title row (no steps, evidence or months)."""
    scheme = CodeScheme()
    heading_depths = [len(code.split(".")) for code, heading in codes if heading]
    scheme.head_depth = min(heading_depths) if heading_depths else None
    prefixes = list(dict.fromkeys(prefix_of(code) for code, _heading in codes))
    if len(prefixes) < 2 or "" in prefixes:
        return scheme
    shortest = min(len(code.split(".")) for code, _heading in codes)
    seen: set[str] = set()
    orphans = deeper = 0
    for code, _heading in codes:
        if len(code.split(".")) > shortest:
            deeper += 1
            orphans += parent_of(code) not in seen
        seen.add(code)
    if not deeper or orphans < 0.6 * deeper:
        return scheme
    scheme.by_prefix = True
    headings = [p for p in prefixes if _mostly(codes, p)]
    for p in prefixes:
        scheme.levels[p] = "action"
    for level, prefix in zip(("item", "component"), reversed(headings), strict=False):
        scheme.levels[prefix] = level
    for prefix in headings[:-2]:
        scheme.levels[prefix] = "outer"
    if len(headings) == 1:
        scheme.levels[headings[0]] = "component"
    return scheme


def _mostly(codes: list[tuple[str, bool]], prefix: str) -> bool:
    flags = [heading for code, heading in codes if prefix_of(code) == prefix]
    return sum(flags) > len(flags) / 2
