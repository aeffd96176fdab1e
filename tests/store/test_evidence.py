"""store.evidence: the evidence store, copied, hashed, laid out to browse, and checked again."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
import yaml

from tests.conftest import MINIMAL
from zi_plan.errors import ZiError
from zi_plan.model.journal import EvidenceEntry, Journal, Record, replay
from zi_plan.model.plan import build_plan
from zi_plan.store.evidence import (
    PARTIAL_PREFIX,
    EvidenceSource,
    VerifyProblem,
    clean_partials,
    discard,
    folder_for,
    parse_sources,
    partials,
    store,
    store_in,
    unrecorded,
    verify,
    verify_json,
)
from zi_plan.store.journal import record_to_yaml

AT = dt.datetime(2024, 1, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))
PLAN = build_plan(Path("kantor.yaml"), yaml.safe_load(MINIMAL))


def _journal(tmp_path: Path, records: list[Record] = ()) -> Journal:
    records = list(records)
    path = tmp_path / "kantor.progress.yaml"
    path.write_text("journal: 2\nplan: kantor.yaml\nrecords:\n" + "".join(record_to_yaml(r) for r in records), encoding="utf-8")
    return Journal(path, tmp_path / "kantor.evidence", records, replay(records))


def _file(tmp_path: Path, name: str, content: bytes) -> EvidenceSource:
    path = tmp_path / name
    path.write_bytes(content)
    return EvidenceSource(str(path), file=path)


# ---------------------------------------------------------------- what the user named


def test_links_and_files_are_told_apart(tmp_path):
    (tmp_path / "foto.jpg").write_bytes(b"x")
    sources = parse_sources(["https://kpu.go.id/berita", str(tmp_path / "foto.jpg")])
    assert sources == [EvidenceSource("https://kpu.go.id/berita", url="https://kpu.go.id/berita"),
                       EvidenceSource(str(tmp_path / "foto.jpg"), file=tmp_path / "foto.jpg")]  # fmt: skip


@pytest.mark.parametrize("value", ["javascript:alert(1)", "ftp://kpu.go.id/sk.pdf"])
def test_something_meant_as_a_link_is_told_how_a_link_starts(value):
    with pytest.raises(ZiError) as raised:
        parse_sources([value])
    assert raised.value.message == f"evidence file not found: {value} (a link must start with http:// or https://); nothing was recorded"


def test_a_web_address_typed_without_its_scheme_is_told_whole():
    with pytest.raises(ZiError) as raised:
        parse_sources(["www.kpu.go.id/berita"])
    assert raised.value.message == "evidence file not found: www.kpu.go.id/berita; if it is a link, write it whole: https://www.kpu.go.id/berita; nothing was recorded"


def test_a_missing_file_is_refused_before_anything_is_copied(tmp_path):
    (tmp_path / "ada.jpg").write_bytes(b"x")
    with pytest.raises(ZiError, match="evidence file not found: .*tidak-ada.jpg; nothing was recorded"):
        parse_sources([str(tmp_path / "ada.jpg"), str(tmp_path / "tidak-ada.jpg")])
    with pytest.raises(ZiError, match="evidence file not found"):
        parse_sources([str(tmp_path / "ada.jpg" / "below-a-file.jpg")])


def test_a_folder_or_a_fifo_is_not_evidence(tmp_path):
    with pytest.raises(ZiError, match="is a folder; nothing was recorded"):
        parse_sources([str(tmp_path)])
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(ZiError, match="it is a named pipe"):
            parse_sources([str(tmp_path / "pipe")])


def test_a_name_too_long_is_one_line(tmp_path):
    with pytest.raises(ZiError, match="evidence file cannot be read: .*: the name is too long; nothing was recorded"):
        parse_sources([str(tmp_path / ("x" * 300))])


# ---------------------------------------------------------------- storing


def test_folder_for_an_occurrence():
    assert folder_for(PLAN.action("II.1.a"), 4, 2024) == Path("II/II.1/II.1.a/2024-04")


def test_a_file_is_copied_hashed_and_keeps_its_name_and_date(tmp_path):
    journal = _journal(tmp_path)
    source = _file(tmp_path, "foto kegiatan.jpg", b"jpeg bytes")
    os.utime(source.file, (1_600_000_000, 1_600_000_000))
    created: list[Path] = []
    entry = store(journal, PLAN.action("I.1.a"), 1, 2024, source, created)
    assert entry == EvidenceEntry(path="I/I.1/I.1.a/2024-01/foto kegiatan.jpg", sha256=hashlib.sha256(b"jpeg bytes").hexdigest(),
                                  size=10, name="foto kegiatan.jpg")  # fmt: skip
    stored = journal.evidence_dir / entry.path
    assert stored.read_bytes() == b"jpeg bytes" and created == [stored] and stored.stat().st_mtime == 1_600_000_000
    assert os.listdir(stored.parent) == ["foto kegiatan.jpg"]  # no temporary file left


def test_the_same_content_is_stored_once_another_gets_a_suffix(tmp_path):
    journal = _journal(tmp_path)
    action = PLAN.action("I.1.a")
    first = store(journal, action, 1, 2024, _file(tmp_path, "foto.jpg", b"one"))
    created: list[Path] = []
    again = store(journal, action, 1, 2024, _file(tmp_path, "foto.jpg", b"one"), created)
    assert again == first and created == []
    other = store(journal, action, 1, 2024, _file(tmp_path, "foto.jpg", b"two"))
    third = store(journal, action, 1, 2024, _file(tmp_path, "foto.jpg", b"three"))
    assert [other.path, third.path] == ["I/I.1/I.1.a/2024-01/foto-2.jpg", "I/I.1/I.1.a/2024-01/foto-3.jpg"]
    assert (journal.evidence_dir / first.path).read_bytes() == b"one"
    no_extension = [store(journal, action, 1, 2024, _file(tmp_path, "README", data)).path for data in (b"a", b"b")]
    assert no_extension == ["I/I.1/I.1.a/2024-01/README", "I/I.1/I.1.a/2024-01/README-2"]


def test_names_that_break_paths_elsewhere_are_cleaned(tmp_path):
    journal = _journal(tmp_path)
    source = _file(tmp_path, 'a:b*c?"d<e>f|g.jpg', b"x")
    assert store_in(journal, Path("x"), source).path == "x/a_b_c__d_e_f_g.jpg"
    dots = _file(tmp_path, "...", b"y")
    assert store_in(journal, Path("x"), dots).path == "x/bukti"


def test_a_link_is_recorded_as_it_is(tmp_path):
    journal = _journal(tmp_path)
    assert store_in(journal, Path("x"), EvidenceSource("https://x.id", url="https://x.id")) == EvidenceEntry(url="https://x.id")
    assert not journal.evidence_dir.exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_nothing_is_written_through_a_link_out_of_the_store(tmp_path):
    journal = _journal(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    journal.evidence_dir.mkdir()
    (journal.evidence_dir / "I").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ZiError, match="could not store .*leads outside the evidence folder"):
        store(journal, PLAN.action("I.1.a"), 1, 2024, _file(tmp_path, "foto.jpg", b"x"))
    assert list(outside.iterdir()) == []


# ---------------------------------------------------------------- checking again


def _recorded(tmp_path: Path, *contents: bytes) -> tuple[Journal, list[EvidenceEntry]]:
    scratch = _journal(tmp_path)
    entries = [store(scratch, PLAN.action("I.1.a"), 1, 2024, _file(tmp_path, f"f{i}.pdf", c)) for i, c in enumerate(contents)]
    return _journal(tmp_path, [Record("I.1.a", 1, "done", AT, "Ani", evidence=tuple(entries))]), entries


def test_verify_finds_nothing_wrong_with_what_is_intact(tmp_path):
    journal, _entries = _recorded(tmp_path, b"sk", b"foto")
    assert verify(journal) == (2, [])


def test_verify_says_what_changed_or_went_missing_and_where_it_is_recorded(tmp_path):
    journal, entries = _recorded(tmp_path, b"sk", b"foto")
    (journal.evidence_dir / entries[0].path).write_bytes(b"edited")
    (journal.evidence_dir / entries[1].path).unlink()
    checked, problems = verify(journal)
    assert checked == 2 and [p.problem for p in problems] == ["changed", "missing"]
    assert problems[0].found == hashlib.sha256(b"edited").hexdigest() and problems[0].expected == entries[0].sha256
    lines = journal.path.read_text(encoding="utf-8").splitlines()
    for problem, entry in zip(problems, entries, strict=True):
        assert problem.where is not None and problem.where.startswith(f"{journal.path}:")
        line = int(problem.where.split(":")[-2])
        assert entry.path in lines[line - 1]
    assert problems[1].line() == f"{journal.evidence_dir / entries[1].path}: I.1.a January: missing"
    assert "changed (sha256 now " in problems[0].line()


def test_withdrawn_evidence_is_not_checked(tmp_path):
    journal, entries = _recorded(tmp_path, b"sk")
    undo = Record("I.1.a", 1, "undo", AT, "Ani")
    journal = _journal(tmp_path, [*journal.records, undo])
    (journal.evidence_dir / entries[0].path).unlink()
    assert verify(journal) == (0, [])


def test_verify_line_for_a_refused_path():
    problem = VerifyProblem("I.1.a", 0, Path("e/x"), "outside", "a" * 64, why="leads outside", where="j.yaml:9:11")
    assert problem.line() == "j.yaml:9:11: I.1.a: leads outside; the file was not read"


def test_verify_json():
    problem = VerifyProblem("I.1.a", 1, Path("e/x"), "missing", "a" * 64, where="j.yaml:9:11")
    data = verify_json(3, [problem], [Path("e/loose")], [])
    assert data["checked"] == 3 and data["ok"] is False and data["unrecorded"] == ["e/loose"]
    assert data["problems"] == [{"id": "I.1.a", "month": 1, "path": "e/x", "problem": "missing", "expected_sha256": "a" * 64,
                                 "found_sha256": None, "journal_line": "j.yaml:9:11", "reason": None}]  # fmt: skip
    assert verify_json(0, [], [], [])["ok"] is True


def test_unrecorded_and_partial_files(tmp_path):
    journal, entries = _recorded(tmp_path, b"sk")
    folder = (journal.evidence_dir / entries[0].path).parent
    (folder / "by-hand.pdf").write_bytes(b"x")
    (folder / f"{PARTIAL_PREFIX}abc").write_bytes(b"half")
    assert unrecorded(journal) == [folder / "by-hand.pdf"]
    assert partials(journal) == [folder / f"{PARTIAL_PREFIX}abc"]
    (tmp_path / "new").mkdir()
    fresh = _journal(tmp_path / "new")
    assert unrecorded(fresh) == [] and partials(fresh) == []  # no store yet


def test_clean_partials_removes_only_what_was_left_before_the_lock(tmp_path):
    journal, entries = _recorded(tmp_path, b"sk")
    folder = (journal.evidence_dir / entries[0].path).parent
    old, new = folder / f"{PARTIAL_PREFIX}old", folder / f"{PARTIAL_PREFIX}new"
    stale_journal = journal.path.with_name(f".{journal.path.name}.123.tmp")
    for path in (old, new, stale_journal):
        path.write_bytes(b"half")
    os.utime(old, (1_000, 1_000))
    os.utime(stale_journal, (1_000, 1_000))
    assert clean_partials(journal, since=2_000) == 2
    assert not old.exists() and not stale_journal.exists() and new.exists()


def test_discard_takes_stored_files_out_again(tmp_path):
    journal, entries = _recorded(tmp_path, b"sk")
    stored = journal.evidence_dir / entries[0].path
    discard([stored, tmp_path / "never-there"])
    assert not stored.exists()


def test_only_the_answer_in_force_has_its_files_checked(tmp_path):
    scratch = _journal(tmp_path)
    old, new = (store_in(scratch, Path("lke/P.1.i.a"), _file(tmp_path, name, data)) for name, data in (("a.pdf", b"old"), ("b.pdf", b"new")))
    answers = [{"event": "answer", "lke": "P.1.i.a", "value": v, "at": AT.isoformat(), "by": "Ani", "evidence": [e.to_dict()]}
               for v, e in (("Tidak", old), ("Ya", new))]  # fmt: skip
    journal = Journal(scratch.path, scratch.evidence_dir, [], {}, answers=answers)
    (journal.evidence_dir / old.path).unlink()  # superseded: kept for history, proves nothing now
    assert verify(journal) == (1, [])
    (journal.evidence_dir / new.path).unlink()
    checked, problems = verify(journal)
    assert checked == 1 and [(p.action, p.month, p.problem) for p in problems] == [("P.1.i.a", 0, "missing")]
    assert problems[0].line().endswith(": P.1.i.a: missing")  # month 0: an answer, named by its question
