"""`zi digest`: the month's message to each team, to paste into WhatsApp or send as email.

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


class DigestFormat(str, Enum):
    """`zi digest`'s formats."""

    text = "text"
    md = "md"
    eml = "eml"


def register(app: typer.Typer) -> None:
    _digest(app)


def _digest(app: typer.Typer) -> None:
    @app.command("digest", help=_("The month's message to each team: what is due and overdue with the evidence to collect, what was done since the last digest, the deadline; in Bahasa Indonesia unless --lang says otherwise. zi sends nothing."))
    def digest_cmd(
        month: Optional[int] = common.month_option(),
        team: Optional[str] = common.team_option(_("Only this team's digest (a piece of its name will do).")),
        fmt: DigestFormat = typer.Option(DigestFormat.text, "--format", help=_("text (WhatsApp: split into numbered messages at the limit), md (Markdown) or eml (one email file per team).")),
        output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False, help=_("The folder to write one file per team (per message) into. Default: standard output; eml files: here.")),
        limit: int = typer.Option(4096, "--limit", min=300, max=65536, help=_("The longest message in characters (text): WhatsApp takes 4096.")),
        as_json: bool = common.json_option(),
        force: bool = common.force_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.documents import digest_files
        from zi_plan.progress import digest
        from zi_plan.render import tables

        loaded, journal = common.open_workspace(plan, to_stderr=True)
        as_of = common.month_or_now(month, loaded.year)
        eml = fmt is DigestFormat.eml
        teams = digest.digests(loaded, journal, as_of, team)
        notes = digest.plan_notes(loaded) + (digest_files.missing_addresses(teams) if eml else [])  # in the terminal's language
        folder = (output or Path(".")) if (output is not None or eml) else None  # text and md go to stdout unless -o
        if folder is not None and not as_json:
            digest_files.prepare(folder)
        with digest.speaking(None):  # the digests in their readers' language
            if as_json:
                data = {"plan": str(loaded.path), "month": as_of, "year": loaded.year, "teams": [digest.to_json(d, digest.text_messages(d, limit)) for d in teams]}
            elif folder is not None:
                files = [file for d in teams for file in digest_files.documents(d, fmt.value, limit)]
            else:
                messages = [(d.team.name, digest.text_messages(d, limit) if fmt is DigestFormat.text else [digest.markdown(d).rstrip("\n")]) for d in teams]
        err = tables.console(stderr=True)
        for line in notes:
            err.print(tables.esc("zi: " + _("warning: {message}").format(message=line)), soft_wrap=True)
        if as_json:
            tables.print_json(data)
        elif folder is not None:
            for path in digest_files.write(folder, files, force=force):
                common.written(str(path))
        else:
            _print(messages)


def _print(messages: list[tuple[str, list[str]]]) -> None:
    """The messages as they are to be pasted (Rich would wrap them); a rule names each when there are several."""
    several = len(messages) > 1 or len(messages[0][1]) > 1 if messages else False
    for team, texts in messages:
        for n, text in enumerate(texts, 1):
            if several:
                rule = _("{team}: message {n} of {total}").format(team=team, n=n, total=len(texts))
                typer.echo(f"===== {rule} =====")
            typer.echo(text)
            if several:
                typer.echo("")
