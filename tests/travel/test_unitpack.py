"""travel.unitpack: a unit's plan, journal and evidence in one zip, whole or since an earlier pack."""

from __future__ import annotations

import json
import zipfile

import pytest

from zi_plan.errors import ZiError
from zi_plan.travel import manifest as mf
from zi_plan.travel.unitpack import build_unit_pack, default_name, named_files


def test_a_full_pack(unit_plan, tmp_path):
    result = build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    assert result.records == 2 and result.bytes == 15 and result.problems == [] and result.from_store == 0
    with zipfile.ZipFile(tmp_path / "p1.zip") as archive:
        made = mf.from_json(archive.read(mf.NAME), "p1.zip")
        assert archive.read(made.plan.member) == unit_plan.path.read_bytes()
        names = set(archive.namelist())
    assert made.full and made.unit == "9108" and made.year == 2023 and (made.records_from, made.records_to) == (0, 2)
    assert {m.path for m in made.files} == {"I/I.1/I.1.a/2023-04/foto.jpg", "I/I.2/I.2.a/2023-04/sk.pdf"}
    assert {m.member for m in made.files} <= names and sorted(p for p, _sha in made.sent) == sorted(m.path for m in made.files)


def test_a_pack_since_another_holds_only_what_is_new(unit_plan, zi, tmp_path):
    build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    (tmp_path / "video.mp4").write_bytes(b"\x00" * 100)
    assert zi("done", "I.3.a", "-m", "5", "-e", str(tmp_path / "video.mp4"), "--by", "Ani").code == 0
    second = build_unit_pack(unit_plan, "9108", tmp_path / "p2.zip", since=tmp_path / "p1.zip")
    made = second.manifest
    assert (made.records_from, made.records_to, second.records) == (2, 3, 1) and not made.full
    assert [m.path for m in made.files] == ["I/I.3/I.3.a/2023-05/video.mp4"] and len(made.sent) == 3
    with zipfile.ZipFile(tmp_path / "p1.zip") as first:
        assert made.since_digest == json.loads(first.read(mf.NAME))["records_digest"]


def test_since_a_pack_of_another_unit_or_not_a_pack(unit_plan, tmp_path):
    build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    with pytest.raises(ZiError, match="is unit 9108's pack for 2023, not this plan's \\(9109, 2023\\)"):
        build_unit_pack(unit_plan, "9109", tmp_path / "p2.zip", since=tmp_path / "p1.zip")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("x.txt", "x")
    with pytest.raises(ZiError, match="is not a zi unit pack"):
        build_unit_pack(unit_plan, "9108", tmp_path / "p2.zip", since=tmp_path / "other.zip")
    assert not (tmp_path / "p2.zip").exists()


def test_a_missing_file_stops_the_pack_and_leaves_nothing(unit_plan, tmp_path):
    next(unit_plan.path.parent.rglob("foto.jpg")).unlink()
    with pytest.raises(ZiError) as caught:
        build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    assert "foto.jpg" in str(caught.value) and "the pack was not written" in str(caught.value)
    assert list(tmp_path.glob("p1.zip*")) == []


def test_each_named_file_once_replaced_ones_too():
    sha = "ab" * 32
    rows = [{"evidence": [{"path": "a.pdf", "sha256": sha, "size": 3}, {"url": "https://x"}]},
            {"evidence": [{"path": "a.pdf", "sha256": sha, "size": 3}], "replaces": [{"path": "b.pdf", "sha256": "cd" * 32}]}]  # fmt: skip
    assert named_files(rows) == [("a.pdf", sha, 3), ("b.pdf", "cd" * 32, None)]
    assert default_name("9108", 2023).startswith("unit-9108-2023-") and default_name("9108", 2023).endswith(".zip")
