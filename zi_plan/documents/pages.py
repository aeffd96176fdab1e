"""The one Jinja2 environment: every page and document zi makes is rendered here.

Autoescaping for HTML (no plan or journal text reaches a page unescaped),
strict undefined names, gettext for the templates' own words, and the
helpers templates share (month names, long dates, Markdown cells).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from zi_plan import i18n
from zi_plan.i18n import month_name, month_short, months_text
from zi_plan.inert import inert
from zi_plan.model.links import is_safe_link
from zi_plan.model.plan import LoadedPlan
from zi_plan.schema import placeholders


def long_date(day: dt.date) -> str:
    """'15 April 2023' / '15 April 2023': the date as offices write it."""
    return f"{day.day} {month_name(day.month)} {day.year}"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!~|])")


def _markdown_cell(value: Any) -> str:
    # For Markdown table cells: plain text. No raw HTML (many renderers pass
    # it through), no link, emphasis or code (a note's "[x](javascript:...)"
    # stays text), no cell breaks, one line.
    text = _MARKDOWN.sub(r"\\\1", html.escape(str(value), quote=False))
    return text.replace("\r", "").replace("\n", "<br>")


def _markdown_autolink(url: str) -> str:
    """A link already checked with ``is safe_link``, as a Markdown autolink in a table cell."""
    return f"<{url}>".replace("|", "\\|")


@lru_cache(maxsize=1)
def _environment() -> Any:
    # gettext is called at render time, so one environment serves every language.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup


    def finalize(value: Any) -> Any:
        # Control characters and escape sequences from a plan or journal never
        # reach a page or a Markdown file (a terminal `cat`s it, a browser keeps them).
        if isinstance(value, Markup):
            return Markup(inert(str(value)))
        return inert(value) if isinstance(value, str) else value

    env = Environment(
        finalize=finalize,
        loader=PackageLoader("zi_plan.documents", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(gettext=i18n._, ngettext=i18n.ngettext, newstyle=False)  # type: ignore[attr-defined]
    env.filters["md"] = _markdown_cell
    env.filters["md_autolink"] = _markdown_autolink
    env.tests["safe_link"] = is_safe_link  # the one check before any href or autolink
    env.globals.update(month_name=month_name, month_short=month_short, months_text=months_text, long_date=long_date)
    return env


def render_page(template: str, **context: Any) -> str:
    """A page (or Markdown document) from ``zi_plan/documents/templates``, in the current language."""
    return _environment().get_template(template).render(lang=i18n.language(), **context)


def decree_date(plan: LoadedPlan, spelled: Callable[[dt.date], str]) -> str:
    """The decree's date as ``spelled`` writes it; '...' while it is the placeholder zi init/import wrote
    (1 January), which would otherwise print as if it were the decree's real date."""
    day = plan.decree.date
    if placeholders.is_placeholder("date", day, plan.year):
        return placeholders.MARK
    return spelled(day) if isinstance(day, dt.date) else str(day)


def document_meta(plan: LoadedPlan) -> dict[str, Any]:
    decree = plan.decree
    return {
        "institution": plan.institution,
        "title": plan.title,
        "year": plan.year,
        "decree_number": decree.number,
        "decree_date": decree_date(plan, long_date),
        "decree_place": decree.place,
        "signatory": decree.signatory,
        "position": decree.position,
        "generated": long_date(dt.date.today()),
    }
