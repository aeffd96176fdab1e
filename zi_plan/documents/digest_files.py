"""The month's digest as files: text messages, Markdown, or email (one RFC 5322 message per team).

Files are named after the month and the team (``digest-2023-04-pengawasan.txt``;
``-1.txt``, ``-2.txt`` when the text is split into several messages) and
written atomically into the folder named, made when missing. A file already
there is refused without --force.

Emails are built with Python's ``email`` package. zi sends nothing: the office opens
the file in its mail program (X-Unsent marks it a draft to send) or hands it
to ``sendmail -t``. To: is the team's ``email`` in the plan and From: the
coordinator's; where the plan has none the header is left out, never made
up, and the command says so (a mail program asks for it; sendmail fills in
the sender). The body is the digest's plain text, whole (email has no
WhatsApp limit), in UTF-8, quoted-printable so that any mail server passes
it.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid
from pathlib import Path

from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_write, target_path
from zi_plan.fs.fsguard import write_error
from zi_plan.i18n import _, month_name
from zi_plan.progress.digest import Digest, blocks, markdown, text_messages


def subject(digest: Digest) -> str:
    return " ".join(_("Zona Integritas action plan, {period}: {team}").format(period=f"{month_name(digest.month)} {digest.year}", team=digest.team.name).split())  # one line


def message(digest: Digest, when: dt.datetime | None = None) -> EmailMessage:
    """The team's digest as an email, ready for a mail program or sendmail."""
    mail = EmailMessage()
    who = digest.coordinator
    if who and who.email:
        mail["From"] = formataddr((who.name, who.email))
    if digest.team.email:
        mail["To"] = ", ".join(formataddr(pair) for pair in getaddresses([digest.team.email]))
    mail["Subject"] = subject(digest)
    mail["Date"] = format_datetime(when or dt.datetime.now().astimezone())
    if who and who.email:
        mail["Message-ID"] = make_msgid(domain=who.email.rsplit("@", 1)[-1])
    mail["X-Unsent"] = "1"  # opened in a mail program, it is a draft to send
    body = "\n".join(line for block in blocks(digest, "*") for line in block).strip("\n") + "\n"
    mail.set_content(body, charset="utf-8", cte="quoted-printable")
    return mail


def missing_addresses(digests: list[Digest]) -> list[str]:
    """What the emails lack because the plan does not say it: for one warning each."""
    out = []
    if digests and not (digests[0].coordinator and digests[0].coordinator.email):
        out.append(_("the plan gives no coordinator's email: the files have no From: (your mail program or sendmail fills it in); add coordinator: email: to the plan"))
    teams = [d.team.name for d in digests if not d.team.email]
    if teams:
        out.append(_("no email in the plan for {teams}: their files have no To:; add email: to each team in the plan").format(teams=", ".join(teams)))
    return out


def file_name(digest: Digest, ext: str, part: int | None = None) -> str:
    stem = _("digest-{year}-{month:02d}-{team}").format(year=digest.year, month=digest.month, team=digest.team.id)
    return f"{stem}-{part}.{ext}" if part else f"{stem}.{ext}"


def documents(digest: Digest, fmt: str, limit: int) -> list[tuple[str, bytes]]:
    """(file name, content) for the team's digest in ``fmt``: text (one file per message), md or eml."""
    if fmt == "eml":
        return [(file_name(digest, "eml"), message(digest).as_bytes())]
    if fmt == "md":
        return [(file_name(digest, "md"), markdown(digest).encode("utf-8"))]
    messages = text_messages(digest, limit)
    if len(messages) == 1:
        return [(file_name(digest, "txt"), (messages[0] + "\n").encode("utf-8"))]
    return [(file_name(digest, "txt", n), (text + "\n").encode("utf-8")) for n, text in enumerate(messages, 1)]


def prepare(folder: Path) -> None:
    """The folder to write into: made when missing, with its parents (``-o pesan/2024-04`` from a cron job's first run); refused when it is a file."""

    try:
        if folder.exists() and not folder.is_dir():
            raise ZiError(_("{path} is a file: -o names the folder the digests are written to").format(path=folder))
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc) from None


def write(folder: Path, files: list[tuple[str, bytes]], *, force: bool = False) -> list[Path]:
    """Each (name, content) into ``folder`` (see ``prepare``), atomically; the paths written.

    Without ``force`` a file already there is refused before anything is
    written: last month's emails, or a message edited by hand, are not
    replaced in silence (as every other command that writes a file).
    """

    paths = [target_path(folder / name, name, force=force) for name, _data in files]
    for path, (_name, data) in zip(paths, files, strict=True):
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise write_error(path, exc) from None
    return paths
