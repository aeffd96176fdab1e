"""Checking a progress journal's text: its schema, its evidence paths and links, its LKE answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from zi_plan.errors import Found, InvalidFile, Problem
from zi_plan.i18n import _
from zi_plan.model.journal import JOURNAL_VERSION
from zi_plan.model.plan import LoadedPlan
from zi_plan.schema.checks import evidence_problems, located, plain_schema_message
from zi_plan.schema.validators import validate

# Format 2 adds to each record the fingerprint and indicator of the action it
# was made for, and the events 'accept', 'move' (zi_plan.store.amendments), 'replace', 'restore'.
# Format 3 adds the evaluators' round: 'review', 'send', 'close', and 'routine' answers.
# Older journals are read as they are and rewritten as format 3 on the next write.
KNOWN_VERSIONS = (1, 2, 3)


# ---------------------------------------------------------------- reading

Keep = Callable[[Any], Any]  # a checked record -> what of it to hold


def checked_data(path: Path, text: str, plan: LoadedPlan, keep: Keep | None = None) -> dict[str, Any]:
    """Parse and validate a journal's text in full: its data (empty for an empty file).

    Records are checked one at a time as they are read; with ``keep``, the
    data's ``records`` hold only what it returns for each, so a long journal
    is never in memory twice (its mappings, then what is kept of them).
    """
    from zi_plan.schema import yamlio  # here, not at the top: a warm command never needs PyYAML

    records = _Records(plan, keep)
    try:
        data = yamlio.parse(text, records)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidFile([Problem(str(path), 1, 1, _("a progress journal must be a mapping with 'journal', 'plan' and 'records'"))])
    records.finish(path, text, data)
    return data


def _validate_journal(path: Path, text: str, data: dict[str, Any], plan: LoadedPlan) -> None:
    """The checks of checked_data on data already read (the new records at a journal's end)."""
    records = _Records(plan, None)
    if isinstance(data.get("records"), list):
        data = {**data, "records": [records(index, record) for index, record in enumerate(data["records"])]}
    records.finish(path, text, data)


class _Records:
    """What the checks found in the records, one record at a time (zi_plan.schema.yamlio.parse's ``each``)."""

    def __init__(self, plan: LoadedPlan, keep: Keep | None) -> None:
        self.plan, self.keep = plan, keep
        self.errors: list[Found] = []  # the schema's, in pydantic's order
        self.evidence: list[Found] = []  # paths out of the store, links that are not http(s)
        self.answers: list[tuple[int, Any, Any, str]] = []  # LKE answers and reviews

    def __call__(self, index: int, record: Any) -> Any:
        if index == 0:  # read again from the start (yamlio.parse's strict way): forget the first reading
            self.errors, self.evidence, self.answers = [], [], []
        # zi_plan.schema.journal's checks, run by pydantic-core alone (see zi_plan.schema.validators).
        checked, errors = validate("RECORD", record)
        self.errors.extend(_found({**err, "loc": ("records", index, *err["loc"])}) for err in errors)
        if checked is not None:
            # Records for actions or months the plan no longer has are not errors:
            # the decree may be amended mid-year (zi_plan.store.amendments reports them).
            # Paths out of the evidence folder and links that are not http(s) are.
            self.evidence.extend(evidence_problems(index, checked.evidence))
            if checked.event in ("answer", "review"):
                self.answers.append((index, checked.lke, checked.value, checked.event))
        return record if self.keep is None else self.keep(record)

    def finish(self, path: Path, text: str, data: dict[str, Any]) -> None:
        """The file's own keys checked, then every problem found at its line, or nothing."""
        listed = isinstance(data.get("records"), list)  # then each record was checked as it was read
        journal, errors = validate("JOURNAL", {**data, "records": None} if listed else data)
        # In the order pydantic gives for the whole file: its fields, the records, unknown keys.
        head = [_found(err) for err in errors if err["type"] != "extra_forbidden"]
        unknown = [_found(err) for err in errors if err["type"] == "extra_forbidden"]
        found = [*head, *self.errors, *unknown]
        if journal is not None and journal.journal not in KNOWN_VERSIONS:
            found.append((("journal",), _("journal format {found} is not known to this zi (it reads format {known}); upgrade zi").format(found=journal.journal, known=JOURNAL_VERSION), False))
        found.extend(self.evidence)
        if self.answers:
            from zi_plan.lke.answers import answer_problems  # the worksheet is read only for a journal with answers

            found.extend(answer_problems(self.plan, self.answers))
        if found:
            raise InvalidFile(located(str(path), text, found))


def _found(err: Any) -> Found:
    return (tuple(err["loc"]), plain_schema_message(err), err["type"] == "extra_forbidden")  # an unknown key: at the key
