"""The `zi` commands, one module per group; each exposes ``register(app)``.

`zi_plan.cli.GROUPS` lists them in the order `zi --help` shows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def keep_only(app: typer.Typer, first: str | None) -> None:
    """Keep in ``app`` only the command (or group) named ``first``, when it names one.

    Typer builds every command's parameters on every start-up; building only
    the one being run spares that for the twenty-odd others. Anything else
    (an option, a typo, nothing) keeps them all, for `zi --help`, completion
    and "No such command ... Did you mean".
    """
    commands = [info for info in app.registered_commands if info.name == first]
    groups = [info for info in app.registered_groups if info.name == first]
    if first is not None and (commands or groups):
        app.registered_commands, app.registered_groups = commands, groups
