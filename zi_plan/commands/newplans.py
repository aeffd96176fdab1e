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
        institution: Optional[str] = typer.Option(None, "--institution", help=_institution_help() + " " + _("Needed unless the table is a `zi export` workbook.")),
        year: Optional[int] = typer.Option(None, "--year", min=2000, max=2100, help=_("The plan's year. Needed unless the table is a `zi export` workbook.")),
        output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False, help=_("The plan file to write. Default: the table's name with .yaml, here.")),
        sheet: Optional[str] = typer.Option(None, "--sheet", help=_("xlsx only: the sheet to read. Default: the first with a header.")),
        columns: Optional[str] = typer.Option(None, "--columns", help=_("Name the columns' roles, e.g. \"action=KEGIATAN,evidence=LUARAN\"; roles: number, component, item, indicator, action, evidence, team, schedule, lke.")),
        quarters: Optional[str] = typer.Option(None, "--quarters", help=_("A quarter (TW II) means its last month (last, the default) or its three months (spread).")),
        team: Optional[str] = typer.Option(None, "--team", help=_("The team of actions for which the table names none.")),
        component: Optional[str] = typer.Option(None, "--component", help=_("The component's name, when the table has items but no components.")),
        mapping: Optional[Path] = typer.Option(None, "--mapping", help=_("Read the table the way a saved mapping file says (--save-mapping); options given here win.")),
        save_mapping: Optional[Path] = typer.Option(None, "--save-mapping", help=_("Save how the table was read (columns, --team, team spellings) to this file, to read next year's table the same way.")),
        dry_run: bool = typer.Option(False, "--dry-run", help=_("Show the columns, the tree as read, every inference and skipped row; write nothing.")),
        as_json: bool = common.json_option(),
        title: Optional[str] = typer.Option(None, "--title", help=_("The plan's title as in the decree.")),
        number: Optional[str] = _number_option(),
        date: Optional[str] = _date_option(),
        force: bool = common.force_option(),
    ) -> None:  # fmt: skip
        from zi_plan.formats import newplan
        from zi_plan.importing import ImportOptions, import_plan, summary
        from zi_plan.render import tables

        options = ImportOptions(sheet, columns, quarters, team, component, mapping)
        imported = import_plan(table, institution, year, options, title, number, _parse_date(date), keep_problems=dry_run)
        out = tables.console()
        if dry_run:
            failed = summary.show_dry_run(imported, as_json, out)
            if save_mapping is not None and not as_json:
                out.print(_("--save-mapping: nothing is saved with --dry-run; run the import without it to save {path}").format(path=tables.esc(str(save_mapping))), soft_wrap=True)
            if failed:
                raise typer.Exit(1)
            return
        target = output or Path(table.stem + ".yaml")
        if save_mapping is not None:
            from zi_plan.importing.mapping import check_target

            check_target(save_mapping, force)
        newplan.write_new_plan(imported.text, target, force)
        if save_mapping is not None:
            from zi_plan.importing.mapping import save_mapping as save
            from zi_plan.importing.understood import mapping_of

            save(mapping_of(imported), save_mapping, force)
        if as_json:
            tables.print_json({**summary.dry_run_json(imported), "written": str(target),
                               "mapping": {"used": str(mapping) if mapping else None, "saved": str(save_mapping) if save_mapping else None}})
            return
        summary.print_summary(imported, out)
        tables.print_written_plan(target)
        _mapping_note(out, table, mapping, save_mapping)


def _mapping_note(out: Any, table: Path, used: Optional[Path], saved: Optional[Path]) -> None:
    """The last word of an import: how to read next year's table the same way."""
    from zi_plan.render import tables

    if saved is not None:
        out.print(_("mapping saved to {path}: next year, zi import NEW-TABLE --mapping {path} reads the table the same way").format(path=tables.esc(str(saved))), soft_wrap=True)
    elif used is not None:
        out.print(_("read with the mapping {path}; add --save-mapping FILE to keep any change").format(path=tables.esc(str(used))), soft_wrap=True)
    else:
        out.print(_("to read next year's table the same way, run this import again with --save-mapping FILE (e.g. {example})").format(
            example=tables.esc(table.stem + ".mapping.yaml")), soft_wrap=True)  # fmt: skip


def _upgrade(app: typer.Typer) -> None:
    @app.command("upgrade", help=_("Rewrite a plan of an older format as format 3: version 3, and the decree's body and the coordinator commented out to fill in; every line of the plan is kept, the old file saved as PLAN.bak. (Older plans work as they are.)"))
    def upgrade_cmd(
        force: bool = typer.Option(False, "--force", help=_("Replace PLAN.bak if it holds another text.")),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.formats import upgrade
        from zi_plan.render import tables
        from zi_plan.store.workspace import discover

        choice = discover(plan)
        if choice.bundled:
            raise ZiError(_("the plan bundled with zi is not upgraded: name your plan with --plan"), exit_code=2)
        result = upgrade.upgrade(choice.path, force=force)
        out = tables.console()
        if result is None:
            out.print(_("{path} is in format {version} already: nothing to do").format(path=tables.esc(str(choice.path)), version=upgrade.FORMAT), soft_wrap=True)
            return
        out.print(_("{path}: format {old} -> {new}; the decree's parts to fill in are commented under 'decree:' (the old file: {backup})").format(
            path=tables.esc(str(choice.path)), old=result.old_version, new=upgrade.FORMAT, backup=tables.esc(str(choice.path) + ".bak")), soft_wrap=True)  # fmt: skip
