"""Parents' folders for the units tests: small hand-written ones, and one of 550 units."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO

sys.path.insert(0, str(REPO / "bench"))

import synth_units  # noqa: E402

REGISTER = """\
# test register
version: 1
organisation: KPU Provinsi Contoh
year: 2024
units:
"""


def unit_entry(code: str, name: str, parent: str | None = None, **extra: str) -> str:
    lines = [f'  - code: "{code}"', f"    name: {name}"]
    if parent is not None:
        lines.append(f'    parent: "{parent}"')
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def write_unit_plan(root: Path, code: str, text: str = MINIMAL, name: str = "rencana-aksi-2024.yaml") -> Path:
    plans = root / "units" / code / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    path = plans / name
    path.write_text(text.replace("Kantor Contoh", f"Kantor {code}"), encoding="utf-8")
    return path


@pytest.fixture
def parent(tmp_path: Path) -> Callable[..., Path]:
    """A parent's folder: units.yaml with the entries given, and a valid 2024 plan for each unit named in ``plans``."""

    def make(entries: str, plans: tuple[str, ...] = ()) -> Path:
        root = tmp_path / "kpu"
        root.mkdir(exist_ok=True)
        (root / "units.yaml").write_text(REGISTER + entries, encoding="utf-8")
        for code in plans:
            write_unit_plan(root, code)
        return root

    return make


@pytest.fixture(scope="session")
def big_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """550 units (38 provinces and their kabupaten/kota), small plans and journals: made once per session."""
    root = tmp_path_factory.mktemp("kpu-550")
    synth_units.write_tree(root, provinces=38, units=550, records=12, small=True)
    return root
