"""`zi doctor`: check an office folder and say what to fix.

(No ``from __future__ import annotations`` in command modules: Typer reads
the parameter annotations at run time.)
"""

from pathlib import Path
from typing import Optional

import typer

from zi_plan.commands import _common as common
from zi_plan.i18n import _, ngettext


def register(app: typer.Typer) -> None:
    @app.command("doctor", help=_("Check the office folder: which plan, file modes and groups in a shared folder, what this account cannot write, the journal, partial copies, the cache. Changes nothing."))
    def doctor_cmd(as_json: bool = common.json_option(), plan: Optional[Path] = common.plan_option()) -> None:
        from zi_plan.render import tables
        from zi_plan.store import doctor
        from zi_plan.store.workspace import shown

        report = doctor.examine(str(plan) if plan else None)
        if as_json:
            tables.print_json(doctor.to_json(report))
        else:
            out = tables.console()
            if report.plan:
                out.print(tables.esc(_("plan {plan} · journal {journal}").format(plan=shown(Path(report.plan)), journal=shown(Path(report.journal)) if report.journal else "-")), soft_wrap=True)
            if report.journal:
                out.print(_("shared with a group: group members can write what zi makes here") if report.shared
                          else _("not shared with a group (fine for one account; for several, see docs/install-shared.en.md)"), soft_wrap=True)  # fmt: skip
            for finding in report.findings:
                out.print(tables.esc(f"✗ {finding.path}: {finding.message}"), soft_wrap=True)
                if finding.fix:
                    out.print("    " + tables.esc(_("fix: {command}").format(command=finding.fix)), soft_wrap=True)
            for kind, n in report.more.items():
                out.print(tables.esc(ngettext("… and {n} more of the same kind ({kind}): the fixes above with -R cover them",
                                              "… and {n} more of the same kind ({kind}): the fixes above with -R cover them", n).format(n=n, kind=kind)))  # fmt: skip
            if not report.findings:
                out.print("✓ " + _("nothing to fix"))
        if report.findings:
            raise typer.Exit(1)
