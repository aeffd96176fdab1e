"""The zi benchmark: start-up, scale, a peer and a large journal, as paired ratios.

    python bench/run.py            # everything: 10-20 minutes on 2 cores
    python bench/run.py --quick    # start-up and 1k/10k only
    python bench/run.py --save     # also write bench/results/<date>-<time>.json
    python bench/run.py --only units --save   # the parent's roll-up rows alone (issue 23)
    python bench/run.py --markdown bench/results/FILE.json   # a saved run as docs/performance.md's table
    python bench/run.py --only done           # warm zi done at 100,000 actions / at 68 (issue 27)

Every row compares two whole processes, A and B, run in pairs that
alternate their order (A B, B A, A B ...) so that drift and a busy machine
hit both alike; the figure is the median of the per-pair ratios A/B, with
the median seconds of each side beside it. Wall time is what a user waits
and is what the targets judge; CPU time (user + system) is shown too, being
steadier on a shared machine. Compare ratios, not seconds, across machines.
Nothing is written unless --save is given, and never over an existing file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import synth_plan  # noqa: E402
import synth_units  # noqa: E402

FLOOR = "import typer, rich.table, yaml; from pydantic import BaseModel"
PARSE = ("import gc, sys, yaml; gc.disable()\n"
         "for name in sys.argv[1:]:\n"
         "    with open(name, encoding='utf-8') as fh: yaml.load(fh, Loader=yaml.CSafeLoader)")  # fmt: skip


@dataclass
class Run:
    wall: float
    cpu: float
    rss: int  # peak resident memory, KiB


def _spawn(cmd: list[str], cwd: str, env: dict[str, str], timeout: float | None) -> tuple[float, float, int, int, str] | None:
    """Run one command: (wall s, CPU s, peak resident KiB, exit code, standard error); None if it ran out of time.

    Called in a small process of its own (Bench.runner): Linux counts a
    child's peak memory from its parent's at the fork, so children of the
    benchmark itself, grown by the synthetic plans it writes, would all
    report at least its size."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        deadline = None if timeout is None else started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return None
            time.sleep(0.001)
        wall = time.perf_counter() - started
        err.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status), err.read().decode(errors="replace")


@dataclass
class Bench:
    work: Path
    env: dict[str, str]
    zi: list[str]
    runner: Any  # a multiprocessing pool of one small process that starts the commands (_spawn)
    rows: list[dict[str, object]] = field(default_factory=list)

    def run(self, cmd: list[str], timeout: float | None = None) -> Run | None:
        """One whole process; None if it ran out of time."""
        done = self.runner.apply(_spawn, (cmd, str(self.work), self.env, timeout))
        if done is None:
            return None
        wall, cpu, rss, code, err = done
        if code != 0:
            raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{err}")
        return Run(wall, cpu, rss)

    def must(self, cmd: list[str]) -> Run:
        result = self.run(cmd)
        assert result is not None
        return result

    def paired(self, a: Callable[[], Run], b: Callable[[], Run], rounds: int) -> dict[str, float]:
        """Medians of A, of B and of the per-pair ratios, A and B alternating in order."""
        pairs = []
        for n in range(rounds):
            if n % 2 == 0:
                ra, rb = a(), b()
            else:
                rb, ra = b(), a()
            pairs.append((ra, rb))
        med = statistics.median
        return {
            "a": med(p[0].wall for p in pairs), "b": med(p[1].wall for p in pairs),
            "ratio": med(p[0].wall / p[1].wall for p in pairs),
            "cpu_ratio": med(p[0].cpu / p[1].cpu for p in pairs),
            "rss_ratio": med(p[0].rss / p[1].rss for p in pairs),
            "a_cpu": med(p[0].cpu for p in pairs), "b_cpu": med(p[1].cpu for p in pairs),
            "a_rss": med(p[0].rss for p in pairs) / 1024, "b_rss": med(p[1].rss for p in pairs) / 1024,
            "pairs": rounds,
        }  # fmt: skip

    def add(self, metric: str, value: float, target: float | None, note: str = "", cpu: float | None = None, unit: str = "×") -> None:
        self.rows.append({"metric": metric, "value": round(value, 3), "unit": unit, "target": target,
                          "ok": None if target is None else value <= target,
                          "cpu_ratio": None if cpu is None else round(cpu, 3), "note": note})  # fmt: skip

    def add_pair(self, metric: str, m: dict[str, float], target: float | None, a: str, b: str) -> None:
        note = f"{a} {m['a']:.3f} s / {b} {m['b']:.3f} s, {m['pairs']:.0f} pairs"
        self.add(metric, m["ratio"], target, note, m["cpu_ratio"])


def zi_command() -> list[str]:
    script = Path(sys.executable).with_name("zi")
    return [str(script)] if script.exists() else [sys.executable, "-m", "zi_plan"]


def startup(b: Bench, rounds: int) -> None:
    """On the Tambrauw plan in the work folder's plans/, as the README's quick start runs it in a fresh clone.

    (The bundled copy inside the package is not read by a command whose output
    goes to a pipe or a file, as here, unless it is asked for by name.)"""
    zi, floor = b.zi, [sys.executable, "-c", FLOOR]
    cache = Path(b.env["XDG_CACHE_HOME"]) / "zi-plan"
    (b.work / "plans").mkdir(exist_ok=True)
    shutil.copy(REPO / "plans" / "tambrauw-2023.yaml", b.work / "plans")
    b.must([*zi, "due", "--month", "4"])

    def cold() -> Run:
        shutil.rmtree(cache, ignore_errors=True)
        return b.must([*zi, "due", "--month", "4"])

    warm = b.paired(lambda: b.must([*zi, "due", "--month", "4"]), lambda: b.must(floor), rounds)
    b.add("start-up: floor F (s)", warm["b"], None, f"python -c '{FLOOR}'", unit=" s")
    b.add_pair("start-up: zi due --month 4, warm / F", warm, 1.0, "due", "F")
    b.add_pair("start-up: zi due --month 4, cold (empty cache) / F", b.paired(cold, lambda: b.must(floor), rounds), 1.3, "due", "F")
    b.add_pair("start-up: zi validate / F (always validates in full)", b.paired(lambda: b.must([*zi, "validate"]), lambda: b.must(floor), rounds), None, "validate", "F")
    b.add_pair("start-up: zi --help / F", b.paired(lambda: b.must([*zi, "--help"]), lambda: b.must(floor), rounds), None, "--help", "F")

    # `zi due` right after a write, against `zi due` after another `zi due`.
    plan = b.work / "tambrauw.yaml"
    shutil.copy(REPO / "plans" / "tambrauw-2023.yaml", plan)
    due = [*zi, "due", "--month", "4", "--plan", str(plan)]
    writes = [[*zi, "done", "III.5.a", "--month", "4", "--by", "bench", "--plan", str(plan)],
              [*zi, "undo", "III.5.a", "--month", "4", "--by", "bench", "--plan", str(plan)]]  # fmt: skip
    b.must(writes[0])
    b.must(writes[1])
    b.must(due)
    count = iter(range(10**6))

    def after_write() -> Run:
        b.must(writes[next(count) % 2])
        return b.must(due)

    m = b.paired(after_write, lambda: b.must(due), rounds)
    b.add_pair("start-up: zi due right after zi done/undo / zi due after zi due", m, 1.05, "after a write", "warm")


def scale(b: Bench, sizes: list[int], big_rounds: int, peer_timeout: float) -> dict[int, tuple[Path, list[tuple[str, list[int]]]]]:
    """zi validate against a bare CSafeLoader parse of the same file."""
    plans = {}
    validate_time, parse_time = {}, {}
    for n in sizes:
        path = b.work / f"plan-{n}.yaml"
        plans[n] = (path, synth_plan.write_plan(n, path))
        rounds = big_rounds if n >= 100_000 else 5
        m = b.paired(lambda: b.must([*b.zi, "validate", str(path)]), lambda: b.must([sys.executable, "-c", PARSE, str(path)]), rounds)  # noqa: B023
        validate_time[n], parse_time[n] = m["a"], m["b"]
        size = f"{path.stat().st_size / 1e6:.1f} MB"
        b.add_pair(f"scale {n:,}: zi validate / bare parse ({size})", m, 1.0 if n >= 10_000 else None, "validate", "parse")
        b.add(f"scale {n:,}: peak memory, validate / bare parse", m["rss_ratio"], 1.5 if n == 100_000 else None,
              f"{m['a_rss']:.0f} MiB vs {m['b_rss']:.0f} MiB")  # fmt: skip
    if 100_000 in validate_time:
        # Linear work grows 10x from 10k to 100k actions; the bare parse itself
        # grows more on a machine where a gigabyte of small objects costs more
        # per object, so validate's growth is judged against the parse's.
        growth, parse_growth = validate_time[100_000] / validate_time[10_000], parse_time[100_000] / parse_time[10_000]
        b.add("scale: zi validate's growth 10k -> 100k / the bare parse's", growth / parse_growth, 1.1,
              f"validate {growth:.1f}x, parse {parse_growth:.1f}x for 10x the actions")  # fmt: skip
        peer = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
        if peer:
            schema = str(REPO / "schema" / "plan.schema.json")
            t_peer = b.run([peer, "--schemafile", schema, str(plans[100_000][0])], timeout=peer_timeout)
            if t_peer is None:
                b.add("peer: zi validate / check-jsonschema (100k)", validate_time[100_000] / peer_timeout, 1.0,
                      f"at most: check-jsonschema stopped at the {peer_timeout:.0f} s cap")  # fmt: skip
            else:
                b.add("peer: zi validate / check-jsonschema (100k)", validate_time[100_000] / t_peer.wall, 1.0, f"{t_peer.wall:.1f} s")
    return plans


def write_table(path: Path, n: int) -> None:
    """A decree table of n action rows where every row names its own team, often several: the worst case for settling teams."""
    import csv

    rows = [["NO", "KOMPONEN", "INDIKATOR", "RENCANA AKSI", "BUKTI DUKUNG", "WAKTU", "PENANGGUNG JAWAB"], ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP"]]
    for i in range(n):
        item = i % 5 == 0
        rows.append([str(i // 5 % 900 + 1) if item else "", f"Butir {i // 5}" if item else "", f"Indikator {i}", f"Langkah {i}", f"Bukti {i}", "Januari",
                     f"Tim Unit Kerja {i} dan Seksi {i % 7}, Subbag Umum {i % 3}"])  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def importing(b: Bench, rounds: int) -> None:
    """zi import grows linearly with the table, even when every row names its own teams."""
    small, big = b.work / "table-1000.csv", b.work / "table-4000.csv"
    write_table(small, 1000)
    write_table(big, 4000)

    def dry(path: Path) -> Callable[[], Run]:
        return lambda: b.must([*b.zi, "import", str(path), "--institution", "X", "--year", "2025", "--dry-run", "--json"])

    m = b.paired(dry(big), dry(small), rounds)
    b.add_pair("import: 4,000-row table / 1,000-row table (each row its own teams)", m, 4.8, "4k", "1k")


def journal(b: Bench, plan: Path, actions: list[tuple[str, list[int]]], rounds: int) -> None:
    """100,000 records on the 100,000-action plan."""
    synth_plan.write_journal(plan, actions, 100_000)
    done = set(synth_plan.journal_occurrences(actions, 100_000))
    open_occurrences = iter([(a, m) for a, months in actions for m in months if (a, m) not in done])
    journal_path = plan.with_name(plan.stem + ".progress.yaml")
    parse = [sys.executable, "-c", PARSE, str(plan), str(journal_path)]
    due = [*b.zi, "due", "--month", "4", "--plan", str(plan)]
    _cold_journal(b, plan, due, parse, rounds)
    m = b.paired(lambda: b.must(due), lambda: b.must(parse), rounds)
    b.add_pair("journal 100k: zi due, warm / bare parse of plan + journal", m, 0.3, "due", "parse")
    m = b.paired(lambda: b.must([*b.zi, "teams", "--plan", str(plan)]), lambda: b.must(parse), rounds)
    b.add_pair("journal 100k: zi teams, warm / bare parse of plan + journal", m, None, "teams", "parse")

    empty = plan.with_name("empty-journal.yaml")
    shutil.copy(plan, empty)
    b.must([*b.zi, "due", "--month", "4", "--plan", str(empty)])  # its plan entry in the cache

    def done_on(path: Path) -> Callable[[], Run]:
        def run() -> Run:
            action, month = next(open_occurrences)
            return b.must([*b.zi, "done", action, "--month", str(month), "--by", "bench", "--plan", str(path)])

        return run

    # The synthetic journal is written in format 1: the first `zi done` writes it
    # anew in today's format (once in a journal's life), the next validates that.
    for _ in range(2):
        done_on(plan)()
    done_on(empty)()
    m = b.paired(done_on(plan), done_on(empty), max(rounds, 5))
    b.add_pair("journal 100k: zi done / zi done on an empty journal (same plan)", m, 1.5, "100k records", "empty")

    def after_done() -> Run:
        done_on(plan)()
        return b.must(due)

    m = b.paired(after_done, lambda: b.must(due), rounds)
    b.add_pair("journal 100k: zi due right after zi done / zi due warm", m, None, "after done", "warm")


def _cold_journal(b: Bench, plan: Path, due: list[str], parse: list[str], rounds: int) -> None:
    """The first `zi due` (empty cache: plan and journal parsed and validated in full) and its memory per record (issue 27)."""
    cache = Path(b.env["XDG_CACHE_HOME"]) / "zi-plan"

    def cold(command: list[str]) -> Callable[[], Run]:
        def run() -> Run:
            shutil.rmtree(cache, ignore_errors=True)
            return b.must(command)

        return run

    m = b.paired(cold(due), lambda: b.must(parse), rounds)
    b.add_pair("journal 100k: zi due, cold (empty cache) / bare parse of plan + journal", m, 1.2, "due", "parse")
    # The same plan with no journal beside it: the difference is what the records cost.
    alone = plan.with_name("no-journal.yaml")
    shutil.copy(plan, alone)
    m0 = b.paired(cold(due), cold([*b.zi, "due", "--month", "4", "--plan", str(alone)]), rounds)
    per_record = (m0["a_rss"] - m0["b_rss"]) * 1024 / 100_000
    b.add("journal 100k: peak memory per journal record, cold zi due (KiB)", per_record, 2.0,
          f"{m0['a_rss']:.0f} MiB with the journal, {m0['b_rss']:.0f} MiB without; {m0['pairs']:.0f} pairs", unit=" KiB")  # fmt: skip
    alone.unlink()
    b.must(due)  # fills the cache for the rows below


def moved_cache(b: Bench, rounds: int) -> None:
    """The cache restored into a fresh clone at another path (as CI restores it) hits (issue 27).

    A: `zi due` on a copy of the plan in a folder it was never in, each run a
    new one, with the cache the first folder's runs filled; B: `zi due` warm
    where it was filled. A miss would parse the plan (10,000 actions: several
    times B)."""
    plan = b.work / "moved" / "first" / "plan.yaml"
    plan.parent.mkdir(parents=True)
    synth_plan.write_plan(10_000, plan)
    b.must([*b.zi, "due", "--month", "4", "--plan", str(plan)])
    count = iter(range(10**6))

    def moved() -> Run:
        clone = b.work / "moved" / f"clone-{next(count)}" / "plan.yaml"
        clone.parent.mkdir(parents=True)
        shutil.copy(plan, clone)
        return b.must([*b.zi, "due", "--month", "4", "--plan", str(clone)])

    m = b.paired(moved, lambda: b.must([*b.zi, "due", "--month", "4", "--plan", str(plan)]), rounds)
    b.add_pair("cache: zi due, 10k actions, first run at a new path / warm at the first path", m, 1.2, "new path", "warm")


def due_scale(b: Bench, sizes: list[int], rounds: int) -> None:
    """Warm `zi due` on large plans: its tables print at most 100 rows in all (issue 27)."""
    floor = [sys.executable, "-c", FLOOR]
    for n in sizes:
        plan = b.work / f"due-{n}.yaml"
        synth_plan.write_plan(n, plan)
        due = [*b.zi, "due", "--month", "4", "--plan", str(plan)]
        b.must(due)  # fills the cache
        m = b.paired(lambda: b.must(due), lambda: b.must(floor), rounds)  # noqa: B023
        b.add(f"due {n:,}: zi due --month 4, warm (s)", m["a"], 0.3 if n == 100_000 else None, f"F {m['b']:.3f} s; {m['pairs']:.0f} pairs", unit=" s")
        b.add_pair(f"due {n:,}: zi due --month 4, warm / F", m, None, "due", "F")
    if 100_000 in sizes:
        # The same plan with a year's journal beside it: the row the issue sets is the plan's alone.
        plan = b.work / "due-journal" / "plan.yaml"
        plan.parent.mkdir()
        synth_plan.write_journal(plan, synth_plan.write_plan(100_000, plan), 100_000)
        due = [*b.zi, "due", "--month", "4", "--plan", str(plan)]
        b.must(due)  # fills the cache: the plan's entry and the journal's
        m = b.paired(lambda: b.must(due), lambda: b.must(floor), rounds)
        b.add("due 100,000 + 100,000 records: zi due --month 4, warm (s)", m["a"], None, f"F {m['b']:.3f} s; {m['pairs']:.0f} pairs", unit=" s")


def _plan_occurrences(plan: Path) -> list[tuple[str, int]]:
    """Every (action id, month) of a plan whose ids are written out, as the bundled plan's are."""
    import yaml  # as synth_plan reads the bundled plan

    data = yaml.load(plan.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return [(a["id"], m) for c in data["components"] for i in c["items"] for a in i["actions"] for m in a.get("months") or ()]


def done_scale(b: Bench, rounds: int) -> None:
    """Warm `zi done` on a plan of 100,000 actions against the bundled plan's 68, each journal starting empty (issue 27).

    Each run records an occurrence still open (plans of a past year: any
    month may be recorded), so both journals grow alike, by one record a run.
    """
    big, small = b.work / "done-big" / "plan.yaml", b.work / "done-small" / "tambrauw-2023.yaml"
    big.parent.mkdir()
    small.parent.mkdir()
    big_open = iter([(a, m) for a, months in synth_plan.write_plan(100_000, big) for m in months])
    shutil.copy(REPO / "plans" / "tambrauw-2023.yaml", small)
    small_open = iter(_plan_occurrences(small))
    for path in (big, small):
        b.must([*b.zi, "due", "--month", "4", "--plan", str(path)])  # fills the plan's cache entry

    def done_on(path: Path, occurrences: Iterator[tuple[str, int]]) -> Callable[[], Run]:
        def run() -> Run:
            action, month = next(occurrences)
            return b.must([*b.zi, "done", action, "--month", str(month), "--by", "bench", "--plan", str(path)])

        return run

    big_done, small_done = done_on(big, big_open), done_on(small, small_open)
    for _ in range(2):  # a journal's first record writes it whole; the next ones append
        big_done()
        small_done()
    m = b.paired(big_done, small_done, rounds)
    b.add("done 100,000: zi done, warm (s)", m["a"], None, f"68 actions: {m['b']:.3f} s; {m['pairs']:.0f} pairs", unit=" s")
    b.add_pair("done: zi done, warm, 100,000 actions / 68 actions (journals alike)", m, 2.0, "100k", "68")


# The workbook writer's own peak memory, measured in one process: the plan and journal
# loaded as `zi export` loads them (every view built), XlsxWriter imported, the heap's free pages handed back
# (glibc's malloc_trim) and the kernel's peak mark reset (Linux); then the workbook is
# written with tracemalloc on. Printed: resident KiB once loaded, the resident peak's rise
# above that (KiB), and the peak of what the writing allocated and held at once (bytes).
XLSX_MEMORY = """\
import ctypes, gc, re, sys, tracemalloc
from pathlib import Path
from zi_plan.commands import _common as common
from zi_plan.formats import export
import xlsxwriter, xlsxwriter.exceptions, xlsxwriter.utility
gc.disable()  # as the zi program runs
def status(key):
    with open('/proc/self/status') as fh:
        return int(re.search(key + r':\\s+(\\d+)', fh.read()).group(1))
plan, journal = common.open_workspace(Path(sys.argv[1]), to_stderr=True, writes_file=True)
plan.actions, plan.components, journal.occurrences  # the loaded plan: its views built (a cached plan builds them when first asked)
ctypes.CDLL('libc.so.6').malloc_trim(0)
loaded = status('VmRSS')
with open('/proc/self/clear_refs', 'w') as fh:
    fh.write('5')
tracemalloc.start()
export.export(plan, journal, 'xlsx').write(Path(sys.argv[2]))
print(loaded, status('VmHWM') - loaded, tracemalloc.get_traced_memory()[1])
"""


def xlsx(b: Bench, sizes: list[int], rounds: int) -> None:
    """`zi export --format xlsx`: milliseconds per action, paired with a warm `zi due` on the same plan
    (the load it cannot do without), and peak memory: the process's, and the writer's own (issue 27)."""
    own: dict[int, float] = {}
    for n in sizes:
        plan = b.work / f"xlsx-{n}.yaml"
        synth_plan.write_plan(n, plan)
        due = [*b.zi, "due", "--month", "4", "--plan", str(plan)]
        b.must(due)  # fills the cache: the export's own cost below
        out = b.work / f"xlsx-{n}.xlsx"
        export = [*b.zi, "export", "--format", "xlsx", "--force", "-o", str(out), "--plan", str(plan)]
        m = b.paired(lambda: b.must(export), lambda: b.must(due), rounds if n < 100_000 else 3)  # noqa: B023
        b.add(f"xlsx {n:,}: zi export --format xlsx, ms per action", m["a"] * 1000 / n, 0.2,
              f"{m['a']:.2f} s in all (CPU {m['a_cpu']:.2f} s), warm zi due {m['b']:.2f} s; {m['pairs']:.0f} pairs; "
              f"peak {m['a_rss']:.0f} MiB (zi due {m['b_rss']:.0f} MiB)", unit=" ms")  # fmt: skip
        if Path("/proc/self/clear_refs").exists():  # Linux: the peak mark can be reset
            done = subprocess.run([sys.executable, "-c", XLSX_MEMORY, str(plan), str(out)], cwd=b.work, env=b.env, capture_output=True, text=True, check=True)
            loaded, rise, held = (int(v) for v in done.stdout.split())
            own[n] = held / 2**20
            b.add(f"xlsx {n:,}: the writer's own peak memory, beyond the loaded plan (MiB)", own[n], None,
                  f"what writing held at once (tracemalloc); resident peak {rise / 1024:.1f} MiB above the {loaded / 1024:.0f} MiB of the loaded plan", unit=" MiB")  # fmt: skip
    if {10_000, 100_000} <= set(own):
        b.add("xlsx: the writer's own peak memory, 100,000 / 10,000 actions", own[100_000] / own[10_000], 1.25, f"{own[100_000]:.2f} MiB vs {own[10_000]:.2f} MiB")


# Hashing and zipping the stored files in a bare loop, as the pack must at least
# do: each listed file read once, hashed, written into a zip with the pack's
# compression. It times its own loops (start-up and imports are not counted).
BARE_PACK = """\
import hashlib, json, sys, time, zipfile
from zi_plan.documents.pack import compression_for  # the pack's choice per file: stored or deflated
out, report, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
times = []
for root, listing in zip(pairs[::2], pairs[1::2]):
    names = open(listing, encoding='utf-8').read().splitlines()
    started, cpu = time.perf_counter(), time.process_time()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            with open(root + '/' + name, 'rb') as fh:
                data = fh.read()
            hashlib.sha256(data).hexdigest()
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0))
            info.compress_type = compression_for(name)
            archive.writestr(info, data)
    times.append((time.perf_counter() - started, time.process_time() - cpu))
open(report, 'w', encoding='utf-8').write(json.dumps(times))
"""


def evidence_pack(b: Bench, rounds: int, records: int = 100_000) -> None:
    """`zi evidence pack`: microseconds per journal record beyond hashing and copying the files (issue 27).

    Two copies of one 30,000-action plan: one with RECORDS 'done' records, one
    with 100; each record has a stored file of 1-3 KiB (a tenth a link too).
    A round runs, in alternating order, the pack of each and the bare loop
    BARE_PACK over the same files; its figure is (big pack - small pack - the
    bare loop's time for the difference in files) / the difference in records.
    Records fall after January and the packs list gaps up to January, so both
    list the same gaps and only the records differ."""
    plans = {}
    for name, n in (("big", records), ("small", 100)):
        plan = b.work / "pack" / f"{name}.yaml"
        plan.parent.mkdir(parents=True, exist_ok=True)
        synth_plan.write_journal(plan, synth_plan.write_plan(30_000, plan), n, file_size=2048, after=1)
        store = plan.with_name(f"{name}.evidence")
        listing = plan.with_name(f"{name}.files")
        listing.write_text("\n".join(sorted(p.relative_to(store).as_posix() for p in store.rglob("*") if p.is_file())) + "\n", encoding="utf-8")
        plans[name] = (plan, store, listing)
    out, report = b.work / "pack" / "out.zip", b.work / "pack" / "bare.json"

    def pack_of(name: str) -> Callable[[], Run]:
        return lambda: b.must([*b.zi, "evidence", "pack", "--month", "1", "--force", "-o", str(out), "--plan", str(plans[name][0])])

    bare_loops: list[list[tuple[float, float]]] = []  # per run: (wall, CPU) of each listing's loop

    def bare() -> Run:
        run = b.must([sys.executable, "-c", BARE_PACK, str(out), str(report), *(str(x) for name in ("big", "small") for x in plans[name][1:])])
        bare_loops.append(json.loads(report.read_text(encoding="utf-8")))
        return run

    big, small = pack_of("big"), pack_of("small")
    big(), small()  # fill the cache with both plans and journals
    files = len(plans["big"][2].read_text(encoding="utf-8").split()) - len(plans["small"][2].read_text(encoding="utf-8").split())
    per_record, per_record_cpu, walls = [], [], []
    for n in range(rounds):
        order = [big, small, bare] if n % 2 == 0 else [bare, small, big]
        runs = {f: f() for f in order}
        (big_wall, big_cpu), (small_wall, small_cpu) = bare_loops[-1]
        per_record.append((runs[big].wall - runs[small].wall - (big_wall - small_wall)) / (records - 100) * 1e6)
        per_record_cpu.append((runs[big].cpu - runs[small].cpu - (big_cpu - small_cpu)) / (records - 100) * 1e6)
        walls.append((runs[big].wall, runs[small].wall, big_wall - small_wall, runs[big].rss / 1024))
    med = statistics.median
    a, s, h, rss = (med(w[i] for w in walls) for i in range(4))
    b.add(f"pack {records:,}: zi evidence pack, µs per record beyond hashing and zipping its files", med(per_record), 10.0,
          f"CPU {med(per_record_cpu):.1f} µs; pack {a:.2f} s, 100-record pack {s:.2f} s, bare hash+zip of the {files:,} more files {h:.2f} s; "
          f"{rounds} rounds (runs {min(per_record):.0f}-{max(per_record):.0f} µs); peak {rss:.0f} MiB", unit=" µs")  # fmt: skip


def units(b: Bench, rounds: int, cold_rounds: int) -> None:
    """A KPU-sized parent: 550 units of Tambrauw's plan with ~200-record journals (bench/synth_units.py).

    zi rollup against a bare CSafeLoader parse of the same files (units.yaml,
    every plan and journal); warm is with the parsed-data cache filled, cold
    with it emptied before each run. Peak memory is the largest process's
    (zi's, or one of its workers'; wait4 reports the largest, not their sum).
    """
    root = b.work / "kpu"
    synth_units.write_tree(root, provinces=38, units=550, records=200)
    files = [str(root / "units.yaml"), *sorted(str(p) for p in (root / "units").glob("*/plans/*.yaml"))]
    parse = [sys.executable, "-c", PARSE, *files]
    size = sum(Path(f).stat().st_size for f in files) / 1e6
    rollup = [*b.zi, "rollup", "--units", str(root)]
    cache = Path(b.env["XDG_CACHE_HOME"]) / "zi-plan"

    def cold() -> Run:
        shutil.rmtree(cache, ignore_errors=True)
        return b.must(rollup)

    b.must(rollup)  # fills the cache
    warm = b.paired(lambda: b.must(rollup), lambda: b.must(parse), rounds)
    b.add("units 550: zi rollup, warm (s)", warm["a"], 2.0, f"{len(files)} files, {size:.1f} MB of YAML; bare parse {warm['b']:.2f} s", unit=" s")
    b.add_pair("units 550: zi rollup, warm / bare parse of the same files", warm, 0.5, "rollup", "parse")
    b.add("units 550: peak memory, zi rollup warm (MiB)", warm["a_rss"], None, f"bare parse {warm['b_rss']:.0f} MiB", unit=" MiB")
    m = b.paired(cold, lambda: b.must(parse), cold_rounds)
    b.add_pair("units 550: zi rollup, cold (empty cache) / bare parse", m, 1.5, "rollup", "parse")
    b.add("units 550: peak memory, zi rollup cold (MiB)", m["a_rss"], None, f"largest process; bare parse {m['b_rss']:.0f} MiB", unit=" MiB")

    def cold_alone() -> Run:  # whether the worker processes pay
        shutil.rmtree(cache, ignore_errors=True)
        return _run_env(b, rollup, {**b.env, "ZI_ROLLUP_WORKERS": "1"})

    m1 = b.paired(cold_alone, lambda: b.must(parse), cold_rounds)
    b.add_pair("units 550: zi rollup, cold, one process (no workers) / bare parse", m1, None, "rollup", "parse")
    html = [*rollup, "--format", "html", "--force", "-o", str(b.work / "site" / "index.html")]
    (b.work / "site").mkdir(exist_ok=True)
    b.must(html)
    t = statistics.median(b.must(html).wall for _ in range(3))
    b.add("units 550: zi rollup --format html, warm, with 550 plan pages (s)", t, None, "dashboard + each unit's zi publish page", unit=" s")
    _memory_growth(b)


def _run_env(b: Bench, cmd: list[str], env: dict[str, str]) -> Run:
    saved, b.env = b.env, env
    try:
        return b.must(cmd)
    finally:
        b.env = saved


def _memory_growth(b: Bench) -> None:
    """Peak memory with journals four times as long: it should grow by one journal's parse, not by all of them."""
    peaks = {}
    for records in (200, 800):
        root = b.work / f"kpu-{records}"
        synth_units.write_tree(root, provinces=10, units=110, records=records)
        rollup = [*b.zi, "rollup", "--units", str(root)]
        cache = Path(b.env["XDG_CACHE_HOME"]) / "zi-plan"
        shutil.rmtree(cache, ignore_errors=True)
        cold = b.must(rollup)
        warm = b.must(rollup)
        peaks[records] = (cold.rss / 1024, warm.rss / 1024)
    (c200, w200), (c800, w800) = peaks[200], peaks[800]
    b.add("units 110: peak memory, cold rollup, 800-record / 200-record journals", c800 / c200, 1.25,
          f"{c800:.0f} MiB vs {c200:.0f} MiB (warm {w800:.0f} vs {w200:.0f} MiB)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description="zi benchmark")
    parser.add_argument("--quick", action="store_true", help="start-up and 1k/10k only")
    parser.add_argument("--rounds", type=int, default=11, help="pairs per start-up row")
    parser.add_argument("--big-rounds", type=int, default=3, help="pairs per 100k row")
    parser.add_argument("--peer-timeout", type=float, default=45.0, help="seconds allowed to check-jsonschema")
    parser.add_argument("--save", action="store_true", help="write bench/results/<date>-<time>.json")
    parser.add_argument("--only", choices=["units", "cache", "due", "done", "xlsx", "scale", "pack"],
                        help="only these rows (units: the parent's roll-up, issue 23; cache: a cache at another path; due, done: warm zi due and zi done at scale; scale: zi validate at 10k/100k and the 100k journal; xlsx, pack: the export and the evidence pack; issue 27)")
    parser.add_argument("--markdown", type=Path, metavar="RESULTS", help="print a saved run (bench/results/*.json) as a Markdown table, and run nothing")
    args = parser.parse_args()
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text(encoding="utf-8"))))
        return 0

    # zi's own modules get their bytecode as the libraries F imports have theirs
    # (pip compiles on install): compiled here, and read by every run, even
    # where PYTHONDONTWRITEBYTECODE is set (it stops only the writing).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "zi_plan")], check=True)
    work = Path(tempfile.mkdtemp(prefix="zi-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("ZI_PLAN", "ZI_NO_CACHE", "ZI_LANG", "COLUMNS", "PYTHONDONTWRITEBYTECODE")}
    # A home of its own: the bundled plan's journal and the cache start empty.
    env |= {"HOME": str(work / "home"), "XDG_DATA_HOME": str(work / "data"), "XDG_CACHE_HOME": str(work / "cache")}
    # Started before the benchmark grows (see _spawn).
    runner = multiprocessing.get_context("forkserver").Pool(1)
    bench = Bench(work, env, zi_command(), runner)
    try:
        started = dt.datetime.now().astimezone()
        load_before = os.getloadavg()
        if args.only is None:
            startup(bench, args.rounds)
            importing(bench, 3)
        if args.only in (None, "scale"):
            plans = scale(bench, [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000], args.big_rounds, args.peer_timeout)
            if 100_000 in plans:
                journal(bench, *plans[100_000], args.big_rounds)
        if args.only in (None, "due"):
            due_scale(bench, [10_000] if args.quick else [10_000, 100_000], max(3, args.big_rounds))
        if args.only == "done" or (args.only is None and not args.quick):
            done_scale(bench, max(5, args.rounds // 2))
        if args.only in (None, "xlsx"):
            xlsx(bench, [10_000] if args.quick else [10_000, 100_000], max(5, args.big_rounds))
        if args.only in (None, "cache"):
            moved_cache(bench, max(5, args.rounds // 2))
        if not args.quick and args.only in (None, "pack"):
            evidence_pack(bench, max(3, args.big_rounds))
        if not args.quick and args.only in (None, "units"):
            units(bench, max(5, args.rounds // 2), max(3, args.big_rounds))
        machine = {"platform": platform.platform(), "processor": _cpu_name(), "cpus": os.cpu_count(),
                   "python": platform.python_version(), "load_average_before": load_before, "load_average_after": os.getloadavg(),
                   # what the runs read: zi's modules compiled above, as `python -m compileall -q zi_plan` does after `pip install -e`
                   "bytecode": "zi_plan compiled by compileall before the runs; PYTHONDONTWRITEBYTECODE dropped from the runs"}  # fmt: skip
        _print(bench.rows, started, machine)
        if args.save:
            out = HERE / "results" / f"{started:%Y-%m-%d-%H%M}.json"
            out.parent.mkdir(exist_ok=True)
            data = {"when": started.isoformat(timespec="seconds"), "machine": machine, "quick": args.quick, "only": args.only, "results": bench.rows}
            with out.open("x", encoding="utf-8") as fh:  # never over an earlier run
                fh.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
            print(f"\nwritten {out.relative_to(REPO)}")
    finally:  # a failed run leaves no gigabytes behind
        runner.terminate()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def markdown(data: dict[str, Any]) -> str:
    """A saved run as the Markdown table docs/performance.md shows."""
    lines = ["| measure | figure | target | met | CPU | note |", "|---|---|---|---|---|---|"]
    for row in data["results"]:
        target = "" if row["target"] is None else f"≤ {row['target']}{row['unit']}"
        met = "" if row["ok"] is None else ("yes" if row["ok"] else "**no**")
        cpu = "" if row["cpu_ratio"] is None else f"{row['cpu_ratio']}×"
        note = str(row["note"]).replace("|", "\\|")
        lines.append(f"| {row['metric']} | **{row['value']}{row['unit']}** | {target} | {met} | {cpu} | {note} |")
    return "\n".join(lines)


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def _print(rows: list[dict[str, object]], started: dt.datetime, machine: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    title = f"zi benchmark, {started:%Y-%m-%d %H:%M}, {machine['processor']} ×{machine['cpus']}, Python {machine['python']}"
    table = Table(title=title, title_justify="left")
    for name, justify in (("metric", "left"), ("wall", "right"), ("target", "right"), ("ok", "center"), ("cpu", "right"), ("note", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        target = "" if row["target"] is None else f"≤ {row['target']}{row['unit']}"
        ok = "" if row["ok"] is None else ("yes" if row["ok"] else "NO")
        cpu = "" if row["cpu_ratio"] is None else f"{row['cpu_ratio']}×"
        table.add_row(str(row["metric"]), f"{row['value']}{row['unit']}", target, ok, cpu, str(row["note"]))
    Console(width=200).print(table)
    print(f"load average before {machine['load_average_before']}, after {machine['load_average_after']}; bytecode: {machine['bytecode']}")


if __name__ == "__main__":
    raise SystemExit(main())
