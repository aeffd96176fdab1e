"""Honest numbers: --suggest ranks moves toward the gates not met and never undercuts evidence;
--routine answers count in the plan's ceiling; reform codes on mere documents are warned about."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import PLAN


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, path)
    (tmp_path / "sk.pdf").write_bytes(b"SK")
    return path


def test_suggest_ranks_moves_by_points_toward_failed_gates_for_every_answer_type(zi, plan):
    assert zi("lke", "answer", "P.1.i.a", "Ya", "-e", "sk.pdf", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "H.1.a", "3.4", "--plan", str(plan), "--by", "A").code == 0
    data = json.loads(zi("lke", "score", "--suggest", "--json", "--plan", str(plan)).out)
    moves = data["suggestions"]
    gains = [m["gain"] for m in moves]
    assert gains == sorted(gains, reverse=True) and all(g > 0 for g in gains)
    by_code = {m["code"]: m for m in moves}
    assert "P.1.i.a" not in by_code  # already at full marks: no move
    assert by_code["H.1.a"]["target"] == "≥ 3.60" and "ipak" in by_code["H.1.a"]["gates"]  # a survey: up to its gate, not to 4
    assert by_code["R.1.i.a"]["target"] == "100 %" and "R.1.i.a.1" in by_code["R.1.i.a"]["basis"]  # a percentage: its inputs
    assert by_code["H.1.b"]["target"] == "A" and "target" in by_code["H.1.b"]["basis"]
    assert all(m["basis"] for m in moves) and not any(m["suggested"] == "?" for m in moves)
    for m in moves:  # each gain is the sum of what it brings to the gates not met
        assert m["gain"] == pytest.approx(sum(m["gates"].values()), abs=1e-3)


def test_a_yes_backed_by_evidence_is_never_suggested_lower(zi, plan, monkeypatch):
    monkeypatch.setattr("zi_plan.lke.suggest.as_of_month", lambda plan: 12)
    assert zi("lke", "answer", "P.1.ii.a", "Ya", "-e", "sk.pdf", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "P.1.ii.b", "A", "-e", "sk.pdf", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "P.1.iv.b", "A", "--plan", str(plan), "--by", "A").code == 0  # no evidence of its own
    from zi_plan.lke.answers import answer_values
    from zi_plan.lke.suggest import _progress, _supported, moves
    from zi_plan.lke.worksheet import load_worksheet
    from zi_plan.store.journal import load_journal
    from zi_plan.store.plans import load_plan

    loaded = load_plan(plan)
    journal = load_journal(loaded)
    sheet = load_worksheet()
    assert moves(loaded, journal, sheet, answer_values(journal))  # some moves remain
    from zi_plan.lke.answers import current
    from zi_plan.lke.coverage import served_by

    served, recorded = served_by(loaded), current(journal)
    for code, expected in (("P.1.ii.a", "Ya"), ("P.1.ii.b", "A"), ("P.1.iv.b", "C")):
        q = sheet.by_code[code]
        got = _supported(q, _progress(loaded, journal, q, served, 12), recorded.get(code))
        assert got.suggested == expected, code  # nothing done in the journal: the evidenced answers hold; the bare one does not
    assert "evidence of its own" in _supported(sheet.by_code["P.1.ii.a"], _progress(loaded, journal, sheet.by_code["P.1.ii.a"], served, 12),
                                               recorded["P.1.ii.a"]).basis  # fmt: skip


def test_routine_answers_count_in_the_plans_ceiling(zi, plan):
    before = json.loads(zi("lke", "coverage", "--json", "--plan", str(plan)).out)
    assert "R.4.ii.a" in {u["code"] for u in before["uncovered"]}
    assert zi("lke", "answer", "R.4.ii.a", "A", "--routine", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "R.4.ii.a", "B", "--plan", str(plan), "--by", "A").code == 0  # answered again: still routine
    after = json.loads(zi("lke", "coverage", "--json", "--plan", str(plan)).out)
    assert after["routine"] == ["R.4.ii.a"] and "R.4.ii.a" not in {u["code"] for u in after["uncovered"]}
    from zi_plan.lke.worksheet import load_worksheet

    q = load_worksheet().by_code["R.4.ii.a"]
    # Strict reading: its answer's value (B) instead of 0, times its share of its sub-area.
    assert after["ceiling"]["reform"] == pytest.approx(before["ceiling"]["reform"] + q.option("B").value * q.weight, abs=1e-3)
    assert after["gates_left_out"] == ["total", "birokrasi_bersih", "ipak", "capaian_kinerja", "ipkp"]
    assert after["targets"]["H.1.a"] == {"WBK": "3.60", "WBBM": "3.60"} and after["targets"]["H.1.b"] == {"WBK": "C", "WBBM": "B"}
    text = zi("lke", "coverage", "--plan", str(plan)).out
    assert "Answered from routine work outside the plan (--routine): R.4.ii.a" in text


def test_validate_warns_of_a_reform_code_on_a_document(zi, tmp_path):
    text = PLAN.read_text(encoding="utf-8").replace("lke: [P.1.iv.b]", "lke: [P.1.iv.b, R.1.i.a]")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "lke: [P.1.iv.b, R.1.i.a]" in t)
    result = zi("validate", str(path))
    assert result.code == 0
    assert f"{path}:{line}:" in result.out and "I.4.b: R.1.i.a is a reform question" in result.out and "(SK Tim Agen Perubahan)" in result.out
    assert "warning" not in zi("validate", str(PLAN)).out  # the revised crosswalk puts no reform code on a mere document


def test_only_documents_rule():
    from zi_plan.lke.planrefs import only_documents

    assert only_documents(["SK Tim Agen Perubahan"]) and only_documents(["Surat Edaran", "SOP pelayanan"])
    assert not only_documents(["SK Tim", "Laporan capaian"]) and not only_documents(["Lakip tahun 2022"])
    assert not only_documents(["Dokumen rencana aksi dipublikasikan melalui rapat dan website"]) and not only_documents([])
