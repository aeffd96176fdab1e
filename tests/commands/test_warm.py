"""A warm command (plan from the cache, built a block at a time) says byte for byte what a cold one says (issue 27).

Each command is run with the cache off (every file parsed, every view
built: the full path), then twice with it on (the first fills it, the
second is warm), at 80 and 120 columns and in both languages.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PLAN, Result
from tests.digests import JOURNAL
from tests.progress.test_due import SHARED
from zi_plan.progress import recording

# More than the 100 rows `zi due` prints in all its tables: the cut and the line that says so.
TEAMS = ["manajemen-perubahan", "tata-laksana", "sdm", "akuntabilitas", "pengawasan", "pelayanan-publik"]


def _busy() -> str:
    text = PLAN.read_text(encoding="utf-8")
    extra = "".join(f"          - indicator: Tambahan {n}\n            steps: [Langkah {n}]\n            evidence: [Bukti {n}]\n"
                    f"            teams: [{TEAMS[n % 6]}{', ' + TEAMS[(n + 1) % 6] if n % 5 == 0 else ''}]\n            months: [{n % 3 + 1}, 4, 12]\n"
                    for n in range(150))  # fmt: skip
    return text + "      - title: Tambahan\n        actions:\n" + extra


def _office(folder: Path, text: str, journal: str | None) -> Path:
    (folder / "plans").mkdir(parents=True)
    plan = folder / "plans" / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    if journal is not None:
        plan.with_name("plan.progress.yaml").write_text(journal.replace("tambrauw-2023.yaml", "plan.yaml"), encoding="utf-8")
    return plan


def _cold_and_warm(zi: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Result, Result]:
    with monkeypatch.context() as m:
        m.setenv("ZI_NO_CACHE", "1")
        cold = zi(*args)
    zi(*args)
    return cold, zi(*args)


DUE = [("--month", "4"), ("--month", "4", "--json"), ("--month", "7", "--lang", "id"), ("--month", "4", "--team", "pengawasan"),
       ("--month", "12"), ("--month", "1", "--team", "sdm", "--json"), ("--month", "2", "--lang", "id", "--team", "mp")]  # fmt: skip


@pytest.mark.parametrize("width", ["80", "120"])
@pytest.mark.parametrize("office", ["tambrauw", "busy", "shared"])
def test_due_warm_is_due_cold(zi, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, office: str, width: str):
    text = {"tambrauw": PLAN.read_text(encoding="utf-8"), "busy": _busy(), "shared": SHARED}[office]
    plan = _office(tmp_path, text, JOURNAL if office != "shared" else None)
    monkeypatch.setenv("COLUMNS", width)
    said = {}
    for args in DUE:
        if "--team" in args and (office == "shared") != (args[-1] == "mp"):
            continue
        cold, warm = _cold_and_warm(zi, monkeypatch, "due", *args, "--plan", str(plan))
        assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err), args
        assert cold.code == 0 and cold.out
        said[args] = cold.out
    assert ("more rows not shown" in said[DUE[0]]) == (office == "busy")


def _run_in(folder: Path, zi: Callable[..., Result], *args: str) -> Result:
    here = os.getcwd()
    os.chdir(folder)
    try:
        return zi(*args)
    finally:
        os.chdir(here)


DONE = [("done", "II.2.a", "--month", "5", "--by", "Ani"), ("done", "II.2.a", "--month", "5", "--by", "Ani"),  # done, then already done
        ("done", "ii.2.A", "--month", "6", "--by", "Ani", "--note", "catatan"), ("done", "II.2.a", "--month", "3", "--by", "Ani"),
        ("done", "II.9.z", "--month", "4", "--by", "Ani"), ("done", "II.2", "--by", "Ani"), ("done", "I.1.a", "--month", "4", "--add", "--by", "Ani"),
        ("done", "I.1.a", "--month", "4", "--add", "--evidence", "https://kpu.go.id/berita/1", "--by", "Ani"),
        ("undo", "II.2.a", "--month", "5", "--by", "Ani", "--note", "salah"), ("undo", "II.2.a", "--month", "5", "--by", "Ani"),
        ("done", "V.2.a", "--by", "Ani"), ("done", "I.3.a", "--month", "5", "--by", "Ani", "--lang", "id"),
        ("done", "II.1.a", "--month", "5", "--by", "Ani"), ("show", "II.1.a"), ("show", "II.1.a", "--json")]  # fmt: skip


def test_done_and_undo_warm_say_and_write_what_cold_ones_do(zi, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Two copies of an office: one recorded with the cache off, one with it warm; the same messages, the same journal bytes
    (each record carries its action's fingerprint, made of its indicator and steps)."""
    moment = dt.datetime(2023, 6, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    monkeypatch.setattr(recording, "now", lambda: moment)
    monkeypatch.setattr("zi_plan.model.status.today", lambda: dt.date(2023, 6, 2))
    cold_plan = _office(tmp_path / "cold", PLAN.read_text(encoding="utf-8"), JOURNAL)
    warm_plan = _office(tmp_path / "warm", PLAN.read_text(encoding="utf-8"), JOURNAL)
    _run_in(tmp_path / "warm", zi, "due", "--month", "4")  # fills the cache
    said = []
    for args in DONE:
        with monkeypatch.context() as m:
            m.setenv("ZI_NO_CACHE", "1")
            cold = _run_in(tmp_path / "cold", zi, *args)
        warm = _run_in(tmp_path / "warm", zi, *args)
        assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err), args
        journal = "plan.progress.yaml"
        assert warm_plan.with_name(journal).read_bytes() == cold_plan.with_name(journal).read_bytes(), args
        said.append(cold.out + cold.err)
    for words in ("done: II.2.a May", "already done", "Did you mean", "not scheduled in March", "--add needs something", "reopened", "nothing to undo"):
        assert any(words in text for text in said), words
