"""The `zi` command line: parse arguments, call the core, print.

Nothing here decides anything about plans or progress; that is the core's
job. User errors (ZiError) are caught in one place, ``main``. Core modules
are imported inside the commands so that `zi --help` and shell completion
stay quick.

The app is built by ``build_app`` after the language is chosen, so that the
help texts are in it too. (No ``from __future__ import annotations`` here:
Typer reads the parameter annotations, which refer to names local to
``build_app``.)
"""

import sys
from datetime import date as date_type
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from zi_plan import __version__, i18n
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.i18n import _, month_name, ngettext


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _load(plan: Optional[Path]):  # -> LoadedPlan, imported lazily
    from zi_plan.plan import open_plan

    return open_plan(plan)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zi {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:  # noqa: C901 - one function per command, in order
    """The Typer app, with help texts in the current language."""
    app = typer.Typer(
        name="zi",
        help=_("Rencana Aksi Zona Integritas: check the plan, see what is due, record what is done."),
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    PlanOption = Annotated[
        Optional[Path],
        typer.Option("--plan", show_default=False,
                     help=_("Plan file. Default: $ZI_PLAN, else plans/tambrauw-2023.yaml here, else the bundled plan.")),
    ]  # fmt: skip
    JsonOption = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts instead of a table."))]
    MonthOption = Annotated[
        Optional[int],
        typer.Option("--month", "-m", min=1, max=12, show_default=False, help=_("Month 1..12. Default: the current month.")),
    ]
    TeamOption = Annotated[Optional[str], typer.Option("--team", help=_("Only this team (a piece of its name will do)."))]
    IdArgument = Annotated[str, typer.Argument(metavar="ID", help=_("Action id, e.g. II.2.a."))]

    @app.callback()
    def _root(
        version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))] = False,
        lang: Annotated[Optional[str], typer.Option("--lang", help=_("Language: id (Bahasa Indonesia) or en. Default: $ZI_LANG, else the locale."))] = None,
    ) -> None:
        # --lang is read (and removed) by main() before the app is built.
        pass

    _root.__doc__ = _("Rencana Aksi Zona Integritas: check the plan, see what is due, record what is done.")

    @app.command("validate", help=_("Check plan files: YAML, schema and rules. Exit 1 if any is invalid."))
    def validate_cmd(
        paths: Annotated[Optional[list[Path]], typer.Argument(show_default=False, help=_("Plan files. Default: the plan found as for --plan."))] = None,
        output_format: Annotated[ReportFormat, typer.Option("--format", help=_("text, json or github (workflow annotations)."))] = ReportFormat.text,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan.plan import check_file, find_plan
        from zi_plan.reporters import REPORTERS

        files = paths or [find_plan(plan)[0]]
        results = [(str(path), check_file(path)) for path in files]
        REPORTERS[output_format.value](results, sys.stdout)
        if any(problems for _path, problems in results):
            raise typer.Exit(1)

    @app.command("list", help=_("Every action of the plan: id, team, indicator, months."))
    def list_cmd(
        team: TeamOption = None,
        component: Annotated[Optional[str], typer.Option("--component", help=_("Only this component (I..VI)."))] = None,
        as_json: JsonOption = False,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import render

        loaded = _load(plan)
        actions = loaded.actions
        if team:
            wanted = loaded.team(team)
            actions = [a for a in actions if a.team == wanted]
        if component:
            ids = [cid for cid, _title in loaded.components]
            match = next((cid for cid in ids if cid.lower() == component.strip().lower()), None)
            if match is None:
                raise ZiError(_("no component '{component}'; the plan has {ids}").format(component=component, ids=", ".join(ids)))
            actions = [a for a in actions if a.component == match]
        rows = [a.to_json() for a in actions]
        if as_json:
            render.print_json(rows)
            return
        out = render.console()
        out.print(render.action_list_table(rows))
        out.print(ngettext("{n} action", "{n} actions", len(rows)).format(n=len(rows)))

    @app.command("due", help=_("What each team must do this month, and what is overdue."))
    def due_cmd(month: MonthOption = None, team: TeamOption = None, as_json: JsonOption = False, plan: PlanOption = None) -> None:
        from zi_plan import progress, render
        from zi_plan.journal import load_journal

        loaded = _load(plan)
        journal = load_journal(loaded)
        report = progress.due(loaded, journal, month or progress.today().month, team)
        if as_json:
            render.print_json(report.to_json(loaded))
            return
        out = render.console()
        heading = _("{institution} — due in {month} {year}").format(
            institution=f"[bold]{render.esc(loaded.institution)}[/]", month=month_name(report.month), year=loaded.year
        )
        out.print(heading)
        for table in render.due_tables(report, loaded):
            out.print(table)
        if not report.due and not report.overdue:
            out.print(_("Nothing is scheduled this month and nothing is overdue."))
        out.print(
            _("Due: {due}, done: {done}, open: {open}, overdue: {overdue}").format(
                due=len(report.due), done=report.done, open=len(report.due) - report.done, overdue=len(report.overdue)
            )
        )

    @app.command("done", help=_("Record an occurrence of an action as done, with its evidence."))
    def done_cmd(
        action_id: IdArgument,
        month: Annotated[Optional[int], typer.Option("--month", "-m", min=1, max=12, show_default=False,
                         help=_("Month 1..12. Default: this month if scheduled and open, else the earliest overdue one."))] = None,  # fmt: skip
        evidence: Annotated[Optional[list[str]], typer.Option("--evidence", "-e", show_default=False,
                            help=_("A file to keep (copied and hashed) or a link; repeat for more."))] = None,  # fmt: skip
        note: Annotated[Optional[str], typer.Option("--note", help=_("A short note for the record."))] = None,
        by: Annotated[Optional[str], typer.Option("--by", help=_("Who did it. Default: git's user.name, else your login."))] = None,
        add: Annotated[bool, typer.Option("--add", help=_("Add evidence or a note to an occurrence already done."))] = False,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import progress, render

        loaded = _load(plan)
        result = progress.record_done(loaded, action_id, month=month, evidence=evidence or [], note=note, by=by, add=add)
        record = result.record
        out = render.console()
        what = f"[bold]{record.action}[/] {month_name(record.month)} {loaded.year}"
        template = _("evidence added to {what} — by {by}") if add else _("done: {what} — by {by}")
        out.print(template.format(what=what, by=render.esc(record.by)))
        # Paths and links are never wrapped: people copy them.
        for entry in record.evidence:
            if entry.url:
                out.print("  " + _("link   {url}").format(url=render.esc(entry.url)), soft_wrap=True)
            else:
                assert entry.path is not None and entry.sha256 is not None
                where = progress.evidence_path_for_user(result.journal, entry.path)
                line = _("stored {path}  (sha256 {sha}…, {size} bytes)").format(path=render.esc(where), sha=entry.sha256[:12], size=entry.size)
                out.print("  " + line, soft_wrap=True)
        out.print("  " + _("journal {path}").format(path=render.esc(str(result.journal.path))), soft_wrap=True)
        if not add and not record.evidence:
            # Evaluators ask for the evidence of every occurrence: say how to add it.
            out.print("  " + _("no evidence yet; add it with: zi done {id} --month {month} --add --evidence FILE_OR_URL").format(
                id=record.action, month=record.month), soft_wrap=True)  # fmt: skip

    @app.command("undo", help=_("Reopen an occurrence recorded as done (the journal keeps the history)."))
    def undo_cmd(
        action_id: IdArgument,
        month: Annotated[int, typer.Option("--month", "-m", min=1, max=12, help=_("The month to reopen."))],
        note: Annotated[Optional[str], typer.Option("--note", help=_("Why it is reopened."))] = None,
        by: Annotated[Optional[str], typer.Option("--by", help=_("Who reopens it."))] = None,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import progress, render

        loaded = _load(plan)
        result = progress.undo(loaded, action_id, month, note=note, by=by)
        render.console().print(
            _("reopened {what}; journal {path}").format(
                what=f"[bold]{result.record.action}[/] {month_name(month)} {loaded.year}", path=render.esc(str(result.journal.path))
            ),
            soft_wrap=True,
        )

    @app.command("show", help=_("One action in full: texts, months, each occurrence and its evidence."))
    def show_cmd(action_id: IdArgument, as_json: JsonOption = False, plan: PlanOption = None) -> None:
        from zi_plan import progress, render
        from zi_plan.journal import load_journal

        loaded = _load(plan)
        data = progress.show(loaded, load_journal(loaded), action_id)
        if as_json:
            render.print_json(data)
            return
        out = render.console()
        for table in render.show_tables(data):
            out.print(table, soft_wrap=True)  # paths below the tables: whole, to copy

    @app.command("verify", help=_("Re-hash every stored evidence file against the journal; exit 1 if any is missing or changed."))
    def verify_cmd(as_json: JsonOption = False, plan: PlanOption = None) -> None:
        from zi_plan import evidence, render
        from zi_plan.journal import load_journal

        loaded = _load(plan)
        journal = load_journal(loaded)
        checked, problems = evidence.verify(journal)
        loose = evidence.unrecorded(journal)
        if as_json:
            render.print_json({
                "checked": checked,
                "ok": not problems,
                "problems": [{"id": p.action, "month": p.month, "path": str(p.path), "problem": p.problem,
                              "expected_sha256": p.expected, "found_sha256": p.found} for p in problems],
                "unrecorded": [str(p) for p in loose],
            })  # fmt: skip
        else:
            out = render.console()
            for p in problems:
                if p.problem == "missing":
                    what = _("missing")
                else:
                    what = _("changed (sha256 now {found}…, recorded {expected}…)").format(found=(p.found or "")[:12], expected=p.expected[:12])
                out.print(f"{render.esc(str(p.path))}: {p.action} {month_name(p.month)}: {what}", soft_wrap=True)
            for path in loose:
                out.print(render.esc(str(path)) + ": " + _("in the evidence folder but in no record (record it with zi done ... --add --evidence, or remove it)"), soft_wrap=True)
            files = ngettext("{n} evidence file checked", "{n} evidence files checked", checked).format(n=checked)
            found = ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems))
            out.print(f"{files}, {found}")
        if problems:
            raise typer.Exit(1)

    @app.command("teams", help=_("Each team's workload per month (done/scheduled once progress exists)."))
    def teams_cmd(as_json: JsonOption = False, plan: PlanOption = None) -> None:
        from zi_plan import render, workload
        from zi_plan.journal import load_journal

        loaded = _load(plan)
        journal = load_journal(loaded)
        loads = workload.team_loads(loaded, journal)
        if as_json:
            render.print_json([load.to_json() for load in loads])
            return
        out = render.console()
        for table in render.teams_tables(loads, with_progress=bool(journal.records), width=out.width):
            out.print(table)

    @app.command("team", help=_("One team's actions as a year grid: scheduled, done, overdue, done late."))
    def team_cmd(
        name: Annotated[str, typer.Argument(help=_("Team name or a piece of it, e.g. pengawasan."))],
        month: MonthOption = None,
        as_json: JsonOption = False,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import progress, render, workload
        from zi_plan.journal import load_journal

        loaded = _load(plan)
        detail = workload.team_detail(loaded, load_journal(loaded), name, month or progress.today().month)
        if as_json:
            render.print_json(detail.to_json())
            return
        render.console().print(render.team_grid(detail))

    @app.command("progress", help=_("Completion per component and overall: of what is due so far, and of the year."))
    def progress_cmd(month: MonthOption = None, as_json: JsonOption = False, plan: PlanOption = None) -> None:
        from zi_plan import progress, render, workload
        from zi_plan.journal import load_journal

        loaded = _load(plan)
        as_of = month or progress.today().month
        rows, overall = workload.completion(loaded, load_journal(loaded), as_of)
        if as_json:
            render.print_json({"month": as_of, "components": [r.to_json() for r in rows], "overall": overall.to_json()})
            return
        render.console().print(render.progress_table(rows, overall, as_of))

    OutputOption = Annotated[Optional[str], typer.Option("--output", "-o", show_default=False,
                             help=_("Where to write: a file, or - for standard output. Default: a file named after the document, here."))]  # fmt: skip

    def _written(path: Optional[str]) -> None:
        if path is not None:
            from zi_plan import render

            render.console(stderr=True).print(_("written {path}").format(path=render.esc(path)), soft_wrap=True)

    @app.command("report", help=_("The monitoring-and-evaluation (monev) report as of a month: progress, what was done with its evidence, what is overdue."))
    def report_cmd(
        month: MonthOption = None,
        since: Annotated[Optional[int], typer.Option("--from", min=1, max=12, show_default=False,
                         help=_("First month of the period (e.g. 1 for a quarter Jan-Mar). Default: the report's month."))] = None,  # fmt: skip
        fmt: Annotated[str, typer.Option("--format", help=_("html (to print or share) or md (to paste into minutes)."))] = "html",
        output: OutputOption = None,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import progress, reports
        from zi_plan.journal import load_journal
        from zi_plan.output import write_document

        if fmt not in ("html", "md"):
            raise ZiError(_("unknown format '{fmt}': use html or md").format(fmt=fmt), exit_code=2)
        from zi_plan.output import target_path

        loaded = _load(plan)
        as_of = month or progress.today().month
        name = _("monev-report-{year}-{month:02d}.{ext}").format(year=loaded.year, month=as_of, ext=fmt)
        base = None if output == "-" else target_path(output, name).parent  # evidence links start here
        text = reports.monev_report(loaded, load_journal(loaded), as_of, since, fmt, base)
        _written(write_document(text.encode("utf-8"), output, name))

    @app.command("publish", help=_("The plan as one HTML page in the decree's table layout, for the office website."))
    def publish_cmd(output: OutputOption = None, plan: PlanOption = None) -> None:
        from zi_plan import reports
        from zi_plan.output import write_document

        loaded = _load(plan)
        name = _("action-plan-{year}.html").format(year=loaded.year)
        _written(write_document(reports.plan_page(loaded).encode("utf-8"), output, name))

    @app.command("export", help=_("The plan and its progress as CSV or Excel (decree layout plus status), or iCalendar (one event per occurrence)."))
    def export_cmd(
        fmt: Annotated[str, typer.Option("--format", help=_("csv, xlsx or ics."))],
        month: MonthOption = None,
        team: Annotated[Optional[str], typer.Option("--team", help=_("ics only: one team's calendar."))] = None,
        output: OutputOption = None,
        plan: PlanOption = None,
        excel: Annotated[Optional[str], typer.Option("--excel", help=_("csv only: for Excel in this language: id (';'-separated, as Indonesian Excel opens it) or en (',')."))] = None,
        delimiter: Annotated[Optional[str], typer.Option("--delimiter", help=_("csv only: the separator: ',', ';', '|' or tab."))] = None,
    ) -> None:
        from zi_plan import export, progress
        from zi_plan.journal import load_journal
        from zi_plan.output import write_document

        writers = {"csv": export.to_csv, "xlsx": export.to_xlsx}
        if fmt not in (*writers, "ics"):
            raise ZiError(_("unknown format '{fmt}': use csv, xlsx or ics").format(fmt=fmt), exit_code=2)
        separator = export.csv_delimiter(excel, delimiter, fmt)
        loaded = _load(plan)
        journal = load_journal(loaded)
        if fmt == "ics":
            data = export.to_ics(loaded, journal, team)
        elif fmt == "csv":
            data = export.to_csv(loaded, journal, month or progress.today().month, separator)
        else:
            data = writers[fmt](loaded, journal, month or progress.today().month)
        name = _("action-plan-{year}.{ext}").format(year=loaded.year, ext=fmt)
        _written(write_document(data, output, name))

    evidence_app = typer.Typer(help=_("The evidence store: pack it for the evaluators, replace or restore a file."), no_args_is_help=True)
    app.add_typer(evidence_app, name="evidence")
    from zi_plan.commands import evidence as evidence_commands

    evidence_commands.register(evidence_app)

    @evidence_app.command("pack", help=_("Everything for the evaluators in one zip: the files by component/item/action/month, an index (HTML and CSV) and the gaps."))
    def pack_cmd(
        output: Annotated[Optional[Path], typer.Option("--output", "-o", show_default=False, help=_("The zip file. Default: evidence-YEAR.zip here."))] = None,
        month: Annotated[Optional[int], typer.Option("--month", "-m", min=1, max=12, show_default=False,
                         help=_("List gaps up to this month. Default: 12, the whole year."))] = None,  # fmt: skip
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import pack, render
        from zi_plan.journal import load_journal
        from zi_plan.output import target_path

        loaded = _load(plan)
        target = target_path(output, pack.default_name(loaded))
        result = pack.build_pack(loaded, load_journal(loaded), target, month or 12)
        out = render.console()
        for problem in result.problems:
            out.print(render.esc(problem), soft_wrap=True)
        out.print(
            _("written {path}: {files} files, {links} links, {gaps} gaps, {withdrawn} withdrawn (listed, not packed)").format(
                path=render.esc(str(target)), files=result.files, links=result.links, gaps=result.gaps, withdrawn=result.withdrawn
            ),
            soft_wrap=True,
        )
        if result.problems:
            out.print(_("some stored files are missing or changed (see above and index.html); run zi verify"))
            raise typer.Exit(1)

    def _parse_date(value: Optional[str]) -> Optional[date_type]:
        if value is None:
            return None
        try:
            return date_type.fromisoformat(value)
        except ValueError:
            raise ZiError(_("'{value}' is not a date: write it YYYY-MM-DD, e.g. 2024-04-15").format(value=value), exit_code=2) from None

    InstitutionOption = Annotated[str, typer.Option("--institution", help=_("The office, e.g. 'Komisi Pemilihan Umum Kabupaten Tambrauw'."))]
    YearOption = Annotated[int, typer.Option("--year", min=2000, max=2100, help=_("The plan's year."))]
    NumberOption = Annotated[Optional[str], typer.Option("--decree-number", help=_("The decree's number, e.g. '12 Tahun 2024'."))]
    DateOption = Annotated[Optional[str], typer.Option("--decree-date", help=_("The decree's date, YYYY-MM-DD."))]
    ForceOption = Annotated[bool, typer.Option("--force", help=_("Replace the file if it exists."))]

    @app.command("init", help=_("Write a new plan: a commented starter with the six standard components, or next year's plan from this year's (--from)."))
    def init_cmd(
        path: Annotated[Optional[Path], typer.Argument(show_default=False, help=_("The new plan file. Default: plans/rencana-aksi-YEAR.yaml."))] = None,
        institution: Annotated[Optional[str], typer.Option("--institution", help=_("The office, e.g. 'Komisi Pemilihan Umum Kabupaten Tambrauw'."))] = None,
        year: YearOption = ...,  # type: ignore[assignment]
        source: Annotated[Optional[Path], typer.Option("--from", help=_("Copy this plan's components, items, actions and months into the new year (not its progress)."))] = None,
        number: NumberOption = None,
        date: DateOption = None,
        force: ForceOption = False,
    ) -> None:
        from zi_plan import newplan, render
        from zi_plan.plan import load_plan

        target = path or Path("plans") / f"rencana-aksi-{year}.yaml"
        if source is not None:
            text = newplan.next_year_plan(load_plan(source), year, institution, number, _parse_date(date))
        else:
            if not institution:
                raise ZiError(_("--institution is needed for a new plan (or --from an existing one)"), exit_code=2)
            text = newplan.starter_plan(institution, year, number, _parse_date(date))
        newplan.write_new_plan(text, target, force)
        render.console().print(_("written {path}; check it with: zi validate {path}").format(path=render.esc(str(target))), soft_wrap=True)

    @app.command("import", help=_("Read a Rencana Aksi table (.xlsx or .csv) in the decree's layout and write it as a plan."))
    def import_cmd(
        table: Annotated[Path, typer.Argument(help=_("The table: .xlsx or .csv, in the decree's columns."))],
        institution: InstitutionOption,
        year: YearOption,
        output: Annotated[Optional[Path], typer.Option("--output", "-o", show_default=False, help=_("The plan file to write. Default: the table's name with .yaml, here."))] = None,
        sheet: Annotated[Optional[str], typer.Option("--sheet", help=_("xlsx only: the sheet to read. Default: the first."))] = None,
        title: Annotated[Optional[str], typer.Option("--title", help=_("The plan's title as in the decree."))] = None,
        number: NumberOption = None,
        date: DateOption = None,
        force: ForceOption = False,
    ) -> None:
        from zi_plan import importer, newplan, render

        text = importer.import_plan(table, institution, year, sheet, title, number, _parse_date(date))
        target = output or Path(table.stem + ".yaml")
        newplan.write_new_plan(text, target, force)
        render.console().print(_("written {path}; check it with: zi validate {path}").format(path=render.esc(str(target))), soft_wrap=True)

    @app.command("schema", help=_("Print the JSON Schema of a plan file (for editors and other tools)."))
    def schema_cmd() -> None:
        from zi_plan import render
        from zi_plan.model import json_schema

        render.print_json(json_schema())

    return app


def _take_lang(args: list[str]) -> tuple[Optional[str], list[str]]:
    """Find `--lang X` / `--lang=X` anywhere in the arguments, and remove it.

    The language must be known before the app (and its help) is built, and
    `zi due --lang en` should work as well as `zi --lang en due`.
    """
    rest: list[str] = []
    value: Optional[str] = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang":
            if i + 1 >= len(args):
                raise ZiError(_("--lang needs a value: id or en"), exit_code=2)
            value = args[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            i += 1
            continue
        rest.append(arg)
        i += 1
    if value is not None and i18n.normalise(value) is None:
        raise ZiError(_("unknown language '{value}': use --lang id or --lang en").format(value=value), exit_code=2)
    return value, rest


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: choose the language, run the app, turn user errors into a message and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.detect())
    try:
        lang, args = _take_lang(args)
        i18n.set_language(i18n.detect(lang))
        from typer.main import get_command

        from zi_plan import clicktext

        command = get_command(build_app())
        clicktext.localise(command)  # Typer's own texts in the chosen language too
        return clicktext.run(command, args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except InvalidFile as exc:
        if all(p.line is None for p in exc.problems):  # the file as a whole: missing, unreadable, empty ...
            for problem in exc.problems:
                sys.stderr.write("zi: " + _("error: {message}").format(message=problem) + "\n")
            return exc.exit_code
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write("zi: " + _("error: the file above is not valid; fix the lines shown, then run the command again") + "\n")
        return exc.exit_code
    except ZiError as exc:
        sys.stderr.write("zi: " + _("error: {message}").format(message=exc.message) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("zi: " + _("interrupted") + "\n")
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
