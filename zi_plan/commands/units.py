"""Many units, one parent: `zi units init|add|ci` and `zi rollup`.

Parses arguments and prints; the work is in ``zi_plan.units``, imported
inside each command. (No ``from __future__ import annotations``: Typer
reads the annotations.)
"""

from pathlib import Path
from typing import Any, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


def _units_option() -> Any:
    return typer.Option(None, "--units", show_default=False, help=_("The register: units.yaml or its folder. Default: the nearest units.yaml, here or above."))


def register(app: typer.Typer) -> None:
    units_app = typer.Typer(help=_("The parent's register of its units (units.yaml): start it, add units, write the CI pipeline."), no_args_is_help=True)
    app.add_typer(units_app, name="units")
    _init(units_app)
    _add(units_app)
    _ci(units_app)
    _rollup(app)


def _init(units_app: typer.Typer) -> None:
    @units_app.command("init", help=_("Start a parent's folder: write units.yaml here (then add units with zi units add)."))
    def init_cmd(
        organisation: Optional[str] = typer.Option(None, "--organisation", help=_("The parent organisation, e.g. \"KPU Provinsi Papua Barat Daya\".")),
        year: Optional[int] = typer.Option(None, "--year", min=2000, max=2100, metavar="YYYY", help=_("The plan year the roll-up reads. Default: this year.")),
        force: bool = common.force_option(),
    ) -> None:
        from zi_plan.render import tables as render_tables
        from zi_plan.units import editing

        path = editing.init_register(Path.cwd(), organisation, year, force)
        render_tables.console().print(_("written {path}: add units with zi units add CODE --name NAME").format(path=render_tables.esc(path.name)), soft_wrap=True)


def _add(units_app: typer.Typer) -> None:
    @units_app.command("add", help=_("Add a unit to units.yaml and make its folder."))
    def add_cmd(
        code: str = typer.Argument(..., metavar="CODE", help=_("The unit's code, e.g. 9105 (it names its folder units/9105).")),
        name: str = typer.Option(..., "--name", help=_("The unit's name, e.g. \"KPU Kabupaten Tambrauw\".")),
        parent: Optional[str] = typer.Option(None, "--parent", metavar="CODE", help=_("The code of the unit above it, e.g. the province.")),
        folder: Optional[str] = typer.Option(None, "--folder", help=_("The folder holding its plans/, relative to units.yaml. Default: units/CODE.")),
        predicate: str = typer.Option("WBK", "--predicate", help=_("The predicate it goes for: WBK, WBBM or WBK-afirmasi.")),
        reviewer: Optional[str] = typer.Option(None, "--reviewer", help=_("Its TPI reviewer.")),
        units: Optional[Path] = _units_option(),
    ) -> None:
        from zi_plan.render import tables as render_tables
        from zi_plan.store.workspace import shown
        from zi_plan.units import editing
        from zi_plan.units.register import register_path

        path = register_path(units)
        unit, made = editing.add_unit(path, code, name, parent, folder, predicate, reviewer)
        out = render_tables.console()
        where = shown(path.parent / unit.folder)
        out.print(_("added unit {code} ({name}) to {path}").format(code=render_tables.esc(unit.code), name=render_tables.esc(unit.name), path=render_tables.esc(str(path))), soft_wrap=True)
        if made:
            out.print("  " + _("made its folder {folder}").format(folder=render_tables.esc(str(where))), soft_wrap=True)
        out.print("  " + _("next: in {folder}, write its plan with zi init or zi import (it goes in plans/ there)").format(folder=render_tables.esc(str(where))), soft_wrap=True)


def _ci(units_app: typer.Typer) -> None:
    @units_app.command("ci", help=_("Write the CI pipeline that validates what changed and publishes the roll-up dashboard: GitLab or GitHub."))
    def ci_cmd(
        gitlab: bool = typer.Option(False, "--gitlab", help=_("Write .gitlab-ci.yml (GitLab, also the agency's own).")),
        github: bool = typer.Option(False, "--github", help=_("Write .github/workflows/zi.yml (GitHub Actions).")),
        force: bool = common.force_option(),
        units: Optional[Path] = _units_option(),
    ) -> None:
        from zi_plan.render import tables as render_tables
        from zi_plan.units import ci
        from zi_plan.units.register import register_path

        path = register_path(units)
        for written in ci.write_pipelines(path.parent, gitlab=gitlab, github=github, force=force):
            render_tables.console().print(_("written {path}").format(path=render_tables.esc(str(written))), soft_wrap=True)


def _rollup(app: typer.Typer) -> None:
    @app.command("rollup", help=_("One row per unit of the parent: progress, LKE, evidence gaps, days since the last record; totals per parent; ranked."))
    def rollup_cmd(
        year: Optional[int] = typer.Option(None, "--year", min=2000, max=2100, metavar="YYYY", help=_("The plan year. Default: units.yaml's year, else this year.")),
        month: Optional[int] = common.month_option(),
        parent: Optional[str] = typer.Option(None, "--parent", metavar="CODE", help=_("Only this unit and the units below it.")),
        sort: str = typer.Option("rank", "--sort", help=_("Order: rank, code, name, on-time, overdue, score, ceiling, gaps or quiet.")),
        as_json: bool = common.json_option(),
        fmt: str = typer.Option("table", "--format", help=_("table, json, csv, xlsx or html (the dashboard).")),
        output: Optional[str] = common.output_option(),
        excel: Optional[str] = typer.Option(None, "--excel", help=_("csv only: for Excel in this language: id (';'-separated, as Indonesian Excel opens it) or en (',').")),
        force: bool = common.force_option(),
        units: Optional[Path] = _units_option(),
    ) -> None:
        from zi_plan.errors import ZiError
        from zi_plan.units import output as writers
        from zi_plan.units.ranking import rollup
        from zi_plan.units.register import load_register, register_path

        chosen = "json" if as_json else fmt
        if chosen not in writers.FORMATS:
            raise ZiError(_("unknown format '{fmt}': use table, json, csv, xlsx or html").format(fmt=fmt), exit_code=2)
        register = load_register(register_path(units))
        result = rollup(register, year, month, parent=parent, sort=sort)
        written = writers.write(result, chosen, output, excel, force)
        common.written(written)
        if result.failed:
            writers.say_failed(result)
            raise typer.Exit(1)
