"""The `zi` program (the console script calls ``run``), and `python -m zi_plan`.

`python -m zi_plan` exits as any Python program does, so that profilers
and debuggers that run it as a module see it to the end.
"""

from __future__ import annotations

import contextlib
import os
import sys

from zi_plan.cli import main


def run() -> None:
    """The `zi` program: main(), then the process ends without tearing down.

    By then every file zi wrote is closed (journal and evidence are synced
    when written); what Python would still do is free each of its objects
    one by one, 15-20 ms of every command. So the output is flushed, exit
    handlers run, and the process ends at once.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # None: started with the stream closed (`2>&-`); OSError: a pipe
        # closed early (`| head`) or a full disk: nothing more can be said.
        with contextlib.suppress(OSError, ValueError):
            if stream is not None:
                stream.flush()
    import atexit

    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    raise SystemExit(main())
