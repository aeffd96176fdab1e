"""The store's layout and its four moves: is it there, upload, read back, download.

A file lives at ``ROOT/sha256/AB/ABCDEF...`` (its sha256, fanned out by the
first two letters so that no folder grows past a few thousand entries). It
is uploaded to ``ROOT/incoming/SHA.part``, read back and hashed there, and
only then moved to its name: so a file under its name in the store has been
checked, and a killed upload leaves only a ``.part`` that the next push
writes over. Nothing zi keeps says "pushed": the store itself is the record.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from pathlib import Path
from typing import Any, BinaryIO

from zi_plan.errors import ZiError
from zi_plan.model.stores import StoreAddress
from zi_plan.remote.connect import S3_PART, Connection, connect, failure

CHUNK = 1 << 20  # bytes hashed or written at a time: memory stays flat whatever the file's size
# Bytes asked of the server per read (one readahead block in memory): fewer, larger
# requests than CHUNK, which an S3 server answers one ranged GET at a time.
READ_BLOCK = 8 << 20


class Mismatch(Exception):
    """What arrived is not what was sent (or asked for): (sha256, size) found."""

    def __init__(self, sha256: str, size: int) -> None:
        super().__init__(sha256)
        self.sha256 = sha256
        self.size = size


class RemoteStore:
    """An evidence store reached through fsspec."""

    def __init__(self, address: StoreAddress, connection: Connection | None = None) -> None:
        self.address = address
        self.connection = connection or connect(address)
        self.fs: Any = self.connection.fs
        self._folders: set[str] = set()
        # Parallel uploads would race to make the same folder (WebDAV answers the loser 405 or 409).
        self._folder_lock = threading.Lock()

    # ------------------------------------------------------------ layout

    def _path(self, *parts: str) -> str:
        root = self.connection.root.rstrip("/")
        return "/".join([root, *parts]) if root else "/".join(parts)

    def key(self, sha256: str) -> str:
        return self._path("sha256", sha256[:2], sha256)

    def incoming(self, sha256: str) -> str:
        return self._path("incoming", f"{sha256}.part")

    # ------------------------------------------------------------ moves

    def size_of(self, sha256: str) -> int | None:
        """The size of the stored file named by ``sha256``; None when the store lacks it."""
        try:
            info = self.fs.info(self.key(sha256))
        except FileNotFoundError:
            return None
        if info.get("type") == "directory":
            return None
        return int(info.get("size") or 0)

    def hash_of(self, sha256: str) -> tuple[str, int]:
        """(sha256, size) of the bytes stored under ``sha256``, read back now."""
        return self._hash(self.key(sha256))

    def _hash(self, path: str) -> tuple[str, int]:
        digest, size = hashlib.sha256(), 0
        with self._reading(path) as remote:
            while chunk := remote.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        return digest.hexdigest(), size

    def _reading(self, path: str) -> Any:
        if self.address.scheme == "sftp":
            return self.fs.open(path, "rb")  # sshfs pipelines reads in the server's own block size
        return self.fs.open(path, "rb", block_size=READ_BLOCK, cache_type="readahead")

    def upload(self, local: Path, sha256: str, size: int) -> None:
        """Put ``local`` (whose content is ``sha256``) in the store: staged, read back, then named.

        Raises Mismatch when the bytes read back differ (the staged copy is
        removed); the store never holds an unchecked file under a name.
        """
        staged = self.incoming(sha256)
        self._make_folder(self._path("incoming"))
        self._put(local, staged)
        found, found_size = self._hash(staged)
        if found != sha256 or found_size != size:
            self._remove(staged)
            raise Mismatch(found, found_size)
        final = self.key(sha256)
        self._make_folder(self._path("sha256", sha256[:2]))
        self.fs.mv(staged, final)

    def _put(self, local: Path, remote: str) -> None:
        if self.address.scheme == "s3":
            # Two parts in memory at a time (s3fs would hold ten, and a whole file below two parts).
            self.fs.put_file(str(local), remote, chunksize=S3_PART, max_concurrency=2)
        else:
            self.fs.put_file(str(local), remote)

    def _make_folder(self, folder: str) -> None:
        if self.address.scheme == "s3":
            return  # S3 has no folders: a key's prefix is enough
        with self._folder_lock:
            if folder not in self._folders:
                self.fs.makedirs(folder, exist_ok=True)
                self._folders.add(folder)

    def _remove(self, path: str) -> None:
        with contextlib.suppress(Exception):  # the next push writes over a leftover .part
            self.fs.rm_file(path)

    def download(self, sha256: str, target: BinaryIO) -> int:
        """Copy the stored file into ``target``, hashing as it comes; Mismatch when it is not ``sha256``."""
        digest, size = hashlib.sha256(), 0
        with self._reading(self.key(sha256)) as remote:
            while chunk := remote.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
        if digest.hexdigest() != sha256:
            raise Mismatch(digest.hexdigest(), size)
        return size

    def copy_to(self, sha256: str, path: Path) -> None:
        """Download into the file ``path`` (the caller writes it atomically)."""
        with path.open("wb") as out:
            self.download(sha256, out)

    def error(self, exc: BaseException, doing: str | None = None) -> ZiError:
        return failure(self.address, exc, doing)

