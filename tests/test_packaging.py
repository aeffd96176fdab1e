"""The wheel carries what zi needs at run time: the plan, the catalogue, the templates."""

from __future__ import annotations

import zipfile

from hatchling.builders.wheel import WheelBuilder

from tests.conftest import PLAN, REPO


def test_wheel_contents(tmp_path):
    (wheel,) = WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("zi_plan/data/tambrauw-2023.yaml") == PLAN.read_bytes()
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "zi_plan/locale/id/LC_MESSAGES/zi.mo" in names
    assert {"zi_plan/documents/templates/report.html", "zi_plan/documents/templates/report.md", "zi_plan/documents/templates/publish.html"} <= names
    assert {"zi_plan/lke/data/lke-2026.json", "zi_plan/documents/templates/lke_pack_index.html"} <= names
    assert {"zi_plan/documents/templates/rollup.html", "zi_plan/documents/templates/ci/gitlab-ci.yml", "zi_plan/documents/templates/ci/github-zi.yml"} <= names
    assert "zi = zi_plan.__main__:run" in entry_points
    assert not any(n.startswith(("tests/", "plans/", "bench/")) for n in names)
