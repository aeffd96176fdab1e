"""Typer's own texts, pydantic's and the OS's, in zi's language (issue 12, point 7)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLAN
from zi_plan import i18n
from zi_plan.fs.fsguard import reason as os_reason
from zi_plan.schema.wording import pydantic_problem

ENGLISH_HELP = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message and exit.", "[required]",
                "Install completion for the current shell.", "Show completion for the current shell", "[OPTIONS]")  # fmt: skip


@pytest.mark.parametrize("args", [("--help",), ("done", "--help"), ("evidence",), ("evidence", "replace", "--help")])
def test_help_is_indonesian_all_the_way_down(zi, monkeypatch, args):
    monkeypatch.setenv("COLUMNS", "200")  # one line per option: the phrases are not wrapped apart
    result = zi("--lang", "id", *args)
    text = result.out + result.err
    for english in ENGLISH_HELP:
        assert english not in text, english
    assert "Penggunaan: zi" in text and "Opsi:" in text and "Tampilkan pesan ini lalu keluar." in text
    if args == ("--help",):
        assert "Pasang pelengkapan otomatis untuk shell ini." in text
        assert "Tampilkan skrip pelengkapan otomatis untuk shell ini" in text
        assert "Perintah:" in text
    if args[0] == "done" or args[-1] == "--help" and len(args) > 2:
        assert "Argumen:" in text and "[wajib]" in text


def test_help_in_english_keeps_typer_texts(zi, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = zi("--lang", "en", "done", "--help").out
    assert "Usage: zi done [OPTIONS]" in text and "Options:" in text and "[required]" in text
    assert "Show this message and exit." in text


# (arguments, Indonesian expected, English expected): every kind of usage error click raises.
USAGE_ERRORS = [
    (("undo", "II.2.a"), "opsi '--month' / '-m' wajib diisi.", "Missing option '--month' / '-m'."),
    (("show",), "argumen 'ID' wajib diisi.", "Missing argument 'ID'."),
    (("init", "--year", "x"), "nilai '--year' tidak sah: 'x' bukan bilangan yang sah.", "'x' is not a valid int range."),
    (("init", "--year", "3000"), "3000 di luar rentang 2000<=x<=2100.", "3000 is not in the range 2000<=x<=2100."),
    (("validate", "--format", "xml"), "'xml' bukan salah satu dari 'text', 'json', 'github'.", "'xml' is not one of"),
    (("due", "--bogus"), "tidak ada opsi --bogus", "No such option: --bogus"),
    (("dua",), "tidak ada perintah 'dua'. Mungkin maksudnya 'due'?", "No such command 'dua'. Did you mean 'due'?"),
    (("xyzzy",), "tidak ada perintah 'xyzzy'.", "No such command 'xyzzy'."),
    (("due", "--month"), "opsi '--month' memerlukan nilai.", "Option '--month' requires an argument."),
    (("due", "--json=3"), "opsi '--json' tidak menerima nilai.", "Option '--json' does not take a value."),
    (("due", "a", "b"), "ada argumen berlebih yang tidak dikenal (a b)", "Got unexpected extra argument(s) (a b)"),
]


@pytest.mark.parametrize(("args", "indonesian", "english"), USAGE_ERRORS)
def test_usage_errors_in_both_languages(zi, args, indonesian, english):
    result = zi("--lang", "id", *args)
    assert result.code == 2
    assert indonesian in result.err, result.err
    assert "Error:" not in result.err and "Usage:" not in result.err
    assert "zi: galat: " in result.err
    result = zi("--lang", "en", *args)
    assert result.code == 2 and english in result.err, result.err


def test_a_usage_error_is_one_line_in_either_language(zi):
    err = zi("--lang", "id", "undo", "II.2.a").err
    assert err == "zi: galat: opsi '--month' / '-m' wajib diisi. (bantuan: zi undo --help)\n"
    err = zi("undo", "II.2.a").err
    assert err == "zi: error: Missing option '--month' / '-m'. (help: zi undo --help)\n"


@pytest.mark.parametrize(
    ("args", "meant"),
    [(("due", "--bulan", "4"), "--month"), (("due", "--mont", "4"), "--month"), (("due", "--jsn"), "--json"),
     (("evidence", "pack", "--bulan", "3"), "--month"), (("done", "II.2.a", "--bukti", "x"), "--evidence"), (("team", "x", "--tim", "y"), None)],
)  # fmt: skip
def test_suggestions_fit_the_typed_word(zi, args, meant):
    err = zi(*args).err
    assert err.count("\n") == 1
    if meant:
        assert f"did you mean {meant}?" in err
    else:
        assert "did you mean" not in err  # zi team has no --team: nothing close, nothing suggested
    assert "--plan" not in err  # '--bulan' shares letters with '--plan', but means the month


@pytest.mark.parametrize("args", [("--plan", "x.yaml", "due"), ("--json", "due"), ("evidence", "--month", "3", "pack")])
def test_an_option_before_its_command_gets_a_hint(zi, args):
    err = zi(*args).err
    option = next(a for a in args if a.startswith("--"))
    command = "zi evidence pack" if "pack" in args else "zi due"
    assert f"{option} is an option of the command: write it after the command's name, e.g. {command} {option} ..." in err
    indonesian = zi("--lang", "id", *args).err
    assert "opsi dari perintahnya" in indonesian and err.count("\n") == 1


def test_zi_lang_environment_does_the_same(zi, monkeypatch):
    monkeypatch.setenv("ZI_LANG", "id")
    assert "opsi '--month' / '-m' wajib diisi." in zi("undo", "II.2.a").err


def test_language_does_not_leak_between_runs(zi, monkeypatch):
    """Typer's shared type objects are set afresh on every run."""
    monkeypatch.setenv("COLUMNS", "200")
    assert "<bilangan>" in zi("--lang", "id", "init", "--help").out
    text = zi("--lang", "en", "init", "--help").out
    assert "<bilangan>" not in text and "<int range>" in text


def test_pydantic_texts_become_zi_wording(zi, tmp_path):
    (tmp_path / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))
    (tmp_path / "plans" / "tambrauw-2023.progress.yaml").write_text(
        "journal: 1\nplan: tambrauw-2023.yaml\nrecords:\n"
        "- action: II.2.a\n  month: 4\n  event: done\n  at: '2023-04-20T09:00:00'\n  by: Yulius\n"
        "- action: II.2.a\n  month: 5\n  event: finished\n  at: '2023-05-20T09:00:00+09:00'\n  by: Yulius\n",
        encoding="utf-8",
    )
    err = zi("--lang", "id", "due", "-m", "5", "--plan", str(plan)).err
    assert "perlu zona waktu" in err and "harus salah satu dari" in err, err
    for english in ("Input should", "Value error", "needs a time zone"):
        assert english not in err
    err = zi("--lang", "en", "due", "-m", "5", "--plan", str(plan)).err
    assert "'at' is not valid: needs a time zone" in err and "must be one of" in err and "Input should" not in err
    assert ":7:7: " in err  # at the `at:` line of the record, not the record's first line
    assert "'restore', 'answer'" in err  # the values listed with commas, in either language


def test_pydantic_problem_and_os_reason_in_indonesian():
    i18n.set_language("id")
    try:
        assert pydantic_problem({"type": "less_than_equal", "ctx": {"le": 12}}) == "paling besar 12"
        assert pydantic_problem({"type": "int_parsing"}) == "harus berupa bilangan"
        assert "wrong kind" not in pydantic_problem({"type": "something_new"})
        assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "akses ditolak"
        assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "disk penuh"
        assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "galat sistem EXDEV"
    finally:
        i18n.set_language("en")
    assert os_reason(FileNotFoundError(errno.ENOENT, "x")) == "it does not exist"


def test_os_error_inside_a_message_is_translated(zi, tmp_path, monkeypatch):
    from zi_plan.fs import files

    def refuse(path, data):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files, "atomic_write", refuse)
    err = zi("--lang", "id", "publish", "-o", str(tmp_path / "x.html"), "--plan", str(PLAN)).err
    assert "akses ditolak" in err and "Permission denied" not in err
