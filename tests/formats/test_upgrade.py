"""`zi upgrade`: a plan of format 1 or 2 as format 3, every line kept (issue 26)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan.schema import yamlio

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize("name", ["plan-v1.yaml", "plan-v2.yaml"])
def test_an_older_plan_is_upgraded_keeping_every_line(zi, tmp_path, name):
    path = Path(shutil.copy(FIXTURES / name, tmp_path / "plan.yaml"))
    before = path.read_text(encoding="utf-8")
    result = zi("upgrade", "--plan", str(path))
    assert result.code == 0 and "-> 3" in result.out
    after = path.read_text(encoding="utf-8")
    assert (tmp_path / "plan.yaml.bak").read_text(encoding="utf-8") == before
    old, new = before.splitlines(), iter(after.splitlines())
    kept = [line for line in old if any(line == other or (line.startswith("version:") and other == "version: 3") for other in new)]
    assert kept == old  # every old line, in order (the version line rewritten)
    data_before, data_after = yamlio.parse(before), yamlio.parse(after)
    assert data_after["version"] == 3 and {**data_after, "version": None} == {**data_before, "version": None}
    assert "  # issuer: ..." in after and "# coordinator:" in after
    assert zi("validate", str(path)).code == 0
    again = zi("upgrade", "--plan", str(path))
    assert again.code == 0 and "already" in again.out and path.read_text(encoding="utf-8") == after


def test_a_plan_saved_on_windows_keeps_its_line_ends(zi, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    assert zi("upgrade", "--plan", str(path)).code == 0
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") and b"version: 3\r\n" in raw


def test_an_invalid_plan_is_not_upgraded(zi, write_plan, tmp_path):
    path = write_plan(MINIMAL.replace("year: 2024", "year: twenty"))
    result = zi("upgrade", "--plan", str(path))
    assert result.code == 1 and f"{path}:3:" in result.err and not (tmp_path / "plan.yaml.bak").exists()


def test_the_bundled_plan_is_left_alone(zi):
    result = zi("upgrade")
    assert result.code == 2 and "--plan" in result.err


def test_a_plan_with_a_body_already_only_changes_version(zi, tmp_path):
    text = PLAN.read_text(encoding="utf-8").replace("version: 3\n", "version: 2\n")
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    assert zi("upgrade", "--plan", str(path)).code == 0
    after = path.read_text(encoding="utf-8")
    assert "# issuer: ..." not in after and after.replace("version: 3\n", "version: 2\n").replace(after[after.index("# The Zona"):after.index("# PENANGGUNG")], "") == text
