"""Plans, journals and renders built in plain Python, for the tests that call the core directly.

A journal made here lives in memory (``journal_of``): records with the times
a test chooses, replayed as ``zi_plan.store.journal.load_journal`` would, so
that "done late" or "nothing due yet" is decided by the test, not the clock.
Tests of the writers (``record_done``, ``replace`` ...) use the real files.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.conftest import MINIMAL
from zi_plan import i18n
from zi_plan.model.journal import Event, EvidenceEntry, Journal, Record, replay
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.plans import load_plan
from zi_plan.store.workspace import journal_paths

UTC = dt.timezone.utc
# MINIMAL and an item of two unfinished actions: II.2.a not scheduled yet, II.2.b a draft.
UNFINISHED = MINIMAL + """\
      - title: Belum selesai
        actions:
          - indicator: Belum dijadwalkan
            steps: [Langkah]
            evidence: [Bukti]
          - indicator: Masih draf
            draft: true
"""


def plan_at(folder: Path, text: str = MINIMAL, name: str = "plan.yaml") -> LoadedPlan:
    """A plan file written in ``folder`` and loaded as `--plan PATH` loads it."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def on_time(year: int, month: int) -> dt.datetime:
    """A moment inside ``month``: a record made then is not late."""
    return dt.datetime(year, month, 20, 9, 30, tzinfo=UTC)


def late(year: int, month: int) -> dt.datetime:
    """A moment after ``month`` ended: a done record made then is done late."""
    return dt.datetime(year + (month == 12), month % 12 + 1, 3, 9, 30, tzinfo=UTC)


def record(action: str, month: int, event: Event = "done", *, at: dt.datetime | None = None, by: str = "Ani",
           note: str | None = None, links: tuple[str, ...] = ()) -> Record:  # fmt: skip
    """A record of ``event``, on time in the MINIMAL plan's year unless ``at`` says otherwise."""
    evidence = tuple(EvidenceEntry(url=url) for url in links)
    return Record(action=action, month=month, event=event, at=at or on_time(2024, month), by=by, note=note, evidence=evidence)


def journal_of(plan: LoadedPlan, *records: Record) -> Journal:
    """The plan's journal holding ``records``, in memory (nothing is written)."""
    path, evidence_dir = journal_paths(plan)
    return Journal(path, evidence_dir, list(records), replay(records))


def rendered(renderable: Any, width: int = 120) -> str:
    """What a Rich table (or text) prints at ``width`` columns, without colour."""
    out = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False)
    out.print(renderable)
    return out.file.getvalue()  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Each test starts in English and leaves English behind (the language is process-wide)."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def indonesian() -> Iterator[None]:
    i18n.set_language("id")
    yield
    i18n.set_language("en")
