"""How far along: `zi teams`, `zi team`, `zi progress`.

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

from pathlib import Path
from typing import Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


def register(app: typer.Typer) -> None:
    _teams(app)
    _team(app)
    _progress(app)


def _teams(app: typer.Typer) -> None:
    @app.command("teams", help=_("Each team's workload per month (done/scheduled once progress exists)."))
    def teams_cmd(as_json: bool = common.json_option(), plan: Optional[Path] = common.plan_option()) -> None:
        from zi_plan.progress import completion
        from zi_plan.render import completion_tables, tables

        loaded, journal = common.open_workspace(plan, as_json)
        loads = completion.team_loads(loaded, journal)
        if as_json:
            tables.print_json([load.to_json() for load in loads])
            return
        out = tables.console()
        for table in completion_tables.teams_tables(loads, with_progress=bool(journal.records), width=out.width):
            out.print(table)


def _team(app: typer.Typer) -> None:
    @app.command("team", help=_("One team's actions as a year grid: scheduled, done, overdue, done late."))
    def team_cmd(
        name: str = typer.Argument(..., help=_("Team name or a piece of it, e.g. pengawasan.")),
        month: Optional[int] = common.month_option(),
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.progress import completion
        from zi_plan.render import completion_tables, tables

        loaded, journal = common.open_workspace(plan, as_json)
        detail = completion.team_detail(loaded, journal, name, common.month_or_now(month, loaded.year))
        if as_json:
            tables.print_json(detail.to_json())
            return
        tables.console().print(completion_tables.team_grid(detail))


def _progress(app: typer.Typer) -> None:
    @app.command("progress", help=_("Completion per component and overall: of what is due so far, and of the year."))
    def progress_cmd(
        month: Optional[int] = common.month_option(),
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.progress import completion
        from zi_plan.render import completion_tables, tables

        loaded, journal = common.open_workspace(plan, as_json)
        as_of = common.month_or_now(month, loaded.year)
        rows, overall = completion.completion(loaded, journal, as_of)
        if as_json:
            tables.print_json(completion.completion_json(as_of, rows, overall))
            return
        tables.console().print(completion_tables.progress_table(rows, overall, as_of))
