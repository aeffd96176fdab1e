"""Write a valid synthetic plan of N actions, for the benchmark.

    python bench/synth_plan.py --actions 100000 -o /tmp/plan-100k.yaml [--journal N]

Texts are drawn (seeded, so runs repeat) from the Tambrauw plan's own
Indonesian wording; schedules mix monthly, quarterly and one-off actions as
real plans do. With --journal N it also writes N valid journal records beside
the plan (PLAN.progress.yaml); with --files BYTES each record also gets a
stored file of about that size in PLAN.evidence/, as `zi done` stores it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "plans" / "tambrauw-2023.yaml"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
SCHEDULES = [list(range(1, 13)), list(range(4, 13)), [3, 6, 9, 12], [6, 12], [1], [4], [12], [5, 7, 9, 11]]


def _texts() -> tuple[list[str], list[str], list[str], list[str], list[dict[str, str]], list[dict[str, object]]]:
    data = yaml.load(SOURCE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    items, indicators, steps, evidence = [], [], [], []
    for comp in data["components"]:
        for item in comp["items"]:
            items.append(item["title"])
            for action in item["actions"]:
                indicators.append(action["indicator"])
                steps.extend(action["steps"])
                evidence.extend(action["evidence"])
    comps = [{"title": c["title"], "team": c["team"]} for c in data["components"]]
    return items, indicators, steps, evidence, comps, data["teams"]


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_plan(n_actions: int, out: Path, seed: int = 2023) -> list[tuple[str, list[int]]]:
    """Write the plan as text (a YAML dump of this size takes minutes); return (id, months)."""
    rng = random.Random(seed)
    items, indicators, steps, evidence, comps, teams = _texts()
    per_item = 5
    n_items = -(-n_actions // per_item)
    lines = [
        "# Synthetic plan for the zi benchmark (bench/synth_plan.py).",
        "institution: Kantor Sintetis",
        f"title: Rencana Aksi Pembangunan Zona Integritas Sintetis ({n_actions} aksi)",
        "year: 2023",
        "decree:",
        "  number: 1 Tahun 2023",
        "  date: 2023-04-15",
        "  place: Fef",
        "  signatory: Nama Ketua",
        "  position: Ketua",
        "teams:",
    ]
    for team in teams:
        lines += [f"  - id: {team['id']}", f"    name: {q(team['name'])}"]
    lines.append("components:")
    made: list[tuple[str, list[int]]] = []
    item_index = 0
    for c, roman in enumerate(ROMAN):
        lines += [f"  - id: {roman}", f"    title: {q(comps[c]['title'])}", f"    team: {comps[c]['team']}", "    items:"]
        share = n_items // 6 + (1 if c < n_items % 6 else 0)
        for i in range(share):
            item_index += 1
            lines += [f"      - number: {i + 1}", f"        title: {q(rng.choice(items))}", "        actions:"]
            for a in range(per_item):
                if len(made) >= n_actions:
                    break
                months = rng.choice(SCHEDULES)
                action_id = f"{roman}.{i + 1}.{'abcde'[a]}"
                made.append((action_id, months))
                lines += [
                    f"          - id: {action_id}",
                    f"            indicator: {q(rng.choice(indicators))}",
                    "            steps:",
                    *(f"              - {q(s)}" for s in rng.sample(steps, rng.randint(1, 3))),
                    "            evidence:",
                    *(f"              - {q(e)}" for e in rng.sample(evidence, rng.randint(1, 2))),
                    f"            months: [{', '.join(map(str, months))}]",
                ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return made


def journal_occurrences(actions: list[tuple[str, list[int]]], n_records: int, seed: int = 7, after: int = 0) -> list[tuple[str, int]]:
    """The occurrences write_journal records as done, in its order (only months after AFTER)."""
    rng = random.Random(seed)
    occurrences = [(a, m) for a, months in actions for m in months if m > after]
    return rng.sample(occurrences, min(n_records, len(occurrences)))


# Stored evidence (--files): what offices keep, mostly already compressed (scans
# as PDF, photos as JPG, Office files are zips), with now and then a plain text.
SUFFIXES = [".pdf", ".jpg", ".pdf", ".docx", ".jpg", ".pdf", ".txt", ".xlsx"]


def write_journal(plan_path: Path, actions: list[tuple[str, list[int]]], n_records: int, seed: int = 7,
                  *, file_size: int = 0, after: int = 0) -> Path:  # fmt: skip
    """N records 'done', each with a link, or (FILE_SIZE > 0) a stored file of about that size,
    written where `zi done` stores it (PLAN.evidence/COMPONENT/ITEM/ACTION/YYYY-MM/) with its
    sha256 in the record, and a link beside it on every tenth record."""
    chosen = journal_occurrences(actions, n_records, seed, after)
    stem = plan_path.name.rsplit(".", 1)[0]
    path = plan_path.with_name(f"{stem}.progress.yaml")
    store = plan_path.with_name(f"{stem}.evidence")
    rng = random.Random(seed)
    start = dt.datetime(2023, 1, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    lines = ["journal: 1", f"plan: {plan_path.name}", "records:"]
    for n, (action, month) in enumerate(chosen):
        at = (start + dt.timedelta(minutes=n)).isoformat()
        lines += [f"- action: {action}", f"  month: {month}", "  event: done", f"  at: '{at}'", f"  by: pegawai {n % 40}", "  evidence:"]
        if file_size:
            lines += _stored_file(store, action, month, n, _content(rng, n, file_size))
        if not file_size or n % 10 == 0:
            lines.append(f"  - url: https://drive.example.go.id/bukti/{n}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _content(rng: random.Random, n: int, size: int) -> bytes:
    """Incompressible bytes, as a scan or a photo is; plain text for a .txt."""
    size = size // 2 + rng.randrange(size)  # sizes vary around SIZE
    if SUFFIXES[n % len(SUFFIXES)] == ".txt":
        words = b"laporan kegiatan zona integritas bukti dukung "
        return (words * (size // len(words) + 1))[:size]
    return rng.randbytes(size)


def _stored_file(store: Path, action: str, month: int, n: int, data: bytes) -> list[str]:
    """Write one stored file where zi keeps it; its journal evidence lines."""
    component, item = action.split(".")[0], action.rsplit(".", 1)[0]
    relative = f"{component}/{item}/{action}/2023-{month:02d}/bukti-{n}{SUFFIXES[n % len(SUFFIXES)]}"
    target = store / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    return [f"  - path: {relative}", f"    sha256: {sha}", f"    size: {len(data)}", f"    name: {target.name}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, required=True)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--journal", type=int, default=0, help="also write this many journal records")
    parser.add_argument("--files", type=int, default=0, metavar="BYTES", help="give each record a stored file of about this size (PLAN.evidence/)")
    args = parser.parse_args()
    actions = write_plan(args.actions, args.output)
    if args.journal:
        write_journal(args.output, actions, args.journal, file_size=args.files)


if __name__ == "__main__":
    main()
