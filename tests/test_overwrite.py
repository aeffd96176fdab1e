"""Nothing overwritten without --force, by every command that writes a file (issue 21, point 2)."""

from __future__ import annotations

import pytest

COMMANDS = [
    ("report", "-m", "4"),
    ("report", "-m", "4", "--format", "md"),
    ("publish",),
    ("export", "--format", "csv"),
    ("lke", "sheet"),
    ("lke", "sheet", "--format", "portalrb"),
    ("evidence", "pack"),
    ("evidence", "pack", "--by", "lke"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_an_existing_file_is_refused_without_force(zi, plan_copy, tmp_path, args):
    mine = tmp_path / "notulen.txt"
    mine.write_text("the minutes of our meeting", encoding="utf-8")
    result = zi(*args, "-o", str(mine))
    assert result.code == 1
    assert f"{mine} exists; add --force to replace it, or name another file with -o" in result.err
    assert mine.read_text(encoding="utf-8") == "the minutes of our meeting"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".notulen")] == []  # no temp file left
    assert zi(*args, "-o", str(mine), "--force").code == 0
    assert mine.read_text(encoding="utf-8", errors="replace") != "the minutes of our meeting"


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_the_default_name_is_not_replaced_either(zi, plan_copy, args):
    first = zi(*args)
    assert first.code == 0, first.err
    again = zi(*args)
    assert again.code == 1 and "exists; add --force" in again.err


def test_standard_output_is_always_written(zi, plan_copy):
    assert zi("report", "-m", "4", "--format", "md", "-o", "-").out.startswith("#")
    assert zi("report", "-m", "4", "--format", "md", "-o", "-").code == 0
