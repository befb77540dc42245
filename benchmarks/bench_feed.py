"""Feed benchmark: render a 10,000-release feed, then serve it to a loopback load client.

    python benchmarks/bench_feed.py [--releases 10000] [--seconds 5] [--clients 4]

Prints the render time and size, then requests per second for full 200 responses and for
conditional 304 responses, from `tracker serve` in its own process (SQLite).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_queries import fill

SECRET = "benchmark-secret-0123456789-abcdefghijklmnop"


def load(url: str, *, seconds: float, clients: int, headers: dict[str, str]) -> tuple[float, int]:
    """Requests per second from `clients` keep-alive clients, and the status seen.

    wrk (Debian's package) when it is installed: a client in Python saturates before a fast
    server does. Otherwise threads of httpx clients, which measure the client as much.
    """
    if shutil.which("wrk"):
        return _wrk(url, seconds=seconds, clients=clients, headers=headers)
    counts = [0] * clients
    statuses: set[int] = set()
    stop = time.monotonic() + seconds

    def worker(n: int) -> None:
        with httpx.Client(timeout=30) as client:
            while time.monotonic() < stop:
                statuses.add(client.get(url, headers=headers).status_code)
                counts[n] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - started), statuses.pop() if len(statuses) == 1 else -1


def _wrk(url: str, *, seconds: float, clients: int, headers: dict[str, str]) -> tuple[float, int]:
    status = httpx.get(url, headers=headers, timeout=30).status_code
    command = ["wrk", "-t2", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if found is None or ("Non-2xx" in out and status < 300):
        raise RuntimeError(f"wrk said: {out}")
    return float(found.group(1)), status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    from tracker.calendar import subscriptions
    from tracker.calendar.feeds import FeedParams, build_feed
    from tracker.calendar.render import EventCache
    from tracker.calendar.subscriptions import SubscriptionSpec
    from tracker.runtime import Runtime
    from tracker.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'feed.sqlite3'}"
        fill(url, args.releases)
        rt = Runtime(settings=Settings(database_url=url, data_dir=Path(tmp), secret_key=SECRET))
        now = datetime(2026, 11, 25, tzinfo=UTC)
        with rt.write_session() as session:
            token = subscriptions.add(
                session, SubscriptionSpec(name="all"), secret=rt.secret, now=now
            )
        events = EventCache()
        times = []
        for _ in range(4):  # the first is cold; then each event's lines come from the cache
            with rt.session() as session:
                sub = subscriptions.get(session, "all")
                started = time.perf_counter()
                feed = build_feed(
                    session,
                    sub,
                    FeedParams(),
                    today=date(2022, 1, 1),
                    past_days=30,
                    refresh=timedelta(hours=6),
                    page_url=None,
                    events=events,
                )
                times.append(time.perf_counter() - started)
        count = feed.body.count(b"BEGIN:VEVENT")
        print(
            f"render {count} events: {times[0]:.2f} s cold, "
            f"{statistics.median(times[1:]) * 1000:.0f} ms with unchanged events cached, "
            f"{len(feed.body) / 1e6:.1f} MB"
        )
        rt.close()
        env = {
            **os.environ,
            "TRACKER_DATABASE_URL": url,
            "TRACKER_DATA_DIR": tmp,
            "TRACKER_SECRET_KEY": SECRET,
        }
        port = 18000 + os.getpid() % 1000
        server = subprocess.Popen(
            [sys.executable, "-m", "tracker", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            feed_url = f"http://127.0.0.1:{port}/feeds/{token}.ics?days=90"
            for _ in range(100):
                try:
                    first = httpx.get(feed_url, timeout=30)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            size = len(first.content)
            client = f"{args.clients} clients, " + (
                "wrk" if shutil.which("wrk") else "httpx threads"
            )
            gzip = {"Accept-Encoding": "gzip"}
            rps, status = load(feed_url, seconds=args.seconds, clients=args.clients, headers=gzip)
            print(
                f"serve 200 ({size / 1e3:.0f} kB, 90 days, gzip): {rps:.0f} requests/s "
                f"(status {status}, {client})"
            )
            rps, status = load(
                feed_url,
                seconds=args.seconds,
                clients=args.clients,
                headers={**gzip, "If-None-Match": first.headers["etag"]},
            )
            print(f"serve 304: {rps:.0f} requests/s (status {status}, {client})")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
