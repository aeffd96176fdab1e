"""zi units ci: the pipeline files parse, say what they should, and their validate step checks what changed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.units.conftest import unit_entry
from tests.units.test_rollup import write_journal
from zi_plan import __version__


@pytest.fixture
def province(parent, monkeypatch) -> Path:
    root = parent(unit_entry("91", "KPU Provinsi") + unit_entry("9105", "KPU Tambrauw", "91") + unit_entry("9106", "KPU Sorong", "91"),
                  plans=("91", "9105", "9106"))  # fmt: skip
    monkeypatch.chdir(root)
    return root


def test_gitlab(province, zi):
    result = zi("units", "ci", "--gitlab")
    assert result.code == 0 and ".gitlab-ci.yml" in result.out
    data = yaml.safe_load((province / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert data["variables"]["ZI_PACKAGE"] == f"zi-plan=={__version__}" and data["variables"]["ZI_LANG"] == "id"
    assert data["default"]["before_script"] == ['python -m pip install --quiet "$ZI_PACKAGE"']
    assert data["stages"] == ["validate", "publish"]
    assert "xargs -0 -r zi validate" in data["validate"]["script"][0] and "\n  zi validate\n" in data["validate"]["script"][0]
    pages = data["pages"]
    assert pages["artifacts"]["paths"] == ["public"] and pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "zi rollup --format html -o public/index.html || test -s public/index.html" in pages["script"]
    assert any("--format xlsx" in line for line in pages["script"])
    assert "# CI of KPU Provinsi Contoh" in (province / ".gitlab-ci.yml").read_text(encoding="utf-8")


def test_github(province, zi):
    assert zi("units", "ci", "--github").code == 0
    data = yaml.safe_load((province / ".github" / "workflows" / "zi.yml").read_text(encoding="utf-8"))
    assert set(data["on"]) == {"push", "pull_request"} and data["env"]["ZI_PACKAGE"] == f"zi-plan=={__version__}"
    validate, dashboard = data["jobs"]["validate"], data["jobs"]["dashboard"]
    assert validate["steps"][0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert "zi validate --format github" in validate["steps"][-1]["run"]
    assert validate["steps"][-1]["env"]["BASE"] == "${{ github.event.pull_request.base.sha || github.event.before }}"
    assert dashboard["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [s.get("uses") for s in dashboard["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/deploy-pages@v4" in uses
    [rollup] = [s for s in dashboard["steps"] if s.get("name") == "Roll up every unit"]
    assert "zi rollup --format html -o public/index.html" in rollup["run"]
    # zi's parsed-data cache is kept between runs, restored before the roll-up
    [kept] = [s for s in dashboard["steps"] if s.get("uses") == "actions/cache@v4"]
    assert kept["with"]["path"] == "~/.cache/zi-plan" and kept["with"]["restore-keys"] == "zi-${{ runner.os }}-"
    assert dashboard["steps"].index(kept) < dashboard["steps"].index(rollup)


def test_both_never_over_a_file_without_force(province, zi):
    assert zi("units", "ci", "--gitlab", "--github").code == 0
    (province / ".gitlab-ci.yml").write_text("# mine\n", encoding="utf-8")
    result = zi("units", "ci", "--gitlab")
    assert result.code == 1 and "exists already" in result.err
    assert (province / ".gitlab-ci.yml").read_text(encoding="utf-8") == "# mine\n"
    assert zi("units", "ci", "--gitlab", "--force").code == 0
    assert zi("units", "ci").code == 2


def test_a_newline_in_the_organisation_stays_in_the_comment(province, zi):
    register = province / "units.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("organisation: KPU Provinsi Contoh", 'organisation: "KPU\\nx: 1"'), encoding="utf-8")
    assert zi("units", "ci", "--gitlab").code == 0
    assert "x" not in yaml.safe_load((province / ".gitlab-ci.yml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the validate step, run


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.go.id", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repository(province, tmp_path) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None or shutil.which("xargs") is None:
        pytest.skip("git and xargs are needed")
    shim = tmp_path / "bin" / "zi"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m zi_plan "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    _git(province, "init", "-q")
    _git(province, "add", ".")
    _git(province, "commit", "-q", "-m", "units")
    first = _git(province, "rev-parse", "HEAD")
    write_journal(province / "units" / "9105" / "plans" / "rencana-aksi-2024.yaml", with_photo=False)
    _git(province, "add", ".")
    _git(province, "commit", "-q", "-m", "9105 records")
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env.pop("CI_MERGE_REQUEST_DIFF_BASE_SHA", None)
    return province, {**env, "CI_COMMIT_BEFORE_SHA": first, "CI_COMMIT_SHA": _git(province, "rev-parse", "HEAD")}


def _gitlab_validate(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    subprocess.run([sys.executable, "-m", "zi_plan", "units", "ci", "--gitlab", "--force"], cwd=root, env=env, check=True, capture_output=True)
    script = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))["validate"]["script"][0]
    return subprocess.run(["bash", "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_the_validate_step_checks_only_what_changed(repository):
    root, env = repository
    ran = _gitlab_validate(root, env)
    assert ran.returncode == 0, ran.stderr
    assert "checking the units changed since" in ran.stdout and "ok: 3 files valid" in ran.stdout  # units.yaml, 9105's plan and journal
    ran = _gitlab_validate(root, {**env, "CI_COMMIT_BEFORE_SHA": "0" * 40})
    assert "checking every unit" in ran.stdout and "ok: 5 files valid" in ran.stdout
    journal = root / "units/9105/plans/rencana-aksi-2024.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8") + "- action: I.1.a\n  month: 13\n  event: done\n", encoding="utf-8")
    _git(root, "commit", "-q", "-am", "a bad record")
    ran = _gitlab_validate(root, {**env, "CI_COMMIT_BEFORE_SHA": env["CI_COMMIT_SHA"], "CI_COMMIT_SHA": _git(root, "rev-parse", "HEAD")})
    assert ran.returncode != 0 and "rencana-aksi-2024.progress.yaml:" in ran.stdout
