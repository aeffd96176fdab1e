"""model.stores: an evidence store's address, read and refused without a network library."""

from __future__ import annotations

import pytest

from zi_plan.model.stores import parse_store, store_problem


def test_the_parts_of_each_kind_of_address():
    sftp = parse_store(" sftp://zi@files.kpu.go.id:2222/bukti/tambrauw/ ")
    assert (sftp.scheme, sftp.host, sftp.port, sftp.user, sftp.path) == ("sftp", "files.kpu.go.id", 2222, "zi", "/bukti/tambrauw")
    assert sftp.url == sftp.shown == "sftp://zi@files.kpu.go.id:2222/bukti/tambrauw/"
    dav = parse_store("WEBDAVS://cloud.example/remote.php/dav/files/zi%20kpu")
    assert (dav.scheme, dav.port, dav.user, dav.path) == ("webdavs", None, None, "/remote.php/dav/files/zi kpu")
    s3 = parse_store("s3://bukti-kpu/2023?endpoint=http://127.0.0.1:9000&profile=kpu")
    assert (s3.host, s3.path) == ("bukti-kpu", "/2023")
    assert s3.option("endpoint") == "http://127.0.0.1:9000" and s3.option("profile") == "kpu" and s3.option("region") is None


@pytest.mark.parametrize(("url", "says"), [
    ("ftp://host/x", "is not an evidence store"),
    ("/home/zi/bukti", "is not an evidence store"),
    ("sftp://zi:rahasia@host/x", "holds a password"),
    ("sftp://host:port/x", "port that is not a number"),
    ("sftp:///x", "names no host"),
    ("s3:///prefix", "names no bucket"),
    ("webdav://host/x?endpoint=y", "unknown setting 'endpoint' (known: none)"),
    ("s3://bucket/x?key=secret", "unknown setting 'key' (known: endpoint, profile, region)"),
    ("sftp://host/bukti/../etc", "climbs out of its folder"),
    ("sftp://host/bukti dukung", "spaces or control characters"),
    ("sftp://host/x\x1b[31m", "spaces or control characters"),
])  # fmt: skip
def test_what_cannot_name_a_store_says_why(url, says):
    with pytest.raises(ValueError, match=None) as caught:
        parse_store(url)
    assert says in str(caught.value)
    assert store_problem(url) == str(caught.value)


def test_a_good_address_has_no_problem():
    assert store_problem("webdav://nas.local/zi") is None
