"""Every command against a table of faults: bad values in the plan and the
journal, special files, failing writes, a lock path that is not a file.

Each case asserts the exit code, the shape of the message (``PATH:LINE:COL:``
or one ``zi: error:`` line), no traceback, and that nothing was written or
changed where it should not be."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO
from tests.hostile import no_traceback, one_error_line, record

TABLE = REPO / "tests" / "fixtures" / "tambrauw-2023.csv"

# Every command that reads a plan, as a user would type it.
PLAN_READERS = [
    ("list",), ("due", "-m", "4"), ("done", "I.1.a", "-m", "1"), ("undo", "I.1.a", "-m", "1"), ("show", "I.1.a"),
    ("verify",), ("teams",), ("team", "mp", "-m", "4"), ("progress", "-m", "4"),
    ("report", "-m", "4", "-o", "r.html"), ("report", "-m", "4", "--format", "md", "-o", "r.md"), ("publish", "-o", "p.html"),
    ("export", "--format", "csv", "-m", "4", "-o", "x.csv"), ("export", "--format", "xlsx", "-m", "4", "-o", "x.xlsx"),
    ("export", "--format", "ics", "-o", "x.ics"), ("evidence", "pack", "-o", "e.zip"),
]  # fmt: skip
JOURNAL_READERS = [args for args in PLAN_READERS if args[0] not in ("list", "publish")]

# (name, text to replace in the plan, its replacement, line, words in the message)
PLAN_FAULTS = [
    ("impossible date", "date: 2024-01-15", "date: 2024-02-30", 6, "2024-02-30"),
    ("year zero", "date: 2024-01-15", "date: 0000-01-15", 6, "0000-01-15"),
    ("!!int abc", "year: 2024", "year: !!int abc", 3, "'abc'"),
    ("!!bool maybe", "year: 2024", "year: !!bool maybe", 3, "'maybe'"),
    ("!!float x", "year: 2024", "year: !!float x", 3, "'x'"),
    ("5000 digits", "year: 2024", "year: " + "9" * 5000, 3, "5000"),
    ("unknown tag", "year: 2024", "year: !!python/object/apply:os.system [echo]", 3, "not allowed"),
    ("month 13 date", "date: 2024-01-15", "date: 2024-13-01", 6, "2024-13-01"),
    ("bytes", "institution: Kantor Contoh", "institution: !!binary S2FudG9y", 1, "not allowed"),
    ("a set", "institution: Kantor Contoh", "institution: !!set {Kantor}", 1, "not allowed"),
]


def _walk(commands: list[tuple[str, ...]], faults: list[tuple[object, ...]], full: tuple[str, ...]) -> list[object]:
    """Every command meets a fault, and the ``full`` commands meet every fault.

    The whole product would be hundreds of cases exercising the same loader;
    this keeps each command and each fault covered at a fraction of the time.
    """
    cases = []
    for c_index, command in enumerate(commands):
        for f_index, fault in enumerate(faults):
            if command[0] in full or f_index == c_index % len(faults):
                cases.append(pytest.param(command, fault, id=f"{' '.join(command[:3])}-{fault[0]}"))
    return cases


def _snapshot(office) -> dict[str, bytes]:
    """Every regular file and its bytes; the lock file stays after use by design."""
    base = office.root.parent
    return {p: (base / p).read_bytes() for p in office.files()
            if (base / p).is_file() and not (base / p).is_symlink() and not p.endswith(".progress.yaml.lock")}  # fmt: skip


def _located(text: str, path: Path, line: int) -> bool:
    return re.search(rf"^{re.escape(str(path))}:{line}:\d+: ", text, re.MULTILINE) is not None


@pytest.mark.parametrize(("args", "fault"), _walk([("validate",), *PLAN_READERS], PLAN_FAULTS, ("validate", "due", "done")))
def test_bad_values_in_the_plan_are_placed_never_a_traceback(zi, office, args, fault):
    _name, old, new, line, words = fault
    office.plan.write_text(MINIMAL.replace(old, new), encoding="utf-8")
    before = _snapshot(office)
    result = zi(*args, str(office.plan)) if args == ("validate",) else zi(*args, "--plan", str(office.plan))
    assert result.code == 1
    shown = result.out if args == ("validate",) else result.err
    assert _located(shown, office.plan, line), shown
    assert words in shown
    assert no_traceback(result.err)
    assert _snapshot(office) == before


JOURNAL_FAULTS = [
    ("impossible timestamp", "at: '2024-01-20T09:00:00+09:00'", "at: 2024-02-30T09:00:00+09:00", 7),
    ("!!int month", "month: 1", "month: !!int abc", 5),
    ("!!bool by", "by: Yulius", "by: !!bool maybe", 8),
    ("huge size", "size: 5", "size: " + "9" * 5000, 12),
    ("unknown tag", "by: Yulius", "by: !!python/name:os.system", 8),
    ("a number as time", "at: '2024-01-20T09:00:00+09:00'", "at: 13", 7),
    ("bytes", "by: Yulius", "by: !!binary WXVsaXVz", 8),
]


@pytest.mark.parametrize(("args", "fault"), _walk(JOURNAL_READERS, JOURNAL_FAULTS, ("due", "done", "verify")))
def test_bad_values_in_the_journal_are_placed_and_the_journal_kept(zi, office, args, fault):
    _name, old, new, line = fault
    sha = office.store_file("I/I.1/I.1.a/2024-01/foto.jpg", b"bukti")
    good = record(evidence=[{"path": "I/I.1/I.1.a/2024-01/foto.jpg", "sha256": sha, "size": 5}])
    assert old in good
    office.write_journal(good.replace(old, new))
    before = _snapshot(office)
    result = zi(*args, "--plan", str(office.plan))
    assert result.code == 1
    assert _located(result.err, office.journal, line), result.err
    assert no_traceback(result.err)
    assert _snapshot(office) == before  # the journal never overwritten, nothing written


# ---------------------------------------------------------------- special files


def _zi_process(*args: str, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """A separate zi with a memory cap: a hang or an endless read fails the test, not the machine."""

    def cap() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZI_", "LC_", "LANG"))} | {"ZI_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "zi_plan", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=cap, check=False)  # fmt: skip


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@needs_fifo
@pytest.mark.parametrize("args", [("validate", "{plan}"), ("due", "-m", "4", "--plan", "{plan}")],
                         ids=lambda a: a[0])  # fmt: skip
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_plan_that_is_a_fifo_or_a_device_is_refused_at_once(tmp_path, args, kind):
    plan = tmp_path / "plan.yaml"
    if kind == "fifo":
        os.mkfifo(plan)
    else:
        plan = Path("/dev/zero")  # endless: read in full, it would eat all memory
    result = _zi_process(*(a.format(plan=plan) for a in args), cwd=tmp_path)
    assert result.returncode == 1
    assert "not a file" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@needs_fifo
def test_a_journal_that_is_a_fifo_is_refused_at_once(office):
    os.mkfifo(office.journal)
    result = _zi_process("due", "-m", "4", "--plan", str(office.plan), cwd=office.root)
    assert result.returncode == 1 and "named pipe" in result.stderr and "Traceback" not in result.stderr


@needs_fifo
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_table_or_evidence_that_is_a_fifo_or_device_is_refused(tmp_path, office, kind):
    special = tmp_path / "special.csv"
    if kind == "fifo":
        os.mkfifo(special)
    else:
        special = Path("/dev/zero")
    result = _zi_process("import", str(special), "--institution", "X", "--year", "2024", "-o", "x.yaml", cwd=tmp_path)
    assert result.returncode == 1 and "not a file" in result.stderr and "Traceback" not in result.stderr
    result = _zi_process("done", "I.1.a", "-m", "1", "-e", str(special), "--plan", str(office.plan), cwd=tmp_path)
    assert result.returncode == 1 and "not a file" in result.stderr and "Traceback" not in result.stderr
    result = _zi_process("lke", "answer", "--file", str(special), "--plan", str(office.plan), cwd=tmp_path)
    assert result.returncode == 1 and "not a file" in result.stderr and "Traceback" not in result.stderr
    assert not office.journal.exists()


def test_a_plan_that_is_a_folder_is_refused(zi, tmp_path):
    (tmp_path / "plan.yaml").mkdir()
    result = zi("due", "--plan", str(tmp_path / "plan.yaml"))
    assert result.code == 1 and one_error_line(result.err) and no_traceback(result.err)


# ---------------------------------------------------------------- failing writes


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)


def _fail_mkstemp(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)


WRITE_FAULTS = {"disk full": (_fail_fsync, "disk is full"), "read-only folder": (_fail_mkstemp, "ermission denied")}
WRITERS = [
    ("done", "I.1.a", "-m", "1", "-e", "{photo}"), ("undo", "I.1.a", "-m", "4"),
    ("report", "-m", "4", "-o", "out.html"), ("publish", "-o", "out.html"),
    ("export", "--format", "csv", "-o", "out.csv"), ("export", "--format", "xlsx", "-o", "out.xlsx"),
    ("export", "--format", "ics", "-o", "out.ics"), ("evidence", "pack", "-o", "out.zip"),
    ("init", "new.yaml", "--institution", "Kantor", "--year", "2025"),
    ("import", str(TABLE), "--institution", "Kantor", "--year", "2023", "-o", "imported.yaml"),
]  # fmt: skip


def _plan_option(args: tuple[str, ...], office) -> tuple[str, ...]:
    return () if args[0] in ("init", "import") else ("--plan", str(office.plan))


@pytest.mark.parametrize("fault", list(WRITE_FAULTS), ids=str)
@pytest.mark.parametrize("args", WRITERS, ids=lambda a: " ".join(a[:3]))
def test_a_failing_write_is_one_line_and_leaves_nothing_half_written(zi, office, monkeypatch, args, fault):
    photo = office.root.parent / "foto.jpg"
    photo.write_bytes(b"foto")
    office.write_journal(record(month=4, at="2024-04-20T09:00:00+09:00"))
    monkeypatch.chdir(office.root)
    before = _snapshot(office)
    inject, words = WRITE_FAULTS[fault]
    inject(monkeypatch)
    result = zi(*(a.format(photo=photo) for a in args), *_plan_option(args, office))
    assert result.code == 1
    assert one_error_line(result.err), result.err
    assert words in result.err
    assert no_traceback(result.err)
    assert _snapshot(office) == before


@pytest.mark.parametrize("args", [("report", "-m", "4", "-o", "{long}"), ("export", "--format", "csv", "-o", "{long}"),
                                  ("evidence", "pack", "-o", "{long}"), ("init", "{long}", "--institution", "K", "--year", "2025"),
                                  ("import", str(TABLE), "--institution", "K", "--year", "2023", "-o", "{long}"),
                                  ("done", "I.1.a", "-m", "1", "-e", "{long}")], ids=lambda a: a[0])  # fmt: skip
def test_a_name_too_long_is_one_line(zi, office, args):
    long = "b" * 300 + ".txt"
    before = _snapshot(office)
    result = zi(*(a.format(long=long) for a in args), *_plan_option(args, office))
    assert result.code == 1 and one_error_line(result.err), result.err
    assert "too long" in result.err and no_traceback(result.err)
    assert _snapshot(office) == before


@pytest.mark.parametrize("args", [("init", "{folder}", "--institution", "K", "--year", "2025"),
                                  ("init", "{folder}", "--institution", "K", "--year", "2025", "--force"),
                                  ("import", str(TABLE), "--institution", "K", "--year", "2023", "-o", "{folder}"),
                                  ("import", str(TABLE), "--institution", "K", "--year", "2023", "-o", "{folder}", "--force")],
                         ids=lambda a: " ".join(a[:1] + a[-1:]))  # fmt: skip
def test_a_plan_written_to_a_folder_name_is_refused(zi, tmp_path, args):
    folder = tmp_path / "plans"
    folder.mkdir()
    result = zi(*(a.format(folder=folder) for a in args))
    assert result.code == 1 and "is a folder" in result.err and no_traceback(result.err)
    assert folder.is_dir() and not any(folder.iterdir())


# ---------------------------------------------------------------- the lock


@pytest.mark.parametrize("kind", ["folder", "symlink", "dangling symlink", "fifo"])
@pytest.mark.parametrize("args", [("done", "I.1.a", "-m", "1"), ("undo", "I.1.a", "-m", "4")], ids=lambda a: a[0])
def test_a_lock_path_that_is_not_a_file_is_reported(zi, office, kind, args):
    office.write_journal(record(month=4, at="2024-04-20T09:00:00+09:00"))
    lock = office.root / ".plan.progress.yaml.lock"
    if kind == "folder":
        lock.mkdir()
    elif kind == "symlink":
        lock.symlink_to(office.plan)  # opening it for the lock would truncate the plan
    elif kind == "dangling symlink":
        lock.symlink_to(office.root / "nowhere")
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        os.mkfifo(lock)
    before = _snapshot(office)
    plan_text = office.plan.read_text(encoding="utf-8")
    result = zi(*args, "--plan", str(office.plan))
    assert result.code == 1 and one_error_line(result.err)
    assert str(lock) in result.err and "remove it" in result.err and no_traceback(result.err)
    assert office.plan.read_text(encoding="utf-8") == plan_text
    assert _snapshot(office) == before


# ---------------------------------------------------------------- content


def test_xlsx_export_replaces_characters_excel_cannot_hold(zi, office, tmp_path):
    from openpyxl import load_workbook

    office.write_journal(record(month=4, at="2024-04-20T09:00:00+09:00", note="catatan\x01\x08 dengan\x1b kendali"))
    office.plan.write_text(MINIMAL.replace("SK Tim Kerja terbit", '"SK Tim\\x0b Kerja terbit"'), encoding="utf-8")
    result = zi("export", "--format", "xlsx", "-m", "4", "-o", "x.xlsx", "--plan", str(office.plan))
    assert result.code == 0, result.err
    book = load_workbook(tmp_path / "x.xlsx")
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value]
    assert any("SK Tim Kerja terbit" in c for c in cells)  # the control character removed, as in every document
    assert not any(ch < " " and ch not in "\t\n" for c in cells for ch in c)


def test_deeply_nested_yaml_is_placed(zi, office):
    office.plan.write_text("institution: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = zi("validate", str(office.plan))
    assert result.code == 1 and _located(result.out, office.plan, 1)


def test_copying_the_office_folder_keeps_working(zi, office, tmp_path):
    # A guard for the guards: an ordinary done, verify and pack still work.
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"foto")
    assert zi("done", "I.1.a", "-m", "1", "-e", str(photo), "--plan", str(office.plan)).code == 0
    assert zi("verify", "--plan", str(office.plan)).code == 0
    assert zi("evidence", "pack", "-o", "e.zip", "--plan", str(office.plan)).code == 0
    shutil.rmtree(office.store)
    assert zi("verify", "--plan", str(office.plan)).code == 1


@pytest.mark.parametrize("args", [("report", "-m", "4", "-o", "{target}"), ("evidence", "pack", "-o", "{target}"),
                                  ("init", "{target}", "--institution", "K", "--year", "2025", "--force")],
                         ids=lambda a: a[0])  # fmt: skip
@pytest.mark.parametrize("kind", ["fifo", "/dev/stdout"])
def test_output_to_a_device_or_fifo_is_refused_not_replaced(zi, office, tmp_path, args, kind):
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        target = tmp_path / "out.fifo"
        os.mkfifo(target)
    else:
        target = tmp_path / "stdout-link"
        target.symlink_to("/dev/null")  # what /dev/stdout is: a link to a device, which must survive
    result = zi(*(a.format(target=target) for a in args), *_plan_option(args, office))
    assert result.code == 1 and "not a file" in result.err and "- for standard output" in result.err
    assert no_traceback(result.err)
    assert target.is_symlink() if kind != "fifo" else stat.S_ISFIFO(os.lstat(target).st_mode)
