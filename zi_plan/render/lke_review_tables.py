"""What `zi lke review` and `zi lke score --compare` print: states, reviews imported, the unit beside the TPI."""

from __future__ import annotations

from typing import Any, Optional

from rich.console import Console
from rich.table import Table

from zi_plan.i18n import _, decimal, ngettext
from zi_plan.lke.compare import Comparison
from zi_plan.lke.labels import gate_label
from zi_plan.lke.rounds import STATES, Review, RoundMark, Rounds, state_label
from zi_plan.lke.worksheet import AnswerValue, Worksheet
from zi_plan.render.lke_tables import gate_mark, num, pct
from zi_plan.render.tables import esc, new_table


def _value(value: Optional[AnswerValue]) -> str:
    if value is None:
        return "-"
    return decimal(value, 2) if isinstance(value, float) else str(value)


def print_imported(out: Console, reviews: list[Review]) -> None:
    first = reviews[0]
    revisi = [r.code for r in reviews if r.status == "revisi"]
    out.print(ngettext("round {round}: {n} review by {by} recorded", "round {round}: {n} reviews by {by} recorded", len(reviews)).format(
        round=first.round, n=len(reviews), by=esc(first.by)))  # fmt: skip
    out.print("  " + _("{accepted} accepted, {revisi} revisi").format(accepted=len(reviews) - len(revisi), revisi=len(revisi)))
    if revisi:
        out.print("  " + _("revisi: {codes}").format(codes=", ".join(revisi)), soft_wrap=False)
        out.print("  " + _("zi due lists them for the teams whose actions serve them; zi lke review status shows the notes"))


def print_status(out: Console, rounds: Rounds, served: dict[str, list[str]], everything: bool) -> None:
    closed = ", ".join(map(str, rounds.closed)) or "-"
    out.print(_("Round {round} is open (closed: {closed})").format(round=rounds.current, closed=closed))
    counts = rounds.counts()
    out.print("  " + ", ".join(f"{state_label(s)} {counts[s]}" for s in STATES))
    shown = [s for s in rounds.states.values() if everything or s.state in ("revisi", "answered_again")]
    if not shown:
        out.print(_("No question is in revisi or answered again; --all lists every question."))
        return
    table = new_table()
    table.add_column(_("Code"), no_wrap=True, style="bold")
    table.add_column(_("State"), no_wrap=True)
    table.add_column(_("Unit"), no_wrap=True)
    table.add_column("TPI", no_wrap=True)
    table.add_column(_("Actions"), overflow="fold", ratio=1)
    table.add_column(_("TPI note"), overflow="fold", ratio=3)
    for s in shown:
        parent = s.code.rsplit(".", 1)[0] if s.code.count(".") >= 4 else s.code
        label = state_label(s.state)
        table.add_row(esc(s.code), f"[yellow]{label}[/]" if s.state == "revisi" else label, esc(_value(s.answer.value if s.answer else None)),
                      esc(_value(s.review.value if s.review else None)), esc(", ".join(served.get(parent, [])) or "-"),
                      esc((s.review.note if s.review else None) or ""))  # fmt: skip
    out.print(table)


def print_mark(out: Console, mark: RoundMark, rounds: Rounds) -> None:
    counts = rounds.counts()
    if mark.event == "send":
        out.print(_("round {round}: {n} answers sent to the evaluators").format(round=mark.round, n=counts["sent"]))
        return
    out.print(_("round {round} closed: {accepted} accepted, {revisi} revisi; round {next} is open").format(
        round=mark.round, accepted=counts["accepted"], revisi=counts["revisi"], next=rounds.current))  # fmt: skip


def print_comparison(out: Console, result: Comparison, sheet: Worksheet) -> None:
    """Totals and areas side by side, each gate for both, then the questions where they differ."""
    table = new_table(title=_("The unit's score and the evaluators' (answered reading)"))
    table.add_column("", overflow="fold")
    table.add_column(_("Unit"), justify="right", no_wrap=True)
    table.add_column("TPI", justify="right", no_wrap=True)
    table.add_column("Δ", justify="right", no_wrap=True)
    u, t = result.unit.answered, result.tpi.answered
    for label, a, b in (("Pemenuhan", u.pemenuhan, t.pemenuhan), ("Reform", u.reform, t.reform), ("Pengungkit", u.pengungkit, t.pengungkit),
                        ("Hasil", u.hasil, t.hasil), (_("Total"), u.total, t.total)):  # fmt: skip
        table.add_row(label, num(a), num(b), num(b - a))
    for a_area, b_area in zip(u.areas, t.areas, strict=True):
        table.add_row(f"{a_area.no}. {esc(a_area.name)} (%)", pct(a_area.pct), pct(b_area.pct), pct(b_area.pct - a_area.pct))
    out.print(table)
    out.print(gates_table(result))
    out.print(differences_table(result))


def gates_table(result: Comparison) -> Table:
    table = new_table(title=_("Gates: the unit's answers and the evaluators'"))
    table.add_column(_("Gate"), overflow="fold")
    for name in result.unit.gates:
        table.add_column(f"{name} {_('unit')}", justify="center", no_wrap=True)
        table.add_column(f"{name} TPI", justify="center", no_wrap=True)
    first = next(iter(result.unit.gates.values()))
    for index, check in enumerate(first.checks):
        marks: list[Any] = []
        for name in result.unit.gates:
            marks += [gate_mark(result.unit.gates[name].checks[index].ok), gate_mark(result.tpi.gates[name].checks[index].ok)]
        table.add_row(esc(gate_label(check.id)), *marks)
    return table


def differences_table(result: Comparison) -> Table:
    table = new_table(title=_("Where the evaluators' answers differ, the most points first"))
    table.add_column(_("Code"), no_wrap=True, style="bold")
    table.add_column(_("Unit"), no_wrap=True)
    table.add_column("TPI", no_wrap=True)
    table.add_column(_("Points"), justify="right", no_wrap=True)
    table.add_column(_("TPI note"), overflow="fold")
    for d in result.differences:
        table.add_row(esc(d.code), esc(_value(d.unit)), esc(_value(d.tpi)), num(d.points), esc(d.note or ""))
    if not result.differences:
        table.caption = _("none: the evaluators' answers give every question the unit's value")
    return table


def revisi_table(items: Any) -> Table:
    """`zi due`: the questions the evaluators asked to change, by team, until answered again."""
    table = new_table(title=_("LKE revisi: the evaluators ask for a change (answer again with zi lke answer)"))
    table.add_column(_("Team"), overflow="fold", ratio=1)
    table.add_column(_("Code"), no_wrap=True, style="bold")
    table.add_column(_("Actions"), overflow="fold")
    table.add_column(_("TPI note"), overflow="fold", ratio=2)
    for r in sorted(items, key=lambda r: (not r.teams, r.teams[0].name if r.teams else "", r.code)):
        teams = ", ".join(t.name for t in r.teams) or _("no team: no action serves it")
        table.add_row(esc(teams), esc(r.code), esc(", ".join(r.actions) or "-"), esc(r.note or ""))
    return table
