"""Team names as offices write them: normalised, near-duplicates merged, several per cell.

'Tim Manajemen Perubahan', 'TIM MANAJEMEN PERUBAHAN', 'Manajemen  Perubahan.'
and 'Pokja Manajemen Perubahan' are one team; 'Tim Manajemen Perubahn' too,
with a note. A cell naming several teams ('Tim A, Tim B', one per line)
gives the action several teams.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from zi_plan.i18n import _

_PREFIX = re.compile(r"^(?:tim\s+kerja|tim|pokja|kelompok\s+kerja|team)\b\s*", re.IGNORECASE)
_UNIT_WORD = re.compile(r"^(?:tim|pokja|kelompok|sub|subbag|subbagian|kasubbag|kasubag|bagian|bag|seksi|kasi|unit|kepala|ketua|sekretaris|kabag|divisi|bidang|team)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:\n|;|,|\s/\s|\s&\s|\bdan\b|\band\b|\+)\s*", re.IGNORECASE)


def team_key(name: str) -> str:
    """What two spellings of one team have in common."""
    text = re.sub(r"[^\w\s]", " ", name.lower())
    text = re.sub(r"\s+", " ", text).strip()
    return _PREFIX.sub("", text).strip() or text


def tidy(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" .,;:-")


def slug(name: str) -> str:
    base = team_key(name)
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "tim"


def _misspelt(a: str, b: str) -> bool:
    """One word of at least five letters off by one letter ('Perubahn' for 'Perubahan'), the rest the same.

    Stricter than a similarity ratio on purpose: 'Subbagian Hukum' and
    'Subbagian Umum' are two units, not one spelt twice.
    """
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(differ) == 1 and min(len(w) for w in differ[0]) >= 5 and _one_edit(*differ[0])


def _one_edit(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y, strict=True)) == 1
    short, long = (x, y) if len(x) < len(y) else (y, x)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@dataclass
class Teams:
    """Every team named in the table, by key, with the spellings seen."""

    spellings: dict[str, Counter[str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # key of a near-duplicate -> key it was merged into
    notes: list[str] = field(default_factory=list)
    whole: set[str] = field(default_factory=set)  # keys of cells that named one team

    def split(self, cell: str) -> list[str]:
        """The team names in one cell; a comma or 'dan' inside one name ('Keuangan, Umum dan Logistik') is kept."""
        text = tidy(cell)
        if not text:
            return []
        parts = [tidy(p) for p in _SEPARATORS.split(cell.strip()) if tidy(p)]
        if len(parts) > 1 and ("\n" in cell or ";" in cell or all(_UNIT_WORD.match(p) for p in parts)):
            return parts
        return [text]

    def add(self, name: str) -> str:
        """Record a spelling; its key (after merging near-duplicates)."""
        key = team_key(name)
        key = self.aliases.get(key, key)
        if key not in self.spellings:
            close = next((k for k in self.spellings if _misspelt(key, k)), None)
            if close is not None:
                first = self.spellings[close].most_common(1)[0][0]
                self.notes.append(_("team '{name}' read as '{first}' (near-identical spelling)").format(name=name, first=first))
                self.aliases[key] = close
                key = close
            else:
                self.spellings[key] = Counter()
        self.spellings[key][tidy(name)] += 1
        return key

    def name(self, key: str) -> str:
        """The spelling used most often (the first on a tie), preferring one with its 'Tim' prefix."""
        counts = self.spellings[key]
        best = max(counts.items(), key=lambda kv: (kv[1], bool(_PREFIX.match(kv[0])), -list(counts).index(kv[0])))
        return best[0]

    def ids(self) -> dict[str, str]:
        """key -> team id, unique."""
        out: dict[str, str] = {}
        for key in self.spellings:
            base, n = slug(self.name(key)), 2
            candidate = base
            while candidate in out.values():
                candidate, n = f"{base}-{n}", n + 1
            out[key] = candidate
        return out
