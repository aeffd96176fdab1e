"""`zi evidence replace` and `zi evidence restore`: correcting the evidence store.

Registered on the `zi evidence` group. (No ``from __future__ import
annotations``: Typer reads the parameter annotations at run time.)
"""

from typing import Annotated

import typer

from zi_plan.i18n import _, month_name


def register(app: typer.Typer) -> None:
    """Add the correcting commands to the `zi evidence` group ``app``."""
    from pathlib import Path

    PlanOption = Annotated[Path | None, typer.Option("--plan", show_default=False, help=_("Plan file. Default: $ZI_PLAN, else plans/tambrauw-2023.yaml here, else the bundled plan."))]
    NoteOption = Annotated[str | None, typer.Option("--note", help=_("Why, for the record."))]
    ByOption = Annotated[str | None, typer.Option("--by", help=_("Who did it. Default: git's user.name, else your login."))]

    @app.command("replace", help=_("Replace a wrong or damaged stored file of an occurrence with another; the journal keeps both, with their hashes."))
    def replace_cmd(
        action_id: Annotated[str, typer.Argument(metavar="ID", help=_("Action id, e.g. II.2.a."))],
        old: Annotated[str, typer.Argument(metavar="OLD", help=_("The stored file to withdraw: its name, or its path as zi show prints it."))],
        new: Annotated[str, typer.Argument(metavar="NEW", help=_("The file (or link) to keep instead."))],
        month: Annotated[int, typer.Option("--month", "-m", min=1, max=12, help=_("The occurrence's month."))],
        note: NoteOption = None,
        by: ByOption = None,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import corrections, progress, render
        from zi_plan.plan import open_plan

        loaded = open_plan(plan)
        result = corrections.replace(loaded, action_id, month, old, new, note=note, by=by)
        assert result.record is not None and result.new is not None
        out = render.console()
        what = f"[bold]{result.record.action}[/] {month_name(month)} {loaded.year}"
        out.print(_("replaced evidence of {what} — by {by}").format(what=what, by=render.esc(result.record.by)))
        withdrawn = progress.evidence_path_for_user(result.journal, result.old.path) if result.old.path else result.old.url
        out.print("  " + _("withdrawn {path}  (sha256 {sha}…, kept in the store)").format(
            path=render.esc(withdrawn or ""), sha=(result.old.sha256 or "")[:12]), soft_wrap=True)  # fmt: skip
        if result.new.url:
            out.print("  " + _("link   {url}").format(url=render.esc(result.new.url)), soft_wrap=True)
        else:
            assert result.new.path is not None and result.new.sha256 is not None
            where = progress.evidence_path_for_user(result.journal, result.new.path)
            out.print("  " + _("stored {path}  (sha256 {sha}…, {size} bytes)").format(
                path=render.esc(where), sha=result.new.sha256[:12], size=result.new.size), soft_wrap=True)  # fmt: skip
        out.print("  " + _("journal {path}").format(path=render.esc(str(result.journal.path))), soft_wrap=True)

    @app.command("restore", help=_("Put back a missing or damaged stored file from a copy whose hash equals the recorded one."))
    def restore_cmd(
        stored: Annotated[str, typer.Argument(metavar="STORED_PATH", help=_("The stored file, as zi verify or zi show prints it."))],
        file: Annotated[str, typer.Argument(metavar="FILE", help=_("A copy of the original file."))],
        note: NoteOption = None,
        by: ByOption = None,
        plan: PlanOption = None,
    ) -> None:
        from zi_plan import corrections, progress, render
        from zi_plan.plan import open_plan

        loaded = open_plan(plan)
        result = corrections.restore(loaded, stored, file, note=note, by=by)
        assert result.old.path is not None
        out = render.console()
        where = render.esc(progress.evidence_path_for_user(result.journal, result.old.path))
        if result.record is None:
            out.print(_("{path} is intact (its sha256 is the recorded one); nothing to restore").format(path=where), soft_wrap=True)
            return
        out.print(_("restored {path}  (sha256 {sha}…)").format(path=where, sha=(result.old.sha256 or "")[:12]), soft_wrap=True)
        for aside in result.record.replaces:
            assert aside.path is not None
            out.print("  " + _("the damaged copy is kept as {path}").format(
                path=render.esc(progress.evidence_path_for_user(result.journal, aside.path))), soft_wrap=True)  # fmt: skip
        out.print("  " + _("journal {path}").format(path=render.esc(str(result.journal.path))), soft_wrap=True)
