"""The whole decree (issue 26): plan format 3's decree body, its rules and warnings, and older formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan.schema.decree import text_of
from zi_plan.store.plans import load_plan

FIXTURES = Path(__file__).parent.parent / "fixtures"
V1 = FIXTURES / "plan-v1.yaml"
V2 = FIXTURES / "plan-v2.yaml"  # written by the previous release's `zi init` (plan format 2)
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_42363267e257bfd3.txt"

BODY = """\
  issuer: KANTOR CONTOH
  kind: KEPUTUSAN KEPALA KANTOR CONTOH
  about: RENCANA AKSI ZONA INTEGRITAS
  considering: [bahwa perlu rencana aksi;]
  observing: [Undang-Undang Nomor 5 Tahun 2014;]
  enacts: KEPUTUSAN TENTANG RENCANA AKSI
  dicta:
    - label: KESATU
      text: Menetapkan Rencana Aksi sebagaimana tercantum dalam Lampiran.
  signature: wet
"""


def with_body(body: str = BODY, text: str = MINIMAL) -> str:
    return text.replace("  position: Ketua\n", "  position: Ketua\n" + body)


# ---------------------------------------------------------------- Tambrauw's decree, from the seed


def test_tambrauw_has_its_decree_body_as_the_seed_gives_it():
    body = text_of(load_plan(PLAN).decree)
    assert body.issuer == "KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW"
    assert body.kind == "KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW"
    assert body.about.endswith("TAHUN 2023") and "ZONA INTEGRITAS" in body.about
    assert len(body.considering) == 2 and all(t.startswith("bahwa") for t in body.considering)
    assert len(body.observing) == 11 and body.observing[10].startswith("Keputusan Komisi Pemilihan Umum Nomor 438 Tahun 2023")
    assert [d.label for d in body.dicta] == ["KESATU", "KEDUA", "KEEMPAT"]  # no KETIGA in the decree: kept so
    assert "Lampiran I" in body.dicta[0].text and "Anggaran 076" in body.dicta[1].text
    assert body.appendix == "LAMPIRAN I" and body.budget.source.startswith("Anggaran 076")
    assert body.signature == "ttd" and body.certified_copy.name == "Yulius Tabate"
    # What the seed does not give stays empty, never made up.
    assert (body.nip, body.noting, body.copies_to, body.amends, body.amended_by, body.budget.dipa_number, body.verification_url) == (None, (), (), (), (), None, None)
    assert body.certified_copy.nip is None


def _seed_text() -> str:
    text = SEED.read_text(encoding="utf-8").replace("Tambora", "Tambrauw").replace("TAMBORA", "TAMBRAUW").replace("..", ".")
    return re.sub(r"\s+", " ", text.replace("*", ""))


@pytest.mark.skipif(not SEED.is_file(), reason="the decree's text (shared/seed) is not beside this checkout")
def test_every_text_of_the_tambrauw_body_is_the_seeds_word_for_word():
    seed = _seed_text()
    body = text_of(load_plan(PLAN).decree)
    texts = [body.issuer, body.kind, body.about, *body.considering, *body.observing, body.enacts, *(d.text for d in body.dicta),
             body.certified_copy.unit, body.certified_copy.position, body.certified_copy.name]  # fmt: skip
    for text in texts:
        assert text in seed or text.upper() in seed.upper().replace("KABUPATEN TAMBRAUW ", "KABUPATEN TAMBRAUW "), text
    at = 0
    for text in [*body.considering, *body.observing, *(d.text for d in body.dicta)]:  # in the seed's order
        at = seed.index(text, at) + len(text)
    for label in ("KESATU", "KEDUA", "KEEMPAT"):
        assert f"{label} :" in seed
    assert "KETIGA" not in seed


# ---------------------------------------------------------------- files of older formats


@pytest.mark.parametrize("fixture", [V1, V2], ids=["format-1", "format-2"])
def test_a_plan_of_an_older_format_loads_unchanged_without_a_body(zi, fixture):
    plan = load_plan(fixture)
    assert plan.decree.body is None and plan.coordinator is None and all(t.email is None for t in plan.teams)
    assert text_of(plan.decree) == text_of(plan.decree)._replace()  # all empty
    result = zi("validate", str(fixture))
    warnings = [line for line in result.out.splitlines() if "warning" in line]
    assert result.code == 0 and warnings and all("placeholder zi init/import wrote" in line for line in warnings)


def test_the_previous_release_wrote_format_2():
    assert "\nversion: 2\n" in V2.read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", [V1, V2], ids=["format-1", "format-2"])
def test_next_years_plan_from_an_older_one_is_format_3(zi, tmp_path, fixture):
    out = tmp_path / "next.yaml"
    assert zi("init", str(out), "--from", str(fixture), "--year", "2025").code == 0
    text = out.read_text(encoding="utf-8")
    assert "\nversion: 3\n" in text and "  # issuer: ..." in text
    assert zi("validate", str(out)).code == 0


# ---------------------------------------------------------------- zi init and zi init --from


def test_init_writes_the_decree_parts_commented_and_they_validate_once_filled(zi, tmp_path):
    path = tmp_path / "plan.yaml"
    assert zi("init", str(path), "--institution", "Kantor Contoh", "--year", "2024").code == 0
    text = path.read_text(encoding="utf-8")
    for key in ("issuer", "kind", "about", "considering", "observing", "noting", "enacts", "dicta", "appendix", "budget", "nip",
                "signature", "verification_url", "certified_copy", "copies_to", "amends", "coordinator"):  # fmt: skip
        assert re.search(rf"^\s*# {key}:", text, re.MULTILINE), key
    assert load_plan(path).decree.body is None  # commented: nothing is in the plan yet
    # Remove the '#': the example values that need a form are refused at their line, saying the form.
    opened = re.sub(r"^(\s*)# (?=[a-z_]+:|  |- )", r"\1", text, flags=re.MULTILINE)
    (tmp_path / "opened.yaml").write_text(opened, encoding="utf-8")
    result = zi("validate", str(tmp_path / "opened.yaml"))
    problems = [line for line in result.out.splitlines() if ": warning:" not in line and re.match(r".*:\d+:\d+: ", line)]
    assert result.code == 1 and len(problems) == 4, result.out
    assert any("YYYY-MM-DD" in p for p in problems) and any("18 digits" in p for p in problems)
    assert sum("not an email address" in p for p in problems) == 2


def test_next_years_plan_keeps_the_body_but_not_what_the_signing_gave(zi, tmp_path):
    out = tmp_path / "tambrauw-2024.yaml"
    assert zi("init", str(out), "--from", str(PLAN), "--year", "2024").code == 0
    body = text_of(load_plan(out).decree)
    assert body.about.endswith("TAHUN 2024") and body.enacts.endswith("TAHUN 2024")
    assert len(body.observing) == 11 and "Nomor 3 Tahun 2023" in body.observing[9]  # the laws cited keep their years
    assert body.signature is None and body.certified_copy is not None
    assert zi("validate", str(out)).code == 0


def test_the_writer_gives_back_the_same_body(tmp_path):
    from zi_plan.formats.writer import plan_out, plan_yaml

    plan = load_plan(PLAN)
    again = tmp_path / "again.yaml"
    again.write_text(plan_yaml(plan_out(plan)), encoding="utf-8")
    assert text_of(load_plan(again).decree) == text_of(plan.decree)


def test_the_writers_body_keys_are_the_schemas():
    from zi_plan.formats.decree_yaml import BODY_KEYS
    from zi_plan.schema.plan import DecreeBody

    assert tuple(DecreeBody.model_fields) == BODY_KEYS


# ---------------------------------------------------------------- rules and warnings


def test_a_complete_body_validates_without_warnings(zi, write_plan):
    result = zi("validate", str(write_plan(with_body())))
    assert result.code == 0 and "warning" not in result.out


def test_parts_missing_from_a_started_body_are_warned_at_their_lines(zi, write_plan):
    text = with_body("  issuer: KANTOR CONTOH\n  about: '...'\n  signature: electronic\n")
    path = write_plan(text)
    result = zi("validate", str(path))
    warnings = [line for line in result.out.splitlines() if ": warning: " in line]
    assert result.code == 0
    about_line = text.splitlines().index("  about: '...'") + 1
    decree_line = text.splitlines().index("decree:") + 1
    assert any(line.startswith(f"{path}:{about_line}:") and "'tentang'" in line for line in warnings)
    for part in ("document kind", "Menimbang", "Mengingat", "Menetapkan", "dicta", "verification link"):
        assert any(line.startswith(f"{path}:{decree_line}:") and part in line for line in warnings), part


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  verification_url: javascript:alert(1)\n", "is not a web link"),
        ("  nip: '1975'\n", "18 digits"),
        ("  amends:\n    - number: 1 Tahun 2023\n      url: file:///etc/passwd\n", "is not a web link"),
        ("  dicta:\n    - {label: KESATU, text: a}\n    - {label: KESATU, text: b}\n", "used twice"),
        ("  signature: basah\n", "signature"),
        ("  certified_copy: {position: Kasubag}\n", "missing required key 'name'"),
    ],
)
def test_a_wrong_body_is_refused_at_its_line(zi, write_plan, extra, message):
    path = write_plan(with_body(extra))
    result = zi("validate", str(path))
    assert result.code == 1 and message in result.out and f"{path}:1" in result.out


def test_team_and_coordinator_addresses_are_checked(zi, write_plan):
    text = MINIMAL.replace("    name: Tim Manajemen Perubahan\n", "    name: Tim Manajemen Perubahan\n    email: mp@contoh.go.id, ani@contoh.go.id\n")
    text = text.replace("    name: Tim Penguatan Tata Laksana\n", "    name: Tim Penguatan Tata Laksana\n    email: tim tata laksana\n")
    text += "coordinator:\n  name: Yulius Tabate\n  email: yulius@contoh\n"
    result = zi("validate", str(write_plan(text)))
    assert result.code == 1 and result.out.count("not an email address") == 2
    assert "mp@contoh.go.id" not in result.out
