"""render.travel_tables: what zi prints of unit packs, receiving, push, pull and verify --remote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journals import record
from zi_plan import i18n
from zi_plan.model.journal import EvidenceEntry
from zi_plan.remote.transfer import Outcome, Transfer
from zi_plan.render.travel_tables import print_pull, print_push, print_received, received_json, size_text, transfer_json, transfer_line
from zi_plan.travel.receive import Received

ENTRY = EvidenceEntry(path="I/I.1/I.1.a/2023-04/foto.jpg", sha256="ab" * 32, size=1_500_000)
RECORD = record("I.1.a", 4)


@pytest.mark.parametrize(("n", "en", "id_"), [(0, "0 B", "0 B"), (999, "999 B", "999 B"), (1500, "1.5 kB", "1,5 kB"), (12_345_678_901, "12.3 GB", "12,3 GB"),
                                              (250_000_000, "250 MB", "250 MB"), (3 * 10**15, "3000 TB", "3000 TB")])  # fmt: skip
def test_sizes_in_decimal_units_in_each_language(n, en, id_):
    assert size_text(n) == en
    i18n.set_language("id")
    assert size_text(n) == id_


def test_a_receive_and_the_same_pack_again(capsys, tmp_path):
    first = Received("9108", tmp_path / "units" / "9108", tmp_path / "units" / "9108" / "plans" / "p.yaml", plan_added=True,
                     records=2, files=["I/foto.jpg", "I/sk.pdf"], bytes=1500)  # fmt: skip
    print_received(first)
    out = capsys.readouterr().out
    assert "unit 9108 →" in out and "added the plan" in out and "added I/sk.pdf" in out
    assert "2 records added, 2 files added (1.5 kB); already here: 0 records, 0 files" in out
    again = Received("9108", first.folder, first.plan, records_known=2, files_known=2)
    print_received(again)
    out = capsys.readouterr().out
    assert "0 records added, 0 files added (0 B); already here: 2 records, 2 files" in out and "nothing new: this pack was received before" in out
    assert received_json(first)["files_added"] == ["I/foto.jpg", "I/sk.pdf"] and received_json(again)["records_known"] == 2


def test_a_push_and_a_pull_that_stopped(capsys):
    report = Transfer("sftp://arsip/zi", [Outcome("uploaded", ENTRY, RECORD), Outcome("present", ENTRY, RECORD),
                                          Outcome("problem", ENTRY, RECORD, "I.1.a April: foto.jpg: missing here")], failure="the connection was lost")  # fmt: skip
    assert transfer_line(report.outcomes[0]) == "sent I/I.1/I.1.a/2023-04/foto.jpg (1.5 MB)" and transfer_line(report.outcomes[1]) is None
    print_push(report)
    out = capsys.readouterr().out
    assert "I.1.a April: foto.jpg: missing here" in out and "1 file sent (1.5 MB)" in out and "1 already in the store" in out
    assert "run zi evidence push again to send the rest" in out
    print_pull(Transfer("s3://bukti", [Outcome("pulled", ENTRY, RECORD)]))
    out = capsys.readouterr().out
    assert "1 file fetched (1.5 MB), each checked against its sha256; 0 here already" in out and "stopped" not in out
    data = transfer_json(report)
    assert data["ok"] is False and [f["result"] for f in data["files"]] == ["uploaded", "present", "problem"]
    assert data["files"][0] == {"path": ENTRY.path, "sha256": ENTRY.sha256, "size": 1_500_000, "id": "I.1.a", "month": 4, "result": "uploaded", "problem": None}


def test_paths_are_printed_as_they_are(capsys, tmp_path):
    print_received(Received("[red]x[/red]", tmp_path, Path("p.yaml"), files=["[bold]a.pdf"]))
    out = capsys.readouterr().out
    assert "unit [red]x[/red]" in out and "added [bold]a.pdf" in out
