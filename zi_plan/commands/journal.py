"""`zi journal accept` and `zi journal move`: deciding about records the amended plan no longer matches.

(No ``from __future__ import annotations``: Typer reads the annotations.)
"""

from pathlib import Path
from typing import Annotated

import typer

from zi_plan.i18n import _, ngettext


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=_("The progress journal: decide about records made for an action's older text."), no_args_is_help=True,
                        rich_markup_mode=None)  # fmt: skip
    app.add_typer(group, name="journal")
    PlanOption = Annotated[Path | None, typer.Option("--plan", show_default=False, help=_("Plan file, or 'bundled'."))]
    NoteOption = Annotated[str | None, typer.Option("--note", help=_("Why, for the record (e.g. the amending decree)."))]
    ByOption = Annotated[str | None, typer.Option("--by", help=_("Who decides. Default: git's user.name, else your login."))]

    @group.command("accept", help=_("The records of ID were made for an older wording of the same work: count them for its text now."))
    def accept_cmd(
        action_id: Annotated[str, typer.Argument(metavar="ID", help=_("Action id, e.g. II.2.a."))],
        note: NoteOption = None,
        by: ByOption = None,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import amend, render
        from zi_plan.plan import open_plan

        loaded = open_plan(plan)
        records, journal = amend.accept(loaded, action_id, by=by, note=note)
        out = render.console()
        what = render.esc(f"{records[0].action} “{records[0].indicator}”")
        out.print(_("accepted: the records of {what} count for its present text; journal {path}").format(
            what=what, path=render.esc(str(journal.path))), soft_wrap=True)  # fmt: skip

    @group.command("move", help=_("The records of OLD belong to the action now called NEW, as after an action was inserted above it."))
    def move_cmd(
        old: Annotated[str, typer.Argument(metavar="OLD", help=_("The id the records were made under."))],
        new: Annotated[str, typer.Argument(metavar="NEW", help=_("The id of the action they belong to now."))],
        note: NoteOption = None,
        by: ByOption = None,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import amend, render
        from zi_plan.plan import open_plan

        loaded = open_plan(plan)
        record, count, journal = amend.move(loaded, old, new, by=by, note=note)
        moved = ngettext("{n} record of {old} now counts for {new}", "{n} records of {old} now count for {new}", count).format(
            n=count, old=record.moved_from, new=record.action)  # fmt: skip
        render.console().print(render.esc(moved + "; " + _("journal {path}").format(path=journal.path)), soft_wrap=True)
