from __future__ import annotations

from zi_plan.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
