"""The documentation site (docs/, mkdocs.yml): it builds with --strict, each user page has its twin in the
other language, and every console example shows what zi prints today."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import tables
from tests.conftest import PLAN, REPO

DOCS = REPO / "docs"
# English only, one file that both languages show (mkdocs.yml: fallback_to_default).
DEVELOPER_PAGES = {"performance", "development", "architecture"}


def test_the_site_builds_strictly(tmp_path):
    """A broken link or anchor, or a page missing from the nav, fails the build (mkdocs.yml: validation)."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "commands.html", "en/index.html", "en/commands.html", "en/performance.html"):
        assert (tmp_path / "site" / page).is_file(), page


def test_every_user_page_has_both_languages():
    indonesian = {p.name.removesuffix(".md") for p in DOCS.glob("*.md") if not p.name.endswith(".en.md")}
    english = {p.name.removesuffix(".en.md") for p in DOCS.glob("*.en.md")}
    assert indonesian >= DEVELOPER_PAGES
    assert indonesian - DEVELOPER_PAGES == english


def _console_examples() -> list[tuple[str, int, str, list[str]]]:
    """(page, line, command, shown lines) of every ```console block whose first line runs zi."""
    found = []
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"^```console\n\$ ([^\n]+)\n(.*?)^```", text, flags=re.M | re.S):
            line = text[: match.start()].count("\n") + 1
            found.append((page.name, line, match.group(1), match.group(2).splitlines()))
    return found


EXAMPLES = _console_examples()


def _fragments(shown: list[str]) -> list[list[str]]:
    """The shown lines split at '...' (lines left out)."""
    fragments: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == "...":
            fragments.append([])
        else:
            fragments[-1].append(line.rstrip())
    return fragments


def _office(folder: Path) -> None:
    """What the examples assume: the bundled plan in plans/, a photo, the statistics office's table."""
    (folder / "plans").mkdir()
    shutil.copy(PLAN, folder / "plans" / PLAN.name)
    (folder / "foto.jpg").write_bytes(b"hello\n")
    tables.statistics_xlsx(folder / "rencana-aksi.xlsx")


def test_there_are_examples_to_check():
    assert len(EXAMPLES) >= 8
    assert {page for page, *_ in EXAMPLES} >= {"commands.md", "commands.en.md", "journal.md", "journal.en.md", "lke.md",
                                                 "lke.en.md", "import.md", "import.en.md"}


@pytest.mark.parametrize(("page", "line", "command", "shown"), EXAMPLES, ids=[f"{p}:{n}" for p, n, *_ in EXAMPLES])
def test_console_example_is_what_zi_prints(page, line, command, shown, zi, tmp_path, monkeypatch):
    words = shlex.split(command)
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        monkeypatch.setenv(name, value)
    assert words[0] == "zi", f"{page}:{line}: a console example runs zi"
    assert any(s.strip() not in ("", "...") for s in shown), f"{page}:{line}: the example shows nothing"
    _office(tmp_path)
    result = zi(*words[1:])
    printed = [out.rstrip() for out in (result.out + result.err).splitlines()]
    fragments = _fragments(shown)
    at = 0
    for number, fragment in enumerate(fragments):
        starts = [i for i in range(at, len(printed) - len(fragment) + 1) if printed[i : i + len(fragment)] == fragment]
        assert starts, f"{page}:{line}: not what zi prints now:\n" + "\n".join(fragment) + "\n--- zi prints:\n" + "\n".join(printed)
        if number == 0 and fragment:
            assert starts[0] == 0, f"{page}:{line}: zi prints more before this example's first line (start with ...)"
        at = starts[0] + len(fragment)
    if fragments[-1]:
        assert at == len(printed), f"{page}:{line}: zi prints more after this example's last line (end with ...)"


def test_pages_read_on_a_code_forge_too():
    """The README links to docs/*.md, which GitHub and GitLab show as they are: no MkDocs-only syntax."""
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"^#+ .*\{#", text, flags=re.M), f"{page.name}: a heading with an attribute list"
        assert not re.search(r"^!!! ", text, flags=re.M), f"{page.name}: an admonition"
