"""Every test here starts in English (tests.journals.english)."""

from tests.journals import english, indonesian  # noqa: F401 - fixtures, used by name
