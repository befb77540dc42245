"""Feeds and pages over real HTTP (uvicorn on loopback), on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from tests.calendar.server import running
from tests.support import Clock
from tracker.calendar import subscriptions
from tracker.calendar.subscriptions import SubscriptionSpec
from tracker.cli.main import app
from tracker.db import migrate
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import ingest_article
from tracker.runtime import Runtime
from tracker.settings import Settings

runner = CliRunner()
SECRET = "a-test-secret-that-is-long-enough-0123456789"


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(
        settings=Settings(database_url=empty_db_url, data_dir=tmp_path, secret_key=SECRET),
        clock=Clock(),
    )
    migrate.upgrade(runtime.engine)
    yield runtime
    runtime.close()


def ingest(rt: Runtime, text: str, published: date) -> None:
    with rt.write_session() as session:
        ingest_article(RawArticle(text=text, published=published), session=session, now=rt.clock())


def subscribe(rt: Runtime, name: str = "me", **spec: object) -> str:
    with rt.write_session() as session:
        return subscriptions.add(
            session,
            # every date, however thin: these tests are about the feed, the floor has its own
            SubscriptionSpec(name=name, **{"min_confidence": 0.0, **spec}),  # type: ignore[arg-type]
            secret=rt.secret,
            now=rt.clock(),
        )


def uids(rt: Runtime, data: bytes) -> dict[str, tuple[str, int]]:
    """The feed's events by "release-<id>" (looked up from their UIDs): start and SEQUENCE."""
    from sqlmodel import select

    from tracker.db.models import Release

    with rt.session() as session:
        names = {r.uid: f"release-{r.id}" for r in session.exec(select(Release))}
    return {
        names[str(e["UID"])]: (e.decoded("DTSTART").isoformat(), int(e.get("SEQUENCE", 0)))
        for e in Calendar.from_ical(data).walk("VEVENT")
    }


@pytest.fixture
def filled(rt: Runtime) -> Runtime:
    ingest(rt, "Night Harbor will premiere this summer on Hulu.", date(2017, 3, 1))
    ingest(rt, "Cobalt Sky will debut on March 24 on Netflix.", date(2017, 3, 2))
    ingest(
        rt,
        "Quiet Empire will premiere on Netflix, but no premiere date has been set.",
        date(2017, 3, 3),
    )
    ingest(
        rt,
        "<script>alert(1)</script> Velvet Storm will launch on April 4 on Steam.",
        date(2017, 3, 4),
    )
    return rt


def test_feed_is_stable_conditional_and_follows_moves(filled: Runtime) -> None:
    token = subscribe(filled)
    with running(filled) as base, httpx.Client(base_url=base) as client:
        first = client.get(f"/feeds/{token}.ics")
        assert first.status_code == 200
        assert first.headers["content-type"] == "text/calendar; charset=utf-8"
        second = client.get(f"/feeds/{token}.ics")
        assert second.content == first.content  # byte-identical
        etag = first.headers["etag"]
        assert second.headers["etag"] == etag
        assert "last-modified" in first.headers
        again = client.get(f"/feeds/{token}.ics", headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        head = client.head(f"/feeds/{token}.ics")
        assert head.status_code == 200
        assert head.content == b""
        assert head.headers["etag"] == etag
        before = uids(filled, first.content)
        assert before["release-1"] == ("2017-06-01", 0)  # summer, placed on its start
        assert "release-3" not in before  # tba: no event
        filled.clock.now += timedelta(days=1)  # type: ignore[attr-defined]
        ingest(filled, "Night Harbor will premiere Friday, July 14 on Hulu.", date(2017, 3, 12))
        ingest(filled, "Cobalt Sky will debut on March 24 on Netflix.", date(2017, 3, 13))
        moved = client.get(f"/feeds/{token}.ics", headers={"If-None-Match": etag})
        assert moved.status_code == 200
        after = uids(filled, moved.content)
        assert after["release-1"] == ("2017-07-14", 1)  # SEQUENCE up by one
        assert set(after) == set(before)  # UIDs unchanged
        assert after["release-2"] == before["release-2"]


def test_query_parameters_narrow_the_feed(filled: Runtime) -> None:
    token = subscribe(filled)
    with running(filled) as base, httpx.Client(base_url=base) as client:
        netflix = uids(filled, client.get(f"/feeds/{token}.ics?platform=netflix").content)
        assert list(netflix) == ["release-2"]
        soon = uids(filled, client.get(f"/feeds/{token}.ics?days=30").content)
        assert sorted(soon) == ["release-2", "release-4"]
        kinds = uids(filled, client.get(f"/feeds/{token}.ics?kind=release").content)
        assert list(kinds) == ["release-4"]
        bad = client.get(f"/feeds/{token}.ics?days=soon")
        assert bad.status_code == 400
        for odd in ("%C2%B2", "0", "3651", "99999999999999999999"):  # "\u00b2" is no number
            assert client.get(f"/feeds/{token}.ics?days={odd}").status_code == 400, odd


def test_subscription_filters_and_watch_list(filled: Runtime) -> None:
    token = subscribe(
        filled, "watcher", watch=("Cobalt Sky", "Harbor Lights"), alarm=timedelta(hours=2)
    )
    with running(filled) as base, httpx.Client(base_url=base) as client:
        body = client.get(f"/feeds/{token}.ics").content
        assert list(uids(filled, body)) == ["release-2"]
        assert b"TRIGGER:-PT2H" in body
        ingest(filled, "Harbor Lights will premiere on May 5 on HBO.", date(2017, 3, 5))
        assert len(uids(filled, client.get(f"/feeds/{token}.ics").content)) == 2


def test_tokens_wrong_revoked_rotated(filled: Runtime) -> None:
    token = subscribe(filled)
    other = subscribe(filled, "other")
    with running(filled) as base, httpx.Client(base_url=base) as client:
        assert client.get(f"/feeds/{token}.ics").status_code == 200
        for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", "x" * 200):
            missing = client.get(f"/feeds/{wrong}.ics")
            assert missing.status_code == 404
            assert missing.text == "Not found\n"
        with filled.write_session() as session:
            fresh = subscriptions.rotate(session, "me", secret=filled.secret, now=filled.clock())
        assert fresh != token
        assert client.get(f"/feeds/{token}.ics").status_code == 404  # revoked at once
        assert client.get(f"/s/{token}").status_code == 404
        assert client.get(f"/feeds/{fresh}.ics").status_code == 200
        assert client.get(f"/feeds/{other}.ics").status_code == 200  # others unaffected


def test_the_token_is_not_in_the_database(filled: Runtime) -> None:
    token = subscribe(filled)
    with filled.session() as session:
        row = subscriptions.get(session, "me")
        stored = " ".join(str(v) for v in row.model_dump().values())
    assert token not in stored


def test_gzip_when_asked(filled: Runtime) -> None:
    token = subscribe(filled)
    with running(filled) as base, httpx.Client(base_url=base) as client:
        plain = client.get(f"/feeds/{token}.ics", headers={"Accept-Encoding": "identity"})
        zipped = client.get(f"/feeds/{token}.ics", headers={"Accept-Encoding": "gzip"})
        assert "content-encoding" not in plain.headers
        assert zipped.headers["content-encoding"] == "gzip"
        assert zipped.content == plain.content  # httpx decodes; the bytes match
        with client.stream(
            "GET", f"/feeds/{token}.ics", headers={"Accept-Encoding": "gzip"}
        ) as raw:
            wire = b"".join(raw.iter_raw())
        assert gzip.decompress(wire) == plain.content
        assert len(wire) < len(plain.content)


def test_page_front_and_health(filled: Runtime) -> None:
    token = subscribe(filled)
    with running(filled) as base, httpx.Client(base_url=base) as client:
        page = client.get(f"/s/{token}")
        assert page.status_code == 200
        assert "default-src 'none'" in page.headers["content-security-policy"]
        html = page.text
        assert "<script>alert(1)</script>" not in html
        assert "Cobalt Sky" in html
        assert "Quiet Empire" in html
        assert html.index("Cobalt Sky") < html.index("Velvet Storm")  # soonest first
        assert "webcal://" in html
        assert f"/feeds/{token}.ics" in html
        front = client.get("/").text
        assert token not in front
        assert "me" not in front.split("<body>")[1]
        assert client.get("/healthz").json()["status"] == "ok"
        assert client.get("/s/").status_code == 404


def test_cli_feed_url_export_rotate(filled: Runtime, tmp_path: Path) -> None:
    added = runner.invoke(
        app, ["subscriptions", "add", "cli", "--kind", "premiere", "--alarm", "1d"], obj=filled
    )
    assert added.exit_code == 0, added.output
    url = runner.invoke(app, ["feed", "url", "cli"], obj=filled).output.splitlines()
    again = runner.invoke(app, ["feed", "url", "cli"], obj=filled).output.splitlines()
    assert url == again  # as often as asked
    assert url[0].startswith("http://127.0.0.1:8080/feeds/")
    assert url[1].startswith("webcal://")
    token = url[0].rsplit("/", 1)[1].removesuffix(".ics")
    out = tmp_path / "cli.ics"
    assert runner.invoke(app, ["feed", "export", "cli", "-o", str(out)], obj=filled).exit_code == 0
    with running(filled) as base:
        served = httpx.get(f"{base}/feeds/{token}.ics").content
    assert out.read_bytes() == served  # the same bytes the server serves
    piped = runner.invoke(app, ["feed", "export", "cli", "-o", "-"], obj=filled)
    assert piped.exit_code == 0
    assert piped.stdout_bytes == served  # "-" is standard output, not a file named "-"
    assert not Path("-").exists()
    rotated = runner.invoke(app, ["feed", "rotate", "cli"], obj=filled).output.splitlines()
    assert rotated[0] != url[0]
    listed = runner.invoke(app, ["subscriptions", "list", "--json"], obj=filled).output
    assert token not in listed
    assert '"alarm": "1d"' in listed
    shown = runner.invoke(app, ["subscriptions", "show", "cli"], obj=filled).output
    assert "kinds:          premiere" in shown
    assert runner.invoke(app, ["subscriptions", "remove", "cli"], obj=filled).exit_code == 0
    assert runner.invoke(app, ["feed", "url", "cli"], obj=filled).exit_code == 7


def test_a_cancelled_release_stays_a_while_then_goes(filled: Runtime) -> None:
    from sqlmodel import select

    from tracker.db.models import Release

    token = subscribe(filled)
    with filled.write_session() as session:
        release = session.exec(select(Release).where(Release.date_value == "2017-03-24")).one()
        release.status, release.updated_at = "cancelled", filled.clock()
        session.add(release)
        session.commit()
    with running(filled) as base, httpx.Client(base_url=base) as client:
        body = client.get(f"/feeds/{token}.ics").content
        assert b"STATUS:CANCELLED" in body
        assert "release-2" in uids(filled, body)
        filled.clock.now += timedelta(days=filled.settings.feed_past_days + 1)  # type: ignore[attr-defined]
        assert "release-2" not in uids(filled, client.get(f"/feeds/{token}.ics").content)
