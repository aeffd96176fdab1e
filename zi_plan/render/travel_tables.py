"""What zi prints when records and evidence travel: unit packs, receiving, push, pull, verify --remote."""

from __future__ import annotations

from typing import Any

from zi_plan.i18n import _, language, ngettext
from zi_plan.render.tables import console, esc
from zi_plan.store.workspace import shown


def size_text(n: int) -> str:
    """'1,5 MB' (Indonesian) or '1.5 MB': sizes in decimal units, as file managers show them."""
    value, unit = float(n), "B"
    for unit in ("B", "kB", "MB", "GB", "TB"):  # noqa: B007 - the last one reached is the one used
        if value < 1000 or unit == "TB":
            break
        value /= 1000
    text = f"{value:.0f}" if unit == "B" or value >= 100 else f"{value:.1f}"
    return f"{text.replace('.', ',') if language() == 'id' else text} {unit}"


def print_unit_pack(result: Any, target: Any) -> None:
    made = result.manifest
    out = console()
    records = ngettext("{n} record", "{n} records", result.records).format(n=result.records)
    files = ngettext("{n} evidence file", "{n} evidence files", len(made.files)).format(n=len(made.files))
    kind = _("full pack") if made.full else _("records {first} to {last}").format(first=made.records_from + 1, last=made.records_to)
    out.print(_("written {path}: unit {unit}, {year}, {kind}: {records}, {files} ({size})").format(
        path=esc(str(shown(target))), unit=esc(made.unit), year=made.year, kind=kind, records=records, files=files, size=size_text(result.bytes)), soft_wrap=True)  # fmt: skip
    if result.from_store:
        out.print(ngettext("{n} file was taken from the evidence store (missing here)", "{n} files were taken from the evidence store (missing here)",
                           result.from_store).format(n=result.from_store))  # fmt: skip


def received_json(result: Any) -> dict[str, Any]:
    return {"unit": result.unit, "folder": str(result.folder), "plan": str(result.plan), "plan_added": result.plan_added,
            "records_added": result.records, "records_known": result.records_known, "files_added": result.files,
            "files_known": result.files_known, "bytes_added": result.bytes}  # fmt: skip


def print_received(result: Any) -> None:
    out = console()
    out.print(_("unit {unit} → {folder}").format(unit=esc(result.unit), folder=esc(str(shown(result.folder)))), soft_wrap=True)
    if result.plan_added:
        out.print(_("added the plan {path}").format(path=esc(str(shown(result.plan)))), soft_wrap=True)
    for path in result.files:
        out.print(_("added {path}").format(path=esc(path)), soft_wrap=True)
    records = ngettext("{n} record added", "{n} records added", result.records).format(n=result.records)
    files = ngettext("{n} file added", "{n} files added", len(result.files)).format(n=len(result.files))
    known = _("already here: {records}, {files}").format(
        records=ngettext("{n} record", "{n} records", result.records_known).format(n=result.records_known),
        files=ngettext("{n} file", "{n} files", result.files_known).format(n=result.files_known))  # fmt: skip
    out.print(f"{records}, {files} ({size_text(result.bytes)}); {known}", soft_wrap=True)
    if not result.records and not result.files and not result.plan_added:
        out.print(_("nothing new: this pack was received before"))


def transfer_line(outcome: Any) -> str | None:
    """One line per file as a push or a pull goes (on stderr): what moved; problems wait for the end."""
    if outcome.kind == "uploaded":
        return _("sent {path} ({size})").format(path=esc(outcome.entry.path), size=size_text(outcome.entry.size or 0))
    if outcome.kind == "pulled":
        return _("fetched {path} ({size})").format(path=esc(outcome.entry.path), size=size_text(outcome.entry.size or 0))
    return None


def say(out: Any, line: str | None) -> None:
    if line:
        out.print(line, soft_wrap=True)


def print_push(report: Any) -> None:
    sent = ngettext("{n} file sent", "{n} files sent", report.count("uploaded")).format(n=report.count("uploaded"))
    there = ngettext("{n} already in the store", "{n} already in the store", report.count("present")).format(n=report.count("present"))
    _print_transfer(report, _("evidence store {store}: {sent} ({size}), each read back with its sha256; {there}").format(
        store=esc(report.store), sent=sent, size=size_text(report.bytes("uploaded")), there=there),
        _("stopped: run zi evidence push again to send the rest"))  # fmt: skip


def print_pull(report: Any) -> None:
    pulled = ngettext("{n} file fetched", "{n} files fetched", report.count("pulled")).format(n=report.count("pulled"))
    here = ngettext("{n} here already", "{n} here already", report.count("here")).format(n=report.count("here"))
    _print_transfer(report, _("evidence store {store}: {pulled} ({size}), each checked against its sha256; {here}").format(
        store=esc(report.store), pulled=pulled, size=size_text(report.bytes("pulled")), here=here),
        _("stopped: run zi evidence pull again to fetch the rest"))  # fmt: skip


def _print_transfer(report: Any, summary: str, stopped: str) -> None:
    """A push's or a pull's end: its problems, its summary, and what to do if it stopped."""
    out = console()
    for line in report.problems:
        out.print(esc(line), soft_wrap=True)
    out.print(summary, soft_wrap=True)
    if report.failure:
        out.print(esc(report.failure) + "; " + stopped, soft_wrap=True)


def transfer_json(report: Any) -> dict[str, Any]:
    return {"store": report.store, "ok": not report.failure and not report.problems, "failure": report.failure,
            "files": [{"path": o.entry.path, "sha256": o.entry.sha256, "size": o.entry.size, "id": o.record.action,
                       "month": o.record.month or None, "result": o.kind, "problem": o.line} for o in report.outcomes]}  # fmt: skip


def print_remote(store: str, checked: int, problems: list[Any], only_there: int) -> None:
    """`zi verify --remote`: the store's part, after the local one."""
    out = console()
    for problem in problems:
        out.print(esc(problem.line()), soft_wrap=True)
    files = ngettext("{n} evidence file checked in the store", "{n} evidence files checked in the store", checked).format(n=checked)
    found = ngettext("{n} problem", "{n} problems", len(problems)).format(n=len(problems))
    out.print(_("evidence store {store}: {files} (presence, size, sha256), {found}").format(store=esc(store), files=files, found=found), soft_wrap=True)
    if only_there:
        out.print(ngettext("{n} file is only in the store (not here): it counts, as the store holds it", "{n} files are only in the store (not here): they count, as the store holds them",
                           only_there).format(n=only_there))  # fmt: skip
