"""travel.receive: the checks made before anything is written (the pack, where it goes, which records are new)."""

from __future__ import annotations

import dataclasses
import zipfile

import pytest

from zi_plan.errors import ZiError
from zi_plan.travel import manifest as mf
from zi_plan.travel.receive import check_members, journal_name, new_records, open_pack, plan_in_pack, unit_folder
from zi_plan.travel.unitpack import build_unit_pack

ROWS = [{"action": "I.1.a", "month": m, "event": "done", "at": f"2023-0{m}-20T09:30:00+00:00", "by": "Ani"} for m in (1, 2, 3, 4)]


def _made(start: int, end: int, since: list[dict] | None = None) -> mf.Manifest:
    plan = mf.Member("plan/p.yaml", "ab" * 32, 1)
    return mf.Manifest("9108", 2023, plan, "", "", records_from=start, records_to=end,
                       since_digest=mf.digest([mf.identity(r) for r in since]) if since is not None else None)  # fmt: skip


def test_records_are_positions_in_the_units_journal():
    assert new_records(ROWS[:2], _made(0, 2), [], "9108") == ROWS[:2]
    assert new_records(ROWS[:3], _made(0, 3), ROWS[:2], "9108") == ROWS[2:3]  # the overlap is known
    assert new_records(ROWS[:2], _made(0, 2), ROWS[:3], "9108") == []  # an older pack after a newer one
    assert new_records(ROWS[2:4], _made(2, 4, ROWS[:2]), ROWS[:2], "9108") == ROWS[2:4]


def test_a_gap_or_another_history_is_refused():
    with pytest.raises(ZiError, match="records 4 to 4, but the parent has only its first 2: receive the pack made before it first"):
        new_records(ROWS[3:], _made(3, 4), ROWS[:2], "9108")
    other = [{**ROWS[0], "by": "Budi"}, ROWS[1]]
    with pytest.raises(ZiError, match="differs from the unit's in its first 2 records"):
        new_records(ROWS[2:4], _made(2, 4, ROWS[:2]), other, "9108")
    with pytest.raises(ZiError, match="differs from the records in this pack"):
        new_records(ROWS[:2], _made(0, 2), other, "9108")


def test_where_a_units_records_go(tmp_path):
    assert unit_folder("9108", None, tmp_path) == tmp_path / "units" / "9108"
    with pytest.raises(ZiError, match="this pack is unit 9108's, not 9109's"):
        unit_folder("9108", "9109", tmp_path)
    (tmp_path / "units.yaml").write_text('version: 1\nunits:\n  - code: "9108"\n    name: KPU Tambrauw\n    folder: kab/tambrauw\n', encoding="utf-8")
    (tmp_path / "kab").mkdir()
    assert unit_folder("9108", " 9108 ", tmp_path / "kab") == tmp_path / "kab" / "tambrauw"
    with pytest.raises(ZiError, match="unit 9110 is not in .*units.yaml; add it there first"):
        unit_folder("9110", None, tmp_path)


def test_a_pack_is_checked_member_by_member(unit_plan, tmp_path):
    build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    archive, made = open_pack(tmp_path / "p1.zip")
    with archive:
        check_members(archive, made, tmp_path / "p1.zip")
        text, plan = plan_in_pack(archive, made, tmp_path / "p1.zip")
        assert plan.year == 2023 and text == unit_plan.path.read_text(encoding="utf-8")
        lying = dataclasses.replace(made, files=[dataclasses.replace(made.files[0], size=made.files[0].size + 1)])
        with pytest.raises(ZiError, match="does not have the sha256 and size its manifest gives"):
            check_members(archive, lying, tmp_path / "p1.zip")
        missing = dataclasses.replace(made, files=[dataclasses.replace(made.files[0], member="evidence/gone.jpg")])
        with pytest.raises(ZiError, match="is incomplete: evidence/gone.jpg is missing from it"):
            check_members(archive, missing, tmp_path / "p1.zip")
        climbing = dataclasses.replace(made, files=[dataclasses.replace(made.files[0], path="../../etc/passwd")])
        with pytest.raises(ZiError, match="is damaged: .*nothing was changed"):
            check_members(archive, climbing, tmp_path / "p1.zip")
        other_year = dataclasses.replace(made, year=2024)
        with pytest.raises(ZiError, match="its manifest says 2024, its plan 2023"):
            plan_in_pack(archive, other_year, tmp_path / "p1.zip")


def test_what_is_not_a_pack(tmp_path):
    with pytest.raises(ZiError, match="does not exist"):
        open_pack(tmp_path / "gone.zip")
    (tmp_path / "text.zip").write_text("not a zip", encoding="utf-8")
    with pytest.raises(ZiError, match="is not a zip file or is damaged"):
        open_pack(tmp_path / "text.zip")
    with zipfile.ZipFile(tmp_path / "plain.zip", "w") as archive:
        archive.writestr("a.txt", "a")
    with pytest.raises(ZiError, match="is not a zi unit pack \\(it has no zi-unit.json\\)"):
        open_pack(tmp_path / "plain.zip")


def test_the_journal_beside_the_plan():
    assert journal_name("tambrauw-2023.yaml") == "tambrauw-2023.progress.yaml"
