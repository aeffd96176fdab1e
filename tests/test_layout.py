"""The house rules of the package's shape (README "Development"), checked."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "zi_plan"
# core_schemas.py is data generated from the models (`python -m zi_plan.validators`),
# never edited by hand: its length follows the schema's, and the cap is for code.
GENERATED = {PACKAGE / "core_schemas.py"}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p not in GENERATED)
LONG_FUNCTIONS_ALLOWED: set[tuple[str, str]] = set()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_and_functions_are_short(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400, f"{path.name} has more than 400 lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            if (path.name, node.name) in LONG_FUNCTIONS_ALLOWED:
                continue
            assert length <= 80, f"{path.name}:{node.lineno}: {node.name} has {length} lines"


def test_cli_is_thin():
    assert len((PACKAGE / "cli.py").read_text(encoding="utf-8").splitlines()) < 150


def test_every_command_group_registers():
    from zi_plan import cli

    on_disk = {p.stem for p in (PACKAGE / "commands").glob("*.py") if not p.stem.startswith("_")}
    assert on_disk == set(cli.GROUPS), "list each zi_plan/commands/<group>.py in cli.GROUPS (and nothing else)"
