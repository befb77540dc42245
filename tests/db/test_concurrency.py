from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from tracker.db.models import Source
from tracker.runtime import Runtime

WORKER = Path(__file__).with_name("rmw_worker.py")
ROUNDS = 300
NOW = datetime(2017, 3, 14, tzinfo=UTC)


def test_two_processes_lose_no_update_and_never_see_locked(runtime: Runtime) -> None:
    with runtime.write_session() as s:
        rows = [
            Source(
                name=f"s{i}",
                kind="feed",
                location=f"https://example.org/{i}",
                next_check_at=NOW,
                created_at=NOW,
            )
            for i in range(2)
        ]
        s.add_all(rows)
        s.commit()
        ids = [str(row.id) for row in rows]
    url = runtime.engine.url.render_as_string(hide_password=False)
    root = Path(__file__).resolve().parents[2]
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), url, str(ROUNDS), *ids],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        for _ in range(2)
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err[-2000:]
        assert "locked" not in err
    with runtime.session() as s:
        counts = [row.failures for row in s.exec(select(Source).order_by(Source.id))]
    # Each process bumped each of the two rows ROUNDS/2 times: nothing lost.
    assert counts == [ROUNDS, ROUNDS]
