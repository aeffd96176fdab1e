"""The interface language: Bahasa Indonesia or English, from one gettext catalogue.

Messages are written in English in the code (the msgid) and translated in
``zi_plan/locale/id/LC_MESSAGES/zi.po``; the compiled ``zi.mo`` beside it is
what runs. Choice: ``--lang``, else ``ZI_LANG``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: ``id_*`` or ``in_*`` is Indonesian), else English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterable
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "zi"
LANGUAGES = ("id", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_named = False  # chosen with --lang (see named())


def normalise(value: str) -> str | None:
    """'id', 'id_ID.UTF-8', 'in', 'en_US' ... -> 'id' or 'en'; None if neither."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code in ("id", "in"):  # 'in' is the old ISO code for Indonesian, still in some locales
        return "id"
    if code == "en":
        return "en"
    return None


def detect(explicit: str | None = None) -> str:
    """The language to use: --lang, ZI_LANG, the locale, else English."""
    if explicit:
        return normalise(explicit) or "en"
    chosen = os.environ.get("ZI_LANG", "")
    if chosen.strip():
        return normalise(chosen) or "en"
    # POSIX order: the first of these that is set decides.
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value.strip():
            return normalise(value) or "en"
    return "en"


def set_language(language: str, named: bool = False) -> None:
    """Use ``language``; ``named``: the user asked for it by name (--lang)."""
    global _translation, _language, _named
    _named = named
    _language = language if language in LANGUAGES else "en"
    if _language == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def named() -> bool:
    """Whether --lang or ZI_LANG chose the language, rather than the locale or the default
    (a page published for Indonesian offices is in Indonesian unless so chosen)."""
    return _named or bool(os.environ.get("ZI_LANG", "").strip())


def _(message: str) -> str:
    """The message in the chosen language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on a context (e.g. a short month)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it yet."""
    return message


# Month names are messages like any other, so they follow the language.
_MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
           N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))  # fmt: skip


def month_name(month: int) -> str:
    return _(_MONTHS[month - 1])


def month_short(month: int) -> str:
    return _SHORT[month - 1]()


# Spelled out so that the catalogue tools see each one (the context tells
# short "May" from long "May").
_SHORT = (
    lambda: pgettext("short month", "Jan"), lambda: pgettext("short month", "Feb"),
    lambda: pgettext("short month", "Mar"), lambda: pgettext("short month", "Apr"),
    lambda: pgettext("short month", "May"), lambda: pgettext("short month", "Jun"),
    lambda: pgettext("short month", "Jul"), lambda: pgettext("short month", "Aug"),
    lambda: pgettext("short month", "Sep"), lambda: pgettext("short month", "Oct"),
    lambda: pgettext("short month", "Nov"), lambda: pgettext("short month", "Dec"),
)  # fmt: skip


def months_text(months: Iterable[int]) -> str:
    """[4, 5, 6, 9] -> 'Apr-Jun, Sep': short enough for a table cell."""
    months = sorted(months)
    runs: list[list[int]] = []
    for m in months:
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = []
    for run in runs:
        first, last = month_short(run[0]), month_short(run[-1])
        parts.append(first if len(run) == 1 else (f"{first}, {last}" if len(run) == 2 else f"{first}-{last}"))
    return ", ".join(parts)
