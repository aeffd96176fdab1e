"""The evidence store: `zi evidence pack`, `zi evidence replace`, `zi evidence restore`.

Pack writes the evaluators' zip and never changes the journal; replace and
restore correct the store, each with a record in the journal. (No ``from
__future__ import annotations`` in command modules: Typer reads the
parameter annotations at run time.)
"""

from pathlib import Path
from typing import Any, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


def register(app: typer.Typer) -> None:
    evidence_app = typer.Typer(help=_("The evidence store: pack it for the evaluators, replace or restore a file, push it to a remote store or pull from it."), no_args_is_help=True)
    app.add_typer(evidence_app, name="evidence")
    _pack(evidence_app)
    _replace(evidence_app)
    _restore(evidence_app)
    _push(evidence_app)
    _pull(evidence_app)


def _pack(app: typer.Typer) -> None:
    @app.command("pack", help=_("Everything for the evaluators in one zip: the files by component/item/action/month, an index (HTML and CSV) and the gaps."))
    def pack_cmd(
        output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False, help=_("The zip file ('-': standard output). Default: evidence-YEAR.zip here.")),
        month: Optional[int] = common.month_option(_("List gaps up to this month. Default: 12, the whole year.")),
        by: str = typer.Option("action", "--by", help=_("Lay the files out by action (component/item/action/month) or by LKE question (area/sub-area/code).")),
        force: bool = common.force_option(progress=True),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.commands.unit import fallback_for
        from zi_plan.documents import pack
        from zi_plan.errors import ZiError
        from zi_plan.fs.files import target_path
        from zi_plan.render import tables
        from zi_plan.store.guards import refuse_shifted

        if by not in ("action", "lke"):
            raise ZiError(_("unknown layout '{by}': use action or lke").format(by=by), exit_code=2)
        to_stdout = str(output) == "-"  # the zip is the output: everything said goes to stderr
        loaded, journal = common.open_workspace(plan, to_stderr=to_stdout, writes_file=True)
        refuse_shifted(journal, force=force)
        fallback = fallback_for(loaded, None)  # a file missing here comes from the plan's evidence store, when it names one

        def build(target: Path) -> Any:
            if by == "lke":  # the LKE code lives in zi_plan.lke
                from zi_plan.documents.lke_pack import build_lke_pack
                from zi_plan.lke.coverage import worksheet_for

                return build_lke_pack(loaded, journal, worksheet_for(loaded), target, fallback)
            return pack.build_pack(loaded, journal, target, month or 12, fallback)

        name = _("evidence-lke-{year}.zip").format(year=loaded.year) if by == "lke" else pack.default_name(loaded)
        if to_stdout:
            with pack.to_stdout(name) as target:
                result = build(target)
            tables.print_pack(result, _("(standard output)"), stderr=True)
        else:
            target = target_path(output, name, force=force)
            result = build(target)
            tables.print_pack(result, target)
        if result.problems:
            raise typer.Exit(1)


def _note_option() -> Optional[str]:
    return typer.Option(None, "--note", help=_("Why, for the record."))


def _by_option() -> Optional[str]:
    return typer.Option(None, "--by", help=_("Who did it. Default: git's user.name, else your login."))


def _replace(app: typer.Typer) -> None:
    @app.command("replace", help=_("Replace a wrong or damaged stored file of an occurrence with another; the journal keeps both, with their hashes."))
    def replace_cmd(
        action_id: str = common.id_argument(),
        old: str = typer.Argument(..., metavar="OLD", help=_("The stored file to withdraw: its name, or its path as zi show prints it.")),
        new: str = typer.Argument(..., metavar="NEW", help=_("The file (or link) to keep instead.")),
        month: int = typer.Option(..., "--month", "-m", min=1, max=12, help=_("The occurrence's month.")),
        note: Optional[str] = _note_option(),
        by: Optional[str] = _by_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.progress import corrections
        from zi_plan.render import evidence_tables

        loaded = common.open_plan(plan)
        result = corrections.replace(loaded, action_id, month, old, new, note=note, by=by)
        common.announce(loaded, result.journal)  # plan and journal first, as zi done says them
        evidence_tables.print_replaced(result, loaded.year)


def _restore(app: typer.Typer) -> None:
    @app.command("restore", help=_("Put back a missing or damaged stored file from a copy whose hash equals the recorded one."))
    def restore_cmd(
        stored: str = typer.Argument(..., metavar="STORED_PATH", help=_("The stored file, as zi verify or zi show prints it.")),
        file: str = typer.Argument(..., metavar="FILE", help=_("A copy of the original file.")),
        note: Optional[str] = _note_option(),
        by: Optional[str] = _by_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.progress import corrections
        from zi_plan.render import evidence_tables

        loaded = common.open_plan(plan)
        result = corrections.restore(loaded, stored, file, note=note, by=by)
        common.announce(loaded, result.journal)
        evidence_tables.print_restored(result)


def _jobs_option() -> int:
    return typer.Option(4, "--jobs", "-j", min=1, max=16, help=_("Files in flight at once."))


def _store_option() -> Optional[str]:
    return typer.Option(None, "--store", show_default=False, help=_("The store's address. Default: the plan's evidence_store, else units.yaml's."))


def _push(app: typer.Typer) -> None:
    @app.command("push", help=_("Send to the evidence store every recorded file it lacks; each is read back there and checked against its sha256. Safe to run again: it goes on where it stopped."))
    def push_cmd(
        check: bool = typer.Option(False, "--check", help=_("Also read back the files the store has, and send again any that changed there.")),
        jobs: int = _jobs_option(),
        store: Optional[str] = _store_option(),
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.remote.store import RemoteStore
        from zi_plan.remote.transfer import push
        from zi_plan.render import tables, travel_tables
        from zi_plan.travel.units import need_store

        loaded, journal = common.open_workspace(plan, as_json)
        remote = RemoteStore(need_store(loaded, store))
        err = tables.console(stderr=True)
        report = push(journal, remote, jobs=jobs, check=check, on_done=lambda o: travel_tables.say(err, travel_tables.transfer_line(o)))
        if as_json:
            tables.print_json(travel_tables.transfer_json(report))
        else:
            travel_tables.print_push(report)
        if report.failure or report.problems:
            raise typer.Exit(1)


def _pull(app: typer.Typer) -> None:
    @app.command("pull", help=_("Fetch from the evidence store the recorded files missing here: of one action (and month), or --all."))
    def pull_cmd(
        action_id: Optional[str] = typer.Argument(None, metavar="[ID]", help=_("Action id, e.g. II.2.a.")),
        month: Optional[int] = common.month_option(_("Only this month's files.")),
        every: bool = typer.Option(False, "--all", help=_("Every recorded file missing here.")),
        jobs: int = _jobs_option(),
        store: Optional[str] = _store_option(),
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.errors import ZiError
        from zi_plan.progress.recording import writing
        from zi_plan.remote.store import RemoteStore
        from zi_plan.remote.transfer import pull, wanted
        from zi_plan.render import tables, travel_tables
        from zi_plan.travel.units import need_store

        if action_id is None and not every and month is None:
            raise ZiError(_("say which files: an action ID (and --month), or --all"), exit_code=2)
        loaded = common.open_plan(plan)
        action = loaded.action(action_id).id if action_id else None
        remote = RemoteStore(need_store(loaded, store))
        err = tables.console(stderr=True)
        with writing(loaded) as journal:
            common.announce(loaded, journal, to_stderr=as_json)
            report = pull(journal, remote, wanted(journal, action, month), jobs=jobs,
                          on_done=lambda o: travel_tables.say(err, travel_tables.transfer_line(o)))  # fmt: skip
        if as_json:
            tables.print_json(travel_tables.transfer_json(report))
        else:
            travel_tables.print_pull(report)
        if report.failure or report.problems:
            raise typer.Exit(1)
