"""Run the daemon: the scheduler in the main thread, the web app beside it, signals handled.

The first SIGTERM or SIGINT stops the scheduler after the job in hand (leases of work not
started are given back), within a bound; a second signal exits at once. A crash at any point
loses nothing: leases expire and another run takes the work.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from types import FrameType

from tracker.daemon.health import HEARTBEAT_DIR, Heartbeat
from tracker.daemon.scheduler import build_scheduler
from tracker.db.models import Delivery
from tracker.folders import make_folder
from tracker.ingest.poll import release_leases
from tracker.runtime import Runtime

log = logging.getLogger("tracker.daemon")
SHUTDOWN_BOUND_SECONDS = 30.0
EXIT_FORCED = 130


def run_daemon(rt: Runtime, *, serve: bool, host: str, port: int) -> int:
    """Run until a signal; returns the exit code."""
    heartbeat = Heartbeat(rt.settings.data_dir / HEARTBEAT_DIR, rt.owner)
    make_folder(rt.settings.data_dir, what="the data folder (TRACKER_DATA_DIR)")
    scheduler = build_scheduler(rt, heartbeat, now=rt.clock())
    server = _start_web(rt, heartbeat, host, port) if serve else None
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stopping.is_set():
            log.warning("second signal: exiting now")
            os._exit(EXIT_FORCED)
        stopping.set()
        log.info("signal %s: finishing the work in hand", signal.Signals(signum).name)
        watchdog = threading.Timer(SHUTDOWN_BOUND_SECONDS, lambda: os._exit(EXIT_FORCED))
        watchdog.daemon = True
        watchdog.start()
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info(
        "daemon %s started (poll every %s, alerts every %s)%s",
        rt.owner,
        rt.settings.poll_every,
        rt.settings.alerts_every,
        f"; serving on http://{host}:{port}" if serve else "",
    )
    scheduler.start()  # blocks until shutdown
    if server is not None:
        server.should_exit = True
    given_back = release_leases(rt, owner=rt.owner) + _release_alert_leases(rt)
    heartbeat.forget()
    log.info("daemon stopped (%s lease(s) given back)", given_back)
    return 0


def _release_alert_leases(rt: Runtime) -> int:
    from sqlalchemy import update
    from sqlmodel import col

    with rt.write_session() as session:
        result = session.execute(
            update(Delivery)
            .where(col(Delivery.lease_owner) == rt.owner)
            .values(lease_owner=None, lease_until=None)
        )
        session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def _start_web(rt: Runtime, heartbeat: Heartbeat, host: str, port: int):  # type: ignore[no-untyped-def]
    import uvicorn

    from tracker.web.app import create_app

    app = create_app(rt, ticks=heartbeat.ticks)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host=host, port=port, log_level="warning", lifespan="off", server_header=False
        )
    )
    thread = threading.Thread(target=server.run, name="web", daemon=True)
    thread.start()
    return server
