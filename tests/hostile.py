"""What the hostile-input tests share: a small office folder, a secret outside
it, journals written by hand, and a record of every file the process opens."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import MINIMAL

SECRET = "TOP-SECRET-CONTENT-do-not-leak"
JOURNAL_HEAD = 'journal: 1\nplan: "plan.yaml"\nrecords:\n'

# Every file the process opens while a test records (Python's audit events
# see builtins.open, os.open and the libraries' opens alike).
_opened: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _opened is not None and event == "open" and args and isinstance(args[0], (str, bytes, Path)):
        _opened.append(str(args[0]) if not isinstance(args[0], bytes) else args[0].decode(errors="replace"))


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@dataclass
class Office:
    """A plan in an office folder, its journal and store, and a secret next door."""

    root: Path
    plan: Path
    journal: Path
    store: Path
    secret: Path

    def write_journal(self, records: str, head: str = JOURNAL_HEAD) -> None:
        self.journal.write_text(head + records, encoding="utf-8")

    def store_file(self, stored: str, data: bytes = b"bukti") -> str:
        """Put a file in the store as zi would; returns its sha256."""
        import hashlib

        path = self.store / stored
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return hashlib.sha256(data).hexdigest()

    def files(self) -> set[str]:
        """Every path under the test folder, to see what a command wrote."""
        return {p.relative_to(self.root.parent).as_posix() for p in self.root.parent.rglob("*")
                if "xdg-data" not in p.parts and "home" not in p.parts}  # fmt: skip


@pytest.fixture
def office(tmp_path: Path) -> Office:
    root = tmp_path / "office"
    root.mkdir()
    plan = root / "plan.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    secret_dir = tmp_path / "outside"
    secret_dir.mkdir()
    secret = secret_dir / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return Office(tmp_path / "office", plan, root / "plan.progress.yaml", root / "plan.evidence", secret)


def record(action: str = "I.1.a", month: int = 1, *, evidence: list[dict[str, object]] | None = None,
           note: str | None = None, by: str = "Yulius", event: str = "done",
           at: str = "2024-01-20T09:00:00+09:00") -> str:  # fmt: skip
    """One journal record as zi writes it."""
    data: dict[str, object] = {"action": action, "month": month, "event": event, "at": at, "by": by}
    if note is not None:
        data["note"] = note
    if evidence:
        data["evidence"] = evidence
    return yaml.safe_dump([data], allow_unicode=True, sort_keys=False)


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and "Error:" not in text.replace("error:", "")


def one_error_line(err: str) -> bool:
    """Standard error holds one ``zi: error: ...`` line (besides the line naming the plan and journal)."""
    lines = [line for line in err.splitlines() if " · journal " not in line]
    return len(lines) == 1 and lines[0].startswith("zi: ")
