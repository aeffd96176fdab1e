"""store.plan_entry: a plan from the cache is the plan parsed, built a block at a time, and never another content's."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from tests.journals import UNFINISHED
from zi_plan.errors import ZiError
from zi_plan.model.plan import LoadedPlan
from zi_plan.store import cache, plan_entry
from zi_plan.store import plans as plan_module
from zi_plan.store.plan_entry import BLOCK, CachedPlan, freeze, thaw
from zi_plan.store.plans import load_plan

# Plan format 3 in full: the coordinator, teams with addresses, an evidence
# store, LKE codes, source codes and teams on an action; dates in the decree's body.
FULL = (
    MINIMAL.replace("  position: Ketua\n", "  position: Ketua\n  issuer: KANTOR CONTOH\n  considering: [bahwa perlu;]\n  budget:\n    source: DIPA Kantor\n    dipa_date: 2023-12-05\n")
    .replace("    name: Tim Manajemen Perubahan\n", "    name: Tim Manajemen Perubahan\n    email: mp@contoh.go.id\n")
    .replace("teams:\n", "coordinator:\n  name: Yulius\n  email: yulius@contoh.go.id\nevidence_store: sftp://arsip.contoh.go.id/zi\nlke: 2026\nteams:\n", 1)
    .replace("            months: [2]\n", "            months: [2]\n            lke: [P.1.i.a]\n            source_id: MP.1.2\n            teams: [tl, mp]\n")
)


def _many(actions: int) -> str:
    """MINIMAL with an item of ``actions`` more actions: several blocks of the entry."""
    rows = "".join(f"          - indicator: Aksi {n}\n            steps: [Langkah {n}]\n            evidence: [Bukti {n}]\n            months: [{n % 12 + 1}]\n"
                   for n in range(actions))  # fmt: skip
    return UNFINISHED + "      - title: Banyak\n        actions:\n" + rows


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadedPlan, LoadedPlan]:
    """(the plan parsed, the plan from the cache)."""
    with monkeypatch.context() as m:
        m.setenv("ZI_NO_CACHE", "1")
        parsed = load_plan(path)
    load_plan(path)
    cached = load_plan(path)
    assert isinstance(cached, CachedPlan) and not isinstance(parsed, CachedPlan)
    return parsed, cached


@pytest.mark.parametrize("text", [PLAN.read_text(encoding="utf-8"), FULL, _many(3 * BLOCK + 5)], ids=["tambrauw", "format 3", "blocks"])
def test_a_plan_from_the_cache_is_the_plan_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    parsed, cached = _both(path, monkeypatch)
    alone = [cached.action_at(p) for p in reversed(range(len(cached.outline.ids)))][::-1]  # each built alone, in any order
    assert alone == parsed.actions
    assert [list(f) for f in cached.outline] == [list(f) for f in parsed.outline]  # team_of may be bytes
    assert cached.by_id["I.1.a"] == parsed.by_id["I.1.a"] and "X.1.a" not in cached.by_id and cached.by_id.get("X.1.a") is None
    fresh = load_plan(path)  # ids found by a search, then (past _ById.SEARCHES) by the index
    assert all(fresh.by_id[action_id] == action and action_id in fresh.by_id for action_id, action in parsed.by_id.items())
    assert list(cached.by_id) == list(parsed.by_id) and len(cached.by_id) == len(parsed.by_id)
    for field in dataclasses.fields(LoadedPlan):  # every field: the tree, the actions, the decree and its body, the teams ...
        if field.compare:
            mine, theirs = getattr(cached, field.name), getattr(parsed, field.name)
            assert (dict(mine) if field.name == "by_id" else mine) == theirs, field.name
    assert cached.fingerprint == parsed.fingerprint == cache.sha256(path.read_bytes())


def test_a_plan_from_the_cache_can_be_replaced_as_any_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.yaml"
    path.write_text(FULL, encoding="utf-8")
    parsed, cached = _both(path, monkeypatch)
    moved = dataclasses.replace(cached, path=tmp_path / "elsewhere.yaml")
    assert type(moved) is LoadedPlan and moved == dataclasses.replace(parsed, path=tmp_path / "elsewhere.yaml")


def test_only_the_blocks_asked_for_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.yaml"
    path.write_text(_many(4 * BLOCK), encoding="utf-8")
    load_plan(path)
    read: list[int] = []
    real = plan_entry._Blocks.rows
    monkeypatch.setattr(plan_entry._Blocks, "rows", lambda self, block: read.append(block) or real(self, block))
    plan = load_plan(path)
    last = plan.outline.ids[-1]
    assert plan.action(last).id == last and plan.by_id["I.1.a"].indicator == "SK Tim Kerja terbit"
    assert read == [len(plan_entry_spans(plan)) - 1, 0]
    plan.action_at(1)
    assert read == [len(plan_entry_spans(plan)) - 1, 0]  # a block is read once


def plan_entry_spans(plan: LoadedPlan) -> list[tuple[int, int]]:
    assert isinstance(plan, CachedPlan)
    return plan._blocks.spans


def _damage_block(entry: Path, plan: LoadedPlan, block: int) -> None:
    assert isinstance(plan, CachedPlan)
    at = plan._blocks.base + plan._blocks.spans[block][0] + plan._blocks.spans[block][1] // 2
    data = bytearray(entry.read_bytes())
    data[at] ^= 0x40
    entry.write_bytes(bytes(data))


def _entry() -> Path:
    root = cache.folder()
    assert root is not None
    [entry] = root.glob("*/plan-*.zic")
    return entry


def test_a_damaged_block_costs_a_parse_never_a_wrong_view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.yaml"
    path.write_text(_many(2 * BLOCK), encoding="utf-8")
    parsed, plan = _both(path, monkeypatch)
    _damage_block(_entry(), plan, 1)
    parses: list[str] = []
    real = plan_module.check_text
    monkeypatch.setattr(plan_module, "check_text", lambda *a: parses.append(a[0]) or real(*a))
    plan = load_plan(path)
    assert plan.action_at(0) == parsed.actions[0] and parses == []  # block 0 is intact
    assert plan.action_at(BLOCK + 1) == parsed.actions[BLOCK + 1] and len(parses) == 1
    assert plan.actions == parsed.actions and plan.components == parsed.components and len(parses) == 1


def test_a_damaged_block_of_a_plan_changed_since_is_an_error_not_a_mix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.yaml"
    path.write_text(_many(2 * BLOCK), encoding="utf-8")
    _parsed, plan = _both(path, monkeypatch)
    _damage_block(_entry(), plan, 1)
    plan = load_plan(path)
    path.write_text(_many(2 * BLOCK).replace("Aksi 70", "Aksi tujuh puluh"), encoding="utf-8")
    with pytest.raises(ZiError, match="changed while zi was reading it"):
        plan.action_at(BLOCK + 1)


def test_a_block_of_another_content_or_code_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.yaml"
    path.write_text(_many(BLOCK + 1), encoding="utf-8")
    parsed, plan = _both(path, monkeypatch)
    assert isinstance(plan, CachedPlan)
    blocks = plan._blocks
    rows = blocks.rows(0)
    assert rows is not None
    store = blocks.store
    for payload in [("actions", store.context, "0" * 64, 0, rows), ("actions", "other code", blocks.content, 0, rows),
                    ("actions", store.context, blocks.content, 1, rows), ("actions", store.context, blocks.content, 0, rows[:-1]),
                    ("answers", store.context, blocks.content, 0, rows), ("actions", store.context, blocks.content, 0)]:  # fmt: skip
        assert blocks._check(0, payload) is None
    assert blocks._check(0, ("actions", store.context, blocks.content, 0, rows)) == rows
    # A block signed with this key but holding rows of another shape: the plan is parsed instead.
    entry = _entry()
    data = entry.read_bytes()
    forged = store.segment(("actions", store.context, blocks.content, 1, [("not", "a", "row")]))
    assert forged is not None
    entry.write_bytes(data[: blocks.base + blocks.spans[1][0]] + forged)
    again = load_plan(path)
    assert isinstance(again, CachedPlan) and again.actions == parsed.actions


def test_an_outline_whose_items_do_not_add_up_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    parsed, plan = _both(path, monkeypatch)
    assert isinstance(plan, CachedPlan)
    store, entry = plan._blocks.store, _entry()
    found = store.unsign(entry.read_bytes())
    assert found is not None
    payload, end = found
    payload[4]["components"][0][3][0][4] += 1  # the first item claims one action more than the outline has
    forged = store.segment((*payload[:4], payload[4], *payload[5:]))
    assert forged is not None
    entry.write_bytes(forged + entry.read_bytes()[end:])
    again = load_plan(path)
    assert not isinstance(again, CachedPlan) and again.actions == parsed.actions


def test_an_edited_plan_is_read_anew_at_once(tmp_path: Path, zi):
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert "SOP disosialisasikan" in zi("due", "--month", "4", "--plan", str(path)).out
    path.write_text(MINIMAL.replace("SOP disosialisasikan", "SOP diumumkan"), encoding="utf-8")  # same size or not: the content decides
    out = zi("due", "--month", "4", "--plan", str(path)).out
    assert "SOP diumumkan" in out and "SOP disosialisasikan" not in out


def test_dates_are_kept_as_text_and_put_back():
    value = {"decree": ["1", dt.date(2024, 1, 15), {"signed": dt.datetime(2024, 1, 16, 10, 0), "list": [dt.date(2024, 2, 1), "x"]}], "n": 3}
    frozen, dates = freeze(value)
    assert frozen["decree"][1] == "2024-01-15" and value["decree"][1] == dt.date(2024, 1, 15)  # the original is not changed
    assert thaw(frozen, dates) == value
