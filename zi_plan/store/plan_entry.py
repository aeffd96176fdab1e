"""A plan's entry in the parsed-data cache: its outline first, then its actions in blocks.

A warm command on a plan of 100,000 actions would spend most of its time
unmarshalling every text and building every view, to print a hundred rows
(`zi due`) or record one action (`zi done`). So the entry (one file of
zi_plan.store.cache's signed segments) is laid out for reading in part:

- segment 0, the outline: the plan's heading (institution, decree, teams,
  components and items) and its Outline (every action's id, months, teams,
  draft flag), with where each block of actions lies in the file;
- then one segment per BLOCK actions: their texts, months, teams.

A command reads the outline, and a block only when it asks for one of its
actions (opening the entry again: no file is held open, zi rollup loads
hundreds of plans). Each segment's signature is checked before it is
unmarshalled, and each names the context, the plan's content and its own
place, so a segment of another entry is never taken for it. A block that is
not there or not intact after all (the entry pruned or written again by
another zi in between, a bad disk) costs a parse of the plan, which must
still hold the content the outline was read for: two contents are never mixed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from zi_plan.model.plan import (
    ActionView,
    ComponentView,
    CoordinatorView,
    DecreeView,
    ItemView,
    LoadedPlan,
    Outline,
    TeamView,
)
from zi_plan.store import cache

BLOCK = 64  # actions per segment: a hundred rows of `zi due` read a few of them
# The fields CachedPlan._view gives a view, in this order; a block's row holds the action's
# item and team set, and the rest as they are. tests/model/test_action_fields.py holds this
# equal to ActionView's fields: a field added there must be kept here too.
VIEW_FIELDS = ("id", "component", "component_title", "item", "item_title", "team", "indicator", "steps", "evidence", "months", "teams",
               "source_id", "draft", "lke")  # fmt: skip


# ---------------------------------------------------------------- writing


def segments(store: cache.Store, plan: LoadedPlan, content: str) -> list[bytes] | None:
    """The entry of a plan just parsed and checked; None if marshal cannot hold it."""
    team_index = {t.id: i for i, t in enumerate(plan.teams)}
    outline = plan.outline
    components = [[c.id, c.title, team_index[c.team.id], [[i.id, i.number, i.title, team_index[i.team.id], len(i.actions)] for i in c.items]]
                  for c in plan.components]  # fmt: skip
    item_of = [n for n, item in enumerate(i for c in plan.components for i in c.items) for _action in item.actions]
    blocks = []
    for start in range(0, len(plan.actions), BLOCK):
        rows = [(item_of[p], a.indicator, a.steps, a.evidence, a.months, outline.team_of[p], a.source_id, a.draft, a.lke)
                for p, a in enumerate(plan.actions[start : start + BLOCK], start)]  # fmt: skip
        block = store.segment(("actions", store.context, content, start // BLOCK, rows))
        if block is None:
            return None
        blocks.append(block)
    spans, at = [], 0
    for block in blocks:
        spans.append((at, len(block)))
        at += len(block)
    head = {"institution": plan.institution, "title": plan.title, "year": plan.year, "decree": [*plan.decree[:5], plan.decree.body],
            "teams": [list(t) for t in plan.teams], "lke_year": plan.lke_year, "evidence_store": plan.evidence_store,
            "coordinator": list(plan.coordinator) if plan.coordinator else None, "components": components}  # fmt: skip
    frozen, dates = freeze(head)
    sets = [tuple(team_index[t.id] for t in teams) for teams in outline.team_sets]
    team_of = bytes(outline.team_of) if len(sets) <= 256 else list(outline.team_of)
    first = store.segment(("outline", store.context, content, dates, frozen, list(outline.ids), list(outline.months), sets, team_of,
                           tuple(sorted(outline.drafts)), spans))  # fmt: skip
    return None if first is None else [first, *blocks]


# ---------------------------------------------------------------- reading


def load(store: cache.Store, entry: Path, path: Path, content: str, reparse: Callable[[], LoadedPlan]) -> LoadedPlan | None:
    """The plan whose content is ``content``, from its entry: None when the entry is missing, not intact or not this plan's.

    ``reparse``: the plan parsed and checked again, should a block turn out not to be intact.
    """
    found = _read(store, entry, 0, adopt=True)
    if found is None:
        return None
    try:
        kind, ctx, sha, dates, frozen, ids, months, sets, team_of, drafts, spans = found[0]
        if kind != "outline" or ctx != store.context or sha != content or not len(ids) == len(months) == len(team_of):
            return None
        if len(spans) != -(-len(ids) // BLOCK) or sum(i[4] for c in frozen["components"] for i in c[3]) != len(ids):
            return None
        head = thaw(frozen, dates)
        teams = [TeamView(*t) for t in head.pop("teams")]
        outline = Outline(ids, months, [tuple(teams[i] for i in s) for s in sets], team_of, frozenset(drafts))
        blocks = _Blocks(store, entry, content, found[1], spans, len(ids))
        who = head.pop("coordinator")
        heading = head | {"teams": teams, "decree": DecreeView(*head["decree"]), "coordinator": CoordinatorView(*who) if who else None}
        return CachedPlan(path, heading, outline, blocks, reparse)
    except (ValueError, TypeError, KeyError, IndexError):  # a signed entry that still does not fit: parse the plan
        return None


def _read(store: cache.Store, entry: Path, at: int, adopt: bool = False) -> tuple[Any, int] | None:
    """The payload of the segment at ``at`` in the entry, reading only that segment, and where it ends."""
    try:
        with open(entry, "rb") as fh:
            head = os.pread(fh.fileno(), cache.HEAD, at)
            size = int.from_bytes(head[4:12], "big") if len(head) == cache.HEAD else -1
            if not 0 <= size <= os.fstat(fh.fileno()).st_size - at - cache.HEAD:
                return None
            data = head + os.pread(fh.fileno(), size, at + cache.HEAD)
    except FileNotFoundError:
        # Missing here: one of the same name in another plan's folder is copied here (zi_plan.store.cache).
        return _read(store, entry, at) if adopt and store.read(entry) else None
    except OSError:
        return None
    found = store.unsign(data)
    return None if found is None else (found[0], at + found[1])


class _Blocks:
    """Where an entry's blocks of actions are, read and checked when asked for."""

    def __init__(self, store: cache.Store, entry: Path, content: str, base: int, spans: list[tuple[int, int]], count: int) -> None:
        self.store, self.entry, self.content, self.base, self.spans, self.count = store, entry, content, base, spans, count

    def rows(self, block: int) -> list[Any] | None:
        """The rows of one block; None if it is not there, not intact or not this plan's."""
        found = _read(self.store, self.entry, self.base + self.spans[block][0])
        return None if found is None else self._check(block, found[0])

    def every(self) -> Iterator[list[Any] | None]:
        """The rows of every block in order, read at once."""
        try:
            with open(self.entry, "rb") as fh:
                data = memoryview(os.pread(fh.fileno(), self.spans[-1][0] + self.spans[-1][1] if self.spans else 0, self.base))
        except OSError:
            data = memoryview(b"")
        for block, (at, _length) in enumerate(self.spans):
            found = self.store.unsign(data, at)
            yield None if found is None else self._check(block, found[0])

    def _check(self, block: int, payload: Any) -> list[Any] | None:
        try:
            kind, ctx, content, number, rows = payload
        except (TypeError, ValueError):
            return None
        if (kind, ctx, content, number) != ("actions", self.store.context, self.content, block) or not isinstance(rows, list):
            return None
        return rows if len(rows) == min(BLOCK, self.count - block * BLOCK) else None


class _ById(Mapping[str, ActionView]):
    """``LoadedPlan.by_id`` of a plan from the cache: a view is built when looked up.

    `zi done` looks up one id: the first few are found by a search through
    the ids (a millisecond at 100,000; a checked plan's ids are unique), the
    index of them all (ten) is made only for a command that looks up more.
    """

    SEARCHES = 8

    def __init__(self, plan: CachedPlan) -> None:
        self._plan = plan
        self._index: dict[str, int] | None = None
        self._searches = 0

    def _positions(self) -> dict[str, int]:
        if self._index is None:
            self._index = {action_id: p for p, action_id in enumerate(self._plan.outline.ids)}
        return self._index

    def _position(self, action_id: object) -> int | None:
        if self._index is None and self._searches < self.SEARCHES:
            self._searches += 1
            try:
                return self._plan.outline.ids.index(action_id)
            except ValueError:
                return None
        return self._positions().get(action_id)  # type: ignore[call-overload]

    def __getitem__(self, action_id: str) -> ActionView:
        position = self._position(action_id)
        if position is None:
            raise KeyError(action_id)
        return self._plan.action_at(position)

    def __contains__(self, action_id: object) -> bool:
        return self._position(action_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


class CachedPlan(LoadedPlan):
    """A plan from the cache: its heading and outline at once, each action's view when first asked for.

    ``actions`` and ``components`` build every view (one read of the blocks);
    ``action_at`` and ``by_id`` build only the block of the action asked for.
    """

    def __new__(cls, *args: Any, **fields: Any) -> Any:
        if not args:  # dataclasses.replace(plan, path=...) names every field: a plain LoadedPlan of them, every view built
            return LoadedPlan(**fields)
        return super().__new__(cls)

    def __init__(self, path: Path, heading: dict[str, Any], outline: Outline, blocks: _Blocks, reparse: Callable[[], LoadedPlan]) -> None:
        self._blocks, self._reparse, self._layout = blocks, reparse, heading.pop("components")
        self._views: dict[int, list[ActionView]] = {}
        self._items = [(c[0], c[1], i[0], i[2]) for c in self._layout for i in c[3]]  # component id, title, item id, title
        super().__init__(path=path, components=[], **heading)
        # The dataclass's __init__ set these through the properties below; they are built when first asked for.
        self._components: list[ComponentView] | None = None
        self._actions: list[ActionView] | None = None
        self._by_id: Mapping[str, ActionView] | None = None
        self._outline = outline

    def __post_init__(self) -> None:
        pass  # no tree to index yet

    @property
    def components(self) -> list[ComponentView]:
        if self._components is None:
            try:
                self._components = self._tree(self.actions)
            except (ValueError, TypeError, IndexError):  # signed, but not a layout of this code's making
                return self._parsed().components
        return self._components

    @components.setter
    def components(self, value: list[ComponentView]) -> None:
        self._components = value

    @property
    def actions(self) -> list[ActionView]:
        if self._actions is None:
            rows = list(self._blocks.every())
            try:
                if any(r is None for r in rows):
                    raise ValueError("a block is not intact")
                self._actions = [self._view(p, row) for block, found in enumerate(rows) for p, row in enumerate(found or (), block * BLOCK)]
            except (ValueError, TypeError, IndexError):  # not intact, or signed but not rows of this code's making
                return self._parsed().actions
        return self._actions

    @actions.setter
    def actions(self, value: list[ActionView]) -> None:
        self._actions = value

    @property
    def by_id(self) -> Mapping[str, ActionView]:
        if self._by_id is None:
            self._by_id = _ById(self)
        return self._by_id

    @by_id.setter
    def by_id(self, value: Mapping[str, ActionView]) -> None:
        self._by_id = value

    def action_at(self, position: int) -> ActionView:
        if self._actions is not None:
            return self._actions[position]
        block = position // BLOCK
        views = self._views.get(block)
        if views is None:
            rows = self._blocks.rows(block) if 0 <= block < len(self._blocks.spans) else None
            if rows is None:
                return self._parsed().actions[position]
            try:
                views = self._views[block] = [self._view(p, row) for p, row in enumerate(rows, block * BLOCK)]
            except (ValueError, TypeError, IndexError):  # signed, but not rows of this code's making
                return self._parsed().actions[position]
        return views[position - block * BLOCK]

    def _view(self, position: int, row: tuple[Any, ...]) -> ActionView:
        item, indicator, steps, evidence, months, team_set, source_id, draft, lke = row
        component, component_title, item_id, item_title = self._items[item]
        teams = self.outline.team_sets[team_set]
        return ActionView(self.outline.ids[position], component, component_title, item_id, item_title, teams[0],
                          indicator, steps, evidence, months, teams, source_id, draft, lke)  # fmt: skip

    def _tree(self, actions: list[ActionView]) -> list[ComponentView]:
        tree, at = [], 0
        for component, title, team, items in self._layout:
            views = []
            for item_id, number, item_title, item_team, count in items:
                views.append(ItemView(item_id, number, item_title, self.teams[item_team], tuple(actions[at : at + count])))
                at += count
            tree.append(ComponentView(component, title, self.teams[team], tuple(views)))
        return tree

    def _parsed(self) -> LoadedPlan:
        """A block was not intact after all: the plan parsed again (it must still hold this content)."""
        full = self._reparse()
        self._actions, self._components, self._views = full.actions, full.components, {}
        return full


# ---------------------------------------------------------------- dates

# Dates are the one kind of value YAML gives that marshal cannot hold: they
# are kept as ISO text, with where they were, and put back on the way out.
_DATES = (dt.date, dt.datetime)


def freeze(value: Any) -> tuple[Any, list[tuple[tuple[Any, ...], str]]]:
    """``value`` with dates as text (copying only what holds one), and their places."""
    dates: list[tuple[tuple[Any, ...], str]] = []
    return _freeze(value, (), dates), dates


def _freeze(value: Any, where: tuple[Any, ...], dates: list[tuple[tuple[Any, ...], str]]) -> Any:
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    elif isinstance(value, _DATES):
        dates.append((where, "datetime" if isinstance(value, dt.datetime) else "date"))
        return value.isoformat()
    else:
        return value
    copy = None
    for key, item in items:
        if isinstance(item, (str, int, float)) or item is None:
            continue
        frozen = _freeze(item, (*where, key), dates)
        if frozen is not item:
            if copy is None:
                copy = dict(value) if isinstance(value, dict) else list(value)
            copy[key] = frozen
    return value if copy is None else copy


def thaw(value: Any, dates: list[tuple[tuple[Any, ...], str]]) -> Any:
    for where, kind in dates:
        parent = value
        for key in where[:-1]:
            parent = parent[key]
        text = parent[where[-1]]
        parent[where[-1]] = dt.datetime.fromisoformat(text) if kind == "datetime" else dt.date.fromisoformat(text)
    return value
