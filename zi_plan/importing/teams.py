"""Team names as offices write them: normalised, near-duplicates merged, several per cell.

'Tim Manajemen Perubahan', 'TIM MANAJEMEN PERUBAHAN', 'Manajemen  Perubahan.'
and 'Pokja Manajemen Perubahan' are one team; so are 'Subbag Umum',
'Sub Bagian Umum' and 'Kasubbag Umum', and '&' reads as 'dan'. A rare
spelling one letter off a more common one ('Perubahn', 'PPIDm') is read as
it, with a note; numbers and Roman numerals never are ('Pilar 1' is not
'Pilar 2'). A cell naming several teams is split on the names the table
uses elsewhere, even when a name holds a comma ('Tim PPID, Tim Diseminasi,
Pengelolaan PST, dan Website'), else on line breaks and semicolons, or on
commas between names that each start with a unit word. A cell that names
no team ('Tim Kerja Terkait', 'Disesuaikan dengan Tim Kerja', the header
itself) is no team: its action keeps the team above it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_PREFIX = re.compile(r"^(?:tim\s+kerja|tim|pokja|kelompok\s+kerja|team)\b\s*", re.IGNORECASE)
_UNIT_WORD = re.compile(r"^(?:tim|pokja|kelompok|sub|subbag|subbagian|kasubbag|kasubag|bagian|bag|seksi|kasi|unit|kepala|ketua|sekretaris|kabag|divisi|bidang|team)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|\s/\s|\s&\s|\bdan\b|\band\b|\+)\s*", re.IGNORECASE)
_ABBREVIATIONS = (
    (r"\bkepala\s+sub\s*bag(?:ian)?\b|\bka\.?\s*sub\s*bag(?:ian)?\b|\bkasubag\b", "subbagian"),
    (r"\bsub\s*bag(?:ian)?\b|\bsub\s+bagian\b", "subbagian"),
    (r"\bkepala\s+bagian\b|\bkabag\b|\bbag\b", "bagian"),
    (r"\bkepala\s+seksi\b|\bkasie?\b|\bsie\b", "seksi"),
    (r"\bkepala\s+bidang\b|\bkabid\b", "bidang"),
    (r"&", " dan "),
)
_SPLIT_TOKENS = {",", ";", "/", "+", "\n", "dan", "serta", "and"}
_DROPPED = {"tim", "pokja", "team"}
_GENERIC = {"tim", "kerja", "terkait", "seluruh", "semua", "unit", "pegawai", "disesuaikan", "dengan", "sesuai", "masing",
            "yang", "related", "all", "team", "teams", "each", "pokja", "dan", "the"}
_NO_TEAM = {"terkait", "seluruh", "semua", "disesuaikan", "sesuai", "masing", "related", "all", "each"}
_NUMERAL = re.compile(r"^(?:\d+|[ivxlc]+)$")


def _expand(text: str) -> str:
    text = text.lower()
    for pattern, word in _ABBREVIATIONS:
        text = re.sub(pattern, word, text)
    return text


def _with_prefix(text: str, start: int) -> int:
    """Where a name starts, its 'Tim'/'Pokja' prefix included."""
    before = text[:start].rstrip()
    match = re.search(r"(?i)\b(?:tim(?:\s+kerja)?|pokja|team)$", before)
    return match.start() if match else start


def team_key(name: str) -> str:
    """What two spellings of one team have in common."""
    text = re.sub(r"[^\w\s]", " ", _expand(name))
    text = re.sub(r"\s+", " ", text).strip()
    return _PREFIX.sub("", text).strip() or text


def tidy(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" .,;:-")


def slug(name: str) -> str:
    base = team_key(name)
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "tim"


def names_no_team(name: str, header: str = "") -> bool:
    """'Tim Kerja Terkait', 'Seluruh Tim', 'Disesuaikan dengan Tim Kerja', '-', or the header itself: no team's name."""
    words = re.findall(r"\w+", name.lower())
    if not words or (header and team_key(name) == team_key(header)):
        return True
    return all(w in _GENERIC for w in words) and any(w in _NO_TEAM for w in words)


def _edits(x: str, y: str) -> int:
    """Levenshtein distance, for the short words of team names."""
    previous = list(range(len(y) + 1))
    for i, a in enumerate(x, 1):
        current = [i]
        for j, b in enumerate(y, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def misspelt(a: str, b: str) -> bool:
    """Two keys the same but for one word a letter off ('perubahn', 'ppidm', 'umu'), never a number ('pilar 1', 'bidang ii').

    Stricter than a similarity ratio on purpose: 'Subbagian Hukum' and
    'Subbagian Umum' are two units, not one spelt twice.
    """
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    # A name of one short word is an acronym (SDM, SPM): letters there are meaning, not typos.
    if _NUMERAL.match(x) or _NUMERAL.match(y) or min(len(x), len(y)) < (3 if len(wa) > 1 else 4):
        return False
    return _edits(x, y) <= (2 if min(len(x), len(y)) >= 8 else 1)


_WORDS = {"subbag": "subbagian", "kasubbag": "subbagian", "kasubag": "subbagian", "kabag": "bagian", "bag": "bagian", "kasi": "seksi",
          "kasie": "seksi", "sie": "seksi", "kabid": "bidang", "&": "dan"}
_UNITS = {"subbagian", "bagian", "seksi", "bidang", "unit", "divisi", "sekretariat", "subbidang", "subseksi"}


def _spans(text: str) -> list[tuple[str, int, int, bool]]:
    """The cell's words as (word, start, end, marked): abbreviations spelt out, 'Tim'/'Pokja' dropped but marking the word after them."""
    out: list[tuple[str, int, int, bool]] = []
    marked, depth = False, 0
    for m in re.finditer(r"\w+|[,;/+&\n()]", text):
        if m.group() in "()":
            depth = max(0, depth + (1 if m.group() == "(" else -1))
            continue
        word = _WORDS.get(m.group().lower(), m.group().lower())
        if depth and word in _SPLIT_TOKENS:
            word = f"({word})"  # a comma or 'dan' inside brackets separates nothing: 'Umum (Layanan SDM, Hukum dan Fungsional)'
        if word in _DROPPED:
            marked = True
            continue
        if out and out[-1][0] in ("sub", "kepala") and word in ("bagian", "subbagian", "seksi", "bidang"):
            _prev, start, _end, was = out.pop()
            out.append(("subbagian" if word == "bagian" and _prev == "sub" else word, start, m.end(), was or marked))
        else:
            out.append((word, m.start(), m.end(), marked or word in _UNITS))
        marked = False
    return out


def _tokens(text: str) -> list[str]:
    return [word for word, *_rest in _spans(text)]


@dataclass
class Teams:
    """Every team named in the table, by key, with the spellings seen."""

    spellings: dict[str, Counter[str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # key of a near-duplicate -> key it was merged into
    known: dict[tuple[str, ...], str] = field(default_factory=dict)  # token form -> a cell naming one team
    lengths: list[int] = field(default_factory=list)  # the lengths of the known forms, to look them up from any word
    splits: dict[str, list[str]] = field(default_factory=dict)  # cell -> its names, read once
    named: dict[str, str] = field(default_factory=dict)  # key -> team name fixed by a mapping file
    ids_given: dict[str, str] = field(default_factory=dict)  # key -> team id (from `zi export`'s decree sheet)

    def prepare(self, cells: list[str], forced: dict[str, list[str]] | None = None) -> None:
        """Learn the table's names before any is read: the names of cells that hold one, and the spellings to fold."""
        for name, spellings in (forced or {}).items():
            for spelling in [name, *spellings]:
                self.aliases[team_key(spelling)] = team_key(name)
            self.named[team_key(name)] = tidy(name)
        distinct = list(dict.fromkeys(tidy(c) for c in cells if tidy(c)))
        forms = {c: tuple(_tokens(c)) for c in distinct}
        self.known = {form: c for c, form in forms.items() if form}
        self.lengths = sorted({len(form) for form in self.known})
        counts: Counter[str] = Counter(team_key(part) for cell in cells for part in self.split(cell))
        self._fold_short_names(distinct, counts)
        self._fold_typos(counts)

    def _fold_short_names(self, distinct: list[str], counts: Counter[str]) -> None:
        """'Tim DIPWEB' is the short name of 'Tim Diseminasi, Pengelolaan PST, dan Website (DIPWEB)'."""
        for part in (p for cell in distinct for p in self.split(cell)):
            short = re.search(r"\(([A-Z]{2,10})\)\s*$", part)
            if short and team_key(short.group(1)) in counts and team_key(short.group(1)) not in self.aliases:
                self.aliases[team_key(short.group(1))] = team_key(part)

    def _fold_typos(self, counts: Counter[str]) -> None:
        """A rare spelling a letter off a more common one is read as it; keys are bucketed by their words with one left out."""
        buckets: dict[tuple[str, ...], list[str]] = {}
        for key in counts:
            words = key.split()
            for i in range(len(words)):
                if not _NUMERAL.match(words[i]):  # a number never differs by a typo ('Pilar 1', 'Pilar 2')
                    buckets.setdefault((*words[:i], "*", *words[i + 1:]), []).append(key)
        for key, count in counts.most_common():
            if key in self.aliases:
                continue
            words = key.split()
            near = {k for i in range(len(words)) for k in buckets.get((*words[:i], "*", *words[i + 1:]), [])}
            close = max((k for k in near if k != key and counts[k] > count and k not in self.aliases and misspelt(key, k)), key=lambda k: counts[k], default=None)
            if close is not None:
                self.aliases[key] = close

    def split(self, cell: str) -> list[str]:
        """The team names in one cell: one per line or between semicolons, each of those split again on names the table uses elsewhere or on unit words."""
        if cell not in self.splits:
            pieces = [tidy(p) for p in re.split(r"\s*(?:\n|;)\s*", cell.strip()) if tidy(p)]
            self.splits[cell] = [name for piece in pieces for name in self._split_piece(piece)]
        return list(self.splits[cell])

    def _split_piece(self, text: str) -> list[str]:
        found = self._segment(text)
        if found:
            return found
        parts = [tidy(p) for p in _SEPARATORS.split(text) if tidy(p)]
        if len(parts) > 1 and all(_UNIT_WORD.match(p) for p in parts):
            return parts
        return [text]

    def _segment(self, text: str) -> list[str]:
        """The cell cut into names the table uses elsewhere (one of them may be new if it starts with 'Tim' or a unit word), with separators or nothing between; [] if it is one name."""
        spans = _spans(text)
        words = tuple(w for w, *_r in spans)
        n = len(words)
        best: dict[int, tuple[int, list[tuple[int, int]]]] = {0: (0, [])}  # position -> (new names, cuts as word ranges)
        for i in range(n + 1):
            if i not in best:
                continue
            new, cuts = best[i]
            j = i
            while j < n and words[j] in _SPLIT_TOKENS:
                j += 1
            steps = [(j, new, cuts)] if j > i else []
            forms = [words[j:j + size] for size in self.lengths if j + size <= n] if j < n else []
            steps += [(j + len(form), new, [*cuts, (j, j + len(form))]) for form in forms if form != words and form in self.known]
            if j < n and spans[j][3] and (j == 0 or words[j - 1] in _SPLIT_TOKENS):
                k = next((x for x in range(j, n) if words[x] in _SPLIT_TOKENS), n)
                steps.append((k, new + 1, [*cuts, (j, k)]))
            for end, count, found in steps:
                if end not in best or (count, -len(found)) < (best[end][0], -len(best[end][1])):
                    best[end] = (count, found)
        end = n
        while end > 0 and words[end - 1] in _SPLIT_TOKENS:
            end -= 1
        new, cuts = best.get(end, (0, []))
        if len(cuts) < 2 or new >= len(cuts):
            return []
        # The cell's own spelling of each name (with its 'Tim' prefix when it had one).
        starts = [spans[a][1] for a, _b in cuts]
        starts = [_with_prefix(text, start) for start in starts]
        return [tidy(text[start:spans[b - 1][2]] + (")" if text[spans[b - 1][2]:spans[b - 1][2] + 1] == ")" else "")) for start, (_a, b) in zip(starts, cuts, strict=True)]

    def add(self, name: str) -> str:
        """Record a spelling; its key (after merging near-duplicates)."""
        key = team_key(name)
        merged = self.aliases.get(key, key)
        self.spellings.setdefault(merged, Counter())[tidy(name)] += 1
        return merged

    def typos(self, key: str) -> list[str]:
        """The spellings of a team read as it for being a letter off, not for case, spaces, prefix or abbreviation."""
        return [s for s in self.spellings[key] if team_key(s) != key and key not in self.named and misspelt(team_key(s), key)]

    def name(self, key: str) -> str:
        """The name a mapping file gives, else the spelling used most often (the first on a tie), preferring one with its 'Tim' prefix."""
        if key in self.named:
            return self.named[key]
        counts = self.spellings[key]
        best = max(counts.items(), key=lambda kv: (kv[1], bool(_PREFIX.match(kv[0])), -list(counts).index(kv[0])))
        return best[0]

    def ids(self) -> dict[str, str]:
        """key -> team id, unique; the ids a `zi export` names are kept."""
        out: dict[str, str] = {}
        for key in self.spellings:
            given = self.ids_given.get(key)
            if given and given not in out.values():
                out[key] = given
        for key in self.spellings:
            if key in out:
                continue
            base, n = slug(self.name(key)), 2
            candidate = base
            while candidate in out.values():
                candidate, n = f"{base}-{n}", n + 1
            out[key] = candidate
        return out
