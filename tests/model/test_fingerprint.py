"""fingerprint: which text of an action a record was made for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from tests.conftest import MINIMAL
from zi_plan.model.fingerprint import fingerprint, migrated, stamped
from zi_plan.model.journal import Record
from zi_plan.model.plan import ActionView, LoadedPlan, build_plan

WIT = dt.timezone(dt.timedelta(hours=9))
AT = dt.datetime(2024, 3, 5, 9, 30, tzinfo=WIT)


def _plan(text: str = MINIMAL) -> LoadedPlan:
    return build_plan(Path("plan.yaml"), yaml.safe_load(text))


def _action() -> ActionView:
    return _plan().action("I.1.a")


def test_twelve_hex_digits_the_same_every_time():
    first, again = fingerprint(_action()), fingerprint(_plan().action("I.1.a"))
    assert first == again and len(first) == 12 and int(first, 16) >= 0
    assert fingerprint(_plan().action("I.1.b")) != first


def test_changing_only_the_steps_changes_it():
    action = _action()
    assert fingerprint(action._replace(steps=("Menyusun SK Tim Kerja",))) != fingerprint(action)
    assert fingerprint(action._replace(steps=(*action.steps, "Menandatangani SK"))) != fingerprint(action)
    assert fingerprint(action._replace(steps=())) != fingerprint(action)


def test_changing_only_the_indicator_changes_it():
    action = _action()
    assert fingerprint(action._replace(indicator="SK Tim Kerja ditetapkan")) != fingerprint(action)


def test_where_steps_split_matters():
    # One step "a b" is not two steps "a", "b": the steps are not joined into one text.
    action = _action()
    assert fingerprint(action._replace(steps=("Rapat dan SK",))) != fingerprint(action._replace(steps=("Rapat", "dan SK")))


def test_spacing_does_not_count():
    action = _action()
    respaced = action._replace(indicator="  SK   Tim\nKerja  terbit ", steps=(" Menyusun\t SK ",))
    assert fingerprint(respaced) == fingerprint(action)


def test_what_else_the_action_holds_does_not_count():
    # Evidence, months, team and id may change without the work being another.
    action = _action()
    other = action._replace(id="I.1.c", evidence=("Foto",), months=(7,), draft=True, lke=("P.1.i.a",))
    assert fingerprint(other) == fingerprint(action)


def test_stamped_gives_a_record_the_fingerprint_and_indicator():
    record = Record(action="I.1.a", month=1, event="done", at=AT, by="Yulius")
    out = stamped(record, _action())
    assert out.fingerprint == fingerprint(_action()) and out.indicator == "SK Tim Kerja terbit"
    assert out._replace(fingerprint=None, indicator=None) == record


def test_migrated_stamps_only_unstamped_work_on_actions_the_plan_has():
    plan = _plan()
    records = [
        Record("I.1.a", 1, "done", AT, "A"),
        Record("I.1.a", 1, "accept", AT, "A", fingerprint="0123456789ab", accepted="ba9876543210"),  # not work
        Record("IX.1.a", 1, "done", AT, "A"),  # the plan has no such action
        Record("I.1.b", 2, "evidence", AT, "A", fingerprint="aaaaaaaaaaaa", indicator="old"),  # stamped already
        Record("II.1.a", 3, "undo", AT, "A"),
    ]
    out = migrated(plan, records)
    assert out[0] == stamped(records[0], plan.action("I.1.a"))
    assert out[1:4] == records[1:4]
    assert out[4].fingerprint == fingerprint(plan.action("II.1.a")) and out[4].indicator == "SOP disosialisasikan"
    assert records[0].fingerprint is None  # the input is left as it was
