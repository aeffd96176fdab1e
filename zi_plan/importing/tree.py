"""The plan as the importer builds it from rows, before team ids and YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

from zi_plan.formats.writer import ActionOut


@dataclass(kw_only=True)
class RowAction(ActionOut):
    """An action as read from the table: the writer's shape, where ``teams`` holds
    team keys (empty: the component's) until build settles their ids."""

    row: int  # grid row index of its first row


@dataclass
class RowItem:
    row: int
    title: str
    code: str | None = None
    actions: list[RowAction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)  # team keys of its heading row: its actions' unless they name one


@dataclass
class RowComponent:
    row: int | None  # None: the one component of a table without that level
    title: str
    code: str | None = None
    team: str | None = None  # team key
    items: list[RowItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def actions(self) -> list[RowAction]:
        return [a for item in self.items for a in item.actions]
