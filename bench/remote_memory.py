"""A 2 GB evidence set pushed to each kind of store, memory capped and measured (issue 25).

    python bench/remote_memory.py            # prints the rows
    python bench/remote_memory.py --save     # also writes bench/results/<date>-<time>-remote.json

A unit records one 2 GB file (sparse at its source, so that making it costs
no disk) and a few small ones; `zi evidence push` then runs in a process of
its own under RLIMIT_AS (1 GiB: half the set) against real servers on
127.0.0.1 (sshd, WsgiDAV, moto's S3), and its peak resident memory is read
from the kernel. A push that held a file in memory could not even start
reading it under that cap. The suite has the same check with 96 MB
(tests/remote/test_memory.py). Needs the test extras and sshd; about two
minutes and 6 GB of free disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.remote import servers  # noqa: E402
from tests.remote.memory import push_measured, sparse_file  # noqa: E402

SET = 2 << 30
CAP = 1 << 30


def _unit(work: Path) -> Path:
    unit = work / "unit"
    (unit / "plans").mkdir(parents=True)
    shutil.copy(REPO / "plans" / "tambrauw-2023.yaml", unit / "plans")
    big = sparse_file(work / "rekaman-setahun.mp4", SET)
    small = work / "foto.jpg"
    small.write_bytes(os.urandom(200_000))
    for action, month, file in (("I.1.a", "4", small), ("I.3.a", "5", big)):
        subprocess.run([sys.executable, "-m", "zi_plan", "done", action, "-m", month, "-e", str(file), "--by", "bench"], cwd=unit, check=True, capture_output=True)
    big.unlink()
    return unit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="zi-bench-remote-") as folder:
        work = Path(folder)
        home = work / "home"
        os.environ["HOME"] = str(home)
        unit = _unit(work)
        ssh = servers.start_sshd(work / "ssh")
        dav = servers.start_wsgidav(work, work / "dav")
        moto = servers.start_moto(work)
        try:
            servers.ssh_home(ssh, home)
            servers.dav_netrc(home)
            servers.make_bucket(moto, "zi-bukti")
            s3 = {"AWS_ACCESS_KEY_ID": servers.S3_KEY, "AWS_SECRET_ACCESS_KEY": servers.S3_SECRET, "AWS_DEFAULT_REGION": "us-east-1"}
            for kind, store, env in (("sftp", f"sftp://127.0.0.1:{ssh.port}{work}/sftp-store", {}),
                                     ("webdav", f"webdav://127.0.0.1:{dav.port}/store", {}),
                                     ("s3", f"s3://zi-bukti/bench?endpoint=http://127.0.0.1:{moto.port}", s3)):  # fmt: skip
                result = push_measured(unit, store, CAP, env)
                row = {"store": kind, "set_bytes": SET + 200_000, "address_space_cap": CAP, "exit": result["code"],
                       "seconds": round(float(str(result["seconds"])), 1), "peak_rss_mib": round(int(str(result["peak_rss_kib"])) / 1024, 1)}  # fmt: skip
                if result["code"] != 0:
                    row["error"] = str(result["err"])[-400:] + str(result["out"])[-400:]
                print(json.dumps(row))
                rows.append(row)
                shutil.rmtree(work / "sftp-store", ignore_errors=True)
                shutil.rmtree(work / "dav" / "store", ignore_errors=True)
        finally:
            for server in (ssh, dav, moto):
                server.kill()
    if args.save:
        target = HERE / "results" / f"{dt.datetime.now():%Y-%m-%d-%H%M}-remote.json"
        data = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.platform()}, "rows": rows}
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"written {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
