"""units.editing: units.yaml started and added to, the user's text and comments kept."""

from __future__ import annotations

import pytest

from zi_plan.errors import ZiError
from zi_plan.units.editing import add_unit, entry_text, init_register
from zi_plan.units.register import Unit, load_register


def test_a_new_register_then_units(tmp_path):
    path = init_register(tmp_path, ' KPU "Papua" ', 2024, force=False)
    assert load_register(path).organisation == 'KPU "Papua"' and load_register(path).year == 2024
    unit, made = add_unit(path, " 9105 ", "KPU Tambrauw", None, "kab/tambrauw/", "WBK-afirmasi", " Irwil II ")
    assert made and (tmp_path / "kab" / "tambrauw").is_dir()
    assert (unit.code, unit.folder, unit.predicate, unit.reviewer) == ("9105", "kab/tambrauw", "WBK-afirmasi", "Irwil II")
    (tmp_path / "units" / "9106").mkdir(parents=True)
    assert add_unit(path, "9106", "KPU Sorong", "9105", None, "WBK", None)[1] is False  # its folder was there already
    assert [(u.code, u.parent) for u in load_register(path).units] == [("9105", None), ("9106", "9105")]


def test_never_over_an_existing_register_without_force(tmp_path):
    path = init_register(tmp_path, None, 2024, force=False)
    add_unit(path, "91", "KPU", None, None, "WBK", None)
    with pytest.raises(ZiError, match="exists already; add units with zi units add, or --force"):
        init_register(tmp_path, None, 2024, force=False)
    init_register(tmp_path, None, 2025, force=True)
    assert load_register(path).units == [] and load_register(path).year == 2025


def test_an_entry_says_only_what_is_not_a_default():
    assert entry_text(Unit(0, "91", "KPU", None, "units/91", "WBK", None), "  ") == '  - code: "91"\n    name: "KPU"\n    predicate: WBK\n'
    text = entry_text(Unit(1, "9105", 'KPU "T"', "91", "kab/t", "WBBM", "Irwil"), "")
    assert text.splitlines() == ['- code: "9105"', '  name: "KPU \\"T\\""', '  parent: "91"', '  folder: "kab/t"', "  predicate: WBBM", '  reviewer: "Irwil"']


def test_a_clash_is_refused_and_nothing_written(tmp_path):
    path = init_register(tmp_path, None, 2024, force=False)
    add_unit(path, "91", "KPU", None, None, "WBK", None)
    before = path.read_bytes()
    with pytest.raises(ZiError, match="unit 91 is in .* already \\(KPU\\)"):
        add_unit(path, "91", "Lagi", None, None, "WBK", None)
    with pytest.raises(ZiError, match="no unit '19'"):
        add_unit(path, "9105", "X", "19", None, "WBK", None)
    with pytest.raises(ZiError, match="the unit was not added: "):
        add_unit(path, "9105", "X", None, None, "WBX", None)
    assert path.read_bytes() == before and not (tmp_path / "units" / "9105").exists()


def test_init_keeps_the_lock_files_out_of_git(tmp_path):
    from zi_plan.units.editing import init_register

    init_register(tmp_path, "KPU Provinsi Papua Barat Daya", 2024, False)
    assert ".*.lock" in (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    (tmp_path / ".gitignore").write_text("mine\n", encoding="utf-8")
    init_register(tmp_path, "KPU Provinsi Papua Barat Daya", 2024, True)
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "mine\n"  # an office's own is never replaced


def test_the_header_is_in_the_interface_language(tmp_path):
    from zi_plan import i18n

    i18n.set_language("id")
    try:
        text = init_register(tmp_path, "KPU Provinsi Papua Barat Daya", 2023, force=False).read_text(encoding="utf-8")
        ignore = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    finally:
        i18n.set_language("en")
    assert text.startswith("# Unit-unit KPU Provinsi Papua Barat Daya: kode, nama, unit di atas\n")
    assert ignore.startswith("# Ditulis oleh zi units init:") and ignore.endswith("\n.*.lock\n")
    assert all(len(line) <= 78 for line in text.splitlines())


def test_a_line_break_in_the_name_stays_in_the_comment(tmp_path):
    path = init_register(tmp_path, "KPU\nversion: 9\nunits: [x]", 2023, force=False)
    register = load_register(path)
    assert register.organisation == "KPU\nversion: 9\nunits: [x]" and register.units == []
    assert [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")][0] == "version: 1"
