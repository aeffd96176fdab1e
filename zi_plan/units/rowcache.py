"""What the roll-up keeps in the parsed-data cache (zi_plan.store.cache): rows, and the files it hashed.

A unit's numbers depend only on its plan's content, its journal's content,
the month, its predicate, and zi itself (the cache's context): so they are
kept under a key of exactly those, beside the plan's own cache entries
(``rollup-<key>.zic``). A warm roll-up reads each plan and journal to hash
them and reads its row, and parses nothing.

The evidence files are a different matter: they change without the
journal changing. Each stored file that counts is checked on every
roll-up, like ``git status`` does: a file whose size, times, inode and
device are those it had when it was last hashed and matched its record is
not read again; any other is hashed again (zi_plan.fs.jail.check_stored, the
check `zi verify` makes). A file changed within two seconds of its hashing
is never taken on trust (the times may not have moved yet). `zi verify`
always hashes everything.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Any

from zi_plan.fs.fsguard import read_regular
from zi_plan.fs.jail import check_stored
from zi_plan.store import cache
from zi_plan.store.workspace import journal_file_name
from zi_plan.units.rollup import Month, Numbers

_RACY = 2.0  # seconds: a file changed this close to its hashing is hashed again next time


def journal_path(plan_path: Path) -> Path:
    """Where zi keeps a plan's journal (zi_plan.store.workspace.journal_paths, for a plan that is not the bundled one)."""
    return plan_path.with_name(journal_file_name(plan_path))


def evidence_dir(plan_path: Path) -> Path:
    return plan_path.with_name(journal_file_name(plan_path).removesuffix(".progress.yaml") + ".evidence")


def content_key(plan_path: Path) -> tuple[str, str] | None:
    """(sha256 of the plan, of its journal or '-' when it has none), or None when either cannot be read."""

    try:
        plan_sha = cache.sha256(read_regular(plan_path))
        journal = journal_path(plan_path)
        journal_sha = cache.sha256(read_regular(journal)) if os.path.lexists(journal) else "-"
    except OSError:
        return None
    return plan_sha, journal_sha


def _entry(store: cache.Store, plan_path: Path, key: tuple[Any, ...]) -> Path:
    name = cache.sha256(repr((store.context, *key)).encode())[:40]
    return store.plan_folder(plan_path) / f"rollup-{name}.zic"


def lookup(plan_path: Path, as_of: int, predicate: str, name: str) -> tuple[Numbers, tuple[tuple[str, str], ...]] | None:
    """The row kept for this plan and journal content, month and predicate, if any.

    ``name`` is the plan as the register names it (the row shows it): with it in
    the key, a row another folder kept (zi_plan.store.cache) is taken only when
    it would say the same."""
    store = cache.open_store()
    contents = content_key(plan_path) if store is not None else None
    if store is None or contents is None:
        return None
    key = (*contents, as_of, predicate, name)
    payloads = store.read(_entry(store, plan_path, key))
    if len(payloads) != 1:
        return None
    try:
        kind, ctx, found_key, numbers, files = payloads[0]
        if kind != "rollup" or ctx != store.context or tuple(found_key) != key:
            return None
        values = list(numbers)
        values[Numbers._fields.index("months")] = tuple(Month(*m) for m in values[Numbers._fields.index("months")])
        return Numbers(*values), tuple((p, s) for p, s in files)
    except (ValueError, TypeError):
        return None


def remember(plan_path: Path, contents: tuple[str, str], as_of: int, predicate: str, numbers: Numbers, files: tuple[tuple[str, str], ...]) -> None:
    """Keep a row computed from exactly ``contents`` (the plan's fingerprint and the journal's hash as loaded)."""
    store = cache.open_store()
    if store is None:
        return
    key = (*contents, as_of, predicate, numbers.plan)
    plain: list[Any] = list(numbers)
    plain[Numbers._fields.index("months")] = tuple(tuple(m) for m in numbers.months)  # marshal keeps plain tuples only
    segment = store.segment(("rollup", store.context, key, tuple(plain), files))
    if segment is not None:
        store.write(_entry(store, plan_path, key), [segment])


# ---------------------------------------------------------------- evidence files


def check_files(plan_path: Path, files: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(missing, changed): the stored files that count, checked as the module says."""

    folder = evidence_dir(plan_path)
    store = cache.open_store()
    entry = None if store is None else store.plan_folder(plan_path) / "hashed.zic"
    known = _known(store, entry, folder)
    now: dict[str, tuple[Any, ...]] = {}
    missing: list[str] = []
    changed: list[str] = []
    for stored, sha in files:
        signature = _signature(folder, stored)
        if signature is not None and known.get(stored) == (sha, *signature):
            now[stored] = known[stored]
            continue
        checked = check_stored(folder, stored, sha)
        if checked.state == "changed":
            changed.append(stored)
        elif checked.state != "ok":
            missing.append(stored)
        elif signature is not None and signature == _signature(folder, stored) and time.time() - signature[3] / 1e9 > _RACY:
            now[stored] = (sha, *signature)
    if store is not None and entry is not None and now != known:
        segment = store.segment(("hashed", store.context, str(folder), now))
        if segment is not None:
            store.write(entry, [segment])
    return tuple(missing), tuple(changed)


def _signature(folder: Path, stored: str) -> tuple[int, int, int, int, int] | None:
    """What changes when a file's content may have: (size, inode, device, mtime, ctime); None when not a regular file."""
    try:
        st = os.lstat(os.path.join(folder, *stored.split("/")))
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return (st.st_size, st.st_ino, st.st_dev, max(st.st_mtime_ns, st.st_ctime_ns), st.st_ctime_ns)


def _known(store: cache.Store | None, entry: Path | None, folder: Path) -> dict[str, tuple[Any, ...]]:
    if store is None or entry is None:
        return {}
    payloads = store.read(entry, adopt=False)  # sizes, times and inodes of these very files: never another folder's
    try:
        kind, ctx, where, known = payloads[0]
        if kind == "hashed" and ctx == store.context and where == str(folder) and isinstance(known, dict):
            return known
    except (ValueError, TypeError, IndexError):
        pass
    return {}
