"""cli: the language chosen first, the app built for it, every user error turned into a message and an exit code."""

from __future__ import annotations

import errno

import pytest

from zi_plan import cli, i18n
from zi_plan.commands import _clicktext
from zi_plan.errors import InvalidFile, Problem, ZiError


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


# ---------------------------------------------------------------- --lang


@pytest.mark.parametrize(
    ("args", "lang", "rest"),
    [
        (["due", "-m", "4"], None, ["due", "-m", "4"]),
        (["--lang", "id", "due"], "id", ["due"]),
        (["due", "--lang", "en", "-m", "4"], "en", ["due", "-m", "4"]),  # after the command as well as before
        (["due", "--lang=id_ID.UTF-8"], "id_ID.UTF-8", ["due"]),
        (["--lang", "en", "--lang", "id", "due"], "id", ["due"]),  # the last one wins
        (["done", "--", "--lang", "x"], None, ["done", "--", "--lang", "x"]),  # after '--' it is an argument
    ],
)
def test_take_lang_finds_and_removes_it(args, lang, rest):
    assert cli._take_lang(args) == (lang, rest)


@pytest.mark.parametrize(("args", "words"), [(["due", "--lang"], "--lang needs a value"), (["--lang", "fr"], "unknown language 'fr'")])
def test_take_lang_refuses_what_it_cannot_use(args, words):
    with pytest.raises(ZiError) as raised:
        cli._take_lang(args)
    assert raised.value.exit_code == 2 and words in raised.value.message


def test_a_typo_in_zi_lang_is_not_silently_english(monkeypatch):
    monkeypatch.setenv("ZI_LANG", "indonesia")
    with pytest.raises(ZiError, match="unknown language ZI_LANG=indonesia"):
        cli._take_lang(["due"])
    assert cli._take_lang(["--lang", "en", "due"]) == ("en", ["due"])  # --lang decides: ZI_LANG is not read


# ---------------------------------------------------------------- the app


def test_build_app_has_every_group_and_only_the_command_it_runs():
    from typer.main import get_command

    everything = get_command(cli.build_app())
    assert {"validate", "due", "done", "lke", "journal", "evidence"} <= set(everything.commands)
    assert set(get_command(cli.build_app("due")).commands) == {"due"}
    assert set(get_command(cli.build_app("no-such-command")).commands) == set(everything.commands)  # for "did you mean"


def test_version(zi):
    from zi_plan import __version__

    result = zi("--version")
    assert result.code == 0 and result.out == f"zi {__version__}\n"


# ---------------------------------------------------------------- one place for user errors


def _failing(monkeypatch, exc: BaseException) -> None:
    def run(command, args):
        raise exc

    monkeypatch.setattr(_clicktext, "run", run)


def test_a_zi_error_is_one_line_with_its_exit_code(zi, monkeypatch):
    _failing(monkeypatch, ZiError("no plan here\nsecond line \x1b[2J", exit_code=2))
    result = zi("due")
    assert result.code == 2 and result.err == "zi: error: no plan here\nsecond line \\x1b[2J\n" and result.out == ""


def test_problems_with_lines_are_listed_then_summed_up(zi, monkeypatch):
    _failing(monkeypatch, InvalidFile([Problem("plan.yaml", 3, 5, "bad \x1b]8;;x"), Problem("plan.yaml", 9, 1, "worse")]))
    result = zi("validate")
    assert result.code == 1
    assert result.err.splitlines() == [
        "plan.yaml:3:5: bad \\x1b]8;;x",
        "plan.yaml:9:1: worse",
        "zi: error: the file above is not valid; fix the lines shown, then run the command again",
    ]


def test_a_problem_with_the_whole_file_is_one_error_line(zi, monkeypatch):
    _failing(monkeypatch, InvalidFile([Problem("plan.yaml", None, None, "cannot read it")]))
    result = zi("validate")
    assert result.code == 1 and result.err == "zi: error: plan.yaml: cannot read it\n"


def test_an_interrupt_exits_130(zi, monkeypatch):
    _failing(monkeypatch, KeyboardInterrupt())
    result = zi("due")
    assert result.code == 130 and result.err == "zi: interrupted\n"


def test_an_os_error_on_the_output_is_one_line(zi, monkeypatch):
    _failing(monkeypatch, BrokenPipeError(errno.EPIPE, "Broken pipe"))
    result = zi("due")
    assert result.code == 1 and result.err == "zi: error: cannot write the output: system error EPIPE\n"


@pytest.mark.parametrize(("code", "exit_code"), [(None, 0), (0, 0), (3, 3), ("text", 1)])
def test_system_exit_codes(zi, monkeypatch, code, exit_code):
    _failing(monkeypatch, SystemExit(code))
    assert zi("due").code == exit_code


def test_errors_in_indonesian(zi, monkeypatch):
    _failing(monkeypatch, KeyboardInterrupt())
    result = zi("--lang", "id", "due")
    assert result.code == 130 and result.err.startswith("zi: ") and "interrupted" not in result.err


def test_a_usage_error_about_lang_is_still_a_message(zi):
    result = zi("due", "--lang", "xx")
    assert result.code == 2 and result.err == "zi: error: unknown language 'xx': use --lang id or --lang en\n"


def test_a_real_command_runs_through_main(zi, write_plan):
    path = write_plan()
    result = zi("validate", str(path))
    assert result.code == 0 and result.out == "ok: 1 file valid\n"
