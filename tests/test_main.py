"""zi_plan.__main__.run: the `zi` program ends without tearing down, and loses no output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import PLAN


def _zi(*args: str, cwd: Path, code: str = "") -> subprocess.CompletedProcess[str]:
    program = f"import sys; sys.argv = ['zi', *{list(args)!r}]\n{code}\nfrom zi_plan.__main__ import run; run()"
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=cwd, timeout=120)


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
