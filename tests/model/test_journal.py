"""model.journal: records, the state they imply, and which evidence counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zi_plan.model.journal import EvidenceEntry, Journal, Occurrence, Record, is_answer, replay, sort_evidence, withdrawal_text

WIT = dt.timezone(dt.timedelta(hours=9))


def _at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2023, 5, day, hour, tzinfo=WIT)


FOTO = EvidenceEntry(path="I/I.1/I.1.a/2023-05/foto.jpg", sha256="a" * 64, size=10, name="foto.jpg")
SK = EvidenceEntry(path="I/I.1/I.1.a/2023-05/sk.pdf", sha256="b" * 64, size=20, name="sk.pdf")
LINK = EvidenceEntry(url="https://kpu.go.id/berita")


def _record(event: str, day: int, **more) -> Record:
    return Record(**({"action": "I.1.a", "month": 5, "event": event, "at": _at(day), "by": "Yulius"} | more))


# ---------------------------------------------------------------- records as data


def test_a_record_round_trips_through_its_mapping():
    record = Record("I.1.a", 5, "replace", _at(3), "Yulius", note="foto salah", evidence=(SK, LINK), fingerprint="0123456789ab",
                    indicator="SK terbit", replaces=(FOTO,))  # fmt: skip
    data = record.to_dict()
    assert list(data) == ["action", "month", "event", "at", "by", "note", "fingerprint", "indicator", "evidence", "replaces"]
    assert data["at"] == "2023-05-03T10:00:00+09:00" and data["evidence"][1] == {"url": "https://kpu.go.id/berita"}
    assert Record.from_dict(data) == record


def test_to_dict_leaves_out_what_is_empty():
    data = Record("I.1.a", 0, "move", _at(3), "Yulius", note="", moved_from="I.1.b").to_dict()
    assert data == {"action": "I.1.a", "event": "move", "from": "I.1.b", "at": "2023-05-03T10:00:00+09:00", "by": "Yulius"}
    assert EvidenceEntry(url="https://x.id").to_dict() == {"url": "https://x.id"}
    assert EvidenceEntry(path="a.jpg", sha256="c" * 64, size=0).to_dict() == {"path": "a.jpg", "sha256": "c" * 64, "size": 0}  # 0 kept


def test_from_dict_reads_times_written_with_z_or_as_yaml_timestamps():
    utc = Record.from_dict({"action": "I.1.a", "month": 5, "event": "done", "at": "2023-05-03T01:00:00Z", "by": "Y"})
    assert utc.at == _at(3) and utc.at.utcoffset() == dt.timedelta(0)
    parsed = Record.from_dict({"action": "I.1.a", "event": "accept", "at": _at(3), "by": "Y", "accepted": "a" * 12})
    assert parsed.at is not None and parsed.month == 0 and parsed.accepted == "a" * 12 and parsed.evidence == ()


def test_is_answer():
    assert is_answer({"event": "answer", "lke": "P.1.i.a", "value": "Ya"})
    assert is_answer({"event": "restore", "lke": "P.1.i.a"})
    assert not is_answer({"event": "restore", "action": "I.1.a"})
    assert not is_answer({"event": "done"}) and not is_answer(_record("done", 1)) and not is_answer(None)


# ---------------------------------------------------------------- replay


def test_done_undo_done():
    history = [_record("done", 1), _record("undo", 2), _record("done", 3)]
    occ = replay(history)[("I.1.a", 5)]
    assert occ.status == "done" and occ.done == history[2] and occ.history == history
    undone = replay(history[:2])[("I.1.a", 5)]
    assert undone.status == "open" and undone.done is None


def test_evidence_and_accept_change_no_status():
    state = replay([_record("evidence", 1, evidence=(FOTO,)), _record("accept", 2, month=0, accepted="a" * 12, fingerprint="b" * 12)])
    assert list(state) == [("I.1.a", 5)]  # accept touches no occurrence
    assert state[("I.1.a", 5)].status == "open" and state[("I.1.a", 5)].evidence == [(state[("I.1.a", 5)].history[0], FOTO)]


def test_replay_goes_on_from_a_given_state():
    state = replay([_record("done", 1)])
    same = replay([_record("undo", 2)], state)
    assert same is state and state[("I.1.a", 5)].status == "open" and len(state[("I.1.a", 5)].history) == 2


def test_a_move_hands_every_month_to_the_new_id():
    records = [_record("done", 1), _record("done", 2, month=6), _record("move", 3, action="I.1.b", month=0, moved_from="I.1.a")]
    state = replay(records)
    assert set(state) == {("I.1.b", 5), ("I.1.b", 6)}
    assert state[("I.1.b", 5)].status == "done" and state[("I.1.b", 5)].action == "I.1.b"


def test_a_move_onto_an_id_with_records_replays_both_by_time():
    # After a hand edit or a merge: the undo (day 4, new id) comes after the done (day 2, old id).
    records = [_record("undo", 4, action="I.1.b"), _record("done", 2), _record("move", 5, action="I.1.b", month=0, moved_from="I.1.a")]
    occ = replay(records)[("I.1.b", 5)]
    assert [r.event for r in occ.history] == ["done", "undo"] and occ.status == "open"


# ---------------------------------------------------------------- evidence that counts


def test_an_undo_withdraws_all_so_far():
    add, undo, again = _record("done", 1, evidence=(FOTO, LINK)), _record("undo", 2, note="salah"), _record("done", 3, evidence=(SK,))
    current, withdrawn = sort_evidence([add, undo, again])
    assert current == [(again, SK)]
    assert [(w.added, w.entry, w.by) for w in withdrawn] == [(add, FOTO, undo), (add, LINK, undo)]


def test_a_replace_withdraws_only_what_it_names():
    add = _record("done", 1, evidence=(FOTO, SK))
    replace = _record("replace", 2, evidence=(EvidenceEntry(path="x/foto-2.jpg", sha256="d" * 64, size=3),), replaces=(FOTO,))
    current, withdrawn = sort_evidence([add, replace])
    assert [e for _r, e in current] == [SK, replace.evidence[0]]
    assert [(w.entry, w.by) for w in withdrawn] == [(FOTO, replace)]


def test_a_replace_matches_path_and_hash_both():
    other = FOTO._replace(sha256="e" * 64)  # same name, other content: not the file it names
    current, withdrawn = sort_evidence([_record("done", 1, evidence=(FOTO,)), _record("replace", 2, evidence=(SK,), replaces=(other,))])
    assert [e for _r, e in current] == [FOTO, SK] and withdrawn == []


def test_a_restore_adds_nothing():
    add = _record("done", 1, evidence=(FOTO,))
    current, withdrawn = sort_evidence([add, _record("restore", 2, evidence=(FOTO,), replaces=(FOTO._replace(path="x.damaged"),))])
    assert current == [(add, FOTO)] and withdrawn == []


@pytest.mark.parametrize("event", ["done", "evidence", "undo", "replace", "restore"])
def test_one_record_alone_counts_as_in_a_longer_history(event):
    only = _record(event, 2, evidence=(FOTO, LINK), replaces=(SK,))
    # The same record after one with no evidence: the general way, which the shortcut for one record must agree with.
    assert sort_evidence([only]) == sort_evidence([_record("evidence", 1), only])


def test_the_occurrence_properties_say_the_same():
    occ = replay([_record("done", 1, evidence=(FOTO,)), _record("undo", 2)])[("I.1.a", 5)]
    assert occ.evidence == [] and [w.entry for w in occ.withdrawn] == [FOTO]


def test_withdrawal_text():
    assert withdrawal_text(_record("undo", 2, note="foto salah")) == "reopened 2023-05-02 by Yulius: foto salah"
    assert withdrawal_text(_record("replace", 9)) == "replaced 2023-05-09 by Yulius"


# ---------------------------------------------------------------- the journal


def test_a_journal_answers_for_occurrences_it_has_never_seen():
    journal = Journal(Path("j.yaml"), Path("e"), [], {})
    assert journal.occurrence("I.1.a", 5) == Occurrence("I.1.a", 5) and not journal.is_done("I.1.a", 5)
    assert journal.occurrences == {}  # asking adds nothing


def test_extend_moves_the_state_on_and_keeps_answers_apart():
    journal = Journal(Path("j.yaml"), Path("e"), [], {})
    answer = _AnswerLike({"event": "answer", "lke": "P.1.i.a", "value": "Ya"})
    journal.extend([_record("done", 1), answer])
    assert journal.is_done("I.1.a", 5) and journal.records == [_record("done", 1)]
    assert journal.answers == [{"event": "answer", "lke": "P.1.i.a", "value": "Ya"}]
    journal.extend([_record("undo", 2)])
    assert not journal.is_done("I.1.a", 5) and len(journal.occurrence("I.1.a", 5).history) == 2


class _AnswerLike:
    """An LKE answer record as zi_plan.lke.answers passes it: anything with to_dict() that is not a Record."""

    def __init__(self, data: dict) -> None:
        self.data = data

    def to_dict(self) -> dict:
        return dict(self.data)
