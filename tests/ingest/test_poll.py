"""Polling end to end: real loopback server, real database, both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from tests.ingest.loopback import LoopbackServer, build_bomb, serve
from tests.support import Clock, follow
from tracker.core.states import SourceKind
from tracker.db import migrate
from tracker.db.models import Article, Release, Source
from tracker.ingest.poll import claim_due, make_poller, release_leases
from tracker.runtime import Runtime
from tracker.settings import Settings


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return build_bomb(inflated=20 << 20, wbits=31)


@pytest.fixture
def server(bomb: bytes) -> Iterator[LoopbackServer]:
    with serve(gzip_bomb=bomb) as running:
        yield running


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    clock = Clock(datetime(2017, 6, 3, 12, 0, tzinfo=UTC))
    settings = Settings(
        database_url=empty_db_url,
        data_dir=tmp_path,
        fetch_connect_timeout=0.5,
        fetch_read_timeout=2.0,  # a healthy feed on a loaded CI machine; /stall waits it out
        fetch_max_bytes=1_000_000,
        fetch_workers=4,
    )
    runtime = Runtime(settings=settings, clock=clock)
    migrate.upgrade(runtime.engine)
    yield runtime
    runtime.close()


def add(rt: Runtime, location: str, kind: SourceKind | None = None) -> int:
    return follow(rt, location, kind=kind)


def poll(rt: Runtime, *, everything: bool = False) -> dict[int, object]:
    with rt.fetcher() as fetcher:
        poller = make_poller(rt, fetcher)
        claimed = claim_due(rt, owner=rt.owner, everything=everything)
        return {o.source_id: o for o in poller.run(claimed, workers=rt.settings.fetch_workers)}


def state(rt: Runtime, source_id: int) -> Source:
    with rt.session() as session:
        row = session.get(Source, source_id)
        assert row is not None
        return row


def count(rt: Runtime, model: type) -> int:
    with rt.session() as session:
        return session.exec(select(func.count()).select_from(model)).one()


BAD = {
    "/status/404": "HTTP 404",
    "/flaky": "HTTP 500",
    "/limit/seconds": "429",
    "/stall": "timed out",
    "/bomb/gzip": "larger than",
    "/feeds/lol.xml": "refused",
    "/feeds/malformed.xml": "malformed",
    "/feeds/bad-encoding-label.xml": "malformed feed",  # feedparser itself breaks on it
    "/huge": "larger than",
}


def test_each_bad_source_gets_a_clear_error_and_the_others_are_polled(
    rt: Runtime, server: LoopbackServer
) -> None:
    good = add(rt, server.url("/feeds/rss.xml"))
    page = add(rt, server.url("/pages/latin1"), SourceKind.PAGE)
    bad = {
        path: add(
            rt,
            server.url(path),
            SourceKind.PAGE if path in ("/stall", "/huge") else SourceKind.FEED,
        )
        for path in BAD
    }
    outcomes = poll(rt)
    assert len(outcomes) == 2 + len(BAD)
    assert outcomes[good].ok
    assert outcomes[good].new_articles == 3
    assert outcomes[page].ok  # type: ignore[attr-defined]
    for path, words in BAD.items():
        row = state(rt, bad[path])
        assert row.last_error is not None, path
        assert words.lower() in row.last_error.lower(), (path, row.last_error)
        assert "\n" not in row.last_error
        assert "Traceback" not in row.last_error
        assert row.failures == 1
        assert row.next_check_at > rt.clock()
        assert row.lease_owner is None
    assert state(rt, bad["/limit/seconds"]).next_check_at >= rt.clock() + timedelta(seconds=120)
    ok = state(rt, good)
    assert (ok.failures, ok.last_error, ok.last_success_at) == (0, None, rt.clock())
    assert ok.etag == '"rss-v1"'
    assert ok.last_modified
    assert count(rt, Release) > 0


def test_an_item_with_a_malformed_link_costs_the_feed_nothing(
    rt: Runtime, server: LoopbackServer
) -> None:
    source = add(rt, server.url("/feeds/bad-link.xml"))
    outcome = poll(rt)[source]
    assert outcome.ok, state(rt, source).last_error  # type: ignore[attr-defined]
    assert outcome.new_articles == 2  # type: ignore[attr-defined]
    with rt.session() as session:
        urls = set(session.exec(select(Article.url)).all())
    assert urls == {
        "https://tideline.example:8o8o/tv/copper-lantern-date/",  # kept as the feed wrote it
        "https://tideline.example/tv/saltmarsh-radio-returns/",
    }


def test_not_modified_costs_nothing_and_a_flaky_source_recovers(
    rt: Runtime, server: LoopbackServer
) -> None:
    good = add(rt, server.url("/feeds/rss.xml"))
    flaky = add(rt, server.url("/flaky"))
    poll(rt)
    stored = (count(rt, Article), count(rt, Release))
    assert state(rt, flaky).failures == 1
    second = poll(rt, everything=True)
    assert second[good].not_modified  # type: ignore[attr-defined]
    conditional = server.requests("/feeds/rss.xml")[-1]
    assert conditional.headers.get("if-none-match") == '"rss-v1"'
    assert conditional.status == 304
    assert state(rt, flaky).failures == 2
    third = poll(rt, everything=True)
    assert third[flaky].ok  # type: ignore[attr-defined]
    row = state(rt, flaky)
    assert (row.failures, row.last_error) == (0, None)
    # the flaky source serves the same feed: nothing new, nothing lost
    assert (count(rt, Article), count(rt, Release)) == stored


def test_only_due_sources_are_polled(rt: Runtime, server: LoopbackServer) -> None:
    first = add(rt, server.url("/feeds/rss.xml"))
    assert set(poll(rt)) == {first}
    assert poll(rt) == {}  # not due for an hour
    rt.clock.now += timedelta(minutes=61)  # type: ignore[attr-defined]
    assert set(poll(rt)) == {first}


def test_a_page_source_that_serves_a_feed_becomes_a_feed(
    rt: Runtime, server: LoopbackServer
) -> None:
    source = add(rt, server.url("/feeds/atom.xml"), SourceKind.PAGE)
    assert poll(rt)[source].ok  # type: ignore[attr-defined]
    assert state(rt, source).kind == "feed"


def test_a_folder_source_reads_only_new_files(rt: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "date 2017-06-01\nNight Harbor will premiere Friday, July 14 on Hulu.\n"
    )
    (folder / ".hidden.txt").write_text("Cobalt Sky will debut on Aug. 4 on Netflix.")
    (folder / "notes.csv").write_text("title,date\nx,y\n")
    source = add(rt, str(folder))
    assert state(rt, source).kind == "dir"
    assert poll(rt)[source].new_articles == 1  # type: ignore[attr-defined]
    (folder / "two.md").write_text("date 2017-06-02\nCobalt Sky will debut on Aug. 4 on Netflix.\n")
    again = poll(rt, everything=True)[source]
    assert (again.articles, again.new_articles) == (1, 1)  # type: ignore[attr-defined]
    with rt.session() as session:
        dates = sorted(r.date_value for r in session.exec(select(Release)))
    assert dates == ["2017-07-14", "2017-08-04"]


def test_leases_keep_two_pollers_apart_until_they_expire(rt: Runtime, tmp_path: Path) -> None:
    ids = []
    for n in range(3):
        sub = tmp_path / f"s{n}"
        sub.mkdir()
        ids.append(add(rt, str(sub)))
    first = claim_due(rt, owner="a")
    assert sorted(s.id for s in first) == sorted(ids)
    assert claim_due(rt, owner="b") == []
    rt.clock.now += timedelta(seconds=rt.settings.lease_seconds + 1)  # type: ignore[attr-defined]
    assert sorted(s.id for s in claim_due(rt, owner="b")) == sorted(ids)
    assert release_leases(rt, owner="b") == 3
    with rt.session() as session:
        assert session.exec(select(Source).where(col(Source.lease_owner).is_not(None))).all() == []


def test_sources_are_validated_when_added(rt: Runtime, tmp_path: Path) -> None:
    from tracker.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        add(rt, str(tmp_path / "missing"))
    with pytest.raises(InputError, match="unsupported scheme"):
        add(rt, "ftp://example.org/feed")
    for typo, problem in (
        ("https://example.org:8o8o/feed", "the port is not a number"),
        ("https://example.org:99999/feed", "the port is not a number"),
        ("https://[2001:db8::1/feed", "not a valid URL"),
        ("https://exa mple.org/feed", "is not a host name"),
        ("https:///feed", "names no host"),
    ):
        with pytest.raises(InputError, match=problem):
            add(rt, typo)
    add(rt, "https://example.org/feed.xml?utm_source=x")
    with pytest.raises(InputError, match="already source"):
        add(rt, "https://EXAMPLE.org/feed.xml")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(InputError, match="does not fit"):
        add(rt, str(tmp_path / "a.txt"), SourceKind.FEED)


def test_refusing_private_addresses_is_a_setting(
    empty_db_url: str, tmp_path: Path, server: LoopbackServer
) -> None:
    runtime = Runtime(
        settings=Settings(
            database_url=empty_db_url, data_dir=tmp_path, allow_private_addresses=False
        )
    )
    migrate.upgrade(runtime.engine)
    source = add(runtime, server.url("/feeds/rss.xml"))
    outcome = poll(runtime)[source]
    assert not outcome.ok  # type: ignore[attr-defined]
    assert "refused" in (state(runtime, source).last_error or "")
    assert server.requests() == []  # nothing was sent
    runtime.close()


def test_a_teaser_feed_fetches_the_linked_pages_once(rt: Runtime, server: LoopbackServer) -> None:
    source = add(rt, server.url("/feeds/teasers.xml"))
    outcome = poll(rt)[source]
    assert outcome.ok  # type: ignore[attr-defined]
    assert outcome.new_articles == 2  # type: ignore[attr-defined]
    assert any("404" in p and "kept the feed's summary" for p in outcome.problems)  # type: ignore[attr-defined]
    with rt.session() as session:
        texts = {a.url: a.text or "" for a in session.exec(select(Article))}
    assert "Copper Line" in texts[server.url("/pages/article")]  # the page's full text
    assert len(server.requests("/pages/article")) == 1
    poll(rt, everything=True)
    assert len(server.requests("/pages/article")) == 1  # a known article is not fetched again
