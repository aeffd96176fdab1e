"""What the command modules share: options, the default-month rule, opening a plan.

Options are made by functions, called while a command module registers its
commands, because their help texts must be in the language chosen for this
run (tests run many languages in one process). Each function returns a fresh
``typer.Option``/``typer.Argument`` used as the parameter's default.

Core modules are imported inside the functions that need them, so that
`zi --help` and shell completion stay quick.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from zi_plan.errors import ZiError
from zi_plan.i18n import _

if TYPE_CHECKING:
    from zi_plan.model.journal import Journal
    from zi_plan.model.plan import LoadedPlan


class ValidateFormat(str, Enum):
    """How `zi validate` reports problems."""

    text = "text"
    json = "json"
    github = "github"


class DocumentFormat(str, Enum):
    """The monev report's formats."""

    html = "html"
    md = "md"


class ExportFormat(str, Enum):
    """`zi export`'s formats."""

    csv = "csv"
    xlsx = "xlsx"
    ics = "ics"


# ---------------------------------------------------------------- options


def plan_option() -> Any:
    return typer.Option(
        None, "--plan", show_default=False,
        help=_("Plan file, or 'bundled'. Default: $ZI_PLAN, else the one plans/*.yaml in this folder or the nearest above, else the bundled plan (read only)."),
    )  # fmt: skip


def json_option() -> Any:
    return typer.Option(False, "--json", help=_("Print JSON for scripts instead of a table."))


def parse_month(value: str) -> int:
    """--month and --from: 1..12 or a month's name in either language (see zi_plan.model.months)."""
    from zi_plan.model.months import parse_month as parse

    try:
        return parse(value)
    except ZiError as exc:
        raise typer.BadParameter(exc.message) from None


def month_option(help: str | None = None, default: Any = None, name: str = "--month") -> Any:  # noqa: A002 - typer's own word
    names = (name, "-m") if name == "--month" else (name,)
    return typer.Option(
        default, *names, parser=parse_month, metavar="M", show_default=False,
        help=help or _("Month: 1..12 or its name (April, Mei, Agt). Default: this month; December for a past year's plan, January for a year to come."),
    )  # fmt: skip


def team_option(help: str | None = None) -> Any:  # noqa: A002 - typer's own word
    return typer.Option(None, "--team", help=help or _("Only this team (a piece of its name will do)."))


def id_argument() -> Any:
    return typer.Argument(..., metavar="ID", help=_("Action id, e.g. II.2.a."))


def output_option() -> Any:
    return typer.Option(
        None, "--output", "-o", show_default=False,
        help=_("Where to write: a file, or - for standard output. Default: a file named after the document, here."),
    )  # fmt: skip


def force_option(progress: bool = False) -> Any:
    """--force; ``progress``: a document of progress, which it also writes while ids shifted under records."""
    if progress:
        return typer.Option(False, "--force", help=_("Replace the file if it exists, and write it even while records wait for zi journal move."))
    return typer.Option(False, "--force", help=_("Replace the file if it exists."))


# ---------------------------------------------------------------- shared steps


def open_plan(plan: Path | None) -> LoadedPlan:
    """The plan named by --plan, else the one found as README says."""
    from zi_plan.store.plans import open_plan as open_

    return open_(plan)


def open_plan_to_read(plan: Path | None, scripted: bool = False) -> LoadedPlan:
    """The plan for a command that only reads it: never the bundled plan by default when
    the output goes to a script, a pipe or a file (``scripted``: JSON or a document)."""
    from zi_plan.store.guards import refuse_unchosen_bundled

    loaded = open_plan(plan)
    refuse_unchosen_bundled(loaded.found_by, loaded.path, scripted=scripted)
    return loaded


def open_workspace(plan: Path | None, to_stderr: bool = False, warn: bool = True, writes_file: bool = False) -> tuple[LoadedPlan, Journal]:
    """The plan and its progress journal, read (not locked: for reading only),
    named first (on stderr when stdout carries data), with the journal's warnings.

    Output for a script (JSON, a document, a pipe) is refused from the bundled
    plan found by default (see zi_plan.store.guards)."""
    from zi_plan.store.journal import load_journal

    loaded = open_plan_to_read(plan, scripted=to_stderr or writes_file)
    journal = load_journal(loaded)
    announce(loaded, journal, to_stderr, warn)
    return loaded, journal


def announce(plan: LoadedPlan, journal: Journal, to_stderr: bool = False, warn: bool = True) -> None:
    """The first line of every command that reads progress, then the records the plan no longer matches."""
    from zi_plan.render import tables
    from zi_plan.store import workspace

    tables.console(stderr=to_stderr).print(tables.esc(workspace.heading(plan.path, journal.path, plan.bundled)), soft_wrap=True)
    err = tables.console(stderr=True)
    for line in journal.warnings if warn else ():
        err.print(tables.esc("zi: " + _("warning: {message}").format(message=line)), soft_wrap=True)


def warn_placeholders(plan: LoadedPlan) -> None:
    """`zi publish`/`zi report`: say on stderr when the decree's details are still init's placeholders."""
    from zi_plan.render import tables
    from zi_plan.schema import placeholders

    line = placeholders.publish_warning(plan)
    if line:
        tables.console(stderr=True).print(tables.esc("zi: " + _("warning: {message}").format(message=line)), soft_wrap=True)


def warn_decree_body(plan: LoadedPlan) -> None:
    """`zi publish --decree`: say on stderr which parts of the decree are printed as placeholders."""
    from zi_plan.render import tables
    from zi_plan.schema import decree

    line = decree.publish_warning(plan.decree)
    if line:
        tables.console(stderr=True).print(tables.esc("zi: " + _("warning: {message}").format(message=line)), soft_wrap=True)


def month_or_now(month: int | None, plan_year: int) -> int:
    """The default-month rule: the month asked for, else the plan's "as of" month
    (12 for a past year, 1 for a year to come, else this month: zi_plan.model.status.as_of_month)."""
    if month is not None:
        return month
    from zi_plan.model import status

    return status.as_of_month(plan_year)


def written(path: str | None) -> None:
    """Say on stderr where a document went (nothing when it went to stdout)."""
    if path is not None:
        from zi_plan.render import tables

        tables.console(stderr=True).print(_("written {path}").format(path=tables.esc(path)), soft_wrap=True)
