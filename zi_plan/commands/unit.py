"""A unit and its parent: `zi unit pack`, `zi unit receive`.

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

from pathlib import Path
from typing import Any, Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _


def register(app: typer.Typer) -> None:
    unit_app = typer.Typer(help=_("A unit and its parent: pack the plan, journal and evidence for the parent; receive a unit's pack."), no_args_is_help=True)
    app.add_typer(unit_app, name="unit")
    _pack(unit_app)
    _receive(unit_app)


def store_option() -> Any:
    return typer.Option(None, "--store", show_default=False,
                        help=_("The evidence store's address (sftp://, webdav://, webdavs://, s3://). Default: the plan's evidence_store, else units.yaml's."))  # fmt: skip


def fallback_for(loaded: Any, given: Optional[str]) -> Any:
    """The plan's evidence store as a source of files missing here; None when no store is named (fsspec stays unimported)."""
    from zi_plan.travel.units import store_for

    address = store_for(loaded, given)
    if address is None:
        return None
    from zi_plan.remote.transfer import StoreFallback

    return StoreFallback(address)


def _pack(app: typer.Typer) -> None:
    @app.command("pack", help=_("One zip for the parent: the plan, the journal and the evidence files its records name, with a manifest of their sha256."))
    def pack_cmd(
        output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False, help=_("The zip file. Default: unit-CODE-YEAR-DATE.zip here.")),
        since: Optional[Path] = typer.Option(None, "--since-pack", metavar="PACK", show_default=False,
                                             help=_("An earlier pack: put in only the records and files it lacked.")),
        unit: Optional[str] = typer.Option(None, "--unit", show_default=False, help=_("The unit's code. Default: units.yaml's for the folder that holds the plan.")),
        store: Optional[str] = store_option(),
        plan: Optional[Path] = common.plan_option(),
    ) -> None:  # fmt: skip
        from zi_plan.fs.files import target_path
        from zi_plan.render import travel_tables
        from zi_plan.travel import unitpack
        from zi_plan.travel.units import unit_code

        loaded, _journal = common.open_workspace(plan)
        code = unit_code(loaded, unit)
        target = target_path(output, unitpack.default_name(code, loaded.year))
        result = unitpack.build_unit_pack(loaded, code, target, since, fallback_for(loaded, store))
        travel_tables.print_unit_pack(result, target)


def _receive(app: typer.Typer) -> None:
    @app.command("receive", help=_("At the parent: check a unit's pack and add what the parent lacks (records, files, the plan); all or nothing."))
    def receive_cmd(
        pack: Path = typer.Argument(..., metavar="PACK", help=_("The unit's pack (zi unit pack).")),
        unit: Optional[str] = typer.Option(None, "--unit", show_default=False, help=_("The unit it must be from (refused otherwise).")),
        as_json: bool = common.json_option(),
    ) -> None:
        from zi_plan.render import tables, travel_tables
        from zi_plan.travel.landing import receive

        result = receive(pack, unit)
        if as_json:
            tables.print_json(travel_tables.received_json(result))
            return
        travel_tables.print_received(result)
