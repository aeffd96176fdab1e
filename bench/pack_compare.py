"""Does `zi evidence pack` still write the same zip? This code against an earlier revision.

    python bench/pack_compare.py                 # against the merge base with main
    python bench/pack_compare.py --before REV    # against any revision

Builds two workspaces: the bundled plan with a journal that has every kind
of evidence the pack handles (files of several kinds, one named twice, two
of one name, a link, a missing file, a changed one, a symbolic link inside
the store and one leading out, a FIFO, a folder where a file should be,
evidence withdrawn by an undo and by a replace, names and notes with markup
and control characters), and a synthetic plan of 2,000 actions with 1,800
records, each with a stored file (and a tenth a link: 1,980 pieces of
evidence, under the page's cap of 2,000, past which it lists them per
action). It packs each with REV's zi_plan (taken with `git archive`) and with this one, in English and in Indonesian, and
compares the zips: the member names in order, each member's bytes, time
(but the indexes', written at the time of the run) and mode, index.csv
and index.html byte for byte. How members are compressed may differ (the
pack stores photos and Office files as they are); the count is printed.
Exit 0 when all is the same.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import synth_plan  # noqa: E402

MARKUP = 'Ani <b>&amp;</b> "Budi" \x1b[31m\x1b]8;;http://x\x07'


def zi(env: dict[str, str], code: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    # Run from the code's parent folder: `python -m` puts the current folder first on the path.
    done = subprocess.run([sys.executable, "-m", "zi_plan", *args], cwd=code, env={**env, "PYTHONPATH": str(code)}, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise SystemExit(f"zi {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def bundled_workspace(root: Path, env: dict[str, str]) -> Path:
    """The bundled plan, its journal and store with every case the pack handles."""
    plan = root / "plans" / "tambrauw-2023.yaml"
    plan.parent.mkdir(parents=True)
    plan.write_bytes((REPO / "plans" / "tambrauw-2023.yaml").read_bytes())
    files = root / "incoming"
    files.mkdir()
    kinds = {"sk.pdf": b"%PDF-1.4 surat keputusan " * 40, "foto.jpg": os.urandom(3000), "notulen.docx": os.urandom(2000), "daftar.txt": b"hadir\n" * 300,
             "rapat.JPG": os.urandom(1500), "laporan.pdf": b"%PDF-1.7 laporan " * 50, "lama.pdf": b"%PDF lama", "baru.pdf": b"%PDF baru"}  # fmt: skip
    for name, data in kinds.items():
        (files / name).write_bytes(data)
    (files / "other").mkdir()
    (files / "other" / "sk.pdf").write_bytes(b"%PDF another sk")

    def done(action: str, month: int, *evidence: str, by: str = "Yulius", extra: tuple[str, ...] = ()) -> None:
        ev = [a for e in evidence for a in ("-e", e if e.startswith("https://") else str(files / e))]
        zi(env, REPO, "done", action, "--month", str(month), "--force", "--by", by, *ev, *extra, "--plan", str(plan))

    done("I.1.a", 4, "sk.pdf", "foto.jpg", "https://drive.example.go.id/bukti/1?a=1&b=2")
    done("I.2.a", 4, "sk.pdf", "other/sk.pdf", by=MARKUP)  # the same file as I.1.a's, and another of its name
    done("I.3.a", 5, "notulen.docx", "daftar.txt", "rapat.JPG")
    done("I.3.a", 7, "laporan.pdf", extra=("--note", "catatan <i>penting</i> \x1b[2J"))
    done("I.4.a", 4, "lama.pdf")
    zi(env, REPO, "evidence", "replace", "I.4.a", "lama.pdf", str(files / "baru.pdf"), "--month", "4", "--by", "Ani", "--note", "salah <berkas>", "--plan", str(plan))
    done("I.4.a", 5, "foto.jpg")
    zi(env, REPO, "undo", "I.4.a", "--month", "5", "--by", MARKUP, "--note", "foto buram & \"gelap\"", "--plan", str(plan))
    for action, month in (("II.2.a", 4), ("II.2.a", 5), ("II.2.a", 6), ("II.2.a", 7), ("II.2.a", 8)):
        done(action, month, "laporan.pdf")
    # By hand, as a shared journal may be edited: control characters and a formula
    # in who and why, a stored path named again with another hash and with its own.
    foto = hashlib.sha256(kinds["foto.jpg"]).hexdigest()
    with plan.with_name("tambrauw-2023.progress.yaml").open("a", encoding="utf-8") as journal:
        journal.write(f"""\
- action: I.1.a
  month: 4
  event: evidence
  at: '2023-04-20T09:00:00+09:00'
  by: "Ani\\e[31m merah\\a <i>"
  note: "=1+1 \\e]8;;http://x\\a tautan"
  evidence:
  - path: I/I.1/I.1.a/2023-04/sk.pdf
    sha256: '{"0" * 64}'
    size: 5
    name: sk.pdf
  - path: I/I.1/I.1.a/2023-04/foto.jpg
    sha256: {foto}
    size: 3000
    name: foto.jpg
- action: I.3.a
  month: 7
  event: evidence
  at: '2023-07-20T09:00:00+09:00'
  by: "=HYPERLINK(\\"http://x\\")"
  evidence:
  - url: https://drive.example.go.id/bukti/2
- action: I.3.a
  month: 7
  event: undo
  at: '2023-07-21T09:00:00+09:00'
  by: "Budi \\e[<&lt;\\x9b31m"
  note: "=salah \\e]8;;http://x\\a <tautan> & \\x07"
""")
    store = plan.with_name("tambrauw-2023.evidence")
    stored = sorted(p for p in store.rglob("*") if p.is_file())
    by_month = {p.parent.relative_to(store).as_posix(): p for p in stored}
    by_month["II/II.2/II.2.a/2023-04"].unlink()  # missing
    by_month["II/II.2/II.2.a/2023-05"].write_bytes(b"changed since")  # changed
    inside = by_month["II/II.2/II.2.a/2023-06"]
    inside.unlink()
    inside.symlink_to(store / "I" / "I.1" / "I.1.a" / "2023-04" / "sk.pdf")  # a link inside the store
    outside = by_month["II/II.2/II.2.a/2023-07"]
    outside.unlink()
    outside.symlink_to(REPO / "README.md")  # a link leading out
    fifo = by_month["II/II.2/II.2.a/2023-08"]
    fifo.unlink()
    os.mkfifo(fifo)  # not a file
    return plan


def synthetic_workspace(root: Path) -> Path:
    plan = root / "synthetic.yaml"
    root.mkdir(parents=True)
    synth_plan.write_journal(plan, synth_plan.write_plan(2_000, plan), 1_800, file_size=600)  # 1,980 rows: under EVIDENCE_ROWS, a row each
    return plan


def compare(before: Path, after: Path) -> tuple[list[str], int]:
    """(the differences, how many members are compressed another way)."""
    problems: list[str] = []
    recompressed = 0
    with zipfile.ZipFile(before) as old, zipfile.ZipFile(after) as new:
        if old.namelist() != new.namelist():
            problems.append(f"member names differ: {len(old.namelist())} before, {len(new.namelist())} after")
        for a in old.infolist():
            try:
                b = new.getinfo(a.filename)
            except KeyError:
                continue
            if old.read(a) != new.read(b):
                problems.append(f"{a.filename}: bytes differ")
            now = a.filename in ("index.csv", "index.html")  # written with the time of the run
            if (None if now else a.date_time, a.external_attr, a.file_size) != (None if now else b.date_time, b.external_attr, b.file_size):
                problems.append(f"{a.filename}: time, mode or size differ")
            recompressed += a.compress_type != b.compress_type
    return problems, recompressed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="the revision to compare with (default: the merge base with main)")
    args = parser.parse_args()
    rev = args.before or subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    failed = False
    with tempfile.TemporaryDirectory(prefix="zi-pack-compare-") as tmp:
        work = Path(tmp)
        old_code = work / "before"
        old_code.mkdir()
        archive = subprocess.run(["git", "archive", rev, "zi_plan"], cwd=REPO, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_code)], input=archive, check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("ZI_PLAN", "ZI_LANG", "ZI_NO_CACHE")}
        env |= {"HOME": str(work / "home"), "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data")}
        for label, plan, months in (("bundled plan", bundled_workspace(work / "bundled", env), ("4", "12")), ("synthetic plan", synthetic_workspace(work / "synthetic"), ("6",))):
            for lang in ("en", "id"):
                for month in months:
                    zips = []
                    for side, code in (("before", old_code), ("after", REPO)):
                        out = work / f"{side}.zip"
                        done = zi(env, code, "--lang", lang, "evidence", "pack", "--month", month, "--force", "-o", str(out), "--plan", str(plan), check=False)
                        if done.returncode not in (0, 1) or not out.exists():  # 1: problems listed (the bundled plan has them on purpose)
                            raise SystemExit(f"the pack failed ({side}):\n{done.stdout}{done.stderr}")
                        zips.append(out)
                    problems, recompressed = compare(*zips)
                    with zipfile.ZipFile(zips[1]) as z:
                        members = len(z.namelist())
                    verdict = "same" if not problems else "DIFFERENT"
                    print(f"{label}, --lang {lang}, --month {month}: {verdict} ({members} members, {recompressed} compressed another way)")
                    for problem in problems[:10]:
                        print(f"  {problem}")
                    failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
