"""lke.rounds: the evaluators' reviews beside the unit's answers, rounds sent and closed, each question's state,
and the verdict read from an evaluator's row. Journals are built in memory, records in the order written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zi_plan.lke.rounds import (
    STATES,
    QuestionState,
    Review,
    RoundMark,
    Rounds,
    parse_verdict,
    read_rounds,
    state_label,
    verdict,
)
from zi_plan.model.journal import Journal

WIT = dt.timezone(dt.timedelta(hours=9))
AT = dt.datetime(2024, 5, 2, 10, tzinfo=WIT)


def answer(code: str, value, **more) -> dict:
    return {"event": "answer", "lke": code, "value": value, "at": AT.isoformat(), "by": "Ani"} | more


def review(code: str, round_no: int, status: str, value=None, note: str | None = None, by: str = "TPI") -> dict:
    out = {"event": "review", "lke": code, "round": round_no, "status": status, "at": AT.isoformat(), "by": by}
    return out | ({"value": value} if value is not None else {}) | ({"note": note} if note else {})


def mark(event: str, round_no: int) -> dict:
    return {"event": event, "round": round_no, "at": AT.isoformat(), "by": "Ani"}


def journal(*rows: dict) -> Journal:
    return Journal(Path("j.yaml"), Path("e"), [], {}, answers=list(rows))


def states(*rows: dict) -> dict[str, str]:
    return {code: s.state for code, s in read_rounds(journal(*rows)).states.items()}


# ---------------------------------------------------------------- records


def test_a_review_reads_and_writes_its_record():
    row = review("P.1.i.b", 2, "revisi", "C", "mekanisme belum ada") | {"file": "tpi.xlsx", "at": "2024-05-02T01:00:00Z"}
    r = Review.from_dict(row)
    assert (r.code, r.round, r.value, r.status, r.by, r.note, r.file) == ("P.1.i.b", 2, "C", "revisi", "TPI", "mekanisme belum ada", "tpi.xlsx")
    assert r.at == dt.datetime(2024, 5, 2, 1, tzinfo=dt.timezone.utc)  # 'Z' is UTC
    assert r.to_dict() == {"event": "review", "lke": "P.1.i.b", "round": 2, "value": "C", "status": "revisi",
                           "at": "2024-05-02T01:00:00+00:00", "by": "TPI", "note": "mekanisme belum ada", "file": "tpi.xlsx"}  # fmt: skip
    assert list(r.to_dict()) == ["event", "lke", "round", "value", "status", "at", "by", "note", "file"]  # the journal's order


def test_a_review_without_value_or_note_writes_neither():
    r = Review("R.1.i.a", 1, None, "accepted", AT, "TPI")
    assert r.to_dict() == {"event": "review", "lke": "R.1.i.a", "round": 1, "status": "accepted", "at": AT.isoformat(), "by": "TPI"}
    assert Review.from_dict(r.to_dict()) == r  # a datetime read back as it was written
    assert Review.from_dict(review("P.1.i.a", 1, "accepted") | {"at": AT}).at is AT  # YAML may give a datetime already


def test_a_round_mark_names_its_round_only():
    assert RoundMark("send", 1, AT, "Ani").to_dict() == {"event": "send", "round": 1, "at": AT.isoformat(), "by": "Ani"}
    assert RoundMark("close", 2, AT, "Ani", "selesai").to_dict()["note"] == "selesai"


# ---------------------------------------------------------------- states


def test_a_question_answered_and_not_sent_is_a_draft():
    assert states(answer("P.1.i.a", "Ya")) == {"P.1.i.a": "draft"}


def test_sent_covers_what_was_answered_before_the_send_only():
    assert states(answer("P.1.i.a", "Ya"), mark("send", 1), answer("P.1.i.b", "A")) == {"P.1.i.a": "sent", "P.1.i.b": "draft"}


def test_a_review_gives_its_verdict_and_answering_again_moves_on():
    rows = [answer("P.1.i.a", "Ya"), answer("P.1.i.b", "B"), mark("send", 1),
            review("P.1.i.a", 1, "accepted", "Ya"), review("P.1.i.b", 1, "revisi", "C", "belum")]  # fmt: skip
    assert states(*rows) == {"P.1.i.a": "accepted", "P.1.i.b": "revisi"}
    rows.append(answer("P.1.i.b", "A"))
    assert states(*rows)["P.1.i.b"] == "answered_again"
    rows.append(mark("send", 1))
    assert states(*rows) == {"P.1.i.a": "accepted", "P.1.i.b": "sent"}  # an accepted answer stays accepted when the round is sent again
    rows.append(review("P.1.i.b", 1, "accepted", "A"))
    assert states(*rows)["P.1.i.b"] == "accepted"


def test_the_order_of_the_records_decides_not_their_times():
    later_answer = answer("P.1.i.a", "Ya") | {"at": "2030-01-01T00:00:00+09:00"}
    assert states(later_answer, review("P.1.i.a", 1, "revisi", "Tidak")) == {"P.1.i.a": "revisi"}


def test_a_review_of_an_unanswered_question_has_a_state_too():
    rounds = read_rounds(journal(review("P.6.iii.a", 1, "revisi", note="tidak ada jawaban")))
    [state] = rounds.states.values()
    assert (state.code, state.state, state.answer) == ("P.6.iii.a", "revisi", None)


def test_states_keep_the_journals_order_and_count_each_state():
    rounds = read_rounds(journal(answer("P.2.i.a", "A"), answer("P.1.i.a", "Ya"), mark("send", 1), answer("R.1.i.a.1", 4),
                                 review("P.1.i.a", 1, "revisi", "Tidak")))  # fmt: skip
    assert list(rounds.states) == ["P.2.i.a", "P.1.i.a", "R.1.i.a.1"]
    assert rounds.counts() == {"draft": 1, "sent": 1, "revisi": 1, "answered_again": 0, "accepted": 0}
    assert list(rounds.counts()) == list(STATES)
    assert [s.code for s in rounds.in_state("revisi")] == ["P.1.i.a"] and rounds.in_state("accepted") == []


def test_a_question_states_json():
    rounds = read_rounds(journal(answer("P.1.i.b", "B"), review("P.1.i.b", 1, "revisi", "C", "belum", by="Inspektorat")))
    assert rounds.states["P.1.i.b"].to_json() == {"code": "P.1.i.b", "state": "revisi", "unit": "B", "tpi": "C", "round": 1,
                                                  "note_tpi": "belum", "reviewer": "Inspektorat"}  # fmt: skip
    assert QuestionState("P.1.i.a", "draft", None, None).to_json() == {"code": "P.1.i.a", "state": "draft", "unit": None, "tpi": None,
                                                                       "round": None, "note_tpi": None, "reviewer": None}  # fmt: skip


# ---------------------------------------------------------------- rounds


def test_the_open_round_follows_the_last_closed():
    assert Rounds().current == 1
    assert read_rounds(journal(answer("P.1.i.a", "Ya"), mark("send", 1), mark("close", 1))).current == 2
    rounds = read_rounds(journal(mark("close", 1), mark("send", 2), mark("close", 2)))
    assert (rounds.closed, rounds.sent, rounds.current) == ([1, 2], [2], 3)


def test_the_evaluators_answers_as_of_a_round():
    rounds = read_rounds(journal(
        review("P.1.i.a", 1, "revisi", "Tidak"), review("P.1.i.b", 1, "revisi", "C"), review("R.1.i.a", 1, "revisi", note="data?"),
        mark("close", 1),
        review("P.1.i.a", 2, "accepted", "Ya"),
    ))  # fmt: skip
    assert rounds.tpi_values() == {"P.1.i.a": "Ya", "P.1.i.b": "C"}  # a note alone answers nothing
    assert rounds.tpi_values(up_to=1) == {"P.1.i.a": "Tidak", "P.1.i.b": "C"}
    assert rounds.latest_reviews()["P.1.i.a"].round == 2 and rounds.latest_reviews(1)["P.1.i.a"].round == 1
    assert set(rounds.latest_reviews()) == {"P.1.i.a", "P.1.i.b", "R.1.i.a"}
    assert [r.code for r in rounds.reviews] == ["P.1.i.a", "P.1.i.b", "R.1.i.a", "P.1.i.a"]


def test_rows_that_are_not_round_records_are_left_to_others():
    restore = {"event": "restore", "lke": "P.1.i.a", "at": AT.isoformat(), "by": "Ani", "evidence": []}
    rounds = read_rounds(journal(answer("P.1.i.a", "Ya"), restore))
    assert rounds.states["P.1.i.a"].state == "draft" and rounds.reviews == []


# ---------------------------------------------------------------- an evaluator's row


@pytest.mark.parametrize(("text", "expected"), [
    ("accepted", "accepted"), ("Diterima", "accepted"), ("  DISETUJUI ", "accepted"), ("ok", "accepted"), ("ya", "accepted"),
    ("sesuai", "accepted"), ("revisi", "revisi"), ("Perbaiki", "revisi"), ("tidak   sesuai", "revisi"), ("revision", "revisi"),
    ("", None), ("   ", None),
])  # fmt: skip
def test_parse_verdict(text, expected):
    assert parse_verdict(text) == expected


def test_an_unknown_verdict_is_refused_with_the_word_as_read():
    with pytest.raises(ValueError) as raised:
        parse_verdict("  Mungkin  Saja ")
    assert raised.value.args == ("mungkin saja",)


@pytest.mark.parametrize(("value", "note", "given", "unit", "expected"), [
    ("C", "belum", "accepted", "B", "accepted"),  # written: as written
    ("Ya", None, "revisi", "Ya", "revisi"),
    ("ya", None, None, "Ya", "accepted"),  # the unit's answer given back
    (4, None, None, 4, "accepted"),
    ("C", None, None, "B", "revisi"),  # another answer
    (None, None, None, "B", "accepted"),  # an empty row: nothing to change
    (None, "bukti kurang", None, "B", "revisi"),  # a note alone asks for a change
    ("Ya", None, None, None, "revisi"),  # the unit did not answer: the evaluator's answer is a change
])  # fmt: skip
def test_verdict_read_from_the_row(value, note, given, unit, expected):
    assert verdict(value, note, given, unit) == expected


def test_state_words():
    assert [state_label(s) for s in STATES] == ["draft", "sent", "revisi", "answered again", "accepted"]
    assert state_label("unknown") == "unknown"


def test_state_words_in_indonesian(indonesian):
    assert [state_label(s) for s in STATES] == ["draf", "terkirim", "revisi", "dijawab ulang", "diterima"]
