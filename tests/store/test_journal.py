"""The journal under pressure: concurrent writers all land, a killed writer loses nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PLAN
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan


def _zi_process(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "zi_plan", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_concurrent_done_all_land(plan_copy, tmp_path):
    plan = load_plan(plan_copy)
    occurrences = [(a.id, m) for a in plan.actions for m in a.months][:20]
    procs = []
    for i, (action_id, month) in enumerate(occurrences):
        evidence = tmp_path / f"bukti-{i}.txt"
        evidence.write_text(f"bukti {i}", encoding="utf-8")
        procs.append(_zi_process("done", action_id, "--month", str(month), "--evidence", str(evidence), "--by", f"pegawai {i}", "--plan", str(plan_copy), cwd=tmp_path))
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    journal = load_journal(plan)  # validates
    assert sorted((r.action, r.month) for r in journal.records) == sorted(occurrences)
    from zi_plan.store.evidence import verify

    assert verify(journal) == (20, [])


KILLER = """
import itertools, sys
from pathlib import Path
from zi_plan.store.plans import load_plan
from zi_plan.progress.recording import record_done, undo
plan = load_plan(Path(sys.argv[1]))
print("ready", flush=True)
for n in itertools.count():
    record_done(plan, "III.5.a", month=1, by="loop", note="x" * 2000)
    undo(plan, "III.5.a", 1, by="loop")
"""


def test_writer_killed_mid_write_leaves_a_journal_that_loads(plan_copy, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(plan_copy)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    journal_path = plan_copy.parent / "tambrauw-2023.progress.yaml"
    deadline = time.monotonic() + 30
    while (not journal_path.exists() or journal_path.stat().st_size < 50_000) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    journal = load_journal(load_plan(plan_copy))
    assert len(journal.records) > 10
    leftovers = [p.name for p in plan_copy.parent.iterdir() if p.name.endswith(".tmp")]
    # a temp file may remain from the killed write; it is never the journal itself
    assert all(name.startswith(".tambrauw-2023.progress.yaml.") for name in leftovers)


@pytest.mark.parametrize(("record", "message"), [
    ("nota: rapat", "9:3: unknown key 'nota' (did you mean 'note'?)"),
    ("form: I.1.b", "9:3: unknown key 'form' (did you mean 'from'?)"),
    ("month: Maret", "5:10: 'month' is not valid: must be a month number from 1 to 12"),
])  # fmt: skip
def test_journal_messages_say_what_to_write(zi, tmp_path, record, message):
    """A journal edited by hand gets the plan's kind of help (issue 16's office trial)."""
    (tmp_path / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))
    fields = ["action: II.2.a", "month: 4", "event: done", "at: '2023-04-20T09:00:00+09:00'", "by: Yulius", record]
    if record.startswith("month"):
        fields.remove("month: 4")
        fields.insert(1, record)
        fields.pop()
    body = "\n  ".join(fields)
    (tmp_path / "plans" / "tambrauw-2023.progress.yaml").write_text(f"journal: 2\nplan: tambrauw-2023.yaml\nrecords:\n- {body}\n", encoding="utf-8")
    result = zi("--lang", "en", "verify", "--plan", str(plan))
    assert result.code == 1 and f"tambrauw-2023.progress.yaml:{message}" in result.err, result.err
