"""travel.plancompare: what differs between the parent's copy of a plan and a pack's, per field and per action."""

from __future__ import annotations

from tests.conftest import MINIMAL
from tests.journals import plan_at
from zi_plan.travel.plancompare import differences


def test_the_same_plan_differs_in_nothing_not_even_by_its_comments(tmp_path):
    ours = plan_at(tmp_path, MINIMAL, "ours.yaml")
    theirs = plan_at(tmp_path, "# salinan unit\n" + MINIMAL.replace("Tim Kerja\n", "Tim Kerja   # komentar\n"), "theirs.yaml")
    assert differences(ours, theirs) == []


def test_each_difference_is_one_line(tmp_path):
    ours = plan_at(tmp_path, MINIMAL, "ours.yaml")
    changed = (MINIMAL.replace("institution: Kantor Contoh", "institution: Kantor Lain")
               .replace("months: [2]", "months: [2, 8]")
               .replace("          - indicator: SOP disosialisasikan", "          - indicator: SOP dievaluasi\n            steps: [Evaluasi]\n"
                        "            evidence: [Laporan]\n            months: [6]\n          - indicator: SOP disosialisasikan"))  # fmt: skip
    theirs = plan_at(tmp_path, changed, "theirs.yaml")
    lines = differences(ours, theirs)
    assert lines[0] == "institution: the parent's copy has Kantor Contoh, the pack's Kantor Lain"
    assert "I.1.b: months differ" in lines
    assert "II.1.b: only in the pack's plan" in lines  # the new action is II.1.a; the old one moved to b
    assert any(line.startswith("II.1.a: ") and "indicator" in line for line in lines)
    assert "II.1.b: only in the parent's copy" in differences(theirs, ours)  # which side is which is said


def test_a_long_value_is_shortened(tmp_path):
    ours = plan_at(tmp_path, MINIMAL, "ours.yaml")
    theirs = plan_at(tmp_path, MINIMAL.replace("title: Rencana Aksi Contoh", "title: " + "Rencana " * 20), "theirs.yaml")
    [line] = differences(ours, theirs)
    assert line.startswith("title: ") and line.endswith("...") and len(line) < 160
