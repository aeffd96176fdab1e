"""The office of the digest tests: the Tambrauw plan with a journal of February to April 2023, signed or not.

Shared by the digest's core (tests/progress/test_digest.py), its files
(tests/documents/test_digest_files.py) and the command (tests/commands/test_digest.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import PLAN

# Records made in February, March (the window of April's digest: what March's
# digest could not tell) and April 2023, as the journal keeps them.
JOURNAL = """\
journal: 2
plan: "tambrauw-2023.yaml"
records:
- {action: I.1.a, month: 4, event: done, at: '2023-02-27T08:00:00+09:00', by: Abraham}
- {action: III.2.a, month: 1, event: done, at: '2023-03-10T09:00:00+09:00', by: Maria Yesnath, note: SK mutasi}
- {action: III.4.a, month: 1, event: done, at: '2023-03-31T23:30:00+09:00', by: Maria Yesnath}
- {action: V.1.a, month: 4, event: done, at: '2023-03-28T10:00:00+09:00', by: Yohanis Baru}
- {action: V.2.a, month: 1, event: done, at: '2023-03-15T10:00:00+09:00', by: Yohanis Baru}
- {action: V.2.a, month: 1, event: undo, at: '2023-03-16T10:00:00+09:00', by: Yohanis Baru, note: salah bulan}
- {action: II.2.a, month: 4, event: done, at: '2023-04-03T08:00:00+09:00', by: Yulius Tabate}
"""
COORDINATOR = "coordinator:\n  name: Yulius Tabate\n  position: Sekretaris Tim Zona Integritas\n  email: yulius@kpu-tambrauw.go.id\n"
TEAMS = ["manajemen-perubahan", "tata-laksana", "sdm", "akuntabilitas", "pengawasan", "pelayanan-publik"]


def office(folder: Path) -> Path:
    """The bundled plan and its journal in ``folder``/plans; the plan's path."""
    (folder / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, folder / "plans" / "tambrauw-2023.yaml"))
    (folder / "plans" / "tambrauw-2023.progress.yaml").write_text(JOURNAL, encoding="utf-8")
    return plan


def sign(plan: Path) -> Path:
    """The office's plan naming its coordinator and two teams' addresses."""
    text = plan.read_text(encoding="utf-8").replace("lke: 2026\n", "lke: 2026\n" + COORDINATOR, 1)
    text = text.replace("    name: Tim Pengawasan\n", "    name: Tim Pengawasan\n    email: pengawasan@kpu-tambrauw.go.id, Ani <ani@kpu-tambrauw.go.id>\n")
    text = text.replace("    name: Tim Penguatan Akuntabilitas\n", "    name: Tim Penguatan Akuntabilitas\n    email: akuntabilitas@kpu-tambrauw.go.id\n")
    plan.write_text(text, encoding="utf-8")
    return plan
