"""Run as a separate process: read-modify-write the same rows many times.

Usage: python rmw_worker.py DATABASE_URL ROUNDS SOURCE_ID...
Each round, in one write transaction: read a source's `failures`, wait a moment (so that the
other process's transaction overlaps), write it back plus one.
"""

from __future__ import annotations

import sys
import time

from sqlmodel import select

from tracker.db.models import Source
from tracker.runtime import Runtime
from tracker.settings import Settings


def main() -> None:
    url, rounds, ids = sys.argv[1], int(sys.argv[2]), [int(i) for i in sys.argv[3:]]
    rt = Runtime(settings=Settings(database_url=url, sqlite_busy_timeout_ms=60_000))
    for n in range(rounds):
        source_id = ids[n % len(ids)]
        with rt.write_session() as session:
            row = session.exec(select(Source).where(Source.id == source_id).with_for_update()).one()
            seen = row.failures
            time.sleep(0.0005)
            row.failures = seen + 1
            session.commit()
    rt.close()


if __name__ == "__main__":
    main()
