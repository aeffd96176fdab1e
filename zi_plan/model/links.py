"""Which links zi accepts, records and renders: http and https only.

One check for the command line, the journal schema and every page and
report. A ``javascript:``, ``data:`` or ``file:`` link in a shared journal
would run (or open a local file) when an evaluator clicks it; a link with
spaces or control characters can hide another scheme from a browser, which
drops them before it reads the scheme.
"""

from __future__ import annotations

import re

from zi_plan.i18n import _

_SAFE = re.compile(r"^https?://[^\s<>\"\\\x00-\x1f\x7f-\x9f]+$", re.IGNORECASE)


def is_safe_link(url: object) -> bool:
    """True for an http(s) link that can be rendered as a link as is."""
    return isinstance(url, str) and _SAFE.match(url) is not None


def link_problem(url: str) -> str | None:
    """Why a journal's link is refused (None when it is fine)."""
    if is_safe_link(url):
        return None
    return _("'{url}' is not a web link: a link must start with http:// or https:// and hold no spaces").format(url=url[:80])
