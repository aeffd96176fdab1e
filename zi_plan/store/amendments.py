"""When the plan changes under a journal: amended decrees, renumbered actions.

Each done/undo/evidence record carries a short fingerprint of the action it
was made for (its indicator and steps) and the indicator itself, so that zi
can tell when the action under an id is no longer the one the work was done
for — typically when an action is inserted above others whose ids are
derived from their position. Such records still count, but every command
warns and ``zi verify`` fails until someone decides: ``zi journal accept ID``
(same work, new wording) or ``zi journal move OLD NEW`` (the work belongs to
another id). Both are new records: the journal stays append-only and keeps
the history of how progress followed the amendments.

Records for actions or months the plan no longer has are set aside with a
warning, never an error: one stale record must not block every command.
"""

from __future__ import annotations

import operator
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.i18n import N_, _, month_name, ngettext
from zi_plan.model.fingerprint import WORK, fingerprint
from zi_plan.model.journal import Finding, Journal, Kind, Record, is_answer
from zi_plan.model.plan import LoadedPlan
from zi_plan.store import journal_cache

_EVENTS = {"done": N_("done"), "undo": N_("reopened"), "evidence": N_("evidence added")}


class Key(NamedTuple):
    """What the checks need of a record, read without building the Record."""

    action: str
    month: int
    event: str
    fingerprint: str | None
    accepted: str | None
    moved_from: str | None


_FIELDS = list(Record._fields)  # a cached row's order (zi_plan.store.journal_cache)
_FROM_ROW = operator.itemgetter(*(_FIELDS.index(name) for name in Key._fields))


def _key(row: Any) -> Key:
    if is_answer(row):  # an LKE answer: no action, never a finding; kept so that indices follow the text
        return Key("", 0, "answer", None, None, None)
    if isinstance(row, Record):
        return Key(row.action, row.month, row.event, row.fingerprint, row.accepted, row.moved_from)
    if isinstance(row, dict):
        return Key(row["action"], row.get("month") or 0, row["event"], row.get("fingerprint"), row.get("accepted"), row.get("from"))
    return Key._make(_FROM_ROW(row))


def keys_of(journal: Journal) -> list[Key]:
    """Every record's key, from the cached rows when the journal has them (no Records built)."""
    rows = getattr(journal, "rows", None)
    return [_key(row) for row in (rows if rows is not None else journal.records)]


def reconcile(plan: LoadedPlan, journal: Journal) -> None:
    """Set the journal's format version, findings and warnings against ``plan``."""

    source = getattr(journal, "source", None)  # what journal_cache read, if it did
    raw = source.raw if source is not None else (journal.path.read_bytes() if journal.path.exists() else b"")
    version = re.search(rb"^journal:[ \t]*(\d+)", raw, re.MULTILINE)
    journal.version = int(version.group(1)) if version else 2
    cached = journal_cache.cached_findings(journal)  # the same text checked before
    if cached is not None:
        has_moves, found = cached
        journal.findings = [Finding(i, line, kind, journal_cache.record_at(journal, i), action, elsewhere) for i, line, kind, action, elsewhere in found]
    else:
        keys = keys_of(journal)
        has_moves = any(k.event == "move" for k in keys)
        journal.findings = check_records(plan, keys, lambda: raw.decode("utf-8-sig"), lambda i: journal_cache.record_at(journal, i))
        journal_cache.remember_findings(journal, has_moves, tuple((f.index, f.line, f.kind, f.action, f.elsewhere) for f in journal.findings))
    if has_moves:
        journal.has_moves = True  # type: ignore[attr-defined]  # read by journal_cache's lazy occurrences
    journal.warnings = summarise(journal.findings, journal.path, plan)


def effective_ids(records: Sequence[Key | Record]) -> list[str]:
    """The id each record counts for, once the 'move' records are applied."""
    ids = [r.action for r in records]
    holders: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        if record.event == "move" and record.moved_from:
            moved = holders.pop(record.moved_from, [])
            for j in moved:
                ids[j] = record.action
            holders[record.action].extend(moved)
        holders[record.action].append(index)
    return ids


def _reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def check_records(plan: LoadedPlan, records: Sequence[Key], text: Callable[[], str], record_at: Callable[[int], Record]) -> list[Finding]:
    """Every record the plan no longer matches, with its line in the journal's text."""
    ids = effective_ids(records)
    accepted: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for record, action_id in zip(records, ids, strict=True):
        if record.event == "accept" and record.accepted and record.fingerprint:
            accepted[action_id][record.accepted].add(record.fingerprint)
    prints: dict[str, str] = {}
    found: list[tuple[int, Kind, str]] = []
    for index, (record, action_id) in enumerate(zip(records, ids, strict=True)):
        if record.event not in WORK:
            continue
        action = plan.by_id.get(action_id)
        if action is None:
            found.append((index, "removed", action_id))
            continue
        # A changed text first: after an insertion, the month may not fit either,
        # and "changed" is the finding that says where the work went.
        now = (prints.get(action_id) or prints.setdefault(action_id, fingerprint(action))) if record.fingerprint else None
        if record.fingerprint and record.fingerprint != now and not _reaches(accepted[action_id], record.fingerprint, now or ""):
            found.append((index, "changed", action_id))
        elif action.months and record.month not in action.months:  # not scheduled yet (plan format 2): any month
            found.append((index, "unscheduled", action_id))
    if not found:
        return []
    lines = record_lines(text(), len(records))
    by_print = {fingerprint(a): a.id for a in plan.actions} if any(k == "changed" for _i, k, _a in found) else {}
    out = []
    for index, kind, action_id in found:
        made = record_at(index)
        elsewhere = by_print.get(made.fingerprint or "") if kind == "changed" else None
        out.append(Finding(index, lines[index], kind, made, action_id, elsewhere if elsewhere != action_id else None))
    return out


def record_lines(text: str, count: int) -> list[int | None]:
    """The line where each record starts.

    zi writes every record as a '- ' line at the margin after 'records:', so
    counting those is enough and fast on a year's journal; a hand-edited
    layout that does not add up is placed through the YAML node tree.
    """
    lines: list[int | None] = []
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if not inside:
            inside = line.startswith("records:")
        elif line.startswith("- "):
            lines.append(number)
        elif line and not line[0].isspace() and not line.startswith("#"):
            break
    if len(lines) == count:
        return lines
    from zi_plan.schema import yamlio  # here, not at the top: a warm command never needs PyYAML

    root = yamlio.compose(text)
    return [yamlio.locate(root, ("records", i))[0] for i in range(count)]


def _quote(text: str | None, limit: int = 70) -> str:
    text = " ".join((text or "?").split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def summarise(findings: Sequence[Finding], path: Path, plan: LoadedPlan) -> list[str]:
    """One warning per action (and per old text): what every command says once."""
    groups: dict[tuple[Kind, str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        groups[(f.kind, f.action, (f.record.fingerprint or "") if f.kind == "changed" else "")].append(f)
    lines = []
    for (kind, action_id, _print), group in groups.items():
        first, n = group[0], len(group)
        where = f"{path}:{first.line}: "
        months = ", ".join(month_name(m) for m in sorted({f.record.month for f in group}))
        if kind == "removed":
            lines.append(where + ngettext(
                "{n} record for {id}, which the plan no longer has, is set aside; zi verify lists it, and zi journal move {id} NEW_ID gives it to another action",
                "{n} records for {id}, which the plan no longer has, are set aside; zi verify lists them, and zi journal move {id} NEW_ID gives them to another action",
                n).format(n=n, id=action_id))  # fmt: skip
        elif kind == "unscheduled":
            lines.append(where + ngettext(
                "{n} record for {id} in a month it is no longer scheduled in ({months}) is set aside; zi verify lists it",
                "{n} records for {id} in months it is no longer scheduled in ({months}) are set aside; zi verify lists them",
                n).format(n=n, id=action_id, months=months))  # fmt: skip
        else:
            lines.append(where + _changed(first, n, months, plan.by_id[action_id].indicator))
    return lines


def _changed(first: Finding, n: int, months: str, now: str) -> str:
    action_id = first.action
    if " ".join((first.record.indicator or "").split()) == " ".join(now.split()):
        # The fingerprint covers the indicator and the steps: the same indicator means the steps changed.
        message = ngettext(
            "{n} record for {id} ({months}) was made before its steps changed (its indicator still reads {new})",
            "{n} records for {id} ({months}) were made before its steps changed (its indicator still reads {new})",
            n).format(n=n, id=action_id, months=months, new=_quote(now))  # fmt: skip
    else:
        message = ngettext(
            "{n} record for {id} ({months}) was made for {old}, but {id} now reads {new}",
            "{n} records for {id} ({months}) were made for {old}, but {id} now reads {new}",
            n).format(n=n, id=action_id, months=months, old=_quote(first.record.indicator), new=_quote(now))  # fmt: skip
    return message + "; " + (
        _("that text is now {other}: if the work was for it, run zi journal move {id} {other}").format(other=first.elsewhere, id=action_id)
        if first.elsewhere else
        _("if it is the same work in new words, run zi journal accept {id}; if it belongs to another action, zi journal move {id} OTHER_ID").format(id=action_id)
    )  # fmt: skip


def describe(finding: Finding, path: Path, plan: LoadedPlan) -> str:
    """One record, for `zi verify`: where it is and what is wrong with it."""
    r = finding.record
    what = f"{path}:{finding.line}: {finding.action} {month_name(r.month)} ({_(_EVENTS[r.event])}, {r.at:%Y-%m-%d})"
    if finding.kind == "removed":
        return what + ": " + _("the plan no longer has this action; set aside")
    action = plan.by_id[finding.action]
    if finding.kind == "unscheduled":
        months = ", ".join(month_name(m) for m in action.months)
        return what + ": " + _("not scheduled in this month any more (now: {months}); set aside").format(months=months)
    if " ".join((r.indicator or "").split()) == " ".join(action.indicator.split()):
        return what + ": " + _("made before the action's steps changed (its indicator still reads {new})").format(new=_quote(action.indicator))
    return what + ": " + _("made for {old}, but the action now reads {new}").format(old=_quote(r.indicator), new=_quote(action.indicator))


def verify_lines(journal: Journal, plan: LoadedPlan) -> list[str]:
    """`zi verify`: each record the plan no longer matches, what to do, and how many to decide."""
    lines = [describe(f, journal.path, plan) for f in journal.findings]
    changed = [f for f in journal.findings if f.kind == "changed"]
    if changed:
        lines += summarise(changed, journal.path, plan)
        lines.append(ngettext("{n} record to accept or move (zi journal)", "{n} records to accept or move (zi journal)", len(changed)).format(n=len(changed)))
    return lines


def findings_json(findings: Sequence[Finding], plan: LoadedPlan) -> list[dict[str, Any]]:
    """`zi verify --json`: the records the plan no longer matches."""
    return [{"line": f.line, "id": f.action, "recorded_as": f.record.action, "month": f.record.month, "event": f.record.event,
             "problem": f.kind, "recorded_for": f.record.indicator,
             "now": plan.by_id[f.action].indicator if f.action in plan.by_id else None} for f in findings]  # fmt: skip
