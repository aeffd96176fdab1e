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


class DecreeHead(_Strict):
    """The decree's number, date, place and signatory: what every plan gives."""

    number: Text = Field(description="Nomor keputusan, e.g. '439 Tahun 2023'.")
    date: dt.date = Field(description="Tanggal ditetapkan, YYYY-MM-DD.")
    place: Text = Field(description="Ditetapkan di (place of signing).")
    signatory: Text = Field(description="Who signed it.")
    position: Text = Field(description="The signatory's position (jabatan).")


# ---------------------------------------------------------------- plan format 3
#
# The decree's body (issue 26), the ZI coordinator and the teams' addresses.
# Every field is optional, so that a plan of format 1 or 2 is a plan of
# format 3 as it stands. Texts are the decree's, verbatim.

Nip = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{8} ?[0-9]{6} ?[0-9] ?[0-9]{3}$")]


class Dictum(_Strict):
    """One dictum after 'Menetapkan' (KESATU, KEDUA, ...)."""

    label: Text = Field(description="The label as the decree writes it, e.g. 'KESATU'; kept verbatim (Tambrauw's decree goes KESATU, KEDUA, KEEMPAT).")
    text: Text = Field(description="The dictum's text.")


class Budget(_Strict):
    """What the budget clause charges the decree's costs to."""

    source: Text = Field(description="As the clause names it, e.g. 'Anggaran 076 Komisi Pemilihan Umum Kabupaten Tambrauw' or 'DIPA Sekretariat KPU Kabupaten ...'.")
    dipa_number: Optional[Text] = Field(default=None, description="The DIPA's number, when the clause gives it.")
    dipa_date: Optional[dt.date] = Field(default=None, description="The DIPA's date, YYYY-MM-DD, when the clause gives it.")


class CertifiedCopy(_Strict):
    """'Salinan sesuai dengan aslinya': who certified this copy."""

    unit: Optional[Text] = Field(default=None, description="The unit above the position, e.g. 'SEKRETARIAT KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW'.")
    position: Text = Field(description="The certifier's position, e.g. 'Kepala Sub Bagian Hukum dan SDM'.")
    name: Text = Field(description="The certifier's name.")
    nip: Optional[Nip] = Field(default=None, description="The certifier's NIP (18 digits), when the copy gives it.")


class DecreeLink(_Strict):
    """Another decree: one this decree amends, or one that amends it."""

    number: Text = Field(description="Its number, e.g. '512 Tahun 2023'.")
    about: Optional[Text] = Field(default=None, description="Its 'tentang'.")
    url: Optional[Text] = Field(default=None, description="Where it is published (http:// or https://).")


class Coordinator(_Strict):
    """The Zona Integritas coordinator: signs the month's digest to the teams."""

    name: Text = Field(description="The coordinator's name.")
    position: Optional[Text] = Field(default=None, description="e.g. 'Ketua Tim Pembangunan Zona Integritas'.")
    email: Optional[Text] = Field(default=None, description="The address the digest's emails come from.")
    phone: Optional[Text] = Field(default=None, description="A number the teams can reach (WhatsApp).")


class DecreeBody(_Strict):
    """The decree's parts besides its number, date, place and signatory (plan format 3)."""

    issuer: Optional[Text] = Field(default=None, description="The heading naming the issuer, e.g. 'KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW'.")
    kind: Optional[Text] = Field(default=None, description="The document kind, e.g. 'KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW'.")
    about: Optional[Text] = Field(default=None, description="TENTANG: what the decree is about.")
    considering: Optional[list[Text]] = Field(default=None, min_length=1, description="Menimbang: a, b, ... in order.")
    observing: Optional[list[Text]] = Field(default=None, min_length=1, description="Mengingat: 1, 2, ... in order (laws, regulations, the office's SK Tim).")
    noting: Optional[list[Text]] = Field(default=None, min_length=1, description="Memperhatikan, when the decree has it.")
    enacts: Optional[Text] = Field(default=None, description="Menetapkan: the decree's name as it enacts it.")
    dicta: Optional[list[Dictum]] = Field(default=None, min_length=1, description="KESATU, KEDUA, ...: the labels verbatim; one points to the Lampiran.")
    appendix: Optional[Text] = Field(default=None, description="How the dicta name the table, e.g. 'LAMPIRAN I' (default 'LAMPIRAN').")
    budget: Optional[Budget] = Field(default=None, description="The budget clause's source of funds.")
    nip: Optional[Nip] = Field(default=None, description="The signatory's NIP (18 digits), when the decree gives it.")
    signature: Optional[Literal["wet", "ttd", "electronic"]] = Field(
        default=None, description="How it is signed: 'wet' (ink), 'ttd' (a copy marked 'ttd.'), 'electronic' (BSrE, with verification_url)."
    )
    verification_url: Optional[Text] = Field(default=None, description="An electronic signature's verification link (http:// or https://).")
    certified_copy: Optional[CertifiedCopy] = None
    copies_to: Optional[list[Text]] = Field(default=None, min_length=1, description="Tembusan, in order.")
    amends: Optional[list[DecreeLink]] = Field(default=None, min_length=1, description="Decrees this one amends.")
    amended_by: Optional[list[DecreeLink]] = Field(default=None, min_length=1, description="Decrees that amend this one.")


class Decree(DecreeBody, DecreeHead):
    """The decree (Keputusan) that sets the plan: its head (format 1), then its body (format 3)."""


class Team(_Strict):
    """A team (tim) responsible for components of the plan."""

    id: TeamId = Field(description="Short key used by components, e.g. 'pengawasan'.")
    name: Text = Field(description="The team's name as in the decree.")
    email: Optional[Text] = Field(default=None, description="Where the team's digest is mailed: one address or several, comma-separated (plan format 3).")


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
    # the decree's body, the coordinator and team addresses, the evidence store (all optional).
    version: Optional[Literal[1, 2, 3]] = Field(default=None, description="Plan format version: 3 (written by zi); absent means 1.")
    institution: Text = Field(description="The office, e.g. 'Komisi Pemilihan Umum Kabupaten Tambrauw'.")
    title: Text = Field(description="The plan's title as in the decree.")
    year: Annotated[int, Strict(), Field(ge=2000, le=2100)] = Field(description="The plan's year.")
    decree: Decree
    lke: Optional[Annotated[int, Strict(), Field(ge=2000, le=2100)]] = Field(
        default=None, description="The year of the LKE worksheet the plan is assessed on; default the newest bundled with zi."
    )
    coordinator: Optional[Coordinator] = Field(default=None, description="The Zona Integritas coordinator, who signs the month's digest (plan format 3).")
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
