"""What a new district office hit trying the rounds of issues 20-26 from a fresh clone (trial1): one test each."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL, REPO

# ---------------------------------------------------------------- Indonesian throughout


def test_a_plan_written_in_indonesian_has_no_english_comment(zi, tmp_path):
    assert zi("--lang", "id", "init", "--institution", "BPS Kabupaten Sorong", "--year", "2024").code == 0
    text = (tmp_path / "plans" / "rencana-aksi-2024.yaml").read_text(encoding="utf-8")
    assert "# PENANGGUNG JAWAB: tim-tim, dirujuk dengan id-nya." in text
    assert "the teams" not in text


def test_the_lke_line_of_a_written_plan_speaks_the_language(zi, write_plan, tmp_path):
    plan = write_plan(MINIMAL + "lke: 2026\n")
    assert zi("--lang", "id", "init", "--from", str(plan), "--year", "2025", "--institution", "Kantor Contoh").code == 0
    text = (tmp_path / "plans" / "rencana-aksi-2025.yaml").read_text(encoding="utf-8")
    assert "lke: 2026  # LKE yang menjadi dasar penilaian rencana ini" in text


def test_doctors_fix_for_a_folder_without_plan_is_indonesian(zi):
    out = zi("--lang", "id", "doctor").out
    assert "cd FOLDER_KANTOR  # atau: zi init" in out
    assert "OFFICE_FOLDER" not in out


@pytest.mark.parametrize(("lang", "page"), [("id", "docs/decree.md"), ("en", "docs/decree.en.md")])
def test_the_decree_warning_names_the_page_of_its_language(zi, write_plan, lang, page):
    result = zi("--lang", lang, "publish", "--decree", "--plan", str(write_plan()))
    assert result.code == 0, result.err
    assert f"({'lihat' if lang == 'id' else 'see'} {page} " in result.err
    assert (REPO / page).is_file()


def test_the_pages_messages_point_to_exist():
    """Every docs/… page a message names (in either language) is a page of the site."""
    from babel.messages.pofile import read_po

    with open(REPO / "zi_plan/locale/id/LC_MESSAGES/zi.po", "rb") as po:
        texts = [t for m in read_po(po) if m.id for t in (m.id, m.string) if isinstance(t, str)]
    named = {p for t in texts for p in re.findall(r"docs/[\w.-]+\.md", t)}
    assert named and all((REPO / p).is_file() for p in named), sorted(p for p in named if not (REPO / p).is_file())


def test_the_lke_answer_sheet_is_named_in_the_language(zi, plan_copy, tmp_path):
    result = zi("--lang", "id", "lke", "sheet")
    assert result.code == 0, result.err
    assert [p.name for p in tmp_path.glob("lke-*.xlsx")] == ["lke-2026-jawaban.xlsx"]  # the worksheet's year


# ---------------------------------------------------------------- nothing overwritten


@pytest.mark.parametrize("fmt", ["text", "md", "eml"])
def test_digest_files_already_there_are_refused_without_force(zi, plan_copy, tmp_path, fmt):
    assert zi("digest", "--month", "4", "--format", fmt, "-o", "pesan").code == 0
    mine = tmp_path / "pesan" / f"pesan-2023-04-manajemen-perubahan.{'txt' if fmt == 'text' else fmt}"
    mine.write_text("edited by hand", encoding="utf-8")
    again = zi("digest", "--month", "4", "--format", fmt, "-o", "pesan")
    assert again.code == 1
    assert f"{mine.relative_to(tmp_path)} exists; add --force to replace it" in again.err
    assert mine.read_text(encoding="utf-8") == "edited by hand"
    assert zi("digest", "--month", "4", "--format", fmt, "-o", "pesan", "--force").code == 0
    assert mine.read_text(encoding="utf-8") != "edited by hand"


def test_digest_makes_the_folder_the_docs_cron_script_names(zi, plan_copy, tmp_path):
    """docs/digest.md: `zi digest --format eml -o "pesan/$month"`, on the first run, with no pesan/ yet."""
    result = zi("digest", "--month", "4", "--format", "eml", "-o", "pesan/2023-04")
    assert result.code == 0, result.err
    assert len(list((tmp_path / "pesan" / "2023-04").glob("*.eml"))) == 6


def test_upgrade_keeps_a_backup_holding_other_text(zi, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = Path(shutil.copy(REPO / "tests/fixtures/plan-v2.yaml", plans / "lama-2024.yaml"))
    backup = plans / "lama-2024.yaml.bak"
    backup.write_text("# our own copy\n", encoding="utf-8")
    result = zi("--lang", "id", "upgrade")
    assert result.code == 1
    assert "plans/lama-2024.yaml.bak sudah ada dan isinya berbeda" in result.err
    assert backup.read_text(encoding="utf-8") == "# our own copy\n"
    assert "version: 2" in plan.read_text(encoding="utf-8")  # nothing written
    assert zi("upgrade", "--force").code == 0
    assert "version: 3" in plan.read_text(encoding="utf-8")
    assert backup.read_text(encoding="utf-8") == (REPO / "tests/fixtures/plan-v2.yaml").read_text(encoding="utf-8")


def test_upgrade_may_replace_a_backup_of_the_same_text(zi, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = Path(shutil.copy(REPO / "tests/fixtures/plan-v2.yaml", plans / "lama-2024.yaml"))
    shutil.copy(plan, plans / "lama-2024.yaml.bak")
    assert zi("upgrade").code == 0
    assert "version: 3" in plan.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the report


def test_a_shared_actions_overdue_months_are_in_each_teams_list(zi, write_plan):
    shared = MINIMAL.replace("            months: [2]\n", "            months: [2]\n            teams: [tl, mp]\n")
    report = zi("report", "--month", "4", "--format", "md", "-o", "-", "--plan", str(write_plan(shared)))
    assert report.code == 0, report.err
    overdue = report.out.split("## Overdue, by team", 1)[1]
    sections = {s.split("\n", 1)[0]: s for s in overdue.split("### ")[1:]}
    assert set(sections) == {"Tim Manajemen Perubahan", "Tim Penguatan Tata Laksana"}
    assert all("| I.1.b | Feb |" in s for s in sections.values())


# ---------------------------------------------------------------- the docs


def _command_names() -> list[str]:
    from typer.main import get_command

    from zi_plan.cli import build_app

    def walk(group: Any, prefix: str) -> list[str]:
        subcommands = getattr(group, "commands", {})
        return [n for name, command in subcommands.items()
                for n in (walk(command, f"{prefix}{name} ") if getattr(command, "commands", None) else [prefix + name])]  # fmt: skip

    return walk(get_command(build_app()), "zi ")


@pytest.mark.parametrize("page", ["commands.md", "commands.en.md"])
def test_the_commands_page_names_every_command(page):
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    names = _command_names()
    assert "zi digest" in names and "zi doctor" in names
    assert [n for n in names if f"[{n}](" not in text] == []


def test_no_fenced_block_inside_a_list_item():
    """Python-Markdown (mkdocs) cannot nest a ``` fence in a list: it printed the fence's words as text and restarted the numbering."""
    nested = [f"{p.name}:{n}" for p in sorted((REPO / "docs").glob("*.md"))
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if re.match(r" +```", line)]  # fmt: skip
    assert nested == []
