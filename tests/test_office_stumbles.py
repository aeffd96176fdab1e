"""What a tester using zi as a new office stumbled on (round fixmisc)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with no plans/ anywhere above it."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


# ---------------------------------------------------------------- 1. refusal first


@pytest.mark.parametrize(
    "args",
    [
        ("done", "I.2.a", "--month", "6"),  # not scheduled in June in the bundled plan
        ("done", "XX.9", "--month", "4"),  # no such action in the bundled plan
        ("done", "I.1.a"),
        ("undo", "XX.9", "--month", "4"),
        ("undo", "I.2.a", "--month", "6"),
        ("journal", "accept", "XX.9"),
        ("journal", "move", "XX.9", "YY.1"),
        ("lke", "answer", "NO.SUCH.CODE", "Ya"),
        ("evidence", "replace", "XX.9", "old.jpg", "new.jpg", "--month", "4"),
        ("evidence", "replace", "I.2.a", "old.jpg", "new.jpg", "--month", "6"),
        ("evidence", "restore", "I/I.1/I.1.a/2023-04/x.jpg", "nowhere.jpg"),
    ],
)
def test_writing_outside_an_office_refuses_before_checking_id_or_month(zi, elsewhere, args):
    result = zi(*args)
    assert result.code == 1
    assert result.err.count("no plan found") == 1 and "--plan bundled" in result.err
    assert "not scheduled" not in result.err and "no action" not in result.err


# ---------------------------------------------------------------- 3. as of which month


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    import datetime as dt

    from zi_plan.model import status

    def set_today(year: int, month: int, day: int = 15) -> None:
        monkeypatch.setattr(status, "today", lambda: dt.date(year, month, day))

    return set_today


@pytest.mark.parametrize(("today", "expected"), [((2025, 11), 12), ((2024, 11), 11), ((2024, 3), 3), ((2023, 11), 1)])
def test_as_of_month_follows_the_plans_year(today, expected):
    import datetime as dt

    from zi_plan.model.status import as_of_month

    assert as_of_month(2024, dt.date(*today, 15)) == expected


def test_a_past_years_plan_is_seen_as_of_december(zi, clock, write_plan):
    # II.1.a in March and November of 2024; seen in November 2025, November is long overdue.
    plan = str(write_plan(MINIMAL.replace("months: [3, 4, 5]", "months: [3, 11]")))
    clock(2025, 11)
    due = json.loads(zi("due", "--json", "--plan", plan).out)
    assert due["month"] == 12
    assert [(d["id"], d["month"]) for d in due["overdue"] if d["id"] == "II.1.a"] == [("II.1.a", 3), ("II.1.a", 11)]
    assert json.loads(zi("progress", "--json", "--plan", plan).out)["month"] == 12
    assert json.loads(zi("team", "tl", "--json", "--plan", plan).out)["as_of_month"] == 12
    rows = zi("export", "--format", "csv", "--plan", plan, "-o", "-").out.splitlines()
    assert '"3, 11"' in next(r for r in rows if "II.1.a" in r)
    report = zi("report", "--plan", plan, "--format", "md", "-o", "-")
    assert report.code == 0 and "December 2024" in report.out


def test_a_future_years_plan_is_seen_as_of_january(zi, clock, write_plan):
    clock(2023, 11)
    due = json.loads(zi("due", "--json", "--plan", str(write_plan())).out)
    assert due["month"] == 1 and due["overdue"] == []


def test_done_picks_the_earliest_overdue_of_a_past_year(zi, clock, write_plan):
    plan = str(write_plan(MINIMAL.replace("months: [1, 4]", "months: [1, 12]")))
    clock(2025, 11)
    # I.1.a in January and December of 2024: seen in November 2025, both are due by now.
    assert zi("done", "I.1.a", "--plan", plan).code == 0
    assert zi("done", "I.1.a", "--plan", plan).code == 0
    data = json.loads(zi("show", "I.1.a", "--json", "--plan", plan).out)
    assert [o["status"] for o in data["occurrences"]] == ["done", "done"]


# ---------------------------------------------------------------- 5. the same file twice


def test_adding_the_same_file_again_records_nothing(zi, plan_copy, photo):
    plan = str(plan_copy)
    assert zi("done", "I.1.a", "--month", "4", "--evidence", str(photo), "--plan", plan).code == 0
    journal = plan_copy.with_name("tambrauw-2023.progress.yaml")
    before = journal.read_text(encoding="utf-8")
    again = zi("done", "I.1.a", "--month", "4", "--add", "--evidence", str(photo), "--plan", plan)
    assert again.code == 1 and "foto.jpg is already stored for I.1.a April 2023" in again.err
    assert journal.read_text(encoding="utf-8") == before
    link = "https://drive.example.org/rapat"
    assert zi("done", "I.1.a", "--month", "4", "--add", "--evidence", link, "--plan", plan).code == 0
    assert zi("done", "I.1.a", "--month", "4", "--add", "--evidence", link, "--plan", plan).code == 1
    evidence = json.loads(zi("show", "I.1.a", "--json", "--plan", plan).out)["evidence"]
    assert len(evidence) == 2


def test_the_same_file_named_twice_in_one_command_is_recorded_once(zi, plan_copy, photo):
    assert zi("done", "I.1.a", "--month", "4", "-e", str(photo), "-e", str(photo), "--plan", str(plan_copy)).code == 0
    assert len(json.loads(zi("show", "I.1.a", "--json", "--plan", str(plan_copy)).out)["evidence"]) == 1


def test_after_an_undo_the_same_file_may_be_given_again(zi, plan_copy, photo):
    plan = str(plan_copy)
    assert zi("done", "I.1.a", "--month", "4", "-e", str(photo), "--plan", plan).code == 0
    assert zi("undo", "I.1.a", "--month", "4", "--plan", plan).code == 0
    assert zi("done", "I.1.a", "--month", "4", "--plan", plan).code == 0
    assert zi("done", "I.1.a", "--month", "4", "--add", "-e", str(photo), "--plan", plan).code == 0


# ---------------------------------------------------------------- 6. messages


def test_undo_of_a_month_not_scheduled_says_so(zi, plan_copy):
    result = zi("undo", "I.1.a", "--month", "9", "--plan", str(plan_copy))
    assert result.code == 1 and "I.1.a is not scheduled in September; its months are April (4)" in result.err


def test_pack_counts_are_plural_aware(zi, plan_copy, photo):
    plan = str(plan_copy)
    assert zi("done", "I.1.a", "--month", "4", "-e", str(photo), "-e", "https://drive.example.org/x", "--plan", plan).code == 0
    result = zi("evidence", "pack", "--plan", plan)
    assert "1 file, 1 link, " in result.out and "1 files" not in result.out


def test_nothing_due_names_the_month(zi, write_plan, monkeypatch):
    plan = str(write_plan(MINIMAL.replace("months: [1, 4]", "months: [4]")))  # nothing in January
    monkeypatch.setenv("ZI_LANG", "id")
    line = zi("due", "--month", "1", "--plan", plan).out.splitlines()[-2]
    assert line.startswith("Tidak ada yang terjadwal") and "Januari" in line and "bulan ini" not in line
    monkeypatch.setenv("ZI_LANG", "en")
    assert "Nothing is scheduled in January and nothing is overdue." in zi("due", "--month", "1", "--plan", plan).out


def test_done_from_a_subfolder_prints_paths_one_way(zi, plan_copy, photo, monkeypatch, tmp_path):
    sub = tmp_path / "foto" / "april"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = zi("done", "I.1.a", "--month", "4", "-e", str(photo))
    assert result.code == 0, result.err
    assert "../" not in result.out
    stored = next(line for line in result.out.splitlines() if "stored" in line).split()[1]
    assert Path(stored).is_absolute() and Path(stored).is_file()
    assert str(plan_copy.parent) in result.out.splitlines()[0]


def test_done_in_the_office_folder_prints_short_paths(zi, plan_copy, photo):
    result = zi("done", "I.1.a", "--month", "4", "-e", str(photo))
    stored = next(line for line in result.out.splitlines() if "stored" in line).split()[1]
    assert stored.startswith("plans/tambrauw-2023.evidence/") and "journal plans/tambrauw-2023.progress.yaml" in result.out


# ---------------------------------------------------------------- 7. calendar


def test_ics_for_a_done_occurrence_says_it_is_done(zi, plan_copy):
    plan = str(plan_copy)
    assert zi("done", "I.1.a", "--month", "4", "--by", "Yohana", "--plan", plan).code == 0
    text = zi("export", "--format", "ics", "--plan", plan, "-o", "-").out.replace("\r\n ", "")
    event = text.split("BEGIN:VEVENT")[1 + text.split("BEGIN:VEVENT").index(next(e for e in text.split("BEGIN:VEVENT") if "I.1.a-2023-04" in e)) - 1]
    assert "Yohana" in event and "zi done I.1.a" not in event
    other = next(e for e in text.split("BEGIN:VEVENT") if "I.2.a-2023-" in e)
    assert "zi done I.2.a" in other


# ---------------------------------------------------------------- 4. YAML syntax errors


def test_an_unclosed_list_is_reported_where_it_opened(zi, write_plan, monkeypatch):
    text = MINIMAL.replace("months: [2]", "months: [2")
    path = write_plan(text)
    opened = next(i for i, line in enumerate(text.splitlines(), 1) if "months: [2" in line and "]" not in line)
    column = text.splitlines()[opened - 1].index("[") + 1
    result = zi("validate", str(path))
    assert result.code == 1 and f"{path}:{opened}:{column}: " in result.out
    assert "'[' opened here is not closed" in result.out and f"at {opened + 1}:" in result.out
    monkeypatch.setenv("ZI_LANG", "id")
    result = zi("validate", str(path))
    assert f"{path}:{opened}:{column}: " in result.out and "did not find" not in result.out and "expected" not in result.out


@pytest.mark.parametrize(
    ("problem", "english"),
    [
        ("did not find expected ',' or ']'", "a ',' or ']' was expected"),
        ("expected ',' or ']', but got ':'", "a ',' or ']' was expected"),
        ("mapping values are not allowed here", "a ': ' inside a value"),
        ("mapping values are not allowed in this context", "a ': ' inside a value"),
        ("could not find expected ':'", "a ':' was expected"),
        ("found character '\\t' that cannot start any token", "a tab?"),
        ("found character that cannot start any token", "a tab?"),
        ("something PyYAML says one day", "“something PyYAML says one day”"),
    ],
)
def test_pyyaml_problems_in_zis_words(problem, english):
    from zi_plan.i18n import set_language
    from zi_plan.schema.yamltexts import problem_text

    set_language("en")
    assert english in problem_text(problem)


@pytest.mark.parametrize(
    "text",
    ["a: b: c\n", "a: [1, 2\n", "a: {x: 1\nb: 2\n", "a:\n\t- 1\n", 'a: "x\n', "a: b\n- c\n", "key\nb: 1\n", "a: *x\n", 'a: "\\q"\n', "a: @x\n"],
)
def test_every_syntax_error_is_translated_under_id(zi, write_plan, monkeypatch, text):
    monkeypatch.setenv("ZI_LANG", "id")
    result = zi("validate", str(write_plan(text)))
    line = result.out.splitlines()[0]
    assert result.code == 1 and ": " in line and "YAML syntax error" not in line
    assert not any(w in line for w in ("expected", "found", "allowed", "while ")), line


# ---------------------------------------------------------------- 2. placeholder decree details


def test_validate_warns_about_the_placeholders_init_wrote(zi, tmp_path):
    assert zi("init", "--institution", "Kantor Contoh", "--year", "2024").code == 0
    plan = tmp_path / "plans" / "rencana-aksi-2024.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines()
    result = zi("validate")
    assert result.code == 0
    for key in ("number", "date", "place", "signatory", "position"):
        line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:") and lines[i - 2].strip() != "")
        assert f"{plan.relative_to(tmp_path)}:{line}:" in result.out and f"decree's {key} is still the placeholder" in result.out


def test_a_filled_in_decree_gives_no_warning(zi, write_plan):
    result = zi("validate", str(write_plan()))
    assert result.code == 0 and "placeholder" not in result.out


def test_publish_and_report_warn_but_write(zi, tmp_path, monkeypatch):
    assert zi("init", "--institution", "Kantor Contoh", "--year", "2024").code == 0
    published = zi("publish", "-o", "page.html")
    assert published.code == 0 and (tmp_path / "page.html").is_file()
    assert "placeholder" in published.err and "number, date, place, signatory, position" in published.err
    report = zi("report", "--month", "4", "-o", "report.html")
    assert report.code == 0 and (tmp_path / "report.html").is_file() and "placeholder" in report.err
    monkeypatch.setenv("ZI_LANG", "id")
    assert "nomor" in zi("publish", "-o", "-").err


def test_a_filled_in_plan_publishes_without_warning(zi, write_plan):
    result = zi("publish", "-o", "-", "--plan", str(write_plan()))
    assert result.code == 0 and "warning" not in result.err
