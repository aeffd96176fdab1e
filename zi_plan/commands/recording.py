"""Month by month: `zi due`, `zi done`, `zi undo`, `zi show`, `zi verify`.

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

from pathlib import Path
from typing import Any, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


def register(app: typer.Typer) -> None:
    _due(app)
    _done(app)
    _undo(app)
    _show(app)
    _verify(app)


def _due(app: typer.Typer) -> None:
    @app.command("due", help=_("What each team must do this month, and what is overdue."))
    def due_cmd(
        month: Optional[int] = common.month_option(),
        team: Optional[str] = common.team_option(),
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.progress.due import due
        from zi_plan.render import tables

        loaded, journal = common.open_workspace(plan, as_json)
        report = due(loaded, journal, common.month_or_now(month, loaded.year), team)
        if as_json:
            tables.print_json(report.to_json(loaded))
            return
        extra = []
        if report.revisi:
            from zi_plan.render.lke_review_tables import revisi_table

            extra.append(revisi_table(report.revisi))
        tables.print_due(report, loaded, extra)


def _done(app: typer.Typer) -> None:
    @app.command("done", help=_("Record an occurrence of an action as done, with its evidence."))
    def done_cmd(
        action_id: str = common.id_argument(),
        month: Optional[int] = common.month_option(_("Month: 1..12 or its name. Default: this month if scheduled and open, else the earliest overdue one.")),
        evidence: Optional[list[str]] = typer.Option(None, "--evidence", "-e", show_default=False,
                                                     help=_("A file to keep (copied and hashed) or a link; repeat for more.")),
        note: Optional[str] = typer.Option(None, "--note", help=_("A short note for the record.")),
        by: Optional[str] = typer.Option(None, "--by", help=_("Who did it. Default: git's user.name, else your login.")),
        add: bool = typer.Option(False, "--add", help=_("Add evidence or a note to an occurrence already done.")),
        force: bool = typer.Option(False, "--force", help=_("Record a month that has not come yet.")),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.progress import recording
        from zi_plan.render import tables

        loaded = common.open_plan(plan)
        result = recording.record_done(loaded, action_id, month=month, evidence=evidence or [], note=note, by=by, add=add, force=force)
        common.announce(loaded, result.journal)
        tables.print_recorded(result, loaded.year, add)


def _undo(app: typer.Typer) -> None:
    @app.command("undo", help=_("Reopen an occurrence recorded as done (the journal keeps the history)."))
    def undo_cmd(
        action_id: str = common.id_argument(),
        month: int = common.month_option(_("The month to reopen."), default=...),
        note: Optional[str] = typer.Option(None, "--note", help=_("Why it is reopened.")),
        by: Optional[str] = typer.Option(None, "--by", help=_("Who reopens it.")),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.progress import recording
        from zi_plan.render import tables

        loaded = common.open_plan(plan)
        result = recording.undo(loaded, action_id, month, note=note, by=by)
        common.announce(loaded, result.journal)
        tables.print_reopened(result, loaded.year)


def _show(app: typer.Typer) -> None:
    @app.command("show", help=_("One action in full: texts, months, each occurrence and its evidence."))
    def show_cmd(
        action_id: str = common.id_argument(),
        month: Optional[int] = common.month_option(_("Mark occurrences as of this month (open ones before it are overdue). Default: this month; December for a past year's plan, January for a year to come.")),
        as_json: bool = common.json_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:
        from zi_plan.progress import recording
        from zi_plan.render import evidence_tables, tables

        loaded, journal = common.open_workspace(plan, as_json)
        data = recording.show(loaded, journal, action_id, month)
        if as_json:
            tables.print_json(data)
            return
        out = tables.console()
        for part in evidence_tables.show_tables(data):
            out.print(part, soft_wrap=True)  # paths below the tables: whole, to copy


def _verify(app: typer.Typer) -> None:
    @app.command("verify", help=_("Re-hash every stored evidence file against the journal, and check the journal against the plan; exit 1 if a file is missing or changed, or a record was made for another text of its action."))
    def verify_cmd(
        as_json: bool = common.json_option(),
        remote: bool = typer.Option(False, "--remote", help=_("Also check every evidence file in the evidence store: there, with its size and sha256. A file missing here then counts when the store holds it.")),
        store: Optional[str] = typer.Option(None, "--store", show_default=False, help=_("With --remote: the store's address. Default: the plan's evidence_store, else units.yaml's.")),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.render import tables
        from zi_plan.store import amendments, evidence

        loaded, journal = common.open_workspace(plan, as_json, warn=False)
        checked, problems = evidence.verify(journal)
        loose, partial = evidence.unrecorded(journal), evidence.partials(journal)
        changed = [f for f in journal.findings if f.kind == "changed"]
        in_store = _in_store(loaded, journal, store, problems) if remote else None
        if in_store is not None:  # missing here, sound in the store: not a problem
            problems = [p for p in problems if not (p.problem == "missing" and (p.expected, p.path) in in_store["sound"])]
        if as_json:
            data = evidence.verify_json(checked, problems, loose, partial)
            extra = {"remote": in_store["json"]} if in_store is not None else {}
            ok = data["ok"] and not changed and not (in_store and in_store["problems"])
            tables.print_json(data | {"ok": ok, "records": amendments.findings_json(journal.findings, loaded)} | extra)
        else:
            tables.print_verify(checked, problems, loose, partial)
            out = tables.console()
            for line in amendments.verify_lines(journal, loaded):
                out.print(tables.esc(line), soft_wrap=True)
            if in_store is not None:
                from zi_plan.render.travel_tables import print_remote

                print_remote(in_store["store"], in_store["checked"], in_store["problems"], len(in_store["sound"]))
        if problems or changed or (in_store and in_store["problems"]):
            raise typer.Exit(1)


def _in_store(loaded: Any, journal: Any, store: Optional[str], local: list[Any]) -> dict[str, Any]:
    """`zi verify --remote`: the store's check, and which files missing here it holds sound."""
    from zi_plan.remote.store import RemoteStore
    from zi_plan.remote.transfer import verify_remote
    from zi_plan.travel.units import need_store

    remote = RemoteStore(need_store(loaded, store))
    checked, problems = verify_remote(journal, remote)
    bad = {p.entry.sha256 for p in problems}
    sound = {(p.expected, p.path) for p in local if p.problem == "missing" and p.expected not in bad}
    found = [{"id": p.record.action, "month": p.record.month or None, "path": p.entry.path, "problem": p.problem,
              "expected_sha256": p.entry.sha256, "found": p.found} for p in problems]  # fmt: skip
    return {"store": remote.address.shown, "checked": checked, "problems": problems, "sound": sound,
            "json": {"store": remote.address.shown, "checked": checked, "ok": not problems, "problems": found, "only_in_store": len(sound)}}  # fmt: skip
