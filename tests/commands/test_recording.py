"""`zi due`, `zi done`, `zi undo`, `zi show`, `zi verify`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import PLAN, REPO
from zi_plan.model import status
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    def set_today(year: int, month: int, day: int = 15) -> None:
        monkeypatch.setattr(status, "today", lambda: dt.date(year, month, day))

    return set_today


def _schedule_from_yaml() -> dict[int, set[str]]:
    """Which actions fall in each month, read straight from the YAML (not via zi)."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    by_month: dict[int, set[str]] = {m: set() for m in range(1, 13)}
    for comp in data["components"]:
        for item in comp["items"]:
            for action in item["actions"]:
                for m in action["months"]:
                    by_month[m].add(action["id"])
    return by_month


@pytest.mark.parametrize("month", range(1, 13))
def test_due_each_month_matches_the_plan(zi, month):
    schedule = _schedule_from_yaml()
    data = json.loads(zi("due", "--month", str(month), "--json", "--plan", str(PLAN)).out)
    assert data["month"] == month
    assert {d["id"] for d in data["due"]} == schedule[month]
    assert all(d["status"] == "open" for d in data["due"])
    expected_overdue = {(a, m) for m in range(1, month) for a in schedule[m]}
    assert {(d["id"], d["month"]) for d in data["overdue"]} == expected_overdue


def test_due_counts_for_april(zi):
    data = json.loads(zi("due", "--month", "4", "--json", "--plan", str(PLAN)).out)
    assert data["summary"] == {"due": 23, "done": 0, "overdue": 29}
    assert {"id", "team", "status"} <= set(data["due"][0])
    assert {"id", "month", "team"} <= set(data["overdue"][0])


def test_due_table(zi, plan_copy, photo):
    zi("done", "II.2.a", "--month", "4", "--evidence", str(photo), "--plan", str(plan_copy))
    result = zi("due", "--month", "4", "--plan", str(plan_copy))
    assert result.code == 0
    assert "April 2023" in result.out
    assert "Tim Penguatan Tata Laksana — 1/4 done" in result.out
    assert "Overdue" in result.out
    assert "Due: 23, done: 1, open: 22, overdue: 29" in result.out
    assert "\x1b[" not in result.out


def test_due_for_one_team(zi):
    data = json.loads(zi("due", "-m", "12", "--team", "pelayanan", "--json", "--plan", str(PLAN)).out)
    assert {d["team"] for d in data["due"] + data["overdue"]} == {"Tim Peningkatan Kualitas Pelayanan Publik"}


def test_due_defaults_to_this_month(zi, clock):
    clock(2023, 5)  # the bundled plan's own year: as of today's month
    assert json.loads(zi("due", "--json", "--plan", str(PLAN)).out)["month"] == 5


def test_month_out_of_range_is_a_usage_error(zi):
    result = zi("due", "--month", "13", "--plan", str(PLAN))
    assert result.code == 2


def test_done_keeps_the_evidence(zi, plan_copy, photo, tmp_path):
    result = zi("done", "II.2.a", "--month", "4", "--evidence", str(photo), "--note", "Absensi April", "--by", "Yulius", "--plan", str(plan_copy))
    assert result.code == 0, result.err
    stored = plan_copy.parent / "tambrauw-2023.evidence" / "II" / "II.2" / "II.2.a" / "2023-04" / "foto.jpg"
    assert stored.read_bytes() == photo.read_bytes()
    assert "tambrauw-2023.evidence/II/II.2/II.2.a/2023-04/foto.jpg" in result.out
    journal = yaml.safe_load((plan_copy.parent / "tambrauw-2023.progress.yaml").read_text(encoding="utf-8"))
    (record,) = journal["records"]
    assert record["action"] == "II.2.a" and record["month"] == 4 and record["by"] == "Yulius"
    assert record["note"] == "Absensi April"
    import hashlib

    assert record["evidence"] == [
        {"path": "II/II.2/II.2.a/2023-04/foto.jpg", "sha256": hashlib.sha256(photo.read_bytes()).hexdigest(), "size": photo.stat().st_size, "name": "foto.jpg"}
    ]
    assert dt.datetime.fromisoformat(record["at"]).tzinfo is not None
    assert plan_copy.read_bytes() == PLAN.read_bytes(), "the plan is never rewritten"


def test_show_json(zi, plan_copy, photo):
    zi("done", "II.2.a", "-m", "4", "-e", str(photo), "-e", "https://drive.google.com/x", "--plan", str(plan_copy))
    data = json.loads(zi("show", "II.2.a", "--json", "--plan", str(plan_copy)).out)
    assert data["id"] == "II.2.a" and data["months"] == list(range(4, 13))
    statuses = {o["month"]: o["status"] for o in data["occurrences"]}
    assert statuses[4] == "done" and statuses[5] == "open"
    file_entry, link = data["evidence"]
    assert Path(file_entry["path"]).read_bytes() == photo.read_bytes()  # usable from the current folder
    assert len(file_entry["sha256"]) == 64 and file_entry["month"] == 4
    assert link == link | {"month": 4, "url": "https://drive.google.com/x"}
    table = zi("show", "II.2.a", "--plan", str(plan_copy)).out
    assert "Operasionalisasi manajemen SDM" in table and "April" in table


def test_same_name_never_overwrites(zi, plan_copy, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "foto.jpg").write_bytes(b"first")
    (b / "foto.jpg").write_bytes(b"second")
    zi("done", "II.2.a", "-m", "4", "-e", str(a / "foto.jpg"), "--plan", str(plan_copy))
    zi("done", "II.2.a", "-m", "4", "--add", "-e", str(b / "foto.jpg"), "--plan", str(plan_copy))
    zi("done", "II.2.a", "-m", "4", "--add", "-e", str(a / "foto.jpg"), "--plan", str(plan_copy))
    folder = plan_copy.parent / "tambrauw-2023.evidence" / "II" / "II.2" / "II.2.a" / "2023-04"
    assert sorted(p.name for p in folder.iterdir()) == ["foto-2.jpg", "foto.jpg"]
    assert (folder / "foto.jpg").read_bytes() == b"first" and (folder / "foto-2.jpg").read_bytes() == b"second"


def test_done_default_month(zi, plan_copy, clock):
    clock(2023, 6)
    zi("done", "III.5.a", "--plan", str(plan_copy))  # scheduled every month: June itself
    zi("done", "III.5.a", "--plan", str(plan_copy))  # June done: the earliest overdue, January
    zi("done", "I.1.a", "--plan", str(plan_copy))  # April only: overdue
    plan = load_plan(plan_copy)
    journal = load_journal(plan)
    assert [(r.action, r.month) for r in journal.records] == [("III.5.a", 6), ("III.5.a", 1), ("I.1.a", 4)]
    result = zi("done", "I.1.a", "--plan", str(plan_copy))  # its only occurrence is done
    assert result.code == 1 and "I.1.a April 2023 is already done" in result.err and "--month 4 --add" in result.err
    clock(2023, 2)
    result = zi("done", "VI.3.a", "--plan", str(plan_copy))
    assert result.code == 1 and "December" in result.err


def test_done_errors_record_nothing(zi, plan_copy, photo):
    journal = plan_copy.parent / "tambrauw-2023.progress.yaml"
    result = zi("done", "II.2.x", "--plan", str(plan_copy))
    assert result.code == 1 and "no action 'II.2.x'" in result.err and "II.2.a" in result.err
    result = zi("done", "II.2.a", "-m", "4", "-e", "missing.jpg", "--plan", str(plan_copy))
    assert result.code == 1 and "evidence file not found: missing.jpg" in result.err
    result = zi("done", "II.2.a", "-m", "4", "-e", str(photo), "-e", "also-missing.pdf", "--plan", str(plan_copy))
    assert result.code == 1
    result = zi("done", "II.2.a", "-m", "2", "--plan", str(plan_copy))
    assert result.code == 1 and "not scheduled in February" in result.err
    assert not journal.exists()
    assert not (plan_copy.parent / "tambrauw-2023.evidence").exists()
    result = zi("done", "II.2.a", "-m", "4", "--add", "-e", str(photo), "--plan", str(plan_copy))
    assert result.code == 1 and "not done yet" in result.err
    assert not journal.exists()


def test_lower_case_id_is_accepted(zi, plan_copy):
    assert zi("done", "ii.2.A", "-m", "4", "--plan", str(plan_copy)).code == 0
    assert load_journal(load_plan(plan_copy)).records[0].action == "II.2.a"


def test_done_twice_is_reported_not_recorded(zi, plan_copy):
    assert zi("done", "II.2.a", "-m", "4", "--plan", str(plan_copy)).code == 0
    result = zi("done", "II.2.a", "-m", "4", "--plan", str(plan_copy))
    assert result.code == 1 and "already done" in result.err and "--add" in result.err
    assert len(load_journal(load_plan(plan_copy)).records) == 1


def test_undo_keeps_history(zi, plan_copy):
    zi("done", "II.2.a", "-m", "4", "--plan", str(plan_copy))
    assert zi("undo", "II.2.a", "--month", "4", "--plan", str(plan_copy)).code == 0
    data = json.loads(zi("show", "II.2.a", "--json", "--plan", str(plan_copy)).out)
    april = data["occurrences"][0]
    assert april["status"] == "open"
    assert [h["event"] for h in april["history"]] == ["done", "undo"]
    result = zi("undo", "II.2.a", "--month", "4", "--plan", str(plan_copy))
    assert result.code == 1 and "nothing to undo" in result.err
    assert zi("done", "II.2.a", "-m", "4", "--plan", str(plan_copy)).code == 0


def test_verify(zi, plan_copy, photo, tmp_path):
    zi("done", "II.2.a", "-m", "4", "-e", str(photo), "--plan", str(plan_copy))
    other = tmp_path / "laporan.pdf"
    other.write_bytes(b"%PDF-1.4 laporan")
    zi("done", "I.1.a", "-m", "4", "-e", str(other), "--plan", str(plan_copy))
    result = zi("verify", "--plan", str(plan_copy))
    assert result.code == 0 and "2 evidence files checked, 0 problems" in result.out
    store = plan_copy.parent / "tambrauw-2023.evidence"
    (store / "II/II.2/II.2.a/2023-04/foto.jpg").write_bytes(b"edited")
    (store / "I/I.1/I.1.a/2023-04/laporan.pdf").unlink()
    result = zi("verify", "--plan", str(plan_copy))
    assert result.code == 1
    assert "foto.jpg: II.2.a April: changed" in result.out and "laporan.pdf: I.1.a April: missing" in result.out
    data = json.loads(zi("verify", "--json", "--plan", str(plan_copy)).out)
    assert sorted(p["problem"] for p in data["problems"]) == ["changed", "missing"]
    loose = store / "II/II.2/II.2.a/2023-04/copied-by-hand.pdf"
    loose.write_bytes(b"%PDF")
    result = zi("verify", "--plan", str(plan_copy))
    assert "copied-by-hand.pdf: in the evidence folder but in no record" in result.out
    assert json.loads(zi("verify", "--json", "--plan", str(plan_copy)).out)["unrecorded"] == [str(loose)]


def test_bundled_plan_writes_to_the_user_data_folder(zi, tmp_path, photo):
    result = zi("done", "II.2.a", "-m", "4", "-e", str(photo), "--plan", "bundled")
    assert result.code == 0, result.err
    data_dir = tmp_path / "xdg-data" / "zi-plan"
    assert (data_dir / "tambrauw-2023.progress.yaml").is_file()
    assert (data_dir / "tambrauw-2023.evidence/II/II.2/II.2.a/2023-04/foto.jpg").is_file()
    # Printed as every path is: relative below the current folder (here tmp_path), else absolute.
    assert "journal xdg-data/zi-plan/tambrauw-2023.progress.yaml" in result.out.replace("\n", "")
    assert not (REPO / "plans" / "tambrauw-2023.progress.yaml").exists()


def test_broken_journal_is_reported_and_kept(zi, plan_copy):
    journal = plan_copy.parent / "tambrauw-2023.progress.yaml"
    text = "journal: 1\nplan: tambrauw-2023.yaml\nrecords:\n- action: II.2.a\n  month: 4\n  event: [done\n"
    journal.write_text(text, encoding="utf-8")
    for args in (("due", "-m", "4"), ("done", "II.2.a", "-m", "5")):
        result = zi(*args, "--plan", str(plan_copy))
        assert result.code == 1
        assert f"{journal}:" in result.err and "Traceback" not in result.err
    assert journal.read_text(encoding="utf-8") == text


def test_journal_records_are_checked_against_the_plan(zi, plan_copy):
    journal = plan_copy.parent / "tambrauw-2023.progress.yaml"
    journal.write_text(
        "journal: 1\nplan: tambrauw-2023.yaml\nrecords:\n"
        "- action: II.2.a\n  month: 2\n  event: done\n  at: '2023-02-01T09:00:00+09:00'\n  by: x\n"
        "- action: IX.1.a\n  month: 4\n  event: done\n  at: '2023-04-01T09:00:00+09:00'\n  by: x\n",
        encoding="utf-8",
    )
    # An amended plan: the records are set aside with a warning, never an error.
    result = zi("due", "-m", "4", "--plan", str(plan_copy))
    assert result.code == 0
    assert f"{journal}:4:" in result.err and "II.2.a in a month it is no longer scheduled in (February)" in result.err
    assert f"{journal}:9:" in result.err and "IX.1.a, which the plan no longer has" in result.err


def test_unwritable_plan_folder_fails_before_copying(zi, plan_copy, photo, monkeypatch):
    # Tests run as root in CI, where chmod does not stop writes: make the probe fail instead.
    import tempfile

    real = tempfile.mkstemp

    def refuse(*args, **kwargs):
        if kwargs.get("prefix") == ".zi-write-test.":
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = zi("done", "II.2.a", "-m", "4", "-e", str(photo), "--plan", str(plan_copy))
    assert result.code == 1 and "cannot write in" in result.err
    assert not (plan_copy.parent / "tambrauw-2023.evidence").exists()
    assert not (plan_copy.parent / "tambrauw-2023.progress.yaml").exists()


def test_done_without_evidence_says_how_to_add_it(zi, plan_copy):
    result = zi("done", "II.2.a", "-m", "4", "--plan", str(plan_copy))
    assert result.code == 0 and "no evidence yet" in result.out and "--add --evidence" in result.out


def test_show_marks_open_past_months_overdue_as_team_does(zi, plan_copy, photo):
    # The Tambrauw plan is for 2023, a past year: seen as of December.
    assert zi("done", "II.2.a", "-m", "4", "-e", str(photo)).code == 0
    data = json.loads(zi("show", "II.2.a", "--json").out)
    marks = {o["month"]: (o["mark"], o["late"], o["overdue"]) for o in data["occurrences"]}
    assert marks[4] == ("done-late", True, False)  # recorded years later
    assert marks[5] == ("overdue", True, True) and marks[12] == ("open", False, False)
    team = json.loads(zi("team", "tata laksana", "--json").out)
    row = next(r for r in team["actions"] if r["id"] == "II.2.a")
    assert {int(m): v for m, v in row["months"].items()} == {m: v[0] for m, v in marks.items()}
    as_of_june = json.loads(zi("show", "II.2.a", "--json", "-m", "6").out)
    assert [o["mark"] for o in as_of_june["occurrences"]][:4] == ["done-late", "overdue", "open", "open"]
    text = zi("--lang", "id", "show", "II.2.a").out
    assert "terlambat" in text and text.count("belum") == 1  # only December is still open
