"""Typer's own texts (usage, help headings, its errors) in zi's language.

Typer 0.28 vendors click (``typer._click``) with its texts as plain English
strings, not gettext calls; only a few of Typer's own texts (``Options``,
``Arguments``, ``Commands``, ``required``, ``No such command``, ``Aborted!``)
go through stdlib ``gettext.gettext`` in the global ``messages`` domain,
which follows the process locale rather than ``--lang``. So zi translates
them itself, from its own catalogue (the English texts are msgids there,
listed below so that the extractor sees them):

- Typer's gettext-marked texts: ``typer.core._`` is pointed at zi's lookup;
- help texts of the options Typer adds (``--help``, the completion ones),
  the ``Usage:`` prefix and type names (``integer``, ``int range`` ...), set
  on the command tree before it runs;
- usage errors, raised by vendored click as English sentences: matched
  against the English patterns below and re-worded from the catalogue.

tests/commands/test_clicktext.py checks each of these in both languages, so a Typer
upgrade that moves a text is caught.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator
from typing import Any

from zi_plan.i18n import N_, _

# Texts that vendored click or Typer write as plain English, by where they appear.
# The usage line's placeholders for options and a group's commands.
USAGE_TEXTS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))
HELP_TEXTS = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Install completion for the specified shell."),
    N_("Show completion for the specified shell, to copy it or customize the installation."),
)
# Typer's own gettext-marked texts (typer/core.py). Its two error texts,
# "Missing command." and "No such command {name!r}.", stay English there:
# Typer adds English to them ("Did you mean ..."), and error_text words the whole.
TYPER_TEXTS = (N_("Arguments"), N_("Options"), N_("Commands"), N_("required"), N_("default: {default}"),
               N_("env var: {var}"), N_("(dynamic)"), N_("Aborted!"))  # fmt: skip
# Parameter type names, shown in metavars (<integer>) and in errors.
TYPE_NAMES = (N_("integer"), N_("int range"), N_("float"), N_("float range"), N_("text"), N_("str"), N_("path"),
              N_("boolean"), N_("choice"), N_("int"), N_("float"), N_("bool"), N_("file"), N_("directory"))  # fmt: skip
# Error sentences of vendored click, most specific first; {problem} is translated in turn.
ERRORS = (
    N_("Missing option {name}."),
    N_("Missing argument {name}."),
    N_("Missing parameter {name}."),
    N_("Invalid value for {name}: {problem}"),
    N_("Invalid value: {problem}"),
    N_("{value} is not a valid {type}."),
    N_("{value} is not in the range {range}."),
    N_("{value} is not one of {choices}."),
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("No such command {name}. Did you mean {suggestions}?"),
    N_("No such command {name}."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {n} arguments."),
    N_("Option {name} does not take a value."),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("Missing command."),
)


def _pattern(msgid: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)(?:![rs])?\}", msgid)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.DOTALL)


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    # Compiled on the first usage error, not at start-up: most runs have none.
    return [(msgid, _pattern(msgid)) for msgid in ERRORS]


def error_text(message: str) -> str:
    """A usage error of vendored click, in zi's language (as it was, if it is not known)."""
    for msgid, pattern in _patterns():
        found = pattern.match(message)
        if found:
            values = found.groupdict()
            if "problem" in values:
                values["problem"] = error_text(values["problem"])
            if "type" in values:
                values["type"] = _(values["type"])
            return _(msgid).format(**values)
    return message


def _typer_gettext(message: str) -> str:
    return _(message) if message in TYPER_TEXTS else message


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def localise(command: Any) -> None:
    """Set the texts of a Typer command tree (from ``typer.main.get_command``) in the current language."""
    import typer.core
    from typer._click import Context
    from typer._click.formatting import HelpFormatter

    typer.core._ = _typer_gettext  # type: ignore[attr-defined]  # typer sets it as a module global, not an export

    class _Formatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    class _Context(Context):
        formatter_class = _Formatter

    for cmd in _commands(command):
        cmd.context_class = _Context
        if cmd.options_metavar == "[OPTIONS]":
            cmd.options_metavar = _("[OPTIONS]")
        if getattr(cmd, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            cmd.subcommand_metavar = _("COMMAND [ARGS]...")
        help_option = cmd.get_help_option(_Context(cmd, info_name=cmd.name))
        for param in [*cmd.params, *([help_option] if help_option is not None else [])]:
            if param.help in HELP_TEXTS:
                param.help = _(param.help)
            kind = param.type
            original = getattr(kind, "_zi_english_name", None) or kind.name
            kind._zi_english_name = original
            # Shared type objects (click's INT, STRING ...) are set afresh from
            # their English name on every run, so a language never leaks.
            kind.name = _(original) if original in TYPE_NAMES else original


def run(command: Any, args: list[str]) -> int:
    """Run the command tree as click's standalone mode would, with zi's words for its errors."""
    from typer._click import exceptions as click_exceptions
    from typer.exceptions import Abort

    try:
        result = command.main(args=args, prog_name="zi", standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as exc:
        sys.stderr.write(exc.ctx.get_help() + "\n")
        return exc.exit_code
    except click_exceptions.UsageError as exc:
        from zi_plan.commands._usage import one_line

        # One line, what typed shown inert: see zi_plan.commands._usage.
        sys.stderr.write(one_line(exc, command, args, error_text) + "\n")
        return exc.exit_code
    except click_exceptions.ClickException as exc:
        from zi_plan.inert import visible

        sys.stderr.write("zi: " + _("error: {message}").format(message=visible(error_text(exc.format_message()))) + "\n")
        return exc.exit_code
    except Abort:
        sys.stderr.write(_("Aborted!") + "\n")
        return 1
    return result if isinstance(result, int) else 0
