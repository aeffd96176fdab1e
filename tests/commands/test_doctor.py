"""`zi doctor`: what is wrong with an office folder, and the command that fixes each."""

from __future__ import annotations

import json


def test_a_healthy_folder_has_nothing_to_fix(zi, plan_copy, photo):
    assert zi("done", "II.2.a", "-m", "4", "-e", str(photo)).code == 0
    result = zi("doctor")
    assert result.code == 0 and "nothing to fix" in result.out and "not shared with a group" in result.out
    assert json.loads(zi("doctor", "--json").out)["ok"] is True


def test_a_shared_folder_with_a_blocking_mode_is_told_the_fix(zi, plan_copy, photo, umask_022):
    plans = plan_copy.parent
    plans.chmod(0o2775)
    assert zi("done", "II.2.a", "-m", "4", "-e", str(photo)).code == 0
    stored = plans / "tambrauw-2023.evidence" / "II" / "II.2"
    assert stored.stat().st_mode & 0o2070 == 0o2070  # made group-writable and setgid under umask 022
    assert zi("doctor").code == 0
    stored.chmod(0o755)  # as an older zi (or another program) left it
    result = zi("doctor")
    assert result.code == 1 and "shared with a group" in result.out
    assert "plans/tambrauw-2023.evidence/II/II.2: the group" in result.out and "drwxr-xr-x" in result.out
    assert "fix: chmod -R g+rwX,g+s plans/tambrauw-2023.evidence/II/II.2" in result.out
    assert "tambrauw-2023.yaml:" not in result.out  # the decree itself is the office's to set
    data = json.loads(zi("doctor", "--json").out)
    assert data["group_shared"] is True and data["findings"][0]["kind"] == "mode"
    assert "perbaikan: chmod" in zi("--lang", "id", "doctor").out


def test_a_broken_journal_a_partial_copy_and_an_untrusted_cache(zi, plan_copy, photo):
    assert zi("done", "II.2.a", "-m", "4", "-e", str(photo)).code == 0
    plans = plan_copy.parent
    partial = plans / "tambrauw-2023.evidence" / "II/II.2/II.2.a/2023-04" / ".incoming.x.tmp"
    partial.write_bytes(b"half")
    result = zi("doctor")
    assert result.code == 1 and "a partial copy left by an interrupted zi done" in result.out and f"rm {partial.relative_to(plans.parent)}" in result.out
    journal = plans / "tambrauw-2023.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8") + "- action: [\n", encoding="utf-8")
    result = zi("doctor")
    assert result.code == 1 and "tambrauw-2023.progress.yaml:" in result.out and "fix the line shown" in result.out
    from zi_plan.store import cache

    root = cache.folder()
    assert root is not None
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o777)
    result = zi("doctor")
    assert "the parsed-data cache is not used: others can change it" in result.out and f"chmod 700 {root}" in result.out


def test_no_plan_here_is_said(zi, tmp_path):
    result = zi("doctor")
    assert result.code == 1 and "no plan found in this folder or above it" in result.out
