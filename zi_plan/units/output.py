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
from zi_plan.formats.export import csv_delimiter
from zi_plan.fs.files import write_document
from zi_plan.fs.fsguard import write_error
from zi_plan.i18n import _, ngettext
from zi_plan.render import tables as render_tables
from zi_plan.units import dashboard
from zi_plan.units.ranking import Rollup
from zi_plan.units.tables import print_rollup
from zi_plan.units.workbook import to_csv, to_xlsx

FORMATS = ("table", "json", "csv", "xlsx", "html")


def write(result: Rollup, fmt: str, output: str | None, excel: str | None, force: bool = False) -> str | None:
    """Show or write the roll-up; the path written (None: standard output)."""

    delimiter = csv_delimiter(excel, None, fmt)
    if fmt == "table":
        if output is not None:
            raise ZiError(_("-o is for --format json, csv, xlsx or html; the table goes to the terminal"), exit_code=2)

        print_rollup(render_tables.console(), result)
        return None
    name = _("rollup-{year}-{month:02d}.{ext}").format(year=result.year, month=result.as_of, ext=fmt)
    if fmt == "json":
        if output is None or output == "-":
            render_tables.print_json(result.to_json())
            return None
        import json  # json: only for --json

        return write_document((json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"), output, name, force=force)
    if fmt == "csv":
        return write_document(to_csv(result, delimiter), output, name, force=force)
    if fmt == "xlsx":
        return write_document(to_xlsx(result), output, name, force=force)
    return _write_dashboard(result, output, force)


def _write_dashboard(result: Rollup, output: str | None, force: bool) -> str | None:
    # The pages in the dashboard's language; what zi says about writing them, in the user's.
    with dashboard_language():
        page = dashboard.render(result).encode("utf-8")
        default = _("rollup-{year}").format(year=result.year)
    if output == "-":
        return write_document(page, output, "index.html")
    target = Path(output) if output else Path(default)
    if output is None or target.is_dir() or output.endswith(("/", "\\")):
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(target, exc) from None
        target = target / "index.html"
    written = write_document(page, str(target), "index.html", force=force)
    try:
        with dashboard_language():
            dashboard.write_pages(result, target.parent)
    except OSError as exc:
        raise write_error(target.parent, exc) from None
    return written


@contextlib.contextmanager
def dashboard_language() -> Iterator[None]:
    """Indonesian for the dashboard unless --lang or ZI_LANG chose the language."""
    before = i18n.language()
    if i18n.asked() is None:
        i18n.set_language("id")
    try:
        yield
    finally:
        i18n.set_language(before)


def say_failed(result: Rollup) -> None:
    """On stderr: how many units were not rolled up (the table and the files say why)."""

    failed = len(result.failed)
    text = ngettext("{n} of {total} unit was not rolled up: {codes}", "{n} of {total} units were not rolled up: {codes}", len(result.rows))
    codes = ", ".join(row.unit.code for row in result.failed[:20]) + (" …" if failed > 20 else "")
    render_tables.console(stderr=True).print(render_tables.esc("zi: " + text.format(n=failed, total=len(result.rows), codes=codes)), soft_wrap=True)
