"""Start-up: how long the commands people type take, wall clock, start-up included.

    python benchmarks/bench_cli.py [--releases 10000] [--runs 7]

Fills a fresh SQLite database with works and releases (as bench_queries does), then runs each
command in a new process `--runs` times and prints the median and the fastest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queries import fill  # a sibling script, not a package

COMMANDS = (
    ["--version"],
    ["upcoming", "--from", "2026-11-25", "--days", "90", "--json"],
    ["show", "Work 5"],
    ["search", "work 77"],
    ["changes", "--since", "30d"],
    ["watch", "list"],
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/tracker.sqlite3"
        fill(url, args.releases)
        env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_DATA_DIR": folder}
        for command in COMMANDS:
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "tracker", *command],
                    env=env,
                    check=True,
                    capture_output=True,
                )
                times.append(time.perf_counter() - started)
            print(
                f"tracker {' '.join(command):45} {args.releases} releases: "
                f"median {statistics.median(times) * 1000:.0f} ms, "
                f"fastest {min(times) * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
