"""The journal after the plan changed: `zi journal accept`, `zi journal move`.

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

from pathlib import Path
from typing import Any, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _, ngettext


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=_("The progress journal: decide about records made for an action's older text."),
                        no_args_is_help=True, rich_markup_mode=None)  # fmt: skip
    app.add_typer(group, name="journal")
    _accept(group)
    _move(group)


def _note_option() -> Any:
    return typer.Option(None, "--note", help=_("Why, for the record (e.g. the amending decree)."))


def _by_option() -> Any:
    return typer.Option(None, "--by", help=_("Who decides. Default: git's user.name, else your login."))


def _accept(group: typer.Typer) -> None:
    @group.command("accept", help=_("The records of ID were made for an older wording of the same work: count them for its text now."))
    def accept_cmd(
        action_id: str = common.id_argument(),
        note: Optional[str] = _note_option(),
        by: Optional[str] = _by_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.progress import amend
        from zi_plan.render import tables
        from zi_plan.store.workspace import shown

        loaded = common.open_plan(plan)
        records, journal = amend.accept(loaded, action_id, by=by, note=note)
        common.announce(loaded, journal, warn=False)  # its warnings were read before this record settled them
        what = tables.esc(f"{records[0].action} “{records[0].indicator}”")
        tables.console().print(_("accepted: the records of {what} count for its present text; journal {path}").format(
            what=what, path=tables.esc(str(shown(journal.path)))), soft_wrap=True)  # fmt: skip


def _move(group: typer.Typer) -> None:
    @group.command("move", help=_("The records of OLD belong to the action now called NEW, as after an action was inserted above it."))
    def move_cmd(
        old: str = typer.Argument(..., metavar="OLD", help=_("The id the records were made under.")),
        new: str = typer.Argument(..., metavar="NEW", help=_("The id of the action they belong to now.")),
        note: Optional[str] = _note_option(),
        by: Optional[str] = _by_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.progress import amend
        from zi_plan.render import tables
        from zi_plan.store.workspace import shown

        loaded = common.open_plan(plan)
        record, count, journal = amend.move(loaded, old, new, by=by, note=note)
        common.announce(loaded, journal, warn=False)
        moved = ngettext("{n} record of {old} now counts for {new}", "{n} records of {old} now count for {new}", count).format(
            n=count, old=record.moved_from, new=record.action)  # fmt: skip
        tables.console().print(tables.esc(moved + "; " + _("journal {path}").format(path=shown(journal.path))), soft_wrap=True)
