"""`zi lke`: the LKE worksheet — coverage, answers, score, sheet.

Parses arguments and prints; the work is in ``zi_plan.lke``, imported inside
each command so that other commands never load it. (No ``from __future__
import annotations``: Typer reads the annotations.)
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from zi_plan.i18n import _


def _plan_option() -> object:
    return typer.Option("--plan", show_default=False,
                        help=_("Plan file. Default: $ZI_PLAN, else plans/tambrauw-2023.yaml here, else the bundled plan."))  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add the `zi lke` group to the app."""
    lke_app = typer.Typer(help=_("The LKE worksheet the office is evaluated on: coverage, answers, score, answer sheet."), no_args_is_help=True)
    app.add_typer(lke_app, name="lke")
    PlanOption = Annotated[Optional[Path], _plan_option()]
    JsonOption = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts instead of a table."))]

    @lke_app.command("list", help=_("Every question of the worksheet: code, text, answer type, weight, and the actions that serve it."))
    def list_cmd(
        area: Annotated[Optional[str], typer.Option("--area", show_default=False, help=_("Only area 1..6, or H for the hasil part."))] = None,
        as_json: JsonOption = False,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import render
        from zi_plan.lke import coverage, listing, tables
        from zi_plan.plan import open_plan

        wanted = listing.parse_area(area)
        loaded = open_plan(plan)
        sheet = coverage.worksheet_for(loaded)
        rows = listing.list_rows(sheet, coverage.served_by(loaded), wanted)
        if as_json:
            render.print_json(rows)
            return
        out = render.console()
        out.print(f"[bold]{render.esc(sheet.title)}[/]")
        out.print(tables.list_table(rows))
        scored = sum(r["scored"] for r in rows)
        out.print(_("{n} questions scored, {inputs} count inputs").format(n=scored, inputs=len(rows) - scored))

    @lke_app.command("coverage", help=_("Which questions the plan's actions serve, and the best score that leaves within reach."))
    def coverage_cmd(as_json: JsonOption = False, plan: PlanOption = None) -> None:
        from zi_plan import render
        from zi_plan.lke import coverage, tables
        from zi_plan.plan import open_plan

        loaded = open_plan(plan)
        result = coverage.coverage(coverage.worksheet_for(loaded), loaded)
        if as_json:
            render.print_json(result.to_json())
            return
        out = render.console()
        for table in tables.coverage_tables(result):
            out.print(table)
        out.print(tables.uncovered_table(result))
        c = result.ceiling
        out.print(_("The plan serves {covered} of the {scored} scored questions of the LKE {year}.").format(
            covered=len(result.covered), scored=len(result.scored), year=result.sheet.year))  # fmt: skip
        out.print(_("Ceiling: pemenuhan {p}, reform {r}, pengungkit {g} (of 60)").format(
            p=tables.num(c.pemenuhan), r=tables.num(c.reform), g=tables.num(c.pengungkit)))  # fmt: skip
        for line in tables.gate_lines(result.gates):
            out.print(line, soft_wrap=True)
