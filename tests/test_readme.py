"""The README: the office's first page, short, Indonesian first; its quick start and CI must not drift apart."""

from __future__ import annotations

import re

from tests.conftest import REPO

README = REPO / "README.md"


def _text() -> str:
    return README.read_text(encoding="utf-8")


def _section(heading: str) -> str:
    """The text under a heading line, up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    body = _text().split(f"\n{heading}\n", 1)[1]
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", body, flags=re.M)]
    return body[: ends[0]] if ends else body


def _quick_start(heading: str) -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", _section(heading), flags=re.S)


def test_quick_start_is_two_commands_the_same_in_both_languages():
    indonesian, english = _quick_start("## Mulai cepat"), _quick_start("### Quick start")
    assert len(indonesian) == 2
    assert all("\n" not in c for c in indonesian)
    assert indonesian == english


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _quick_start("## Mulai cepat")[1]
    assert "pytest" in test_command
    assert test_command in ci.splitlines()


def test_the_first_command_shows_april_on_the_bundled_plan():
    assert _quick_start("## Mulai cepat")[0].endswith(".venv/bin/zi due --month 4")


def test_readme_is_short_and_indonesian_first():
    text = _text()
    assert len(text.splitlines()) <= 200
    assert text.index("## Mulai cepat") < text.index("## English")


def test_the_first_screen_has_what_an_office_needs():
    first_screen = "\n".join(_text().splitlines()[:80])
    for needed in ("Rencana Aksi Zona Integritas", "zi due --month 4", "zi import", "zi done", "zi report",
                   "plans/", ".progress.yaml", ".evidence/", "(docs/"):
        assert needed in first_screen, needed


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_in_the_readme_leads_somewhere():
    text = _text()
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        if link.startswith(("http://", "https://")):
            continue
        path, _, anchor = link.partition("#")
        if path:
            assert (REPO / path).is_file(), f"README links to {link}, which does not exist"
        else:
            assert anchor in anchors, f"README links to #{anchor}, which no heading makes"
