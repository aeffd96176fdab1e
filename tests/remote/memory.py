"""Running `zi evidence push` in a process of its own under RLIMIT_AS, and reading its peak memory.

Shared by tests/remote/test_memory.py (a 96 MB file, in the suite) and
bench/remote_memory.py (a 2 GB evidence set, results in bench/results/).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# A fresh parent whose one child is the push: its RUSAGE_CHILDREN is that child's peak.
_RUNNER = """
import json, resource, subprocess, sys, time
limit = int(sys.argv[1])
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
start = time.monotonic()
done = subprocess.run(sys.argv[2:], preexec_fn=cap, capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "seconds": time.monotonic() - start, "out": done.stdout, "err": done.stderr,
                  "peak_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def sparse_file(path: Path, size: int) -> Path:
    """A file of SIZE zero bytes that takes no disk until written elsewhere."""
    with path.open("wb") as out:
        out.truncate(size)
    return path


def push_measured(folder: Path, store: str, address_space: int, env: dict[str, str] | None = None) -> dict[str, object]:
    """`zi evidence push --store STORE` in FOLDER, its address space capped: exit code, seconds, output, peak RSS (KiB)."""
    # Few malloc arenas: each thread would otherwise reserve 64 MB of address space that it never uses.
    environment = {**os.environ, "MALLOC_ARENA_MAX": "2", **(env or {})}
    command = [sys.executable, "-c", _RUNNER, str(address_space), sys.executable, "-m", "zi_plan", "evidence", "push", "--store", store, "--jobs", "4"]
    done = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result
