"""The zi benchmark: start-up, scale, a peer, and a large journal, as ratios.

    python bench/run.py            # everything, about four minutes on 2 cores
    python bench/run.py --quick    # start-up and 1k/10k only, for a quick look

Prints a table of each ratio beside its target and writes bench/results.json.
Every figure is a wall time (or peak memory) of a whole process, as a user
sees it, measured here and now: compare ratios, not seconds, across machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import synth_plan  # noqa: E402

FLOOR = "import typer, rich.table, yaml; from pydantic import BaseModel"
PARSE = "import gc, sys, yaml; gc.disable(); yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"


def zi_command() -> list[str]:
    script = Path(sys.executable).with_name("zi")
    return [str(script)] if script.exists() else [sys.executable, "-m", "zi_plan"]


def run(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float | None = None) -> tuple[float, int, int | None]:
    """(wall seconds, peak RSS in KiB, exit code or None on time-out) of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = None if timeout is None else started + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - started, usage.ru_maxrss, None
        time.sleep(0.002)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss, proc.returncode


def alternate(commands: dict[str, list[str]], rounds: int, env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Median wall time of each command, run in turn (A B C A B C ...) so drift hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            times[name].append(run(cmd, env, cwd)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description="zi benchmark")
    parser.add_argument("--quick", action="store_true", help="start-up and 1k/10k only")
    parser.add_argument("--rounds", type=int, default=11, help="start-up runs per command")
    parser.add_argument("--peer-timeout", type=float, default=45.0, help="seconds allowed to check-jsonschema")
    args = parser.parse_args()

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "zi_plan")], check=True)
    work = Path(tempfile.mkdtemp(prefix="zi-bench-"))
    env = dict(os.environ)
    for var in ("ZI_PLAN", "ZI_NO_CACHE", "COLUMNS"):
        env.pop(var, None)
    # A home of its own: the bundled plan's journal and the validation cache start empty.
    env |= {"HOME": str(work / "home"), "XDG_DATA_HOME": str(work / "data"), "XDG_CACHE_HOME": str(work / "cache")}
    zi = zi_command()
    rows: list[dict[str, object]] = []

    def add(name: str, value: float, target: float | None, unit: str = "×", note: str = "") -> None:
        rows.append({"metric": name, "value": round(value, 3), "unit": unit, "target": target,
                     "ok": None if target is None else value <= target, "note": note})  # fmt: skip

    # ---- start-up, on the bundled plan (cwd has no plans/), validation cache warm
    run([*zi, "due", "--month", "4"], env, work)
    medians = alternate(
        {"floor": [sys.executable, "-c", FLOOR], "due": [*zi, "due", "--month", "4"],
         "validate": [*zi, "validate"], "help": [*zi, "--help"]},  # fmt: skip
        args.rounds, env, work,
    )
    floor = medians["floor"]
    add("start-up: floor F (s)", floor, None, "s", "python -c 'import typer, rich.table, yaml; from pydantic import BaseModel'")
    add("start-up: zi due --month 4 / F", medians["due"] / floor, 1.5, note=f"{medians['due']:.3f} s")
    add("start-up: zi validate / F", medians["validate"] / floor, None, note=f"{medians['validate']:.3f} s (always validates in full)")
    add("start-up: zi --help / F", medians["help"] / floor, None, note=f"{medians['help']:.3f} s")

    # ---- scale: zi validate against a bare CSafeLoader parse of the same file
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    validate_time: dict[int, float] = {}
    parse_time: dict[int, float] = {}
    plans: dict[int, tuple[Path, list[tuple[str, list[int]]]]] = {}
    for n in sizes:
        path = work / f"plan-{n}.yaml"
        plans[n] = (path, synth_plan.write_plan(n, path))
        t_zi, m_zi, _ = run([*zi, "validate", str(path)], env, work)
        t_parse, m_parse, _ = run([sys.executable, "-c", PARSE, str(path)], env, work)
        validate_time[n], parse_time[n] = t_zi, t_parse
        size_mb = path.stat().st_size / 1e6
        add(f"scale {n:,}: validate time / parse", t_zi / t_parse, 1.3 if n == 100_000 else None,
            note=f"{t_zi:.2f} s vs {t_parse:.2f} s ({size_mb:.1f} MB)")  # fmt: skip
        add(f"scale {n:,}: validate memory / parse", m_zi / m_parse, 1.5 if n == 100_000 else None,
            note=f"{m_zi / 1024:.0f} MiB vs {m_parse / 1024:.0f} MiB")  # fmt: skip
    if 100_000 in validate_time:
        add("scale: time 100k / 10k", validate_time[100_000] / validate_time[10_000], 11.0)

        # ---- peer: check-jsonschema on the same 100k plan
        peer = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
        if peer:
            t_peer, _, code = run([peer, "--schemafile", str(REPO / "schema" / "plan.schema.json"), str(plans[100_000][0])],
                                  env, work, timeout=args.peer_timeout)  # fmt: skip
            if code is None:
                add("peer: zi validate / check-jsonschema (100k)", validate_time[100_000] / t_peer, 1.0,
                    note=f"at most: check-jsonschema stopped after {t_peer:.0f} s")  # fmt: skip
            else:
                add("peer: zi validate / check-jsonschema (100k)", validate_time[100_000] / t_peer, 1.0, note=f"{t_peer:.1f} s")
        else:
            add("peer: check-jsonschema", float("nan"), None, note="not installed: pip install -e '.[bench]'")

        # ---- journal: 100k records on the 100k plan; first (cold) and second (cached) run
        path, actions = plans[100_000]
        synth_plan.write_journal(path, actions, 100_000)
        # The first run validates plan and journal and fills the cache; the
        # runs measured after it are what a user sees day to day.
        first = run([*zi, "due", "--month", "4", "--plan", str(path)], env, work)[0]
        t_parse = parse_time[100_000]
        for command in (["due", "--month", "4"], ["teams"]):
            cached = run([*zi, *command, "--plan", str(path)], env, work)[0]
            add(f"journal: zi {command[0]} (100k actions, 100k records) / plan parse", cached / t_parse, None,
                note=f"{cached:.2f} s (first run of zi due, validating: {first:.2f} s); plan parse {t_parse:.2f} s")  # fmt: skip

    _print(rows)
    results = {
        "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "processor": platform.machine(), "cpus": os.cpu_count(),
                    "python": platform.python_version()},  # fmt: skip
        "quick": args.quick,
        "results": rows,
    }
    out = HERE / "results.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten {out.relative_to(REPO)}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _print(rows: list[dict[str, object]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="zi benchmark", title_justify="left")
    for name, justify in (("metric", "left"), ("value", "right"), ("target", "right"), ("ok", "center"), ("note", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        target = "" if row["target"] is None else f"≤ {row['target']}{row['unit']}"
        ok = "" if row["ok"] is None else ("yes" if row["ok"] else "NO")
        table.add_row(str(row["metric"]), f"{row['value']}{row['unit']}", target, ok, str(row["note"]))
    Console().print(table)


if __name__ == "__main__":
    raise SystemExit(main())
