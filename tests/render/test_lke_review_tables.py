"""render.lke_review_tables: what `zi lke review` and `zi lke score --compare` print, and the revisi list of
`zi due`, from the core's data, in both languages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console

from tests.journals import plan_at, rendered
from tests.lke.test_compare import TPI, UNIT
from tests.lke.test_rounds import answer, journal, mark, review
from tests.lke.test_suggest import SERVED
from zi_plan.lke.compare import compare
from zi_plan.lke.rounds import Review, RoundMark, read_rounds
from zi_plan.lke.todo import Revisi
from zi_plan.lke.worksheet import load_worksheet
from zi_plan.render.lke_review_tables import differences_table, gates_table, print_comparison, print_imported, print_mark, print_status, revisi_table

AT = dt.datetime(2024, 5, 2, 10, tzinfo=dt.timezone.utc)


def printed(fn, *args, width: int = 160) -> str:
    out = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    fn(out, *args)
    return out.file.getvalue()  # type: ignore[attr-defined]


def _rows(text: str, prefixes=("P.", "R.", "H.")) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.strip().startswith(prefixes)}


def _reviews(*items: tuple[str, str]) -> list[Review]:
    return [Review(code, 1, None, status, AT, "TPI Inspektorat") for code, status in items]  # type: ignore[arg-type]


def test_imported_reviews_counted_with_the_revisi_named():
    text = printed(print_imported, _reviews(("P.1.i.a", "accepted"), ("P.1.i.b", "revisi"), ("P.2.i.a", "revisi")))
    assert text.splitlines() == [
        "round 1: 3 reviews by TPI Inspektorat recorded",
        "  1 accepted, 2 revisi",
        "  revisi: P.1.i.b, P.2.i.a",
        "  zi due lists them for the teams whose actions serve them; zi lke review status shows the notes",
    ]
    assert printed(print_imported, _reviews(("P.1.i.a", "accepted"))).splitlines() == ["round 1: 1 review by TPI Inspektorat recorded", "  1 accepted, 0 revisi"]


def test_imported_in_indonesian(indonesian):
    text = printed(print_imported, _reviews(("P.1.i.a", "accepted"), ("P.1.i.b", "revisi")))
    assert text.splitlines()[:2] == ["putaran 1: 2 penilaian oleh TPI Inspektorat tercatat", "  1 diterima, 1 revisi"]


ROUND = (
    answer("P.1.i.a", "Ya"), answer("P.1.i.b", "B"), answer("P.2.i.b", "A"), answer("R.1.i.a.2", 3), mark("send", 1),
    review("P.1.i.a", 1, "accepted", "Ya"), review("P.1.i.b", 1, "revisi", "C", "mekanisme belum ada"), review("P.2.i.b", 1, "revisi", "B"),
    review("R.1.i.a.2", 1, "revisi", 1, "hanya satu SK"),
    mark("close", 1), answer("P.2.i.b", "A"),
)  # fmt: skip


def test_status_lists_revisi_and_answered_again_with_their_actions_and_notes(tmp_path):
    served = {"P.1.i.b": ["I.1.a", "I.1.b"], "P.2.i.b": ["II.1.a"], "R.1.i.a": ["II.1.a"]}
    text = printed(print_status, read_rounds(journal(*ROUND)), served, False)
    lines = text.splitlines()
    assert lines[:2] == ["Round 2 is open (closed: 1)", "  draft 0, sent 0, revisi 2, answered again 1, accepted 1"]
    rows = _rows(text)
    assert set(rows) == {"P.1.i.b", "P.2.i.b", "R.1.i.a.2"}  # accepted is not listed without --all
    assert rows["P.1.i.b"] == ["revisi", "B", "C", "I.1.a,", "I.1.b", "mekanisme", "belum", "ada"]
    assert rows["P.2.i.b"] == ["answered", "again", "A", "B", "II.1.a"]
    assert rows["R.1.i.a.2"][:4] == ["revisi", "3", "1", "II.1.a"]  # a count input: the actions of its percentage question
    everything = _rows(printed(print_status, read_rounds(journal(*ROUND)), served, True))
    assert everything["P.1.i.a"] == ["accepted", "Ya", "Ya", "-"]


def test_status_with_nothing_to_act_on():
    text = printed(print_status, read_rounds(journal(answer("P.1.i.a", "Ya"))), {}, False)
    assert text.splitlines() == ["Round 1 is open (closed: -)", "  draft 1, sent 0, revisi 0, answered again 0, accepted 0",
                                 "No question is in revisi or answered again; --all lists every question."]  # fmt: skip


def test_status_in_indonesian(indonesian):
    text = printed(print_status, read_rounds(journal(*ROUND)), {}, False)
    assert text.splitlines()[:2] == ["Putaran 2 terbuka (ditutup: 1)", "  draf 0, terkirim 0, revisi 2, dijawab ulang 1, diterima 1"]
    assert _rows(text)["P.2.i.b"][:2] == ["dijawab", "ulang"]


def test_a_round_sent_or_closed_says_what_it_holds():
    sent = read_rounds(journal(answer("P.1.i.a", "Ya"), answer("P.1.i.b", "B"), mark("send", 1)))
    assert printed(print_mark, RoundMark("send", 1, AT, "Ani"), sent) == "round 1: 2 answers sent to the evaluators\n"
    closed = read_rounds(journal(*ROUND))
    assert printed(print_mark, RoundMark("close", 1, AT, "Ani"), closed) == "round 1 closed: 1 accepted, 2 revisi; round 2 is open\n"


def test_the_comparison_side_by_side():
    sheet = load_worksheet()
    result = compare(sheet, UNIT, TPI, {"P.1.i.b": "mekanisme belum ada"})
    text = printed(print_comparison, result, sheet, width=200)
    assert "The unit's score and the evaluators' (answered reading)" in text
    total = next(line.split() for line in text.splitlines() if line.strip().startswith("Total "))
    u, t = result.unit.answered.total, result.tpi.answered.total
    assert total == ["Total", f"{u:.2f}", f"{t:.2f}", f"{t - u:.2f}"]
    area = next(line for line in text.splitlines() if line.strip().startswith("1. "))
    assert area.split()[-3:] == [f"{result.unit.answered.areas[0].pct:.1f}", f"{result.tpi.answered.areas[0].pct:.1f}",
                                 f"{result.tpi.answered.areas[0].pct - result.unit.answered.areas[0].pct:.1f}"]  # fmt: skip
    words = " ".join(text.split())  # titles wrap to their table's width
    assert "Gates: the unit's answers and the evaluators'" in words and "Where the evaluators' answers differ, the most points first" in words


def test_gates_for_both_sides_of_each_predicate():
    result = compare(load_worksheet(), UNIT, TPI, {})
    text = rendered(gates_table(result), 200)
    assert next(line.split() for line in text.splitlines() if line.split()[:1] == ["Gate"]) == ["Gate", "WBK", "unit", "WBK", "TPI", "WBBM", "unit", "WBBM", "TPI"]
    ipak = next(line.split() for line in text.splitlines() if line.strip().startswith("IPAK"))
    assert ipak == ["IPAK", "✓", "✗", "✓", "✗"]  # 3.7 meets 3.60, the evaluators' 3.5 does not
    assert len([line for line in text.splitlines() if "✓" in line or "✗" in line]) == len(result.unit.gates["WBK"].checks)


def test_differences_most_points_first_with_the_evaluators_note(indonesian):
    result = compare(load_worksheet(), UNIT, TPI, {"P.1.i.b": "mekanisme belum ada"})
    text = rendered(differences_table(result), 200)
    rows = _rows(text)
    assert list(rows) == ["H.1.a", "R.1.i.a", "P.2.i.a", "P.1.i.b"]
    assert rows["H.1.a"] == ["3,70", "3,50", "-0,88"] and rows["R.1.i.a"][:2] == ["0,50", "0,25"]  # decimal commas
    assert rows["P.1.i.b"][:2] == ["B", "C"] and rows["P.1.i.b"][-3:] == ["mekanisme", "belum", "ada"]


def test_no_difference_is_said():
    text = rendered(differences_table(compare(load_worksheet(), UNIT, dict(UNIT), {})), 200)
    assert "none: the evaluators' answers give every question the unit's value" in " ".join(text.split()) and not _rows(text)


def test_revisi_by_team_the_unserved_last(tmp_path):
    plan = plan_at(tmp_path, SERVED)
    mp, tl = plan.team("mp"), plan.team("tl")
    items = [Revisi("P.6.iii.a", (), (), "tidak ada kanal", 1, "TPI"), Revisi("P.2.i.b", (tl,), ("II.1.a",), None, 1, "TPI"),
             Revisi("P.1.i.b", (mp,), ("I.1.a", "I.1.b"), "mekanisme belum ada", 1, "TPI")]  # fmt: skip
    text = rendered(revisi_table(items), 200)
    assert "LKE revisi: the evaluators ask for a change (answer again with zi lke answer)" in text
    order = [line.split("  ")[1].strip() for line in text.splitlines() if line.startswith("  Tim") or "no team" in line]
    assert order == ["Tim Manajemen Perubahan", "Tim Penguatan Tata Laksana", "no team: no action serves it"]
    assert "I.1.a, I.1.b" in text and "mekanisme belum ada" in text


@pytest.mark.parametrize("width", [80, 120])
def test_status_fits_the_terminal(width):
    text = printed(print_status, read_rounds(journal(*ROUND)), {"P.1.i.b": ["I.1.a", "I.1.b"]}, True, width=width)
    assert max(len(line) for line in text.splitlines()) <= width
