"""documents.digest_files: the month's digest as text, Markdown or email files, named by month and team, written atomically."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest

from tests import digests
from zi_plan.documents import digest_files
from zi_plan.errors import ZiError
from zi_plan.progress import digest
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan

WHEN = dt.datetime(2023, 4, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def team_digests(folder, signed: bool = True) -> dict[str, digest.Digest]:
    path = digests.office(folder)
    plan = load_plan(digests.sign(path) if signed else path)
    return {d.team.id: d for d in digest.digests(plan, load_journal(plan), 4)}


@pytest.fixture
def april(tmp_path):
    return team_digests(tmp_path)


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def test_the_email_is_from_the_coordinator_to_the_teams_addresses(april):
    mail = parsed(digest_files.message(april["pengawasan"], WHEN).as_bytes())
    assert mail["From"] == "Yulius Tabate <yulius@kpu-tambrauw.go.id>"
    assert [a.addr_spec for a in mail["To"].addresses] == ["pengawasan@kpu-tambrauw.go.id", "ani@kpu-tambrauw.go.id"]
    assert mail["Subject"] == "Zona Integritas action plan, April 2023: Tim Pengawasan"
    assert mail["Date"].datetime == WHEN and mail["X-Unsent"] == "1" and mail["Message-ID"].endswith("@kpu-tambrauw.go.id>")
    body = mail.get_content()
    assert body.startswith("*Zona Integritas action plan — Tim Pengawasan*\n") and body.endswith("\n") and "Evidence: " in body


def test_what_the_plan_does_not_say_is_left_out_of_the_email_never_made_up(tmp_path):
    unsigned = team_digests(tmp_path, signed=False)
    mail = parsed(digest_files.message(unsigned["sdm"], WHEN).as_bytes())
    assert (mail["From"], mail["To"], mail["Message-ID"]) == (None, None, None)
    assert mail["Subject"] and mail["X-Unsent"] == "1"


def test_the_email_is_7_bit_with_short_lines_whatever_the_plans_text(april):
    raw = digest_files.message(april["sdm"], WHEN).as_bytes()
    assert all(len(line) <= 78 for line in raw.decode("ascii").splitlines())  # any mail server passes it
    assert "—" in parsed(raw).get_content()  # and it reads back whole


def test_a_subject_stays_on_one_line():
    team = digest.TeamView("x", "Tim\nDua  Baris")
    d = digest.Digest(team, 4, 2023, "KPU", [], [], [], dt.date(2023, 3, 1), dt.date(2023, 4, 1), dt.date(2023, 4, 30), None)
    assert digest_files.subject(d) == "Zona Integritas action plan, April 2023: Tim Dua Baris"


def test_missing_addresses_are_told_once_each(tmp_path, april):
    (tmp_path / "other").mkdir()
    unsigned = list(team_digests(tmp_path / "other", signed=False).values())
    notes = digest_files.missing_addresses(unsigned)
    assert len(notes) == 2 and "no coordinator's email" in notes[0] and "Tim Pengawasan" in notes[1]
    notes = digest_files.missing_addresses(list(april.values()))
    assert len(notes) == 1 and notes[0].startswith("no email in the plan for Tim Manajemen Perubahan, ")
    assert "Tim Pengawasan" not in notes[0] and "Tim Penguatan Akuntabilitas" not in notes[0]
    assert digest_files.missing_addresses([april["pengawasan"]]) == [] and digest_files.missing_addresses([]) == []


def test_file_names_carry_the_month_the_team_and_the_part(april):
    d = april["sdm"]
    assert digest_files.file_name(d, "eml") == "digest-2023-04-sdm.eml"
    assert digest_files.file_name(d, "txt", 2) == "digest-2023-04-sdm-2.txt"


def test_file_names_in_indonesian(april, indonesian):
    assert digest_files.file_name(april["sdm"], "md") == "pesan-2023-04-sdm.md"


def test_documents_in_each_format(april):
    d = april["sdm"]
    [(name, data)] = digest_files.documents(d, "md", 4096)
    assert name == "digest-2023-04-sdm.md" and data.decode("utf-8") == digest.markdown(d)
    [(name, data)] = digest_files.documents(d, "txt", 4096)
    assert name == "digest-2023-04-sdm.txt" and data.decode("utf-8") == digest.text_messages(d)[0] + "\n"
    [(name, data)] = digest_files.documents(d, "eml", 300)  # email has no WhatsApp limit: one whole message
    assert name == "digest-2023-04-sdm.eml" and parsed(data)["Subject"]


def test_a_text_over_the_limit_is_one_file_per_message(april):
    files = digest_files.documents(april["sdm"], "text", 600)
    assert [name for name, _data in files] == [f"digest-2023-04-sdm-{n}.txt" for n in range(1, len(files) + 1)] and len(files) > 1
    assert all(digest.length(data.decode("utf-8").rstrip("\n")) <= 600 for _name, data in files)


def test_prepare_makes_the_folder_or_says_why_not(tmp_path):
    digest_files.prepare(tmp_path / "pesan")
    digest_files.prepare(tmp_path / "pesan")  # there already: fine
    assert (tmp_path / "pesan").is_dir()
    (tmp_path / "x.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ZiError) as caught:
        digest_files.prepare(tmp_path / "x.txt")
    assert "is a file: -o names the folder the digests are written to" in caught.value.message
    digest_files.prepare(tmp_path / "no" / "pesan")  # with its parents: a cron job's -o pesan/2024-04, first run
    assert (tmp_path / "no" / "pesan").is_dir()
    with pytest.raises(ZiError) as caught:
        digest_files.prepare(tmp_path / "x.txt" / "pesan")  # below a file: the OS error in zi's words
    assert str(tmp_path / "x.txt") in caught.value.message
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "keep"


def test_write_puts_each_file_in_the_folder_and_replaces_an_older_one_only_with_force(tmp_path):
    (tmp_path / "a.txt").write_text("old", encoding="utf-8")
    with pytest.raises(ZiError, match="a.txt exists; add --force"):
        digest_files.write(tmp_path, [("a.txt", b"x"), ("b.md", b"# b\n")])
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old" and not (tmp_path / "b.md").exists()  # checked before any is written
    written = digest_files.write(tmp_path, [("a.txt", "baru ✓\n".encode()), ("b.md", b"# b\n")], force=True)
    assert written == [tmp_path / "a.txt", tmp_path / "b.md"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "baru ✓\n"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["a.txt", "b.md"]  # no temporary file left


def test_a_file_that_cannot_be_written_is_one_message(tmp_path, monkeypatch):
    def refused(path, data):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(digest_files, "atomic_write", refused)  # as a read-only folder would, even for root
    with pytest.raises(ZiError) as caught:
        digest_files.write(tmp_path, [("a.txt", b"x")])
    assert str(tmp_path / "a.txt") in caught.value.message and not (tmp_path / "a.txt").exists()
