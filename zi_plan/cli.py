"""The `zi` command line: choose the language, build the app, turn user errors into messages.

The commands live in ``zi_plan/commands/``, one module per group, each with
``register(app)``; GROUPS names them in the order `zi --help` lists them, so
a new group is one line here. User errors (ZiError) are caught in one place,
``main``. The app is built after the language is chosen, so that the help
texts are in it too.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from typing import Optional

import typer

from zi_plan import __version__, i18n
from zi_plan.commands import keep_only
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.i18n import _
from zi_plan.inert import safe_streams, visible

# zi_plan.commands.<group>, each with register(app), in the order of `zi --help`.
GROUPS = (
    "plans", "recording", "progress", "documents", "digest", "evidence", "newplans", "journal", "lke", "doctor", "units", "unit",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zi {__version__}")
        raise typer.Exit()


def build_app(first: Optional[str] = None) -> typer.Typer:
    """The Typer app, with help texts in the current language; when FIRST names a command, that one only."""
    about = _("Rencana Aksi Zona Integritas: check the plan, see what is due, record what is done.")
    app = typer.Typer(name="zi", help=about, no_args_is_help=True, add_completion=True,
                      pretty_exceptions_enable=False, rich_markup_mode=None)  # fmt: skip

    def root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")),
        lang: Optional[str] = typer.Option(None, "--lang", help=_("Language: id (Bahasa Indonesia) or en. Default: $ZI_LANG, else the locale.")),
    ) -> None:
        # --lang is read (and removed) by main() before the app is built.
        pass

    root.__doc__ = about
    app.callback()(root)
    for group in GROUPS:
        importlib.import_module(f"zi_plan.commands.{group}").register(app)
    keep_only(app, first)
    return app


def _take_lang(args: list[str]) -> tuple[Optional[str], list[str]]:
    """Find `--lang X` / `--lang=X` anywhere in the arguments, and remove it.

    The language must be known before the app (and its help) is built, and
    `zi due --lang en` should work as well as `zi --lang en due`.
    """
    rest: list[str] = []
    value: Optional[str] = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang":
            if i + 1 >= len(args):
                raise ZiError(_("--lang needs a value: id or en"), exit_code=2)
            value = args[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            i += 1
            continue
        rest.append(arg)
        i += 1
    if value is not None and i18n.normalise(value) is None:
        raise ZiError(_("unknown language '{value}': use --lang id or --lang en").format(value=value), exit_code=2)
    env = os.environ.get("ZI_LANG", "").strip()
    if value is None and env and i18n.normalise(env) is None:
        # A typo in the environment would otherwise switch to English unnoticed.
        raise ZiError(_("unknown language ZI_LANG={value}: set ZI_LANG=id or ZI_LANG=en").format(value=env), exit_code=2)
    return value, rest


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: choose the language, run the app, turn user errors into a message and an exit code."""
    if argv is None:  # the process is this one command: no cyclic GC (see zi_plan.store.cache.loading)
        gc.disable()
    args = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.detect())
    safe_streams()
    try:
        lang, args = _take_lang(args)
        i18n.set_language(i18n.detect(lang))
        from typer.main import get_command

        from zi_plan.commands import _clicktext as clicktext

        command = get_command(build_app(args[0] if args else None))
        clicktext.localise(command)  # Typer's own texts in the chosen language too
        return clicktext.run(command, args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except InvalidFile as exc:
        if all(p.line is None for p in exc.problems):  # the file as a whole: missing, unreadable, empty ...
            for problem in exc.problems:
                sys.stderr.write("zi: " + _("error: {message}").format(message=visible(str(problem))) + "\n")
            return exc.exit_code
        for problem in exc.problems:
            sys.stderr.write(f"{visible(str(problem))}\n")
        sys.stderr.write("zi: " + _("error: the file above is not valid; fix the lines shown, then run the command again") + "\n")
        return exc.exit_code
    except ZiError as exc:
        sys.stderr.write("zi: " + _("error: {message}").format(message=visible(exc.message, keep_newlines=True)) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("zi: " + _("interrupted") + "\n")
        return 130
    except OSError as exc:  # the output itself (`> /dev/full`): the files zi writes say so in their own words
        from zi_plan.fs.fsguard import reason

        with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr may be the same full disk, or closed
            sys.stderr.write("zi: " + _("error: cannot write the output: {reason}").format(reason=reason(exc)) + "\n")
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
