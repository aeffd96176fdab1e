"""The words offices head their columns with, per role, and how strongly each names it.

A header is compared case- and space-insensitively. Each word has a rank:
1 names the role itself (BUKTI PENDUKUNG is evidence), higher ranks name it
less surely (TARGET is an outcome statement that some tables use for the
evidence). When two columns could take one role, the lower rank wins and
the import says so; the loser may still serve as the indicator (see
``FALLBACK``), else it is listed as ignored.
"""

from __future__ import annotations

import re

ROLES = ("number", "component", "item", "indicator", "action", "evidence", "team", "schedule", "lke")

# role -> {header: rank}
WORDS: dict[str, dict[str, int]] = {
    "number": {"NO": 1, "NO.": 1, "NOMOR": 1, "NO URUT": 1, "KODE": 1, "KD": 1, "NOMOR/KODE": 1, "NO/KODE": 1},
    "component": {"AREA PERUBAHAN": 1, "AREA": 1, "PILAR": 1, "KOMPONEN PENGUNGKIT": 1, "AREA PENGUNGKIT": 1, "AREA ZI": 1},
    "item": {"KOMPONEN": 1, "SUB AREA": 1, "SUB KOMPONEN": 1, "SUB PILAR": 1, "SUB AREA PERUBAHAN": 1, "KEGIATAN UTAMA": 1,
             "PROGRAM": 1, "ASPEK": 2, "SUB ASPEK": 1, "COMPONENT": 1},
    "indicator": {"INDIKATOR": 1, "INDIKATOR KINERJA": 1, "INDIKATOR KEBERHASILAN": 1, "INDICATOR": 1,
                  "RENCANA KINERJA": 2, "TARGET KINERJA": 2, "SASARAN": 2},
    "action": {"LANGKAH AKSI": 1, "RENCANA AKSI": 1, "RINCIAN KEGIATAN": 1, "URAIAN KEGIATAN": 1, "LANGKAH-LANGKAH": 1,
               "LANGKAH KEGIATAN": 1, "TAHAPAN": 1, "ACTION": 1, "ACTIONS": 1, "ACTION STEPS": 1, "RENCANA KEGIATAN": 1,
               "KEGIATAN": 2, "AKSI": 2, "URAIAN": 3},
    "evidence": {"BUKTI FISIK": 1, "BUKTI DUKUNG": 1, "BUKTI PENDUKUNG": 1, "BUKTI": 1, "EVIDENCE": 1, "DATA DUKUNG": 2,
                 "DATA PENDUKUNG": 2, "DOKUMEN PENDUKUNG": 2, "DOKUMEN": 2, "BUKTI DUKUNG/DOKUMEN": 1, "RENCANA OUTPUT": 3,
                 "OUTPUT": 3, "KELUARAN": 3, "LUARAN": 3, "HASIL": 3, "PRODUK": 3, "OUTPUT KEGIATAN": 3, "TARGET OUTPUT": 3,
                 "TARGET": 4},
    "team": {"PENANGGUNG JAWAB": 1, "PENANGGUNGJAWAB": 1, "TIM": 1, "TIM KERJA": 1, "TIM KERJA TERKAIT": 1, "POKJA": 1,
             "UNIT": 1, "UNIT KERJA": 1, "UNIT PELAKSANA": 1, "KOORDINATOR": 1, "TEAM": 1, "RESPONSIBLE": 1,
             "PJ": 2, "PIC": 2, "PELAKSANA": 2},
    "schedule": {"WAKTU": 1, "JADWAL": 1, "WAKTU PELAKSANAAN": 1, "JADWAL PELAKSANAAN": 1, "TARGET WAKTU": 1, "PERIODE": 1,
                 "TENGGAT": 1, "BATAS WAKTU": 1, "PELAKSANAAN": 1, "TIMELINE": 1, "SCHEDULE": 1, "TARGET PENYELESAIAN": 1},
    # The LKE questions an action serves (some offices number their plan by them); a column of
    # question texts rather than codes is told apart once its cells are read (see levels).
    "lke": {"LKE": 1, "KODE LKE": 1, "BUTIR LKE": 1, "PERTANYAAN LKE": 1, "PERTANYAAN": 2, "KRITERIA LKE": 2},
}
_LOOKUP = {word: (role, rank) for role, words in WORDS.items() for word, rank in words.items()}

# A column that loses its role to a better-named one may be the indicator
# when the table has none: TARGET beside BUKTI PENDUKUNG is an outcome
# statement, URAIAN beside RENCANA AKSI a description.
FALLBACK = {"evidence": "indicator", "action": "indicator"}


def norm(text: str) -> str:
    """Header text compared case- and space-insensitively: ' Bukti  Fisik/ Bukti Dukung ' -> 'BUKTI FISIK/BUKTI DUKUNG'."""
    t = re.sub(r"\s+", " ", text.replace("\n", " ").strip().upper())
    return re.sub(r"\s*/\s*", "/", t).strip(" .:*")


def match(text: str, strict: bool = False) -> tuple[str, int] | None:
    """(role, rank) a header names, or None.

    ``strict`` accepts only whole headers (and their parts around '/', '&',
    ',' or 'DAN'), for a row that might be data rather than a second header
    row; otherwise a header that starts with a known word of five letters or
    more ('INDIKATOR KEBERHASILAN PROGRAM') counts too.
    """
    t = norm(text)
    if not t:
        return None
    candidates = [t, re.sub(r"\s*\(.*?\)\s*", " ", t).strip(), *re.split(r"/|&|,| DAN ", t)]
    found = [_LOOKUP[c.strip()] for c in candidates if c.strip() in _LOOKUP]
    if found:
        return min(found, key=lambda rr: rr[1])
    if strict or len(t) > 40 or len(t.split()) > 5:
        return None
    for word in sorted(_LOOKUP, key=len, reverse=True):  # "INDIKATOR KEBERHASILAN PROGRAM"
        # HASIL alone is too common a first word ('HASIL PEMERIKSAAN') to name evidence by.
        if len(word) >= 5 and t.startswith(word + " ") and (_LOOKUP[word][1] <= 2 or len(word) >= 6):
            return _LOOKUP[word]
    return None


def role_of(text: str) -> str | None:
    found = match(text)
    return found[0] if found else None
