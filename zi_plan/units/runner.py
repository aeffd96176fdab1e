"""Rolling up every unit: rows from the cache where it can vouch for them, the others computed.

First each unit's row is looked for in the cache (zi_plan.units.rowcache);
that costs reading and hashing its plan and journal. The units left are
computed through the usual loading (zi_plan.store.plans, zi_plan.store.journal_cache)
and counting (zi_plan.units.rollup); when there are many of them (the first
roll-up of a parent, or after a zi upgrade) they are spread over worker
processes, one per core: parsing is most of that work and one core does it
no faster. ``ZI_ROLLUP_WORKERS`` sets their number (1: none), for
measuring. One unit's problem is its row's; it never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from zi_plan import i18n
from zi_plan.errors import ZiError
from zi_plan.fs.fsguard import reason
from zi_plan.model.plan import LoadedPlan
from zi_plan.store import cache, plans
from zi_plan.store.journal import load_journal
from zi_plan.units import rowcache
from zi_plan.units.plans import UnitError, choose, plan_files, problem_lines, year_of_file
from zi_plan.units.register import Register, Unit
from zi_plan.units.rollup import Numbers, UnitRow, unit_numbers

PARALLEL_FROM = 24  # units to compute: fewer than this are computed here (a worker costs ~0.1 s to start)
MAX_WORKERS = 4


def unit_rows(register: Register, units: Sequence[Unit], year: int, as_of: int, workers: int | None = None) -> list[UnitRow]:
    """One row per unit, in the order given."""
    looked: set[int] = set()  # the units whose one plan's row the cache lacks: not looked up again
    with cache.sharing():
        rows: list[UnitRow | None] = [_from_cache(register, unit, year, as_of, looked) for unit in units]
        todo = [i for i, row in enumerate(rows) if row is None]
        tasks = [(units[i], year, as_of, units[i].entry in looked) for i in todo]
        for i, row in zip(todo, spread(_row_task, register, tasks, workers), strict=True):
            rows[i] = row
    return [row for row in rows if row is not None]


def _from_cache(register: Register, unit: Unit, year: int, as_of: int, looked: set[int]) -> UnitRow | None:
    """The unit's row when the register or the cache settles it; None when it must be computed."""

    if unit.entry in register.problems:
        return UnitRow(unit, problems=tuple(str(p) for p in register.problems[unit.entry]))
    try:
        files = plan_files(register, unit)
    except UnitError as exc:
        return UnitRow(unit, problems=tuple(exc.problems))
    if len(files) != 1:
        return None
    hit = rowcache.lookup(files[0], as_of, unit.predicate, _plan_name(unit, files[0]))
    if hit is None or hit[0].year != year:
        looked.add(unit.entry)
        return None
    return _with_files(unit, files[0], *hit)


def _with_files(unit: Unit, plan_path: Path, numbers: Numbers, files: tuple[tuple[str, str], ...]) -> UnitRow:
    missing, changed = rowcache.check_files(plan_path, files)
    return UnitRow(unit, numbers, missing, changed)


def _plan_name(unit: Unit, path: Path) -> str:
    """The plan as a unit's row names it: relative to the register's folder."""
    return str(PurePosixPath(unit.folder, "plans", path.name))


def compute_row(register: Register, unit: Unit, year: int, as_of: int, looked: bool = False) -> UnitRow:
    """The unit's row, loading and counting what the cache does not hold (``looked``: its row was looked for already)."""

    try:
        return _compute_row(register, unit, year, as_of, looked)
    except UnitError as exc:
        return UnitRow(unit, problems=tuple(exc.problems))
    except ZiError as exc:  # InvalidFile too: every problem with its file:line:col
        return UnitRow(unit, problems=tuple(problem_lines(exc)))
    except OSError as exc:
        return UnitRow(unit, problems=(f"{exc.filename or register.folder_of(unit)}: {reason(exc)}",))


def _compute_row(register: Register, unit: Unit, year: int, as_of: int, looked: bool) -> UnitRow:
    files = plan_files(register, unit)
    hits: dict[Path, tuple[Numbers, tuple[tuple[str, str], ...]]] = {}
    loaded: dict[Path, LoadedPlan] = {}

    def load(path: Path) -> LoadedPlan:
        loaded[path] = plans.load_plan(path)
        return loaded[path]

    def year_of(path: Path) -> int | None:
        hit = None if looked and len(files) == 1 else rowcache.lookup(path, as_of, unit.predicate, _plan_name(unit, path))
        if hit is not None:
            hits[path] = hit
            return hit[0].year
        return year_of_file(path, load)

    chosen = choose(files, year, year_of)
    if chosen in hits:
        return _with_files(unit, chosen, *hits[chosen])
    plan = loaded.get(chosen) or plans.load_plan(chosen)
    journal = load_journal(plan)
    numbers, stored = unit_numbers(plan, journal, as_of, unit.predicate, _plan_name(unit, chosen))
    source: Any = getattr(journal, "source", None)  # what zi_plan.store.journal_cache read
    journal_sha = cache.sha256(source.raw) if source is not None else "-"
    rowcache.remember(chosen, (plan.fingerprint, journal_sha), as_of, unit.predicate, numbers, stored)
    return _with_files(unit, chosen, numbers, stored)


# ---------------------------------------------------------------- worker processes

T = TypeVar("T")
R = TypeVar("R")
_work_register: Register | None = None
_work_cache: Any = None  # the worker's cache.sharing() block, open for the worker's life


def _row_task(register: Register, task: tuple[Unit, int, int, bool]) -> UnitRow:
    return compute_row(register, *task)


def spread(work: Callable[[Register, T], R], register: Register, tasks: list[T], workers: int | None = None) -> list[R]:
    """``work(register, task)`` for each task, in order: here, or in worker processes when there are many."""
    count = _workers(len(tasks)) if workers is None else workers
    if count <= 1:
        return [work(register, task) for task in tasks]
    import multiprocessing  # multiprocessing: only when rows are computed in worker processes


    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(count, initializer=_start_worker, initargs=(register, i18n.language())) as pool:
        return pool.map(_work, [(work, task) for task in tasks], chunksize=max(1, len(tasks) // (count * 8)))


def _workers(todo: int) -> int:
    wanted = os.environ.get("ZI_ROLLUP_WORKERS", "").strip()
    if wanted.isdigit():
        return max(1, int(wanted))
    if todo < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS, todo // PARALLEL_FROM))


def _start_worker(register: Register, language: str) -> None:
    global _work_register, _work_cache

    i18n.set_language(language)
    _work_register = register
    # One Store for the worker's life (a forked worker has the parent's); the parent checks the cap at the end.
    _work_cache = cache.sharing()
    _work_cache.__enter__()


def _work(item: tuple[Callable[[Register, Any], Any], Any]) -> Any:
    assert _work_register is not None
    work, task = item
    return work(_work_register, task)
