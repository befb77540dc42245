"""Run every benchmark and print the numbers of README's performance table.

python -m benchmarks            # everything (several minutes)
python -m benchmarks --quick    # smaller sizes, for a first look
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUITES = {
    "extraction": (["bench_extract.py"], []),
    "ingest": (["bench_ingest.py"], ["--articles", "1000", "--feeds", "20"]),
    "pages": (["bench_pages.py"], ["--sizes", "50000", "200000"]),
    "sightings": (["bench_sightings.py"], ["--articles", "1000"]),
    "queries": (["bench_queries.py"], ["--releases", "20000"]),
    "start-up": (["bench_cli.py"], ["--releases", "2000", "--runs", "3"]),
    "feeds": (["bench_feed.py"], ["--releases", "2000", "--seconds", "2"]),
    "alerts and daemon": (["bench_alerts.py"], ["--alerts", "100"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    for name, (script, quick) in SUITES.items():
        started = time.perf_counter()
        command = [sys.executable, str(HERE / script[0]), *(quick if args.quick else [])]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        lines = [line for line in done.stdout.splitlines() if line.strip()]
        if done.returncode != 0:
            lines.append(f"FAILED (exit {done.returncode}): {done.stderr.strip()[-300:]}")
        print(f"{name} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        rows.extend((name, line.strip()) for line in lines)
    print("| benchmark | result |")
    print("| --- | --- |")
    for name, line in rows:
        print(f"| {name} | {line.replace('|', '/')} |")


if __name__ == "__main__":
    main()
