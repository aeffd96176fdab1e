"""Finding, checking and loading plans, through the parsed-data cache (zi_plan.store.cache).

``check_text`` collects every problem in a file with its YAML line and column;
``load_plan`` returns a ``LoadedPlan`` or raises ``InvalidFile`` with all of them.

A plan whose exact content was validated before is not parsed at all: its
validated data comes back from the cache and only the views are built
(journals: zi_plan.store.journal_cache). Anything the cache cannot vouch for goes
the full way: parse and validate everything, every problem placed by line.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan, build_plan
from zi_plan.store import cache, plan_entry
from zi_plan.store.workspace import discover

# ---------------------------------------------------------------- reading files


def read_bytes(path: Path) -> bytes:
    """The file's bytes; anything unusual (not a regular file, unreadable) is
    left to yamlio.read_text, which says what is wrong."""
    from zi_plan.fs.fsguard import read_regular  # a FIFO or a device is never read

    try:
        return read_regular(path)
    except OSError:
        return _text(path).encode("utf-8")


def decode_text(path: Path, raw: bytes) -> str:
    """The text, for a parse; yamlio.read_text places a byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _text(path)


def _text(path: Path) -> str:
    from zi_plan.schema import yamlio  # PyYAML: a warm command never parses YAML

    try:
        return yamlio.read_text(path)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None


# ---------------------------------------------------------------- plans


def find_plan(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """(path, is it the bundled plan), found as zi_plan.store.workspace.discover says."""

    choice = discover(explicit)
    return choice.path, choice.bundled


def open_plan(explicit: str | os.PathLike[str] | None = None) -> LoadedPlan:
    """Find the plan as every command does, and load it."""

    choice = discover(explicit)
    plan = load_plan(choice.path)
    plan.bundled, plan.found_by = choice.bundled, choice.found_by
    return plan


def check_text(path: str, text: str) -> tuple[Any, list[Problem]]:
    """Parse and check a plan's text: (the parsed data, every problem); see zi_plan.schema.checks."""
    from zi_plan.schema.checks import plan_problems  # checking: only when the cache cannot vouch for the file (a warm command never validates)

    with cache.loading():
        return plan_problems(path, text)



class FileCheck(NamedTuple):
    """`zi validate` of one file: its problems; for a valid plan, its warnings."""

    path: str
    problems: list[Problem]
    # Drafts, unscheduled actions and placeholders at their lines, after
    # what concerns the whole file (ids derived from position with a journal).
    warnings: list[Problem]
    plan: LoadedPlan | None = None  # a valid plan's views: its journal is checked against them, without a second parse


def check_file(path: Path) -> FileCheck:
    """Every problem in the plan file at ``path`` and, when it is valid, every
    warning; the text is parsed once for all of them (it may be large)."""
    from zi_plan.schema import decree, placeholders, unfinished, yamlio  # `zi validate` only; PyYAML

    try:
        text = yamlio.read_text(path)
    except yamlio.YamlError as exc:
        return FileCheck(str(path), [exc.problem(str(path))], [])
    data, problems = check_text(str(path), text)
    if problems:
        return FileCheck(str(path), problems, [])
    # No warning about ids left to their position: a written id must be the
    # position's id anyway, so writing it keeps nothing in place; after an
    # insertion every command warns and documents wait for zi journal move.
    warnings = [*placeholders.warnings(path, text, data), *unfinished.warnings(path, text, data), *decree.warnings(path, text, data), *_lke_warnings(path, text, data)]
    return FileCheck(str(path), [], sorted(warnings, key=lambda p: (p.line or 0, p.column or 0)), build_plan(path, data))



def _lke_warnings(path: Path, text: str, data: Any) -> list[Problem]:
    """Reform codes on actions whose evidence is only a document (zi_plan.lke.planrefs); read only for a plan with LKE codes."""
    if "lke:" not in text:
        return []
    from zi_plan.lke.planrefs import reform_warnings  # the LKE rules: only for a plan that names LKE questions
    from zi_plan.schema import yamlio  # PyYAML: `zi validate` only

    found = reform_warnings(data)
    if not found:
        return []
    root = yamlio.compose(text)
    return [Problem(str(path), *yamlio.locate(root, loc), message) for loc, message in found]


def load_plan(path: Path) -> LoadedPlan:
    """The plan at ``path``, from the cache when this content was validated before."""
    with cache.loading():
        return _load_plan(path)


def _load_plan(path: Path) -> LoadedPlan:
    store = cache.open_store()
    hashed = None if store is None else _content(path)
    if store is not None and hashed is not None:
        cached = plan_entry.load(store, store.content_entry(path, hashed), path, hashed, lambda: _parse_again(path, hashed))
        if cached is not None:
            cached.fingerprint = hashed
            return cached
    raw = read_bytes(path)
    content = cache.sha256(raw)  # of the very bytes parsed, which may differ from those just hashed
    plan = _parse(path, raw)
    plan.fingerprint = content
    if store is not None:
        segments = plan_entry.segments(store, plan, content)
        if segments is not None:
            store.write(store.content_entry(path, content), segments)
    return plan


def _content(path: Path) -> str | None:
    """The SHA-256 of the file, read in pieces (a 50 MB plan is not copied whole when the cache has it);
    None when it cannot be read, which the full read then explains."""
    from zi_plan.fs.fsguard import open_regular  # a FIFO or a device is never read

    try:
        with open(open_regular(path), "rb", buffering=0) as fh:
            digest, buffer = hashlib.sha256(), bytearray(1 << 20)
            view = memoryview(buffer)
            while size := fh.readinto(buffer):
                digest.update(view[:size])
    except OSError:
        return None
    return digest.hexdigest()


def _parse(path: Path, raw: bytes) -> LoadedPlan:
    data, problems = check_text(str(path), decode_text(path, raw))
    if problems:
        raise InvalidFile(problems)
    return build_plan(path, data)


def _parse_again(path: Path, content: str) -> LoadedPlan:
    """The plan parsed as a cache entry's damaged block could not give it: only from the same content."""
    raw = read_bytes(path)
    if cache.sha256(raw) != content:
        raise ZiError(_("{path} changed while zi was reading it; run the command again").format(path=path))
    plan = _parse(path, raw)
    plan.fingerprint = content
    return plan
