"""The schema of ``units.yaml`` as pydantic models.

Imported only when a register's content is checked (a register validated
before comes from the parsed-data cache, see zi_plan.units.register).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# A code names the unit's folder (units/<code>/) and its published page: no
# spaces, slashes or dots at the start. BPS and Kemendagri codes ('9105',
# '91.05') and short names ('kpu-tambrauw') all fit.
Code = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
Predicate = Literal["WBK", "WBBM", "WBK-afirmasi"]
PREDICATES: tuple[str, ...] = ("WBK", "WBBM", "WBK-afirmasi")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


class UnitModel(_Strict):
    """One unit (satker, UPT, OPD) of the parent."""

    code: Code = Field(description="The unit's code, e.g. '9105'; in quotes, so that YAML keeps it as text.")
    name: Text = Field(description="The unit's name, e.g. 'KPU Kabupaten Tambrauw'.")
    parent: Optional[Code] = Field(default=None, description="The code of the unit above it (a province over its kabupaten).")
    folder: Optional[Text] = Field(default=None, description="The folder holding its plans/, relative to units.yaml. Default: units/<code>.")
    predicate: Predicate = Field(default="WBK", description="The predicate it goes for: WBK, WBBM or WBK-afirmasi.")
    reviewer: Optional[Text] = Field(default=None, description="Its TPI reviewer (the Inspektorat's evaluator).")
    evidence_store: Optional[Text] = Field(default=None, description="Where its evidence is kept by sha256 (sftp://, webdav://, webdavs://, s3://); default: the register's.")


class RegisterModel(_Strict):
    """units.yaml: the parent's register of its units."""

    version: Annotated[int, Strict()] = Field(default=1, description="Format of this file: 1.")
    organisation: Optional[Text] = Field(default=None, description="The parent organisation, e.g. 'Komisi Pemilihan Umum'.")
    year: Optional[Annotated[int, Strict(), Field(ge=2000, le=2100)]] = Field(default=None, description="The plan year zi rollup reads by default.")
    evidence_store: Optional[Text] = Field(default=None, description="Every unit's evidence store unless its entry names its own (zi evidence push, zi unit pack).")
    # Checked one by one (UnitModel): a broken entry is that unit's problem, not the register's.
    units: Optional[list[Any]] = Field(default=None, description="The units, one entry each.")


UNIT_KEYS: tuple[str, ...] = tuple(UnitModel.model_fields)
TOP_KEYS: tuple[str, ...] = tuple(RegisterModel.model_fields)
