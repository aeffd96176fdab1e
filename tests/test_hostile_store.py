"""The evidence store is a jail: a journal never makes zi read, hash or pack
a file outside ``<plan>.evidence/``."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from tests.hostile import SECRET, no_traceback, record

SECRET_SHA = hashlib.sha256(SECRET.encode()).hexdigest()
READERS = [
    ("verify",),
    ("verify", "--json"),
    ("evidence", "pack", "-o", "pack.zip"),
    ("report", "-m", "4", "-o", "r.html"),
    ("report", "-m", "4", "--format", "md", "-o", "r.md"),
    ("show", "I.1.a"),
    ("show", "I.1.a", "--json"),
    ("export", "--format", "csv", "-m", "4", "-o", "x.csv"),
    ("due", "-m", "4"),
]


def _entry(path: str, sha: str = "0" * 64) -> dict[str, object]:
    return {"path": path, "sha256": sha, "size": len(SECRET)}


@pytest.mark.parametrize("path", ["../../outside/secret.txt", "{secret}", "I/../../../outside/secret.txt", "..\\..\\outside\\secret.txt"])
@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a))
def test_a_path_out_of_the_store_is_refused_at_its_line(zi, office, opened, path, args):
    path = path.format(secret=office.secret)
    office.write_journal(record(evidence=[_entry(path)]))
    result = zi(*args, "--plan", str(office.plan))
    assert result.code == 1
    assert f"{office.journal}:10:" in result.err  # the line of the path
    assert "evidence folder" in result.err
    assert SECRET_SHA not in result.out + result.err and SECRET not in result.out + result.err
    assert str(office.secret) not in opened
    assert no_traceback(result.err)


def _plant_links(office) -> list[str]:
    """A link to the secret file, and a linked folder that leads out of the store."""
    folder = office.store / "I" / "I.1" / "I.1.a" / "2024-01"
    folder.mkdir(parents=True)
    (folder / "foto.jpg").symlink_to(office.secret)
    (folder / "dir").symlink_to(office.secret.parent, target_is_directory=True)
    return ["I/I.1/I.1.a/2024-01/foto.jpg", "I/I.1/I.1.a/2024-01/dir/secret.txt"]


def test_verify_refuses_a_symlink_out_of_the_store(zi, office, opened):
    paths = _plant_links(office)
    office.write_journal(record(evidence=[_entry(p) for p in paths]))
    result = zi("verify", "--plan", str(office.plan))
    assert result.code == 1
    assert f"{office.journal}:10:" in result.out and f"{office.journal}:13:" in result.out
    assert "symbolic link" in result.out and "not read" in result.out
    data = json.loads(zi("verify", "--json", "--plan", str(office.plan)).out)
    assert [p["problem"] for p in data["problems"]] == ["outside", "outside"]
    assert all(p["found_sha256"] is None for p in data["problems"])
    assert [p["journal_line"] for p in data["problems"]] == [f"{office.journal}:10:11", f"{office.journal}:13:11"]
    assert SECRET_SHA not in json.dumps(data)
    assert not any(p.endswith("secret.txt") and "dir" not in p for p in opened)
    assert str(office.secret) not in opened
    # A planted link is not "unrecorded evidence" either: verify never suggests recording it.
    assert data["unrecorded"] == []


def test_pack_neither_reads_nor_includes_a_symlinked_file(zi, office, opened, tmp_path):
    paths = _plant_links(office)
    sha = office.store_file("I/I.1/I.1.a/2024-04/ok.txt", b"real evidence")
    good = {"path": "I/I.1/I.1.a/2024-04/ok.txt", "sha256": sha, "size": 13}
    office.write_journal(record(evidence=[_entry(p) for p in paths]) + record(month=4, evidence=[good]))
    result = zi("evidence", "pack", "-o", "pack.zip", "--plan", str(office.plan))
    assert result.code == 1
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        names = archive.namelist()
        blob = b"".join(archive.read(n) for n in names)
    assert "I/I.1/I.1.a/2024-04/ok.txt" in names
    assert not any(n.endswith(("foto.jpg", "secret.txt")) for n in names)
    assert SECRET.encode() not in blob and SECRET_SHA.encode() not in blob
    # The index lists the refused files without a link to them.
    page = zipfile.ZipFile(tmp_path / "pack.zip").read("index.html").decode()
    assert 'href="I/I.1/I.1.a/2024-01/foto.jpg"' not in page and 'href="I/I.1/I.1.a/2024-04/ok.txt"' in page
    assert str(office.secret) not in opened


def test_a_symlink_inside_the_store_is_not_followed(zi, office):
    sha = office.store_file("I/I.1/I.1.a/2024-01/real.txt", b"real")
    (office.store / "I/I.1/I.1.a/2024-01/alias.txt").symlink_to("real.txt")
    office.write_journal(record(evidence=[{"path": "I/I.1/I.1.a/2024-01/alias.txt", "sha256": sha, "size": 4}]))
    result = zi("verify", "--json", "--plan", str(office.plan))
    assert result.code == 1
    assert json.loads(result.out)["problems"][0]["problem"] == "not-a-file"


def test_zip_member_names_are_relative_and_normalised():
    from zi_plan.fs import jail

    assert jail.member_name("I/./I.1//x.jpg") == "I/I.1/x.jpg"
    for bad in ("../x", "/etc/passwd", "I/../../x", "C:/x", "..\\x", "~/x"):
        with pytest.raises(jail.Refused):
            jail.member_name(bad)


def test_the_store_folder_itself_may_be_a_link(zi, office, tmp_path):
    # An office may keep the store on another disk and link it in: that is not an escape.
    elsewhere = tmp_path / "disk2" / "plan.evidence"
    elsewhere.mkdir(parents=True)
    office.store.symlink_to(elsewhere, target_is_directory=True)
    sha = office.store_file("I/I.1/I.1.a/2024-01/ok.txt", b"ok")
    office.write_journal(record(evidence=[{"path": "I/I.1/I.1.a/2024-01/ok.txt", "sha256": sha, "size": 2}]))
    (elsewhere / "loose.txt").write_bytes(b"x")
    result = zi("verify", "--json", "--plan", str(office.plan))
    assert result.code == 0, result.out
    assert json.loads(result.out)["unrecorded"] == [str(office.store / "loose.txt")]


def test_done_writes_nothing_through_a_link_out_of_the_store(zi, office, tmp_path):
    office.store.mkdir()
    (office.store / "I").symlink_to(office.secret.parent, target_is_directory=True)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"foto")
    result = zi("done", "I.1.a", "-m", "1", "-e", str(photo), "--plan", str(office.plan))
    assert result.code == 1 and "outside the evidence folder" in result.err and no_traceback(result.err)
    assert sorted(p.name for p in office.secret.parent.iterdir()) == ["secret.txt"]
    assert not office.journal.exists()


@pytest.mark.parametrize("source", ["/proc/self/environ", "/proc/self/cmdline", "/sys/kernel/mm/transparent_hugepage/enabled", "/dev/null", "/dev/zero"])
def test_system_files_and_devices_are_not_evidence(zi, office, monkeypatch, source):
    import os

    if not os.path.exists(source):
        pytest.skip(f"{source} is not on this system")
    monkeypatch.setenv("ZI_SECRET_TOKEN", SECRET)
    result = zi("done", "I.1.a", "-m", "1", "-e", source, "--plan", str(office.plan))
    assert result.code == 1 and source in result.err and "nothing was recorded" in result.err
    assert not office.journal.exists() and not office.store.exists()
    link = office.root / "lampiran.txt"
    link.symlink_to(source)  # through a link too
    assert zi("done", "I.1.a", "-m", "1", "-e", str(link), "--plan", str(office.plan)).code == 1
    assert not office.journal.exists()


def test_a_symlinked_source_is_taken_alike_by_done_replace_and_restore(zi, office, tmp_path):
    real, other = tmp_path / "real.pdf", tmp_path / "other.pdf"
    real.write_bytes(b"%PDF first")
    other.write_bytes(b"%PDF second")
    (tmp_path / "via-link.pdf").symlink_to(real)
    (tmp_path / "new-link.pdf").symlink_to(other)
    plan = ("--plan", str(office.plan))
    assert zi("done", "I.1.a", "-m", "1", "-e", str(tmp_path / "via-link.pdf"), *plan).code == 0
    replaced = zi("evidence", "replace", "I.1.a", "-m", "1", "via-link.pdf", str(tmp_path / "new-link.pdf"), *plan)
    assert replaced.code == 0, replaced.err
    stored = office.store / "I/I.1/I.1.a/2024-01/via-link.pdf"
    stored.write_bytes(b"damaged")
    restored = zi("evidence", "restore", str(stored), str(tmp_path / "via-link.pdf"), *plan)
    assert restored.code == 0, restored.err
    assert stored.read_bytes() == b"%PDF first" and not stored.is_symlink()


@pytest.mark.parametrize(("typed", "meant"), [("drive.google.com/file/d/1AbC/view", "https://drive.google.com/file/d/1AbC/view"),
                                              ("www.kpu.go.id/berita", "https://www.kpu.go.id/berita"), ("bit.ly/3xYz", "https://bit.ly/3xYz")])
def test_a_link_typed_without_https_is_told_so(zi, office, typed, meant):
    result = zi("done", "I.1.a", "-m", "1", "-e", typed, "--plan", str(office.plan))
    assert result.code == 1 and f"write it whole: {meant}" in result.err and not office.journal.exists()
    missing = zi("done", "I.1.a", "-m", "1", "-e", "laporan.pdf", "--plan", str(office.plan))
    assert "https://" not in missing.err  # a file's name is not a web address
