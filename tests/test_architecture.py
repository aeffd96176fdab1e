"""The house: rooms in layers, no import circles, and every lazy import says why.

The layers are import-linter's contract in pyproject.toml ([tool.importlinter]),
drawn in docs/architecture.md. grimp (import-linter's own graph) counts every
import, those inside functions and under TYPE_CHECKING too.
"""

from __future__ import annotations

import ast
import subprocess
import sys

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "zi_plan"


def _layers() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [name.strip() for layer in contract["layers"] for name in layer.split("|")]


def test_rooms_import_only_the_rooms_below_them():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_room_is_in_a_layer():
    rooms = {f"zi_plan.{p.stem if p.is_file() else p.name}" for p in PACKAGE.iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}  # fmt: skip
    assert rooms == set(_layers()), "add the new room to [tool.importlinter] layers in pyproject.toml (and to docs/architecture.md)"


def test_no_import_circles():
    graph = grimp.build_graph("zi_plan")
    circles = sorted({tuple(sorted((a, b))) for a in graph.modules for b in graph.find_modules_directly_imported_by(a)
                      if graph.chain_exists(importer=b, imported=a)})  # fmt: skip
    assert circles == []


def _function_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += [(node.lineno, ast.unparse(node)) for node in ast.walk(fn) if isinstance(node, (ast.Import, ast.ImportFrom))]
    return sorted(set(found))


def test_imports_inside_functions_say_why():
    """Outside the command line (commands/, cli), an import inside a function is
    there to keep a library or a costly chain off the start-up path: it says so
    in a comment on its line or the line above."""
    silent = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "commands" or relative.name in ("cli.py", "__main__.py"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, statement in _function_imports(path):
            line, above = lines[lineno - 1], lines[lineno - 2].strip()
            if "#" not in line and not above.startswith("#") and not above.startswith(("import ", "from ")):
                silent.append(f"zi_plan/{relative}:{lineno}: {statement}")
    assert silent == [], "say why this import is inside a function, or move it to the top:\n" + "\n".join(silent)


def test_the_picture_and_the_page_name_every_room():
    picture = (REPO / "docs" / "img" / "architecture.svg").read_text(encoding="utf-8")
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for room in _layers():
        name = room.removeprefix("zi_plan.")
        assert name in picture and name in page, f"docs/img/architecture.svg and docs/architecture.md should show the room {name}"
