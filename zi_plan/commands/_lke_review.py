"""`zi lke review`: the evaluators' round — import their answers, see each question's state, send, close.

Registered by `zi_plan.commands.lke` (a sub-group of `zi lke`). (No ``from
__future__ import annotations``: Typer reads the annotations.)
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


def register(lke_app: typer.Typer) -> None:
    review_app = typer.Typer(help=_("The evaluators' round: their answers beside the unit's, the state of each question, rounds sent and closed."), no_args_is_help=True)
    lke_app.add_typer(review_app, name="review")
    _add_import(review_app)
    _add_status(review_app)
    _add_mark(review_app, "send", _("Record that the unit's answers were sent to the evaluators in the open round."))
    _add_mark(review_app, "close", _("Close the open round: its reviews are locked; later answers and reviews go to the next round."))


def _add_import(review_app: typer.Typer) -> None:
    @review_app.command("import", help=_("Read an evaluator's answers, verdicts and notes: the sheet zi wrote with the TPI columns filled (.xlsx), a CSV (code,answer,note,verdict) or PortalRB's JSON."))
    def import_cmd(
        file: Annotated[Path, typer.Argument(metavar="FILE", show_default=False, help=_("The evaluator's file: .xlsx, .csv or .json."))],
        reviewer: Annotated[str, typer.Option("--reviewer", show_default=False, help=_("Who reviewed: the evaluator or the TPI team, as the record should name them."))],
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.errors import ZiError
        from zi_plan.formats.lke_reviews import read_review_file
        from zi_plan.lke import answers, coverage
        from zi_plan.lke.rounds import read_rounds
        from zi_plan.progress.answers import record_reviews
        from zi_plan.progress.recording import may_write
        from zi_plan.render import lke_review_tables, tables

        if not reviewer.strip():
            raise ZiError(_("--reviewer needs a name"), exit_code=2)
        loaded, journal = common.open_workspace(plan)
        may_write(loaded)
        sheet = coverage.worksheet_for(loaded)
        read = read_review_file(file, sheet, answers.answer_values(journal))
        current = read_rounds(journal).current
        if read.round is not None and read.round != current:
            raise ZiError(_("{file} was written for round {round}, and the open round is {current}: a closed round is never edited. Write the sheet again (zi lke sheet) for round {current}").format(
                file=file, round=read.round, current=current))  # fmt: skip
        reviews, journal = record_reviews(loaded, read.entries, reviewer=reviewer, file=file.name)
        lke_review_tables.print_imported(tables.console(), reviews)


def _add_status(review_app: typer.Typer) -> None:
    @review_app.command("status", help=_("Each question's state in the evaluators' round: draft, sent, revisi, answered again, accepted."))
    def status_cmd(
        everything: Annotated[bool, typer.Option("--all", help=_("List accepted, sent and draft questions too."))] = False,
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.lke.coverage import served_by
        from zi_plan.lke.rounds import read_rounds
        from zi_plan.render import lke_review_tables, tables

        loaded, journal = common.open_workspace(plan, to_stderr=as_json)
        rounds = read_rounds(journal)
        if as_json:
            tables.print_json({"round": rounds.current, "closed": rounds.closed, "sent": rounds.sent, "counts": rounds.counts(),
                               "questions": [s.to_json() for s in rounds.states.values()]})  # fmt: skip
            return
        lke_review_tables.print_status(tables.console(), rounds, served_by(loaded), everything)


def _add_mark(review_app: typer.Typer, event: str, text: str) -> None:
    @review_app.command(event, help=text)
    def mark_cmd(
        note: Annotated[Optional[str], typer.Option("--note", help=_("A short note for the record."))] = None,
        by: Annotated[Optional[str], typer.Option("--by", help=_("Who records it. Default: git's user.name, else your login."))] = None,
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.lke.rounds import read_rounds
        from zi_plan.progress.answers import mark_round
        from zi_plan.progress.recording import may_write
        from zi_plan.render import lke_review_tables, tables

        loaded = common.open_plan(plan)
        may_write(loaded)
        mark, _before, journal = mark_round(loaded, "send" if event == "send" else "close", by=by, note=note)
        common.announce(loaded, journal)
        lke_review_tables.print_mark(tables.console(), mark, read_rounds(journal))
