"""The interface in Bahasa Indonesia and English, from one gettext catalogue."""

from __future__ import annotations

import gettext
import json
import re
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import MINIMAL, PLAN, REPO
from zi_plan import i18n

LOCALE = REPO / "zi_plan" / "locale"
PO = LOCALE / "id" / "LC_MESSAGES" / "zi.po"
MO = LOCALE / "id" / "LC_MESSAGES" / "zi.mo"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
METHODS = [("**.py", "python"), ("documents/templates/**.html", "jinja2.ext:babel_extract"), ("documents/templates/**.md", "jinja2.ext:babel_extract")]


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _catalogue():
    with PO.open("rb") as fh:
        return read_po(fh)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_entry_has_both_languages():
    catalogue = _catalogue()
    assert len(catalogue) > 150
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(ids), message.id  # English: the msgid
        assert all(s.strip() for s in strings), f"no Indonesian for {message.id!r}"
        assert not message.fuzzy, f"fuzzy translation for {message.id!r}"
        for s in strings:
            # A translation that drops or renames a {placeholder} would crash at run time.
            assert _fields(s) == _fields(ids[-1]), f"placeholders differ in {message.id!r}"


def test_catalogue_covers_every_message_in_the_code():
    in_code = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(REPO / "zi_plan"), method_map=METHODS, keywords=KEYWORDS, options_map={"documents/templates/**": {"extensions": "jinja2.ext.i18n"}}
    ):
        in_code.add((message if isinstance(message, str) else tuple(message), context))
    in_catalogue = {(m.id, m.context) for m in _catalogue() if m.id}
    assert in_code - in_catalogue == set(), "run the catalogue update in docs/development.md (The message catalogue)"
    assert in_catalogue - in_code == set(), "obsolete catalogue entries"


def test_compiled_catalogue_matches_the_source():
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for message in _catalogue():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(*message.id, 1) == message.string[0]
        elif message.context:
            assert compiled.pgettext(message.context, message.id) == message.string
        else:
            assert compiled.gettext(message.id) == message.string, "run: pybabel compile -d zi_plan/locale -D zi"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "in_ID"}, "id"),
        ({"LANG": "id_ID.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US", "LC_MESSAGES": "en_US", "LC_ALL": "id_ID"}, "id"),
        ({"LC_ALL": "C", "LANG": "id_ID"}, "en"),
        ({"LC_ALL": "id_ID", "ZI_LANG": "en"}, "en"),
        ({"ZI_LANG": "id"}, "id"),
    ],
)
def test_language_choice(monkeypatch, env, expected):
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.detect() == expected


def test_lang_option_wins(monkeypatch, zi):
    monkeypatch.setenv("ZI_LANG", "id")
    result = zi("due", "--month", "5", "--lang", "en", "--plan", str(PLAN))
    assert "due in May 2023" in result.out
    result = zi("--lang=id", "due", "--month", "5", "--plan", str(PLAN))
    assert "jatuh tempo Mei 2023" in result.out


def test_unknown_language_is_a_usage_error(zi):
    result = zi("--lang", "fr", "due")
    assert result.code == 2 and "--lang id" in result.err


def test_due_in_indonesian(monkeypatch, zi):
    monkeypatch.setenv("ZI_LANG", "id")
    out = zi("due", "--month", "5", "--plan", str(PLAN)).out
    for words in ("jatuh tempo Mei 2023", "Kode", "Indikator", "Bukti dukung yang diminta", "belum", "Terlambat", "Jatuh tempo: 20, selesai: 0"):
        assert words in out, words
    assert "Evidence" not in out and "Overdue" not in out


def test_due_in_english(zi):
    out = zi("due", "--month", "5", "--lang", "en", "--plan", str(PLAN)).out
    for words in ("due in May 2023", "Indicator", "Evidence expected", "Overdue", "Due: 20, done: 0"):
        assert words in out, words


def test_teams_in_both_languages(zi):
    out_id = zi("--lang", "id", "teams", "--plan", str(PLAN)).out
    assert "Penanggung jawab" in out_id and "Mei" in out_id and "Jumlah" in out_id and "bulan tersibuk" in out_id
    out_en = zi("--lang", "en", "teams", "--plan", str(PLAN)).out
    assert "Team" in out_en and "May" in out_en and "Total" in out_en and "busiest month" in out_en


def test_validation_messages_in_both_languages(zi, write_plan):
    text = MINIMAL.replace("months: [2]", "months: [13]").replace("  place: Fef", "  place: Fef\n  plase: x").replace("steps: [Menetapkan SK]", "steps: []")
    path = write_plan(text)
    out_id = zi("--lang", "id", "validate", str(path)).out
    assert "bulan 13 di luar rentang" in out_id
    assert "kunci 'plase' tidak dikenal (maksud Anda 'place'?)" in out_id
    assert "'steps' harus berisi paling sedikit satu butir" in out_id
    assert "3 masalah di 1 dari 1 berkas" in out_id
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: ", out_id)  # the location stays
    out_en = zi("--lang", "en", "validate", str(path)).out
    assert "month 13 is out of range" in out_en and "did you mean 'place'" in out_en


def test_errors_in_indonesian(zi):
    result = zi("--lang", "id", "done", "II.2.x", "--plan", str(PLAN))
    assert result.code == 1 and "galat: tidak ada aksi 'II.2.x'" in result.err


def test_help_in_indonesian(zi):
    out = zi("--lang", "id", "due", "--help").out
    assert "Yang harus dikerjakan tiap tim bulan ini" in out and "Hanya tim ini" in out


def test_json_keys_stay_english(zi):
    data = json.loads(zi("--lang", "id", "due", "--month", "5", "--json", "--plan", str(PLAN)).out)
    assert data["month_name"] == "Mei" and {"due", "overdue", "summary"} <= set(data)
    assert data["due"][0]["status"] == "open"
