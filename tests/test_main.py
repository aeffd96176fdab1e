"""zi_plan.__main__.run: the `zi` program ends without tearing down, and loses no output."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import PLAN


def _program(*args: str, code: str = "") -> list[str]:
    """`zi ARGS` as the console script runs it (through run()), after ``code``."""
    return [sys.executable, "-c", f"import sys; sys.argv = ['zi', *{list(args)!r}]\n{code}\nfrom zi_plan.__main__ import run; run()"]


def _zi(*args: str, cwd: Path, code: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(_program(*args, code=code), capture_output=True, text=True, cwd=cwd, timeout=120)


def test_the_whole_output_is_written_before_the_process_ends(tmp_path):
    result = _zi("due", "--month", "4", "--json", "--plan", str(PLAN), cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads(result.stdout)  # complete: far more than one buffer's worth
    assert len(result.stdout) > 16_384 and data["month"] == 4


def test_the_exit_code_and_the_message_of_an_error_are_kept(tmp_path):
    result = _zi("due", "--plan", str(tmp_path / "missing.yaml"), cwd=tmp_path)
    assert result.returncode != 0 and "missing.yaml" in result.stderr and "Traceback" not in result.stderr


def test_exit_handlers_still_run(tmp_path):
    result = _zi("--version", cwd=tmp_path, code="import atexit; atexit.register(print, 'handler ran')")
    assert result.returncode == 0 and result.stdout.splitlines() == [result.stdout.splitlines()[0], "handler ran"]
    assert result.stdout.startswith("zi ")


def _shell(program: list[str], redirection: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The program run by a shell, with a redirection such as ``2>&-``."""
    return subprocess.run(["sh", "-c", f"{shlex.join(program)} {redirection}"], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_a_closed_stream_changes_neither_the_exit_code_nor_the_work(tmp_path):
    """`2>&-` and `>&-` (cron jobs, hooks): the command does its work and exits as it would have."""
    plan = str(PLAN)
    assert _shell(_program("validate", plan), "2>&-", tmp_path).returncode == 0
    assert _shell(_program("validate", plan), ">&-", tmp_path).returncode == 0
    closed_out = _shell(_program("due", "--month", "4", "--plan", plan), ">&-", tmp_path)
    assert closed_out.returncode == 0 and "Traceback" not in closed_out.stderr
    assert _shell(_program("due", "--month", "13", "--plan", plan), "2>&-", tmp_path).returncode == 2


def test_a_full_disk_behind_the_output_is_one_line_not_a_traceback(tmp_path):
    if not Path("/dev/full").exists():
        import pytest

        pytest.skip("no /dev/full on this system")
    for args in (("due", "--month", "4", "--plan", str(PLAN)), ("--version",), ("schema",)):
        result = _shell(_program(*args), "> /dev/full", tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.splitlines()[-1] == "zi: error: cannot write the output: the disk is full"
