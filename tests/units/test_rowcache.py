"""units.rowcache: a unit's row kept under the content of its plan and journal; evidence files checked like git status."""

from __future__ import annotations

import os

import pytest

from tests.units.test_rollup import PHOTO, _rollup, province  # noqa: F401 - the fixture, used by name
from zi_plan.units import rowcache

PLAN = "units/9105/plans/rencana-aksi-2024.yaml"
STORED = "II/II.1/II.1.a/2024-03/foto.jpg"


def _numbers(root):
    row = next(r for r in _rollup(root).rows if r.unit.code == "9105")
    assert row.numbers is not None
    return row.numbers


def test_where_a_plans_journal_and_evidence_are(tmp_path):
    plan = tmp_path / "plans" / "rencana-aksi-2024.yaml"
    assert rowcache.journal_path(plan) == tmp_path / "plans" / "rencana-aksi-2024.progress.yaml"
    assert rowcache.evidence_dir(plan) == tmp_path / "plans" / "rencana-aksi-2024.evidence"


def test_the_key_is_the_content_of_plan_and_journal(province):  # noqa: F811 - the fixture
    plan = province / PLAN
    key = rowcache.content_key(plan)
    assert key is not None and len(key[0]) == 64 and len(key[1]) == 64
    other = province / "units" / "9106" / "plans" / "rencana-aksi-2024.yaml"
    other_key = rowcache.content_key(other)
    assert other_key is not None and other_key[1] == "-" and other_key[0] != key[0]  # another plan, and no journal yet
    assert rowcache.content_key(province / "gone.yaml") is None


def test_a_row_is_found_only_for_the_same_content_month_and_predicate(province):  # noqa: F811 - the fixture
    plan = province / PLAN
    numbers = _numbers(province)
    key = rowcache.content_key(plan)
    assert key is not None
    rowcache.remember(plan, key, 5, "WBK-afirmasi", numbers, ((STORED, "ab" * 32),))
    name = numbers.plan  # the plan as the register names it: part of the key (the row shows it)
    assert rowcache.lookup(plan, 5, "WBK-afirmasi", name) == (numbers, ((STORED, "ab" * 32),))
    assert rowcache.lookup(plan, 6, "WBK-afirmasi", name) is None and rowcache.lookup(plan, 5, "WBBM", name) is None
    assert rowcache.lookup(plan, 5, "WBK-afirmasi", name + "x") is None  # named otherwise: the row would say another name
    journal = rowcache.journal_path(plan)
    journal.write_text(journal.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert rowcache.lookup(plan, 5, "WBK-afirmasi", name) is None  # the journal's content changed


def test_no_cache_no_row(province, monkeypatch: pytest.MonkeyPatch):  # noqa: F811 - the fixture
    monkeypatch.setenv("ZI_NO_CACHE", "1")
    plan = province / PLAN
    numbers = _numbers(province)
    rowcache.remember(plan, ("a", "b"), 5, "WBK", numbers, ())
    assert rowcache.lookup(plan, 5, "WBK", numbers.plan) is None


def test_evidence_files_missing_or_changed(province, monkeypatch: pytest.MonkeyPatch):  # noqa: F811 - the fixture
    import hashlib

    plan = province / PLAN
    sha = hashlib.sha256(PHOTO).hexdigest()
    assert rowcache.check_files(plan, ((STORED, sha),)) == ((), ())
    assert rowcache.check_files(plan, ((STORED, "0" * 64),)) == ((), (STORED,))
    assert rowcache.check_files(plan, (("II/gone.jpg", sha),)) == (("II/gone.jpg",), ())
    os.remove(rowcache.evidence_dir(plan) / STORED)
    assert rowcache.check_files(plan, ((STORED, sha),)) == ((STORED,), ())
