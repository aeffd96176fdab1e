"""The plan schema: a Rencana Aksi as pydantic models.

YAML keys are English snake_case; the texts stay in the decree's Indonesian.
Ids may be written out (to hold the file against the decree) or left to
their position; either way ``zi_plan.model.plan`` checks them and derives the
full id ``COMPONENT.ITEM.LETTER`` of every action.

These models are the schema's source: `zi schema` writes their JSON Schema,
and plans are checked with the pydantic-core schema they compile to, stored
in ``zi_plan/schema/core.py`` (run ``python -m zi_plan.schema.validators`` after a
change here; see zi_plan.schema.validators).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Month = Annotated[int, Strict(), Field(ge=1, le=12)]
TeamId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
RomanId = Annotated[str, StringConstraints(pattern=r"^[IVXLC]+$")]
LkeCode = Annotated[str, StringConstraints(min_length=1)]


class _Strict(BaseModel):
    # Unknown keys are errors (a misspelt key would otherwise vanish), and no
    # field aliases: the YAML key is the field name, and so is the JSON key.
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


class Decree(_Strict):
    """The decree (Keputusan) that sets the plan."""

    number: Text = Field(description="Nomor keputusan, e.g. '439 Tahun 2023'.")
    date: dt.date = Field(description="Tanggal ditetapkan, YYYY-MM-DD.")
    place: Text = Field(description="Ditetapkan di (place of signing).")
    signatory: Text = Field(description="Who signed it.")
    position: Text = Field(description="The signatory's position (jabatan).")


class Team(_Strict):
    """A team (tim) responsible for components of the plan."""

    id: TeamId = Field(description="Short key used by components, e.g. 'pengawasan'.")
    name: Text = Field(description="The team's name as in the decree.")


class Action(_Strict):
    """One row of the decree's table: an action scheduled in some months."""

    id: Optional[str] = Field(
        default=None, description="COMPONENT.ITEM.LETTER, e.g. 'II.2.a'; derived from position when left out."
    )
    source_id: Optional[Text] = Field(default=None, description="The source table's own code for this action, e.g. 'SS.1.1' (kept by zi import).")
    draft: bool = Field(default=False, description="An unfinished action (an indicator, no steps or evidence yet): validate warns, due lists it apart.")
    indicator: Text = Field(description="INDIKATOR.")
    # Steps and evidence may be empty only in a draft (a rule in zi_plan.model.plan).
    steps: list[Text] = Field(default_factory=list, description="LANGKAH AKSI, one entry per step.")
    evidence: list[Text] = Field(default_factory=list, description="BUKTI FISIK / bukti dukung to collect.")
    months: list[Month] = Field(default_factory=list, description="PELAKSANAAN (BULAN): months 1..12; empty or left out: not scheduled yet (validate warns).")
    team: Optional[TeamId] = Field(default=None, description="Overrides the item's or component's team.")
    teams: Optional[list[TeamId]] = Field(default=None, min_length=1, description="Several teams sharing the action (instead of 'team').")
    lke: Optional[list[LkeCode]] = Field(default=None, description="LKE questions this action serves, e.g. ['P.1.i.a', 'R.1.i.b'].")


class Item(_Strict):
    """A numbered item (KOMPONEN row) of a component."""

    number: Optional[int] = Field(default=None, description="Item number, 1..n; derived from position when left out.")
    title: Text = Field(description="The item's title (KOMPONEN cell).")
    team: Optional[TeamId] = Field(default=None, description="Overrides the component's team.")
    actions: list[Action] = Field(min_length=1)


class Component(_Strict):
    """One of the components (I..VI) of the Zona Integritas plan."""

    id: RomanId = Field(description="Roman numeral, I, II, ... in order.")
    title: Text
    team: TeamId = Field(description="Responsible team (PENANGGUNG JAWAB), by its id.")
    items: list[Item] = Field(min_length=1)


class Plan(_Strict):
    """A Rencana Aksi Pembangunan Zona Integritas."""

    # Absent in files written before version 2 (read as version 1, unchanged);
    # version 2 adds source_id, teams, draft and unscheduled actions; version 3
    # the evidence store (optional, so a plan of format 1 or 2 is one of format 3).
    version: Optional[Literal[1, 2, 3]] = Field(default=None, description="Plan format version: 3 (written by zi); absent means 1.")
    institution: Text = Field(description="The office, e.g. 'Komisi Pemilihan Umum Kabupaten Tambrauw'.")
    title: Text = Field(description="The plan's title as in the decree.")
    year: Annotated[int, Strict(), Field(ge=2000, le=2100)] = Field(description="The plan's year.")
    decree: Decree
    lke: Optional[Annotated[int, Strict(), Field(ge=2000, le=2100)]] = Field(
        default=None, description="The year of the LKE worksheet the plan is assessed on; default the newest bundled with zi."
    )
    evidence_store: Optional[Text] = Field(
        default=None,
        description="Plan format 3: where the evidence files are kept besides this folder, by their sha256: sftp://host/path, webdav://host/path "
        "or webdavs://host/path (Nextcloud, ownCloud), s3://bucket/prefix (MinIO, Ceph). Never a password: each backend finds its own credentials.",
    )
    teams: list[Team] = Field(min_length=1)
    components: list[Component] = Field(min_length=1)


def json_schema() -> dict[str, object]:
    """The JSON Schema of a plan file, for editors and other tools."""
    schema = Plan.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
