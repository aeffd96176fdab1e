"""travel.manifest: zi-unit.json read back and checked, and what makes two records the same record."""

from __future__ import annotations

import dataclasses

import pytest

from zi_plan.errors import ZiError
from zi_plan.travel.manifest import Manifest, Member, digest, from_json, identity, normalised

SHA = "ab" * 32
ROW = {"action": "I.1.a", "month": 4, "event": "done", "at": "2023-04-20T09:30:00+00:00", "by": "Ani"}


def _manifest(**changes) -> Manifest:
    made = Manifest(unit="9108", year=2023, plan=Member("plan/p.yaml", SHA, 10), made_at="2023-05-01T00:00:00+00:00", zi="1.0",
                    journal=Member("journal/p.progress.yaml", SHA, 20), records_to=2, records_digest=digest(["a", "b"]),
                    files=[Member("evidence/I/foto.jpg", SHA, 8, path="I/foto.jpg")], sent=[["I/foto.jpg", SHA]])  # fmt: skip
    return dataclasses.replace(made, **changes)


def test_a_manifest_reads_back_as_it_was_written():
    made = _manifest()
    again = from_json(made.to_json(), "p1.zip")
    assert again == made and again.full
    assert not _manifest(records_from=1, since_digest=digest(["a"])).full


@pytest.mark.parametrize("raw", [b"not json", b"{}", b'{"zi_unit_pack": 1}', b"\xff\xfe"])
def test_a_damaged_manifest_is_one_message(raw):
    with pytest.raises(ZiError, match="p1.zip is damaged: its manifest zi-unit.json cannot be read; nothing was changed"):
        from_json(raw, "p1.zip")


@pytest.mark.parametrize("changes", [{"records_from": 3}, {"year": "2023"}, {"plan": Member("plan/p.yaml", "short", 10)},
                                     {"files": [Member("evidence/x", SHA, "8")]}])  # fmt: skip
def test_a_manifest_of_the_wrong_shape_is_damaged(changes):
    with pytest.raises(ZiError, match="is damaged"):
        from_json(_manifest(**changes).to_json(), "p1.zip")


def test_a_newer_format_asks_for_a_newer_zi():
    raw = _manifest().to_json().replace(b'"zi_unit_pack": 1', b'"zi_unit_pack": 2')
    with pytest.raises(ZiError, match="of a format this zi does not know; update zi"):
        from_json(raw, "p1.zip")


def test_the_same_record_however_its_time_is_written():
    same = {**ROW, "at": "2023-04-20T09:30:00Z", "fingerprint": "f" * 16, "indicator": "SK"}
    assert identity(same) == identity(ROW)
    assert "fingerprint" not in normalised(same) and normalised(same)["at"] == "2023-04-20T09:30:00+00:00"
    for key, value in (("by", "Budi"), ("month", 5), ("note", "ulang"), ("at", "2023-04-20T09:31:00+00:00")):
        assert identity({**ROW, key: value}) != identity(ROW), key


def test_the_digest_is_of_the_records_in_order():
    assert digest(["a", "b"]) == digest(["a", "b"]) != digest(["b", "a"])
    assert digest(["a"]) != digest(["a", "b"])
