"""units.yaml: read and checked like a plan; one unit's problem is that unit's."""

from __future__ import annotations

import pytest

from tests.units.conftest import REGISTER, unit_entry
from zi_plan.errors import InvalidFile
from zi_plan.schema import yamlio
from zi_plan.units import register as units_register
from zi_plan.units.register import descendants, load_register


def _load(parent, entries: str):
    return load_register(parent(entries) / "units.yaml")


def _messages(register) -> dict[str, list[str]]:
    return {register.units[i].code: [str(p) for p in problems] for i, problems in register.problems.items()}


def test_a_valid_register(parent):
    register = _load(parent, unit_entry("91", "KPU Provinsi") + unit_entry("9105", "KPU Tambrauw", "91", predicate="WBK-afirmasi", reviewer="Irwil II")
                     + unit_entry("9106", "KPU Sorong", "91", folder="kab/sorong"))  # fmt: skip
    assert register.problems == {} and register.year == 2024 and register.organisation == "KPU Provinsi Contoh"
    first, second, third = register.units
    assert (first.code, first.folder, first.predicate, first.parent) == ("91", "units/91", "WBK", None)
    assert (second.predicate, second.reviewer, second.parent) == ("WBK-afirmasi", "Irwil II", "91")
    assert third.folder == "kab/sorong" and register.folder_of(third) == register.root / "kab" / "sorong"
    assert descendants(register, "91") == {"9105", "9106"}


def test_the_file_as_a_whole_must_be_right(parent):
    root = parent("")
    path = root / "units.yaml"
    for text, expected in (
        ("units: [\n", ":2:1: "),
        ("- a\n- b\n", "units.yaml must be a mapping"),
        (REGISTER.replace("organisation:", "organization:"), "unknown key 'organization' (did you mean 'organisation'?)"),
        (REGISTER.replace("version: 1", "version: 2"), "format 2 is not known to this zi"),
        (REGISTER.replace("year: 2024", "year: 24"), "'year' is not valid"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InvalidFile) as caught:
            load_register(path)
        shown = "\n".join(str(p) for p in caught.value.problems)
        assert expected in shown and str(path) in shown, (text, shown)


def test_each_entry_is_checked_on_its_own(parent):
    register = _load(parent, unit_entry("1", "Satu") + "  - code: 2\n    name: Dua\n" + unit_entry("3", "Tiga", predicate="WBX")
                     + unit_entry("4", "Empat", nama="x") + '  - code: "5"\n' + unit_entry("6 x", "Enam") + "  - just text\n")  # fmt: skip
    problems = _messages(register)
    assert "1" not in problems
    assert 'write it in quotes, e.g. code: "2"' in problems["2"][0]
    assert "'predicate' must be WBK, WBBM or WBK-afirmasi" in problems["3"][0]
    assert "unknown key 'nama' (did you mean 'name'?)" in problems["4"][0]
    assert "missing required key 'name'" in problems["5"][0]
    assert "may hold only letters, digits" in problems["6 x"][0]
    assert "a unit must be a mapping" in problems["#7"][0]
    # Each at its line: file:line:col.
    assert problems["3"][0].startswith(f"{register.path}:12:")


def test_duplicate_codes_unknown_parents_and_cycles(parent):
    register = _load(parent, unit_entry("A", "Satu") + unit_entry("A", "Dua") + unit_entry("B", "Tiga", "Q")
                     + unit_entry("C", "C", "D") + unit_entry("D", "D", "C") + unit_entry("E", "E", "E") + unit_entry("F", "F", "C"))  # fmt: skip
    problems = _messages(register)
    assert list(register.problems) == [1, 2, 3, 4, 5]
    assert "duplicate unit code 'A': unit 1 (Satu) has it already" in problems["A"][0]
    assert ":8:" in problems["A"][0]  # the second entry's code, where the duplicate is
    assert "parent 'Q' is not a unit of this register" in problems["B"][0]
    assert "parent cycle: C → D → C" in problems["C"][0]
    assert "parent cycle: D → C → D" in problems["D"][0]
    assert "parent cycle: E → E" in problems["E"][0]
    assert "F" not in problems  # below a cycle, not in it


def test_folders_stay_inside_and_apart(parent):
    register = _load(parent, unit_entry("A", "A", folder="../lain") + unit_entry("B", "B", folder="/srv/b") + unit_entry("C", "C", folder="units/D")
                     + unit_entry("D", "D") + unit_entry("E", "E", folder="."))  # fmt: skip
    problems = _messages(register)
    assert "must be a path inside the parent's folder" in problems["A"][0]
    assert "must be a path inside the parent's folder" in problems["B"][0]
    assert "folder 'units/D' is unit C's too" in problems["D"][0]
    assert "must be a path inside the parent's folder" in problems["E"][0]


def test_a_register_checked_before_is_not_parsed_again(parent, monkeypatch):
    path = parent(unit_entry("91", "KPU Provinsi")) / "units.yaml"
    load_register(path)
    calls = []
    real = yamlio.parse
    monkeypatch.setattr(yamlio, "parse", lambda text: calls.append(1) or real(text))
    assert load_register(path).units[0].name == "KPU Provinsi"
    assert calls == []
    path.write_text(path.read_text(encoding="utf-8").replace("KPU Provinsi", "KPU Provinsi Baru"), encoding="utf-8")
    assert load_register(path).units[0].name == "KPU Provinsi Baru"
    assert calls == [1]


def test_the_register_is_found_from_below(parent, monkeypatch):
    root = parent(unit_entry("91", "KPU Provinsi"))
    (root / "units" / "91" / "plans").mkdir(parents=True)
    monkeypatch.chdir(root / "units" / "91")
    assert units_register.register_path().resolve() == (root / "units.yaml").resolve()
