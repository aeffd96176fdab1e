"""documents.pack: the evidence zip, its two indexes, its counts, and the names it gives."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile

import pytest

from tests.journals import journal_of, plan_at, record
from tests.stores import Held
from zi_plan.documents import pack
from zi_plan.documents.pack import (
    INDEX_COLUMNS,
    build_pack,
    compression_for,
    default_name,
    gaps_per_action,
    pack_file,
    status_text,
    unique_name,
)
from zi_plan.errors import ZiError
from zi_plan.fs import stored_files
from zi_plan.model.journal import EvidenceEntry


def stored(journal, path: str, data: bytes) -> EvidenceEntry:
    """A file in the journal's evidence store, and the entry a record keeps of it."""
    full = journal.evidence_dir / path
    full.parent.mkdir(parents=True, exist_ok=True)
    full.write_bytes(data)
    return EvidenceEntry(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), name=full.name)


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path)


def test_pack_holds_each_valid_file_once_and_indexes_everything(plan, tmp_path):
    empty = journal_of(plan)
    sk = stored(empty, "I/I.1/I.1.a/2024-01/sk.pdf", b"%PDF sk")
    gone = EvidenceEntry(path="I/I.1/I.1.a/2024-04/hilang.pdf", sha256="0" * 64, size=3, name="hilang.pdf")
    journal = journal_of(
        plan,
        record("I.1.a", 1)._replace(evidence=(sk,)),
        record("I.1.a", 1, "evidence")._replace(evidence=(sk,)),  # named twice: packed once
        record("I.1.a", 4)._replace(evidence=(gone,)),
        record("II.1.a", 3, links=("https://example.org/foto",)),
    )
    result = build_pack(plan, journal, tmp_path / "bukti.zip", up_to=4)
    with zipfile.ZipFile(tmp_path / "bukti.zip") as archive:
        names = sorted(archive.namelist())
        assert names == ["I/I.1/I.1.a/2024-01/sk.pdf", "index.csv", "index.html"]
        assert archive.read("I/I.1/I.1.a/2024-01/sk.pdf") == b"%PDF sk"
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    # Due by April without evidence: I.1.b February, II.1.a April (March has a link).
    assert (result.files, result.links, result.gaps, result.withdrawn) == (1, 1, 2, 0)
    assert result.problems == ["I/I.1/I.1.a/2024-04/hilang.pdf: I.1.a 4: missing"]
    assert rows[0] == INDEX_COLUMNS
    assert [(r[0], r[2], r[3], r[-1]) for r in rows[1:]] == [
        ("I.1.a", "1", "I/I.1/I.1.a/2024-01/sk.pdf", "ok"),
        ("I.1.a", "1", "I/I.1/I.1.a/2024-01/sk.pdf", "ok"),
        ("I.1.a", "4", "I/I.1/I.1.a/2024-04/hilang.pdf", "missing"),
        ("II.1.a", "3", "https://example.org/foto", "link"),
        ("I.1.b", "2", "", "gap (not done)"),
        ("II.1.a", "4", "", "gap (not done)"),
    ]


def test_withdrawn_evidence_is_listed_not_packed_and_leaves_a_gap(plan, tmp_path):
    sk = stored(journal_of(plan), "I/I.1/I.1.a/2024-01/sk.pdf", b"salah")
    journal = journal_of(plan, record("I.1.a", 1)._replace(evidence=(sk,)), record("I.1.a", 1, "undo", note="salah berkas"))
    result = build_pack(plan, journal, tmp_path / "bukti.zip", up_to=1)
    with zipfile.ZipFile(tmp_path / "bukti.zip") as archive:
        assert sorted(archive.namelist()) == ["index.csv", "index.html"]
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    assert (result.files, result.withdrawn, result.gaps) == (0, 1, 1)
    assert rows[1][-1] == "withdrawn (reopened 2024-01-20 by Ani: salah berkas)"
    assert rows[2][:3] == ["I.1.a", "SK Tim Kerja terbit", "1"] and rows[2][-1] == "gap (not done)"


def test_a_failed_write_is_one_message(plan, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(ZiError) as caught:
        build_pack(plan, journal_of(plan), tmp_path / "a-file" / "bukti.zip")
    assert "bukti.zip" in caught.value.message


def test_a_full_disk_while_index_csv_is_written_aside_is_one_message_and_no_zip(plan, tmp_path, monkeypatch):
    writestr = zipfile.ZipFile.writestr

    def full(self, name, data, *args, **kwargs):
        if name == "index.csv":  # written by a thread of its own while the page is made
            raise OSError(28, "No space left on device")
        return writestr(self, name, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(ZiError) as caught:
        build_pack(plan, journal_of(plan), tmp_path / "bukti.zip")
    assert "bukti.zip" in caught.value.message and "disk is full" in caught.value.message
    assert not any(name.startswith(("bukti", ".bukti")) for name in os.listdir(tmp_path))


def test_a_month_out_of_range_is_refused(plan, tmp_path):
    with pytest.raises(ZiError):
        build_pack(plan, journal_of(plan), tmp_path / "bukti.zip", up_to=13)
    assert not (tmp_path / "bukti.zip").exists()


def test_unique_name_numbers_a_second_file_of_the_same_name():
    taken = {"I/a/foto.jpg", "I/a/foto-2.jpg"}
    assert unique_name(set(), "I/a", "X/y/foto.jpg") == "I/a/foto.jpg"
    assert unique_name(taken, "I/a", "old/foto.jpg") == "I/a/foto-3.jpg"
    assert unique_name({"I/a/README"}, "I/a", "z/README") == "I/a/README-2"


@pytest.mark.parametrize(("state", "en", "id_"), [
    ("ok", "ok", "sesuai"), ("missing", "missing", "hilang"), ("gap-open", "gap (not done)", None),
    ("outside", "not read: outside the evidence folder or not a file", None), ("not-a-file", "not read: outside the evidence folder or not a file", None),
])  # fmt: skip
def test_status_text(state, en, id_, request):
    assert status_text(state) == en
    if id_ is not None:
        request.getfixturevalue("indonesian")
        assert status_text(state) == id_


def test_gaps_per_action_in_plan_order(plan):
    a, b = plan.actions[0], plan.actions[2]
    gaps = [{"action": a, "month": 1, "status": "done"}, {"action": b, "month": 3, "status": "open"}, {"action": a, "month": 4, "status": "open"}]
    assert gaps_per_action(gaps) == [
        {"action": a, "months": [1, 4], "open": 1, "done": 1},
        {"action": b, "months": [3], "open": 1, "done": 0},
    ]


def test_pack_file_reports_a_missing_file(plan, tmp_path):
    journal = journal_of(plan)
    with zipfile.ZipFile(io.BytesIO(), "w") as archive:
        assert pack_file(archive, journal, "I/tidak-ada.pdf") == "missing"
        assert archive.namelist() == []


def test_default_name_follows_the_language(plan, indonesian):
    assert default_name(plan) == "bukti-dukung-2024.zip"


@pytest.mark.parametrize(("name", "stored"), [("a/foto.jpg", True), ("a/FOTO.JPG", True), ("a/notulen.docx", True), ("a/arsip.zip", True),
                                              ("a/sk.pdf", False), ("a/daftar.txt", False), ("a/README", False), ("a/.jpg", False)])  # fmt: skip
def test_files_compressed_already_are_stored_as_they_are(name, stored):
    assert compression_for(name) == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def _tricky_journal(plan, tmp_path):
    """Files of each kind the pack tells apart, one named twice, one named again with another hash."""
    empty = journal_of(plan)
    sk = stored(empty, "I/I.1/I.1.a/2024-01/sk.pdf", b"%PDF sk" * 100)
    foto = stored(empty, "I/I.1/I.1.a/2024-01/foto.jpg", bytes(range(256)) * 40)
    changed = stored(empty, "I/I.1/I.1.b/2024-02/lama.pdf", b"as recorded")
    (empty.evidence_dir / changed.path).write_bytes(b"changed since")
    outside = stored(empty, "I/I.1/I.1.b/2024-02/keluar.pdf", b"x")
    (empty.evidence_dir / outside.path).unlink()
    (empty.evidence_dir / outside.path).symlink_to(tmp_path / "plan.yaml")
    linked = stored(empty, "II/II.1/II.1.a/2024-03/tautan.pdf", b"y")
    (empty.evidence_dir / linked.path).unlink()
    (empty.evidence_dir / linked.path).symlink_to(empty.evidence_dir / sk.path)
    missing = EvidenceEntry(path="II/II.1/II.1.a/2024-03/hilang.pdf", sha256="0" * 64, size=3, name="hilang.pdf")
    return journal_of(
        plan,
        record("I.1.a", 1)._replace(evidence=(sk, foto)),
        record("I.1.a", 1, "evidence")._replace(evidence=(sk, foto._replace(sha256="f" * 64))),
        record("I.1.b", 2)._replace(evidence=(changed, outside)),
        record("II.1.a", 3)._replace(evidence=(linked, missing)),
    )


def _contents(path):
    with zipfile.ZipFile(path) as archive:
        return [(i.filename, i.date_time if i.filename not in ("index.csv", "index.html") else None, i.external_attr, i.compress_type,
                 archive.read(i)) for i in archive.infolist()]  # fmt: skip


@pytest.mark.parametrize("whole", [pack.WHOLE, 0])  # 0: every file hashed, then copied, as a big one is
def test_the_walk_and_the_jail_pack_the_same(plan, tmp_path, monkeypatch, whole):
    journal = _tricky_journal(plan, tmp_path)
    monkeypatch.setattr(pack, "WHOLE", whole)
    walked = build_pack(plan, journal, tmp_path / "walked.zip")
    monkeypatch.setattr(stored_files, "WALKS", False)  # every file the jail's way, as on Windows
    jailed = build_pack(plan, journal, tmp_path / "jailed.zip")
    assert _contents(tmp_path / "walked.zip") == _contents(tmp_path / "jailed.zip")
    assert walked == jailed
    assert walked.files == 2 and len(walked.problems) == 5
    refused = "not read: outside the evidence folder or not a file"
    assert walked.problems == [
        "I/I.1/I.1.a/2024-01/foto.jpg: I.1.a 1: changed",  # packed already, named again with another hash
        "I/I.1/I.1.b/2024-02/lama.pdf: I.1.b 2: changed",
        f"I/I.1/I.1.b/2024-02/keluar.pdf: I.1.b 2: {refused}",
        f"II/II.1/II.1.a/2024-03/tautan.pdf: II.1.a 3: {refused}",
        "II/II.1/II.1.a/2024-03/hilang.pdf: II.1.a 3: missing",
    ]


@pytest.mark.parametrize("size", [0, 4, 10, 20])  # what fstat said: none, less (it grew since), all, more (it shrank)
def test_read_all_reads_to_the_end_whatever_the_size_said(size):
    read_end, write_end = os.pipe()
    os.write(write_end, b"0123456789")
    os.close(write_end)
    try:
        assert pack._read_all(read_end, size) == b"0123456789"
    finally:
        os.close(read_end)


def test_a_file_taken_from_the_store_goes_in_once(plan, tmp_path):
    data = b"%PDF dari gudang"
    sk = EvidenceEntry(path="I/I.1/I.1.a/2024-01/sk.pdf", sha256=hashlib.sha256(data).hexdigest(), size=len(data), name="sk.pdf")
    journal = journal_of(plan, record("I.1.a", 1)._replace(evidence=(sk,)), record("I.1.a", 1, "evidence")._replace(evidence=(sk,)),
                         record("I.1.a", 1, "evidence")._replace(evidence=(sk._replace(sha256="e" * 64),)))  # fmt: skip
    store = Held(tmp_path, data)
    result = build_pack(plan, journal, tmp_path / "bukti.zip", up_to=1, fallback=store)
    with zipfile.ZipFile(tmp_path / "bukti.zip") as archive:
        assert archive.namelist() == ["I/I.1/I.1.a/2024-01/sk.pdf", "index.csv", "index.html"]
        assert archive.read("I/I.1/I.1.a/2024-01/sk.pdf") == data
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    assert store.asked == [sk.sha256] and (result.files, result.from_store) == (1, 1)
    assert [r[-1] for r in rows[1:4]] == ["ok", "ok", "changed"]  # named again with another hash
    assert result.problems == ["I/I.1/I.1.a/2024-01/sk.pdf: I.1.a 1: changed"]


def test_past_evidence_rows_the_page_lists_evidence_per_action(plan, tmp_path, monkeypatch):
    journal = _tricky_journal(plan, tmp_path)
    build_pack(plan, journal, tmp_path / "rows.zip")
    monkeypatch.setattr(pack, "EVIDENCE_ROWS", 3)
    build_pack(plan, journal, tmp_path / "capped.zip")
    with zipfile.ZipFile(tmp_path / "rows.zip") as rows, zipfile.ZipFile(tmp_path / "capped.zip") as capped:
        assert capped.read("index.csv") == rows.read("index.csv")  # every row, as below the cap
        assert capped.namelist() == rows.namelist()
        page, full = capped.read("index.html").decode("utf-8"), rows.read("index.html").decode("utf-8")
    assert "8 files and links in 3 actions, listed per action; index.csv has a row for each, with its SHA-256." in page
    assert "sk.pdf" in full and "sk.pdf" not in page and page.count('class="card evidence-row"') == 3
    assert '<td class="no">I.1.a</td><td>SK Tim Kerja terbit</td><td data-label="Months">Jan</td><td data-label="Files">4</td>' in page
    assert '<td data-label="Status" class="overdue">1 not read: outside the evidence folder or not a file, 1 missing</td>' in page
