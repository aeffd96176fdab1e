"""`zi digest` (issue 26): the month's message to each team, checked for April 2023 in both languages and for every team."""

from __future__ import annotations

import email
import email.policy
import json

import pytest

from tests import digests
from tests.conftest import REPO
from tests.digests import TEAMS
from zi_plan.progress import digest
from zi_plan.progress.due import due
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan


@pytest.fixture
def office(tmp_path):
    return digests.office(tmp_path)


@pytest.fixture
def signed(office):
    return digests.sign(office)


# ---------------------------------------------------------------- April 2023, every team, both languages


WORDS = {
    "id": ("Yth. {team},", "Jatuh tempo April 2023", "Terlambat", "Selesai sejak pesan lalu (dicatat pada Maret 2023)", "Batas waktu: 30 April 2023", "Bukti: "),
    "en": ("Dear {team},", "Due in April 2023", "Overdue", "Done since the last digest (recorded in March 2023)", "Deadline: 30 April 2023", "Evidence: "),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("team", TEAMS)
def test_april_2023_digest_of_every_team(zi, signed, lang, team):
    result = zi("--lang", lang, "digest", "--month", "4", "--team", team, "--plan", str(signed))
    assert result.code == 0, result.err
    text = result.out
    plan = load_plan(signed)
    journal = load_journal(plan)
    report = due(plan, journal, 4, team)
    name = plan.team(team).name
    dear, due_heading, overdue_heading, since_heading, deadline, evidence = WORDS[lang]
    assert text.startswith(f"*{'Rencana Aksi Zona Integritas' if lang == 'id' else 'Zona Integritas action plan'} — {name}*\n")
    for words in (dear.format(team=name), due_heading, overdue_heading, since_heading, deadline):
        assert words in text
    # The month's and the overdue occurrences are `zi due`'s, each with its evidence to collect while open.
    for d in report.due + report.overdue:
        assert f" {d.action.id} " in text
        if d.status == "open":
            assert evidence + "; ".join(d.action.evidence) in text
    assert text.count("\n• ") + text.count("\n✓ ") >= len(report.due) + len({d.action.id for d in report.overdue})
    # Done since the last digest: recorded in March, still done, in this team's actions only.
    done_ids = {"sdm": ["III.2.a", "III.4.a"], "pengawasan": ["V.1.a"]}.get(team, [])
    since = text[text.index(since_heading):]
    for other in ("I.1.a", "II.2.a", "V.2.a", "III.2.a", "III.4.a", "V.1.a"):
        assert (f"✓ {other} " in since) == (other in done_ids), other
    assert "Yulius Tabate\nSekretaris Tim Zona Integritas" in text  # signed by the coordinator the plan names
    assert "plan " in result.err or "rencana " in result.err  # which plan and journal: on stderr, not in the message


def test_the_digest_is_indonesian_by_default_whatever_the_locale(zi, signed, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    result = zi("digest", "--month", "4", "--team", "sdm", "--plan", str(signed))
    assert result.code == 0 and "Yth. Tim Sistem Manajemen" in result.out and "Jatuh tempo April 2023" in result.out
    assert "plan " in result.err  # the terminal's own lines keep the terminal's language
    monkeypatch.setenv("ZI_LANG", "en")
    assert "Dear Tim Sistem Manajemen" in zi("digest", "--month", "4", "--team", "sdm", "--plan", str(signed)).out


def test_a_done_occurrence_due_this_month_says_who_and_when(zi, signed):
    out = zi("--lang", "id", "digest", "--month", "4", "--team", "pengawasan", "--plan", str(signed)).out
    assert "✓ V.1.a Public Campaign" in out and "selesai 28 Maret 2023 oleh Yohanis Baru" in out


def test_without_a_coordinator_the_digest_is_signed_by_the_role_and_the_command_says_so(zi, office):
    result = zi("digest", "--month", "4", "--team", "sdm", "--plan", str(office))
    assert result.code == 0 and result.out.rstrip().endswith("Salam,\nKoordinator Zona Integritas")
    assert "names no coordinator" in result.err


def test_january_looks_back_at_december_and_every_team_gets_one(zi, office):
    data = json.loads(zi("digest", "--month", "1", "--json", "--plan", str(office)).out)
    assert [t["team_id"] for t in data["teams"]] == TEAMS
    assert all(t["done_since"] == {"from": "2022-12-01", "until": "2023-01-01"} and t["done"] == [] for t in data["teams"])


def test_json_holds_the_data_and_the_messages(zi, signed):
    data = json.loads(zi("digest", "--month", "4", "--team", "pengawasan", "--json", "--plan", str(signed)).out)
    (team,) = data["teams"]
    assert team["deadline"] == "2023-04-30" and team["coordinator"] == "Yulius Tabate" and team["email"].startswith("pengawasan@")
    assert [d["id"] for d in team["done"]] == ["V.1.a"] and len(team["messages"]) == 1
    assert (team["due"][0]["id"], team["due"][0]["month"], team["due"][0]["status"]) == ("V.1.a", 4, "done")


# ---------------------------------------------------------------- WhatsApp's limit


def test_the_real_december_digest_of_the_busiest_team_is_split(zi, office):
    result = zi("digest", "--month", "12", "--team", "pengawasan", "--plan", str(office))
    messages = json.loads(zi("digest", "--month", "12", "--team", "pengawasan", "--json", "--plan", str(office)).out)["teams"][0]["messages"]
    assert len(messages) == 2 and all(digest.length(m) <= 4096 for m in messages)
    assert "(1/2) Tim Pengawasan · Desember 2023" in result.out and "(2/2) Tim Pengawasan · Desember 2023" in result.out
    assert result.out.count("=====") == 4  # a rule above each message, to tell them apart in the terminal


def test_limit_option_splits_the_text_files(zi, signed, tmp_path):
    out = tmp_path / "pesan"
    assert zi("digest", "--month", "4", "--team", "sdm", "--limit", "600", "-o", str(out), "--plan", str(signed)).code == 0
    files = sorted(out.iterdir())
    assert len(files) > 1 and [f.name for f in files][:2] == ["pesan-2023-04-sdm-1.txt", "pesan-2023-04-sdm-2.txt"]
    assert all(digest.length(f.read_text(encoding="utf-8").rstrip("\n")) <= 600 for f in files)


# ---------------------------------------------------------------- email and Markdown


def test_eml_writes_one_rfc_5322_message_per_team(zi, signed, tmp_path):
    out = tmp_path / "surel"
    result = zi("digest", "--month", "4", "--format", "eml", "-o", str(out), "--plan", str(signed))
    assert result.code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"pesan-2023-04-{t}.eml" for t in TEAMS)
    raw = (out / "pesan-2023-04-pengawasan.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["From"] == "Yulius Tabate <yulius@kpu-tambrauw.go.id>"
    assert [a.addr_spec for a in message["To"].addresses] == ["pengawasan@kpu-tambrauw.go.id", "ani@kpu-tambrauw.go.id"]
    assert message["Subject"] == "Rencana Aksi Zona Integritas, April 2023: Tim Pengawasan"
    assert message["Date"].datetime is not None and message["X-Unsent"] == "1" and message["Message-ID"].endswith("@kpu-tambrauw.go.id>")
    body = message.get_content()
    assert "Yth. Tim Pengawasan," in body and "Bukti: " in body and "Yulius Tabate" in body
    assert all(len(line) <= 78 for line in raw.decode("ascii").splitlines())  # 7-bit, lines short: any mail server passes it
    assert "no email in the plan for Tim Manajemen Perubahan" in result.err and "Tim Pengawasan" not in result.err.split("no email")[1]
    sdm = email.message_from_bytes((out / "pesan-2023-04-sdm.eml").read_bytes(), policy=email.policy.default)
    assert sdm["To"] is None  # not in the plan: not made up


def test_eml_without_a_coordinator_has_no_sender_and_says_so(zi, office, tmp_path):
    result = zi("digest", "--month", "4", "--team", "sdm", "--format", "eml", "-o", str(tmp_path), "--plan", str(office))
    message = email.message_from_bytes((tmp_path / "pesan-2023-04-sdm.eml").read_bytes(), policy=email.policy.default)
    assert result.code == 0 and message["From"] is None and "no From:" in result.err


def test_markdown_digest(zi, signed):
    out = zi("digest", "--month", "4", "--team", "sdm", "--format", "md", "--plan", str(signed)).out
    assert out.startswith("# Rencana Aksi Zona Integritas — Tim Sistem Manajemen Sumber Daya Manusia\n")
    assert "\n### Jatuh tempo April 2023" in out and "\n- III." in out and "=====" not in out
    assert "Yth. Tim Sistem Manajemen Sumber Daya Manusia,\\\n" in out  # a hard break: the greeting's lines stay lines


def test_plan_text_is_only_text_in_markdown_and_on_the_terminal(zi, office):
    indicator = "Kebutuhan pegawai yang disusun oleh unit kerja mengacu kepada peta jabatan"
    text = office.read_text(encoding="utf-8").replace(f"indicator: {indicator}", f'indicator: "[x](javascript:alert(1)) <b>*bold*</b> \\x1b[2J {indicator}"')
    office.write_text(text, encoding="utf-8")
    md = zi("digest", "--month", "5", "--team", "sdm", "--format", "md", "--plan", str(office)).out
    assert "\\[x\\](javascript:alert(1)) \\<b\\>\\*bold\\*\\</b\\>" in md
    plain = zi("digest", "--month", "5", "--team", "sdm", "--plan", str(office)).out
    assert "\x1b" not in plain and "[2J" not in plain and "</b>  Kebutuhan pegawai" in plain  # the escape sequence is gone, whole


def test_a_plan_of_an_older_format_has_its_digest(zi, tmp_path):
    result = zi("digest", "--month", "2", "--plan", str(REPO / "tests" / "fixtures" / "plan-v2.yaml"))
    assert result.code == 0 and "Rencana Aksi Zona Integritas — Tim" in result.out


def test_output_must_be_a_folder(zi, signed, tmp_path):
    target = tmp_path / "x.txt"
    target.write_text("keep", encoding="utf-8")
    result = zi("digest", "--month", "4", "-o", str(target), "--plan", str(signed))
    assert result.code == 1 and "is a file" in result.err and target.read_text(encoding="utf-8") == "keep"
