"""The LKE worksheet data, the plan's `lke:` codes, `zi lke list` and `zi lke coverage`."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan.lke.coverage import coverage, worksheet_for
from zi_plan.lke.worksheet import DATA_DIR, available_years, load_worksheet
from zi_plan.store.plans import load_plan

SHEET_DATA = json.loads((DATA_DIR / "lke-2026.json").read_text(encoding="utf-8"))


def test_worksheet_has_the_regulations_counts():
    sheet = load_worksheet(2026)
    assert len(sheet.questions) == 135
    assert len(sheet.scored) == 113
    parts = defaultdict(int)
    for q in sheet.scored:
        parts[q.part] += 1
    assert parts == {"pemenuhan": 87, "reform": 23, "hasil": 3}
    # Every pengungkit sub-area's questions share its weight exactly.
    for sub in sheet.sub_areas.values():
        if sub.method == "average":
            assert sum(sheet.by_code[c].weight or 0 for c in sub.questions) == pytest.approx(sub.weight, abs=1e-3)
    assert sum(a.weight for a in sheet.areas) == 60


def test_texts_are_kept_verbatim():
    # The reference file is the regulation's text; the bundled copy must not drift from it.
    source = {q["code"]: q for q in json.loads((DATA_DIR / "lke-2026.json").read_text())["questions"]}
    sheet = load_worksheet()
    assert sheet.by_code["P.1.i.a"].text == "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"
    assert all(sheet.by_code[c].text == q["question"] for c, q in source.items())


def test_newest_worksheet_is_the_default():
    assert load_worksheet().year == max(available_years()) == 2026


def _tambrauw():
    return load_plan(PLAN)


def test_bundled_plan_carries_the_mapping():
    plan = _tambrauw()
    assert plan.lke_year == 2026
    assert plan.by_id["I.1.a"].lke == ("P.1.i.a", "P.1.i.b")
    assert plan.by_id["II.2.b"].lke == ("P.2.ii.c", "P.6.v.a")


def test_coverage_of_the_bundled_plan():
    plan = _tambrauw()
    result = coverage(worksheet_for(plan), plan)
    assert len(result.scored) == 113
    assert len(result.covered) == 82
    assert result.ceiling.pengungkit == pytest.approx(37.98, abs=0.005)
    under = [a.no for a in result.ceiling.areas if a.pct < 60]
    assert under == [1, 2, 6]
    assert set(result.gates["WBK"].failed) == {"pengungkit", "area:1", "area:2", "area:6"}


def test_ceiling_computed_independently():
    # Sum over sub-areas of (served / questions) × weight, straight from the data file.
    plan = _tambrauw()
    served = {c for a in plan.actions for c in a.lke}
    by_sub = defaultdict(list)
    for q in SHEET_DATA["questions"]:
        if q["answer_type"] != "jumlah" and not q["code"].startswith("H."):
            by_sub[q["sub_area"]].append(q["code"])
    weights = {s["code"]: s["weight"] for s in SHEET_DATA["sub_areas"]}
    expected = sum(sum(c in served for c in codes) / len(codes) * weights[sub] for sub, codes in by_sub.items())
    result = coverage(worksheet_for(plan), plan)
    assert result.ceiling.pengungkit == pytest.approx(expected)


def test_coverage_json(zi):
    result = zi("lke", "coverage", "--json", "--plan", str(PLAN))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["scored"] == 113 and data["covered"] == 82
    assert abs(data["ceiling"]["pengungkit"] - 37.98) <= 0.005
    assert [a["no"] for a in data["ceiling"]["areas"] if a["pct"] < 60] == [1, 2, 6]
    assert len(data["uncovered"]) == 28  # the hasil part is targets, not unserved questions
    assert {k: data["uncovered"][0][k] for k in ("code", "weight")} == {"code": "R.6.ii.a", "weight": 2.5}
    assert data["gates"]["WBK"]["pass"] is False


def test_coverage_of_the_plan_found_by_default(zi):
    assert zi("lke", "coverage", "--json").code == 1  # no plan here: the bundled one only when named, for a script
    data = json.loads(zi("lke", "coverage", "--json", "--plan", "bundled").out)
    assert (data["scored"], data["covered"]) == (113, 82)


def test_coverage_table_in_both_languages(zi, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = zi("lke", "coverage", "--plan", str(PLAN))
    assert result.code == 0
    assert "82 of the 110 questions of the pengungkit part" in result.out and "pengungkit 37.98 (of 60)" in result.out
    assert "The plan's ceiling" in result.out and "It leaves out routine work" in result.out
    assert "rest on the hasil part" in result.out and "C or better" in result.out  # gates left out said, hasil shown as targets
    assert "\x1b[" not in result.out
    result = zi("--lang", "id", "lke", "coverage", "--plan", str(PLAN))
    assert "82 dari 110" in result.out and "37,98" in result.out  # decimal commas
    assert "gagal" not in result.out and "belum memenuhi" in result.out


def test_list_json_has_the_serving_actions(zi):
    result = zi("lke", "list", "--json", "--area", "1", "--plan", str(PLAN))
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert {r["area"] for r in rows} == {1}
    first = rows[0]
    assert first["code"] == "P.1.i.a" and first["served_by"] == ["I.1.a"] and first["weight"] == 0.25
    inputs = [r for r in rows if not r["scored"]]
    assert inputs and all(r["answer_type"] == "jumlah" for r in inputs)


def test_list_bad_area(zi):
    result = zi("lke", "list", "--area", "9")
    assert result.code == 2 and "1 to 6" in result.err


def test_list_json_of_zi_list_has_lke(zi):
    rows = json.loads(zi("list", "--json", "--plan", str(PLAN)).out)
    assert rows[0]["lke"] == ["P.1.i.a", "P.1.i.b"]


def _with_codes(codes: str, extra: str = "") -> str:
    text = MINIMAL.replace("            months: [1, 4]\n", f"            months: [1, 4]\n            lke: {codes}\n")
    return text.replace("decree:\n", extra + "decree:\n") if extra else text


def test_unknown_code_is_located_with_a_suggestion(zi, write_plan):
    path = write_plan(_with_codes("[P.1.i.a, P.1.i.z]"))
    result = zi("validate", str(path))
    assert result.code == 1
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "lke:" in t)
    assert f"{path}:{line}:" in result.out
    assert "I.1.a: 'P.1.i.z' is not a question of the LKE 2026 (did you mean " in result.out
    assert "P.1.i.a" in result.out.split("did you mean")[1]


def test_count_input_and_repeats_are_refused(zi, write_plan):
    result = zi("validate", str(write_plan(_with_codes("[R.1.i.a.1, P.1.i.a, P.1.i.a]"))))
    assert result.code == 1
    assert "count input of R.1.i.a" in result.out and "listed twice" in result.out


def test_unknown_worksheet_year(zi, write_plan):
    result = zi("validate", str(write_plan(_with_codes("[P.1.i.a]", extra="lke: 1999\n"))))
    assert result.code == 1 and "no LKE worksheet for 1999" in result.out


def test_plan_without_lke_keys_never_reads_the_worksheet(write_plan, monkeypatch):
    import sys

    for name in [m for m in sys.modules if m.startswith("zi_plan.lke")]:
        monkeypatch.delitem(sys.modules, name)  # put back afterwards: later tests hold (and patch) these module objects
    load_plan(write_plan())
    assert "zi_plan.lke.worksheet" not in sys.modules


def test_show_and_due_name_the_codes(zi, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    shown = zi("show", "I.2.a", "--plan", str(PLAN))
    assert "P.1.ii.a, P.1.ii.b, P.1.ii.c, R.1.ii.a" in shown.out
    due = zi("due", "--month", "4", "--plan", str(PLAN))
    assert "LKE P.1.i.a, P.1.i.b" in due.out
    data = json.loads(zi("due", "--month", "4", "--json", "--plan", str(PLAN)).out)
    assert data["due"][0]["lke"] == ["P.1.i.a", "P.1.i.b"]


def test_lke_stays_off_the_start_up_path(zi, monkeypatch):
    import sys

    def purge():
        for name in [m for m in sys.modules if m.startswith("zi_plan.lke")]:
            monkeypatch.delitem(sys.modules, name)  # put back afterwards: later tests hold (and patch) these module objects

    assert zi("due", "--month", "4", "--plan", str(PLAN)).code == 0  # validates once (reads the worksheet) and caches
    purge()
    assert zi("--help").code == 0
    assert zi("due", "--month", "4", "--plan", str(PLAN)).code == 0
    assert not [m for m in sys.modules if m.startswith("zi_plan.lke")]


def test_export_writes_the_codes(zi, tmp_path):
    import csv

    out = tmp_path / "rencana.csv"
    assert zi("export", "--format", "csv", "-m", "4", "-o", str(out), "--plan", str(PLAN)).code == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    column = rows[0].index("LKE")
    assert next(r for r in rows if "I.1.a" in r)[column] == "P.1.i.a, P.1.i.b"


def test_decimal_commas_under_indonesian(zi, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    indonesian = zi("--lang", "id", "lke", "coverage", "--plan", str(PLAN)).out
    # The plan's ceiling after the revised crosswalk (area 1 without R.1.i.a/b): 4.62 of 8, 57.8 %; pengungkit 37.98.
    assert "4,62/8,00" in indonesian and "57,8" in indonesian and "37,98" in indonesian and "63,3 %" in indonesian
    assert not re.search(r"\d\.\d", re.sub(r"\b[PRH]\.\d[.\w]*", "", indonesian))  # no decimal point left, codes aside
    english = zi("lke", "coverage", "--plan", str(PLAN)).out
    assert "4.62/8.00" in english and "57.8" in english and "37.98" in english
    data = json.loads(zi("--lang", "id", "lke", "coverage", "--plan", str(PLAN), "--json").out)
    assert isinstance(data["ceiling"]["pengungkit"], float)  # JSON keeps numbers as numbers
