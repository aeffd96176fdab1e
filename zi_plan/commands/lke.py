"""`zi lke`: the LKE worksheet — coverage, answers, score, sheet.

Parses arguments and prints; the work is in ``zi_plan.lke``, imported inside
each command so that other commands never load it. (No ``from __future__
import annotations``: Typer reads the annotations.)
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


def register(app: typer.Typer) -> None:
    """Add the `zi lke` group to the app."""
    lke_app = typer.Typer(help=_("The LKE worksheet the office is evaluated on: coverage, answers, score, answer sheet."), no_args_is_help=True)
    app.add_typer(lke_app, name="lke")
    _add_list(lke_app)
    _add_coverage(lke_app)
    _add_answer(lke_app)
    _add_score(lke_app)
    _add_sheet(lke_app)


def _add_list(lke_app: typer.Typer) -> None:
    @lke_app.command("list", help=_("Every question of the worksheet: code, text, answer type, weight, and the actions that serve it."))
    def list_cmd(
        area: Annotated[Optional[str], typer.Option("--area", show_default=False, help=_("Only area 1..6, or H for the hasil part."))] = None,
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.lke import coverage, listing
        from zi_plan.render import lke_tables, tables

        wanted = listing.parse_area(area)
        loaded = common.open_plan_to_read(plan, scripted=as_json)
        sheet = coverage.worksheet_for(loaded)
        rows = listing.list_rows(sheet, coverage.served_by(loaded), wanted)
        if as_json:
            tables.print_json(rows)
            return
        out = tables.console()
        out.print("[bold]" + _("LKE Zona Integritas {year} (Lampiran III PermenPANRB 90/2021)").format(year=sheet.year) + "[/]")
        out.print(lke_tables.list_table(rows))
        scored = sum(r["scored"] for r in rows)
        out.print(_("{n} questions scored, {inputs} count inputs").format(n=scored, inputs=len(rows) - scored))


def _add_coverage(lke_app: typer.Typer) -> None:
    @lke_app.command("coverage", help=_("Which questions the plan's actions serve, and the best score that leaves within reach."))
    def coverage_cmd(as_json: bool = common.json_option(), plan: Optional[Path] = common.plan_option()) -> None:
        from zi_plan.lke import coverage
        from zi_plan.render import lke_tables, tables

        loaded = common.open_plan_to_read(plan, scripted=as_json)
        result = coverage.coverage(coverage.worksheet_for(loaded), loaded)
        if as_json:
            tables.print_json(result.to_json())
            return
        out = tables.console()
        for table in lke_tables.coverage_tables(result):
            out.print(table)
        out.print(lke_tables.uncovered_table(result))
        c = result.ceiling
        out.print(_("The plan serves {covered} of the {scored} scored questions of the LKE {year}.").format(
            covered=len(result.covered), scored=len(result.scored), year=result.sheet.year))  # fmt: skip
        out.print(_("Ceiling: pemenuhan {p}, reform {r}, pengungkit {g} (of 60)").format(
            p=lke_tables.num(c.pemenuhan), r=lke_tables.num(c.reform), g=lke_tables.num(c.pengungkit)))  # fmt: skip
        lke_tables.print_gate_lines(out, result.gates, served=True)


def _add_answer(lke_app: typer.Typer) -> None:
    @lke_app.command("answer", help=_("Record the office's answer to a question (a later answer supersedes it; the journal keeps the history)."))
    def answer_cmd(
        code: Annotated[Optional[str], typer.Argument(show_default=False, metavar="CODE", help=_("Question code, e.g. P.1.i.a."))] = None,
        value: Annotated[Optional[str], typer.Argument(show_default=False, metavar="VALUE",
                         help=_("Ya/Tidak, A..E, a count for a count input, or an index 0-4 for H.1.a and H.2.a."))] = None,
        evidence: Annotated[Optional[list[str]], typer.Option("--evidence", "-e", show_default=False,
                            help=_("A file to keep (copied and hashed) or a link; repeat for more."))] = None,
        note: Annotated[Optional[str], typer.Option("--note", help=_("A short note for the record."))] = None,
        by: Annotated[Optional[str], typer.Option("--by", help=_("Who answers. Default: git's user.name, else your login."))] = None,
        file: Annotated[Optional[Path], typer.Option("--file", show_default=False,
                        help=_("Many answers from a CSV file: code,value[,note] per line; all or nothing."))] = None,
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.errors import ZiError
        from zi_plan.lke import answers, coverage
        from zi_plan.progress.answers import record_answers
        from zi_plan.progress.recording import may_write
        from zi_plan.render import tables
        from zi_plan.store.evidence import path_for_user
        from zi_plan.store.workspace import shown

        loaded = common.open_plan(plan)
        may_write(loaded)  # before any code or value is checked against a plan nobody chose
        sheet = coverage.worksheet_for(loaded)
        if file is not None:
            if code is not None or value is not None or evidence:
                raise ZiError(_("--file takes every answer from the file: give no CODE, VALUE or --evidence with it"), exit_code=2)
            entries = answers.read_answers_csv(file, sheet)
        elif code is None or value is None:
            raise ZiError(_("give CODE and VALUE (e.g. zi lke answer P.1.i.a Ya), or --file answers.csv"), exit_code=2)
        else:
            question = sheet.question(code)
            entries = [(question, answers.parse_value(question, value), note)]
        recorded, journal = record_answers(loaded, entries, evidence=evidence or [], by=by)
        common.announce(loaded, journal)
        out = tables.console()
        for a in recorded:
            out.print(_("answer: {code} = {value} — by {by}").format(code=f"[bold]{a.code}[/]", value=tables.esc(str(a.value)), by=tables.esc(a.by)))
            for entry in a.evidence:
                where = entry.url or _("stored {path}  (sha256 {sha}…, {size} bytes)").format(
                    path=path_for_user(journal, entry.path or ""), sha=(entry.sha256 or "")[:12], size=entry.size)  # fmt: skip
                out.print("  " + tables.esc(where), soft_wrap=True)
        out.print("  " + _("journal {path}").format(path=tables.esc(str(shown(journal.path)))), soft_wrap=True)


def _add_score(lke_app: typer.Typer) -> None:
    @lke_app.command("score", help=_("The worksheet's score from the recorded answers, in two readings, against the WBK and WBBM gates."))
    def score_cmd(
        suggest: Annotated[bool, typer.Option("--suggest", help=_("Also show answers suggested by the progress journal (never recorded)."))] = False,
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.lke import answers, coverage, score
        from zi_plan.render import lke_tables, tables

        loaded, journal = common.open_workspace(plan, to_stderr=as_json)
        sheet = coverage.worksheet_for(loaded)
        result = score.score(sheet, answers.answer_values(journal))
        suggestions = None
        if suggest:
            from zi_plan.lke.suggest import suggestions as compute

            suggestions = compute(loaded, journal, sheet)
        if as_json:
            data = result.to_json()
            if suggestions is not None:
                data["suggestions"] = [s.to_json() for s in suggestions]
            tables.print_json(data)
            return
        out = tables.console()
        out.print(lke_tables.score_table(result))
        answered = sum(v.status != "unanswered" for v in result.values.values())
        out.print(_("{n} of {total} questions answered").format(n=answered, total=len(result.values)))
        no_value = [code for code, v in result.values.items() if v.status == "no_value"]
        if no_value:
            out.print(_("no value (a denominator of 0), left out: {codes}").format(codes=", ".join(no_value)))
        out.print(lke_tables.reading_line(_("answered (as the official Excel)"), result.answered, sheet))
        out.print(lke_tables.reading_line(_("strict (unanswered = 0)"), result.strict, sheet))
        lke_tables.print_gate_lines(out, result.gates)
        if suggestions is not None:
            out.print(lke_tables.suggestion_table(suggestions, answers.current(journal)))


def _add_sheet(lke_app: typer.Typer) -> None:
    @lke_app.command("sheet", help=_("The answer sheet for the evaluators: Excel in the worksheet's order with a score summary, or PortalRB JSON keyed by soal_id."))
    def sheet_cmd(
        fmt: Annotated[str, typer.Option("--format", help=_("xlsx or portalrb."))] = "xlsx",
        output: Annotated[Optional[str], typer.Option("--output", "-o", show_default=False,
                          help=_("Where to write: a file, or - for standard output. Default: a file named after the document, here."))] = None,
        force: bool = common.force_option(progress=True),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.errors import ZiError
        from zi_plan.formats import lke_sheet
        from zi_plan.fs.files import write_document
        from zi_plan.lke import coverage
        from zi_plan.render import tables
        from zi_plan.store.guards import refuse_shifted

        writers = {"xlsx": (lke_sheet.to_xlsx, "xlsx"), "portalrb": (lke_sheet.to_portalrb, "json")}
        if fmt not in writers:
            raise ZiError(_("unknown format '{fmt}': use xlsx or portalrb").format(fmt=fmt), exit_code=2)
        loaded, journal = common.open_workspace(plan, to_stderr=True, writes_file=True)
        refuse_shifted(journal, force=force)
        worksheet = coverage.worksheet_for(loaded)
        writer, ext = writers[fmt]
        name = f"lke-{worksheet.year}-portalrb.{ext}" if fmt == "portalrb" else _("lke-{year}-answers.xlsx").format(year=worksheet.year)
        written = write_document(writer(loaded, journal, worksheet), output, name, force=force)
        if written is not None:
            tables.console(stderr=True).print(_("written {path}").format(path=tables.esc(written)), soft_wrap=True)
