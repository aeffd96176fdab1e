"""What a tester using zi as a new office stumbled on (round fixmisc)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with no plans/ anywhere above it."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


# ---------------------------------------------------------------- 1. refusal first


@pytest.mark.parametrize(
    "args",
    [
        ("done", "I.2.a", "--month", "6"),  # not scheduled in June in the bundled plan
        ("done", "XX.9", "--month", "4"),  # no such action in the bundled plan
        ("done", "I.1.a"),
        ("undo", "XX.9", "--month", "4"),
        ("undo", "I.2.a", "--month", "6"),
        ("journal", "accept", "XX.9"),
        ("journal", "move", "XX.9", "YY.1"),
        ("lke", "answer", "NO.SUCH.CODE", "Ya"),
    ],
)
def test_writing_outside_an_office_refuses_before_checking_id_or_month(zi, elsewhere, args):
    result = zi(*args)
    assert result.code == 1
    assert result.err.count("no plan found") == 1 and "--plan bundled" in result.err
    assert "not scheduled" not in result.err and "no action" not in result.err
