"""store/cache_trust: the parsed-data cache is used only when its folder and key are this account's own."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from zi_plan.store import cache_trust
from zi_plan.store.cache_trust import note, trusted, untrusted


@pytest.fixture(autouse=True)
def _fresh_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_trust, "_noted", set())  # "once per command": each test is one


def _unused_uid() -> int:
    for number in range(54321, 60000):
        try:
            pwd.getpwuid(number)
        except KeyError:
            return number
    raise AssertionError("no free user number")


@pytest.fixture
def cache_root(tmp_path: Path) -> Path:
    """A cache as zi makes it: zi-plan/ and zi-plan/parsed/ 0700, parsed/key 0600."""
    root = tmp_path / "cache" / "zi-plan" / "parsed"
    root.mkdir(parents=True)
    root.parent.chmod(0o700)
    root.chmod(0o700)
    (root / "key").write_bytes(b"k" * 32)
    (root / "key").chmod(0o600)
    return root


# ---------------------------------------------------------------- untrusted


@pytest.mark.parametrize("mode", [0o700, 0o755, 0o750, 0o711])
def test_a_folder_of_mine_nobody_else_can_change_is_trusted(tmp_path, mode):
    tmp_path.chmod(mode)
    assert untrusted(tmp_path) is None


@pytest.mark.parametrize("mode", [0o770, 0o775, 0o777, 0o757, 0o720, 0o702])
def test_a_folder_others_can_change_is_not(tmp_path, mode):
    tmp_path.chmod(mode)
    assert untrusted(tmp_path) == "others can change it"


@pytest.mark.parametrize(("mode", "why"), [(0o600, None), (0o400, None), (0o640, "others can read or change it"), (0o604, "others can read or change it"),
                                           (0o620, "others can read or change it"), (0o666, "others can read or change it")])  # fmt: skip
def test_a_key_must_be_readable_by_nobody_else(tmp_path, mode, why):
    key = tmp_path / "key"
    key.write_bytes(b"k")
    key.chmod(mode)
    assert untrusted(key, secret=True) == why


def test_a_key_others_can_read_is_fine_as_a_folder_mode_but_not_as_a_secret(tmp_path):
    key = tmp_path / "key"
    key.write_bytes(b"k")
    key.chmod(0o644)
    assert untrusted(key) is None
    assert untrusted(key, secret=True) == "others can read or change it"


def test_a_path_of_another_account_is_not_trusted(tmp_path):
    folder = tmp_path / "parsed"
    folder.mkdir(mode=0o700)
    os.chown(folder, _unused_uid(), os.getgid())
    assert untrusted(folder) == "it belongs to another account"


def test_a_symbolic_link_is_not_trusted_whatever_it_points_to(tmp_path):
    (tmp_path / "mine").mkdir(mode=0o700)
    (tmp_path / "parsed").symlink_to(tmp_path / "mine")
    (tmp_path / "key").symlink_to(tmp_path / "nowhere")
    assert untrusted(tmp_path / "parsed") == "it is a symbolic link"
    assert untrusted(tmp_path / "key", secret=True) == "it is a symbolic link"


def test_what_does_not_exist_yet_is_trusted(tmp_path):
    assert untrusted(tmp_path / "parsed") is None
    assert untrusted(tmp_path / "parsed" / "key", secret=True) is None


def test_a_path_that_cannot_be_looked_at_says_why(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert untrusted(tmp_path / "file" / "parsed") == "Not a directory"


def test_without_accounts_everything_is_trusted(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "geteuid")  # as on Windows: the profile folder is the user's own
    tmp_path.chmod(0o777)
    assert untrusted(tmp_path) is None


# ---------------------------------------------------------------- trusted and its note


def test_a_cache_as_zi_makes_it_is_trusted_without_a_word(cache_root, capsys):
    assert trusted(cache_root) is True
    assert capsys.readouterr().err == ""


def test_a_cache_not_made_yet_is_trusted(tmp_path, capsys):
    assert trusted(tmp_path / "cache" / "zi-plan" / "parsed") is True
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("damage", "where", "why", "fix"),
    [("root-writable", "root", "others can change it", "chmod 700 {path}"),
     ("parent-writable", "parent", "others can change it", "chmod 700 {path}"),
     ("root-not-mine", "root", "it belongs to another account", "rm -rf {path}"),
     ("root-a-link", "root", "it is a symbolic link", "rm -rf {path}"),
     ("key-readable", "key", "others can read or change it", "rm {path}"),
     ("key-a-link", "key", "it is a symbolic link", "rm {path}")],
)  # fmt: skip
def test_an_untrusted_cache_is_not_used_and_the_note_names_the_fix(cache_root, capsys, damage, where, why, fix):
    path = {"root": cache_root, "parent": cache_root.parent, "key": cache_root / "key"}[where]
    if damage.endswith("writable"):
        path.chmod(0o777)
    elif damage == "root-not-mine":
        os.chown(path, _unused_uid(), os.getgid())
    elif damage == "key-readable":
        path.chmod(0o644)
    else:  # a link in its place, to something that would otherwise pass
        real = path.with_name(path.name + "-real")
        path.rename(real)
        path.symlink_to(real)
    assert trusted(cache_root) is False
    expected = f"zi: note: the cache {path} is not used: {why}; zi reads the plan itself (slower). To use it again: {fix.format(path=path)}\n"
    assert capsys.readouterr().err == expected


def test_the_first_untrusted_folder_is_the_one_named(cache_root, capsys):
    cache_root.parent.chmod(0o777)
    cache_root.chmod(0o777)
    (cache_root / "key").chmod(0o644)
    assert trusted(cache_root) is False
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"the cache {cache_root.parent} is not used" in err


def test_the_note_is_said_once_per_command(cache_root, capsys):
    cache_root.chmod(0o777)
    assert trusted(cache_root) is False
    assert trusted(cache_root) is False
    assert capsys.readouterr().err.count("zi: note:") == 1


def test_a_note_shows_an_escape_in_the_path_instead_of_obeying_it(tmp_path, capsys):
    note(tmp_path / "a\x1b[2Jb", "others can change it", "chmod 700 x")
    err = capsys.readouterr().err
    assert "\x1b" not in err and "a\\x1b[2Jb" in err


def test_the_note_in_indonesian(cache_root, capsys, indonesian):
    cache_root.chmod(0o777)
    assert trusted(cache_root) is False
    assert capsys.readouterr().err == (f"zi: catatan: cache {cache_root} tidak dipakai: orang lain dapat mengubahnya; zi membaca rencananya sendiri "
                                       f"(lebih lambat). Agar dipakai lagi: chmod 700 {cache_root}\n")  # fmt: skip
