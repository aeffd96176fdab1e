"""The parsed-data cache: validated plans and journals, kept in a fast form.

Parsing YAML is most of what a command costs once a plan is large, and the
same files are read again and again unchanged. So what was parsed *and*
validated is kept under the user's cache folder (``~/.cache/zi-plan`` on
Linux) as ``marshal`` data, which loads many times faster than YAML.

Trust: an entry is only used when everything that could change its meaning
matches: the SHA-256 of the file's content, zi's version, a fingerprint of
zi's own source (a changed schema invalidates without a version bump),
pydantic's, PyYAML's and Python's versions. Each segment of an entry is
signed (HMAC-SHA256, a random key made once per cache folder), and the
signature is checked *before* the data is unmarshalled: marshal is not safe
against crafted input, and a corrupted, truncated or forged entry must only
cost a re-parse, never a wrong answer or a traceback. Losing the cache only
costs time; failing to write it is never an error. ``ZI_NO_CACHE=1`` turns it off.

Layout: one folder per plan file (named by a hash of its path) holding the
newest few contents of the plan (``plan-<key>.zic``, zi_plan.store.plan_entry)
and of its journal (``journal-<key>.zic``), and zi rollup's rows
(``rollup-<key>.zic``, zi_plan.units.rowcache), under a size cap in all. An
entry's *name* is made of what it holds (the content's hash and the
context), never of the path: when a plan's own folder lacks an entry, one of
the same name in another plan's folder (a cache restored into a clone at
another path, as CI does) is copied into the plan's own folder and checked
like any other. The folder by path only groups a plan's entries for pruning.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import marshal
import os
import shutil
import sys
from collections.abc import Iterator
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

from zi_plan import __version__
from zi_plan.store.cache_trust import trusted

FORMAT = 1
MAGIC = b"ZIC1"
HEAD = len(MAGIC) + 8 + 32  # magic, payload length, HMAC-SHA256 of the payload
# Enough for a plan being edited back and forth, or switched between branches;
# journals: one entry per journal file, so a few plans' journals.
KEEP = 4
MAX_BYTES = 256 * 1024 * 1024  # the whole cache; oldest entries go first


def folder() -> Path | None:
    """The cache's root folder, or None when the cache is turned off."""
    if os.environ.get("ZI_NO_CACHE"):
        return None
    import platformdirs  # platformdirs: only when the cache folder is needed

    return Path(platformdirs.user_cache_dir("zi-plan", appauthor=False)) / "parsed"


def sha256(data: bytes | memoryview) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- what the key depends on


def _library_files() -> list[str]:
    """The files that carry pydantic's and PyYAML's versions, found without importing them."""

    found = []
    for package, name in (("pydantic", "version.py"), ("yaml", "__init__.py")):
        spec = PathFinder.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            found.append(os.path.join(location, name))
    return found


def _sources(top: str) -> Iterator[str]:
    with os.scandir(top) as entries:
        for entry in entries:
            if entry.is_dir() and entry.name != "__pycache__":
                yield from _sources(entry.path)
            elif entry.name.endswith(".py"):
                yield entry.path


def code_fingerprint(root: Path) -> str:
    """A hash of zi's own source and of the libraries' versions that validate.

    Any change to the schema or the checks changes it, with or without a
    version bump. Hashing the sources takes a few milliseconds, so the result
    is remembered against the files' sizes and modification times.
    """
    # The whole package (zi_plan/), not only this room: the views an entry keeps are model/'s.
    files = sorted(_sources(str(Path(__file__).resolve().parent.parent))) + _library_files()
    signature = hashlib.sha256()
    for name in files:
        try:
            st = os.stat(name)
        except OSError:
            continue
        signature.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode(errors="surrogatepass"))
    remembered = root / "code"
    stat_key = signature.hexdigest()
    try:
        saved_key, saved = remembered.read_text(encoding="utf-8").split()
        if saved_key == stat_key and len(saved) == 64:
            return saved
    except (OSError, ValueError):
        pass
    content = hashlib.sha256()
    for name in files:
        try:
            with open(name, "rb") as fh:
                content.update(os.path.basename(name).encode(errors="surrogatepass") + b"\0" + fh.read())
        except OSError:
            continue
    fingerprint = content.hexdigest()
    _write_atomic(remembered, f"{stat_key} {fingerprint}\n".encode("ascii"))
    return fingerprint


def context(root: Path) -> str:
    """Everything besides the content that an entry's validity depends on."""
    return sha256(
        f"zi {__version__} format {FORMAT} code {code_fingerprint(root)} "
        f"python {sys.implementation.name} {sys.version} marshal {marshal.version}".encode()
    )


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """The cyclic garbage collector paused while a plan or journal is loaded.

    A load makes a great many containers and no garbage cycles; the
    collector would walk them over and over while they are built. (The `zi`
    process itself runs without it: see cli.main.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------- signing


def _install_key(root: Path) -> bytes | None:
    """The random key that signs this cache's entries, made on first use."""
    path = root / "key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        root.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        root.mkdir(mode=0o700, exist_ok=True)  # this account's alone: see zi_plan.store.cache_trust
        key = os.urandom(32)
        # A wrong-sized key (corrupted) is replaced: every entry it signed is then ignored.
        _write_atomic(path, key, mode=0o600)
        return path.read_bytes() if path.exists() else None  # another zi may have won the race
    except OSError:
        return None


class Store:
    """One cache folder, its key and its context: reads and writes signed entries."""

    def __init__(self, root: Path, key: bytes, ctx: str) -> None:
        self.root = root
        self.key = key
        self.context = ctx
        self.deferred = False  # inside ``sharing``: the whole cache's cap is checked once, at the end
        self._elsewhere: dict[str, list[str]] | None = None  # entry name -> paths in every plan folder, listed once

    def plan_folder(self, plan_path: Path) -> Path:
        return self.root / sha256(str(plan_path.resolve()).encode(errors="surrogatepass"))[:32]

    def content_entry(self, path: Path, content: str) -> Path:  # a file checked whole (a plan, units.yaml), by its content
        return self.plan_folder(path) / f"plan-{sha256((self.context + content).encode())[:40]}.zic"

    def segment(self, payload: Any) -> bytes | None:
        """A signed segment holding ``payload``, or None if marshal cannot hold it."""
        try:
            body = marshal.dumps(payload, 4)
        except ValueError:  # a value marshal does not know (a YAML tag zi never writes)
            return None
        mac = hmac.new(self.key, body, hashlib.sha256).digest()
        return MAGIC + len(body).to_bytes(8, "big") + mac + body

    def read(self, path: Path, *, adopt: bool = True) -> list[Any]:
        """The payloads of every intact, correctly signed segment, in order.

        Reading stops at the first bad segment: a torn last write or a
        corrupted byte loses that segment and those after it, nothing else.
        When ``path`` does not exist, an entry of the same name in another
        plan's folder is read instead and, if intact, copied to ``path``
        (unless not ``adopt``).
        """
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            return self._adopt(path) if adopt else []
        except OSError:
            return []
        return self._payloads(data)

    def _payloads(self, data: bytes) -> list[Any]:
        payloads: list[Any] = []
        at = 0
        while (found := self.unsign(data, at)) is not None:
            payload, at = found
            payloads.append(payload)
        return payloads

    def unsign(self, data: bytes | memoryview, at: int = 0) -> tuple[Any, int] | None:
        """(the payload of the intact, signed segment at ``at``, where the next starts), or None."""
        view = memoryview(data)
        if at + HEAD > len(view) or view[at : at + 4] != MAGIC:
            return None
        size = int.from_bytes(view[at + 4 : at + 12], "big")
        body = view[at + HEAD : at + HEAD + size]
        if len(body) != size or not hmac.compare_digest(hmac.new(self.key, body, hashlib.sha256).digest(), view[at + 12 : at + HEAD]):
            return None
        try:
            return marshal.loads(body), at + HEAD + size
        except (ValueError, EOFError, TypeError):  # pragma: no cover - only a forged, signed entry
            return None

    def _adopt(self, path: Path) -> list[Any]:
        """The newest intact entry named ``path.name`` in another plan's folder, copied to ``path``."""
        if self._elsewhere is None:
            self._elsewhere = {}
            try:
                with os.scandir(self.root) as folders:
                    for sub in folders:
                        if sub.is_dir(follow_symlinks=False):
                            for entry in _entries(Path(sub.path)):
                                self._elsewhere.setdefault(entry.name, []).append(entry.path)
            except OSError:
                return []

        def newest(name: str) -> int:
            try:
                return os.stat(name).st_mtime_ns
            except OSError:
                return -1

        for other in sorted(self._elsewhere.get(path.name, ()), key=newest, reverse=True):
            if Path(other).parent == path.parent:
                continue
            try:
                data = Path(other).read_bytes()
            except OSError:
                continue
            payloads = self._payloads(data)
            if payloads:
                self.write(path, [data])  # its own copy: this folder's appends and pruning stay its own
                return payloads
        return []

    def write(self, path: Path, segments: list[bytes]) -> None:
        """Replace the entry at ``path`` (atomically), then prune its folder."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, b"".join(segments))
        except OSError:
            return
        prune(self.root, path.parent, whole=not self.deferred)

    def append(self, path: Path, segment: bytes) -> None:
        """Add one segment at the end of an entry (a single write, so concurrent appends stay whole)."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except OSError:
            return
        try:
            os.write(fd, segment)
        except OSError:
            pass
        finally:
            os.close(fd)


_shared: Store | None = None  # see sharing()


def open_store() -> Store | None:
    """The cache, ready to use; None when it is off or its folder cannot be used."""
    if _shared is not None:
        return _shared
    root = folder()
    if root is None:
        return None
    if not trusted(root):  # a folder or key others can change would let them forge plan data
        return None
    key = _install_key(root)
    if key is None:
        return None
    return Store(root, key, context(root))


@contextlib.contextmanager
def sharing() -> Iterator[None]:
    """One Store for the many loads of one command (zi rollup reads hundreds of plans).

    open_store() reads the key and hashes the sources' signature on every
    call, and each write lists the whole cache to keep it under its cap:
    nothing for one plan, most of the work for hundreds. Inside this block
    the Store is made once and the cap is checked once, at the end.
    """
    global _shared
    store = None if _shared is not None else open_store()
    if store is None:  # off, unusable, or already shared by an outer block
        yield
        return
    store.deferred, _shared = True, store
    try:
        yield
    finally:
        _shared = None
        prune(store.root)


# ---------------------------------------------------------------- writing and pruning


def _write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    import tempfile  # only when the cache is written, not on a warm start

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # not on Windows
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # no fsync: a cache entry lost in a crash is only re-made
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _entries(plan_folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(plan_folder) as it:
            return [e for e in it if e.name.endswith(".zic") and e.is_file()]
    except OSError:
        return []


def prune(root: Path, plan_folder: Path | None = None, max_bytes: int | None = None, *, whole: bool = True) -> None:
    """Keep the newest few entries of each kind in ``plan_folder``, and (unless
    not ``whole``) the whole cache under its size cap (oldest entries removed first)."""
    if plan_folder is not None:
        for kind in ("plan-", "journal-", "rollup-"):
            same = sorted((e for e in _entries(plan_folder) if e.name.startswith(kind)),
                          key=lambda e: e.stat().st_mtime_ns, reverse=True)  # fmt: skip
            for entry in same[KEEP:]:
                _remove(entry.path)
    if not whole:
        return
    # The cache of zi 0.x kept an empty file per validated content, forever.
    legacy = root.parent / "validated"
    if legacy.is_dir():
        shutil.rmtree(legacy, ignore_errors=True)
    cap = MAX_BYTES if max_bytes is None else max_bytes
    everything: list[tuple[int, int, str]] = []
    try:
        with os.scandir(root) as folders:
            for sub in folders:
                if sub.is_dir():
                    everything.extend((st.st_mtime_ns, st.st_size, e.path) for e in _entries(Path(sub.path)) for st in [e.stat()])
    except OSError:
        return
    total = sum(size for _t, size, _p in everything)
    for _mtime, size, path in sorted(everything):
        if total <= cap:
            break
        _remove(path)
        total -= size


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
