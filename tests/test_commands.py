"""zi_plan.commands (its __init__): keep_only, which builds only the command being run."""

from __future__ import annotations

import pytest

from zi_plan.cli import build_app
from zi_plan.commands import keep_only


def _names(app):
    return {info.name for info in app.registered_commands}, {info.name for info in app.registered_groups}


@pytest.mark.parametrize(("first", "commands", "groups"), [("due", {"due"}, set()), ("lke", set(), {"lke"})])
def test_keep_only_the_command_or_group_named(first, commands, groups):
    app = build_app()
    keep_only(app, first)
    assert _names(app) == (commands, groups)


@pytest.mark.parametrize("first", [None, "--help", "dua", "--plan"])
def test_anything_else_keeps_every_command(first):
    every = _names(build_app())
    app = build_app()
    keep_only(app, first)
    assert _names(app) == every and len(every[0]) > 10 and {"lke", "journal", "evidence"} <= every[1]
