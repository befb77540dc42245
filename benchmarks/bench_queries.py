"""Query benchmark: `tracker upcoming` over a database of 100,000 releases.

    python benchmarks/bench_queries.py [--releases 100000] [--backend sqlite|postgres|both]

Fills a fresh database with works and releases spread over ten years (bulk inserts, not the
ingest path: this measures the read side), then times the upcoming query in-process (median of
20) and `tracker upcoming --days 90 --json` end to end, start-up included.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

PRECISIONS = ("day", "day", "day", "month", "season", "year", "tba")


def fill(url: str, n: int) -> None:
    from tracker.core.release_date import ReleaseDate
    from tracker.db import migrate
    from tracker.db.models import Release, Work
    from tracker.runtime import Runtime
    from tracker.settings import Settings

    rt = Runtime(settings=Settings(database_url=url))
    migrate.upgrade(rt.engine)
    rng = random.Random(3)
    now = datetime(2026, 11, 25, tzinfo=UTC)
    first = date(2022, 1, 1)
    works, releases = [], []
    for i in range(n):
        works.append({"id": i + 1, "title": f"Work {i}", "key": f"work {i}", "created_at": now})
        day = first + timedelta(days=rng.randint(0, 3650))
        precision = rng.choice(PRECISIONS)
        value = {
            "day": day.isoformat(),
            "month": day.isoformat()[:7],
            "season": f"{day.year}-summer",
            "year": str(day.year),
            "tba": "tba",
        }[precision]
        window = ReleaseDate.parse(value).window or (None, None)
        releases.append(
            {
                "work_id": i + 1,
                "season": 0,
                "kind": "premiere",
                "date_value": value,
                "precision": precision,
                "window_start": window[0],
                "window_end": window[1],
                "platform": rng.choice(["Netflix", "HBO", "Hulu"]),
                "status": "announced",
                "revision": 0,
                "sequence": 0,
                "first_seen_at": now,
                "updated_at": now,
                # support as consensus gives it: most dates from several sites, some disputed
                "confidence": rng.choice([0.6, 0.8, 0.9, 0.96, 0.99]),
                "sources": rng.randint(1, 5),
                "disputed": rng.random() < 0.05,
            }
        )
    with rt.engine.begin() as connection:
        for start in range(0, n, 5000):
            connection.execute(insert(Work), works[start : start + 5000])
            connection.execute(insert(Release), releases[start : start + 5000])
    rt.close()


def measure(url: str, folder: Path) -> tuple[float, float, int]:
    from tracker.queries.reader import SessionReader
    from tracker.queries.upcoming import UpcomingQuery, upcoming
    from tracker.runtime import Runtime
    from tracker.settings import Settings

    rt = Runtime(settings=Settings(database_url=url))
    query = UpcomingQuery(start=date(2026, 11, 25), end=date(2027, 2, 23))
    times = []
    for _ in range(20):
        with rt.session() as session:
            started = time.perf_counter()
            rows = upcoming(SessionReader(session), query)
            times.append(time.perf_counter() - started)
    rt.close()
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_DATA_DIR": str(folder)}
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tracker",
            "upcoming",
            "--from",
            "2026-11-25",
            "--days",
            "90",
            "--json",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    return statistics.median(times), time.perf_counter() - started, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            name = None
            if backend == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'q.sqlite3'}"
            else:
                import psycopg

                name = f"tracker_bench_{uuid.uuid4().hex[:8]}"
                dsn = "host=127.0.0.1 user=postgres dbname=postgres"
                with psycopg.connect(dsn, autocommit=True) as c:
                    c.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
                url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
            try:
                fill(url, args.releases)
                query_s, cli_s, rows = measure(url, Path(tmp))
            finally:
                if name is not None:
                    with psycopg.connect(dsn, autocommit=True) as c:
                        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
            print(
                f"upcoming {backend:8} {args.releases} releases: query {query_s * 1000:.1f} ms "
                f"({rows} rows, median of 20), `tracker upcoming --json` {cli_s:.2f} s wall"
            )


if __name__ == "__main__":
    main()
