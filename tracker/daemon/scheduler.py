"""APScheduler 3.11 wiring: timers only; every piece of state lives in our tables.

In-memory job store, jobs added in code with fixed ids, one instance each, missed runs
coalesced, and every job run once at start-up so a fresh daemon polls due sources at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.blocking import BlockingScheduler

from tracker.core.durations import parse_duration
from tracker.daemon import jobs
from tracker.daemon.health import Heartbeat
from tracker.runtime import Runtime

log = logging.getLogger("tracker.daemon")
MISFIRE_GRACE_SECONDS = 60


def _guarded(
    rt: Runtime, heartbeat: Heartbeat, name: str, job: Callable[[Runtime], jobs.Counts]
) -> Callable[[], None]:
    def run() -> None:
        try:
            job(rt)
        except Exception:  # the outermost boundary of a job: log it, the next tick retries
            log.exception("job %s failed", name)
            return
        heartbeat.tick(name, rt.clock())

    return run


def build_scheduler(rt: Runtime, heartbeat: Heartbeat, *, now: datetime) -> BlockingScheduler:
    """The daemon's scheduler with its three jobs; `start()` blocks."""
    scheduler = BlockingScheduler(timezone="UTC")
    every = {
        "poll": (jobs.poll_sources, rt.settings.poll_every),
        "alerts": (jobs.send_alerts, rt.settings.alerts_every),
        "housekeeping": (jobs.housekeeping, rt.settings.housekeeping_every),
    }
    for name, (job, interval) in every.items():
        scheduler.add_job(
            _guarded(rt, heartbeat, name, job),
            "interval",
            seconds=parse_duration(interval).total_seconds(),
            id=name,
            name=name,
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=MISFIRE_GRACE_SECONDS,
            next_run_time=now,
        )
    return scheduler
