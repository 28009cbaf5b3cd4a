"""Run the auditor CLI in this process, then record what it cost.

Used by the hostile-input tests as ``python driver.py STATS_FILE auditor-args…``:
the exit code, peak resident memory and CPU seconds of the run go to
STATS_FILE as JSON, so a test can bound memory and CPU time exactly even on
a loaded machine (wall time is only the hang guard of the subprocess call).
"""

from __future__ import annotations

import json
import resource
import sys


def main() -> None:
    stats_file, args = sys.argv[1], sys.argv[2:]
    from auditor.cli import main as cli

    code = 0
    try:
        cli.main(args=args, prog_name="auditor", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        with open(stats_file, "w", encoding="utf-8") as handle:
            json.dump({"rc": code, "maxrss_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}, handle)
    sys.exit(code)


if __name__ == "__main__":
    main()
