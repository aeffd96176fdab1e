"""The `zi` command line: parse arguments, call the core, print.

Nothing here decides anything about plans or progress; that is the core's
job. User errors (ZiError) are caught in one place, ``main``. Core modules
are imported inside the commands so that `zi --help` and shell completion
stay quick.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from zi_plan import __version__
from zi_plan.errors import InvalidFile, ZiError

app = typer.Typer(
    name="zi",
    help="Rencana Aksi Zona Integritas: check the plan, see what is due, record what is done.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PlanOption = Annotated[
    Optional[Path],
    typer.Option(
        "--plan",
        help="Plan file. Default: $ZI_PLAN, else plans/tambrauw-2023.yaml here, else the bundled plan.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
MonthOption = Annotated[
    Optional[int],
    typer.Option("--month", "-m", min=1, max=12, help="Month 1..12. Default: the current month.", show_default=False),
]
TeamOption = Annotated[Optional[str], typer.Option("--team", help="Only this team (a piece of its name will do).")]


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Rencana Aksi Zona Integritas: check the plan, see what is due, record what is done."""


def _load(plan: Optional[Path]):  # -> LoadedPlan, imported lazily
    from zi_plan.plan import open_plan

    return open_plan(plan)


@app.command("validate")
def validate_cmd(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Plan files. Default: the plan found as for --plan.", show_default=False)] = None,
    output_format: Annotated[ReportFormat, typer.Option("--format", help="text, json or github (workflow annotations).")] = ReportFormat.text,
    plan: PlanOption = None,
) -> None:
    """Check plan files: YAML, schema and rules. Exit 1 if any is invalid."""
    from zi_plan.plan import check_file, find_plan
    from zi_plan.reporters import REPORTERS

    files = paths or [find_plan(plan)[0]]
    results = [(str(path), check_file(path)) for path in files]
    REPORTERS[output_format.value](results, sys.stdout)
    if any(problems for _, problems in results):
        raise typer.Exit(1)


@app.command("list")
def list_cmd(
    team: TeamOption = None,
    component: Annotated[Optional[str], typer.Option("--component", help="Only this component (I..VI).")] = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
) -> None:
    """Every action of the plan: id, team, indicator, months."""
    from zi_plan import render

    loaded = _load(plan)
    actions = loaded.actions
    if team:
        wanted = loaded.team(team)
        actions = [a for a in actions if a.team == wanted]
    if component:
        ids = [cid for cid, _ in loaded.components]
        match = next((cid for cid in ids if cid.lower() == component.strip().lower()), None)
        if match is None:
            raise ZiError(f"no component '{component}'; the plan has {', '.join(ids)}")
        actions = [a for a in actions if a.component == match]
    rows = [a.to_json() for a in actions]
    if as_json:
        render.print_json(rows)
        return
    out = render.console()
    out.print(render.action_list_table(rows))
    out.print(f"{len(rows)} action{'s' if len(rows) != 1 else ''}")


@app.command("due")
def due_cmd(month: MonthOption = None, team: TeamOption = None, as_json: JsonOption = False, plan: PlanOption = None) -> None:
    """What each team must do this month, and what is overdue."""
    from zi_plan import progress, render
    from zi_plan.journal import load_journal

    loaded = _load(plan)
    journal = load_journal(loaded)
    report = progress.due(loaded, journal, month or progress.today().month, team)
    if as_json:
        render.print_json(report.to_json(loaded))
        return
    out = render.console()
    out.print(f"[bold]{render.esc(loaded.institution)}[/] — due in {render.month_name(report.month)} {loaded.year}")
    for table in render.due_tables(report, loaded):
        out.print(table)
    done = sum(d.status == "done" for d in report.due)
    if not report.due and not report.overdue:
        out.print("Nothing is scheduled this month and nothing is overdue.")
    out.print(f"Due: {len(report.due)}, done: {done}, open: {len(report.due) - done}, overdue: {len(report.overdue)}")


@app.command("done")
def done_cmd(
    action_id: Annotated[str, typer.Argument(metavar="ID", help="Action id, e.g. II.2.a.")],
    month: Annotated[Optional[int], typer.Option("--month", "-m", min=1, max=12, help="Month 1..12. Default: this month if scheduled and open, else the earliest overdue one.", show_default=False)] = None,
    evidence: Annotated[Optional[list[str]], typer.Option("--evidence", "-e", help="A file to keep (copied and hashed) or a link; repeat for more.", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="A short note for the record.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who did it. Default: git's user.name, else your login.")] = None,
    add: Annotated[bool, typer.Option("--add", help="Add evidence or a note to an occurrence already done.")] = False,
    plan: PlanOption = None,
) -> None:
    """Record an occurrence of an action as done, with its evidence."""
    from zi_plan import progress, render

    loaded = _load(plan)
    result = progress.record_done(loaded, action_id, month=month, evidence=evidence or [], note=note, by=by, add=add)
    record = result.record
    out = render.console()
    verb = "evidence added to" if add else "done:"
    out.print(f"{verb} [bold]{record.action}[/] {render.month_name(record.month)} {loaded.year} — by {render.esc(record.by)}")
    for entry in record.evidence:
        if entry.url:
            out.print(f"  link   {render.esc(entry.url)}", soft_wrap=True)
        else:
            assert entry.path is not None and entry.sha256 is not None
            where = progress.evidence_path_for_user(result.journal, entry.path)
            # Paths are never wrapped: people copy them.
            out.print(f"  stored {render.esc(where)}  (sha256 {entry.sha256[:12]}…, {entry.size} bytes)", soft_wrap=True)
    out.print(f"  journal {render.esc(str(result.journal.path))}", soft_wrap=True)


@app.command("undo")
def undo_cmd(
    action_id: Annotated[str, typer.Argument(metavar="ID", help="Action id, e.g. II.2.a.")],
    month: Annotated[int, typer.Option("--month", "-m", min=1, max=12, help="The month to reopen.")],
    note: Annotated[Optional[str], typer.Option("--note", help="Why it is reopened.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who reopens it.")] = None,
    plan: PlanOption = None,
) -> None:
    """Reopen an occurrence recorded as done (the journal keeps the history)."""
    from zi_plan import progress, render

    loaded = _load(plan)
    result = progress.undo(loaded, action_id, month, note=note, by=by)
    render.console().print(
        f"reopened [bold]{result.record.action}[/] {render.month_name(month)} {loaded.year}; "
        f"journal {render.esc(str(result.journal.path))}",
        soft_wrap=True,
    )


@app.command("show")
def show_cmd(
    action_id: Annotated[str, typer.Argument(metavar="ID", help="Action id, e.g. II.2.a.")],
    as_json: JsonOption = False,
    plan: PlanOption = None,
) -> None:
    """One action in full: texts, months, each occurrence and its evidence."""
    from zi_plan import progress, render
    from zi_plan.journal import load_journal

    loaded = _load(plan)
    data = progress.show(loaded, load_journal(loaded), action_id)
    if as_json:
        render.print_json(data)
        return
    out = render.console()
    for table in render.show_tables(data):
        out.print(table)


@app.command("verify")
def verify_cmd(as_json: JsonOption = False, plan: PlanOption = None) -> None:
    """Re-hash every stored evidence file against the journal; exit 1 if any is missing or changed."""
    from zi_plan import evidence, render
    from zi_plan.journal import load_journal

    loaded = _load(plan)
    journal = load_journal(loaded)
    checked, problems = evidence.verify(journal)
    if as_json:
        render.print_json(
            {
                "checked": checked,
                "ok": not problems,
                "problems": [
                    {"id": p.action, "month": p.month, "path": str(p.path), "problem": p.problem, "expected_sha256": p.expected, "found_sha256": p.found}
                    for p in problems
                ],
            }
        )
    else:
        out = render.console()
        for p in problems:
            what = "missing" if p.problem == "missing" else f"changed (sha256 now {p.found[:12]}…, recorded {p.expected[:12]}…)"  # type: ignore[index]
            out.print(f"{render.esc(str(p.path))}: {p.action} {render.month_name(p.month)}: {what}", soft_wrap=True)
        out.print(f"{checked} evidence file{'s' if checked != 1 else ''} checked, {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    if problems:
        raise typer.Exit(1)


@app.command("teams")
def teams_cmd(as_json: JsonOption = False, plan: PlanOption = None) -> None:
    """Each team's workload per month (done/scheduled once progress exists)."""
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


@app.command("team")
def team_cmd(
    name: Annotated[str, typer.Argument(help="Team name or a piece of it, e.g. pengawasan.")],
    month: MonthOption = None,
    as_json: JsonOption = False,
    plan: PlanOption = None,
) -> None:
    """One team's actions as a year grid: scheduled, done, overdue, done late."""
    from zi_plan import progress, render, workload
    from zi_plan.journal import load_journal

    loaded = _load(plan)
    detail = workload.team_detail(loaded, load_journal(loaded), name, month or progress.today().month)
    if as_json:
        render.print_json(detail.to_json())
        return
    out = render.console()
    out.print(render.team_grid(detail))


@app.command("progress")
def progress_cmd(month: MonthOption = None, as_json: JsonOption = False, plan: PlanOption = None) -> None:
    """Completion per component and overall: of what is due so far, and of the year."""
    from zi_plan import progress, render, workload
    from zi_plan.journal import load_journal

    loaded = _load(plan)
    as_of = month or progress.today().month
    rows, overall = workload.completion(loaded, load_journal(loaded), as_of)
    if as_json:
        render.print_json({"month": as_of, "components": [r.to_json() for r in rows], "overall": overall.to_json()})
        return
    render.console().print(render.progress_table(rows, overall, as_of))


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of a plan file (for editors and other tools)."""
    from zi_plan import render
    from zi_plan.model import json_schema

    render.print_json(json_schema())


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: run the app, turn user errors into a message and an exit code."""
    try:
        app(args=argv, prog_name="zi", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except InvalidFile as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write("zi: error: the file above is not valid; fix the lines shown, then run the command again\n")
        return exc.exit_code
    except ZiError as exc:
        sys.stderr.write(f"zi: error: {exc.message}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("zi: interrupted\n")
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
