"""Checking a progress journal's text: its schema, its evidence paths and links, its LKE answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zi_plan.errors import Found, InvalidFile, Problem
from zi_plan.i18n import _
from zi_plan.model.journal import JOURNAL_VERSION
from zi_plan.model.plan import LoadedPlan
from zi_plan.schema.checks import evidence_problems, located, plain_schema_message

# Format 2 adds to each record the fingerprint and indicator of the action it
# was made for, and the events 'accept', 'move' (zi_plan.store.amendments), 'replace', 'restore'.
# Format 3 adds the evaluators' round: 'review', 'send', 'close', and 'routine' answers.
# Older journals are read as they are and rewritten as format 3 on the next write.
KNOWN_VERSIONS = (1, 2, 3)


# ---------------------------------------------------------------- reading


def checked_data(path: Path, text: str, plan: LoadedPlan) -> dict[str, Any]:
    """Parse and validate a journal's text in full: its data (empty for an empty file)."""
    from zi_plan.schema import yamlio  # here, not at the top: a warm command never needs PyYAML

    try:
        data = yamlio.parse(text)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidFile([Problem(str(path), 1, 1, _("a progress journal must be a mapping with 'journal', 'plan' and 'records'"))])
    _validate_journal(path, text, data, plan)
    return data


def _validate_journal(path: Path, text: str, data: dict[str, Any], plan: LoadedPlan) -> None:
    # zi_plan.schema.journal's checks, run by pydantic-core alone (see zi_plan.schema.validators).
    from zi_plan.schema.validators import validate

    journal, errors = validate("JOURNAL", data)
    found: list[Found] = [(tuple(err["loc"]), plain_schema_message(err), err["type"] == "extra_forbidden") for err in errors]  # an unknown key: at the key
    if journal is not None and journal.journal not in KNOWN_VERSIONS:
        found.append((("journal",), _("journal format {found} is not known to this zi (it reads format {known}); upgrade zi").format(found=journal.journal, known=JOURNAL_VERSION), False))
    # Records for actions or months the plan no longer has are not errors:
    # the decree may be amended mid-year (zi_plan.store.amendments reports them).
    # Paths out of the evidence folder and links that are not http(s) are.
    for index, record in enumerate((journal.records or []) if journal else []):
        found.extend(evidence_problems(index, record.evidence))
    if journal is not None and any(r.event in ("answer", "review") for r in journal.records or ()):  # LKE answers and reviews
        from zi_plan.lke.answers import answer_problems  # the worksheet is read only then
        found.extend(answer_problems(plan, [(i, r.lke, r.value, r.event) for i, r in enumerate(journal.records or ()) if r.event in ("answer", "review")]))
    if found:
        raise InvalidFile(located(str(path), text, found))
