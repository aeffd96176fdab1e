from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from zi_plan.cli import main

# The hostile-input tests' fixtures (office, opened): see tests/hostile.py.
pytest_plugins = ["tests.hostile"]

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "plans" / "tambrauw-2023.yaml"

# A small valid plan; tests write variations of it to tmp_path.
MINIMAL = """\
institution: Kantor Contoh
title: Rencana Aksi Contoh
year: 2024
decree:
  number: 1 Tahun 2024
  date: 2024-01-15
  place: Fef
  signatory: Nama Ketua
  position: Ketua
teams:
  - id: mp
    name: Tim Manajemen Perubahan
  - id: tl
    name: Tim Penguatan Tata Laksana
components:
  - id: I
    title: Manajemen Perubahan
    team: mp
    items:
      - title: Tim Kerja
        actions:
          - indicator: SK Tim Kerja terbit
            steps: [Menyusun SK]
            evidence: [SK Tim Kerja]
            months: [1, 4]
          - indicator: Agen perubahan ditetapkan
            steps: [Menetapkan SK]
            evidence: [SK Agen Perubahan]
            months: [2]
  - id: II
    title: Tata Laksana
    team: tl
    items:
      - title: SOP
        actions:
          - indicator: SOP disosialisasikan
            steps: [Sosialisasi SOP]
            evidence: [Daftar hadir, Foto]
            months: [3, 4, 5]
"""


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Tests never see the developer's environment or write to their data dir.
    for var in ("ZI_PLAN", "ZI_LANG", "ZI_NO_CACHE", "LANG", "LC_ALL", "LC_MESSAGES", "COLUMNS", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))  # the parsed-data cache: where HOME alone puts it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def zi(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the real entry point (with its one error handler) and capture output."""

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str = MINIMAL, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """The Tambrauw plan in a folder of its own, as an office would keep it."""
    (tmp_path / "plans").mkdir()
    return Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "foto.jpg"
    path.write_bytes(b"\xff\xd8\xff jpeg bytes")
    return path


@pytest.fixture
def umask_022():
    """The usual umask for the test, restored after (zi reads it once per process)."""
    from zi_plan.fs import permissions

    old = os.umask(0o022)
    permissions.umask.cache_clear()
    yield
    os.umask(old)
    permissions.umask.cache_clear()
