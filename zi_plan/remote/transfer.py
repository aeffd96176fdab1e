"""`zi evidence push`, `zi evidence pull`, `zi verify --remote`, and files for the packs.

Push uploads what the store lacks: every stored file a record names
(withdrawn ones too: the journal's history names them), once per sha256, a
few at a time in parallel (small files are many, and each costs round trips
more than bytes). It stops at the first failure, says it in one line after
what did land, and a re-run goes on from there: a file is under its name in
the store only once it was read back there with its hash.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from zi_plan.errors import ZiError
from zi_plan.fs.jail import check_stored, locate
from zi_plan.i18n import _, month_name
from zi_plan.model.journal import EvidenceEntry, Journal, Record
from zi_plan.model.stores import StoreAddress
from zi_plan.remote.store import Mismatch, RemoteStore
from zi_plan.store.evidence import counted, named

JOBS = 4  # files in flight at once: enough to hide round trips, few enough for an office's link
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Outcome:
    """What became of one file: "uploaded", "present", "pulled", "here", or a problem."""

    kind: str
    entry: EvidenceEntry
    record: Record
    line: str | None = None  # the problem, in one line


@dataclass
class Transfer:
    """A push's or a pull's report."""

    store: str
    outcomes: list[Outcome] = field(default_factory=list)
    failure: str | None = None  # what stopped it: the rest was not tried

    def count(self, kind: str) -> int:
        return sum(1 for o in self.outcomes if o.kind == kind)

    def bytes(self, kind: str) -> int:
        return sum(o.entry.size or 0 for o in self.outcomes if o.kind == kind)

    @property
    def problems(self) -> list[str]:
        return [o.line for o in self.outcomes if o.line]


def where(record: Record, entry: EvidenceEntry) -> str:
    """'II.2.a April: II/II.2/II.2.a/2023-04/foto.jpg': a file as the user knows it."""
    when = f"{record.action} {month_name(record.month)}" if record.month else record.action
    return f"{when}: {entry.path}"


def run_parallel(items: list[T], work: Callable[[T], R], jobs: int, on_done: Callable[[R], None] | None = None) -> tuple[list[R], BaseException | None]:
    """``work`` on each item, ``jobs`` at a time; after the first exception no new item starts.

    Returns the results in completion order and the exception, if one stopped it.
    """
    results: list[R] = []
    stop = threading.Event()
    failures: list[BaseException] = []
    lock = threading.Lock()

    def one(item: T) -> None:
        if stop.is_set():
            return
        try:
            result = work(item)
        except BaseException as exc:  # noqa: BLE001 - reported once, by the caller, in one line
            with lock:
                failures.append(exc)
            stop.set()
            return
        with lock:
            results.append(result)
            if on_done is not None:
                on_done(result)

    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="zi-store") as pool:
        list(pool.map(one, items))
    return results, (failures[0] if failures else None)


# ---------------------------------------------------------------- push


def unique_files(journal: Journal) -> list[tuple[Record, EvidenceEntry]]:
    """The stored files the journal names, once per content."""
    seen: set[str] = set()
    out = []
    for record, entry in named(journal):
        if entry.sha256 not in seen:
            seen.add(entry.sha256 or "")
            out.append((record, entry))
    return out


def push(journal: Journal, store: RemoteStore, *, jobs: int = JOBS, check: bool = False,
         on_done: Callable[[Outcome], None] | None = None) -> Transfer:  # fmt: skip
    """Upload every named file the store lacks (with ``check``: also those whose stored copy no longer hashes right)."""
    report = Transfer(store.address.shown)

    def one(item: tuple[Record, EvidenceEntry]) -> Outcome:
        record, entry = item
        assert entry.sha256 is not None and entry.path is not None
        there = store.size_of(entry.sha256)
        if there is not None and there == entry.size and (not check or store.hash_of(entry.sha256)[0] == entry.sha256):
            return Outcome("present", entry, record)
        local = check_stored(journal.evidence_dir, entry.path, entry.sha256)
        if local.state != "ok":
            what = {"missing": _("missing here and not in the store"), "changed": _("changed here since it was recorded; not sent (see zi verify)")}.get(
                local.state, _("not read: outside the evidence folder or not a file (see zi verify)"))
            return Outcome("problem", entry, record, f"{where(record, entry)}: {what}")
        try:
            store.upload(locate(journal.evidence_dir, entry.path), entry.sha256, entry.size or 0)
        except Mismatch as exc:
            return Outcome("problem", entry, record, f"{where(record, entry)}: " + _("arrived with another sha256 ({found}…); not kept, send it again").format(found=exc.sha256[:12]))
        except Exception as exc:  # noqa: BLE001 - the connection or the server: it stops the push, naming the file
            raise Stopped(_("sending {path}").format(path=entry.path), exc) from exc
        return Outcome("uploaded", entry, record)

    report.outcomes, error = run_parallel(unique_files(journal), one, jobs, on_done)
    report.failure = _failure(store, error)
    return report


class Stopped(Exception):
    """What stopped a transfer, and the file it was moving."""

    def __init__(self, doing: str, cause: BaseException) -> None:
        super().__init__(doing)
        self.doing = doing
        self.cause = cause


def _failure(store: RemoteStore, error: BaseException | None) -> str | None:
    if error is None:
        return None
    if isinstance(error, Stopped):
        return store.error(error.cause, error.doing).message
    return store.error(error).message


# ---------------------------------------------------------------- pull


def wanted(journal: Journal, action: str | None, month: int | None) -> list[tuple[Record, EvidenceEntry]]:
    """The named files of one action (and month), or of the whole journal."""
    return [(r, e) for r, e in named(journal) if (action is None or r.action == action) and (month is None or r.month == month)]


def pull(journal: Journal, store: RemoteStore, files: list[tuple[Record, EvidenceEntry]], *, jobs: int = JOBS,
         on_done: Callable[[Outcome], None] | None = None) -> Transfer:  # fmt: skip
    """Download into the evidence folder each of ``files`` missing here (the caller holds the journal's lock)."""
    from zi_plan.fs.files import atomic_target  # the atomic writers: for writers only

    report = Transfer(store.address.shown)

    def one(item: tuple[Record, EvidenceEntry]) -> Outcome:
        record, entry = item
        assert entry.sha256 is not None and entry.path is not None
        local = check_stored(journal.evidence_dir, entry.path, entry.sha256)
        if local.state == "ok":
            return Outcome("here", entry, record)
        if local.state != "missing":
            return Outcome("problem", entry, record, f"{where(record, entry)}: " + _("a different file is here; not replaced (zi evidence restore puts the recorded one back)"))
        target = locate(journal.evidence_dir, entry.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with atomic_target(target) as staged:
                store.copy_to(entry.sha256, staged.tmp)
        except FileNotFoundError:
            return Outcome("problem", entry, record, f"{where(record, entry)}: " + _("not in the store"))
        except Mismatch as exc:
            return Outcome("problem", entry, record, f"{where(record, entry)}: " + _("changed in the store (sha256 there {found}…); not kept").format(found=exc.sha256[:12]))
        except Exception as exc:  # noqa: BLE001 - the connection or the server: it stops the pull, naming the file
            raise Stopped(_("fetching {path}").format(path=entry.path), exc) from exc
        return Outcome("pulled", entry, record)

    report.outcomes, error = run_parallel(files, one, jobs, on_done)
    report.failure = _failure(store, error)
    return report


# ---------------------------------------------------------------- verify --remote


@dataclass(frozen=True)
class RemoteProblem:
    record: Record
    entry: EvidenceEntry
    problem: str  # "absent", "size", "changed"
    found: str | None = None  # the size or sha256 found

    def line(self) -> str:
        if self.problem == "absent":
            what = _("not in the store")
        elif self.problem == "size":
            what = _("in the store with another size ({found} bytes, recorded {size})").format(found=self.found, size=self.entry.size)
        else:
            what = _("changed in the store (sha256 now {found}…, recorded {expected}…)").format(found=(self.found or "")[:12], expected=(self.entry.sha256 or "")[:12])
        return f"{where(self.record, self.entry)}: {what}"


def verify_remote(journal: Journal, store: RemoteStore, jobs: int = JOBS) -> tuple[int, list[RemoteProblem]]:
    """Presence, size and hash in the store of every file that counts as evidence now: (files checked, problems)."""
    counts = counted(journal)
    files = [(r, e) for r, e in unique_files(journal) if (e.path, e.sha256) in counts]

    def one(item: tuple[Record, EvidenceEntry]) -> RemoteProblem | None:
        record, entry = item
        assert entry.sha256 is not None
        size = store.size_of(entry.sha256)
        if size is None:
            return RemoteProblem(record, entry, "absent")
        if entry.size is not None and size != entry.size:
            return RemoteProblem(record, entry, "size", str(size))
        found, _size = store.hash_of(entry.sha256)
        return None if found == entry.sha256 else RemoteProblem(record, entry, "changed", found)

    results, error = run_parallel(files, one, jobs)
    if error is not None:
        raise store.error(error, _("checked {done} of {total} files").format(done=len(results), total=len(files)))
    return len(files), [p for p in results if p is not None]


# ---------------------------------------------------------------- for the packs


class StoreFallback:
    """zi_plan.store.fallback.Fallback over a remote store, connected at the first file it is asked for."""

    def __init__(self, address: StoreAddress) -> None:
        self.address = address
        self.shown = address.shown
        self._store: RemoteStore | None = None
        self._broken: ZiError | None = None  # a store that cannot be reached is not tried for every file
        self._lock = threading.Lock()

    def _connected(self) -> RemoteStore:
        with self._lock:
            if self._broken is not None:
                raise self._broken
            if self._store is None:
                try:
                    self._store = RemoteStore(self.address)
                except ZiError as exc:
                    self._broken = exc
                    raise
            return self._store

    @contextlib.contextmanager
    def fetched(self, sha256: str, size: int | None) -> Iterator[Path]:
        store = self._connected()
        with tempfile.TemporaryDirectory(prefix="zi-fetch-") as folder:
            path = Path(folder) / sha256
            try:
                store.copy_to(sha256, path)
            except FileNotFoundError:
                raise ZiError(_("not in the store {store} either").format(store=self.shown)) from None
            except Mismatch as exc:
                raise ZiError(_("changed in the store {store} (sha256 there {found}…)").format(store=self.shown, found=exc.sha256[:12])) from None
            except Exception as exc:  # noqa: BLE001 - the connection itself: the next file would fail alike
                self._broken = store.error(exc)
                raise self._broken from None
            yield path
