"""Journal format 2: records know their action; amended plans warn, never block."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import MINIMAL, PLAN, REPO
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan

RELEASE_1 = REPO / "tests" / "fixtures" / "release-1"


@pytest.fixture
def old_office(tmp_path: Path) -> Path:
    """The Tambrauw plan with a journal and evidence written by the previous release (format 1)."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN, plans / "tambrauw-2023.yaml")
    shutil.copy(RELEASE_1 / "tambrauw-2023.progress.yaml", plans)
    shutil.copytree(RELEASE_1 / "tambrauw-2023.evidence", plans / "tambrauw-2023.evidence")
    return plans / "tambrauw-2023.progress.yaml"


def test_a_format_1_journal_loads_as_it_is(zi, old_office):
    before = old_office.read_bytes()
    data = json.loads(zi("show", "II.2.a", "--json").out)
    months = {o["month"]: o["status"] for o in data["occurrences"]}
    assert months[4] == "done" and months[5] == "done" and months[6] == "open"
    assert [h["event"] for o in data["occurrences"] if o["month"] == 5 for h in o["history"]] == ["done", "undo", "done"]
    verify = zi("verify")
    assert verify.code == 0 and "2 evidence files checked, 0 problems" in verify.out
    assert zi("due", "-m", "4").err == ""  # no warning: format 1 records are not fingerprinted
    assert old_office.read_bytes() == before  # reading never rewrites


def test_a_format_1_journal_is_migrated_on_the_next_write(zi, old_office):
    old = yaml.safe_load(old_office.read_text(encoding="utf-8"))
    assert zi("done", "II.2.a", "-m", "6", "--by", "Yulius").code == 0
    new = yaml.safe_load(old_office.read_text(encoding="utf-8"))
    assert old["journal"] == 1 and new["journal"] == 3
    assert "Rewritten from format 1" in old_office.read_text(encoding="utf-8")
    assert len(new["records"]) == len(old["records"]) + 1
    for before, after in zip(old["records"], new["records"][:-1], strict=True):
        assert {k: v for k, v in after.items() if k not in ("fingerprint", "indicator")} == before
    ii2a = next(r for r in new["records"] if r["action"] == "II.2.a")
    assert len(ii2a["fingerprint"]) == 12 and ii2a["indicator"].startswith("Operasionalisasi manajemen SDM")
    assert new["records"][-1]["fingerprint"] == ii2a["fingerprint"]
    assert zi("verify").code == 0
    assert zi("done", "II.2.a", "-m", "7").code == 0  # appended from now on
    assert old_office.read_text(encoding="utf-8").count("Rewritten from format 1") == 1


def _plan(tmp_path: Path, text: str) -> Path:
    (tmp_path / "plans").mkdir(exist_ok=True)
    path = tmp_path / "plans" / "kantor-2024.yaml"
    path.write_text(text, encoding="utf-8")
    return path


INSERTED = MINIMAL.replace(
    """        actions:
          - indicator: SK Tim Kerja terbit""",
    """        actions:
          - indicator: Rapat pembentukan tim
            steps: [Rapat]
            evidence: [Notulen]
            months: [1, 2]
          - indicator: SK Tim Kerja terbit""",
)


def test_an_inserted_action_does_not_silently_take_progress(zi, tmp_path):
    plan = _plan(tmp_path, MINIMAL)
    assert zi("done", "I.1.a", "-m", "1").code == 0  # SK Tim Kerja, January
    assert zi("done", "I.1.b", "-m", "2").code == 0  # Agen perubahan, February
    assert zi("verify").code == 0
    validate = zi("validate")
    assert validate.code == 0 and "id:" not in validate.out  # no advice to write ids: they must follow position anyway

    plan.write_text(INSERTED, encoding="utf-8")  # ids derived from position: all shift by one
    journal = "plans/kantor-2024.progress.yaml"  # as zi names it, found from here
    for args in (("due", "-m", "2"), ("show", "I.1.a"), ("teams",), ("progress", "-m", "2"), ("team", "mp")):
        result = zi(*args)
        assert result.code == 0, args
        assert result.err.count("warning:") == 2, args  # once per action, not per record
        assert f"{journal}:" in result.err and "“SK Tim Kerja terbit”" in result.err and "“Rapat pembentukan tim”" in result.err
        assert "zi journal move I.1.a I.1.b" in result.err
    verify = zi("verify")
    assert verify.code == 1
    assert f"{journal}:8: I.1.a January (done" in verify.out and "made for “SK Tim Kerja terbit”" in verify.out

    for args in (("report", "-m", "2"), ("export", "--format", "csv"), ("evidence", "pack"), ("evidence", "pack", "--by", "lke"), ("lke", "sheet")):
        held = zi(*args)
        assert held.code == 1, args
        assert "(I.1.b → I.1.c, I.1.a → I.1.b)" in held.err and "zi journal move I.1.b I.1.c, zi journal move I.1.a I.1.b, in that order" in held.err
    assert not list(tmp_path.glob("*.*")) and zi("report", "-m", "2", "--force").code == 0  # --force: as the ids stand
    assert zi("publish").code == 0  # the plan alone: no progress in it to misplace
    refused = zi("journal", "move", "I.1.a", "I.1.b")
    assert refused.code == 1 and "I.1.b has records of its own" in refused.err
    assert zi("journal", "move", "I.1.b", "I.1.c", "--note", "SK perubahan No. 2").code == 0
    moved = zi("journal", "move", "I.1.a", "I.1.b")
    assert moved.code == 0 and "1 record of I.1.a now counts for I.1.b" in moved.out
    assert zi("verify").code == 0
    due = json.loads(zi("due", "-m", "2", "--json").out)
    status = {d["id"]: d["status"] for d in due["due"]}
    assert status == {"I.1.a": "open", "I.1.c": "done"}
    assert [(d["id"], d["month"]) for d in due["overdue"]] == [("I.1.a", 1)]  # I.1.b January: done
    assert zi("due", "-m", "2").err == ""
    assert zi("export", "--format", "csv").code == 0 and zi("evidence", "pack").code == 0  # settled: documents again


def test_accept_a_new_wording(zi, tmp_path):
    plan = _plan(tmp_path, MINIMAL)
    assert zi("done", "II.1.a", "-m", "3").code == 0
    plan.write_text(MINIMAL.replace("SOP disosialisasikan", "SOP disosialisasikan kepada pegawai"), encoding="utf-8")
    warned = zi("due", "-m", "3")
    assert "zi journal accept II.1.a" in warned.err and "“SOP disosialisasikan kepada pegawai”" in warned.err
    assert json.loads(zi("due", "-m", "3", "--json").out)["due"][0]["status"] == "done"  # still counts meanwhile
    assert zi("verify").code == 1
    accepted = zi("journal", "accept", "II.1.a", "--note", "perubahan redaksi")
    assert accepted.code == 0 and "accepted" in accepted.out
    assert zi("verify").code == 0 and zi("due", "-m", "3").err == ""
    again = zi("journal", "accept", "II.1.a")
    assert again.code == 1 and "nothing to accept" in again.err
    spacing_only = MINIMAL.replace("SOP disosialisasikan", "SOP  disosialisasikan ")
    plan.write_text(spacing_only.replace("SOP disosialisasikan", "SOP disosialisasikan kepada pegawai"), encoding="utf-8")
    assert zi("verify").code == 0  # spacing is not a change


def test_records_for_a_removed_action_are_warnings(zi, tmp_path):
    plan = _plan(tmp_path, MINIMAL)
    evidence = tmp_path / "sop.pdf"
    evidence.write_bytes(b"%PDF sop")
    assert zi("done", "II.1.a", "-m", "3", "-e", str(evidence)).code == 0
    assert zi("done", "I.1.a", "-m", "4").code == 0
    removed = MINIMAL.split("  - id: II\n")[0]  # the amended decree drops component II
    plan.write_text(removed, encoding="utf-8")
    journal = "plans/kantor-2024.progress.yaml"  # as zi names it, found from here
    commands = [("due", "-m", "4"), ("show", "I.1.a"), ("teams",), ("team", "mp"), ("progress", "-m", "4"),
                ("report", "-m", "4", "-o", "-"), ("export", "--format", "csv", "-o", "-"), ("evidence", "pack"),
                ("done", "I.1.a", "-m", "1")]  # fmt: skip
    for args in commands:
        result = zi(*args)
        assert result.code == 0, (args, result.err)
        assert result.err.count("II.1.a, which the plan no longer has") == 1, args
        assert "Traceback" not in result.err
    verify = zi("verify")
    assert verify.code == 0  # a warning, not a failure
    assert f"{journal}:8: II.1.a March (done" in verify.out and "the plan no longer has this action" in verify.out
    data = json.loads(zi("verify", "--json").out)
    assert data["records"][0] | {"line": 8, "id": "II.1.a", "problem": "removed"} == data["records"][0]


def test_unknown_journal_format_is_refused(zi, tmp_path):
    plan = _plan(tmp_path, MINIMAL)
    plan.with_name("kantor-2024.progress.yaml").write_text("journal: 4\nplan: kantor-2024.yaml\nrecords:\n", encoding="utf-8")
    result = zi("due", "-m", "1")
    assert result.code == 1 and "journal format 4 is not known" in result.err


def test_fingerprints_are_written_and_checked(zi, tmp_path):
    _plan(tmp_path, MINIMAL)
    assert zi("done", "I.1.a", "-m", "1").code == 0
    assert zi("undo", "I.1.a", "-m", "1", "--note", "salah").code == 0
    plan = load_plan(tmp_path / "plans" / "kantor-2024.yaml")
    journal = load_journal(plan)
    assert journal.version == 3
    assert len({r.fingerprint for r in journal.records}) == 1
    assert all(r.indicator == "SK Tim Kerja terbit" for r in journal.records)
    text = journal.path.read_text(encoding="utf-8")
    bad = text.replace(f"fingerprint: {journal.records[0].fingerprint}", "fingerprint: not-hex", 1)
    journal.path.write_text(bad, encoding="utf-8")
    result = zi("due", "-m", "1")
    assert result.code == 1 and "plans/kantor-2024.progress.yaml:13:" in result.err and "'fingerprint'" in result.err


def test_record_lines_fast_and_for_hand_edited_layouts():
    from zi_plan.store.amendments import record_lines

    written = "journal: 2\nplan: x.yaml\nrecords:\n- action: I.1.a\n  month: 1\n# note\n- action: I.1.b\n  month: 2\n"
    assert record_lines(written, 2) == [4, 7]
    indented = "journal: 2\nrecords:\n  - action: I.1.a\n    month: 1\n  - {action: I.1.b, month: 2}\nplan: x.yaml\n"
    assert record_lines(indented, 2) == [3, 5]


def test_the_pack_names_moved_evidence_by_its_current_id(zi, tmp_path):
    import zipfile

    plan = _plan(tmp_path, MINIMAL)
    (tmp_path / "a.jpg").write_bytes(b"photo of January")
    (tmp_path / "b.jpg").write_bytes(b"photo of February")
    assert zi("done", "I.1.a", "-m", "1", "-e", "a.jpg").code == 0
    assert zi("done", "I.1.b", "-m", "2", "-e", "b.jpg").code == 0
    plan.write_text(INSERTED, encoding="utf-8")  # a new I.1.a: the old ones are now I.1.b and I.1.c
    assert zi("journal", "move", "I.1.b", "I.1.c").code == 0
    assert zi("journal", "move", "I.1.a", "I.1.b").code == 0
    assert zi("evidence", "pack", "-o", "pack.zip").code == 0
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        names = set(archive.namelist())
        index = archive.read("index.csv").decode("utf-8-sig")
    assert names == {"I/I.1/I.1.b/2024-01/a.jpg", "I/I.1/I.1.c/2024-02/b.jpg", "index.csv", "index.html"}
    assert "I.1.b,SK Tim Kerja terbit,1,I/I.1/I.1.b/2024-01/a.jpg," in index
    assert "I.1.c,Agen perubahan ditetapkan,2,I/I.1/I.1.c/2024-02/b.jpg," in index


def test_pack_names_stay_unique_when_two_stored_files_share_a_name():
    from zi_plan.documents.pack import unique_name

    # After a move, files from two old folders can meet in one new folder.
    taken = {"I/I.1/I.1.b/2024-01/foto.jpg", "I/I.1/I.1.b/2024-01/foto-2.jpg"}
    assert unique_name(taken, "I/I.1/I.1.b/2024-01", "I/I.1/I.1.a/2024-01/foto.jpg") == "I/I.1/I.1.b/2024-01/foto-3.jpg"
    assert unique_name(taken, "I/I.1/I.1.b/2024-01", "I/I.1/I.1.a/2024-01/sk.pdf") == "I/I.1/I.1.b/2024-01/sk.pdf"


def test_every_command_that_writes_progress_names_plan_and_journal_first(zi, tmp_path):
    plan = _plan(tmp_path, MINIMAL)
    (tmp_path / "a.jpg").write_bytes(b"photo")
    (tmp_path / "b.jpg").write_bytes(b"better photo")
    assert zi("done", "I.1.a", "-m", "1", "-e", "a.jpg").code == 0
    first = "plan plans/kantor-2024.yaml · journal plans/kantor-2024.progress.yaml"
    stored = "plans/kantor-2024.evidence/I/I.1/I.1.a/2024-01/a.jpg"
    (tmp_path / stored).unlink()
    steps = [("evidence", "restore", stored, "a.jpg"), ("evidence", "replace", "I.1.a", "-m", "1", "a.jpg", "b.jpg"),
             ("lke", "answer", "P.1.i.a", "Ya"), ("--lang", "id", "lke", "answer", "P.1.i.b", "B")]  # fmt: skip
    for args in steps:
        result = zi(*args)
        assert result.code == 0, (args, result.err)
        assert result.out.splitlines()[0] == (first if "id" not in args else first.replace("plan ", "rencana ").replace("journal", "jurnal")), args
    plan.write_text(INSERTED, encoding="utf-8")
    for args in (("journal", "move", "I.1.a", "I.1.b"),):
        result = zi(*args)
        assert result.code == 0 and result.out.splitlines()[0] == first, (args, result.out)
    plan.write_text(INSERTED.replace("SK Tim Kerja terbit", "SK Tim Kerja ditetapkan"), encoding="utf-8")
    accepted = zi("journal", "accept", "I.1.b")
    assert accepted.code == 0 and accepted.out.splitlines()[0] == first, accepted.out
    assert accepted.err == ""  # the warning this accept settles is not repeated


def test_the_pack_by_lke_names_moved_evidence_by_its_current_id(zi, tmp_path):
    import zipfile

    def with_lke(text: str) -> str:
        return text.replace("            evidence: [SK Tim Kerja]\n", "            evidence: [SK Tim Kerja]\n            lke: [P.1.i.a]\n")

    plan = _plan(tmp_path, with_lke(MINIMAL))
    (tmp_path / "sk.pdf").write_bytes(b"SK tim")
    assert zi("done", "I.1.a", "-m", "1", "-e", "sk.pdf").code == 0
    plan.write_text(with_lke(INSERTED), encoding="utf-8")
    assert zi("journal", "move", "I.1.a", "I.1.b").code == 0
    assert zi("evidence", "pack", "--by", "lke", "-o", "lke.zip").code == 0
    with zipfile.ZipFile(tmp_path / "lke.zip") as archive:
        names = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert names == ["1 Manajemen Perubahan/P.1.i Penyusunan Tim Kerja/P.1.i.a/I.1.b_2024-01_sk.pdf"]


def test_an_amended_step_is_a_changed_finding(tmp_path):
    """Only a step reworded, the indicator the same: the records were made for another text."""
    import datetime as dt

    from zi_plan.model.fingerprint import stamped
    from zi_plan.model.journal import Journal, Record
    from zi_plan.store.amendments import check_records, keys_of, summarise
    from zi_plan.store.journal import record_to_yaml

    before = load_plan(_plan(tmp_path, MINIMAL))
    at = dt.datetime(2024, 1, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    records = [stamped(Record("I.1.a", 1, "done", at, "Yulius"), before.action("I.1.a")),
               stamped(Record("I.1.b", 2, "done", at, "Yulius"), before.action("I.1.b"))]  # fmt: skip
    text = "journal: 2\nplan: kantor-2024.yaml\nrecords:\n" + "".join(record_to_yaml(r) for r in records)
    journal = Journal(tmp_path / "j.yaml", tmp_path / "e", records, {})
    after = load_plan(_plan(tmp_path, MINIMAL.replace("steps: [Menyusun SK]", "steps: [Menyusun SK, Menandatangani SK]")))
    assert after.action("I.1.a").indicator == before.action("I.1.a").indicator

    found = check_records(after, keys_of(journal), lambda: text, records.__getitem__)
    assert [(f.index, f.line, f.kind, f.action, f.elsewhere) for f in found] == [(0, 4, "changed", "I.1.a", None)]
    warning = summarise(found, journal.path, after)
    assert len(warning) == 1 and "zi journal accept I.1.a" in warning[0]
    assert check_records(before, keys_of(journal), lambda: text, records.__getitem__) == []  # the plan as it was: nothing


def test_a_change_of_steps_only_is_said_so(zi, tmp_path):
    plan = _plan(tmp_path, MINIMAL)
    assert zi("done", "II.1.a", "-m", "3").code == 0
    plan.write_text(MINIMAL.replace("steps: [Sosialisasi SOP]", "steps: [Sosialisasi SOP, Evaluasi SOP]"), encoding="utf-8")
    warned = zi("due", "-m", "3").err
    assert "made before its steps changed (its indicator still reads “SOP disosialisasikan”)" in warned
    assert warned.count("“SOP disosialisasikan”") == 1  # not the same text quoted twice
    assert "made before the action's steps changed" in zi("verify").out
    assert "langkahnya berubah" in zi("--lang", "id", "due", "-m", "3").err
