"""Serving feeds from cache: a request that changes nothing reads no table on SQLite (one
query elsewhere) and renders nothing; a change made by another process is served at once;
compressed and plain bodies are two representations of the same feed."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy import event

from tests.calendar.conftest import runtime_that_read
from tests.calendar.server import running
from tracker.calendar import render, subscriptions
from tracker.calendar.subscriptions import SubscriptionSpec
from tracker.runtime import Runtime

SECRET = "a-feed-cache-secret-that-is-long-enough-0123"


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    texts = (
        "Cobalt Sky will debut on March 24 on Netflix.",
        "Velvet Storm will launch on April 4 on Steam.",
    )
    runtime = runtime_that_read(
        empty_db_url, tmp_path, secret=SECRET, texts=texts, first=date(2017, 3, 1)
    )
    yield runtime
    runtime.close()


def subscribe(rt: Runtime) -> str:
    with rt.write_session() as session:
        return subscriptions.add(
            session,
            SubscriptionSpec(name="me", min_confidence=0.0),
            secret=rt.secret,
            now=rt.clock(),
        )


def summaries(body: bytes) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT"))


def cli(rt: Runtime, *args: str, stdin: str | None = None) -> None:
    """Run the real `tracker` in another process, on the same database."""
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": rt.settings.database_url,
        "TRACKER_DATA_DIR": str(rt.settings.data_dir),
        "TRACKER_SECRET_KEY": SECRET,
    }
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_an_unchanged_feed_is_served_without_rendering_or_reading_tables(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = subscribe(rt)
    statements: list[str] = []
    renders: list[int] = []
    real = render._event

    def counting(item, placed, options):  # type: ignore[no-untyped-def]
        renders.append(item.release_id)
        return real(item, placed, options)

    monkeypatch.setattr(render, "_event", counting)
    with running(rt) as base, httpx.Client(base_url=base) as client:
        first = client.get(f"/feeds/{token}.ics")
        assert first.status_code == 200
        assert len(renders) == 2
        event.listen(rt.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for _ in range(5):
            again = client.get(f"/feeds/{token}.ics")
            assert again.content == first.content
            etag = again.headers["etag"]
            assert (
                client.get(f"/feeds/{token}.ics", headers={"If-None-Match": etag}).status_code
                == 304
            )
    assert len(renders) == 2  # nothing rendered again
    if rt.engine.dialect.name == "sqlite":
        assert statements == []  # `PRAGMA data_version` on the cache's own connection only
    else:
        assert len(statements) == 10  # one query a request


def test_changes_from_another_process_are_served_at_once(rt: Runtime) -> None:
    token = subscribe(rt)
    with running(rt) as base, httpx.Client(base_url=base) as client:
        before = client.get(f"/feeds/{token}.ics")
        assert summaries(before.content) == ["Cobalt Sky", "Velvet Storm"]
        cli(
            rt,
            "ingest",
            "-",
            "--published",
            "2017-03-05",
            stdin="Hollow Crown opens in theaters July 17.",
        )
        added = client.get(f"/feeds/{token}.ics", headers={"If-None-Match": before.headers["etag"]})
        assert added.status_code == 200
        assert "Hollow Crown" in summaries(added.content)
        cli(rt, "subscriptions", "set", "me", "--min-confidence", "1")
        emptied = client.get(f"/feeds/{token}.ics")
        assert summaries(emptied.content) == []
        cli(rt, "feed", "rotate", "me")
        assert client.get(f"/feeds/{token}.ics").status_code == 404


def test_gzip_and_plain_are_two_representations_with_their_own_etags(rt: Runtime) -> None:
    token = subscribe(rt)
    with running(rt) as base, httpx.Client(base_url=base) as client:
        packed = client.get(f"/feeds/{token}.ics", headers={"Accept-Encoding": "gzip"})
        plain = client.get(f"/feeds/{token}.ics", headers={"Accept-Encoding": "identity"})
        assert packed.headers["content-encoding"] == "gzip"
        assert "content-encoding" not in plain.headers
        assert packed.content == plain.content  # httpx decoded it: the same calendar
        assert packed.headers["etag"] != plain.headers["etag"]
        assert packed.headers["vary"] == "Accept-Encoding"
        raw = client.build_request(
            "GET", f"/feeds/{token}.ics", headers={"Accept-Encoding": "gzip"}
        )
        streamed = client.send(raw, stream=True)
        assert gzip.decompress(b"".join(streamed.iter_raw())) == plain.content
        streamed.close()
        for response, accept in ((packed, "gzip"), (plain, "identity")):
            again = client.get(
                f"/feeds/{token}.ics",
                headers={"Accept-Encoding": accept, "If-None-Match": response.headers["etag"]},
            )
            assert again.status_code == 304
