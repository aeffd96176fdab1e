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
    from zi_plan.plan import find_plan, load_plan

    return load_plan(find_plan(plan))


@app.command("validate")
def validate_cmd(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Plan files. Default: the plan found as for --plan.", show_default=False)] = None,
    output_format: Annotated[ReportFormat, typer.Option("--format", help="text, json or github (workflow annotations).")] = ReportFormat.text,
    plan: PlanOption = None,
) -> None:
    """Check plan files: YAML, schema and rules. Exit 1 if any is invalid."""
    from zi_plan.plan import check_file, find_plan
    from zi_plan.reporters import REPORTERS

    files = paths or [find_plan(plan)]
    results = [(str(path), check_file(path)) for path in files]
    REPORTERS[output_format.value](results, sys.stdout)
    if any(problems for _, problems in results):
        raise typer.Exit(1)


@app.command("list")
def list_cmd(
    team: Annotated[Optional[str], typer.Option("--team", help="Only this team (a piece of its name will do).")] = None,
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
    out.print(f"{len(rows)} action{'s' if len(rows) != 1 else ''} — {loaded.path}")


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
