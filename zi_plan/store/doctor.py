"""`zi doctor`: what is wrong with an office folder, and the command that fixes each.

It looks where people get stuck: which plan is found (or none), files and
folders in a shared folder that the group cannot write or that belong to
another group, what this account cannot write, a journal that does not
parse, partial copies left by an interrupted `zi done`, and a parsed-data
cache that cannot be trusted. It changes nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.fs.sharing import account_name, blocked, group_shared
from zi_plan.i18n import _
from zi_plan.store import cache
from zi_plan.store.cache_trust import untrusted
from zi_plan.store.evidence import partials
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan
from zi_plan.store.workspace import discover, journal_file_name, plans_in

MAX_LISTED = 20  # per kind of problem; the fix given covers the rest


class Finding(NamedTuple):
    kind: str  # plan, journal, mode, group, access, partial, cache
    path: str
    message: str
    fix: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "path": self.path, "message": self.message, "fix": self.fix}


class Report(NamedTuple):
    plan: str | None
    journal: str | None
    shared: bool
    findings: list[Finding]
    more: dict[str, int]  # kind -> problems found beyond those listed


def _tree(top: Path) -> list[Path]:
    """``top`` and everything below it, links not followed."""
    found = [top]
    for folder, dirs, files in os.walk(top):
        found += [Path(folder) / name for name in (*dirs, *files)]
    return found


def _shared_modes(plans: Path, found: list[Finding], more: dict[str, int]) -> None:
    """In a group-shared plans/: what the group cannot write, and what belongs to another group."""

    office = os.stat(plans)
    group = account_name("group", office.st_gid)
    decrees = set(plans_in(plans))  # edited by people, never written by zi: their modes are the office's choice
    for path in _tree(plans):
        if path in decrees:
            continue
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(st.st_mode):
            continue
        folder = stat.S_ISDIR(st.st_mode)
        wanted = (0o070 | (office.st_mode & stat.S_ISGID)) if folder else 0o060
        if st.st_mode & wanted != wanted:
            _add(found, more, Finding("mode", str(path), _("the group {group} cannot write it (mode {mode})").format(group=group, mode=stat.filemode(st.st_mode)),
                                      f"chmod -R g+rwX{',g+s' if folder and office.st_mode & stat.S_ISGID else ''} {path}"))  # fmt: skip
        if st.st_gid != office.st_gid:
            _add(found, more, Finding("group", str(path), _("it belongs to the group {other}, not the office's {group}").format(
                other=account_name("group", st.st_gid), group=group), f"chgrp -R {group} {path}"))  # fmt: skip


def _add(found: list[Finding], more: dict[str, int], finding: Finding) -> None:
    if sum(f.kind == finding.kind for f in found) < MAX_LISTED:
        found.append(finding)
    else:
        more[finding.kind] = more.get(finding.kind, 0) + 1


def _access(paths: list[Path], found: list[Finding]) -> None:
    """What this account cannot write, among the files and folders zi writes."""

    for path in paths:
        if os.path.lexists(path) and not os.access(path, os.W_OK):
            why = blocked(path)
            found.append(Finding("access", str(path), why or _("this account cannot write it")))


def _cache(found: list[Finding]) -> None:
    root = cache.folder()
    if root is None:
        return
    for path, secret in ((root.parent, False), (root, False), (root / "key", True)):
        why = untrusted(path, secret=secret)
        if why is not None:
            fix = f"chmod 700 {path}" if not secret and "others" in why else f"rm -rf {path}"
            found.append(Finding("cache", str(path), _("the parsed-data cache is not used: {why}").format(why=why), fix))
            return


def examine(plan_option: str | None = None) -> Report:
    """Everything `zi doctor` checks, from the current folder (or for ``plan_option``)."""

    found: list[Finding] = []
    more: dict[str, int] = {}
    _cache(found)
    try:
        choice = discover(plan_option)
    except ZiError as exc:
        found.append(Finding("plan", str(Path.cwd()), exc.message))
        return Report(None, None, False, found, more)
    if choice.found_by == "bundled":
        found.append(Finding("plan", str(Path.cwd()), _("no plan found in this folder or above it (zi looks for a folder holding plans/*.yaml): "
                                                        "commands would read the plan bundled with zi"), _("cd OFFICE_FOLDER  # or: zi init")))  # fmt: skip
        return Report(None, None, False, found, more)
    plans = choice.path.parent

    journal = plans / journal_file_name(choice.path)
    shared = group_shared(plans)
    if shared:
        _shared_modes(plans, found, more)
    lock = journal.with_name(f".{journal.name}.lock")
    evidence = journal.with_name(journal.name.removesuffix(".progress.yaml") + ".evidence")
    folders = [p for p in _tree(evidence) if p.is_dir() and not p.is_symlink()] if evidence.is_dir() else []
    _access([plans, journal, lock, *folders], found)
    _journal(choice.path, found)
    return Report(str(choice.path), str(journal), shared, found, more)


def _journal(plan_path: Path, found: list[Finding]) -> None:
    """A plan or journal that does not load, and partial copies left in the store."""

    try:
        plan = load_plan(plan_path)
        journal = load_journal(plan)
    except InvalidFile as exc:
        for problem in exc.problems[:MAX_LISTED]:
            found.append(Finding("journal", problem.where(), problem.message, _("fix the line shown in an editor; zi never rewrites a file it cannot read") if problem.line is not None else None))
        return
    except ZiError as exc:
        found.append(Finding("journal", str(plan_path), exc.message))
        return
    for path in partials(journal):
        found.append(Finding("partial", str(path), _("a partial copy left by an interrupted zi done; the next zi done or zi undo removes it"), f"rm {path}"))
    for path in journal.path.parent.glob(f".{journal.path.name}.*.tmp"):
        found.append(Finding("partial", str(path), _("a half-written journal left by an interrupted zi; the next zi done or zi undo removes it"), f"rm {path}"))


def to_json(report: Report) -> dict[str, Any]:
    return {"plan": report.plan, "journal": report.journal, "group_shared": report.shared, "ok": not report.findings,
            "findings": [f.to_json() for f in report.findings], "not_listed": report.more}  # fmt: skip
