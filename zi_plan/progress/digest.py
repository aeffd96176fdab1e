"""The month's message to each team (`zi digest`): what is due and overdue, what was done.

Team members seldom open a terminal: the coordinator pastes this into
WhatsApp or mails it. Each team's digest holds the month's occurrences with
the evidence to collect and the overdue ones (both from
``zi_plan.progress.recording.due``, as `zi due` counts them), what was recorded done
since the last digest, the deadline (the month's last day) and the
coordinator's name from the plan. It is written in Bahasa Indonesia unless
--lang or ZI_LANG asks for another language.

"Since the last digest": the digest of month M is the one sent at the turn
of M, so the last one was M-1's; what was recorded done during month M-1
(by the record's own date) is what it has not told yet. zi keeps no record
of digests (it sends nothing and cannot know what was sent), so the same
command gives the same digest whenever it is run.

A WhatsApp text message holds at most 4096 characters (the limit of
WhatsApp's own Business/Cloud API for a text body; the app itself takes
longer ones, but a gateway or a forward may not), counted as WhatsApp
counts them (UTF-16 units: an emoji counts twice). A longer digest is split
into numbered messages between entries, never inside a line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from zi_plan import i18n
from zi_plan.i18n import _, month_name, months_text
from zi_plan.inert import inert
from zi_plan.model.journal import Journal, Record
from zi_plan.model.plan import ActionView, CoordinatorView, LoadedPlan, TeamView
from zi_plan.progress.due import Due, due

WHATSAPP_LIMIT = 4096
FORMATS = ("text", "md", "eml")


class DoneSince(NamedTuple):
    action: ActionView
    month: int
    record: Record


class Digest(NamedTuple):
    """One team's month, as the digest tells it."""

    team: TeamView
    month: int
    year: int
    institution: str
    due: list[Due]
    overdue: list[Due]
    done_since: list[DoneSince]
    since: dt.date  # the window of "done since the last digest": since <= day < until
    until: dt.date
    deadline: dt.date
    coordinator: CoordinatorView | None


@contextlib.contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Write in ``language`` (default: what --lang/ZI_LANG asked for, else Indonesian), then go back."""
    before = i18n.language()
    chosen = language or i18n.asked() or "id"
    i18n.set_language(chosen)
    try:
        yield chosen
    finally:
        i18n.set_language(before)


def window(month: int, year: int) -> tuple[dt.date, dt.date]:
    """Month M-1, when the last digest (M-1's) went out and M's had not."""
    until = dt.date(year, month, 1)
    since = dt.date(year - 1, 12, 1) if month == 1 else dt.date(year, month - 1, 1)
    return since, until


def last_day(month: int, year: int) -> dt.date:
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def digests(plan: LoadedPlan, journal: Journal, month: int, team: str | None = None) -> list[Digest]:
    """Each team's digest for ``month`` (one team's with ``team``); teams with no action have none."""
    teams = [plan.team(team)] if team else [t for t in plan.teams if any(t in a.teams for a in plan.actions)]
    since, until = window(month, plan.year)
    out = []
    for each in teams:
        report = due(plan, journal, month, each.id)
        actions = {a.id: a for a in plan.actions if each in a.teams}
        done = [
            DoneSince(actions[aid], m, occ.done)
            for (aid, m), occ in journal.occurrences.items()
            if aid in actions and occ.done is not None and since <= occ.done.at.date() < until
            and (m in actions[aid].months or not actions[aid].months)  # a month the plan no longer has is set aside, as everywhere
        ]
        done.sort(key=lambda d: (d.record.at, d.action.id, d.month))
        out.append(Digest(each, month, plan.year, plan.institution, list(report.due), list(report.overdue), done, since, until,
                          last_day(month, plan.year), plan.coordinator))  # fmt: skip
    return out


def plan_notes(plan: LoadedPlan) -> list[str]:
    """What the digest lacks because the plan does not say it."""
    if plan.coordinator is None:
        return [_("the plan names no coordinator: the digest is signed by the role only; add coordinator: name: to the plan")]
    return []


# ---------------------------------------------------------------- the message, in blocks

# A block is lines that stay in one message: a heading with its first entry,
# or one entry with its evidence.
Block = list[str]


def long_date(day: dt.date) -> str:
    return f"{day.day} {month_name(day.month)} {day.year}"


def _evidence(action: ActionView) -> list[str]:
    return ["  " + _("Evidence: {items}").format(items="; ".join(action.evidence))] if action.evidence else []


def _due_blocks(digest: Digest, bold: str) -> list[Block]:
    period = f"{month_name(digest.month)} {digest.year}"
    done = sum(d.status == "done" for d in digest.due)
    if not digest.due:
        return [[bold + _("Due in {period}").format(period=period) + bold, _("Nothing is scheduled this month.")]]
    heading = bold + _("Due in {period}: {n} ({done} done)").format(period=period, n=len(digest.due), done=done) + bold
    blocks = []
    for d in digest.due:
        if d.occurrence.done is not None:
            record = d.occurrence.done
            who = _("done {day} by {by}").format(day=long_date(record.at.date()), by=record.by)
            blocks.append([f"✓ {d.action.id} {d.action.indicator} — {who}"])
        else:
            blocks.append([f"• {d.action.id} {d.action.indicator}", *_evidence(d.action)])
    blocks[0].insert(0, heading)
    return blocks


def _overdue_blocks(digest: Digest, bold: str) -> list[Block]:
    months: dict[str, list[int]] = {}
    actions: dict[str, ActionView] = {}
    for d in digest.overdue:  # one entry per action, naming its late months
        months.setdefault(d.action.id, []).append(d.month)
        actions[d.action.id] = d.action
    if not months:
        return [[bold + _("Overdue") + bold, _("Nothing is overdue.")]]
    heading = bold + _("Overdue (actions: {actions}, months: {months})").format(actions=len(months), months=len(digest.overdue)) + bold
    blocks = [[f"• {aid} ({_late(ms)}) {actions[aid].indicator}", *_evidence(actions[aid])] for aid, ms in months.items()]
    blocks[0].insert(0, heading)
    return blocks


def _late(months: list[int]) -> str:
    """'Januari', 'Januari, Maret', or 'Jan-Mar, Mei' when longer."""
    return ", ".join(month_name(m) for m in months) if len(months) <= 2 else months_text(months)


def _done_blocks(digest: Digest, bold: str) -> list[Block]:
    period = f"{month_name(digest.since.month)} {digest.since.year}"
    if not digest.done_since:
        return [[bold + _("Done since the last digest (recorded in {period})").format(period=period) + bold, _("Nothing was recorded done.")]]
    heading = bold + _("Done since the last digest (recorded in {period}): {n}").format(period=period, n=len(digest.done_since)) + bold
    blocks = [[f"✓ {d.action.id} {month_name(d.month)}: {d.action.indicator} — {d.record.by}, {long_date(d.record.at.date())}"] for d in digest.done_since]
    blocks[0].insert(0, heading)
    return blocks


def blocks(digest: Digest, bold: str = "*") -> list[Block]:
    """The digest's text in blocks; ``bold`` marks headings (WhatsApp's '*', Markdown's '**')."""
    period = f"{month_name(digest.month)} {digest.year}"
    deadline = long_date(digest.deadline)
    head = [bold + _("Zona Integritas action plan — {team}").format(team=digest.team.name) + bold, f"{digest.institution} · {period}", "",
            _("Dear {team},").format(team=digest.team.name),
            _("here is your work on the action plan for {period}. Deadline: {deadline}.").format(period=period, deadline=deadline)]  # fmt: skip
    who = digest.coordinator
    closing = ["", _("Please send the evidence to the coordinator by {deadline}.").format(deadline=deadline), "", _("Regards,")]
    closing += [who.name, who.position or _("Zona Integritas coordinator")] if who else [_("Zona Integritas coordinator")]
    if who and who.phone:
        closing.append(who.phone)
    sections = [_due_blocks(digest, bold), _overdue_blocks(digest, bold), _done_blocks(digest, bold)]
    out: list[Block] = [head]
    for section in sections:
        section[0].insert(0, "")
        out += section
    # Plan texts and names reach a phone or a terminal: no control characters or escape sequences.
    return [[inert(line) for line in block] for block in [*out, closing]]


# ---------------------------------------------------------------- WhatsApp's limit


def length(text: str) -> int:
    """Characters as WhatsApp counts them: UTF-16 units."""
    return len(text.encode("utf-16-le")) // 2


def _pieces(line: str, room: int) -> list[str]:
    """A line longer than a whole message (a very long plan text), broken between words:
    the one case where a line cannot stay whole."""
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        while length(word) > room:  # one "word" longer than a message: nothing else fits
            if current:
                out.append(current)
                current = ""
            cut = room
            while length(word[:cut]) > room:
                cut -= 1
            out.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if current and length(candidate) > room:
            out.append(current)
            candidate = word
        current = candidate
    return [*out, current] if current else out


def split(parts: list[Block], limit: int, label: str) -> list[str]:
    """The messages: all of it when it fits in ``limit``, else numbered '(i/n) label' messages cut between blocks."""
    whole = "\n".join(line for block in parts for line in block).strip("\n")
    if length(whole) <= limit:
        return [whole]
    total = 9
    while True:
        header = f"({total}/{total}) {label}"
        room = limit - length(header) - 1
        messages = _fill(parts, room)
        if len(messages) <= total:
            break
        total = len(messages)
    n = len(messages)
    return [f"({i}/{n}) {label}\n{body}" for i, body in enumerate(messages, 1)]


def _fill(parts: list[Block], room: int) -> list[str]:
    messages: list[list[str]] = [[]]
    for block in parts:
        lines = [piece for line in block for piece in (_pieces(line, room) if length(line) > room else [line])]
        units = [lines] if length("\n".join(lines)) <= room else [[line] for line in lines]
        for unit in units:
            current = messages[-1]
            if current and length("\n".join([*current, *unit]).strip("\n")) > room:
                messages.append([])
            messages[-1].extend(unit)
    return [text for text in ("\n".join(m).strip("\n") for m in messages) if text]


def text_messages(digest: Digest, limit: int = WHATSAPP_LIMIT) -> list[str]:
    """The digest as WhatsApp messages, each within ``limit``."""
    label = f"{digest.team.name} · {month_name(digest.month)} {digest.year}"
    return split(blocks(digest, "*"), limit, label)


_HEADING = "\ue000"  # marks headings while the Markdown is built (a private-use character no plan holds)
_MARKUP = re.compile(r"([\\`*_{}\[\]<>|~#])")


def _md(text: str) -> str:
    """Plan text as Markdown text: no emphasis, link, code or HTML can come from a plan or a name."""
    return _MARKUP.sub(r"\\\1", text)


def markdown(digest: Digest) -> str:
    """The digest as Markdown (one document, for email or a shared folder)."""
    lines = [line for block in blocks(digest, _HEADING) for line in block]
    out = []
    for n, line in enumerate(lines):
        if line.startswith(_HEADING):
            out.append(("# " if n == 0 else "### ") + _md(line.strip(_HEADING)))
        elif line.startswith(("• ", "✓ ")):
            out.append("- " + ("✓ " if line.startswith("✓") else "") + _md(line[2:]))
        elif line.startswith("  "):
            out.append("  " + _md(line.strip()))
        else:
            out.append(_md(line))
    for n in range(len(out) - 1):  # lines of one paragraph or entry: a hard break keeps them apart
        if out[n] and out[n + 1] and not out[n].startswith("#") and not out[n + 1].startswith(("- ", "#")):
            out[n] += "\\"
    return "\n".join(out) + "\n"


def to_json(digest: Digest, messages: list[str]) -> dict[str, Any]:
    def entry(d: Due) -> dict[str, Any]:
        done = d.occurrence.done
        return {"id": d.action.id, "month": d.month, "indicator": d.action.indicator, "evidence_expected": list(d.action.evidence),
                "status": d.status, "done_at": done.at.isoformat() if done else None, "done_by": done.by if done else None}  # fmt: skip

    return {
        "team": digest.team.name, "team_id": digest.team.id, "email": digest.team.email, "month": digest.month, "year": digest.year,
        "deadline": digest.deadline.isoformat(), "done_since": {"from": digest.since.isoformat(), "until": digest.until.isoformat()},
        "coordinator": digest.coordinator.name if digest.coordinator else None,
        "due": [entry(d) for d in digest.due], "overdue": [entry(d) for d in digest.overdue],
        "done": [{"id": d.action.id, "month": d.month, "at": d.record.at.isoformat(), "by": d.record.by} for d in digest.done_since],
        "messages": messages,
    }  # fmt: skip
