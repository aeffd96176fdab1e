"""fs/sources: a link typed without https://, and the system's files refused as evidence."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from zi_plan.fs.sources import meant_link, system_file_problem

# ---------------------------------------------------------------- meant_link


@pytest.mark.parametrize(
    "typed",
    ["www.kpu.go.id/berita", "kpu.go.id", "drive.google.com/file/d/1AbC/view?usp=sharing", "KPU.GO.ID/Berita", "sub.example.co.id/a#b",
     "kpu.go.id:8080/x", "kpu.id", "tambraukab.go.id?p=1", "kpu-tambrauw.go.id/2023/04"],
)  # fmt: skip
def test_a_web_address_without_its_scheme_is_the_link_meant(typed):
    assert meant_link(typed) == "https://" + typed


def test_spaces_around_the_address_are_left_out():
    assert meant_link("  www.kpu.go.id/berita \n") == "https://www.kpu.go.id/berita"


@pytest.mark.parametrize("name", ["laporan.pdf", "Laporan.PDF", "foto.jpg", "notulen.docx", "data.csv", "catatan.md", "rekap.xlsx", "SK.Tim.pdf"])
def test_a_file_name_with_an_extension_is_not_a_link(name):
    assert meant_link(name) is None


@pytest.mark.parametrize(
    "typed",
    ["foto/april.jpg", "../foto.jpg", "/home/ani/foto.jpg", "./kpu.go.id", "rapat 2023.docx", "https://kpu.go.id", "localhost/x",
     "kpu", "kpu.go.id/ berita", "-kpu.go.id", "kpu.g", ""],
)  # fmt: skip
def test_paths_and_other_words_are_not_links(typed):
    assert meant_link(typed) is None


def test_a_file_name_below_a_domain_like_folder_is_a_link():
    # With a path after it, 'x.pdf/...' can only be an address: no file name has a folder under it.
    assert meant_link("scan.pdf/halaman") == "https://scan.pdf/halaman"


# ---------------------------------------------------------------- system_file_problem


def test_an_ordinary_file_is_fine(tmp_path):
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8")
    assert system_file_problem(photo) is None
    assert system_file_problem(tmp_path) is None


def test_a_missing_path_is_not_the_systems_to_judge(tmp_path):
    assert system_file_problem(tmp_path / "nowhere.jpg") is None


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_proc_self_environ_is_refused():
    path = Path("/proc/self/environ")
    assert stat.S_ISREG(path.stat().st_mode)  # why a plain "regular file" check lets it through
    assert system_file_problem(path) == "it is one of the system's files (/proc), not a document"
    assert system_file_problem(Path("/proc")) == "it is one of the system's files (/proc), not a document"


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux's /sys")
def test_a_file_of_sys_is_refused():
    found = next((p for p in sorted(Path("/sys/kernel").iterdir()) if p.is_file()), None)
    if found is None:
        pytest.skip("no file in /sys/kernel")
    assert system_file_problem(found) == "it is one of the system's files (/sys), not a document"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_devices_are_refused(tmp_path):
    assert system_file_problem(Path("/dev/null")) == "it is a device, not a document"
    (tmp_path / "kosong.pdf").symlink_to("/dev/zero")
    assert system_file_problem(tmp_path / "kosong.pdf") == "it is a device, not a document"


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="needs a writable /dev/shm")
def test_an_ordinary_file_below_dev_is_refused_as_the_systems(tmp_path):
    path = Path("/dev/shm") / f"zi-test-{os.getpid()}.pdf"
    path.write_bytes(b"%PDF")
    try:
        assert system_file_problem(path) == "it is one of the system's files (/dev), not a document"
        (Path.cwd() / "laporan.pdf").symlink_to(path)  # a link to it is judged by where it leads
        assert system_file_problem(Path("laporan.pdf")) == "it is one of the system's files (/dev), not a document"
    finally:
        path.unlink()


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_a_link_to_proc_is_refused(tmp_path):
    (tmp_path / "bukti.txt").symlink_to("/proc/self/environ")
    (tmp_path / "folder").symlink_to("/proc/self")
    assert system_file_problem(tmp_path / "bukti.txt") == "it is one of the system's files (/proc), not a document"
    assert system_file_problem(tmp_path / "folder" / "status") == "it is one of the system's files (/proc), not a document"


def test_a_link_to_an_ordinary_file_is_fine(tmp_path):
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "link.jpg").symlink_to(tmp_path / "foto.jpg")
    assert system_file_problem(tmp_path / "link.jpg") is None


def test_a_folder_named_like_proc_elsewhere_is_fine(tmp_path):
    fake = tmp_path / "proc" / "self"
    fake.mkdir(parents=True)
    (fake / "environ").write_text("x", encoding="utf-8")
    assert system_file_problem(fake / "environ") is None


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_the_reasons_in_indonesian(indonesian):
    assert system_file_problem(Path("/dev/null")) == "itu perangkat (device), bukan dokumen"
    if Path("/proc/self/environ").exists():
        assert system_file_problem(Path("/proc/self/environ")) == "itu berkas sistem (/proc), bukan dokumen"
