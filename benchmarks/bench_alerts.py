"""Alert benchmark: alerts/s through the relay and Apprise to a loopback webhook, and the
daemon's resident memory when idle.

    python benchmarks/bench_alerts.py [--alerts 500]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def webhook() -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def alert_throughput(n: int, folder: Path) -> float:
    from tracker.alerts.compose import AlertFacts
    from tracker.alerts.relay import deliver_due
    from tracker.core.alert_rules import AlertEvent
    from tracker.db import migrate
    from tracker.db.models import Channel, Delivery, Subscription
    from tracker.runtime import Runtime
    from tracker.settings import Settings

    server = webhook()
    rt = Runtime(settings=Settings(database_url=f"sqlite:///{folder / 'a.sqlite3'}"))
    migrate.upgrade(rt.engine)
    now = datetime.now(UTC)
    with rt.write_session() as session:
        sub = Subscription(name="bench", created_at=now)
        session.add(sub)
        session.flush()
        channel = Channel(
            subscription_id=sub.id or 0,
            name="hook",
            created_at=now,
            url=f"json://127.0.0.1:{server.server_address[1]}/hook",
        )
        session.add(channel)
        session.flush()
        for i in range(n):
            facts = AlertFacts(
                event=AlertEvent.DATE_SET,
                title=f"Work {i}",
                season=None,
                kind="release",
                new="2031-03-24",
            )
            session.add(
                Delivery(
                    idempotency_key=f"b{i}",
                    channel_id=channel.id or 0,
                    event="date_set",
                    payload=facts.to_payload(),
                    next_attempt_at=now,
                    created_at=now,
                )
            )
        session.commit()
    started = time.perf_counter()
    sent = 0
    while True:
        report = deliver_due(rt, owner="bench")
        sent += report.sent
        if report.sent + report.retrying + report.failed == 0:
            break
    elapsed = time.perf_counter() - started
    server.shutdown()
    server.server_close()
    rt.close()
    return sent / elapsed


def daemon_idle_rss(folder: Path, settle: float = 8.0) -> float:
    env = {**os.environ, "TRACKER_DATA_DIR": str(folder / "daemon")}
    env.pop("TRACKER_DATABASE_URL", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracker",
            "daemon",
            "--serve",
            "--port",
            str(18500 + os.getpid() % 400),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(settle)
        status = Path(f"/proc/{process.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    finally:
        process.terminate()
        process.wait(30)
    return kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rate = alert_throughput(args.alerts, Path(tmp))
        print(
            f"alerts through Apprise to a loopback webhook: {rate:.0f} alerts/s "
            f"({args.alerts} alerts, SQLite)"
        )
        print(f"daemon --serve idle resident memory: {daemon_idle_rss(Path(tmp)):.0f} MB")


if __name__ == "__main__":
    main()
