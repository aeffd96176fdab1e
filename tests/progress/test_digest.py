"""progress.digest: each team's month (due, overdue, done since the last digest), and its messages within WhatsApp's limit."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import digests
from tests.conftest import PLAN
from tests.journals import journal_of, record
from zi_plan import i18n
from zi_plan.progress import digest
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan

# ---------------------------------------------------------------- each team's month

PAPUA = dt.timezone(dt.timedelta(hours=9))  # the office's clock: records carry it


def test_the_window_is_the_month_before():
    assert digest.window(4, 2023) == (dt.date(2023, 3, 1), dt.date(2023, 4, 1))
    assert digest.window(1, 2023) == (dt.date(2022, 12, 1), dt.date(2023, 1, 1))  # January looks back at December


@pytest.mark.parametrize(("month", "year", "day"), [(4, 2023, 30), (2, 2024, 29), (2, 2023, 28), (12, 2023, 31)])
def test_the_deadline_is_the_months_last_day(month, year, day):
    assert digest.last_day(month, year) == dt.date(year, month, day)


def test_every_team_with_actions_gets_its_digest_with_what_was_done_since(tmp_path):
    plan = load_plan(digests.sign(digests.office(tmp_path)))
    found = digest.digests(plan, load_journal(plan), 4)
    assert [d.team.id for d in found] == digests.TEAMS
    done = {d.team.id: [(x.action.id, x.month, x.record.by) for x in d.done_since] for d in found}
    # Recorded in March, in the order recorded; I.1.a (February) was March's news, II.2.a (April) is May's; V.2.a was undone.
    assert done == {"manajemen-perubahan": [], "tata-laksana": [], "sdm": [("III.2.a", 1, "Maria Yesnath"), ("III.4.a", 1, "Maria Yesnath")],
                    "akuntabilitas": [], "pengawasan": [("V.1.a", 4, "Yohanis Baru")], "pelayanan-publik": []}  # fmt: skip
    sdm = found[2]
    assert (sdm.month, sdm.year, sdm.deadline, sdm.coordinator.name, sdm.institution) == (4, 2023, dt.date(2023, 4, 30), "Yulius Tabate", plan.institution)
    assert [d.action.id for d in sdm.due] == ["III.3.a", "III.3.d", "III.5.a", "III.6.a"] and all(d.month < 4 for d in sdm.overdue)


def test_done_since_goes_by_the_records_own_date():
    plan = load_plan(PLAN)
    journal = journal_of(plan, record("III.2.a", 1, at=dt.datetime(2023, 3, 1, 0, 5, tzinfo=PAPUA)),  # 28 February in UTC: still March here
                         record("III.4.a", 1, at=dt.datetime(2023, 4, 1, 0, 30, tzinfo=PAPUA)))  # fmt: skip
    (sdm,) = digest.digests(plan, journal, 4, "sdm")
    assert [d.action.id for d in sdm.done_since] == ["III.2.a"]


def test_a_month_the_plan_no_longer_has_is_set_aside():
    plan = load_plan(PLAN)  # III.2.a is scheduled in January only
    journal = journal_of(plan, record("III.2.a", 7, at=dt.datetime(2023, 3, 10, 9, 0, tzinfo=PAPUA)))
    assert digest.digests(plan, journal, 4, "sdm")[0].done_since == []


def test_a_plan_without_a_coordinator_is_noted(tmp_path):
    office = digests.office(tmp_path)
    assert digest.plan_notes(load_plan(office)) == [
        "the plan names no coordinator: the digest is signed by the role only; add coordinator: name: to the plan"]
    assert digest.plan_notes(load_plan(digests.sign(office))) == []


def test_the_digest_speaks_indonesian_unless_a_language_was_asked_for(monkeypatch):
    with digest.speaking(None) as chosen:
        assert chosen == "id" and i18n.language() == "id"
    assert i18n.language() == "en"  # the terminal's language again
    monkeypatch.setattr(i18n, "_asked", "en")
    with digest.speaking(None) as chosen:
        assert chosen == "en"
    with digest.speaking("id") as chosen:
        assert chosen == "id"


def test_json_of_a_digest(tmp_path):
    plan = load_plan(digests.sign(digests.office(tmp_path)))
    (d,) = digest.digests(plan, load_journal(plan), 4, "pengawasan")
    data = digest.to_json(d, ["pesan"])
    assert (data["team_id"], data["deadline"], data["done_since"], data["messages"]) == ("pengawasan", "2023-04-30", {"from": "2023-03-01", "until": "2023-04-01"}, ["pesan"])
    assert data["done"] == [{"id": "V.1.a", "month": 4, "at": "2023-03-28T10:00:00+09:00", "by": "Yohanis Baru"}]
    first = data["due"][0]
    assert (first["id"], first["status"], first["done_by"]) == ("V.1.a", "done", "Yohanis Baru") and first["evidence_expected"]


# ---------------------------------------------------------------- WhatsApp's limit


def _long_digest() -> digest.Digest:
    """The busiest team's December: 11 due and 40 overdue occurrences, nothing done."""
    plan = load_plan(PLAN)
    (d,) = digest.digests(plan, load_journal(plan), 12, "pengawasan")
    return d


@pytest.mark.parametrize("limit", [300, 700, 1500, 4096])
def test_messages_stay_within_the_limit_and_lines_stay_whole(limit):
    d = _long_digest()
    lines = [line for block in digest.blocks(d) for line in block]
    messages = digest.split(digest.blocks(d), limit, "Tim Pengawasan · Desember 2023")
    assert all(digest.length(m) <= limit for m in messages)
    if len(messages) > 1:
        assert all(m.startswith(f"({i}/{len(messages)}) Tim Pengawasan · Desember 2023\n") for i, m in enumerate(messages, 1))
        bodies = [m.split("\n", 1)[1] for m in messages]
    else:
        bodies = messages
    kept = [line for body in bodies for line in body.split("\n")]
    assert [line for line in kept if line] == [line for line in lines if line]  # every line, whole, in order
    # An entry stays with its evidence line: no message starts with one.
    assert not any(body.startswith("  ") for body in bodies)


def test_emoji_count_double_as_in_whatsapp():
    assert digest.length("✓") == 1 and digest.length("🙂") == 2


def test_a_line_longer_than_a_message_is_broken_between_words_only_then():
    line = " ".join(["kata"] * 200)  # 999 characters
    parts = [["judul"], [line], ["akhir"]]
    messages = digest.split(parts, 300, "Tim")
    assert all(digest.length(m) <= 300 for m in messages)
    words = " ".join(m.split("\n", 1)[1] for m in messages).replace("\n", " ").split()
    assert words == ["judul", *["kata"] * 200, "akhir"]


