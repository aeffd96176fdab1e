"""Where `zi rollup` puts its result: the terminal, JSON, or a CSV, Excel or HTML file.

The dashboard is written in Indonesian unless a language was chosen (--lang
or ZI_LANG): it is published for the units' people, whatever the locale of
the machine that builds it. Its units' plan pages go beside it, in
``<code>/``; by default the whole goes in a folder of its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from zi_plan import i18n
from zi_plan.errors import ZiError
from zi_plan.i18n import _, ngettext
from zi_plan.units.ranking import Rollup

FORMATS = ("table", "json", "csv", "xlsx", "html")


def write(result: Rollup, fmt: str, output: str | None, excel: str | None) -> str | None:
    """Show or write the roll-up; the path written (None: standard output)."""
    from zi_plan import render
    from zi_plan.export import csv_delimiter
    from zi_plan.files import write_document

    delimiter = csv_delimiter(excel, None, fmt)
    if fmt == "table":
        if output is not None:
            raise ZiError(_("-o is for --format json, csv, xlsx or html; the table goes to the terminal"), exit_code=2)
        from zi_plan.units.tables import print_rollup

        print_rollup(render.console(), result)
        return None
    name = _("rollup-{year}-{month:02d}.{ext}").format(year=result.year, month=result.as_of, ext=fmt)
    if fmt == "json":
        if output is None or output == "-":
            render.print_json(result.to_json())
            return None
        import json

        return write_document((json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"), output, name)
    if fmt == "csv":
        from zi_plan.units.workbook import to_csv

        return write_document(to_csv(result, delimiter), output, name)
    if fmt == "xlsx":
        from zi_plan.units.workbook import to_xlsx

        return write_document(to_xlsx(result), output, name)
    return _write_dashboard(result, output)


def _write_dashboard(result: Rollup, output: str | None) -> str | None:
    from zi_plan.files import write_document
    from zi_plan.fsguard import write_error
    from zi_plan.units import dashboard

    with dashboard_language():
        page = dashboard.render(result).encode("utf-8")
        if output == "-":
            return write_document(page, output, "index.html")
        target = Path(output) if output else Path(_("rollup-{year}").format(year=result.year))
        if output is None or target.is_dir() or output.endswith(("/", "\\")):
            try:
                target.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise write_error(target, exc) from None
            target = target / "index.html"
        written = write_document(page, str(target), "index.html")
        try:
            dashboard.write_pages(result, target.parent)
        except OSError as exc:
            raise write_error(target.parent, exc) from None
    return written


@contextlib.contextmanager
def dashboard_language() -> Iterator[None]:
    """Indonesian for the dashboard unless --lang or ZI_LANG chose the language."""
    before = i18n.language()
    if not i18n.named():
        i18n.set_language("id", named=False)
    try:
        yield
    finally:
        i18n.set_language(before, named=i18n.named())


def say_failed(result: Rollup) -> None:
    """On stderr: how many units were not rolled up (the table and the files say why)."""
    from zi_plan import render

    failed = len(result.failed)
    text = ngettext("{n} of {total} unit was not rolled up: {codes}", "{n} of {total} units were not rolled up: {codes}", len(result.rows))
    codes = ", ".join(row.unit.code for row in result.failed[:20]) + (" …" if failed > 20 else "")
    render.console(stderr=True).print(render.esc("zi: " + text.format(n=failed, total=len(result.rows), codes=codes)), soft_wrap=True)
