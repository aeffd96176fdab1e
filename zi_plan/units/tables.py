"""What `zi rollup` prints in a terminal (Rich), and the words and numbers every format shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zi_plan import i18n
from zi_plan.i18n import _, month_name, ngettext
from zi_plan.lke.labels import gate_label
from zi_plan.render.tables import esc, new_table

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from zi_plan.units.ranking import Rollup
    from zi_plan.units.rollup import Totals, UnitRow

MAX_ROWS = 200  # Rich lays out a few hundred rows a second; the other formats give every unit


def decimal(value: float | None, places: int = 1) -> str:
    """'87.5' / '87,5' (a decimal comma in Indonesian); '—' for no value."""
    if value is None:
        return "—"
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if i18n.language() == "id" else text


def gate_labels(ids: tuple[str, ...]) -> list[str]:
    """Gates in words, the areas together: ('total', 'area:1', 'area:2', 'area:3', 'area:5') -> ['Total score', 'Area 1–3, 5']."""
    areas = sorted(int(g.partition(":")[2]) for g in ids if g.startswith("area:") and g.partition(":")[2].isdigit())
    words = [gate_label(g) for g in ids if not g.startswith("area:")]
    if areas:
        runs: list[list[int]] = []
        for no in areas:
            if runs and no == runs[-1][-1] + 1:
                runs[-1].append(no)
            else:
                runs.append([no])
        text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)
        first = next(i for i, g in enumerate(ids) if g.startswith("area:"))
        words.insert(sum(not g.startswith("area:") for g in ids[:first]), gate_label(f"area:{text}"))  # where the areas were
    return words


def quiet_text(days: int | None) -> str:
    """'12 days ago' since the last record; 'today'; 'no record'."""
    if days is None:
        return _("no record")
    if days <= 0:
        return _("today")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


def unit_label(row: UnitRow) -> str:
    return f"{row.unit.code} {row.unit.name}".strip()


def gates_cell(row: UnitRow) -> str:
    """Short, for a terminal column: '✓' when the gates are met, '✗ 3' gates failed, '—' no answers yet."""
    n = row.numbers
    if n is None or n.gates_failed is None:
        return "—"
    return "[green]✓[/]" if not n.gates_failed else f"[red]✗ {len(n.gates_failed)}[/]"


def ranking_table(result: Rollup, width: int, limit: int = MAX_ROWS) -> Table:
    """The ranking; a narrow terminal gets the columns that matter most (every format has them all)."""

    wide, wider = width >= 110, width >= 130
    table = new_table()
    columns = [(_("#"), True), (_("Unit"), True), (_("On time"), True), (_("Due"), wide), (_("Done"), wide), (_("Late"), wider),
               (_("Overdue"), True), (_("Score"), True), (_("Ceiling"), wider), (_("Gates"), wide), (_("Gaps"), True), (_("Quiet"), wide)]  # fmt: skip
    for title, shown in columns:
        if shown:
            table.add_column(title, justify="left" if title == _("Unit") else "right", ratio=1 if title == _("Unit") else None, no_wrap=title != _("Unit"))
    for row in [r for r in result.rows if not r.failed][:limit]:
        n = row.numbers
        assert n is not None
        ceiling = decimal(n.ceiling) + (" [red]✗[/]" if n.ceiling_failed else "")
        quiet = row.days_quiet(result.today)
        cells = [str(row.rank), esc(unit_label(row)), decimal(n.percent_on_time) + "%", str(n.due), str(n.done), str(n.done_late),
                 f"[red]{n.overdue}[/]" if n.overdue else "0", decimal(n.score), ceiling, gates_cell(row), str(row.gaps),
                 "—" if quiet is None else str(quiet)]  # fmt: skip
        table.add_row(*(cell for cell, (_title, shown) in zip(cells, columns, strict=True) if shown))
    return table


def hidden_line(result: Rollup, limit: int = MAX_ROWS) -> str | None:
    hidden = len([r for r in result.rows if not r.failed]) - limit
    if hidden <= 0:
        return None
    return ngettext("{n} more not shown: use --parent, or --json or --format html, xlsx or csv for every unit",
                    "{n} more not shown: use --parent, or --json or --format html, xlsx or csv for every unit", hidden).format(n=hidden)  # fmt: skip


def totals_table(result: Rollup, width: int = 200) -> Table:
    """Totals per parent and overall; a narrow terminal leaves out Due (the ranking's wide columns have it) so the parent keeps its name."""
    columns = [(_("Parent"), True), (_("Units"), True), (_("On time"), True), (_("Due"), width >= 100), (_("Overdue"), True),
               (_("Mean score"), True), (_("Gaps"), True), (_("Failed"), True)]  # fmt: skip
    table = new_table(title=_("Totals"))
    for title, shown in columns:
        if shown:
            parent = title == _("Parent")
            table.add_column(title, justify="left" if parent else "right", ratio=1 if parent else None, min_width=12 if parent else None)  # headers may wrap
    groups: list[tuple[str, Totals]] = [(f"{u.code} {u.name}", t) for u, t in result.groups]
    groups.append((_("All units"), result.overall))
    for label, t in groups:
        cells = [esc(label), str(t.units), decimal(t.percent_on_time) + "%", str(t.due), str(t.overdue), decimal(t.mean_score),
                 str(t.gaps), f"[red]{t.failed}[/]" if t.failed else "0"]  # fmt: skip
        table.add_row(*(cell for cell, (_title, shown) in zip(cells, columns, strict=True) if shown))
    return table


def print_rollup(out: Console, result: Rollup) -> None:
    who = result.register.organisation or str(result.register.path)
    scope = f"{result.parent.code} {result.parent.name}" if result.parent else who
    out.print("[bold]" + esc(_("Roll-up of {scope}: as of {month} {year}").format(scope=scope, month=month_name(result.as_of), year=result.year)) + "[/]")
    if not result.rows:
        out.print(esc(_("{path} lists no unit yet: add them with zi units add CODE --name NAME").format(path=result.register.path)), soft_wrap=True)
        return
    out.print(ranking_table(result, out.width))
    if (hidden := hidden_line(result)) is not None:
        out.print(esc(hidden), soft_wrap=True)
    for row in result.failed:
        out.print("[red]" + esc(_("{unit}: not rolled up").format(unit=unit_label(row))) + "[/]", soft_wrap=True)
        for line in row.problems[:5]:
            out.print("  " + esc(line), soft_wrap=True)
        if len(row.problems) > 5:
            out.print("  " + esc(_("… and {n} more problems (zi validate lists them all)").format(n=len(row.problems) - 5)))
    out.print(totals_table(result, out.width))
    out.print(_("Ranked by the share of due occurrences done on time, then the self-assessment score (see zi rollup --help for --sort)."))
    out.print(_("Score: the LKE self-assessment (of 100); Ceiling: the pengungkit its plan can reach (of 60); Gates: ✓ met, ✗ how many failed; Gaps: evidence gaps; Quiet: days since the last record."))
