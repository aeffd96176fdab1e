"""formats.decree_yaml: the decree's body, its commented template and the coordinator, as YAML lines that read back."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from zi_plan.formats.decree_yaml import BODY_KEYS, COORDINATOR_KEYS, body_lines, coordinator_lines, template_lines, value_lines

BODY = {
    "copies_to": ["Ketua KPU Provinsi Papua Barat Daya", "yes"],  # given out of order: written in the schema's
    "issuer": "KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW",
    "considering": ["bahwa untuk melaksanakan ...: perlu", "bahwa berdasarkan ..."],
    "dicta": [{"label": "KESATU", "text": "Menetapkan Rencana Aksi: sebagaimana tercantum"}, {"label": "KEDUA", "text": "Berlaku sejak ditetapkan."}],
    "budget": {"source": "DIPA Sekretariat", "dipa_number": None, "dipa_date": dt.date(2023, 1, 2)},
    "nip": None,
    "signature": "ttd",
}


def test_the_body_reads_back_as_it_was_given_in_the_schemas_order():
    lines = body_lines(BODY)
    read = yaml.safe_load("decree:\n" + "\n".join(lines))["decree"]
    assert read == {k: v for k, v in BODY.items() if v is not None} | {"budget": {"source": "DIPA Sekretariat", "dipa_date": dt.date(2023, 1, 2)}}
    keys = [line.split(":")[0].strip() for line in lines if re.match(r"^  [a-z_]+:", line)]
    assert keys == [k for k in BODY_KEYS if k in keys] == ["issuer", "considering", "dicta", "budget", "signature", "copies_to"]


def test_value_lines_in_block_style():
    assert value_lines("dicta", [{"label": "KESATU", "text": "a: b"}, {"label": "KEDUA", "text": None}], "  ") == [
        "  dicta:", "    - label: KESATU", '      text: "a: b"', "    - label: KEDUA"]  # fmt: skip
    assert value_lines("budget", {"source": "DIPA", "dipa_number": None}, "") == ["budget:", "  source: DIPA"]
    assert value_lines("dipa_date", dt.date(2023, 12, 1), "") == ["dipa_date: 2023-12-01"]  # a date, not a quoted text
    assert value_lines("copies_to", ["no"], "") == ["copies_to:", '  - "no"']


def test_the_template_is_commented_and_reads_as_a_body_once_uncommented():
    lines = template_lines()
    assert all(line.startswith("  # ") for line in lines)
    assert yaml.safe_load("decree:\n" + "\n".join(lines)) == {"decree": None}  # nothing is a value until the office fills it in
    # Removing the '# ' before each part (and the note after it) gives the body's keys, as the notes say to do.
    parts = [re.sub(r"  # .*$", "", line[4:]) for line in lines[3:]]
    body = yaml.safe_load("decree:\n" + "\n".join("  " + p for p in parts))["decree"]
    assert list(body) == [k for k in BODY_KEYS if k != "amended_by"]
    assert body["dicta"] == [{"label": "KESATU", "text": "..."}] and body["signature"] == "ttd"


def test_the_template_speaks_the_interface_language(indonesian):
    assert "# issuer: ...  # " in "\n".join(template_lines())  # the keys stay the schema's
    assert "remove the '#'" not in "\n".join(template_lines())


def test_a_known_coordinator_is_written_in_the_keys_order_without_blanks():
    lines = coordinator_lines({"email": "yulius@kpu-tambrauw.go.id", "name": "Yulius Tabate", "position": None, "extra": "x"})
    assert lines == ["coordinator:", "  name: Yulius Tabate", "  email: yulius@kpu-tambrauw.go.id"]
    assert COORDINATOR_KEYS[0] == "name"


def test_an_unknown_coordinator_is_a_commented_example():
    for coordinator in (None, {}):
        lines = coordinator_lines(coordinator)
        assert all(line.startswith("#") for line in lines) and "# coordinator:" in lines
        assert yaml.safe_load("\n".join(lines)) is None
        assert yaml.safe_load("\n".join(line.split("  # ")[0][2:] for line in lines[1:])) == {"coordinator": {"name": "...", "email": "..."}}
