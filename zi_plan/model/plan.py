"""The plan as a tree of views: components, items, actions (each with what it inherits), and their indexes.

Built from data already checked (zi_plan.store.plans finds, parses and checks
the file; zi_plan.schema.checks holds the rules).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.model.ids import letter

# ---------------------------------------------------------------- the views
#
# The loaded plan is one tree, as the file is: components -> items ->
# actions, each node with its effective team (inherited unless overridden).
# ``LoadedPlan.actions`` and ``by_id`` are indexes derived from the tree.
# A new field on an action touches four modules: zi_plan/schema/plan.py
# (Action), ActionView here (and _component), zi_plan/store/plan_entry.py (the
# cache's rows), zi_plan/formats/writer.py (ActionOut, the importer's row
# too, and its line); then regenerate
# zi_plan/schema/core.py and schema/plan.schema.json.
# tests/model/test_action_fields.py says which of them still lacks it.
# The views are NamedTuples, not frozen dataclasses: making a frozen
# dataclass costs about 1 ms at import (its methods are generated and
# compiled one by one), a NamedTuple a seventh of that, and every command
# imports a dozen such classes before it does anything.


class TeamView(NamedTuple):
    id: str
    name: str
    email: str | None = None  # plan format 3: where its digest is mailed


DECREE_HEAD = ("number", "date", "place", "signatory", "position")


class DecreeView(NamedTuple):
    """The decree (Keputusan) that sets the plan."""

    number: str
    date: dt.date
    place: str
    signatory: str
    position: str
    # Plan format 3: the body's keys as checked (zi_plan.schema.decree reads them).
    body: dict[str, Any] | None = None


class CoordinatorView(NamedTuple):
    """The Zona Integritas coordinator (plan format 3)."""

    name: str
    position: str | None = None
    email: str | None = None
    phone: str | None = None


def lke_suffix(codes: Iterable[str] | None) -> str:
    """'\nLKE P.1.i.a, P.1.i.b': a second line naming the LKE questions an action serves ('' when none)."""
    return "\nLKE " + ", ".join(codes) if codes else ""


class ActionView(NamedTuple):
    """An action with everything it inherits: its id, item, component and team."""

    id: str
    component: str
    component_title: str
    item: str
    item_title: str
    team: TeamView
    indicator: str
    steps: tuple[str, ...]
    evidence: tuple[str, ...]
    months: tuple[int, ...]
    # Plan format 2: several teams (``team`` is the first), the source table's
    # code, an unfinished (draft) action. An action with no months is unscheduled.
    teams: tuple[TeamView, ...]
    source_id: str | None = None
    draft: bool = False
    lke: tuple[str, ...] = ()  # LKE questions it serves

    def to_json(self) -> dict[str, Any]:
        """Every field, in order; a team as its name (and ``team_id``), tuples as lists."""
        out: dict[str, Any] = {}
        for name, value in self._asdict().items():
            if name == "team":
                out["team"], out["team_id"] = self.team.name, self.team.id
            elif name == "teams":
                out["teams"] = [t.name for t in self.teams]
            else:
                out[name] = list(value) if isinstance(value, tuple) else value
        return out


class ItemView(NamedTuple):
    """A numbered item of a component: ``id`` is 'II.2', ``number`` 2."""

    id: str
    number: int
    title: str
    team: TeamView
    actions: tuple[ActionView, ...]


def month_bits(months: Iterable[int]) -> int:
    """Months as the bits of one number: bit m-1 for month m (a plan lists a month once)."""
    bits = 0
    for month in months:
        bits |= 1 << (month - 1)
    return bits


def bit_months(bits: int) -> tuple[int, ...]:
    """The months of ``bits``, in order."""
    return tuple(m for m in range(1, 13) if bits >> (m - 1) & 1)


class Outline(NamedTuple):
    """Every action's id, months, teams and draft flag at its position in ``LoadedPlan.actions``.

    What `zi due` goes through and `zi done` looks an id up in, without the
    actions' texts: for 100,000 actions a few lists of numbers rather than
    100,000 views. The cache keeps it apart from the texts
    (zi_plan.store.plan_entry), so that a plan from the cache builds only the
    views a command shows; a plan built in full makes it from its views.
    """

    ids: Sequence[str]
    months: Sequence[int]  # month_bits of each action's months
    team_sets: Sequence[tuple[TeamView, ...]]  # the distinct `teams` of actions
    team_of: Sequence[int]  # position -> index in team_sets
    drafts: frozenset[int]  # positions of drafts

    def teams(self, position: int) -> tuple[TeamView, ...]:
        return self.team_sets[self.team_of[position]]


def outline_of(actions: Sequence[ActionView]) -> Outline:
    """The outline of views already built."""
    sets: dict[tuple[TeamView, ...], int] = {}
    team_of = [sets.setdefault(a.teams, len(sets)) for a in actions]
    drafts = frozenset(p for p, a in enumerate(actions) if a.draft)
    return Outline([a.id for a in actions], [month_bits(a.months) for a in actions], list(sets), team_of, drafts)


class ComponentView(NamedTuple):
    id: str
    title: str
    team: TeamView
    items: tuple[ItemView, ...]

    @property
    def actions(self) -> list[ActionView]:
        return [a for item in self.items for a in item.actions]

    @property
    def teams(self) -> list[TeamView]:
        """The teams of its actions, in order of first appearance."""
        return list(dict.fromkeys(a.team for a in self.actions))


@dataclass
class LoadedPlan:
    """A valid plan, read from ``path``: the tree of components, and its actions indexed by id."""

    path: Path
    institution: str
    title: str
    year: int
    decree: DecreeView
    teams: list[TeamView]
    components: list[ComponentView]
    # The plan shipped with zi, used because no other was named or found:
    # its journal must not go beside it (inside the installed package).
    bundled: bool = False
    # How it was found (see zi_plan.store.workspace): "option", "env", "folder" or "bundled".
    found_by: str = "option"
    fingerprint: str = ""  # the SHA-256 of the plan's content (see zi_plan.store.plans)
    lke_year: int | None = None  # the LKE worksheet named by the plan; None: the newest bundled
    coordinator: CoordinatorView | None = None  # plan format 3
    evidence_store: str | None = None  # plan format 3: where the evidence is kept by its sha256 (zi_plan.model.stores)
    actions: list[ActionView] = field(default_factory=list)  # derived: every action, in order
    by_id: Mapping[str, ActionView] = field(default_factory=dict)  # derived
    _outline: Outline | None = field(default=None, init=False, repr=False, compare=False)  # derived, when first asked for

    def __post_init__(self) -> None:
        self.actions = [a for c in self.components for a in c.actions]
        self.by_id = {a.id: a for a in self.actions}

    @property
    def outline(self) -> Outline:
        """Every action's id, months, teams and draft flag (see Outline)."""
        if self._outline is None:
            self._outline = outline_of(self.actions)
        return self._outline

    def action_at(self, position: int) -> ActionView:
        """``actions[position]``; a plan from the cache builds only the views asked for (zi_plan.store.plan_entry)."""
        return self.actions[position]

    def component(self, query: str) -> ComponentView:
        """A component by its id, in any case ('ii' finds II)."""
        for comp in self.components:
            if comp.id.lower() == query.strip().lower():
                return comp
        ids = ", ".join(c.id for c in self.components)
        raise ZiError(_("no component '{component}'; the plan has {ids}").format(component=query, ids=ids))

    def action(self, action_id: str) -> ActionView:
        """The action with this id, or a ZiError that suggests the closest ids."""
        found = self.by_id.get(action_id)
        if found is not None:
            return found
        # Ids are case-sensitive in the decree (roman numerals, lower-case
        # letters), but people type 'ii.2.A': accept an unambiguous match.
        folded = [a for a in self.by_id if a.lower() == action_id.lower()]
        if len(folded) == 1:
            return self.by_id[folded[0]]
        close = difflib.get_close_matches(action_id, list(self.by_id), n=5, cutoff=0.6)
        if close:
            raise ZiError(_("no action '{id}' in {path}. Did you mean {close}?").format(id=action_id, path=self.path, close=", ".join(close)))
        raise ZiError(_("no action '{id}' in {path}. Run 'zi list' to see every id.").format(id=action_id, path=self.path))

    def team(self, query: str) -> TeamView:
        """A team by id or by a loose piece of its name ('pengawasan')."""
        q = query.strip().lower()
        for team in self.teams:
            if q in (team.id, team.name.lower()):
                return team
        hits = [t for t in self.teams if q and (q in t.name.lower() or q in t.id)]
        if len(hits) == 1:
            return hits[0]
        names = "; ".join(f"{t.name} ({t.id})" for t in self.teams)
        if hits:
            raise ZiError(_("'{query}' matches more than one team: {hits}. Teams: {teams}").format(
                query=query, hits="; ".join(t.name for t in hits), teams=names))  # fmt: skip
        raise ZiError(_("no team matches '{query}'. Teams: {teams}").format(query=query, teams=names))


def build_plan(path: Path, data: dict[str, Any]) -> LoadedPlan:
    """The tree of views of already-checked plan data."""
    teams = {t["id"]: TeamView(t["id"], t["name"].strip(), _stripped(t.get("email"))) for t in data["teams"]}
    components = [_component(comp, teams) for comp in data["components"]]
    decree = data["decree"]
    body = {key: value for key, value in decree.items() if key not in DECREE_HEAD} or None
    who = data.get("coordinator")
    return LoadedPlan(
        path=path,
        institution=data["institution"].strip(),
        title=data["title"].strip(),
        year=data["year"],
        decree=DecreeView(decree["number"], decree["date"], decree["place"], decree["signatory"], decree["position"], body),
        teams=list(teams.values()),
        components=components,
        lke_year=data.get("lke"),
        coordinator=CoordinatorView(*(_stripped(who.get(key)) for key in CoordinatorView._fields)) if who else None,
        evidence_store=(data.get("evidence_store") or "").strip() or None,
    )


def _stripped(text: Any) -> Any:
    return text.strip() if isinstance(text, str) else text


def _teams(act: dict[str, Any], teams: dict[str, TeamView], inherited: TeamView) -> tuple[TeamView, ...]:
    if act.get("teams"):
        return tuple(teams[t] for t in act["teams"])
    return (teams[act["team"]],) if act.get("team") else (inherited,)


def _component(comp: dict[str, Any], teams: dict[str, TeamView]) -> ComponentView:
    cid, title = comp["id"], comp["title"].strip()
    items = []
    for i_index, item in enumerate(comp["items"]):
        item_id = f"{cid}.{i_index + 1}"
        item_title = item["title"].strip()
        item_team = teams[item.get("team") or comp["team"]]
        actions = tuple(
            ActionView(
                id=f"{item_id}.{letter(a_index)}",
                component=cid,
                component_title=title,
                item=item_id,
                item_title=item_title,
                team=_teams(act, teams, item_team)[0],
                indicator=act["indicator"].strip(),
                steps=tuple(s.strip() for s in act.get("steps") or ()),
                evidence=tuple(e.strip() for e in act.get("evidence") or ()),
                months=tuple(sorted(act.get("months") or ())),
                teams=_teams(act, teams, item_team),
                source_id=act.get("source_id"),
                draft=bool(act.get("draft")),
                lke=tuple(act.get("lke") or ()),
            )
            for a_index, act in enumerate(item["actions"])
        )
        items.append(ItemView(item_id, i_index + 1, item_title, item_team, actions))
    return ComponentView(cid, title, teams[comp["team"]], tuple(items))


