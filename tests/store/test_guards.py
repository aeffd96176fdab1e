"""store/guards: the bundled plan refused for a script unless chosen; documents refused while ids are shifted."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.journals import journal_of, plan_at, record
from zi_plan.errors import ZiError
from zi_plan.model.journal import Finding, Journal
from zi_plan.progress.amend import move
from zi_plan.progress.recording import record_done
from zi_plan.store import guards
from zi_plan.store.guards import refuse_shifted, refuse_unchosen_bundled, shifted_moves, to_terminal
from zi_plan.store.journal import load_journal

BUNDLED = Path("/somewhere/zi_plan/plans/tambrauw-2023.yaml")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _NoTerminal:
    """Something put in place of stdout without isatty (a logging shim, say)."""

    def write(self, text: str) -> int:
        return len(text)


# ---------------------------------------------------------------- to_terminal


def test_a_terminal_is_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert to_terminal() is True


def test_a_pipe_or_file_is_not(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert to_terminal() is False


def test_a_closed_or_odd_stdout_is_not_a_terminal(monkeypatch):
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    assert to_terminal() is False
    monkeypatch.setattr(sys, "stdout", _NoTerminal())
    assert to_terminal() is False


# ---------------------------------------------------------------- refuse_unchosen_bundled


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "to_terminal", lambda: True)


@pytest.fixture
def pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "to_terminal", lambda: False)


def test_the_bundled_plan_found_by_default_is_refused_for_a_pipe(pipe):
    with pytest.raises(ZiError) as caught:
        refuse_unchosen_bundled("bundled", BUNDLED)
    message = caught.value.message
    assert message.startswith("no plan found in this folder or above it (zi looks for a folder holding plans/*.yaml), and the plan bundled with zi, tambrauw-2023.yaml,")
    assert "--plan PATH" in message and message.endswith("add --plan bundled (or set ZI_PLAN=bundled)")
    assert "/somewhere" not in message and caught.value.exit_code == 1


def test_scripted_output_refuses_it_even_at_a_terminal(terminal):
    with pytest.raises(ZiError, match="--plan bundled"):
        refuse_unchosen_bundled("bundled", BUNDLED, scripted=True)


def test_at_a_terminal_a_person_reads_it(terminal):
    refuse_unchosen_bundled("bundled", BUNDLED)  # the first line says "(bundled with zi)": no refusal


@pytest.mark.parametrize("found_by", ["option", "env", "folder"])
@pytest.mark.parametrize("scripted", [False, True])
def test_a_plan_chosen_or_found_in_the_folder_is_never_refused(pipe, found_by, scripted):
    refuse_unchosen_bundled(found_by, BUNDLED, scripted=scripted)  # --plan bundled and ZI_PLAN=bundled arrive as option and env


def test_the_bundled_refusal_in_indonesian(pipe, indonesian):
    with pytest.raises(ZiError) as caught:
        refuse_unchosen_bundled("bundled", BUNDLED)
    assert "--plan bundled" in caught.value.message and "ZI_PLAN=bundled" in caught.value.message and "no plan found" not in caught.value.message


# ---------------------------------------------------------------- shifted_moves and refuse_shifted


def _journal(tmp_path: Path, *moves: tuple[str, str | None], kind: str = "changed") -> Journal:
    """A journal whose findings say: the records of OLD were made for the text NEW now holds."""
    journal = journal_of(plan_at(tmp_path))
    for n, (old, new) in enumerate(moves):
        journal.findings.append(Finding(n, n + 4, kind, record(old, 1), old, new))  # type: ignore[arg-type]
    return journal


def _works(moves: list[tuple[str, str]]) -> bool:
    """Whether `zi journal move` accepts the moves in this order: no id receives records while it still has its own."""
    holding = {old for old, _new in moves}
    for old, new in moves:
        if new in holding:
            return False
        holding.discard(old)
    return True


def test_nothing_shifted_lets_documents_be_written(tmp_path):
    journal = _journal(tmp_path)
    assert shifted_moves(journal) == []
    refuse_shifted(journal)


def test_one_shifted_id_is_one_move(tmp_path):
    journal = _journal(tmp_path, ("I.1.a", "I.1.b"), ("I.1.a", "I.1.b"), ("I.1.a", "II.1.a"))  # later findings of I.1.a: the first stands
    assert shifted_moves(journal) == [("I.1.a", "I.1.b")]
    with pytest.raises(ZiError) as caught:
        refuse_shifted(journal)
    assert caught.value.message == (
        "the journal has records whose action now has another id (I.1.a → I.1.b): this document would count them for the action that "
        "took their old id. Run zi journal move I.1.a I.1.b, in that order (zi verify lists the records); or add --force to write it as the ids stand"
    )  # fmt: skip


def test_only_a_changed_text_found_elsewhere_is_a_move(tmp_path):
    assert shifted_moves(_journal(tmp_path, ("I.1.a", None))) == []  # reworded: no action holds the old text
    assert shifted_moves(_journal(tmp_path, ("I.1.a", "I.1.b"), kind="removed")) == []
    refuse_shifted(_journal(tmp_path, ("I.1.a", None)))


@pytest.mark.parametrize(
    "found",
    [[("I.1.a", "I.1.b"), ("I.1.b", "I.1.c")], [("I.1.b", "I.1.c"), ("I.1.a", "I.1.b")],
     [("I.1.a", "I.1.b"), ("I.1.b", "I.1.c"), ("I.1.c", "I.1.d"), ("II.1.a", "II.1.b")],
     [("I.1.c", "I.1.d"), ("I.1.a", "I.1.b"), ("I.1.b", "I.1.c")]],
)  # fmt: skip
def test_a_chain_of_shifted_ids_is_listed_in_an_order_that_works(tmp_path, found):
    moves = shifted_moves(_journal(tmp_path, *found))
    assert sorted(moves) == sorted(found) and _works(moves)


def test_the_chain_from_an_inserted_action(tmp_path):
    moves = shifted_moves(_journal(tmp_path, ("I.1.a", "I.1.b"), ("I.1.b", "I.1.c"), ("I.1.c", "I.1.d")))
    assert moves == [("I.1.c", "I.1.d"), ("I.1.b", "I.1.c"), ("I.1.a", "I.1.b")]
    with pytest.raises(ZiError) as caught:
        refuse_shifted(_journal(tmp_path, ("I.1.a", "I.1.b"), ("I.1.b", "I.1.c"), ("I.1.c", "I.1.d")))
    message = caught.value.message
    assert message.startswith("the journal has records whose actions now have other ids (I.1.c → I.1.d, I.1.b → I.1.c, I.1.a → I.1.b)")
    assert "Run zi journal move I.1.c I.1.d, zi journal move I.1.b I.1.c, zi journal move I.1.a I.1.b, in that order" in message


def test_ids_swapped_in_a_ring_are_all_listed(tmp_path):
    moves = shifted_moves(_journal(tmp_path, ("I.1.a", "I.1.b"), ("I.1.b", "I.1.a"), ("II.1.a", "II.1.b")))
    assert moves[0] == ("II.1.a", "II.1.b")  # what can be ordered comes first
    assert sorted(moves[1:]) == [("I.1.a", "I.1.b"), ("I.1.b", "I.1.a")]


def test_force_writes_the_document_as_the_ids_stand(tmp_path):
    refuse_shifted(_journal(tmp_path, ("I.1.a", "I.1.b"), ("I.1.b", "I.1.c")), force=True)


def test_the_shifted_refusal_in_indonesian(tmp_path, indonesian):
    with pytest.raises(ZiError) as caught:
        refuse_shifted(_journal(tmp_path, ("I.1.a", "I.1.b")))
    assert caught.value.message.startswith("jurnal berisi catatan yang aksinya kini ber-id lain (I.1.a → I.1.b)")
    assert "zi journal move I.1.a I.1.b" in caught.value.message


SK = "          - indicator: SK Tim Kerja terbit\n"
THIRD = "          - indicator: Pakta integritas\n            steps: [Tanda tangan]\n            evidence: [Pakta]\n            months: [3]\n"
FIRST = "          - indicator: Rapat pembentukan tim\n            steps: [Rapat]\n            evidence: [Notulen]\n            months: [1]\n"


def test_the_moves_listed_for_a_real_insertion_are_accepted_in_that_order(tmp_path):
    three = MINIMAL.replace("            months: [2]\n", "            months: [2]\n" + THIRD, 1)  # I.1.a, I.1.b, I.1.c
    plan = plan_at(tmp_path, three)
    for action, month in (("I.1.a", 1), ("I.1.b", 2), ("I.1.c", 3)):
        record_done(plan, action, month=month, by="Ani")
    amended = plan_at(tmp_path, three.replace(SK, FIRST + SK, 1))  # a new first action: every id of the item shifts by one
    assert amended.action("I.1.a").indicator == "Rapat pembentukan tim"
    moves = shifted_moves(load_journal(amended))
    assert moves == [("I.1.c", "I.1.d"), ("I.1.b", "I.1.c"), ("I.1.a", "I.1.b")]
    for old, new in moves:
        move(amended, old, new, by="Budi")  # refused if an id still held records of its own
    settled = load_journal(amended)
    assert shifted_moves(settled) == [] and settled.findings == []
    assert [settled.is_done(a, m) for a, m in (("I.1.b", 1), ("I.1.c", 2), ("I.1.d", 3), ("I.1.a", 1))] == [True, True, True, False]
