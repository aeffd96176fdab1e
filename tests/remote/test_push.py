"""`zi evidence push`, `pull`, `zi verify --remote` and the packs, on real servers (SFTP, WebDAV, S3)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.remote import servers

EVIDENCE = Path("plans") / "tambrauw-2023.evidence"


def test_push_is_idempotent_and_verified(zi, unit, store):
    first = zi("evidence", "push", "--store", store, "--json")
    assert first.code == 0, first.err
    data = json.loads(first.out)
    assert data["ok"] and sorted(f["result"] for f in data["files"]) == ["uploaded"] * 3
    assert "sent I/I.3/I.3.a/2023-05/video.mp4 (3.1 MB)" in first.err  # each file as it lands
    again = zi("evidence", "push", "--store", store)
    assert again.code == 0 and "0 files sent (0 B)" in again.out and "3 already in the store" in again.out
    verify = zi("verify", "--remote", "--store", store)
    assert verify.code == 0 and "3 evidence files checked in the store (presence, size, sha256), 0 problems" in verify.out


def test_push_then_delete_local_pack_is_complete_and_verify_remote_passes(zi, unit, store):
    """The issue's flow: push → delete local → pack still complete → verify --remote."""
    assert zi("evidence", "push", "--store", store).code == 0
    plan = unit / "plans" / "tambrauw-2023.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + f"evidence_store: {store}\n", encoding="utf-8")
    kept = {p.relative_to(unit / EVIDENCE).as_posix(): p.read_bytes() for p in (unit / EVIDENCE).rglob("*") if p.is_file()}
    shutil.rmtree(unit / EVIDENCE)
    assert zi("verify").code == 1  # here, the files are missing
    pack = zi("evidence", "pack", "-o", "bukti.zip")
    assert pack.code == 0, pack.out + pack.err
    with zipfile.ZipFile(unit / "bukti.zip") as archive:
        packed = {name: archive.read(name) for name in archive.namelist() if not name.startswith("index.")}
    assert sorted(packed.values()) == sorted(kept.values())
    lke = zi("evidence", "pack", "--by", "lke", "-o", "lke.zip")
    assert lke.code == 0, lke.out
    with zipfile.ZipFile(unit / "lke.zip") as archive:
        assert set(kept.values()) <= {archive.read(n) for n in archive.namelist()}
    unit_pack = zi("unit", "pack", "--unit", "9108", "-o", "unit.zip")
    assert unit_pack.code == 0 and "3 files were taken from the evidence store" in unit_pack.out
    remote = zi("verify", "--remote", "--json")
    data = json.loads(remote.out)
    assert remote.code == 0 and data["ok"] and data["remote"]["only_in_store"] == 3 and data["problems"] == []
    pulled = zi("evidence", "pull", "I.3.a")
    assert pulled.code == 0 and "1 file fetched (3.1 MB)" in pulled.out
    assert (unit / EVIDENCE / "I/I.3/I.3.a/2023-05/video.mp4").read_bytes() == kept["I/I.3/I.3.a/2023-05/video.mp4"]
    assert zi("evidence", "pull", "--all").code == 0
    assert zi("verify").code == 0


def test_a_file_changed_on_the_server_is_found_and_pushed_again(zi, unit, sshd, monkeypatch):
    from tests.remote.conftest import address, credentials

    credentials("sftp", sshd, monkeypatch)
    store = address("sftp", sshd, "changed")
    assert zi("evidence", "push", "--store", store).code == 0
    files = sorted((p for p in (sshd.root / "stores" / "changed" / "sha256").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    files[-1].write_bytes(b"X" + files[-1].read_bytes()[1:])  # same size, other content
    files[0].unlink()  # I.1.a's photo, the smallest
    verify = zi("verify", "--remote", "--store", store)
    assert verify.code == 1
    [line] = [line for line in verify.out.splitlines() if "changed in the store" in line]
    assert line.startswith("I.3.a May: I/I.3/I.3.a/2023-05/video.mp4: changed in the store (sha256 now ")
    assert "I.1.a April: I/I.1/I.1.a/2023-04/foto.jpg: not in the store" in verify.out
    assert zi("evidence", "push", "--store", store).out.count("1 file sent") == 1  # the missing one, sent again
    assert "0 files sent" in zi("evidence", "push", "--store", store).out  # the changed one is there with its size: a plain push trusts it
    assert "1 file sent" in zi("evidence", "push", "--store", store, "--check").out
    assert zi("verify", "--remote", "--store", store).code == 0


def test_credentials_are_never_written_to_plan_journal_or_units(zi, unit, wsgidav, monkeypatch):
    from tests.remote.conftest import address, credentials

    credentials("webdav", wsgidav, monkeypatch)
    store = address("webdav", wsgidav, "creds")
    register = unit.parent / "units.yaml"  # the parent's, above the unit's folder (a unit's folder is never the parent's root)
    register.write_text(f"evidence_store: {store}\nunits:\n  - code: '9108'\n    name: KPU Kabupaten Tambrauw\n    folder: {unit.name}\n", encoding="utf-8")
    assert zi("evidence", "push").code == 0  # the store from units.yaml, the password from ~/.netrc
    assert zi("unit", "pack", "-o", "unit.zip").code == 0  # the unit's code from units.yaml
    for path in [register, *(unit / "plans").glob("*.yaml")]:
        assert servers.DAV_PASSWORD not in path.read_text(encoding="utf-8")
    with zipfile.ZipFile(unit / "unit.zip") as archive:
        assert all(servers.DAV_PASSWORD.encode() not in archive.read(n) for n in archive.namelist())
    (Path(os.environ["HOME"]) / ".netrc").unlink()
    refused = zi("evidence", "push")
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert "the server refused the login (HTTP 401): put the account in ~/.netrc" in refused.err


def test_a_refused_connection_is_one_line(zi, unit, monkeypatch):
    port = servers.free_port()  # nothing listens there
    for store in (f"sftp://127.0.0.1:{port}/srv/zi", f"webdav://127.0.0.1:{port}/zi", f"s3://zi-bukti/x?endpoint=http://127.0.0.1:{port}"):
        servers.s3_environment(monkeypatch, Path(os.environ["HOME"]))
        result = zi("evidence", "push", "--store", store)
        assert result.code == 1 and result.err.count("\n") == 1, result.err
        assert result.err.startswith(f"zi: error: evidence store {store}: ")
        assert "connection refused" in result.err or "cannot connect" in result.err


def test_no_store_named_says_how_to_name_one(zi, unit):
    result = zi("evidence", "push")
    assert result.code == 1 and "no evidence store is named" in result.err and "--store" in result.err


def test_start_up_of_other_commands_does_not_import_fsspec(unit):
    code = "import sys; from zi_plan.cli import main; main(['due', '--month', '4']); main(['verify']); main(['evidence', 'pack', '-o', 'x.zip']); print(sorted(m for m in sys.modules if m.split('.')[0] in ('fsspec', 'sshfs', 'asyncssh', 's3fs', 'botocore', 'webdav4', 'httpx')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=unit, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
