"""Which months of each action a journal has done, read off its cached rows.

`zi due` asks of every action whether each month up to now is done. On a
year's journal (100,000 records) building every Record to replay them costs
most of a second, for an answer that depends only on the order of each
occurrence's 'done' and 'undo' events. So this reads the events off the
rows the cache gave (zi_plan.store.journal_cache), and replays the records
of an occurrence in full only when a command shows it. A 'move' record hands
one id's occurrences to another, which only the full replay knows how to do:
a journal with one is read through its occurrences, as before, as is one
that did not come from the cache.
"""

from __future__ import annotations

from typing import Any

from zi_plan.model.journal import Journal, Occurrence, is_answer, replay
from zi_plan.store.journal_cache import LoadedJournal, decode


class JournalState:
    """What a journal says of each occurrence: ``done`` for all of them at once, ``occurrence`` one by one."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        # action id -> the months it is done in, as bits (bit m-1 for month m)
        self.done: dict[str, int] = {}
        self.answers: list[dict[str, Any]] = []  # the LKE records (Journal.answers), met on the way
        self._rows: list[Any] | None = None
        self._of_action: dict[str, list[int]] | None = None  # row numbers of each action's records
        self._replayed: dict[str, dict[tuple[str, int], Occurrence]] = {}
        rows = journal.rows if isinstance(journal, LoadedJournal) and not getattr(journal, "has_moves", False) else None
        if rows is None or not self._read_rows(rows):
            self.done, self.answers = {}, journal.answers
            for (action, month), occ in journal.occurrences.items():
                if occ.status == "done" and 1 <= month <= 12:
                    self.done[action] = self.done.get(action, 0) | 1 << (month - 1)

    def _read_rows(self, rows: list[Any]) -> bool:
        """``done`` from the rows' events, in order; False if a 'move' needs the full replay."""
        done = self.done
        for row in rows:
            if type(row) is tuple:
                action, month, event = row[0], row[1], row[2]
            elif is_answer(row):
                self.answers.append(row)
                continue
            else:  # a record kept as its mapping (zi_plan.store.journal_cache.encode)
                action, month, event = row["action"], row.get("month") or 0, row["event"]
            if event == "done" or event == "undo":
                if not (isinstance(month, int) and 1 <= month <= 12):
                    continue  # a month no plan has: never due (and set aside by zi_plan.store.amendments)
                bits = done.get(action, 0)
                done[action] = bits | 1 << (month - 1) if event == "done" else bits & ~(1 << (month - 1))
            elif event == "move":
                return False
        self._rows = rows
        return True

    def is_done(self, action_id: str, month: int) -> bool:
        return bool(self.done.get(action_id, 0) >> (month - 1) & 1)

    def occurrence(self, action_id: str, month: int) -> Occurrence:
        """The occurrence in full (its history, the record that made it done), as ``Journal.occurrence`` gives it."""
        if self._rows is None:
            return self.journal.occurrence(action_id, month)
        state = self._replayed.get(action_id)
        if state is None:
            if self._of_action is None:
                self._of_action = {}
                for number, row in enumerate(self._rows):
                    if not is_answer(row):
                        self._of_action.setdefault(row[0] if type(row) is tuple else row["action"], []).append(number)
            # Without a 'move', each occurrence is replayed from its own records alone.
            state = self._replayed[action_id] = replay(decode(self._rows[n]) for n in self._of_action.get(action_id, ()))
        return state.get((action_id, month)) or Occurrence(action_id, month)
