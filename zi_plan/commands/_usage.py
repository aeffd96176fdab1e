"""A usage error in one line, with a suggestion that fits what was typed.

Click prints three lines (usage, "Try --help", the error) and suggests any
option that shares a few letters: ``--bulan`` (Indonesian for month) got
``--plan``. Here the error is one line ending with where help is; a
suggestion is made only when it is close to the typed word, or when the word
is the Indonesian name of an option; an option of a command typed before
the command (``zi --plan x due``) is told to go after it; and whatever the
user typed is shown inert (an escape sequence in ``--month`` must not clear
the screen).
"""

from __future__ import annotations

import difflib
from typing import Any

from zi_plan.i18n import _
from zi_plan.inert import visible

# Option names as an Indonesian speaker might type them, by the option they mean.
INDONESIAN = {
    "bulan": "--month", "bln": "--month", "tim": "--team", "rencana": "--plan", "renaksi": "--plan",
    "catatan": "--note", "ket": "--note", "keterangan": "--note", "bukti": "--evidence", "oleh": "--by",
    "paksa": "--force", "keluaran": "--output", "berkas": "--file", "bahasa": "--lang", "dari": "--from",
    "mulai": "--from", "tambah": "--add", "komponen": "--component", "saran": "--suggest", "format": "--format",
    "tata-letak": "--by", "susunan": "--by",
}  # fmt: skip
CLOSE = 0.75  # difflib's ratio between the typed name and an option's, without dashes


def suggestion(typed: str, options: list[str]) -> str | None:
    """The option meant by ``typed``, among ``options``: its Indonesian name, or a close spelling."""
    word = typed.split("=", 1)[0].lstrip("-").lower()
    meant = INDONESIAN.get(word)
    if meant in options:
        return meant
    names = {o.lstrip("-").lower(): o for o in options if o.startswith("--")}
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=CLOSE)
    return names[close[0]] if close else None


def _options(command: Any) -> list[str]:
    return [name for param in getattr(command, "params", ()) for name in (*param.opts, *param.secondary_opts) if name.startswith("-")]


def _commands(command: Any) -> dict[str, Any]:
    return dict(getattr(command, "commands", {}) or {})


def _later_command(root: Any, args: list[str]) -> list[str]:
    """The command path named in ``args`` (``['evidence', 'pack']``), if any."""
    path: list[str] = []
    current = root
    for arg in args:
        sub = _commands(current).get(arg)
        if sub is None:
            if path:
                break
            continue
        path.append(arg)
        current = sub
    return path


def _command_at(root: Any, path: list[str]) -> Any:
    current = root
    for name in path:
        current = _commands(current)[name]
    return current


def no_such_option(exc: Any, root: Any, args: list[str]) -> str:
    """'no option --bulan; did you mean --month?', or where a command's option must go."""
    typed = visible(exc.option_name)
    message = _("No such option: {name}").format(name=typed)
    here = exc.ctx.command if exc.ctx is not None else root
    if here is root or _commands(here):  # a group: was it an option of the command typed after it?
        later = _later_command(here, args)
        if later and exc.option_name.split("=", 1)[0] in _options(_command_at(here, later)):
            command = " ".join(["zi", *_parents(exc.ctx), *later])
            return message + "; " + _("{option} is an option of the command: write it after the command's name, e.g. {command} {option} ...").format(
                option=typed, command=command
            )
    meant = suggestion(exc.option_name, _options(here))
    return message + ("; " + _("did you mean {option}?").format(option=meant) if meant else "")


def _parents(ctx: Any) -> list[str]:
    """The command path below `zi` of a context: ['evidence'] for `zi evidence`."""
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    return names


def one_line(exc: Any, root: Any, args: list[str], translate: Any) -> str:
    """The usage error ``exc`` as one line: what is wrong, and where help is.

    ``translate``: clicktext.error_text, which puts click's English sentences in zi's language.
    """
    from typer._click import exceptions as click_exceptions

    if isinstance(exc, click_exceptions.NoSuchOption):
        message = no_such_option(exc, root, args)
    else:
        message = visible(translate(exc.format_message()))
    line = "zi: " + _("error: {message}").format(message=message)
    if exc.ctx is not None and exc.ctx.command.get_help_option(exc.ctx) is not None:
        line += " " + _("(help: {command})").format(command=f"{exc.ctx.command_path} {exc.ctx.help_option_names[0]}")
    return line
