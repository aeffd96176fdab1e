"""Finding the plan like git finds its repository (issue 12, point 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """An office folder: plans/ with one plan, and subfolders people work in."""
    root = tmp_path / "kantor"
    (root / "plans").mkdir(parents=True)
    shutil.copy(PLAN, root / "plans" / "tambrauw-2023.yaml")
    (root / "foto" / "april").mkdir(parents=True)
    return root


@pytest.mark.parametrize("where", [".", "plans", "foto/april"])
def test_found_from_the_office_folder_and_below(zi, office, monkeypatch, where):
    monkeypatch.chdir(office / where)
    photo = office / "foto" / "april" / "absen.jpg"
    photo.write_bytes(b"jpeg")
    done = zi("done", "II.2.a", "-m", "4", "-e", str(photo))
    assert done.code == 0, done.err
    assert "tambrauw-2023.progress.yaml" in done.out.splitlines()[0]
    due = zi("due", "-m", "4")
    first = due.out.splitlines()[0]
    assert due.code == 0 and first.startswith("plan ") and "tambrauw-2023.progress.yaml" in first
    assert (office / "plans" / "tambrauw-2023.progress.yaml").is_file()
    assert (office / "plans" / "tambrauw-2023.evidence" / "II/II.2/II.2.a/2023-04/absen.jpg").is_file()


def test_one_journal_whatever_the_folder(zi, office, monkeypatch, tmp_path):
    journal = office / "plans" / "tambrauw-2023.progress.yaml"
    monkeypatch.chdir(office / "foto" / "april")
    assert zi("done", "II.2.a", "-m", "4").code == 0
    monkeypatch.chdir(office / "plans")
    assert zi("done", "II.2.a", "-m", "5").code == 0
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("ZI_PLAN", str(office / "plans" / "tambrauw-2023.yaml"))
    assert zi("done", "II.2.a", "-m", "6").code == 0
    data = json.loads(zi("due", "-m", "6", "--json").out)
    assert [d["status"] for d in data["due"] if d["id"] == "II.2.a"] == ["done"]
    assert journal.read_text(encoding="utf-8").count("action: II.2.a") == 3
    assert not (tmp_path / "xdg-data" / "zi-plan").exists()


def test_the_bundled_plan_is_read_but_not_written_unless_asked(zi, tmp_path, monkeypatch):
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr("zi_plan.store.guards.to_terminal", lambda: True)  # a person reads it
    due = zi("due", "-m", "4")
    assert due.code == 0 and "(bundled with zi)" in due.out.splitlines()[0]
    refused = zi("done", "II.2.a", "-m", "4")
    assert refused.code == 1 and "--plan bundled" in refused.err and "ZI_PLAN=bundled" in refused.err
    journal = tmp_path / "xdg-data" / "zi-plan" / "tambrauw-2023.progress.yaml"
    assert str(journal) in refused.err and not journal.exists()
    monkeypatch.setenv("ZI_PLAN", "bundled")
    assert zi("done", "II.2.a", "-m", "4").code == 0 and journal.is_file()


def test_several_plans_ask_for_one(zi, office, monkeypatch):
    (office / "plans" / "rencana-aksi-2024.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(office / "foto")
    result = zi("due", "-m", "4")
    assert result.code == 2 and "--plan" in result.err
    assert "tambrauw-2023.yaml" in result.err and "rencana-aksi-2024.yaml" in result.err
    chosen = zi("list", "--json", "--plan", str(office / "plans" / "rencana-aksi-2024.yaml"))
    assert len(json.loads(chosen.out)) == 3


def test_json_names_plan_and_journal_on_stderr(zi, office, monkeypatch):
    monkeypatch.chdir(office)
    for args in (("due", "-m", "4"), ("teams",), ("team", "sdm"), ("progress", "-m", "4"), ("show", "II.2.a"), ("verify",)):
        result = zi(*args, "--json")
        assert result.code == 0, (args, result.err)
        json.loads(result.out)  # stdout is pure JSON
        assert result.err.startswith("plan plans/tambrauw-2023.yaml · journal plans/tambrauw-2023.progress.yaml"), args
        text = zi(*args)
        assert text.out.startswith("plan plans/tambrauw-2023.yaml · journal"), args


def test_init_says_how_the_plan_will_be_found(zi, tmp_path, monkeypatch):
    result = zi("init", "--institution", "KPU Kabupaten Sorong", "--year", "2024")
    assert result.code == 0
    assert "zi finds this plan by itself" in result.out
    due = zi("due", "-m", "4")
    assert due.code == 0 and "KPU Kabupaten Sorong" in due.out and "rencana-aksi-2024.yaml" in due.out.splitlines()[0]
    other = zi("init", "lain.yaml", "--institution", "X", "--year", "2024")
    assert "--plan lain.yaml" in other.out
    third = zi("init", "plans/kedua.yaml", "--institution", "Y", "--year", "2025")
    assert "holds other plans too" in third.out


def test_documents_name_plan_and_journal_on_stderr(zi, office, monkeypatch):
    monkeypatch.chdir(office / "foto")
    for args in (("report", "-m", "4", "-o", "-"), ("export", "--format", "csv", "-o", "-")):
        result = zi(*args)
        assert result.code == 0, args
        assert result.err.startswith("plan ") and "tambrauw-2023.progress.yaml" in result.err.splitlines()[0], args
        assert not result.out.startswith("plan ")  # the document alone on stdout
    pack = zi("evidence", "pack")
    assert pack.code == 0 and pack.out.startswith("plan ")


def test_discover_directly(tmp_path, monkeypatch):
    from zi_plan.errors import ZiError
    from zi_plan.store.workspace import discover, plans_in

    root = tmp_path / "kantor"
    (root / "plans").mkdir(parents=True)
    (root / "a" / "b").mkdir(parents=True)
    (root / "plans" / "kantor-2024.yaml").write_text(MINIMAL, encoding="utf-8")
    (root / "plans" / "kantor-2024.progress.yaml").write_text("journal: 2\n", encoding="utf-8")
    (root / "plans" / ".hidden.yaml").write_text("x: 1\n", encoding="utf-8")
    assert [p.name for p in plans_in(root / "plans")] == ["kantor-2024.yaml"]
    monkeypatch.chdir(root / "a" / "b")
    found = discover()
    assert (found.found_by, found.bundled) == ("folder", False)
    assert found.path.resolve() == (root / "plans" / "kantor-2024.yaml").resolve()
    assert discover(start=root / "plans").path.resolve() == found.path.resolve()
    monkeypatch.setenv("ZI_PLAN", "bundled")
    assert discover().bundled and discover().found_by == "env"
    monkeypatch.delenv("ZI_PLAN")
    assert discover(start=tmp_path).found_by == "bundled"
    (root / "plans" / "kantor-2025.yml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(ZiError) as caught:
        discover()
    assert caught.value.exit_code == 2 and "kantor-2025.yml" in caught.value.message


READERS = [
    ("due", "-m", "4"), ("due", "-m", "4", "--json"), ("list",), ("show", "II.2.a"), ("verify",), ("teams", "--json"),
    ("team", "pengawasan"), ("progress",), ("report", "-m", "4"), ("publish",), ("export", "--format", "csv"),
    ("evidence", "pack"), ("lke", "list"), ("lke", "coverage"), ("lke", "score", "--json"), ("lke", "sheet"), ("validate",),
]


@pytest.mark.parametrize("args", READERS, ids=lambda a: "-".join(a))
def test_a_script_never_gets_the_bundled_plan_unless_it_names_it(zi, tmp_path, monkeypatch, args):
    # Run from a repository's root, say: no plans/ here or above.
    monkeypatch.chdir(tmp_path)
    refused = zi(*args)
    assert refused.code == 1, refused.out
    assert "another office's" in refused.err and "--plan bundled" in refused.err and "Traceback" not in refused.err
    assert refused.out == "" and not list(tmp_path.glob("*.*"))  # nothing printed, nothing written
    assert zi(*args, "--plan", "bundled").code == 0


def test_zi_plan_bundled_names_it_too(zi, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZI_PLAN", "bundled")
    assert zi("due", "-m", "4", "--json").code == 0 and zi("report", "-m", "4").code == 0


@pytest.mark.parametrize("args", [("due", "-m", "4"), ("list",), ("show", "II.2.a")], ids=lambda a: a[0])
def test_a_person_at_a_terminal_still_reads_the_bundled_plan(zi, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("zi_plan.store.guards.to_terminal", lambda: True)
    assert zi(*args).code == 0
    assert zi(*args, "--json").code == 1  # JSON is for a script, terminal or not
