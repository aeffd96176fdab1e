"""Recording the plan month by month: what is due, done, undo, show.

Plain functions over a LoadedPlan and its Journal; the CLI only prints what
they return.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Optional

from zi_plan.errors import ZiError
from zi_plan.fs.fsguard import reason
from zi_plan.fs.sharing import blocked
from zi_plan.i18n import _, month_name
from zi_plan.model import status
from zi_plan.model.fingerprint import fingerprint
from zi_plan.model.journal import EvidenceEntry, Journal, Occurrence, Record
from zi_plan.model.months import future_message, is_future
from zi_plan.model.plan import ActionView, LoadedPlan
from zi_plan.model.status import check_month, now
from zi_plan.store.journal import append_records, load_journal, lock
from zi_plan.store.workspace import journal_paths, require_deliberate

# ---------------------------------------------------------------- done / undo


def default_author(where: Path) -> str:
    """git's user.name (as the office's repository knows it), else the OS user."""
    import getpass  # here: only `zi done` and `zi undo` need them, not `zi due`
    import subprocess  # subprocess: only when git names the author

    try:
        result = subprocess.run(
            ["git", "config", "user.name"], cwd=where, capture_output=True, text=True, timeout=5, check=False
        )
        name = result.stdout.strip()
        if result.returncode == 0 and name:
            return name
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getuser raises several kinds when no user is known
        return os.environ.get("USERNAME") or "unknown"


def pick_month(action: ActionView, journal: Journal, current: int) -> int:
    """This month if scheduled and open, else the earliest open overdue one.

    When every occurrence due by now is done, the latest of them is returned,
    so that the caller says "already done ... use --add" as for --month.
    """
    if not action.months:
        raise ZiError(_("{id} is not scheduled yet (no months in the plan): name the month with --month").format(id=action.id))
    if current in action.months and not journal.is_done(action.id, current):
        return current
    for m in action.months:
        if m < current and not journal.is_done(action.id, m):
            return m
    past = [m for m in action.months if m <= current]
    if past:
        return past[-1]
    months = ", ".join(month_name(m) for m in action.months)
    raise ZiError(
        _("{id} has no open occurrence due by {month}; it is scheduled in: {months}. Name the month with --month").format(
            id=action.id, month=month_name(current), months=months
        )
    )


class Recorded(NamedTuple):
    record: Record
    journal: Journal
    action: ActionView


def record_done(
    plan: LoadedPlan,
    action_id: str,
    *,
    month: Optional[int] = None,
    evidence: Sequence[str] = (),
    note: Optional[str] = None,
    by: Optional[str] = None,
    add: bool = False,
    force: bool = False,
) -> Recorded:
    """Record an occurrence as done (or, with ``add``, add evidence to a done one).

    A month that has not begun needs ``force``: 12 typed for 2 must not pass.
    """
    from zi_plan.store import evidence as store  # the evidence store pulls hashing and the atomic writers (~10 ms): only commands that touch evidence pay

    may_write(plan)  # before the id or the month is checked against a plan nobody chose
    action = plan.action(action_id)
    if month is not None:
        check_month(month)
        if month not in action.months and action.months:  # an unscheduled action is done in the month named
            raise not_scheduled(action, month)
        if not add and not force and is_future(plan.year, month, status.today()):
            raise ZiError(future_message(action.id, plan.year, month, status.today()))
    if add and not evidence and not note:
        raise ZiError(_("--add needs something to add: --evidence FILE_OR_URL or --note TEXT"), exit_code=2)
    sources = store.parse_sources(list(evidence))
    with writing(plan) as journal:
        chosen = month if month is not None else pick_month(action, journal, status.as_of_month(plan.year))
        occ = journal.occurrence(action.id, chosen)
        when = f"{action.id} {month_name(chosen)} {plan.year}"
        if add and occ.status != "done":
            raise ZiError(
                _("{when} is not done yet: record it with 'zi done {id} --month {month}' first").format(when=when, id=action.id, month=chosen)
            )
        if not add and occ.status == "done":
            assert occ.done is not None
            raise ZiError(
                _("{when} is already done (recorded {at} by {by}); nothing recorded. "
                  "To add evidence: zi done {id} --month {month} --add --evidence FILE").format(
                    when=when, at=f"{occ.done.at:%Y-%m-%d %H:%M}", by=occ.done.by, id=action.id, month=chosen
                )
            )  # fmt: skip
        created: list[Path] = []
        try:
            entries = list(dict.fromkeys(store.store(journal, action, chosen, plan.year, s, created) for s in sources))
            if add:
                refuse_repeated(occ, entries, when)
            record = Record(
                action=action.id,
                month=chosen,
                event="evidence" if add else "done",
                at=now(),
                by=author(plan, by),
                note=note.strip() if note and note.strip() else None,
                evidence=tuple(entries),
                fingerprint=fingerprint(action),
                indicator=action.indicator,
            )
            append_records(journal, plan, [record])
        except BaseException:
            # Nothing half-done: no stored file stays without its record.
            store.discard(created)
            raise
    return Recorded(record, journal, action)


def undo(plan: LoadedPlan, action_id: str, month: int, *, note: Optional[str] = None, by: Optional[str] = None) -> Recorded:
    """Reopen a done occurrence; the journal keeps the history."""

    may_write(plan)
    action = plan.action(action_id)
    check_month(month)
    with writing(plan) as journal:
        if not journal.is_done(action.id, month):
            if action.months and month not in action.months:
                raise not_scheduled(action, month)
            raise ZiError(
                _("{id} {month} {year} is not done, so there is nothing to undo").format(id=action.id, month=month_name(month), year=plan.year)
            )
        record = Record(action=action.id, month=month, event="undo", at=now(), by=author(plan, by), note=note,
                        fingerprint=fingerprint(action), indicator=action.indicator)  # fmt: skip
        append_records(journal, plan, [record])
    return Recorded(record, journal, action)


def refuse_repeated(occ: Occurrence, entries: Sequence[Any], when: str) -> None:
    """`--add` of a file or link the occurrence already has would only list it twice."""
    since = max((i for i, r in enumerate(occ.history) if r.event == "undo"), default=-1)  # evidence before an undo is not this one's
    kept = {(e.path, e.url) for r in occ.history[since + 1:] for e in r.evidence}
    for entry in entries:
        if (entry.path, entry.url) in kept:
            raise ZiError(_("{what} is already stored for {when}; nothing recorded").format(what=entry.url or entry.name or entry.path, when=when))


def not_scheduled(action: ActionView, month: int) -> ZiError:
    months = ", ".join(f"{month_name(m)} ({m})" for m in action.months)
    return ZiError(_("{id} is not scheduled in {month}; its months are {months}").format(id=action.id, month=month_name(month), months=months))


def author(plan: LoadedPlan, by: Optional[str]) -> str:
    return by.strip() if by and by.strip() else default_author(plan.path.parent)


def may_write(plan: LoadedPlan) -> None:
    """Refuse, first of all, to record against the bundled plan that nobody asked for.

    Every writing command calls this before it looks at the id or the month
    typed: checking them against a plan the user did not mean says the wrong thing.
    """

    require_deliberate(plan.found_by, plan.path, journal_paths(plan)[0])


@contextlib.contextmanager
def writing(plan: LoadedPlan) -> Iterator[Journal]:
    """The plan's journal, loaded under its lock, for one change.

    The folder is checked for writing before anything is copied.
    """

    from filelock import Timeout  # filelock: for writers only

    from zi_plan.fs.files import ensure_writable  # the atomic writers pull tempfile and shutil (~6 ms): for writers only, off the reading path
    from zi_plan.store.evidence import clean_partials  # the evidence store pulls hashing and the atomic writers (~10 ms): only commands that touch evidence pay

    may_write(plan)
    journal_path, _evidence = journal_paths(plan)
    ensure_writable(journal_path.parent)
    writers = lock(journal_path)
    try:
        writers.acquire()
    except Timeout:
        raise ZiError(
            _("another zi is writing {path} and did not finish within a minute; try again").format(path=journal_path)
        ) from None
    except OSError as exc:  # something other than a file where the lock goes, a full disk, a colleague's lock ...

        why = blocked(Path(writers.lock_file)) if isinstance(exc, PermissionError) else None
        raise ZiError(_("cannot take the lock {path}: {reason}").format(path=writers.lock_file, reason=reason(exc)) + (f"; {why}" if why else "")) from None
    try:
        locked_at = time.time()
        journal = load_journal(plan)
        # Every copy is made under this lock: one found now was left by a killed writer.
        clean_partials(journal, locked_at)
        yield journal
    finally:
        writers.release()


# ---------------------------------------------------------------- show


def show(plan: LoadedPlan, journal: Journal, action_id: str, as_of: Optional[int] = None) -> dict[str, Any]:
    """One action in full, with each occurrence and its evidence, marked as of
    month ``as_of`` (default: the plan's as-of month) as `zi team` and the exports mark it."""
    action = plan.action(action_id)
    as_of = status.as_of_month(plan.year) if as_of is None else check_month(as_of)
    occurrences = []
    evidence: list[dict[str, Any]] = []
    withdrawn: list[dict[str, Any]] = []
    # An action not scheduled yet shows the months work was recorded in.
    months = action.months or tuple(m for m in range(1, 13) if journal.occurrence(action.id, m).history)
    for m in months:
        occ = journal.occurrence(action.id, m)
        done = occ.done
        marked = status.mark(occ, as_of, plan.year)
        occurrences.append(
            {
                "month": m,
                "month_name": month_name(m),
                "status": occ.status,
                "mark": marked,  # done, done-late, overdue or open: as zi team, zi due and the exports say
                "late": marked in ("done-late", "overdue"),
                "overdue": marked == "overdue",
                "done_at": done.at.isoformat() if done else None,
                "done_by": done.by if done else None,
                "note": done.note if done else None,
                "history": [
                    {"event": r.event, "at": r.at.isoformat(), "by": r.by, "note": r.note} for r in occ.history
                ],
            }
        )
        evidence.extend(_evidence_item(journal, m, record, entry) for record, entry in occ.evidence)
        withdrawn.extend(_evidence_item(journal, m, w.added, w.entry) | {"withdrawn": {
            "event": w.by.event, "at": w.by.at.isoformat(), "by": w.by.by, "note": w.by.note}} for w in occ.withdrawn)  # fmt: skip
    return action.to_json() | {
        "as_of_month": as_of,
        "evidence_expected": list(action.evidence),
        "journal": str(journal.path),
        "occurrences": occurrences,
        "evidence": evidence,
        "withdrawn_evidence": withdrawn,
    }


def _evidence_item(journal: Journal, month: int, record: Record, entry: EvidenceEntry) -> dict[str, Any]:
    item: dict[str, Any] = {"month": month, "recorded_at": record.at.isoformat(), "recorded_by": record.by}
    if entry.url is not None:
        return item | {"url": entry.url}
    assert entry.path is not None
    from zi_plan.store.evidence import path_for_user  # the evidence store pulls hashing and the atomic writers (~10 ms): only commands that touch evidence pay

    return item | {"path": path_for_user(journal, entry.path), "stored_as": entry.path,
                   "name": entry.name, "sha256": entry.sha256, "size": entry.size}  # fmt: skip
