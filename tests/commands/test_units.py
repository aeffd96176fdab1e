"""zi units init and zi units add write units.yaml; zi init and zi import in a unit's folder work as today."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from tests.conftest import MINIMAL
from zi_plan.units.register import load_register


def test_init_then_add(zi, tmp_path):
    assert zi("units", "init", "--organisation", "KPU Provinsi Papua Barat Daya", "--year", "2024").code == 0
    path = tmp_path / "units.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# The units of KPU Provinsi Papua Barat Daya") and "year: 2024" in text
    result = zi("units", "add", "91", "--name", "KPU Provinsi Papua Barat Daya")
    assert result.code == 0 and "added unit 91" in result.out and "units/91" in result.out
    result = zi("units", "add", "0105", "--name", 'KPU Kabupaten "Tambrauw"', "--parent", "91", "--predicate", "WBK-afirmasi", "--reviewer", "Irwil II")
    assert result.code == 0
    assert (tmp_path / "units" / "0105").is_dir()
    register = load_register(path)
    assert register.problems == {}
    assert [(u.code, u.name, u.parent, u.predicate, u.reviewer) for u in register.units] == [
        ("91", "KPU Provinsi Papua Barat Daya", None, "WBK", None), ("0105", 'KPU Kabupaten "Tambrauw"', "91", "WBK-afirmasi", "Irwil II")]
    assert path.read_text(encoding="utf-8").startswith(text)  # appended: the header and its comments stay


def test_init_does_not_overwrite(zi, tmp_path):
    assert zi("units", "init").code == 0
    result = zi("rollup")
    assert result.code == 0 and "lists no unit yet: add them with zi units add" in result.out
    zi("units", "add", "91", "--name", "X")
    result = zi("units", "init")
    assert result.code == 1 and "exists already" in result.err
    assert "code: \"91\"" in (tmp_path / "units.yaml").read_text(encoding="utf-8")


def test_add_refuses_what_would_break_the_register(zi, tmp_path):
    zi("units", "init", "--year", "2024")
    zi("units", "add", "91", "--name", "KPU Provinsi")
    before = (tmp_path / "units.yaml").read_text(encoding="utf-8")
    for args, expected in (
        (["91", "--name", "Lagi"], "unit 91 is in units.yaml already"),
        (["9105", "--name", "X", "--parent", "19"], "no unit '19'"),
        (["9105", "--name", "X", "--predicate", "WBX"], "'predicate' must be WBK, WBBM or WBK-afirmasi"),
        (["91 05", "--name", "X"], "may hold only letters, digits"),
        (["9105", "--name", "X", "--folder", "../elsewhere"], "must be a path inside the parent's folder"),
    ):
        result = zi("units", "add", *args)
        assert result.code == 2 and expected in result.err, (args, result.err)
    assert (tmp_path / "units.yaml").read_text(encoding="utf-8") == before
    assert not (tmp_path / "units" / "9105").exists()


def test_add_keeps_a_hand_made_layout_or_says_why_not(zi, tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text("version: 1\nunits:\n- code: \"91\"\n  name: KPU Provinsi  # the province\n", encoding="utf-8")
    assert zi("units", "add", "9105", "--name", "KPU Tambrauw", "--parent", "91").code == 0
    assert [u.code for u in load_register(path).units] == ["91", "9105"]
    assert "# the province" in path.read_text(encoding="utf-8")
    path.write_text("units:\n  - code: \"91\"\n    name: KPU\nyear: 2024\n", encoding="utf-8")
    result = zi("units", "add", "9106", "--name", "KPU Sorong")
    assert result.code == 1 and "does not end with its 'units:' list" in result.err


def test_two_coordinators_adding_at_once_both_land(zi, tmp_path):
    from zi_plan.units.editing import add_unit

    zi("units", "init")
    path = tmp_path / "units.yaml"
    errors: list[BaseException] = []

    def add(code: str) -> None:
        try:
            add_unit(path, code, f"Unit {code}", None, None, "WBK", None)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(f"{n:02d}",)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(u.code for u in load_register(path).units) == [f"{n:02d}" for n in range(8)]


def test_a_units_own_commands_work_in_its_folder(zi, tmp_path, monkeypatch):
    zi("units", "init", "--year", "2024")
    zi("units", "add", "9105", "--name", "KPU Tambrauw")
    monkeypatch.chdir(tmp_path / "units" / "9105")
    assert zi("init", "--institution", "KPU Kabupaten Tambrauw", "--year", "2024").code == 0
    assert zi("done", "I.1.a", "--month", "1", "--by", "Ani").code == 0
    monkeypatch.chdir(tmp_path)
    data = json.loads(zi("rollup", "--month", "1", "--json").out)
    [unit] = data["units"]
    assert unit["status"] == "ok" and unit["done"] == 1 and unit["plan"] == "units/9105/plans/rencana-aksi-2024.yaml"


def test_the_unit_commands_in_indonesian(zi, tmp_path):
    zi("units", "init")
    result = zi("--lang", "id", "units", "add", "91", "--name", "KPU")
    assert "unit 91 (KPU) ditambahkan ke units.yaml" in result.out
    result = zi("--lang", "id", "units", "add", "91", "--name", "KPU")
    assert "sudah ada" in result.err
    assert "Daftar unit milik induk" in zi("--lang", "id", "units", "--help").out


def test_a_unit_folder_of_its_own_choosing(zi, tmp_path):
    zi("units", "init", "--year", "2024")
    assert zi("units", "add", "kab-sorong", "--name", "KPU Sorong", "--folder", "kabupaten/sorong/").code == 0
    plans = tmp_path / "kabupaten" / "sorong" / "plans"
    plans.mkdir()
    (plans / "rencana.yaml").write_text(MINIMAL, encoding="utf-8")
    data = json.loads(zi("rollup", "--month", "2", "--json").out)
    assert data["units"][0]["plan"] == "kabupaten/sorong/plans/rencana.yaml"
    assert Path(tmp_path / "units.yaml").read_text(encoding="utf-8").count('folder: "kabupaten/sorong"') == 1
