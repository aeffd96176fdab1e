"""Documents: `zi report`, `zi publish`, `zi export` (`zi evidence pack` is in commands/evidence.py).

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
from zi_plan.i18n import _


def register(app: typer.Typer) -> None:
    _report(app)
    _publish(app)
    _export(app)


def _report(app: typer.Typer) -> None:
    @app.command("report", help=_("The monitoring-and-evaluation (monev) report as of a month: progress, what was done with its evidence, what is overdue."))
    def report_cmd(
        month: Optional[int] = common.month_option(),
        since: Optional[int] = common.month_option(_("First month of the period (e.g. 1 for a quarter Jan-Mar). Default: the report's month."), name="--from"),
        fmt: DocumentFormat = typer.Option(DocumentFormat.html, "--format", help=_("html (to print or share) or md (to paste into minutes).")),
        output: Optional[str] = common.output_option(),
        force: bool = common.force_option(progress=True),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.documents import reports
        from zi_plan.fs.files import target_path, write_document
        from zi_plan.store.guards import refuse_shifted

        loaded, journal = common.open_workspace(plan, to_stderr=True, writes_file=True)
        refuse_shifted(journal, force=force)
        common.warn_placeholders(loaded)
        as_of = common.month_or_now(month, loaded.year)
        name = _("monev-report-{year}-{month:02d}.{ext}").format(year=loaded.year, month=as_of, ext=fmt.value)
        base = None if output == "-" else target_path(output, name, force=force).parent  # evidence links start here
        text = reports.monev_report(loaded, journal, as_of, since, fmt.value, base)
        common.written(write_document(text.encode("utf-8"), output, name, force=force))


def _publish(app: typer.Typer) -> None:
    @app.command("publish", help=_("The plan as one HTML page in the decree's table layout, for the office website; with --decree, the whole decree to print."))
    def publish_cmd(
        output: Optional[str] = common.output_option(),
        decree: bool = typer.Option(False, "--decree", help=_("The whole Keputusan: its body on A4 portrait (Menimbang, Mengingat, the dicta, the signature), then the Lampiran's table on A4 landscape.")),
        force: bool = common.force_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.documents import reports
        from zi_plan.fs.files import write_document

        loaded = common.open_plan_to_read(plan, scripted=True)
        common.warn_placeholders(loaded)
        if decree:
            common.warn_decree_body(loaded)
            name = _("decree-{year}.html").format(year=loaded.year)
            page = reports.decree_page(loaded)
        else:
            name = _("action-plan-{year}.html").format(year=loaded.year)
            page = reports.plan_page(loaded)
        common.written(write_document(page.encode("utf-8"), output, name, force=force))


def _export(app: typer.Typer) -> None:
    @app.command("export", help=_("The plan and its progress as CSV or Excel (decree layout plus status), or iCalendar (one event per occurrence)."))
    def export_cmd(
        fmt: ExportFormat = typer.Option(..., "--format", help=_("csv, xlsx or ics.")),
        month: Optional[int] = common.month_option(),
        team: Optional[str] = common.team_option(_("Only this team's actions (a piece of its name will do).")),
        output: Optional[str] = common.output_option(),
        force: bool = common.force_option(progress=True),
        plan: Optional[Path] = common.plan_option(),
        excel: Optional[str] = typer.Option(None, "--excel", help=_("csv only: for Excel in this language: id (';'-separated, as Indonesian Excel opens it) or en (',').")),
        delimiter: Optional[str] = typer.Option(None, "--delimiter", help=_("csv only: the separator: ',', ';', '|' or tab.")),
    ) -> None:
        from zi_plan.formats import export
        from zi_plan.fs.files import write_document, write_document_with
        from zi_plan.store.guards import refuse_shifted

        separator = export.csv_delimiter(excel, delimiter, fmt.value)
        loaded, journal = common.open_workspace(plan, to_stderr=True, writes_file=True)
        refuse_shifted(journal, force=force)
        document = export.export(loaded, journal, fmt.value, month, team, separator)
        if document.write is not None:
            common.written(write_document_with(document.write, output, document.name, force=force))
        else:
            common.written(write_document(document.data, output, document.name, force=force))
