"""The house rules of the package's shape (docs/development.md), checked."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "zi_plan"
# schema/core.py is data generated from the models (`python -m zi_plan.schema.validators`),
# never edited by hand: its length follows the schema's, and the cap is for code.
GENERATED = {PACKAGE / "schema" / "core.py"}
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



def _has_logic(path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for node in tree.body)


def _mirror(path):
    """zi_plan/a/b.py -> tests/a/test_b.py; a package's __init__ -> tests/test_<package>.py; _b.py -> test_b.py."""
    relative = path.relative_to(PACKAGE)
    if relative.name == "__init__.py":
        return REPO / "tests" / f"test_{relative.parent.name}.py"
    return REPO / "tests" / relative.parent / f"test_{relative.stem.strip('_')}.py"


def test_tests_mirror_the_package():
    missing = [f"{_mirror(p).relative_to(REPO)} (for zi_plan/{p.relative_to(PACKAGE)})" for p in MODULES
               if _has_logic(p) and not _mirror(p).exists()]  # fmt: skip
    assert missing == [], "each module with logic has its tests at the same path under tests/:\n" + "\n".join(missing)
