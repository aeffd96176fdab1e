"""Writing a plan as tidy, commented YAML, laid out like the hand-written one.

PyYAML's dumper cannot keep comments or this layout (ids first, months in
flow style, a rule between components), so plans are written line by line;
every scalar goes through ``scalar`` which quotes only when YAML would read
the text otherwise. The result is always checked by the caller before it is
written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zi_plan.formats import decree_yaml
from zi_plan.formats.decree_yaml import coordinator_lines
from zi_plan.formats.scalar import scalar
from zi_plan.i18n import _
from zi_plan.model.ids import letter

if TYPE_CHECKING:
    from zi_plan.model.plan import LoadedPlan

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/plan.schema.json"
PLAN_VERSION = 3  # the plan format this zi writes (see zi_plan.schema.plan.Plan.version)


@dataclass
class ActionOut:
    """An action to write: what the plan file holds of it (its id comes from its position).

    The importer's row (zi_plan.importing.tree.RowAction) is one too, with its
    source row; tests/model/test_action_fields.py checks that every field of
    the schema's Action is here, in the view and in the JSON Schema.
    """

    indicator: str
    steps: list[str]
    evidence: list[str]
    months: list[int]
    team: str | None = None
    notes: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)  # several teams (then ``team`` is unused)
    source_id: str | None = None
    draft: bool = False
    lke: list[str] = field(default_factory=list)  # the LKE questions it serves


@dataclass
class ItemOut:
    title: str
    actions: list[ActionOut] = field(default_factory=list)
    team: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ComponentOut:
    id: str
    title: str
    team: str
    items: list[ItemOut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class PlanOut:
    institution: str
    title: str
    year: int
    decree_number: str
    decree_date: dt.date
    place: str
    signatory: str
    position: str
    teams: list[tuple[str, str]]  # (id, name)
    components: list[ComponentOut]
    header: list[str] = field(default_factory=list)
    metadata_notes: dict[str, str] = field(default_factory=dict)
    lke: int | None = None  # the LKE worksheet's year, when the plan names one
    # Plan format 3 (zi_plan.formats.decree_yaml writes them): the decree's body, or
    # its parts commented out to fill in; the coordinator; team addresses.
    decree_body: dict[str, Any] | None = None
    body_template: bool = False
    coordinator: dict[str, Any] | None = None
    team_emails: dict[str, str] = field(default_factory=dict)
    evidence_store: str | None = None  # plan format 3: the evidence store's address


def plan_out(plan: LoadedPlan) -> PlanOut:
    """A loaded plan's tree, to write again (e.g. as next year's plan).

    A team is written where it changes: on the component, on an item or an
    action only when it differs from the one it would inherit.
    """
    components = []
    for comp in plan.components:
        items = []
        for item in comp.items:
            actions = [
                ActionOut(indicator=a.indicator, steps=list(a.steps), evidence=list(a.evidence), months=list(a.months),
                          team=a.team.id if a.teams == (a.team,) and a.team != item.team else None,
                          teams=[t.id for t in a.teams] if len(a.teams) > 1 else [], source_id=a.source_id, draft=a.draft, lke=list(a.lke))
                for a in item.actions
            ]  # fmt: skip
            items.append(ItemOut(item.title, actions, item.team.id if item.team != comp.team else None))
        components.append(ComponentOut(comp.id, comp.title, comp.team.id, items))
    decree = plan.decree
    return PlanOut(
        institution=plan.institution, title=plan.title, year=plan.year, decree_number=decree.number,
        decree_date=decree.date, place=decree.place, signatory=decree.signatory, position=decree.position,
        teams=[(t.id, t.name) for t in plan.teams], components=components, lke=plan.lke_year,
        decree_body=dict(decree.body) if decree.body else None, coordinator=plan.coordinator._asdict() if plan.coordinator else None,
        team_emails={t.id: t.email for t in plan.teams if t.email},
        evidence_store=plan.evidence_store,
    )  # fmt: skip


def plan_yaml(plan: PlanOut) -> str:
    lines = [SCHEMA_COMMENT, "#"]
    lines += [f"# {h}" if h else "#" for h in plan.header]
    lines.append("")
    notes = plan.metadata_notes

    def meta(key: str, value: object, indent: str = "") -> None:
        note = f"  # {notes[key]}" if key in notes else ""
        lines.append(f"{indent}{key}: {scalar(value)}{note}")

    lines.append(f"version: {PLAN_VERSION}")
    meta("institution", plan.institution)
    meta("title", plan.title)
    meta("year", plan.year)
    lines.append("decree:")
    meta("number", plan.decree_number, "  ")
    lines.append(f"  date: {plan.decree_date.isoformat()}" + (f"  # {notes['date']}" if "date" in notes else ""))
    meta("place", plan.place, "  ")
    meta("signatory", plan.signatory, "  ")
    meta("position", plan.position, "  ")
    lines += _body_lines(plan)
    if plan.lke is not None:
        lines.append(f"lke: {plan.lke}  # " + _("the LKE worksheet the plan is assessed on"))
    if plan.coordinator or plan.body_template:
        lines += ["", *coordinator_lines(plan.coordinator)]
    if plan.evidence_store:
        lines.append(f"evidence_store: {scalar(plan.evidence_store)}  # " + _("where the evidence is kept by its sha256 (zi evidence push)"))
    lines += ["", "# " + _("PENANGGUNG JAWAB: the teams, referred to by their id."), "teams:"]
    for number, (team_id, name) in enumerate(plan.teams):
        lines += [f"  - id: {scalar(team_id)}", f"    name: {scalar(name)}"]
        if team_id in plan.team_emails:
            lines.append(f"    email: {scalar(plan.team_emails[team_id])}")
        elif plan.body_template and number == 0:  # once, as an example
            lines.append("    # email: ...  # " + _("where `zi digest --format eml` addresses the team; several: a@x.go.id, b@x.go.id"))
    lines += ["", "components:"]
    for component in plan.components:
        lines += ["", f"  # {'=' * 70}"]
        lines += [f"  # {n}" for n in component.notes]
        lines += [f"  - id: {component.id}", f"    title: {scalar(component.title)}", f"    team: {scalar(component.team)}", "    items:"]
        for number, item in enumerate(component.items, 1):
            lines += [f"      # {n}" for n in item.notes]
            lines += [f"      - number: {number}", f"        title: {scalar(item.title)}"]
            if item.team:
                lines.append(f"        team: {scalar(item.team)}")
            lines.append("        actions:")
            for index, action in enumerate(item.actions):
                lines += [f"          # {n}" for n in action.notes]
                lines.append(f"          - id: {component.id}.{number}.{letter(index)}")
                lines += _action_lines(action)
    return "\n".join(lines) + "\n"


def _body_lines(plan: PlanOut) -> list[str]:
    """The decree's body (plan format 3), or its parts commented out to fill in."""

    if plan.decree_body:
        return decree_yaml.body_lines(plan.decree_body)
    return decree_yaml.template_lines() if plan.body_template else []


def _action_lines(action: ActionOut) -> list[str]:
    pad = "            "
    lines = []
    if action.source_id:
        lines.append(f"{pad}source_id: {scalar(action.source_id)}")
    if action.draft:
        lines.append(f"{pad}draft: true")
    lines.append(f"{pad}indicator: {scalar(action.indicator)}")
    for key, entries in (("steps", action.steps), ("evidence", action.evidence)):
        if entries:
            lines.append(f"{pad}{key}:")
            lines += [f"{pad}  - {scalar(e)}" for e in entries]
        elif action.draft:
            lines.append(f"{pad}{key}: []")
    lines.append(f"{pad}months: [{', '.join(map(str, action.months))}]")
    if len(action.teams) > 1:
        lines.append(f"{pad}teams: [{', '.join(scalar(t) for t in action.teams)}]")
    elif action.team:
        lines.append(f"{pad}team: {scalar(action.team)}")
    if action.lke:
        codes = (c if re.fullmatch(r"[A-Za-z0-9.]+", c) else json.dumps(c, ensure_ascii=False) for c in action.lke)
        lines.append(f"{pad}lke: [{', '.join(codes)}]")
    return lines
