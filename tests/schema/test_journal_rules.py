"""journal_rules: the journal's rules that span several fields, as plain functions."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from zi_plan import i18n
from zi_plan.schema.journal_rules import aware, event_fields, file_or_link, written_out, zoned

FILE = SimpleNamespace(path="a/foto.jpg", sha256="a" * 64, size=3, url=None)
LINK = SimpleNamespace(path=None, sha256=None, size=None, url="https://kpu.go.id")


def _record(event: str, **fields) -> SimpleNamespace:
    base = {"event": event, "action": "I.1.a", "month": 4, "lke": None, "value": None, "moved_from": None,
            "accepted": None, "fingerprint": None, "evidence": [], "replaces": [],
            "round": None, "status": None, "file": None, "routine": None}  # fmt: skip
    return SimpleNamespace(**(base | fields))


def _round_record(event: str, **fields) -> SimpleNamespace:
    """A format-3 record of the evaluators' round: no action, no month."""
    return _record(event, **({"action": None, "month": None, "round": 1} | fields))


def test_at_is_written_out_not_a_number():
    assert written_out("2023-04-12T09:30:00+09:00") == "2023-04-12T09:30:00+09:00"
    for number in (1681266600, 1681266600.5, True):  # True is an int to Python: still not a time
        with pytest.raises(ValueError, match="not a number"):
            written_out(number)


def test_at_has_a_time_zone():
    aware_time = dt.datetime(2023, 4, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert zoned(aware_time) is aware_time
    with pytest.raises(ValueError, match="needs a time zone"):
        zoned(dt.datetime(2023, 4, 12, 9, 30))


def test_evidence_is_a_whole_file_or_a_link():
    assert file_or_link(FILE) is FILE and file_or_link(LINK) is LINK
    for partial in ({"sha256": None}, {"size": None}, {"path": None}):
        with pytest.raises(ValueError, match="either 'url', or 'path', 'sha256' and 'size'"):
            file_or_link(SimpleNamespace(**(vars(FILE) | partial)))
    with pytest.raises(ValueError, match="not both"):
        file_or_link(SimpleNamespace(**(vars(FILE) | {"url": "https://x.id"})))


def test_replace_and_restore_name_what_they_need():
    assert aware(_record("replace", evidence=[FILE], replaces=[FILE])).event == "replace"
    assert aware(_record("restore", evidence=[FILE], replaces=[FILE])).event == "restore"
    assert aware(_record("done", evidence=[LINK])).event == "done"
    bad = [
        (_record("replace", evidence=[FILE]), "a 'replace' record needs"),
        (_record("replace", replaces=[FILE]), "a 'replace' record needs"),
        (_record("restore", evidence=[LINK]), "a 'restore' record needs the stored file"),
        (_record("done", evidence=[FILE], replaces=[FILE]), "only 'replace' and 'restore' records have 'replaces'"),
    ]
    for record, words in bad:
        with pytest.raises(ValueError, match=words):
            aware(record)


@pytest.mark.parametrize(
    "record",
    [
        _record("done"), _record("undo"), _record("evidence"), _record("replace"), _record("restore"),
        _record("move", month=None, moved_from="I.1.b"), _record("accept", month=None, accepted="a" * 12, fingerprint="b" * 12),
        _record("answer", action=None, month=None, lke="P.1.i.a", value="Ya"), _record("answer", action=None, month=None, lke="P.1.i.a", value=0),
        _record("restore", action=None, month=None, lke="P.1.i.a"),
        _record("answer", action=None, month=None, lke="P.1.i.a", value="Ya", routine=True),
        _record("answer", action=None, month=None, lke="P.1.i.a", value="Ya", routine=False),
        _round_record("review", lke="P.1.i.a", value="Tidak", status="revisi", file="tpi.xlsx"),
        _round_record("review", lke="R.1.i.a", status="revisi"),  # a note alone: no value
        _round_record("review", lke="P.1.i.a", value="Ya", status="accepted"),
        _round_record("send"), _round_record("close", round=3),
    ],
)  # fmt: skip
def test_each_event_with_its_fields(record):
    assert event_fields(record) is record


@pytest.mark.parametrize(
    ("record", "words"),
    [
        (_record("answer", action=None, month=None, lke="P.1.i.a"), "an answer record needs 'lke' and 'value'"),
        (_record("answer", month=None, lke="P.1.i.a", value="Ya"), "an answer record needs"),
        (_record("answer", action=None, lke="P.1.i.a", value="Ya"), "an answer record needs"),
        (_record("restore", month=None, lke="P.1.i.a"), "a 'restore' of an answer's file needs 'lke'"),
        (_record("restore", action=None, month=None, lke="P.1.i.a", value="Ya"), "a 'restore' of an answer's file"),
        (_record("done", action=None), "a 'done' record needs 'action'"),
        (_record("done", value="Ya"), "a 'done' record needs 'action' (and no 'lke' or 'value')"),
        (_record("undo", month=None), "a 'undo' record needs 'month'"),
        (_record("evidence", month=None), "needs 'month'"),
        (_record("move", month=None), "a 'move' record needs 'from'"),
        (_record("accept", month=None, accepted="a" * 12), "an 'accept' record needs 'accepted' and 'fingerprint'"),
        (_record("accept", month=None, fingerprint="a" * 12), "an 'accept' record needs"),
        # Format 3: the round's fields belong to the round's records, 'routine' to an answer.
        (_record("done", round=1), "only 'review', 'send' and 'close' records have 'round', 'status' or 'file'"),
        (_record("answer", action=None, month=None, lke="P.1.i.a", value="Ya", status="accepted"), "only 'review', 'send' and 'close' records have"),
        (_record("done", file="tpi.xlsx"), "only 'review', 'send' and 'close' records have"),
        (_record("done", routine=True), "only an answer record has 'routine'"),
        (_record("restore", action=None, month=None, lke="P.1.i.a", routine=False), "only an answer record has 'routine'"),
        (_round_record("review", lke="P.1.i.a", status="revisi", action="I.1.a"), "a 'review' record has no 'action', 'month', 'routine' or 'evidence'"),
        (_round_record("send", month=4), "a 'send' record has no 'action', 'month', 'routine' or 'evidence'"),
        (_round_record("review", lke="P.1.i.a", status="revisi", routine=True), "a 'review' record has no"),
        (_round_record("close", evidence=[LINK]), "a 'close' record has no"),
        (_round_record("review", lke="P.1.i.a", status="revisi", round=None), "a 'review' record needs 'round'"),
        (_round_record("close", round=None), "a 'close' record needs 'round'"),
        (_round_record("review", status="revisi"), "a 'review' record needs 'lke', 'round' and 'status' (accepted or revisi)"),
        (_round_record("review", lke="P.1.i.a", value="Ya"), "a 'review' record needs 'lke', 'round' and 'status'"),
        (_round_record("send", lke="P.1.i.a"), "a 'send' record names a round only: no 'lke', 'value', 'status' or 'file'"),
        (_round_record("close", value="Ya"), "a 'close' record names a round only"),
        (_round_record("send", status="accepted"), "a 'send' record names a round only"),
        (_round_record("close", file="tpi.xlsx"), "a 'close' record names a round only"),
    ],
)  # fmt: skip
def test_each_event_missing_or_with_a_field_it_must_not_have(record, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        event_fields(record)


def test_the_rules_speak_the_users_language():
    try:
        i18n.set_language("id")
        messages = []
        for rule, value in ((zoned, dt.datetime(2023, 4, 12)), (file_or_link, SimpleNamespace(**(vars(FILE) | {"size": None}))),
                            (event_fields, _round_record("close", round=None)), (event_fields, _record("done", routine=True))):  # fmt: skip
            with pytest.raises(ValueError) as raised:
                rule(value)
            messages.append(str(raised.value))
    finally:
        i18n.set_language("en")
    assert "needs a time zone" not in messages[0] and "evidence needs" not in messages[1]
    assert "record needs 'round'" not in messages[2] and "'close'" in messages[2]  # the event's name stays as written
    assert "only an answer record" not in messages[3] and "'routine'" in messages[3]


def test_a_number_for_at_is_refused_in_the_users_language():
    try:
        i18n.set_language("id")
        with pytest.raises(ValueError) as raised:
            written_out(1681266600)
    finally:
        i18n.set_language("en")
    assert "must be a date and time" not in str(raised.value)
