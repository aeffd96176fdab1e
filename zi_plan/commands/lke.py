"""`zi lke`: the LKE worksheet — coverage, answers, score, sheet.

Parses arguments and prints; the work is in ``zi_plan.lke``, imported inside
each command so that other commands never load it. (No ``from __future__
import annotations``: Typer reads the annotations.)
"""

from pathlib import Path
from typing import Annotated, Any, Literal, Optional

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
    from zi_plan.commands import _lke_review

    _lke_review.register(lke_app)


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
    @lke_app.command("coverage", help=_("Which questions the plan's actions serve, and the plan's ceiling: the best score that leaves within reach."))
    def coverage_cmd(as_json: bool = common.json_option(), plan: Optional[Path] = common.plan_option()) -> None:
        from zi_plan.lke import answers, coverage
        from zi_plan.render import lke_tables, tables

        loaded, journal = common.open_workspace(plan, to_stderr=as_json)
        recorded = answers.current(journal)
        result = coverage.coverage(coverage.worksheet_for(loaded), loaded, {c: a.value for c, a in recorded.items()},
                                   [c for c, a in recorded.items() if a.routine])  # fmt: skip
        if as_json:
            tables.print_json(result.to_json())
            return
        lke_tables.print_coverage(tables.console(), result)


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
        routine: Annotated[Optional[bool], typer.Option("--routine/--not-routine", show_default=False,
                           help=_("Answered from routine work outside the plan (LAKIP, discipline, LHKPN ...): coverage counts it. Default: as the earlier answer."))] = None,
        replace_evidence: Annotated[bool, typer.Option("--replace-evidence", help=_("The --evidence given replaces the earlier answer's evidence (kept by default)."))] = False,
        withdraw_evidence: Annotated[bool, typer.Option("--withdraw-evidence", help=_("Record the answer without the earlier answer's evidence."))] = False,
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
        if replace_evidence and withdraw_evidence:
            raise ZiError(_("give --replace-evidence or --withdraw-evidence, not both"), exit_code=2)
        mode: Literal["keep", "replace", "withdraw"] = "replace" if replace_evidence else "withdraw" if withdraw_evidence else "keep"
        recorded, journal = record_answers(loaded, entries, evidence=evidence or [], by=by, routine=routine, mode=mode)
        common.announce(loaded, journal)
        out = tables.console()
        for a in recorded:
            line = _("answer: {code} = {value} — by {by}").format(code=f"[bold]{a.code}[/]", value=tables.esc(str(a.value)), by=tables.esc(a.by))
            out.print(line + (" " + _("(routine work outside the plan)") if a.routine else ""))
            for entry in a.evidence:
                where = entry.url or _("stored {path}  (sha256 {sha}…, {size} bytes)").format(
                    path=path_for_user(journal, entry.path or ""), sha=(entry.sha256 or "")[:12], size=entry.size)  # fmt: skip
                out.print("  " + tables.esc(where), soft_wrap=True)
        out.print("  " + _("journal {path}").format(path=tables.esc(str(shown(journal.path)))), soft_wrap=True)


def _add_score(lke_app: typer.Typer) -> None:
    @lke_app.command("score", help=_("The worksheet's score from the recorded answers, in two readings, against the WBK and WBBM gates."))
    def score_cmd(
        suggest: Annotated[bool, typer.Option("--suggest", help=_("Also show the moves worth most toward the gates not met, with what the progress journal suggests (never recorded)."))] = False,
        tpi: Annotated[bool, typer.Option("--tpi", help=_("Score the evaluators' (TPI) answers instead of the unit's."))] = False,
        compare: Annotated[bool, typer.Option("--compare", help=_("The unit's and the evaluators' scores side by side, and the questions where they differ."))] = False,
        round_no: Annotated[Optional[int], typer.Option("--round", min=1, show_default=False, help=_("With --tpi or --compare: the evaluators' answers as of this round."))] = None,
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.errors import ZiError
        from zi_plan.lke import answers, coverage, score
        from zi_plan.lke.rounds import read_rounds
        from zi_plan.render import lke_tables, tables

        if tpi and compare:
            raise ZiError(_("give --tpi or --compare, not both"), exit_code=2)
        loaded, journal = common.open_workspace(plan, to_stderr=as_json)
        sheet = coverage.worksheet_for(loaded)
        if tpi or compare:
            rounds = read_rounds(journal)
            if not rounds.reviews:
                raise ZiError(_("no evaluator's answers recorded yet: import them with zi lke review import FILE"))
            if compare:
                _compare(sheet, answers.answer_values(journal), rounds, round_no, as_json)
                return
        values = read_rounds(journal).tpi_values(round_no) if tpi else answers.answer_values(journal)
        result = score.score(sheet, values)
        moves = None
        if suggest:
            from zi_plan.lke.suggest import moves as compute

            moves = compute(loaded, journal, sheet, values)
        if as_json:
            data = result.to_json()
            if moves is not None:
                data["suggestions"] = [m.to_json() for m in moves]
            tables.print_json(data)
            return
        out = tables.console()
        if tpi:
            out.print("[bold]" + _("The evaluators' (TPI) answers") + "[/]")
        lke_tables.print_score(out, result, sheet)
        if moves is not None:
            out.print(lke_tables.moves_table(moves))


def _compare(sheet: Any, unit: Any, rounds: Any, round_no: Optional[int], as_json: bool) -> None:
    from zi_plan.lke.compare import compare
    from zi_plan.render import lke_review_tables, tables

    latest = rounds.latest_reviews(round_no)
    result = compare(sheet, unit, rounds.tpi_values(round_no), {code: r.note for code, r in latest.items()})
    if as_json:
        tables.print_json(result.to_json())
        return
    lke_review_tables.print_comparison(tables.console(), result, sheet)


def _add_sheet(lke_app: typer.Typer) -> None:
    @lke_app.command("sheet", help=_("The answer sheet for the evaluators: the official worksheet in Excel with its formulas, or PortalRB's JSON."))
    def sheet_cmd(
        fmt: Annotated[str, typer.Option("--format", help=_("xlsx or portalrb."))] = "xlsx",
        output: Annotated[Optional[str], typer.Option("--output", "-o", show_default=False,
                          help=_("Where to write: a file, or - for standard output. Default: a file named after the document, here."))] = None,
        force: bool = common.force_option(progress=True),
        evidence_url: Annotated[Optional[str], typer.Option("--evidence-url", show_default=False,
                                help=_("Where the evidence folder is published on the web (stored files become links under it)."))] = None,
        unit_id: Annotated[Optional[str], typer.Option("--unit-id", show_default=False, help=_("portalrb: the unit's id in the office's system. Default: its code in units.yaml, else from the institution's name."))] = None,
        kategori: Annotated[Optional[str], typer.Option("--kategori", show_default=False,
                            help=_("portalrb: WBK, WBK-AFIRMASI, WBBM or WBBM-AFIRMASI. Default: the unit's predicate in units.yaml, else WBK."))] = None,
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.errors import ZiError
        from zi_plan.formats import lke_sheet
        from zi_plan.fs.files import write_document
        from zi_plan.lke import coverage
        from zi_plan.render import tables
        from zi_plan.store.guards import refuse_shifted
        from zi_plan.travel.units import unit_of_plan

        writers = {"xlsx": (lke_sheet.to_xlsx, "xlsx"), "portalrb": (lke_sheet.to_portalrb, "json")}
        if fmt not in writers:
            raise ZiError(_("unknown format '{fmt}': use xlsx or portalrb").format(fmt=fmt), exit_code=2)
        if evidence_url is not None and not evidence_url.startswith(("https://", "http://")):
            raise ZiError(_("--evidence-url must be a web address (https://...): {value}").format(value=evidence_url), exit_code=2)
        loaded, journal = common.open_workspace(plan, to_stderr=True, writes_file=True)
        unit = unit_of_plan(loaded.path)  # the parent's units.yaml, when the plan is a unit's
        if unit is not None:
            unit_id = unit_id or unit[1].code
            kategori = kategori or unit[1].predicate.upper()  # WBK-afirmasi -> WBK-AFIRMASI
        options = lke_sheet.SheetOptions(evidence_url, unit_id, lke_sheet.check_kategori(kategori or "WBK"))
        refuse_shifted(journal, force=force)
        worksheet = coverage.worksheet_for(loaded)
        writer, ext = writers[fmt]
        name = f"lke-{worksheet.year}-portalrb.{ext}" if fmt == "portalrb" else _("lke-{year}-answers.xlsx").format(year=worksheet.year)
        written = write_document(writer(loaded, journal, worksheet, options), output, name, force=force)
        err = tables.console(stderr=True)
        if written is not None:
            err.print(_("written {path}").format(path=tables.esc(written)), soft_wrap=True)
        missing = 0 if evidence_url else lke_sheet.unpublished(journal)
        if missing:
            err.print(_("{n} stored evidence files have no web address in it: publish the evidence folder and give --evidence-url").format(n=missing), soft_wrap=True)
