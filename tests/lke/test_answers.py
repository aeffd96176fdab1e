"""`zi lke answer`: answers in the journal, with their evidence, all or nothing."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import PLAN, REPO


@pytest.fixture
def plan(tmp_path):
    target = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, target)
    return target


def test_answer_with_evidence_is_stored_hashed_and_verified(zi, plan, tmp_path):
    (tmp_path / "sk.pdf").write_bytes(b"%PDF sk tim")
    result = zi("lke", "answer", "p.1.I.a", "ya", "--evidence", "sk.pdf", "--note", "SK 2023", "--plan", str(plan), "--by", "Ani")
    assert result.code == 0, result.err
    assert "P.1.i.a = Ya" in result.out
    stored = tmp_path / "tambrauw-2023.evidence" / "LKE" / "P.1.i.a" / "sk.pdf"
    assert stored.read_bytes() == b"%PDF sk tim"
    journal = (tmp_path / "tambrauw-2023.progress.yaml").read_text()
    assert "event: answer" in journal and "lke: P.1.i.a" in journal and "value: Ya" in journal and "sha256: " in journal
    verify = zi("verify", "--json", "--plan", str(plan))
    data = json.loads(verify.out)
    assert verify.code == 0 and data["checked"] == 1 and data["unrecorded"] == []
    stored.write_bytes(b"changed")
    verify = zi("verify", "--plan", str(plan))
    assert verify.code == 1 and "P.1.i.a: changed" in verify.out


def test_later_answer_supersedes_and_history_stays(zi, plan):
    from zi_plan.lke import answers
    from zi_plan.store.journal import load_journal
    from zi_plan.store.plans import load_plan

    assert zi("lke", "answer", "P.1.i.b", "C", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "P.1.i.b", "a", "--plan", str(plan), "--by", "B").code == 0
    journal = load_journal(load_plan(plan))
    assert [a.value for a in answers.history(journal)] == ["C", "A"]
    assert answers.current(journal)["P.1.i.b"].by == "B"


@pytest.mark.parametrize(
    ("code", "value", "allowed"),
    [("P.1.i.a", "mungkin", "Ya, Tidak"), ("P.1.i.b", "D", "A, B, C"), ("R.1.i.a.1", "1.5", "whole number"), ("H.1.a", "4.5", "0 to 4")],
)
def test_bad_values_list_the_allowed_ones(zi, plan, code, value, allowed):
    result = zi("lke", "answer", code, value, "--plan", str(plan))
    assert result.code == 2 and allowed in result.err and "Traceback" not in result.err
    assert not (plan.parent / "tambrauw-2023.progress.yaml").exists()


def test_bad_value_in_indonesian(zi, plan):
    result = zi("--lang", "id", "lke", "answer", "P.1.i.b", "D", "--plan", str(plan))
    assert "bukan jawaban untuk P.1.i.b; pilihan: A, B, C" in result.err


def test_percentage_questions_are_computed_not_typed(zi, plan):
    result = zi("lke", "answer", "R.1.i.a", "0.5", "--plan", str(plan))
    assert result.code == 2 and "R.1.i.a.1, R.1.i.a.2" in result.err


def test_unknown_code_suggests(zi, plan):
    result = zi("lke", "answer", "P.1.i.x", "Ya", "--plan", str(plan))
    assert result.code == 1 and "Did you mean" in result.err


def test_file_is_all_or_nothing(zi, plan, tmp_path):
    bad = tmp_path / "answers.csv"
    bad.write_text("code,value,note\nP.1.i.a,Ya,SK ada\nP.1.i.b,Z\nP.9.x,Ya\n", encoding="utf-8")
    result = zi("lke", "answer", "--file", str(bad), "--plan", str(plan))
    assert result.code == 1
    assert f"{bad}:3:9: 'Z' is not an answer to P.1.i.b" in result.err
    assert f"{bad}:4:1:" in result.err
    assert not (tmp_path / "tambrauw-2023.progress.yaml").exists()
    good = tmp_path / "good.csv"
    good.write_text("P.1.i.a;Ya;SK ada\nR.1.i.a.1;5\nR.1.i.a.2;4\n", encoding="utf-8")
    assert zi("lke", "answer", "--file", str(good), "--plan", str(plan), "--by", "A").code == 0
    data = json.loads(zi("lke", "score", "--json", "--plan", str(plan)).out)
    assert data["questions"]["R.1.i.a"] == {"status": "value", "value": 0.8}


def test_format_1_journal_keeps_loading_and_moves_to_3(zi, plan, tmp_path):
    fixture = REPO / "tests" / "fixtures" / "journal-v1" / "tambrauw-2023.progress.yaml"
    journal = tmp_path / "tambrauw-2023.progress.yaml"
    shutil.copy(fixture, journal)
    shown = json.loads(zi("show", "I.1.a", "--json", "--plan", str(plan)).out)
    assert shown["occurrences"][0]["status"] == "done"
    assert zi("lke", "answer", "P.1.i.a", "Ya", "--plan", str(plan), "--by", "A").code == 0
    text = journal.read_text()
    assert "journal: 3" in text and "journal: 1" not in text
    assert "action: I.1.a" in text and "https://drive.example/sk-tim" in text and "lke: P.1.i.a" in text
    shown = json.loads(zi("show", "I.1.a", "--json", "--plan", str(plan)).out)
    assert shown["occurrences"][0]["status"] == "done"


def test_journal_with_a_bad_answer_is_located(zi, plan, tmp_path):
    journal = tmp_path / "tambrauw-2023.progress.yaml"
    journal.write_text(
        'journal: 2\nplan: "tambrauw-2023.yaml"\nrecords:\n'
        "- event: answer\n  lke: P.1.i.q\n  value: Ya\n  at: '2026-01-05T10:00:00+09:00'\n  by: A\n"
        "- event: answer\n  lke: P.1.i.b\n  value: Q\n  at: '2026-01-05T10:00:00+09:00'\n  by: A\n",
        encoding="utf-8",
    )
    result = zi("lke", "score", "--plan", str(plan))
    assert result.code == 1
    assert f"{journal}:5:8: answer to 'P.1.i.q'" in result.err
    assert f"{journal}:11:10: 'Q' is not an answer to P.1.i.b" in result.err


def test_answers_between_records_keep_amended_plan_warnings_on_their_line(zi, plan):
    assert zi("lke", "answer", "P.1.i.a", "Ya", "--plan", str(plan), "--by", "A").code == 0
    assert zi("done", "I.2.a", "--month", "4", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "P.1.i.b", "B", "--plan", str(plan), "--by", "A").code == 0
    assert zi("done", "I.1.a", "--month", "4", "--plan", str(plan), "--by", "A").code == 0
    journal = plan.parent / "tambrauw-2023.progress.yaml"
    line = next(i for i, t in enumerate(journal.read_text().splitlines(), 1) if t == "- action: I.1.a")
    plan.write_text(plan.read_text().replace("indicator: Menerbitkan SK Tim Kerja/ Kelompok Kerja", "indicator: Menerbitkan SK Tim Kerja baru"))
    result = zi("due", "--month", "4", "--plan", str(plan))
    assert f"tambrauw-2023.progress.yaml:{line}: 1 record for I.1.a" in result.err
    data = json.loads(zi("lke", "score", "--json", "--plan", str(plan)).out)
    assert data["answered"]["pemenuhan"] == 0.375  # (1 + 0.5) / 2 × 0.5


def test_a_field_past_the_csv_limit_is_reported_at_its_line(zi, tmp_path):
    import csv

    answers = tmp_path / "jawaban.csv"
    answers.write_text("P.1.i.a,Ya\nP.1.i.b,B," + "x" * (csv.field_size_limit() + 10) + "\n", encoding="utf-8")
    result = zi("lke", "answer", "--file", str(answers), "--plan", "bundled")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{answers}:2:1: this line cannot be read: a field longer than" in result.err
