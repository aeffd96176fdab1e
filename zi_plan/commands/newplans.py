"""New plans: `zi init` (a starter, or next year's) and `zi import` (from the decree's table).

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

from datetime import date as date_type
from pathlib import Path
from typing import Any, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.errors import ZiError
from zi_plan.i18n import _


def _parse_date(value: Optional[str]) -> Optional[date_type]:
    if value is None:
        return None
    try:
        return date_type.fromisoformat(value)
    except ValueError:
        raise ZiError(_("'{value}' is not a date: write it YYYY-MM-DD, e.g. 2024-04-15").format(value=value), exit_code=2) from None


def _year_option() -> Any:
    return typer.Option(..., "--year", min=2000, max=2100, help=_("The plan's year."))


def _institution_help() -> str:
    return _("The office, e.g. 'Komisi Pemilihan Umum Kabupaten Tambrauw'.")


def _number_option() -> Any:
    return typer.Option(None, "--decree-number", help=_("The decree's number, e.g. '12 Tahun 2024'."))


def _date_option() -> Any:
    return typer.Option(None, "--decree-date", help=_("The decree's date, YYYY-MM-DD."))


def register(app: typer.Typer) -> None:
    _init(app)
    _import(app)
    _upgrade(app)


def _init(app: typer.Typer) -> None:
    @app.command("init", help=_("Write a new plan: a commented starter with the six standard components, or next year's plan from this year's (--from)."))
    def init_cmd(
        path: Optional[Path] = typer.Argument(None, show_default=False, help=_("The new plan file. Default: plans/rencana-aksi-YEAR.yaml.")),
        institution: Optional[str] = typer.Option(None, "--institution", help=_institution_help()),
        year: int = _year_option(),
        source: Optional[Path] = typer.Option(None, "--from", help=_("Copy this plan's components, items, actions and months into the new year (not its progress).")),
        number: Optional[str] = _number_option(),
        date: Optional[str] = _date_option(),
        force: bool = common.force_option(),
    ) -> None:
        from zi_plan.formats import newplan
        from zi_plan.render import tables
        from zi_plan.store.plans import load_plan

        target = path or Path("plans") / f"rencana-aksi-{year}.yaml"
        if source is not None:
            text = newplan.next_year_plan(load_plan(source), year, institution, number, _parse_date(date))
        else:
            if not institution:
                raise ZiError(_("--institution is needed for a new plan (or --from an existing one)"), exit_code=2)
            text = newplan.starter_plan(institution, year, number, _parse_date(date))
        newplan.write_new_plan(text, target, force)
        tables.print_written_plan(target)


def _import(app: typer.Typer) -> None:
    @app.command("import", help=_("Read a Rencana Aksi table (.xlsx, .csv, .docx or .pdf) in any decree layout and write it as a plan."))
    def import_cmd(
        table: Path = typer.Argument(..., help=_("The table: .xlsx, .csv, .docx (Word) or .pdf (with a text layer).")),
        institution: str = typer.Option(..., "--institution", help=_institution_help()),
        year: int = _year_option(),
        output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False, help=_("The plan file to write. Default: the table's name with .yaml, here.")),
        sheet: Optional[str] = typer.Option(None, "--sheet", help=_("xlsx only: the sheet to read. Default: the first with a header.")),
        columns: Optional[str] = typer.Option(None, "--columns", help=_("Name the columns' roles, e.g. \"action=KEGIATAN,evidence=LUARAN\"; roles: number, component, item, indicator, action, evidence, team, schedule, lke.")),
        quarters: str = typer.Option("last", "--quarters", help=_("A quarter (TW II) means its last month (last) or its three months (spread).")),
        team: Optional[str] = typer.Option(None, "--team", help=_("The team of actions for which the table names none.")),
        component: Optional[str] = typer.Option(None, "--component", help=_("The component's name, when the table has items but no components.")),
        dry_run: bool = typer.Option(False, "--dry-run", help=_("Show the columns, the hierarchy and the first actions found; write nothing.")),
        as_json: bool = common.json_option(),
        title: Optional[str] = typer.Option(None, "--title", help=_("The plan's title as in the decree.")),
        number: Optional[str] = _number_option(),
        date: Optional[str] = _date_option(),
        force: bool = common.force_option(),
    ) -> None:  # fmt: skip
        from zi_plan.formats import newplan
        from zi_plan.importing import ImportOptions, import_plan
        from zi_plan.render import tables

        options = ImportOptions(sheet, columns, quarters, team, component)
        imported = import_plan(table, institution, year, options, title, number, _parse_date(date), keep_problems=dry_run)
        if dry_run:
            from zi_plan.importing import summary

            if summary.show_dry_run(imported, as_json, tables.console()):
                raise typer.Exit(1)
            return
        target = output or Path(table.stem + ".yaml")
        newplan.write_new_plan(imported.text, target, force)
        if as_json:
            from zi_plan.importing import summary

            tables.print_json({**summary.dry_run_json(imported), "written": str(target)})
        else:
            tables.print_written_plan(target)


def _upgrade(app: typer.Typer) -> None:
    @app.command("upgrade", help=_("Rewrite a plan of an older format as format 3: version 3, and the decree's body and the coordinator commented out to fill in; every line of the plan is kept, the old file saved as PLAN.bak. (Older plans work as they are.)"))
    def upgrade_cmd(plan: Optional[Path] = common.plan_option()) -> None:
        from zi_plan.formats import upgrade
        from zi_plan.render import tables
        from zi_plan.store.workspace import discover

        choice = discover(plan)
        if choice.bundled:
            raise ZiError(_("the plan bundled with zi is not upgraded: name your plan with --plan"), exit_code=2)
        result = upgrade.upgrade(choice.path)
        out = tables.console()
        if result is None:
            out.print(_("{path} is in format {version} already: nothing to do").format(path=tables.esc(str(choice.path)), version=upgrade.FORMAT), soft_wrap=True)
            return
        out.print(_("{path}: format {old} -> {new}; the decree's parts to fill in are commented under 'decree:' (the old file: {backup})").format(
            path=tables.esc(str(choice.path)), old=result.old_version, new=upgrade.FORMAT, backup=tables.esc(str(choice.path) + ".bak")), soft_wrap=True)  # fmt: skip
