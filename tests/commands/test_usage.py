"""commands/_usage: a usage error in one line, with a suggestion that fits what was typed.

The errors here are click's own, raised by parsing arguments against zi's
real command tree (nothing runs: every argument list is a mistake).
"""

from __future__ import annotations

from typing import Any

import pytest

from zi_plan.commands._usage import INDONESIAN, no_such_option, one_line, suggestion

DUE = ["--month", "-m", "--team", "--json", "--plan", "--help"]


@pytest.fixture(scope="module")
def root() -> Any:
    from typer.main import get_command

    from zi_plan import cli

    return get_command(cli.build_app(None))


def usage_error(root: Any, *args: str) -> Any:
    from typer._click.exceptions import UsageError

    with pytest.raises(UsageError) as caught:
        root.main(args=list(args), prog_name="zi", standalone_mode=False)
    return caught.value


# ---------------------------------------------------------------- suggestion


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("--bulan", "--month"), ("--bulan=4", "--month"), ("--BULAN", "--month"), ("--bln", "--month"), ("--tim", "--team"),
     ("--rencana", "--plan"), ("--mont", "--month"), ("--jsn", "--json"), ("--tema", "--team")],
)  # fmt: skip
def test_a_suggestion_is_the_indonesian_name_or_a_close_spelling(typed, meant):
    assert suggestion(typed, DUE) == meant


def test_bulan_is_the_month_though_it_shares_letters_with_plan():
    assert suggestion("--bulan", ["--plan", "--month"]) == "--month"
    assert suggestion("--bulan", ["--plan"]) is None  # the month is meant; not having it is no reason to offer --plan


@pytest.mark.parametrize("typed", ["--zzz", "--x", "--bukti", "--", "--evidence-file-that-is-long"])
def test_nothing_close_suggests_nothing(typed):
    assert suggestion(typed, DUE) is None


def test_an_indonesian_name_whose_option_is_absent_falls_back_to_spelling():
    assert suggestion("--tim", ["--time", "--json"]) == "--time"  # 'tim' means --team, which is not here
    assert suggestion("--tim", ["--json"]) is None


def test_short_options_are_never_suggested_for_a_spelling():
    assert suggestion("--m", ["-m"]) is None
    assert suggestion("--mont", ["-m", "--month"]) == "--month"


def test_every_indonesian_name_is_a_bare_word_for_a_long_option():
    assert all(not word.startswith("-") and word == word.lower() for word in INDONESIAN)
    assert all(meant.startswith("--") for meant in INDONESIAN.values())


# ---------------------------------------------------------------- no_such_option


def test_an_indonesian_option_name_gets_the_english_one(root):
    exc = usage_error(root, "due", "--bulan", "4")
    assert no_such_option(exc, root, ["due", "--bulan", "4"]) == "No such option: --bulan; did you mean --month?"


def test_a_subcommand_gets_a_suggestion_among_its_own_options(root):
    args = ["evidence", "pack", "--bukti", "x"]
    assert no_such_option(usage_error(root, *args), root, args) == "No such option: --bukti"  # pack has no --evidence
    args = ["done", "II.2.a", "--bukti", "x"]
    assert no_such_option(usage_error(root, *args), root, args) == "No such option: --bukti; did you mean --evidence?"


def test_nothing_close_is_the_bare_message(root):
    exc = usage_error(root, "due", "--zzz")
    assert no_such_option(exc, root, ["due", "--zzz"]) == "No such option: --zzz"


@pytest.mark.parametrize(
    ("args", "command", "option"),
    [(["--plan", "x.yaml", "due"], "zi due", "--plan"), (["--json", "due"], "zi due", "--json"),
     (["--plan=x.yaml", "due"], "zi due", "--plan"), (["--month", "3", "evidence", "pack"], "zi evidence pack", "--month"),
     (["evidence", "--month", "3", "pack"], "zi evidence pack", "--month")],
)  # fmt: skip
def test_an_option_typed_before_its_command_is_told_where_it_goes(root, args, command, option):
    message = no_such_option(usage_error(root, *args), root, args)
    assert message == (f"No such option: {option}; {option} is an option of the command: write it after the command's name, "
                       f"e.g. {command} {option} ...")  # fmt: skip


def test_a_root_option_that_no_later_command_has_gets_no_hint(root):
    args = ["--bulan", "4", "due"]
    message = no_such_option(usage_error(root, *args), root, args)
    assert message == "No such option: --bulan"  # due has --month, not --bulan; the root has neither


def test_the_hint_needs_a_command_named_after_the_option(root):
    args = ["--json", "nothing-here"]
    assert no_such_option(usage_error(root, *args), root, args) == "No such option: --json"


def test_an_escape_sequence_in_the_typed_name_is_shown_not_obeyed(root):
    typed = "--\x1b[2Jbulan"
    message = no_such_option(usage_error(root, "due", typed), root, ["due", typed])
    assert "\x1b" not in message and "--\\x1b[2Jbulan" in message


def test_in_indonesian(root, indonesian):
    exc = usage_error(root, "due", "--bulan", "4")
    assert no_such_option(exc, root, ["due", "--bulan"]) == "tidak ada opsi --bulan; maksud Anda --month?"
    exc = usage_error(root, "--json", "due")
    assert "--json adalah opsi dari perintahnya" in no_such_option(exc, root, ["--json", "due"])


# ---------------------------------------------------------------- one_line


def test_one_line_ends_with_where_help_is(root):
    exc = usage_error(root, "undo", "II.2.a")
    line = one_line(exc, root, ["undo", "II.2.a"], lambda text: text)
    assert line == "zi: error: Missing option '--month' / '-m'. (help: zi undo --help)"


def test_one_line_puts_clicks_sentence_through_translate(root):
    exc = usage_error(root, "undo", "II.2.a")
    seen: list[str] = []
    line = one_line(exc, root, ["undo", "II.2.a"], lambda text: seen.append(text) or "DITERJEMAHKAN")
    assert seen == ["Missing option '--month' / '-m'."] and line == "zi: error: DITERJEMAHKAN (help: zi undo --help)"


def test_one_line_of_a_missing_option_is_zis_own_words(root):
    exc = usage_error(root, "due", "--bulan", "4")
    line = one_line(exc, root, ["due", "--bulan", "4"], lambda text: pytest.fail("zi's own sentence needs no translating"))
    assert line == "zi: error: No such option: --bulan; did you mean --month? (help: zi due --help)"
    assert "\n" not in line


def test_one_line_shows_a_translated_escape_visibly(root):
    exc = usage_error(root, "undo", "II.2.a")
    assert "\\x1b]0;" in one_line(exc, root, [], lambda text: "\x1b]0;title\x07") and "\x1b" not in one_line(exc, root, [], lambda text: "\x1b[2J")


def test_one_line_without_a_context_has_no_help_part(root):
    from typer._click.exceptions import UsageError

    assert one_line(UsageError("something is wrong"), root, [], lambda text: text) == "zi: error: something is wrong"


def test_one_line_without_a_help_option_has_no_help_part(root):
    from typer._click.core import Context
    from typer._click.exceptions import UsageError
    from typer.core import TyperCommand

    command = TyperCommand("bare", add_help_option=False)
    exc = UsageError("no help here", ctx=Context(command, info_name="bare"))
    assert one_line(exc, root, [], lambda text: text) == "zi: error: no help here"


def test_one_line_in_indonesian(root, indonesian):
    exc = usage_error(root, "due", "--bulan")
    assert one_line(exc, root, ["due", "--bulan"], lambda text: text) == "zi: galat: tidak ada opsi --bulan; maksud Anda --month? (bantuan: zi due --help)"
