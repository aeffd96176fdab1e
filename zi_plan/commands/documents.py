"""Documents: `zi report`, `zi publish`, `zi export`, `zi evidence pack`.

Each writes a file named after the document here unless -o says otherwise;
they read the journal and never change it. (No ``from __future__ import
annotations`` in command modules: Typer reads the parameter annotations at
run time.)
"""

from pathlib import Path
from typing import Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.commands._common import DocumentFormat, ExportFormat
from zi_plan.errors import ZiError
from zi_plan.i18n import _


def register(app: typer.Typer) -> None:
    _report(app)
    _publish(app)
    _export(app)
    _evidence(app)


def _report(app: typer.Typer) -> None:
    @app.command("report", help=_("The monitoring-and-evaluation (monev) report as of a month: progress, what was done with its evidence, what is overdue."))
    def report_cmd(
        month: Optional[int] = common.month_option(),
        since: Optional[int] = common.month_option(_("First month of the period (e.g. 1 for a quarter Jan-Mar). Default: the report's month."), name="--from"),
        fmt: DocumentFormat = typer.Option(DocumentFormat.html, "--format", help=_("html (to print or share) or md (to paste into minutes).")),
        output: Optional[str] = common.output_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan import reports
        from zi_plan.files import write_document

        loaded, journal = common.open_workspace(plan, to_stderr=True)
        common.warn_placeholders(loaded)
        as_of = common.month_or_now(month, loaded.year)
        text = reports.monev_report(loaded, journal, as_of, since, fmt.value)
        name = _("monev-report-{year}-{month:02d}.{ext}").format(year=loaded.year, month=as_of, ext=fmt.value)
        common.written(write_document(text.encode("utf-8"), output, name))


def _publish(app: typer.Typer) -> None:
    @app.command("publish", help=_("The plan as one HTML page in the decree's table layout, for the office website."))
    def publish_cmd(output: Optional[str] = common.output_option(), plan: Optional[Path] = common.plan_option()) -> None:
        from zi_plan import reports
        from zi_plan.files import write_document

        loaded = common.open_plan(plan)
        common.warn_placeholders(loaded)
        name = _("action-plan-{year}.html").format(year=loaded.year)
        common.written(write_document(reports.plan_page(loaded).encode("utf-8"), output, name))


def _export(app: typer.Typer) -> None:
    @app.command("export", help=_("The plan and its progress as CSV or Excel (decree layout plus status), or iCalendar (one event per occurrence)."))
    def export_cmd(
        fmt: ExportFormat = typer.Option(..., "--format", help=_("csv, xlsx or ics.")),
        month: Optional[int] = common.month_option(),
        team: Optional[str] = common.team_option(_("Only this team's actions (a piece of its name will do).")),
        output: Optional[str] = common.output_option(),
        force: bool = common.force_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan import export
        from zi_plan.files import write_document

        loaded, journal = common.open_workspace(plan, to_stderr=True)
        document = export.export(loaded, journal, fmt.value, month, team)
        common.written(write_document(document.data, output, document.name, force=force))


def _evidence(app: typer.Typer) -> None:
    evidence_app = typer.Typer(help=_("The evidence store: pack it for the evaluators."), no_args_is_help=True)
    app.add_typer(evidence_app, name="evidence")

    @evidence_app.command("pack", help=_("Everything for the evaluators in one zip: the files by component/item/action/month, an index (HTML and CSV) and the gaps."))
    def pack_cmd(
        output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False, help=_("The zip file. Default: evidence-YEAR.zip here.")),
        month: Optional[int] = common.month_option(_("List gaps up to this month. Default: 12, the whole year.")),
        by: str = typer.Option("action", "--by", help=_("Lay the files out by action (component/item/action/month) or by LKE question (area/sub-area/code).")),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan import pack, render
        from zi_plan.files import target_path

        if by not in ("action", "lke"):
            raise ZiError(_("unknown layout '{by}': use action or lke").format(by=by), exit_code=2)
        loaded, journal = common.open_workspace(plan)
        if by == "lke":  # the LKE code lives in zi_plan.lke
            from zi_plan.lke.coverage import worksheet_for
            from zi_plan.lke.pack import build_lke_pack

            target = target_path(output, _("evidence-lke-{year}.zip").format(year=loaded.year))
            result = build_lke_pack(loaded, journal, worksheet_for(loaded), target)
        else:
            target = target_path(output, pack.default_name(loaded))
            result = pack.build_pack(loaded, journal, target, month or 12)
        render.print_pack(result, target)
        if result.problems:
            raise typer.Exit(1)
