"""The daemon end to end: a feed server, the daemon with --serve, an SMTP receiver."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from sqlalchemy import update
from typer.testing import CliRunner

from tests.alerts.servers import apprise_mailto_url, smtp_server
from tests.calendar.parsers import parse_vobject
from tracker.cli.main import app
from tracker.db import migrate
from tracker.db.models import Source
from tracker.runtime import Runtime
from tracker.settings import Settings

runner = CliRunner()
ITEM = (
    "<item><title>{title}</title><link>http://{host}/story/{n}</link>"
    "<pubDate>{date}</pubDate><description>{text}</description>"
    "<content:encoded>{text}</content:encoded></item>"
)
STORIES = [
    (
        "Night Harbor gets a date",
        "Wed, 01 Jan 2031 09:00:00 GMT",
        "Night Harbor will premiere on July 14, 2031 on Hulu, the streamer said.",
    ),
    (
        "Night Harbor pushed",
        "Thu, 02 Jan 2031 09:00:00 GMT",
        "Night Harbor, previously set for July 14, will now premiere on Aug. 18, 2031 on Hulu.",
    ),
]


@contextmanager
def feed_server() -> Iterator[tuple[str, list[int]]]:
    """A feed whose number of stories the test raises: `stories[0]`."""
    stories = [1]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = self.headers.get("Host", "127.0.0.1")
            items = "".join(
                ITEM.format(title=t, date=d, text=x, host=host, n=n)
                for n, (t, d, x) in enumerate(STORIES[: stories[0]])
            )
            body = (
                '<?xml version="1.0"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>News</title><link>http://{host}/</link><description>d</description>"
                f"{items}</channel></rss>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml", stories
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check, timeout: float = 30.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


def test_daemon_polls_serves_and_alerts_end_to_end(empty_db_url: str, tmp_path: Path) -> None:
    rt = Runtime(
        settings=Settings(
            database_url=empty_db_url,
            data_dir=tmp_path,
            secret_key="an-e2e-secret-that-is-long-enough-01234567",
        )
    )
    migrate.upgrade(rt.engine)
    port = free_port()
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": empty_db_url,
        "TRACKER_DATA_DIR": str(tmp_path),
        "TRACKER_SECRET_KEY": "an-e2e-secret-that-is-long-enough-01234567",
        "TRACKER_POLL_EVERY": "1s",
        "TRACKER_ALERTS_EVERY": "1s",
        "TRACKER_BASE_URL": f"http://127.0.0.1:{port}",
    }
    with feed_server() as (feed_url, stories), smtp_server() as smtp:

        def cli(*args: str) -> str:
            result = runner.invoke(app, list(args), obj=rt)
            assert result.exit_code == 0, result.output
            return result.output

        cli("sources", "add", feed_url, "--kind", "feed")
        cli("subscriptions", "add", "me", "--watch", "Night Harbor")
        cli("channels", "add", "me", apprise_mailto_url(smtp))
        token = cli("feed", "url", "me").splitlines()[0].rsplit("/", 1)[1].removesuffix(".ics")
        log = (tmp_path / "daemon.log").open("wb")
        daemon = subprocess.Popen(
            [sys.executable, "-m", "tracker", "daemon", "--serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            first = smtp.wait_for(1, timeout=40)[0]
            assert first.subject == "Night Harbor dated: 2031-07-14"
            ics = wait_until(lambda: _feed(port, token, b"20310714"))
            (event,) = parse_vobject(ics)
            assert (event.start.isoformat(), event.sequence) == ("2031-07-14", 0)
            stories[0] = 2  # the news moves the date
            with rt.write_session() as session:  # due again now (a test may skip the hour)
                session.execute(update(Source).values(next_check_at=rt.clock()))
                session.commit()
            moved = smtp.wait_for(2, timeout=40)[1]
            assert moved.subject == "Night Harbor delayed: 2031-07-14 \u2192 2031-08-18"
            ics = wait_until(lambda: _feed(port, token, b"20310818"))
            (event,) = parse_vobject(ics)
            assert (event.start.isoformat(), event.sequence) == ("2031-08-18", 1)
            health = httpx.get(f"http://127.0.0.1:{port}/healthz").json()
            assert set(next(iter(health["daemons"].values()))) == {"poll", "alerts", "housekeeping"}
            assert health["alerts_waiting"] == 0
        finally:
            daemon.send_signal(signal.SIGTERM)
            code = daemon.wait(timeout=40)
            log.close()
    output = (tmp_path / "daemon.log").read_text()
    assert code == 0, output
    assert "Traceback" not in output
    assert "daemon stopped" in output
    rt.close()


def _feed(port: int, token: str, needle: bytes) -> bytes | None:
    try:
        body = httpx.get(f"http://127.0.0.1:{port}/feeds/{token}.ics", timeout=5).content
    except httpx.TransportError:
        return None
    return body if needle in body else None


def test_a_second_signal_exits_at_once(tmp_path: Path) -> None:
    env = {**os.environ, "TRACKER_DATA_DIR": str(tmp_path), "TRACKER_POLL_EVERY": "1s"}
    env.pop("TRACKER_DATABASE_URL", None)
    log = (tmp_path / "daemon.log").open("wb")
    daemon = subprocess.Popen(
        [sys.executable, "-m", "tracker", "daemon"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_until(lambda: any((tmp_path / "daemons").glob("*.json")), timeout=30)
        daemon.send_signal(signal.SIGINT)
        daemon.send_signal(signal.SIGINT)
        code = daemon.wait(timeout=20)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
        log.close()
    assert code in (0, 130)  # a race: the first signal may already have finished it cleanly
    assert "Traceback" not in (tmp_path / "daemon.log").read_text()


def test_status_reports_daemons_sources_in_error_and_waiting_alerts(runtime: Runtime) -> None:
    import json
    from datetime import UTC, datetime

    from tracker.daemon.health import HEARTBEAT_DIR, Heartbeat

    now = datetime(2017, 3, 14, 12, tzinfo=UTC)
    beat = Heartbeat(runtime.settings.data_dir / HEARTBEAT_DIR, "host:1:abc")
    beat.tick("poll", now)
    with runtime.write_session() as session:
        session.add(
            Source(
                name="broken",
                kind="feed",
                location="http://127.0.0.1:1/x",
                next_check_at=now,
                created_at=now,
                failures=2,
                last_error="HTTP 500 from http://127.0.0.1:1/x",
            )
        )
        session.commit()
    state = json.loads(runner.invoke(app, ["status", "--json"], obj=runtime).output)
    assert state["daemons"] == {"host:1:abc": {"poll": now.isoformat()}}
    assert [s["name"] for s in state["sources_in_error"]] == ["broken"]
    assert state["alerts_waiting"] == 0
    text = runner.invoke(app, ["status"], obj=runtime).output
    assert "daemon host:1:abc: poll 2017-03-14T12:00:00" in text
    assert "source 1 broken: HTTP 500" in text
    beat.forget()
    assert "none running" in runner.invoke(app, ["status"], obj=runtime).output
