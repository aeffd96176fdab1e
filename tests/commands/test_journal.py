"""`zi journal accept` and `zi journal move`: what the commands print, in both languages, and their exit codes."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan


@pytest.fixture
def amended(zi, write_plan):
    """I.1.a done, then its indicator reworded by an amending decree."""
    plan = write_plan()
    assert zi("done", "I.1.a", "--month", "1", "--by", "Ani", "--plan", str(plan)).code == 0
    return write_plan(MINIMAL.replace("SK Tim Kerja terbit", "SK Tim Kerja ZI terbit"))


def test_accept_says_what_now_counts(zi, amended):
    result = zi("journal", "accept", "I.1.a", "--note", "SK perubahan", "--by", "Budi", "--plan", str(amended))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "plan plan.yaml · journal plan.progress.yaml"
    assert lines[1] == "accepted: the records of I.1.a “SK Tim Kerja ZI terbit” count for its present text; journal plan.progress.yaml"
    assert "warning" not in result.err  # the record just written settles what the warning was about
    assert load_journal(load_plan(amended)).findings == []


def test_accept_with_nothing_to_accept_in_indonesian(zi, write_plan):
    result = zi("--lang", "id", "journal", "accept", "I.1.a", "--plan", str(write_plan()))
    assert result.code == 1
    assert "tidak ada yang perlu diterima: semua catatan I.1.a dibuat untuk teksnya sekarang" in result.err


def test_move_counts_the_records_moved(zi, write_plan):
    plan = write_plan()
    assert zi("done", "I.1.a", "--month", "1", "--by", "Ani", "--plan", str(plan)).code == 0
    assert zi("done", "I.1.a", "--month", "1", "--add", "--note", "notula", "--by", "Ani", "--plan", str(plan)).code == 0
    result = zi("journal", "move", "I.1.a", "I.1.b", "--plan", str(plan))
    assert result.code == 0, result.err
    assert result.out.splitlines()[1] == "2 records of I.1.a now count for I.1.b; journal plan.progress.yaml"
    again = zi("--lang", "id", "journal", "move", "I.1.b", "I.1.a", "--plan", str(plan))
    assert again.out.splitlines()[1] == "2 catatan I.1.b sekarang dihitung untuk I.1.a; jurnal plan.progress.yaml"


def test_move_to_the_same_action_is_a_usage_mistake(zi, write_plan):
    plan = write_plan()
    zi("done", "I.1.a", "--month", "1", "--plan", str(plan))
    result = zi("journal", "move", "I.1.a", "I.1.a", "--plan", str(plan))
    assert result.code == 2 and "same action" in result.err


def test_the_group_without_a_command_shows_its_help(zi):
    result = zi("journal")
    assert "accept" in result.out + result.err and "move" in result.out + result.err
