"""The journal's rules that span several fields, as plain functions.

``zi_plan.schema.journal`` attaches them to its models, and the stored
pydantic-core schema (``zi_plan.schema.core``) names them, so a journal is
checked by the same code whether or not pydantic is imported. Each takes
the validated object (a model or the plain object pydantic-core builds)
and returns it, or raises ValueError with the message the user sees.
"""

from __future__ import annotations

from typing import Any

from zi_plan.i18n import _


def written_out(value: object) -> object:
    """'at' is written out: pydantic would take a number as seconds since 1970,
    and zi would then find a number where it expects a time."""
    if isinstance(value, (int, float)):
        raise ValueError(_("must be a date and time, e.g. 2023-04-12T09:30:00+09:00, not a number"))
    return value


def zoned(value: Any) -> Any:
    """'at' has a time zone: a time without one means different moments in WIB, WITA and WIT."""
    if value.tzinfo is None:
        raise ValueError(_("needs a time zone, e.g. 2023-04-12T09:30:00+09:00"))
    return value


def file_or_link(evidence: Any) -> Any:
    """A piece of evidence is a stored file (path, sha256, size) or a link, not both."""
    if evidence.url is None and (evidence.path is None or evidence.sha256 is None or evidence.size is None):
        raise ValueError(_("evidence needs either 'url', or 'path', 'sha256' and 'size'"))
    if evidence.url is not None and evidence.path is not None:
        raise ValueError(_("evidence is either a 'url' or a stored 'path', not both"))
    return evidence


def aware(record: Any) -> Any:
    """Replace and restore records have what they name."""
    if record.event == "replace" and not (record.evidence and record.replaces):
        raise ValueError(_("a 'replace' record needs the new 'evidence' and the stored files it 'replaces'"))
    if record.event == "restore" and not any(e.path for e in record.evidence):
        raise ValueError(_("a 'restore' record needs the stored file it put back in 'evidence'"))
    if record.replaces and record.event not in ("replace", "restore"):
        raise ValueError(_("only 'replace' and 'restore' records have 'replaces'"))
    return record


def event_fields(record: Any) -> Any:
    """Each event has the fields it needs: an answer or a review names a question,
    a round sent or closed names its round, the rest an action."""
    if record.event in ("review", "send", "close"):
        return _round_fields(record)
    if record.round is not None or record.status is not None or record.file is not None:
        raise ValueError(_("only 'review', 'send' and 'close' records have 'round', 'status' or 'file'"))
    if record.routine is not None and record.event != "answer":
        raise ValueError(_("only an answer record has 'routine'"))
    if record.event == "answer":
        if record.lke is None or record.value is None or record.action is not None or record.month is not None:
            raise ValueError(_("an answer record needs 'lke' and 'value' (and no 'action' or 'month')"))
        return record
    if record.event == "restore" and record.lke is not None:  # an answer's stored file put back
        if record.action is not None or record.month is not None or record.value is not None:
            raise ValueError(_("a 'restore' of an answer's file needs 'lke' (and no 'action', 'month' or 'value')"))
        return record
    if record.action is None or record.lke is not None or record.value is not None:
        raise ValueError(_("a '{event}' record needs 'action' (and no 'lke' or 'value')").format(event=record.event))
    if record.event in ("done", "undo", "evidence", "replace", "restore") and record.month is None:
        raise ValueError(_("a '{event}' record needs 'month'").format(event=record.event))
    if record.event == "move" and not record.moved_from:
        raise ValueError(_("a 'move' record needs 'from', the id its records came from"))
    if record.event == "accept" and not (record.accepted and record.fingerprint):
        raise ValueError(_("an 'accept' record needs 'accepted' and 'fingerprint'"))
    return record


def _round_fields(record: Any) -> Any:
    """A review names a question, its round and the evaluator's verdict; a send or close names a round."""
    if record.action is not None or record.month is not None or record.routine is not None or record.evidence:
        raise ValueError(_("a '{event}' record has no 'action', 'month', 'routine' or 'evidence'").format(event=record.event))
    if record.round is None:
        raise ValueError(_("a '{event}' record needs 'round'").format(event=record.event))
    if record.event == "review":
        if record.lke is None or record.status is None:
            raise ValueError(_("a 'review' record needs 'lke', 'round' and 'status' (accepted or revisi)"))
    elif record.lke is not None or record.value is not None or record.status is not None or record.file is not None:
        raise ValueError(_("a '{event}' record names a round only: no 'lke', 'value', 'status' or 'file'").format(event=record.event))
    return record
