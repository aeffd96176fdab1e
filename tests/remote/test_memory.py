"""A push streams: its memory does not grow with the size of the files (issue 25's 2 GB set is in bench/remote_memory.py)."""

from __future__ import annotations

from tests.remote.conftest import _need_sshd, address, credentials
from tests.remote.memory import push_measured, sparse_file

SIZE = 96 << 20
ADDRESS_SPACE = 512 << 20  # far below what the file and the libraries would take if the file were read whole


def test_a_push_of_a_large_file_keeps_its_memory_flat(zi, unit, tmp_path, sshd, monkeypatch):
    _need_sshd()
    big = sparse_file(tmp_path / "rekaman-rapat.mp4", SIZE)
    assert zi("done", "I.4.a", "-m", "5", "-e", str(big), "--by", "Ani", "--force").code == 0
    credentials("sftp", sshd, monkeypatch)
    result = push_measured(unit, address("sftp", sshd, "memory"), ADDRESS_SPACE)
    assert result["code"] == 0, result["err"]
    assert "4 files sent" in str(result["out"])
    peak = int(str(result["peak_rss_kib"])) << 10
    assert peak < 120 << 20, f"peak resident memory {peak >> 20} MB while pushing a {SIZE >> 20} MB file"
