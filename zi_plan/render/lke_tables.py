"""The tables and lines `zi lke` prints (Rich), built from the core's data."""

from __future__ import annotations

import textwrap
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zi_plan.i18n import _, decimal
from zi_plan.lke.coverage import Coverage, target_text
from zi_plan.lke.labels import gate_label
from zi_plan.lke.score import GateCheck, GateResult, Reading, Score
from zi_plan.lke.suggest import Move, gate_words
from zi_plan.lke.worksheet import Worksheet
from zi_plan.render.tables import esc, new_table


def num(x: float) -> str:
    return decimal(x, 2)


def short(x: float) -> str:
    """60 for 60.0, 18,25 for 18.25 under Bahasa Indonesia."""
    text = decimal(x, 2)
    return text.rstrip("0").rstrip(".,") if any(sep in text for sep in ".,") else text


def pct(x: float) -> str:
    return decimal(x, 1)


def type_text(row: dict[str, Any]) -> str:
    kind = row["answer_type"]
    if row["options"]:
        return "/".join(o["key"] for o in row["options"])
    return {"persen": _("% (computed)"), "jumlah": _("count"), "nilai_0_4": _("index 0-4")}.get(kind, kind)


def list_table(rows: list[dict[str, Any]]) -> Table:
    table = new_table()
    table.add_column(_("Code"), no_wrap=True, style="bold")
    table.add_column(_("Question"), ratio=6, overflow="fold")
    table.add_column(_("Answer"), ratio=1, overflow="fold")
    table.add_column(_("Weight"), justify="right", no_wrap=True)
    table.add_column(_("Actions"), ratio=1, overflow="fold")
    sub = None
    for row in rows:
        if row["sub_area"] != sub:
            sub = row["sub_area"]
            table.add_row("", f"[bold]{esc(row['sub_area_name'])}[/] ({num(row['sub_area_weight'])})", "", "", "")
        code = esc(row["code"]) if row["scored"] else "  " + esc(row["code"])
        weight = num(row["weight"]) if row["weight"] is not None else ""
        if row["part"] == "hasil":
            actions = _("target")  # a survey or capaian kinerja: no action serves it
        else:
            actions = ", ".join(row["served_by"]) if row["served_by"] else ("[red]-[/]" if row["scored"] else "")
        table.add_row(code, esc(row["question"]), type_text(row), weight, actions)
    return table


def gate_mark(ok: bool) -> str:
    return "[green]✓[/]" if ok else "[red]✗[/]"


def _area_checks(gates: dict[str, GateResult], no: int) -> list[GateCheck]:
    return [c for g in gates.values() for c in g.checks if c.id == f"area:{no}"]


def coverage_tables(cov: Coverage) -> list[Table]:
    sheet, ceiling = cov.sheet, cov.ceiling
    areas = new_table(title=_("The plan's ceiling per area: every served question at full marks, routine answers as recorded, every other at 0"))
    areas.add_column(_("Area"), overflow="fold")
    areas.add_column(_("Served"), justify="right", no_wrap=True)
    areas.add_column(_("Ceiling"), justify="right", no_wrap=True)
    areas.add_column("%", justify="right", no_wrap=True)
    for name in cov.gates:
        areas.add_column(name, justify="center", no_wrap=True)
    for a in ceiling.areas:
        codes = [q for q in sheet.scored if q.area == a.no]
        served = sum(q.code in cov.served or q.code in cov.routine for q in codes)
        marks = [gate_mark(c.ok) for c in _area_checks(cov.gates, a.no)]
        areas.add_row(f"{a.no}. {esc(a.name)}", f"{served}/{len(codes)}", f"{num(a.score)}/{num(a.weight)}", pct(a.pct), *marks)
    subs = new_table(title=_("Sub-areas with unserved questions"))
    subs.add_column(_("Sub-area"), overflow="fold", ratio=3)
    subs.add_column(_("Served"), justify="right", no_wrap=True)
    subs.add_column(_("Not served"), overflow="fold", ratio=2)
    for s in (s for s in sheet.sub_areas.values() if s.part != "hasil"):
        unserved = [c for c in s.questions if c not in cov.served and c not in cov.routine]
        if unserved:
            subs.add_row(f"{esc(s.code)} {esc(s.name)}", f"{len(s.questions) - len(unserved)}/{len(s.questions)}", esc(", ".join(unserved)))
    return [areas, subs]


def uncovered_table(cov: Coverage) -> Table:
    table = new_table(title=_("Not served by any action (the gain if one action served it at full marks)"))
    table.add_column(_("Code"), no_wrap=True, style="bold")
    table.add_column(_("Gain"), justify="right", no_wrap=True)
    table.add_column(_("Question"), overflow="fold")
    for q in cov.uncovered:
        table.add_row(esc(q.code), num(q.weight or 0.0), esc(q.text))
    return table


def targets_table(cov: Coverage) -> Table:
    """The hasil part: targets for the surveys and capaian kinerja, which no action serves."""
    table = new_table(title=_("Hasil: targets, not actions (the least answer that meets each gate)"))
    table.add_column(_("Code"), no_wrap=True, style="bold")
    table.add_column(_("Question"), overflow="fold")
    for name in cov.gates:
        table.add_column(name, justify="right", no_wrap=True)
    for q in cov.targets:
        wanted = target_text(cov.sheet, q)
        table.add_row(esc(q.code), esc(q.text), *(_target(wanted.get(name)) for name in cov.gates))
    combined = [(name, g) for name, gates in cov.sheet.gates.items() for g in gates if g.measure == "questions" and len(g.questions) > 1]
    if combined:
        table.caption = "; ".join(_("{predicate}: {gate} ({codes}) ≥ {min}").format(predicate=name, gate=gate_label(g.id), codes=" + ".join(g.questions), min=short(g.min))
                                  for name, g in combined)  # fmt: skip
    return table


def _target(value: Any) -> str:
    if value is None:
        return "-"
    text = str(value)
    return "≥ " + decimal(float(text), 2) if text.replace(".", "").isdigit() else _("{option} or better").format(option=text)


def print_coverage(out: Console, cov: Coverage) -> None:
    """`zi lke coverage`: the tables, then what the ceiling counts and leaves out, then the gates it decides."""
    for table in coverage_tables(cov):
        out.print(table)
    out.print(uncovered_table(cov))
    out.print(targets_table(cov))
    c = cov.ceiling
    out.print(_("The plan serves {covered} of the {scored} questions of the pengungkit part of the LKE {year}.").format(
        covered=len(cov.covered), scored=len(cov.pengungkit), year=cov.sheet.year))  # fmt: skip
    if cov.routine:
        out.print(_("Answered from routine work outside the plan (--routine): {codes}").format(codes=", ".join(cov.routine)))
    out.print(_("The plan's ceiling: pemenuhan {p}, reform {r}, pengungkit {g} (of 60).").format(p=num(c.pemenuhan), r=num(c.reform), g=num(c.pengungkit)))
    out.print(_("It leaves out routine work not marked --routine (LAKIP, discipline, LHKPN ...), the hasil part (targets above) and how well each action is done."))
    print_gate_lines(out, cov.gates, served=True)
    left = ", ".join(gate_label(g) for g in cov.left_out)
    out.print(_("Coverage checks the gates the plan decides (pengungkit and each area); {gates} rest on the hasil part: zi lke score checks them.").format(gates=left))


def reading_line(label: str, r: Reading, sheet: Worksheet) -> str:
    parts = sheet.parts
    return _("{label}: pemenuhan {p}/{pmax}, reform {r}/{rmax}, pengungkit {g}/{gmax}, hasil {h}/{hmax}, total {t}").format(
        label=label, p=num(r.pemenuhan), pmax=num(parts["pemenuhan"]), r=num(r.reform), rmax=num(parts["reform"]),
        g=num(r.pengungkit), gmax=num(parts["pemenuhan"] + parts["reform"]), h=num(r.hasil), hmax=num(parts["hasil"]), t=num(r.total),
    )  # fmt: skip


def gate_lines(gates: dict[str, GateResult], limit: int = 8, served: bool = False) -> list[str]:
    """One line per predicate, then one per failed gate with what is missing
    (unanswered questions; with ``served``, questions no action serves)."""
    lines = []
    for name, result in gates.items():
        verdict = _("meets every gate") if result.passed else _("does not yet meet {n} of {total} gates").format(n=len(result.failed), total=len(result.checks))
        lines.append(f"{gate_mark(result.passed)} [bold]{name}[/]: {verdict}")
        for c in result.checks:
            if c.ok:
                continue
            lines.append("    " + check_text(c, limit, served))
        for area, half, value in result.half_below:
            lines.append("    " + _("note: the {half} half of area {area} is at {pct} % (the gate is on the whole area)").format(half=half, area=area, pct=pct(value)))
    return lines


def print_gate_lines(out: Console, gates: dict[str, GateResult], served: bool = False) -> None:
    """The gate lines, wrapped to the console's width; what a gate misses hangs under it."""
    for line in gate_lines(gates, served=served):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if not indent:
            out.print(Text.from_markup(body))
            continue
        # Wrapped here rather than by Rich, which pads a wrapped block to the full width.
        for part in textwrap.wrap(Text.from_markup(body).plain, width=max(out.width, 30), initial_indent=" " * indent,
                                  subsequent_indent=" " * (indent + 2), break_on_hyphens=False):  # fmt: skip
            out.print(part, soft_wrap=True, markup=False, highlight=False)


def check_text(c: GateCheck, limit: int, served: bool = False) -> str:
    if c.id.startswith("area:"):
        text = _("area {no} at {value} % needs {min} %").format(no=c.id.split(":")[1], value=pct(c.value), min=short(c.min))
    else:
        text = _("{gate} at {value} needs {min}").format(gate=gate_label(c.id), value=num(c.value), min=short(c.min))
    if c.missing:
        shown = ", ".join(c.missing[:limit]) + (", …" if len(c.missing) > limit else "")
        text += ": " + (_("not served {codes}") if served else _("unanswered {codes}")).format(codes=shown)
    return esc(text)


def score_table(result: Score) -> Table:
    """Per area: each half and the area's % in both readings, and the gate marks (answered reading)."""
    table = new_table(title=_("Score per area (answered reading; strict in the last column)"))
    table.add_column(_("Area"), overflow="fold")
    table.add_column(_("Pemenuhan"), justify="right", no_wrap=True)
    table.add_column(_("Reform"), justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    for name in result.gates:
        table.add_column(name, justify="center", no_wrap=True)
    table.add_column(_("Strict %"), justify="right", no_wrap=True)
    for a, s in zip(result.answered.areas, result.strict.areas, strict=True):
        marks = [gate_mark(c.ok) for c in _area_checks(result.gates, a.no)]
        table.add_row(f"{a.no}. {esc(a.name)}", num(a.pemenuhan), num(a.reform), pct(a.pct), *marks, pct(s.pct))
    return table


def print_score(out: Console, result: Score, sheet: Worksheet) -> None:
    """The score table, how much is answered, both readings and the gates."""
    out.print(score_table(result))
    answered = sum(v.status != "unanswered" for v in result.values.values())
    out.print(_("{n} of {total} questions answered").format(n=answered, total=len(result.values)))
    no_value = [code for code, v in result.values.items() if v.status == "no_value"]
    if no_value:
        out.print(_("no value (a denominator of 0), left out: {codes}").format(codes=", ".join(no_value)))
    out.print(reading_line(_("answered (as the official Excel)"), result.answered, sheet))
    out.print(reading_line(_("strict (unanswered = 0)"), result.strict, sheet))
    print_gate_lines(out, result.gates)


def _recorded(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return decimal(value, 2)
    return str(value)


def moves_table(items: list[Move], limit: int = 15) -> Table:
    """The moves worth most toward the gates not met; what the journal suggests beside each."""
    table = new_table(title=_("Moves worth most toward the gates not met (the journal's suggestion is never recorded: use zi lke answer)"))
    table.add_column(_("Code"), no_wrap=True, style="bold")
    table.add_column(_("Now"), no_wrap=True)
    table.add_column(_("Move"), no_wrap=True)
    table.add_column(_("Gain"), justify="right", no_wrap=True)
    table.add_column(_("Suggested"), no_wrap=True)
    table.add_column(_("Basis"), overflow="fold", ratio=1)
    for m in items[:limit]:
        table.add_row(esc(m.code), esc(_recorded(m.recorded)), esc(m.target), num(m.gain), esc(m.suggested or "-"), esc(m.basis + ("; " + gate_words(m) if m.gates else "")))
    if len(items) > limit:
        table.caption = _("{n} more moves: zi lke score --suggest --json lists them all").format(n=len(items) - limit)
    return table
