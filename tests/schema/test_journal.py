"""schema.journal: what a journal file must hold, as pydantic models."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from zi_plan.schema.journal import EvidenceModel, JournalFile, RecordModel

AT = "2023-04-12T09:30:00+09:00"
SHA = "a" * 64


def _done(**fields: Any) -> dict[str, Any]:
    return {"action": "II.2.a", "month": 4, "event": "done", "at": AT, "by": "Yulius"} | fields


def _problems(data: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as raised:
        RecordModel.model_validate(data)
    return {err["loc"]: err["type"] for err in raised.value.errors()}


def test_a_journal_of_every_kind_of_record():
    records = [
        _done(evidence=[{"path": "II/II.2/II.2.a/2023-04/foto.jpg", "sha256": SHA, "size": 3, "name": "foto.jpg"}, {"url": "https://kpu.go.id"}],
              fingerprint="0123456789ab", indicator="Operasionalisasi"),
        _done(event="undo", note="salah foto"),
        {"action": "II.2.b", "event": "move", "from": "II.2.a", "at": AT, "by": "Yulius"},
        {"action": "II.2.b", "event": "accept", "accepted": "0123456789ab", "fingerprint": "ba9876543210", "at": AT, "by": "Y"},
        _done(event="replace", evidence=[{"path": "b.jpg", "sha256": SHA, "size": 1}], replaces=[{"path": "a.jpg", "sha256": SHA, "size": 1}]),
        {"lke": "P.1.i.a", "value": "Ya", "event": "answer", "at": AT, "by": "Y"},
        {"lke": "P.1.ii.a", "value": 75.5, "event": "answer", "at": AT, "by": "Y"},
    ]  # fmt: skip
    journal = JournalFile.model_validate({"journal": 2, "plan": "tambrauw-2023.yaml", "records": records})
    assert journal.records is not None and [r.event for r in journal.records] == ["done", "undo", "move", "accept", "replace", "answer", "answer"]
    assert journal.records[2].moved_from == "II.2.a"  # written 'from' in the file
    assert journal.records[0].at.utcoffset().total_seconds() == 9 * 3600


def test_a_journal_with_no_records_yet():
    assert JournalFile.model_validate({"journal": 2, "plan": "p.yaml", "records": None}).records is None
    assert JournalFile.model_validate({"journal": 2, "plan": "p.yaml"}).records is None


def test_unknown_keys_are_refused_at_every_level():
    with pytest.raises(ValidationError) as raised:
        JournalFile.model_validate({"journal": 2, "plan": "p", "recods": [], "records": [_done(moth=4, evidence=[{"url": "https://x.id", "sze": 1}])]})
    locs = {err["loc"] for err in raised.value.errors() if err["type"] == "extra_forbidden"}
    assert locs == {("recods",), ("records", 0, "moth"), ("records", 0, "evidence", 0, "sze")}


def test_at_must_be_a_written_time_with_its_zone():
    assert _problems(_done(at=1681266600)) == {("at",): "value_error"}
    assert _problems(_done(at="2023-04-12T09:30:00")) == {("at",): "value_error"}
    assert _problems(_done(at="kemarin")) == {("at",): "datetime_from_date_parsing"}


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"month": 13}, ("month",)), ({"month": 0}, ("month",)), ({"event": "finish"}, ("event",)), ({"by": ""}, ("by",)),
        ({"fingerprint": "0123456789AB"}, ("fingerprint",)), ({"fingerprint": "0123"}, ("fingerprint",)),
        ({"accepted": "xyz"}, ("accepted",)), ({"evidence": [{"path": "a.jpg", "sha256": "A" * 64, "size": 1}]}, ("evidence", 0, "sha256")),
        ({"evidence": [{"path": "a.jpg", "sha256": SHA, "size": -1}]}, ("evidence", 0, "size")),
    ],
)  # fmt: skip
def test_values_out_of_their_range_or_form(fields, loc):
    assert loc in _problems(_done(**fields))


def test_an_answer_value_is_a_plain_number_or_text():
    answer = {"lke": "P.1.i.a", "event": "answer", "at": AT, "by": "Y"}
    assert RecordModel.model_validate(answer | {"value": 3}).value == 3
    assert RecordModel.model_validate(answer | {"value": "Ya"}).value == "Ya"
    for value in (True, [1], {"a": 1}):  # true/false is not a count (strict): pydantic would read it as 1
        assert {loc[0] for loc in _problems(answer | {"value": value})} == {"value"}


def test_the_rules_across_fields_are_attached():
    assert _problems(_done(event="replace", evidence=[{"url": "https://x.id"}])) == {(): "value_error"}
    assert _problems({"event": "answer", "lke": "P.1.i.a", "at": AT, "by": "Y"}) == {(): "value_error"}
    with pytest.raises(ValidationError, match="not both"):
        EvidenceModel.model_validate({"url": "https://x.id", "path": "a.jpg", "sha256": SHA, "size": 1})


def test_models_are_frozen():
    record = RecordModel.model_validate(_done())
    with pytest.raises(ValidationError):
        record.month = 5
