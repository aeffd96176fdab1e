"""Every table keeps every number whole and breaks words only at spaces (issue 12, point 8).

Each table is printed at 60, 80 and 120 columns in both languages; the
numbers it must show are read from the same command's --json (or the plan),
and each must appear whole: '29/181' shown as '29/18' fails.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLAN

WIDTHS = (60, 80, 120)
LANGS = ("en", "id")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tambrauw with progress in several teams and months, one occurrence done late."""
    from zi_plan.cli import main

    folder = tmp_path_factory.mktemp("office")
    (folder / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, folder / "plans" / "tambrauw-2023.yaml"))
    photo = folder / "foto.jpg"
    photo.write_bytes(b"foto")
    done = [("II.2.a", m) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12)] + [("I.1.a", 4), ("V.1.a", 4), ("III.2.a", 1), ("V.2.a", 1), ("V.2.a", 2)]
    for action, month in done:
        assert main(["done", action, "-m", str(month), "-e", str(photo), "--note", "catatan bulan ini", "--by", "Yulius Tabate",
                     "--plan", str(plan)]) == 0  # fmt: skip
    return plan


def _run(zi, monkeypatch, office: Path, width: int, lang: str, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = zi("--lang", lang, *args, "--plan", str(office))
    assert result.code == 0, result.err
    return result.out


def _json(zi, office: Path, *args: str):
    return json.loads(zi(*args, "--json", "--plan", str(office)).out)


def assert_whole(output: str, numbers: set[str]) -> None:
    """Each number (or fraction, id, date) appears with nothing cut from either end."""
    missing = [n for n in sorted(numbers) if not re.search(rf"(?<![\w/.]){re.escape(n)}(?![\w/])", output)]
    assert not missing, f"not shown whole: {missing}\n{output}"
    assert not re.search(r"\d…", output), f"a number was cut:\n{output}"


def assert_words_whole(output: str, texts: list[str]) -> None:
    """Each word of the data appears as a word of the output (never split over two lines)."""
    tokens = set(output.split())
    broken = sorted({w for t in texts for w in t.split() if w not in tokens})
    assert not broken, f"words broken or missing: {broken[:10]}\n{output}"


def assert_fits(output: str, width: int) -> None:
    # The first line names the plan and journal files: paths, printed whole to copy.
    widest = max(len(line) for line in output.splitlines() if ".progress.yaml" not in line)
    assert widest <= width, f"{widest} > {width}\n{output}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_progress_table(zi, monkeypatch, office, width, lang):
    data = _json(zi, office, "progress", "-m", "12")
    out = _run(zi, monkeypatch, office, width, lang, "progress", "-m", "12")
    rows = [*data["components"], data["overall"]]
    numbers = {f"{r['done_of_due']}/{r['due']}" for r in rows} | {f"{r['done']}/{r['total']}" for r in rows}
    numbers |= {f"{round(r['percent_of_year'])}%" for r in rows}
    assert "/181" in " ".join(numbers)
    assert_whole(out, numbers)
    assert_words_whole(out, [r["title"] for r in data["components"]])
    assert_fits(out, width)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_teams_table(zi, monkeypatch, office, width, lang):
    loads = _json(zi, office, "teams")
    out = _run(zi, monkeypatch, office, width, lang, "teams")
    numbers = {f"{t['done'][m]}/{n}" for t in loads for m, n in t["months"].items() if n}
    numbers |= {f"{t['total_done']}/{t['total']}" for t in loads}
    numbers |= {f"{sum(t['total_done'] for t in loads)}/{sum(t['total'] for t in loads)}"}
    assert_whole(out, numbers)
    assert_words_whole(out, [t["name"] for t in loads])
    assert_fits(out, width)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("team", ["pengawasan", "sdm"])
def test_team_grid(zi, monkeypatch, office, width, lang, team):
    detail = _json(zi, office, "team", team, "-m", "6")
    out = _run(zi, monkeypatch, office, width, lang, "team", team, "-m", "6")
    numbers = {a["id"] for a in detail["actions"]} | {str(m) for m in range(1, 13)}
    numbers |= {f"{detail['done']}/{detail['total']}", f"{detail['done_of_due']}/{detail['due_so_far']}"}
    assert_whole(out, numbers)
    # Indicators are shortened to the room left, but only at a space.
    words = {v for a in detail["actions"] for w in a["indicator"].split() for v in (w, w.rstrip(" ,;:/-"))}
    cut = [t for t in out.split() if t.endswith("…") and t[:-1] and t[:-1] not in words]
    assert not cut, cut
    assert_words_whole(out, [detail["name"]])
    assert_fits(out, width)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_due_tables(zi, monkeypatch, office, width, lang):
    data = _json(zi, office, "due", "-m", "5")
    out = _run(zi, monkeypatch, office, width, lang, "due", "-m", "5")
    s = data["summary"]
    numbers = {d["id"] for d in data["due"] + data["overdue"]}
    numbers |= {str(s["due"]), str(s["done"]), str(s["overdue"]), str(s["due"] - s["done"])}
    by_team: dict[str, list[str]] = {}
    for d in data["due"]:
        by_team.setdefault(d["team"], []).append(d["status"])
    numbers |= {f"{v.count('done')}/{len(v)}" for v in by_team.values()}
    assert_whole(out, numbers)
    assert_words_whole(out, [d["indicator"] for d in data["due"] + data["overdue"]] + [e for d in data["due"] for e in d["evidence_expected"]])
    assert_fits(out, width)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_list_table(zi, monkeypatch, office, width, lang):
    rows = _json(zi, office, "list")
    out = _run(zi, monkeypatch, office, width, lang, "list")
    assert_whole(out, {r["id"] for r in rows} | {str(len(rows))})
    assert_words_whole(out, [r["indicator"] for r in rows] + [r["team"] for r in rows])
    assert_fits(out, width)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_show_tables(zi, monkeypatch, office, width, lang):
    data = _json(zi, office, "show", "II.2.a")
    out = _run(zi, monkeypatch, office, width, lang, "show", "II.2.a")
    done = [o for o in data["occurrences"] if o["done_at"]]
    numbers = {o["done_at"][:10] for o in done} | {o["done_at"][11:16] for o in done} | {data["id"]}
    assert_whole(out, numbers)
    assert_words_whole(out, [data["indicator"], *data["steps"], *data["evidence_expected"], data["team"], data["item_title"],
                             *(o["note"] for o in done)])  # fmt: skip
    tables, _sep, paths = out.partition("\n" + ("Evidence:" if lang == "en" else "Bukti dukung:"))
    assert_fits(tables, width)
    # Paths are printed whole, one per line, to copy (the terminal may wrap them).
    for e in data["evidence"]:
        assert e["path"] in paths.splitlines()[len(paths.splitlines()) - len(data["evidence"]) + data["evidence"].index(e)]


def test_emoji_codes_are_replaced_as_rich_replaces_them():
    # LazyEmojiConsole skips Rich's emoji lookup only where no code can be: same text either way.
    from rich.console import Console

    from zi_plan.render.fit import LazyEmojiConsole
    from zi_plan.render.tables import InertConsole

    for text in (":smile: done", "Due: 3, done: 1", "http://x.invalid/a:b:c", "no colon", ":not_an_emoji:"):
        expected = Console(width=80, color_system=None).render_str(text).plain
        assert LazyEmojiConsole(width=80, color_system=None).render_str(text).plain == expected
        assert InertConsole(width=80, color_system=None).render_str(text).plain == expected
    assert Console(width=80, color_system=None).render_str(":smile:").plain != ":smile:"  # the case is real
