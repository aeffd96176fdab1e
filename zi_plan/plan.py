"""Loading a plan: find it, parse it, check it, and index its actions.

``check_text`` collects every problem in a file (schema and cross-field
rules alike) with its YAML line and column; ``load_plan`` returns a
``LoadedPlan`` or raises ``InvalidFile`` with all of them.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_plan import yamlio
from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.i18n import _
from zi_plan.wording import pydantic_problem

BUNDLED_NAME = "tambrauw-2023.yaml"
PACKAGE_DIR = Path(__file__).resolve().parent

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip


def roman(n: int) -> str:
    """1 -> 'I', 6 -> 'VI'."""
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def letter(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa': the letter of the action at ``index``."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


# ---------------------------------------------------------------- the views


@dataclass(frozen=True)
class TeamView:
    id: str
    name: str


@dataclass(frozen=True)
class ActionView:
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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "component": self.component,
            "component_title": self.component_title,
            "item": self.item,
            "item_title": self.item_title,
            "team": self.team.name,
            "team_id": self.team.id,
            "indicator": self.indicator,
            "steps": list(self.steps),
            "evidence": list(self.evidence),
            "months": list(self.months),
        }


@dataclass
class LoadedPlan:
    """A valid plan, read from ``path``, with its actions indexed by id."""

    path: Path
    institution: str
    title: str
    year: int
    decree: dict[str, Any]
    teams: list[TeamView]
    components: list[tuple[str, str]]
    actions: list[ActionView]
    # The plan shipped with zi, used because no other was named or found:
    # its journal must not go beside it (inside the installed package).
    bundled: bool = False
    fingerprint: str = ""  # identifies the plan's content (see zi_plan.cache)
    by_id: dict[str, ActionView] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.actions}

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


# ---------------------------------------------------------------- finding


def bundled_plan_path() -> Path:
    """The plan shipped with zi (in the wheel), or the repo's copy when run from source."""
    for candidate in (PACKAGE_DIR / "data" / BUNDLED_NAME, PACKAGE_DIR.parent / "plans" / BUNDLED_NAME):
        if candidate.is_file():
            return candidate
    raise ZiError(_("the bundled plan is missing from this installation: reinstall zi-plan, or name a plan with --plan"))


def find_plan(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """(path, is it the bundled plan): --plan PATH, else $ZI_PLAN, else
    ./plans/tambrauw-2023.yaml, else the plan bundled with zi."""
    if explicit:
        return Path(explicit), False
    env = os.environ.get("ZI_PLAN")
    if env:
        return Path(env), False
    local = Path("plans") / BUNDLED_NAME
    if local.is_file():
        return local, False
    return bundled_plan_path(), True


def open_plan(explicit: str | os.PathLike[str] | None = None) -> LoadedPlan:
    """Find the plan as every command does, and load it."""
    path, bundled = find_plan(explicit)
    plan = load_plan(path)
    plan.bundled = bundled
    return plan


# ---------------------------------------------------------------- checking

# (loc, message, point at the key rather than the value)
_Found = tuple[tuple[Any, ...], str, bool]


def check_text(path: str, text: str) -> tuple[Any, list[Problem]]:
    """Parse and check a plan's text: (the parsed data, every problem)."""
    with yamlio.gc_paused():
        return _check_text(path, text)


def _check_text(path: str, text: str) -> tuple[Any, list[Problem]]:
    try:
        data = yamlio.parse(text)
    except yamlio.YamlError as exc:
        return None, [exc.problem(path)]
    if data is None:
        return None, [Problem(path, 1, 1, _("the file is empty: a plan needs institution, year, decree, teams and components"))]
    if not isinstance(data, dict):
        return None, [Problem(path, 1, 1, _("a plan must be a mapping (key: value) at the top, not {kind}").format(kind=_kind(data)))]

    found: list[_Found] = []
    found.extend(_schema_problems(data))
    found.extend(_rule_problems(data))
    if not found:
        return data, []
    root = yamlio.compose(text)
    problems = []
    for loc, message, at_key in found:
        line, col = yamlio.locate(root, loc, key=at_key)
        problems.append(Problem(path, line, col, message))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return data, problems


def check_file(path: Path) -> list[Problem]:
    """Every problem in the plan file at ``path`` (empty when it is valid)."""
    try:
        text = yamlio.read_text(path)
    except yamlio.YamlError as exc:
        return [exc.problem(str(path))]
    return check_text(str(path), text)[1]


def load_plan(path: Path) -> LoadedPlan:
    """Read and check the plan at ``path``; raise InvalidFile listing every problem.

    A content already validated by this version of zi is only parsed (see
    zi_plan.cache); `zi validate` always checks in full.
    """
    from zi_plan import cache

    try:
        text = yamlio.read_text(path)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None
    fingerprint = cache.key("plan", text)
    if cache.is_valid(fingerprint):
        with yamlio.gc_paused():
            data = yamlio.parse(text)
    else:
        data, problems = check_text(str(path), text)
        if problems:
            raise InvalidFile(problems)
        cache.remember(fingerprint)
    plan = build_plan(path, data)
    plan.fingerprint = fingerprint
    return plan


def build_plan(path: Path, data: dict[str, Any]) -> LoadedPlan:
    """The indexed views of already-checked plan data."""
    teams = {t["id"]: TeamView(t["id"], t["name"].strip()) for t in data["teams"]}
    actions: list[ActionView] = []
    components: list[tuple[str, str]] = []
    for comp in data["components"]:
        cid = comp["id"]
        components.append((cid, comp["title"].strip()))
        for i_index, item in enumerate(comp["items"]):
            item_id = f"{cid}.{i_index + 1}"
            item_team = item.get("team") or comp["team"]
            for a_index, act in enumerate(item["actions"]):
                actions.append(
                    ActionView(
                        id=f"{item_id}.{letter(a_index)}",
                        component=cid,
                        component_title=comp["title"].strip(),
                        item=item_id,
                        item_title=item["title"].strip(),
                        team=teams[act.get("team") or item_team],
                        indicator=act["indicator"].strip(),
                        steps=tuple(s.strip() for s in act["steps"]),
                        evidence=tuple(e.strip() for e in act["evidence"]),
                        months=tuple(sorted(act["months"])),
                    )
                )
    decree = dict(data["decree"])
    return LoadedPlan(
        path=path,
        institution=data["institution"].strip(),
        title=data["title"].strip(),
        year=data["year"],
        decree=decree,
        teams=list(teams.values()),
        components=components,
        actions=actions,
    )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("a number ({value})").format(value=value)
    if isinstance(value, str):
        return _("text ('{value}')").format(value=value[:40])
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if value is None:
        return _("nothing (empty)")
    return type(value).__name__


def _context(data: Any, loc: tuple[Any, ...]) -> str:
    """'II.2.a: ' for a loc inside action a of item 2 of component II."""
    label = ""
    try:
        if len(loc) >= 2 and loc[0] == "components":
            comp = data["components"][loc[1]]
            cid = comp.get("id") if isinstance(comp, dict) and isinstance(comp.get("id"), str) else roman(loc[1] + 1)
            label = _("component {id}").format(id=cid)
            if len(loc) >= 4 and loc[2] == "items":
                label = f"{cid}.{loc[3] + 1}"
                if len(loc) >= 6 and loc[4] == "actions":
                    label = f"{cid}.{loc[3] + 1}.{letter(loc[5])}"
        elif len(loc) >= 2 and loc[0] == "teams":
            label = f"teams[{loc[1] + 1}]"
    except (KeyError, IndexError, TypeError):
        return ""
    return f"{label}: " if label else ""


def _schema_problems(data: dict[str, Any]) -> Iterator[_Found]:
    from pydantic import ValidationError

    from zi_plan.model import Plan

    try:
        Plan.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            yield loc, _context(data, loc) + _schema_message(err, loc), err["type"] == "extra_forbidden"


def _model_at(loc: tuple[Any, ...]) -> Any:
    from zi_plan import model

    by_list = {"decree": model.Decree, "teams": model.Team, "components": model.Component,
               "items": model.Item, "actions": model.Action}  # fmt: skip
    for part in reversed(loc):
        if isinstance(part, str) and part in by_list:
            return by_list[part]
    return model.Plan


def _schema_message(err: Any, loc: tuple[Any, ...]) -> str:
    kind = err["type"]
    name = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    value = err.get("input")
    if kind == "extra_forbidden":
        fields = list(_model_at(loc[:-1]).model_fields)
        close = difflib.get_close_matches(str(name), fields, n=1, cutoff=0.6)
        if close:
            return _("unknown key '{key}' (did you mean '{close}'?)").format(key=name, close=close[0])
        return _("unknown key '{key}'; allowed keys here: {keys}").format(key=name, keys=", ".join(fields))
    if kind == "missing":
        return _("missing required key '{key}'").format(key=name)
    if name == "months":
        if kind in ("greater_than_equal", "less_than_equal"):
            return _("month {month} is out of range: months are 1 (January) to 12 (December)").format(month=value)
        if kind in ("int_type", "int_parsing", "int_from_float"):
            return _("a month must be a whole number from 1 to 12, not {kind}").format(kind=_kind(value))
    if kind == "string_too_short":
        return _("'{key}' must not be empty").format(key=name)
    if kind == "too_short":
        return _("'{key}' needs at least one entry").format(key=name)
    if kind == "string_type":
        return _("'{key}' must be text, not {kind}").format(key=name, kind=_kind(value))
    if kind == "list_type":
        return _("'{key}' must be a list (lines starting with '- '), not {kind}").format(key=name, kind=_kind(value))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("'{key}' must be a mapping (key: value lines), not {kind}").format(key=name, kind=_kind(value))
    if kind == "string_pattern_mismatch":
        if name == "team" or (name == "id" and "teams" in loc):
            return _("team id '{value}' must be lower-case letters, digits and '-', e.g. 'pengawasan'").format(value=value)
        if name == "id":
            return _("component id '{value}' must be a Roman numeral (I, II, III, ...)").format(value=value)
    if kind in ("int_type", "int_parsing"):
        return _("'{key}' must be a whole number, not {kind}").format(key=name, kind=_kind(value))
    if kind.startswith("date"):
        return _("'{key}' must be a date written YYYY-MM-DD (e.g. 2023-04-15), not {kind}").format(key=name, kind=_kind(value))
    if kind in ("greater_than_equal", "less_than_equal"):
        return _("'{key}' {value} is out of range ({problem})").format(key=name, value=value, problem=pydantic_problem(err))
    return _("'{key}' is not valid: {problem}").format(key=name, problem=pydantic_problem(err))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _rule_problems(data: dict[str, Any]) -> Iterator[_Found]:
    """Cross-field rules, on the raw data so they run even beside schema errors.

    Each rule skips what has the wrong shape: the schema reports that.
    """
    team_ids: dict[str, int] = {}
    for t_index, team in enumerate(_as_list(data.get("teams"))):
        if isinstance(team, dict) and isinstance(team.get("id"), str):
            if team["id"] in team_ids:
                yield ("teams", t_index, "id"), _("duplicate team id '{id}'").format(id=team["id"]), False
            team_ids.setdefault(team["id"], t_index)

    def check_team(value: Any, loc: tuple[Any, ...], label: str) -> Iterator[_Found]:
        if isinstance(value, str) and team_ids and value not in team_ids:
            close = difflib.get_close_matches(value, list(team_ids), n=1, cutoff=0.5)
            if close:
                message = _("team '{team}' is not defined under 'teams' (did you mean '{close}'?)").format(team=value, close=close[0])
            else:
                message = _("team '{team}' is not defined under 'teams'; teams defined: {teams}").format(team=value, teams=", ".join(team_ids))
            yield loc, label + message, False

    year, decree = data.get("year"), data.get("decree")
    if isinstance(year, int) and isinstance(decree, dict) and hasattr(decree.get("date"), "year"):
        if decree["date"].year != year:
            yield ("decree", "date"), _("the decree is dated {date} but the plan's year is {year}").format(date=decree["date"], year=year), False

    seen_components: dict[str, int] = {}
    seen_actions: dict[str, tuple[Any, ...]] = {}
    for c_index, comp in enumerate(_as_list(data.get("components"))):
        if not isinstance(comp, dict):
            continue
        cloc: tuple[Any, ...] = ("components", c_index)
        expected_cid = roman(c_index + 1)
        cid = comp.get("id")
        if isinstance(cid, str):
            if cid in seen_components:
                yield (*cloc, "id"), _("duplicate component id '{id}'").format(id=cid), False
            elif cid != expected_cid:
                yield (*cloc, "id"), _("component id '{id}' is out of order: component {n} must be '{expected}'").format(id=cid, n=c_index + 1, expected=expected_cid), False
            seen_components.setdefault(cid, c_index)
        else:
            cid = expected_cid
        yield from check_team(comp.get("team"), (*cloc, "team"), _("component {id}").format(id=cid) + ": ")
        for i_index, item in enumerate(_as_list(comp.get("items"))):
            if not isinstance(item, dict):
                continue
            iloc = (*cloc, "items", i_index)
            no = item.get("number")
            if isinstance(no, int) and no != i_index + 1:
                yield (*iloc, "number"), _("item number {no} is out of order: item {n} of component {id} must be numbered {n}").format(no=no, n=i_index + 1, id=cid), False
            yield from check_team(item.get("team"), (*iloc, "team"), f"{cid}.{i_index + 1}: ")
            for a_index, act in enumerate(_as_list(item.get("actions"))):
                if not isinstance(act, dict):
                    continue
                aloc = (*iloc, "actions", a_index)
                expected = f"{cid}.{i_index + 1}.{letter(a_index)}"
                written = act.get("id")
                if written is not None:
                    if not isinstance(written, str):
                        yield (*aloc, "id"), f"{expected}: " + _("'id' must be text like '{expected}'").format(expected=expected), False
                    elif written in seen_actions:
                        first = seen_actions[written]
                        yield (*aloc, "id"), _("duplicate id '{id}' (the first is action {a} of item {i} of component {c})").format(id=written, a=first[-1] + 1, i=first[-3] + 1, c=first[1] + 1), False
                    elif written != expected:
                        yield (*aloc, "id"), _("action id '{id}' is out of order: here the id must be '{expected}' (actions are lettered a, b, c ... in order)").format(id=written, expected=expected), False
                    if isinstance(written, str):
                        seen_actions.setdefault(written, aloc)
                label = f"{expected}: "
                yield from check_team(act.get("team"), (*aloc, "team"), label)
                months = act.get("months")
                if isinstance(months, list):
                    seen_months: set[Any] = set()
                    for m_index, month in enumerate(months):
                        if isinstance(month, int) and month in seen_months:
                            yield (*aloc, "months", m_index), label + _("month {month} is listed twice").format(month=month), False
                        if isinstance(month, int):
                            seen_months.add(month)
