"""Checking a file: the plan's rules, and schema errors as messages people can act on.

Plan and journal follow the same sequence: parse, validate (pydantic
schema, then cross-field rules on the raw data), and only when something
is wrong compose the YAML again to place each problem at its line and
column (``located``). Rules yield ``Found``: where (a pydantic-style loc),
what, and whether to point at the key rather than the value.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from zi_plan.errors import Found, Problem
from zi_plan.fs.jail import path_problem
from zi_plan.i18n import _
from zi_plan.lke.planrefs import lke_problems
from zi_plan.model.ids import letter, roman
from zi_plan.model.links import link_problem
from zi_plan.model.stores import store_problem
from zi_plan.schema.decree import rule_problems as decree_problems
from zi_plan.schema.validators import fields
from zi_plan.schema.wording import pydantic_problem


def located(path: str, text: str, found: Iterable[Found]) -> list[Problem]:
    """Each problem at its line and column in ``text`` (composed once, only now)."""
    from zi_plan.schema import yamlio  # here, not at the top: a warm command never needs PyYAML

    root = yamlio.compose(text)
    return [Problem(path, *yamlio.locate(root, loc, key=at_key), message) for loc, message, at_key in found]


def plan_problems(path: str, text: str) -> tuple[Any, list[Problem]]:
    """Parse and check a plan's text: (the parsed data, every problem, in line order)."""
    from zi_plan.schema import yamlio  # here, not at the top: a warm command never needs PyYAML

    try:
        data = yamlio.parse(text)
    except yamlio.YamlError as exc:
        return None, [exc.problem(path)]
    if data is None:
        return None, [Problem(path, 1, 1, _("the file is empty: a plan needs institution, year, decree, teams and components"))]
    if not isinstance(data, dict):
        return None, [Problem(path, 1, 1, _("a plan must be a mapping (key: value) at the top, not {kind}").format(kind=kind_of(data)))]
    found = [*schema_problems(data), *rule_problems(data), *_lke_problems(data), *_format_3_problems(data)]
    if not found:
        return data, []
    problems = located(path, text, found)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return data, problems


def _lke_problems(data: dict[str, Any]) -> list[Found]:
    """The plan's LKE codes against the worksheet; the worksheet is read only for plans that use it."""
    mentions = "lke" in data or any(
        isinstance(a, dict) and "lke" in a
        for c in _as_list(data.get("components")) if isinstance(c, dict)
        for i in _as_list(c.get("items")) if isinstance(i, dict)
        for a in _as_list(i.get("actions"))
    )  # fmt: skip
    if not mentions:
        return []

    return list(lke_problems(data))


def _format_3_problems(data: dict[str, Any]) -> list[Found]:
    """The decree's body, the coordinator and team addresses (zi_plan.schema.decree), read only for plans that have them."""
    decree, teams = data.get("decree"), data.get("teams")
    if not (
        (isinstance(decree, dict) and not set(decree) <= {"number", "date", "place", "signatory", "position"})
        or "coordinator" in data
        or any(isinstance(t, dict) and "email" in t for t in _as_list(teams))
    ):
        return []

    return list(decree_problems(data))


# ---------------------------------------------------------------- schema errors as messages


def kind_of(value: Any) -> str:
    """What a value is, in words: for 'must be text, not a number (5)'."""
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


def schema_problems(data: dict[str, Any]) -> Iterator[Found]:
    # zi_plan.schema.plan's checks, run by pydantic-core alone (see zi_plan.schema.validators).
    from zi_plan.schema.validators import validate

    for err in validate("PLAN", data)[1]:
        loc = tuple(err["loc"])
        yield loc, _context(data, loc) + schema_message(err, loc), err["type"] == "extra_forbidden"


# Per stored schema (zi_plan.schema.validators): its top model, and the model that
# holds the keys under each key of the file that leads to one.
_HOLDERS = {
    "PLAN": ("Plan", {"decree": "Decree", "teams": "Team", "components": "Component", "items": "Item", "actions": "Action"}),
    "JOURNAL": ("JournalFile", {"records": "RecordModel", "evidence": "EvidenceModel", "replaces": "EvidenceModel"}),
}


def _unknown_key(schema: str, loc: tuple[Any, ...], name: str, *, list_keys: bool) -> str:
    """'unknown key' with the closest allowed key where ``loc`` points (or, with ``list_keys``, every one)."""

    top, holders = _HOLDERS[schema]
    model = next((holders[part] for part in reversed(loc[:-1]) if isinstance(part, str) and part in holders), top)
    keys = fields(schema, model)
    close = difflib.get_close_matches(str(name), keys, n=1, cutoff=0.6)
    if close:
        return _("unknown key '{key}' (did you mean '{close}'?)").format(key=name, close=close[0])
    if list_keys:
        return _("unknown key '{key}'; allowed keys here: {keys}").format(key=name, keys=", ".join(keys))
    return _("unknown key '{key}'").format(key=name)


def key_name(loc: tuple[Any, ...], default: str = "value") -> str:
    """The key a pydantic loc ends in (list indexes skipped)."""
    return next((p for p in reversed(loc) if isinstance(p, str)), default)


def _shape_message(kind: str, name: str, value: Any) -> str | None:
    """Messages for a value of the wrong shape, by pydantic error type."""
    if kind == "string_too_short":
        return _("'{key}' must not be empty").format(key=name)
    if kind == "too_short":
        return _("'{key}' needs at least one entry").format(key=name)
    if kind == "string_type":
        return _("'{key}' must be text, not {kind}").format(key=name, kind=kind_of(value))
    if kind == "list_type":
        return _("'{key}' must be a list (lines starting with '- '), not {kind}").format(key=name, kind=kind_of(value))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("'{key}' must be a mapping (key: value lines), not {kind}").format(key=name, kind=kind_of(value))
    return None


def _value_message(err: Any, kind: str, name: str, value: Any, loc: tuple[Any, ...]) -> str:
    """Messages for a value of the right shape that is still wrong."""
    if kind == "string_pattern_mismatch":
        if name == "team" or (name == "id" and "teams" in loc):
            return _("team id '{value}' must be lower-case letters, digits and '-', e.g. 'pengawasan'").format(value=value)
        if name == "id":
            return _("component id '{value}' must be a Roman numeral (I, II, III, ...)").format(value=value)
        if name == "nip":
            return _("NIP '{value}' must be the 18 digits of a civil servant's number, e.g. '19800101 200501 1 001'").format(value=value)
    if kind in ("int_type", "int_parsing"):
        return _("'{key}' must be a whole number, not {kind}").format(key=name, kind=kind_of(value))
    if kind.startswith("date"):
        return _("'{key}' must be a date written YYYY-MM-DD (e.g. 2023-04-15), not {kind}").format(key=name, kind=kind_of(value))
    if kind in ("greater_than_equal", "less_than_equal"):
        return _("'{key}' {value} is out of range ({problem})").format(key=name, value=value, problem=pydantic_problem(err))
    return _("'{key}' is not valid: {problem}").format(key=name, problem=pydantic_problem(err))


def schema_message(err: Any, loc: tuple[Any, ...]) -> str:
    """A pydantic error on a plan as a message that says what to write instead."""
    kind = err["type"]
    name = key_name(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        return _unknown_key("PLAN", loc, name, list_keys=True)
    if kind == "missing":
        return _("missing required key '{key}'").format(key=name)
    if loc == ("version",):
        return _("this plan is in format version {value}; this zi reads versions 1 to 3: update zi").format(value=value)
    if name == "months":
        if kind in ("greater_than_equal", "less_than_equal"):
            return _("month {month} is out of range: months are 1 (January) to 12 (December)").format(month=value)
        if kind in ("int_type", "int_parsing", "int_from_float"):
            return _("a month must be a whole number from 1 to 12, not {kind}").format(kind=kind_of(value))
    return _shape_message(kind, name, value) or _value_message(err, kind, name, value, loc)


def plain_schema_message(err: Any) -> str:
    """The short form the journal uses: unknown key, missing key, else pydantic's words."""
    loc = tuple(err["loc"])
    name = key_name(loc, "record")
    if err["type"] == "extra_forbidden":
        return _unknown_key("JOURNAL", loc, name, list_keys=False)  # the journal's short form
    if err["type"] == "missing":
        return _("missing required key '{key}'").format(key=name)
    if name == "month" and err["type"].startswith("int"):
        return _("'{key}' is not valid: {problem}").format(key=name, problem=_("must be a month number from 1 to 12"))
    return _("'{key}' is not valid: {problem}").format(key=name, problem=pydantic_problem(err))


# ---------------------------------------------------------------- the plan's rules


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _team_problems(data: dict[str, Any], team_ids: dict[str, int]) -> Iterator[Found]:
    """Duplicate team ids; fills ``team_ids`` (id -> first index)."""
    for t_index, team in enumerate(_as_list(data.get("teams"))):
        if isinstance(team, dict) and isinstance(team.get("id"), str):
            if team["id"] in team_ids:
                yield ("teams", t_index, "id"), _("duplicate team id '{id}'").format(id=team["id"]), False
            team_ids.setdefault(team["id"], t_index)


def _team_reference(team_ids: dict[str, int], value: Any, loc: tuple[Any, ...], label: str) -> Iterator[Found]:
    if isinstance(value, str) and team_ids and value not in team_ids:
        close = difflib.get_close_matches(value, list(team_ids), n=1, cutoff=0.5)
        if close:
            message = _("team '{team}' is not defined under 'teams' (did you mean '{close}'?)").format(team=value, close=close[0])
        else:
            message = _("team '{team}' is not defined under 'teams'; teams defined: {teams}").format(team=value, teams=", ".join(team_ids))
        yield loc, label + message, False


def _decree_problems(data: dict[str, Any]) -> Iterator[Found]:
    year, decree = data.get("year"), data.get("decree")
    if isinstance(year, int) and isinstance(decree, dict) and hasattr(decree.get("date"), "year") and decree["date"].year != year:
        yield ("decree", "date"), _("the decree is dated {date} but the plan's year is {year}").format(date=decree["date"], year=year), False


def _component_id(comp: dict[str, Any], c_index: int, seen: dict[str, int]) -> tuple[str, list[Found]]:
    """The component's id (written, else by position) and what is wrong with it."""
    expected = roman(c_index + 1)
    cid = comp.get("id")
    if not isinstance(cid, str):
        return expected, []
    found: list[Found] = []
    loc = ("components", c_index, "id")
    if cid in seen:
        found.append((loc, _("duplicate component id '{id}'").format(id=cid), False))
    elif cid != expected:
        found.append((loc, _("component id '{id}' is out of order: component {n} must be '{expected}'").format(id=cid, n=c_index + 1, expected=expected), False))
    seen.setdefault(cid, c_index)
    return cid, found


def _action_id_problems(act: dict[str, Any], aloc: tuple[Any, ...], expected: str, seen: dict[str, tuple[Any, ...]]) -> Iterator[Found]:
    written = act.get("id")
    if written is None:
        return
    if not isinstance(written, str):
        yield (*aloc, "id"), f"{expected}: " + _("'id' must be text like '{expected}'").format(expected=expected), False
        return
    if written in seen:
        first = seen[written]
        yield (*aloc, "id"), _("duplicate id '{id}' (the first is action {a} of item {i} of component {c})").format(id=written, a=first[-1] + 1, i=first[-3] + 1, c=first[1] + 1), False
    elif written != expected:
        yield (*aloc, "id"), _("action id '{id}' is out of order: here the id must be '{expected}' (actions are lettered a, b, c ... in order)").format(id=written, expected=expected), False
    seen.setdefault(written, aloc)


def _month_problems(act: dict[str, Any], aloc: tuple[Any, ...], label: str) -> Iterator[Found]:
    seen: set[Any] = set()
    for m_index, month in enumerate(_as_list(act.get("months"))):
        if isinstance(month, int) and month in seen:
            yield (*aloc, "months", m_index), label + _("month {month} is listed twice").format(month=month), False
        if isinstance(month, int):
            seen.add(month)


def _unfinished_problems(act: dict[str, Any], aloc: tuple[Any, ...], label: str) -> Iterator[Found]:
    """Steps and evidence are required but in a draft (plan format 2); 'team' and 'teams' are one or the other."""
    if act.get("draft") is not True:
        for key in ("steps", "evidence"):
            if key not in act:
                yield (*aloc, key), label + _("missing required key '{key}'").format(key=key), False
            elif act[key] == []:
                yield (*aloc, key), label + _("'{key}' needs at least one entry").format(key=key), False
    if act.get("team") is not None and act.get("teams") is not None:
        yield (*aloc, "teams"), label + _("give 'team' or 'teams', not both"), True


def _item_problems(item: dict[str, Any], iloc: tuple[Any, ...], cid: str, team_ids: dict[str, int],
                   seen_actions: dict[str, tuple[Any, ...]]) -> Iterator[Found]:  # fmt: skip
    i_index = iloc[-1]
    no = item.get("number")
    if isinstance(no, int) and no != i_index + 1:
        yield (*iloc, "number"), _("item number {no} is out of order: item {n} of component {id} must be numbered {n}").format(no=no, n=i_index + 1, id=cid), False
    yield from _team_reference(team_ids, item.get("team"), (*iloc, "team"), f"{cid}.{i_index + 1}: ")
    for a_index, act in enumerate(_as_list(item.get("actions"))):
        if not isinstance(act, dict):
            continue
        aloc = (*iloc, "actions", a_index)
        expected = f"{cid}.{i_index + 1}.{letter(a_index)}"
        yield from _action_id_problems(act, aloc, expected, seen_actions)
        yield from _team_reference(team_ids, act.get("team"), (*aloc, "team"), f"{expected}: ")
        for t_index, team in enumerate(_as_list(act.get("teams"))):
            yield from _team_reference(team_ids, team, (*aloc, "teams", t_index), f"{expected}: ")
        yield from _month_problems(act, aloc, f"{expected}: ")
        yield from _unfinished_problems(act, aloc, f"{expected}: ")


def rule_problems(data: dict[str, Any]) -> Iterator[Found]:
    """Cross-field rules, on the raw data so they run even beside schema errors.

    Each rule skips what has the wrong shape: the schema reports that.
    """
    team_ids: dict[str, int] = {}
    yield from _team_problems(data, team_ids)
    yield from _decree_problems(data)
    store = data.get("evidence_store")
    if isinstance(store, str) and store.strip() and store_problem(store):
        yield ("evidence_store",), store_problem(store) or "", False
    seen_components: dict[str, int] = {}
    seen_actions: dict[str, tuple[Any, ...]] = {}
    for c_index, comp in enumerate(_as_list(data.get("components"))):
        if not isinstance(comp, dict):
            continue
        cloc: tuple[Any, ...] = ("components", c_index)
        cid, found = _component_id(comp, c_index, seen_components)
        yield from found
        yield from _team_reference(team_ids, comp.get("team"), (*cloc, "team"), _("component {id}").format(id=cid) + ": ")
        for i_index, item in enumerate(_as_list(comp.get("items"))):
            if isinstance(item, dict):
                yield from _item_problems(item, (*cloc, "items", i_index), cid, team_ids, seen_actions)


def evidence_problems(index: int, evidence: Iterable[Any]) -> list[Found]:
    """A record's stored paths that leave the store, and links that are not http(s)."""

    found: list[Found] = []
    for e_index, entry in enumerate(evidence):
        problem = path_problem(entry.path) if entry.path is not None else None
        if problem:
            found.append((("records", index, "evidence", e_index, "path"), problem, False))
        problem = link_problem(entry.url) if entry.url is not None else None
        if problem:
            found.append((("records", index, "evidence", e_index, "url"), problem, False))
    return found
