"""docs/rollup.en.md and docs/rollup.md: the commands a coordinator types work as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO
from zi_plan.units.register import check_text

DOCS = [REPO / "docs" / "rollup.en.md", REPO / "docs" / "rollup.md"]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def _zi_lines(block: str) -> list[list[str]]:
    commands = []
    for line in block.splitlines():
        for part in line.split("&&"):
            words = shlex.split(part, comments=True)
            if words and words[0] == "zi":
                commands.append(words[1:])
    return commands


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_the_section_and_its_example_register(doc: Path):
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Untuk provinsi atau kementerian / For a province or ministry\n")
    assert "BENCH-TABLE" not in text and "bench/results/2026-12-08-0020.json" in text
    [example] = _blocks(text, "yaml")[:1]
    register, problems = check_text(doc, example)
    assert problems == [] and register is not None and register.problems == {}
    assert [u.code for u in register.units] == ["92", "9205"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_the_coordinators_commands_run(doc: Path, zi, tmp_path, monkeypatch):
    text = doc.read_text(encoding="utf-8")
    start, _unit, roll = _blocks(text, "sh")[:3]
    root = tmp_path / "kpu-papua-barat-daya"
    root.mkdir()
    monkeypatch.chdir(root)
    for args in _zi_lines(start):
        assert zi(*args).code == 0, args
    for code in ("92", "9201", "9205"):
        plans = root / "units" / code / "plans"
        plans.mkdir()
        (plans / "rencana-aksi-2024.yaml").write_text(MINIMAL, encoding="utf-8")
    for args in _zi_lines(roll):
        result = zi(*args)
        assert result.code == 0, (args, result.err)
    assert (root / "public" / "index.html").is_file() and (root / "rekap.xlsx").is_file() and (root / "rekap.csv").is_file()
