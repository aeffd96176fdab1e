"""Loading through the parsed-data cache: what it trusts, what it ignores, how it grows and shrinks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan.errors import InvalidFile
from zi_plan.progress import recording
from zi_plan.progress.due import due
from zi_plan.schema import yamlio
from zi_plan.store import cache, plan_entry
from zi_plan.store import plans as plan_module
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan

RECORD = "- action: {id}\n  month: {month}\n  event: done\n  at: '2023-{month:02d}-20T10:00:00+09:00'\n  by: {by}\n"


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    return Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text handed to the YAML parser."""
    seen: list[str] = []
    real = yamlio.parse
    monkeypatch.setattr(yamlio, "parse", lambda text, each=None: seen.append(text) or real(text, each))
    return seen


def _journal_with(plan_copy: Path, *records: tuple[str, int]) -> Path:
    path = plan_copy.with_name("tambrauw-2023.progress.yaml")
    body = "".join(RECORD.format(id=i, month=m, by="Ani") for i, m in records)
    path.write_text(f"journal: 1\nplan: tambrauw-2023.yaml\nrecords:\n{body}", encoding="utf-8")
    return path


def _uncached(plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, str, str]]:
    with monkeypatch.context() as m:
        m.setenv("ZI_NO_CACHE", "1")
        journal = load_journal(load_plan(plan_path))
    return [(r.action, r.month, r.event, r.by) for r in journal.records]


def _entries(kind: str) -> list[Path]:
    root = cache.folder()
    assert root is not None
    return sorted(root.glob(f"*/{kind}-*.zic"))


# ---------------------------------------------------------------- hits


def test_a_warm_load_parses_no_yaml(plan_copy: Path, parses: list[str]):
    _journal_with(plan_copy, ("II.2.a", 4))
    first = load_journal(load_plan(plan_copy))
    parses.clear()
    plan = load_plan(plan_copy)
    second = load_journal(plan)
    assert parses == []
    assert plan.actions == load_plan(plan_copy).actions and plan.decree.date.year == 2023
    assert second.records == first.records and second.is_done("II.2.a", 4)


def test_after_done_the_next_load_is_a_cache_hit(plan_copy: Path, parses: list[str], monkeypatch):
    _journal_with(plan_copy, ("II.2.a", 4))
    load_journal(load_plan(plan_copy))
    recording.record_done(load_plan(plan_copy), "II.2.a", month=5, by="Budi")
    recording.undo(load_plan(plan_copy), "II.2.a", 4, by="Budi")
    parses.clear()
    journal = load_journal(load_plan(plan_copy))
    assert parses == []
    assert [(r.action, r.month, r.event) for r in journal.records] == [("II.2.a", 4, "done"), ("II.2.a", 5, "done"), ("II.2.a", 4, "undo")]
    assert _uncached(plan_copy, monkeypatch) == [(r.action, r.month, r.event, r.by) for r in journal.records]


def test_the_first_done_makes_the_journal_warm(plan_copy: Path, parses: list[str]):
    recording.record_done(load_plan(plan_copy), "II.2.a", month=4, by="Ani")
    parses.clear()
    assert load_journal(load_plan(plan_copy)).is_done("II.2.a", 4)
    assert parses == []


def test_only_the_appended_tail_is_parsed(plan_copy: Path, parses: list[str], monkeypatch):
    journal_path = _journal_with(plan_copy, ("II.2.a", 4), ("III.5.a", 1))
    load_journal(load_plan(plan_copy))
    tail = RECORD.format(id="II.2.a", month=5, by="Citra") + "# a comment\n" + RECORD.format(id="III.5.a", month=2, by="Dodi")
    with journal_path.open("a", encoding="utf-8") as fh:
        fh.write(tail)
    parses.clear()
    journal = load_journal(load_plan(plan_copy))
    assert parses == [tail]
    assert [(r.action, r.month, r.event, r.by) for r in journal.records] == _uncached(plan_copy, monkeypatch)
    parses.clear()
    load_journal(load_plan(plan_copy))
    assert parses == []  # the tail went into the cache


def test_a_bad_record_in_the_tail_is_placed_in_the_whole_file(plan_copy: Path):
    journal_path = _journal_with(plan_copy, ("II.2.a", 4))
    load_journal(load_plan(plan_copy))
    with journal_path.open("a", encoding="utf-8") as fh:
        fh.write(RECORD.format(id="II.2.a", month=5, by="''"))  # no one did it
    with pytest.raises(InvalidFile) as caught:
        load_journal(load_plan(plan_copy))
    [problem] = caught.value.problems
    assert problem.line == 13 and "'by'" in problem.message


@pytest.mark.parametrize(
    "addition",
    [
        "  note: added to the last record\n",  # not a new record: changes the last one
        "---\n- action: II.2.a\n",  # a second document
        "records: []\n",  # a second key
    ],
)
def test_a_tail_that_is_not_whole_records_is_read_in_full(plan_copy: Path, addition: str, monkeypatch):
    journal_path = _journal_with(plan_copy, ("II.2.a", 4))
    load_journal(load_plan(plan_copy))
    with journal_path.open("a", encoding="utf-8") as fh:
        fh.write(addition)
    try:
        cached = [(r.action, r.month, r.event, r.by, r.note) for r in load_journal(load_plan(plan_copy)).records]
    except InvalidFile as exc:
        with pytest.raises(InvalidFile) as full:
            _uncached(plan_copy, monkeypatch)
        assert [str(p) for p in full.value.problems] == [str(p) for p in exc.problems]
    else:
        with monkeypatch.context() as m:
            m.setenv("ZI_NO_CACHE", "1")
            expected = [(r.action, r.month, r.event, r.by, r.note) for r in load_journal(load_plan(plan_copy)).records]
        assert cached == expected


def test_an_edit_in_the_middle_is_validated_again(plan_copy: Path):
    journal_path = _journal_with(plan_copy, ("II.2.a", 4), ("III.5.a", 1))
    load_journal(load_plan(plan_copy))
    journal_path.write_text(journal_path.read_text(encoding="utf-8").replace("month: 4", "month: 13"), encoding="utf-8")
    with pytest.raises(InvalidFile):
        load_journal(load_plan(plan_copy))


# ---------------------------------------------------------------- what is not trusted


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flip":
        data[len(data) // 2] ^= 0x40
    elif how == "truncate":
        del data[len(data) // 3 :]
    elif how == "garbage":
        data = bytearray(b"not a cache entry at all" * 10)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flip", "truncate", "garbage"])
def test_a_damaged_entry_is_ignored(plan_copy: Path, how: str, zi, parses: list[str]):
    _journal_with(plan_copy, ("II.2.a", 4))
    expected = zi("show", "II.2.a", "--json", "--plan", str(plan_copy))
    for entry in _entries("plan") + _entries("journal"):
        _damage(entry, how)
    parses.clear()
    again = zi("show", "II.2.a", "--json", "--plan", str(plan_copy))
    assert (again.code, again.out, again.err) == (0, expected.out, expected.err)
    assert len(parses) == 2  # plan and journal, parsed again


def _forge(entry: Path, payload: object, key: bytes) -> None:
    store = cache.open_store()
    assert store is not None
    segment = cache.Store(store.root, key, store.context).segment(payload)
    assert segment is not None
    entry.write_bytes(segment)


def test_a_forged_entry_is_ignored(write_plan, zi):
    path = write_plan(MINIMAL)
    load_plan(path)
    [entry] = _entries("plan")
    store = cache.open_store()
    assert store is not None
    content = cache.sha256(path.read_bytes())
    other = write_plan(MINIMAL.replace("Kantor Contoh", "Kantor Palsu"), name="palsu.yaml")
    palsu = load_plan(other)

    def forged(key: bytes, ctx: str, sha: str) -> bytes:
        """The other plan's entry, as if for this content: each segment names ``ctx`` and ``sha``, signed with ``key``."""
        signer = cache.Store(store.root, key, ctx)
        segments = plan_entry.segments(signer, palsu, sha)
        assert segments is not None
        return b"".join(segments)

    # Signed with another key: the payload is never even unmarshalled.
    entry.write_bytes(forged(os.urandom(32), store.context, content))
    assert load_plan(path).institution == "Kantor Contoh"
    # Signed with this cache's key, but for another content or another code.
    for ctx, sha in ((store.context, "0" * 64), ("other code", content)):
        entry.write_bytes(forged(store.key, ctx, sha))
        assert load_plan(path).institution == "Kantor Contoh"
    # Signed, matching, but not a plan at all: re-parsed, no traceback.
    _forge(entry, ("outline", store.context, content, [], {"teams": [1, 2]}, [], [], [], b"", (), []), store.key)
    result = zi("list", "--json", "--plan", str(path))
    assert result.code == 0 and "Traceback" not in result.err and "SK Tim Kerja terbit" in result.out


def test_a_change_of_code_invalidates(write_plan, monkeypatch):
    path = write_plan(MINIMAL)
    calls = []
    real = plan_module.check_text
    monkeypatch.setattr(plan_module, "check_text", lambda *a: calls.append(1) or real(*a))
    load_plan(path)
    load_plan(path)
    assert len(calls) == 1
    monkeypatch.setattr(cache, "code_fingerprint", lambda root: "a different schema")
    load_plan(path)
    assert len(calls) == 2


def test_the_code_fingerprint_follows_the_source(tmp_path: Path, monkeypatch):
    source = tmp_path / "version.py"
    source.write_text("VERSION = '2.7.0'\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_library_files", lambda: [str(source)])
    root = tmp_path / "cache-root"
    first = cache.code_fingerprint(root)
    assert cache.code_fingerprint(root) == first
    source.write_text("VERSION = '2.8.0'\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))
    assert cache.code_fingerprint(root) != first


def test_the_code_fingerprint_covers_the_whole_package(tmp_path: Path, monkeypatch):
    # A cached plan is views made by model/ from data checked by schema/: a change
    # there must invalidate it as much as one in store/, where the cache lives.
    tops: list[str] = []
    real = cache._sources
    monkeypatch.setattr(cache, "_sources", lambda top: tops.append(top) or real(top))
    cache.code_fingerprint(tmp_path / "cache-root")
    package = Path(plan_module.__file__).resolve().parent.parent
    covered = set(real(tops[0]))
    assert {str(package / "model" / "plan.py"), str(package / "schema" / "checks.py"), str(package / "store" / "plan_entry.py")} <= covered


# ---------------------------------------------------------------- pruning


def test_the_cache_keeps_the_newest_few_per_plan(write_plan, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    for n in range(5):
        path = write_plan(MINIMAL.replace("Kantor Contoh", f"Kantor {n}"))
        assert load_plan(path).institution == f"Kantor {n}"
    assert len(_entries("plan")) == 2
    path = write_plan(MINIMAL.replace("Kantor Contoh", "Kantor 4"))
    assert load_plan(path).institution == "Kantor 4"


def test_the_cache_stays_under_its_size_cap(tmp_path: Path, write_plan):
    for n in range(4):
        load_plan(write_plan(MINIMAL, name=f"plan-{n}.yaml"))
    root = cache.folder()
    assert root is not None
    sizes = [p.stat().st_size for p in _entries("plan")]
    assert len(sizes) == 4
    cache.prune(root, max_bytes=sum(sizes) - 1)
    assert len(_entries("plan")) == 3


def test_the_old_validation_cache_is_removed(write_plan):
    root = cache.folder()
    assert root is not None
    legacy = root.parent / "validated"
    legacy.mkdir(parents=True)
    (legacy / ("0" * 64)).touch()
    load_plan(write_plan(MINIMAL))
    assert not legacy.exists()



def test_done_builds_only_the_records_of_its_action(plan_copy: Path, monkeypatch):
    from zi_plan.store import journal_cache

    path = _journal_with(plan_copy, ("II.2.a", 4), ("III.5.a", 1), ("III.5.a", 2), ("II.2.a", 5))
    # Format 2, as zi writes it now (a format 1 journal is rewritten whole, once).
    path.write_text(path.read_text(encoding="utf-8").replace("journal: 1", "journal: 2"), encoding="utf-8")
    load_journal(load_plan(plan_copy))
    built: list[object] = []
    real = journal_cache.decode
    monkeypatch.setattr(journal_cache, "decode", lambda row: built.append(row) or real(row))
    recording.record_done(load_plan(plan_copy), "II.2.a", month=6, by="Fajar")
    assert {row[0] for row in built} == {"II.2.a"}  # type: ignore[index]
    assert [r.month for r in load_journal(load_plan(plan_copy)).records if r.action == "II.2.a"] == [4, 5, 6]


def test_a_command_about_every_action_reads_the_records_once(plan_copy: Path, monkeypatch):
    from zi_plan.store import journal_cache

    _journal_with(plan_copy, ("II.2.a", 4), ("III.5.a", 1), ("III.5.a", 2), ("II.2.a", 5), ("I.1.a", 4))
    load_journal(load_plan(plan_copy))
    looked: list[object] = []
    real = journal_cache._action_of
    monkeypatch.setattr(journal_cache, "_action_of", lambda row: looked.append(row) or real(row))
    plan = load_plan(plan_copy)
    report = due(plan, load_journal(plan), 5)
    # a scan per action would read the journal once per action of the plan (68)
    assert len(looked) <= 5 * journal_cache.FEW_ACTIONS
    assert {d.action.id for d in report.due if d.status == "done"} == {"II.2.a"}


def test_what_amend_found_is_kept_with_the_journal(plan_copy: Path, monkeypatch):
    from zi_plan.store import amendments

    path = _journal_with(plan_copy, ("II.2.a", 4), ("III.5.a", 1))
    path.write_text(path.read_text(encoding="utf-8") + RECORD.format(id="IX.9.z", month=4, by="Gita"), encoding="utf-8")
    recording.record_done(load_plan(plan_copy), "II.2.a", month=6, by="Hadi")  # a format-1 journal is written anew
    first = load_journal(load_plan(plan_copy))
    [finding] = first.findings
    assert (finding.kind, finding.action) == ("removed", "IX.9.z")
    checks: list[int] = []
    real = amendments.check_records
    monkeypatch.setattr(amendments, "check_records", lambda *a: checks.append(1) or real(*a))
    recording.record_done(load_plan(plan_copy), "II.2.a", month=5, by="Hadi")  # work as the plan is: nothing new to find
    again = load_journal(load_plan(plan_copy))
    assert checks == []
    assert [(f.kind, f.action, f.line, f.record.by) for f in again.findings] == [("removed", "IX.9.z", finding.line, "Gita")]
    assert again.warnings == first.warnings
    with monkeypatch.context() as m:
        m.setenv("ZI_NO_CACHE", "1")
        fresh = load_journal(load_plan(plan_copy))
    assert [(f.kind, f.action, f.line) for f in fresh.findings] == [(f.kind, f.action, f.line) for f in again.findings]
