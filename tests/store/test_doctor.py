"""store/doctor: what is wrong with an office folder, and the command that fixes each (examine, to_json).

Each test builds an office folder in tmp_path (the current folder): plans/plan.yaml
(the small plan), its journal and evidence store beside it.
"""

from __future__ import annotations

import grp
import json
import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from zi_plan.store import cache, doctor
from zi_plan.store.doctor import Finding, Report, examine, to_json

JOURNAL = "journal: 1\nplan: plan.yaml\nrecords:\n"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / "plan.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "plan.yaml").chmod(0o644)
    return folder


def _kinds(report: Report) -> list[str]:
    return [f.kind for f in report.findings]


def _unused_gid() -> int:
    for number in range(54321, 60000):
        try:
            grp.getgrgid(number)
        except KeyError:
            return number
    raise AssertionError("no free group number")


# ---------------------------------------------------------------- which plan


def test_no_plan_found_says_so_and_how_to_get_one(tmp_path):
    report = examine()
    assert (report.plan, report.journal, report.shared) == (None, None, False)
    [finding] = report.findings
    assert finding.kind == "plan" and finding.path == str(tmp_path)
    assert finding.message.startswith("no plan found in this folder or above it") and "bundled with zi" in finding.message
    assert finding.fix == "cd OFFICE_FOLDER  # or: zi init"


def test_a_plan_that_cannot_be_chosen_is_the_finding(plans):
    (plans / "other.yaml").write_text(MINIMAL, encoding="utf-8")
    [finding] = examine().findings
    assert finding.kind == "plan" and "holds several plans" in finding.message and finding.fix is None


def test_a_named_plan_that_is_missing_has_no_line_to_fix(plans):
    [finding] = examine("plans/missing.yaml").findings
    assert (finding.path, finding.message) == ("plans/missing.yaml", "file not found")
    assert finding.fix is None  # not "fix the line shown": there is no line


def test_a_plan_found_with_nothing_wrong(plans):
    report = examine()
    assert report == Report("plans/plan.yaml", "plans/plan.progress.yaml", False, [], {})


def test_a_plan_named_is_examined_from_elsewhere(plans, tmp_path, monkeypatch):
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    report = examine(str(plans / "plan.yaml"))
    assert report.plan == str(plans / "plan.yaml") and report.findings == []


# ---------------------------------------------------------------- a group-shared folder


def test_in_a_shared_folder_what_the_group_cannot_write_is_listed_with_its_fix(plans):
    plans.chmod(0o2775)
    (plans / "plan.progress.yaml").write_text(JOURNAL, encoding="utf-8")
    (plans / "plan.progress.yaml").chmod(0o644)
    evidence = plans / "plan.evidence" / "II"
    evidence.mkdir(parents=True)
    for folder in (evidence.parent, evidence):
        folder.chmod(0o2775)
    evidence.chmod(0o755)  # as an older zi left it under umask 022
    report = examine()
    assert report.shared is True
    assert sorted(report.findings) == [
        Finding("mode", "plans/plan.evidence/II", "the group root cannot write it (mode drwxr-xr-x)", "chmod -R g+rwX,g+s plans/plan.evidence/II"),
        Finding("mode", "plans/plan.progress.yaml", "the group root cannot write it (mode -rw-r--r--)", "chmod -R g+rwX plans/plan.progress.yaml"),
    ]


def test_the_decree_and_links_are_not_the_doctors_to_judge(plans):
    os.chown(plans, os.getuid(), grp.getgrnam("daemon").gr_gid)  # the office's group; what root makes here is root's
    plans.chmod(0o2775)
    (plans / "plan.yaml").chmod(0o600)  # edited by people: its mode and group are the office's choice
    (plans / "shortcut").symlink_to("/etc/hostname")
    os.lchown(plans / "shortcut", os.getuid(), 0)
    assert examine().findings == []


def test_a_folder_made_group_writable_without_setgid_needs_no_setgid(plans):
    plans.chmod(0o775)
    (plans / "plan.evidence").mkdir(mode=0o755)
    (plans / "plan.evidence").chmod(0o755)
    [finding] = examine().findings
    assert (finding.kind, finding.fix) == ("mode", "chmod -R g+rwX plans/plan.evidence")


def test_what_belongs_to_another_group_is_told_to_join_the_office(plans):
    plans.chmod(0o2775)
    journal = plans / "plan.progress.yaml"
    journal.write_text(JOURNAL, encoding="utf-8")
    journal.chmod(0o664)
    other = _unused_gid()
    os.chown(journal, os.getuid(), other)
    [finding] = examine().findings
    assert finding == Finding("group", "plans/plan.progress.yaml", f"it belongs to the group {other}, not the office's root", "chgrp -R root plans/plan.progress.yaml")


def test_beyond_max_listed_the_rest_are_counted(plans, monkeypatch):
    monkeypatch.setattr(doctor, "MAX_LISTED", 2)
    plans.chmod(0o2775)
    store = plans / "plan.evidence"
    store.mkdir()
    store.chmod(0o2775)
    for n in range(5):
        (store / f"foto-{n}.jpg").write_bytes(b"x")
        (store / f"foto-{n}.jpg").chmod(0o644)
    report = examine()
    assert _kinds(report) == ["mode", "mode"] and report.more == {"mode": 3}
    assert to_json(report)["not_listed"] == {"mode": 3}


def test_a_private_folder_is_not_examined_for_group_modes(plans):
    (plans / "plan.progress.yaml").write_text(JOURNAL, encoding="utf-8")
    (plans / "plan.progress.yaml").chmod(0o600)
    report = examine()
    assert report.shared is False and report.findings == []


# ---------------------------------------------------------------- what this account cannot write


def _deny_writing(monkeypatch: pytest.MonkeyPatch, *denied: Path) -> None:
    """Root may write anything: make these paths unwritable to this account for the test."""
    names = {str(p) for p in denied}
    real = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        return not (mode & os.W_OK and str(path) in names) and real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def test_what_this_account_cannot_write_is_named_with_whose_it_is(plans, monkeypatch):
    journal = plans / "plan.progress.yaml"
    journal.write_text(JOURNAL, encoding="utf-8")
    (plans / "plan.evidence" / "II").mkdir(parents=True)
    _deny_writing(monkeypatch, Path("plans/plan.progress.yaml"), Path("plans/plan.evidence/II"))
    report = examine()
    assert [(f.kind, f.path) for f in report.findings] == [("access", "plans/plan.progress.yaml"), ("access", "plans/plan.evidence/II")]
    assert report.findings[0].message.startswith("plans/plan.progress.yaml belongs to root (group root, mode -rw-r--r--) and this account cannot write it")
    assert report.findings[0].message.endswith("chmod -R g+rwX plans/plan.progress.yaml")


def test_when_no_one_is_to_blame_it_is_said_plainly(plans, monkeypatch):
    _deny_writing(monkeypatch, Path("plans"))
    monkeypatch.setattr(doctor, "blocked", lambda path: None)
    [finding] = examine().findings
    assert finding == Finding("access", "plans", "this account cannot write it")


# ---------------------------------------------------------------- the journal and the store


def test_a_journal_that_does_not_parse_is_shown_at_its_line(plans):
    (plans / "plan.progress.yaml").write_text(JOURNAL + "- action: [\n", encoding="utf-8")
    report = examine()
    [finding] = report.findings
    assert finding.kind == "journal" and finding.path.startswith("plans/plan.progress.yaml:")
    assert finding.fix == "fix the line shown in an editor; zi never rewrites a file it cannot read"
    assert report.plan == "plans/plan.yaml"  # the plan was found: only its journal is broken


def test_a_record_the_plan_rejects_is_a_finding_too(plans):
    (plans / "plan.progress.yaml").write_text(JOURNAL + "- action: I.1.a\n  month: 13\n  event: done\n  at: '2024-01-20T09:00:00+07:00'\n  by: Ani\n",
                                              encoding="utf-8")  # fmt: skip
    [finding] = examine().findings
    assert finding.kind == "journal" and finding.path.startswith("plans/plan.progress.yaml:5:")


def test_a_journal_that_is_a_folder_is_named(plans):
    (plans / "plan.progress.yaml").mkdir()
    [finding] = examine().findings
    assert finding.kind == "journal" and finding.path == "plans/plan.progress.yaml" and "directory" in finding.message
    assert finding.fix is None  # the message says what is wrong; there is no line to fix


def test_partial_copies_and_a_half_written_journal_are_listed_with_rm(plans):
    (plans / "plan.progress.yaml").write_text(JOURNAL, encoding="utf-8")
    month = plans / "plan.evidence" / "I" / "I.1" / "I.1.a" / "2024-01"
    month.mkdir(parents=True)
    (month / ".incoming.foto.jpg.tmp").write_bytes(b"half")
    (month / "foto.jpg").write_bytes(b"whole")
    (plans / ".plan.progress.yaml.abc123.tmp").write_text(JOURNAL, encoding="utf-8")
    report = examine()
    partial = "plans/plan.evidence/I/I.1/I.1.a/2024-01/.incoming.foto.jpg.tmp"
    assert [(f.kind, f.path, f.fix) for f in report.findings] == [
        ("partial", partial, f"rm {partial}"),
        ("partial", "plans/.plan.progress.yaml.abc123.tmp", "rm plans/.plan.progress.yaml.abc123.tmp"),
    ]
    assert report.findings[0].message == "a partial copy left by an interrupted zi done; the next zi done or zi undo removes it"
    assert report.findings[1].message == "a half-written journal left by an interrupted zi; the next zi done or zi undo removes it"


# ---------------------------------------------------------------- the cache


def _cache_root() -> Path:
    root = cache.folder()
    assert root is not None
    root.mkdir(parents=True)
    root.parent.chmod(0o700)
    root.chmod(0o700)
    (root / "key").write_bytes(b"k" * 32)
    (root / "key").chmod(0o600)
    return root


def test_a_cache_as_zi_makes_it_is_no_finding(plans):
    _cache_root()
    assert examine().findings == []


@pytest.mark.parametrize(("damage", "why", "fix"), [("folder", "others can change it", "chmod 700 {path}"),
                                                    ("key", "others can read or change it", "rm -rf {path}"),
                                                    ("owner", "it belongs to another account", "rm -rf {path}")])  # fmt: skip
def test_an_untrusted_cache_is_a_finding_with_its_fix(plans, damage, why, fix):
    root = _cache_root()
    path = root / "key" if damage == "key" else root
    if damage == "owner":
        os.chown(root, 54321, os.getgid())
    else:
        path.chmod(0o777 if damage == "folder" else 0o644)
    [finding] = examine().findings
    assert finding == Finding("cache", str(path), f"the parsed-data cache is not used: {why}", fix.format(path=path))


def test_the_cache_is_examined_even_without_a_plan(tmp_path):
    root = _cache_root()
    root.parent.chmod(0o777)
    report = examine()
    assert _kinds(report) == ["cache", "plan"] and report.findings[0].path == str(root.parent)


def test_a_cache_turned_off_is_not_examined(plans, monkeypatch):
    _cache_root().chmod(0o777)
    monkeypatch.setenv("ZI_NO_CACHE", "1")
    assert examine().findings == []


# ---------------------------------------------------------------- to_json


def test_to_json_of_a_healthy_folder(plans):
    assert to_json(examine()) == {"plan": "plans/plan.yaml", "journal": "plans/plan.progress.yaml", "group_shared": False, "ok": True,
                                  "findings": [], "not_listed": {}}  # fmt: skip


def test_to_json_of_findings(plans):
    (plans / "plan.progress.yaml").write_text(JOURNAL + "- action: [\n", encoding="utf-8")
    data = json.loads(json.dumps(to_json(examine())))
    assert data["ok"] is False and data["group_shared"] is False
    [finding] = data["findings"]
    assert set(finding) == {"kind", "path", "message", "fix"} and finding["kind"] == "journal"
    no_fix = to_json(Report(None, None, False, [Finding("plan", "/x", "why")], {}))
    assert no_fix["findings"] == [{"kind": "plan", "path": "/x", "message": "why", "fix": None}] and no_fix["plan"] is None


def test_the_findings_in_indonesian(plans, indonesian):
    plans.chmod(0o2775)
    (plans / "plan.evidence").mkdir()
    (plans / "plan.evidence").chmod(0o755)
    [finding] = examine().findings
    assert "root" in finding.message and "drwxr-xr-x" in finding.message and "cannot write" not in finding.message
