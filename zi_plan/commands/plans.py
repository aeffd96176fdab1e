"""Reading the plan: `zi validate`, `zi list`, `zi schema`.

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

import sys
from pathlib import Path
from typing import Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _, ngettext


def register(app: typer.Typer) -> None:
    _validate(app)
    _list(app)
    _schema(app)


def _validate(app: typer.Typer) -> None:
    @app.command("validate", help=_("Check the plan and its journal (or the files named): YAML, schema and rules. Exit 1 if any is invalid."))
    def validate_cmd(
        paths: Optional[list[Path]] = typer.Argument(None, show_default=False, help=_("Plans or journals (a journal is checked against the plan beside it). Default: the plan found as for --plan, and its journal.")),
        output_format: common.ValidateFormat = typer.Option(common.ValidateFormat.text, "--format", help=_("text, json or github (workflow annotations).")),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.render.reporters import REPORTERS
        from zi_plan.store.guards import refuse_unchosen_bundled
        from zi_plan.store.validation import check_office, check_paths
        from zi_plan.store.workspace import discover
        from zi_plan.units.validate import units_check

        found = units_check(paths, plan)  # at a parent's root: units.yaml and every unit (zi_plan.units)
        if found is None and paths:
            found = check_paths(paths)
        elif found is None:
            chosen = discover(plan)
            refuse_unchosen_bundled(chosen.found_by, chosen.path, scripted=output_format is not common.ValidateFormat.text)
            found = check_office(chosen.path, chosen.bundled)
        REPORTERS[output_format.value](found[0], sys.stdout, found[1])
        if any(problems for _path, problems in found[0]):
            raise typer.Exit(1)


def _list(app: typer.Typer) -> None:
    @app.command("list", help=_("Every action of the plan: id, team, indicator, months."))
    def list_cmd(
        team: Optional[str] = common.team_option(),
        component: Optional[str] = typer.Option(None, "--component", help=_("Only this component (I..VI).")),
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.render import tables

        loaded = common.open_plan_to_read(plan, scripted=as_json)
        actions = loaded.actions
        if team:
            wanted = loaded.team(team)
            actions = [a for a in actions if wanted in a.teams]
        if component:
            actions = [a for a in actions if a.component == loaded.component(component).id]
        rows = [a.to_json() for a in actions]
        if as_json:
            tables.print_json(rows)
            return
        out = tables.console()
        out.print(tables.action_list_table(rows))
        out.print(ngettext("{n} action", "{n} actions", len(rows)).format(n=len(rows)))


def _schema(app: typer.Typer) -> None:
    @app.command("schema", help=_("Print the JSON Schema of a plan file (for editors and other tools)."))
    def schema_cmd() -> None:
        from zi_plan.render import tables
        from zi_plan.schema.plan import json_schema

        tables.print_json(json_schema())
