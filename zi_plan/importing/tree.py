"""The plan as the importer builds it from rows, before team ids and YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

from zi_plan.formats.writer import ActionOut


@dataclass(kw_only=True)
class RowAction(ActionOut):
    """An action as read from the table: the writer's shape, where ``teams`` holds
    team keys (empty: the component's) until build settles their ids."""

    row: int  # grid row index of its first row
    team_cells: list[str] = field(default_factory=list)  # the team cells as written, settled into ``teams`` at the end
    question: str = ""  # an LKE question's text, matched to its code at the end
    row_id: str = ""  # zi's own id in the table (`zi export`), checked against the one it gets
    rows: list[int] = field(default_factory=list)  # every grid row it was read from (a continued action has several)
    same_as_above: bool = False  # under the same indicator as the action just above it in its item


@dataclass
class RowItem:
    row: int
    title: str
    code: str | None = None
    actions: list[RowAction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)  # team keys of its heading row: its actions' unless they name one
    team_cells: list[str] = field(default_factory=list)


@dataclass
class RowComponent:
    row: int | None  # None: the one component of a table without that level
    title: str
    code: str | None = None
    team: str | None = None  # team key
    items: list[RowItem] = field(default_factory=list)
    team_cell: str | None = None  # as written in its row, settled into ``team`` at the end
    notes: list[str] = field(default_factory=list)

    @property
    def actions(self) -> list[RowAction]:
        return [a for item in self.items for a in item.actions]
