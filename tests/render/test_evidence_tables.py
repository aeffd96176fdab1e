"""render.evidence_tables: `zi show`'s tables and lines, `zi evidence replace` and `restore`'s report."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rich.text import Text

from tests.journals import UNFINISHED, journal_of, plan_at, record, rendered
from zi_plan.model.journal import EvidenceEntry
from zi_plan.progress.recording import show
from zi_plan.render.evidence_tables import print_replaced, print_restored, show_tables, withdrawn_text, wrap_at_slash

LINK = "https://drive.example.org/folder/bukti-januari"


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path, UNFINISHED)


def test_show_tables_give_the_texts_the_occurrences_and_the_links_whole(plan):
    journal = journal_of(plan, record("I.1.a", 1, links=(LINK,), note="rapat"), record("I.1.a", 4, links=("https://x.example/old",)),
                         record("I.1.a", 4, "undo", note="salah bukti"))  # fmt: skip
    about, occurrences, *lines = show_tables(show(plan, journal, "I.1.a"), width=100)
    about_text = rendered(about, 100)
    assert "I.1.a — Tim Manajemen Perubahan" in about_text and "1. Menyusun SK" in about_text and "Jan, Apr" in about_text
    occ_text = rendered(occurrences, 100)
    assert "2024-01-20 09:30 Ani" in occ_text and "rapat" in occ_text and "1 file or link" in occ_text
    assert "1 withdrawn" in occ_text
    assert [line.plain if isinstance(line, Text) else line for line in lines][:2] == ["Evidence:", f"  January: {LINK}"]
    withdrawn = show_tables(show(plan, journal, "I.1.a"), width=60)[-1].plain  # type: ignore[union-attr]
    assert "April: https://x.example/old" in withdrawn and "withdrawn: reopened 2024-04-20 by Ani: salah bukti" in " ".join(withdrawn.split())
    assert max(map(len, withdrawn.splitlines())) <= 60


def test_show_tables_of_an_unscheduled_draft_and_without_evidence(plan):
    about, _occurrences, *lines = show_tables(show(plan, journal_of(plan), "II.2.b"), width=100)
    text = rendered(about, 100)
    assert "not scheduled" in text and "draft: no steps or evidence yet" in text
    assert lines == []


def test_show_tables_narrow_put_when_note_and_evidence_in_one_column(plan):
    data = show(plan, journal_of(plan, record("I.1.a", 1, links=(LINK,), note="rapat")), "I.1.a")
    _about, occurrences, *_lines = show_tables(data, width=40)
    assert [str(c.header) for c in occurrences.columns] == ["Month", "Status", "When / who · Note · Evidence"]


@pytest.mark.parametrize(("how", "expected"), [
    ({"event": "undo", "at": "2024-05-02T10:00:00+07:00", "by": "Yulius", "note": "foto salah"}, "withdrawn: reopened 2024-05-02 by Yulius: foto salah"),
    ({"event": "replace", "at": "2024-05-03T10:00:00+07:00", "by": "Ani", "note": None}, "withdrawn: replaced 2024-05-03 by Ani"),
])  # fmt: skip
def test_withdrawn_text(how, expected):
    assert withdrawn_text(how) == expected


def test_wrap_at_slash_breaks_at_spaces_and_after_slashes():
    lines = wrap_at_slash("April: plan.evidence/I/I.1/I.1.a/2024-04/foto-rapat.jpg (withdrawn: reopened by Ani)", 30)
    assert all(len(line) <= 30 for line in lines)
    assert lines[0].startswith("  April: ") and all(line.startswith("      ") for line in lines[1:])
    assert "".join(line.strip() + (" " if not line.endswith("/") else "") for line in lines).split() == [
        "April:", "plan.evidence/I/I.1/I.1.a/2024-04/foto-rapat.jpg", "(withdrawn:", "reopened", "by", "Ani)"]  # fmt: skip


def test_wrap_at_slash_folds_a_word_longer_than_a_line():
    lines = wrap_at_slash("x" * 50, 20)
    assert all(len(line) <= 20 for line in lines) and "".join(line.strip() for line in lines) == "x" * 50


def _correction(plan, old: EvidenceEntry, new: EvidenceEntry | None, replaces=()):
    rec = record("I.1.a", 1, "replace")._replace(replaces=tuple(replaces))
    return SimpleNamespace(record=rec, journal=journal_of(plan), old=old, new=new)


def test_print_replaced_names_what_was_withdrawn_and_what_is_kept(plan, capsys):
    old = EvidenceEntry(path="I/I.1/I.1.a/2024-01/lama.pdf", sha256="1" * 64, size=3, name="lama.pdf")
    new = EvidenceEntry(path="I/I.1/I.1.a/2024-01/baru.pdf", sha256="2" * 64, size=4, name="baru.pdf")
    print_replaced(_correction(plan, old, new), 2024)
    assert capsys.readouterr().out.splitlines() == [
        "replaced evidence of I.1.a January 2024 — by Ani",
        "  withdrawn plan.evidence/I/I.1/I.1.a/2024-01/lama.pdf  (sha256 111111111111…, kept in the store)",
        "  stored plan.evidence/I/I.1/I.1.a/2024-01/baru.pdf  (sha256 222222222222…, 4 bytes)",
        "  journal plan.progress.yaml",
    ]


def test_print_replaced_a_link_has_no_hash(plan, capsys):
    print_replaced(_correction(plan, EvidenceEntry(url="https://old.example"), EvidenceEntry(url="https://new.example")), 2024)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == ["  withdrawn link https://old.example", "  link   https://new.example"]


def test_print_restored_intact_or_put_back_with_the_damaged_copy_kept(plan, capsys):
    entry = EvidenceEntry(path="I/I.1/I.1.a/2024-01/sk.pdf", sha256="3" * 64, size=3, name="sk.pdf")
    print_restored(SimpleNamespace(record=None, journal=journal_of(plan), old=entry))
    assert capsys.readouterr().out.strip() == "plan.evidence/I/I.1/I.1.a/2024-01/sk.pdf is intact (its sha256 is the recorded one); nothing to restore"
    aside = EvidenceEntry(path="I/I.1/I.1.a/2024-01/sk.pdf.damaged-444444444444", sha256="4" * 64, size=9)
    print_restored(_correction(plan, entry, None, [aside]))
    assert capsys.readouterr().out.splitlines() == [
        "restored plan.evidence/I/I.1/I.1.a/2024-01/sk.pdf  (sha256 333333333333…)",
        "  the damaged copy is kept as plan.evidence/I/I.1/I.1.a/2024-01/sk.pdf.damaged-444444444444",
        "  journal plan.progress.yaml",
    ]
