"""The feed of changes beside the calendar, served over real HTTP on both backends: Atom read
back by feedparser, JSON Feed checked against the 1.1 schema, filters, ids, ETag and 304."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import httpx
import jsonschema
import pytest
from icalendar import Calendar
from sqlalchemy import update as sa_update
from sqlmodel import col
from typer.testing import CliRunner

from tests.calendar.server import running
from tests.support import Clock
from tracker.cli.main import app
from tracker.db import migrate
from tracker.db.models import Sighting
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import ingest_article
from tracker.runtime import Runtime
from tracker.settings import Settings

runner = CliRunner()
SECRET = "a-changes-feed-secret-long-enough-0123456789"
START = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)

# What JSON Feed 1.1 requires (https://jsonfeed.org/version/1.1), as a schema.
JSON_FEED = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "pattern": "^https?://"},
        "feed_url": {"type": "string", "pattern": "^https?://"},
        "authors": {"type": "array", "items": {"type": "object", "required": ["name"]}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "external_url": {"type": "string", "pattern": "^https?://"},
                    "title": {"type": "string"},
                    "content_text": {"type": "string"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "date_modified": {"type": "string", "format": "date-time"},
                },
            },
        },
    },
}


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(
        settings=Settings(database_url=empty_db_url, data_dir=tmp_path, secret_key=SECRET),
        clock=Clock(START),
    )
    migrate.upgrade(runtime.engine)
    yield runtime
    runtime.close()


def ingest(rt: Runtime, url: str, text: str, day: int) -> None:
    rt.clock.now = START + timedelta(days=day)  # type: ignore[attr-defined]
    with rt.write_session() as session:
        ingest_article(
            RawArticle(text=text, url=url, published=rt.clock().date()),
            session=session,
            now=rt.clock(),
        )


def subscribe(rt: Runtime, *args: str) -> str:
    added = runner.invoke(app, ["subscriptions", "add", *args, "--min-confidence", "0"], obj=rt)
    assert added.exit_code == 0, added.output
    return added.output.split("/feeds/")[1].split(".ics")[0]


def history(rt: Runtime) -> None:
    ingest(rt, "https://a.example/1", "Glass Harbor will premiere March 5 on Netflix.", 0)
    ingest(rt, "https://b.example/2", "Salt Meadow opens in theaters June 2.", 1)
    ingest(rt, "https://c.example/3", "Glass Harbor has been delayed to April 2, Netflix said.", 5)


def test_atom_and_json_say_what_changed_newest_first(rt: Runtime) -> None:
    history(rt)
    everything = subscribe(rt, "all")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        atom = client.get(f"/feeds/{everything}.atom")
        assert atom.headers["content-type"].startswith("application/atom+xml")
        parsed = feedparser.parse(atom.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        assert parsed.feed.id.startswith("urn:uuid:")
        assert parsed.feed.updated_parsed is not None
        assert [e.title for e in parsed.entries] == [
            "Glass Harbor delayed: 2027-03-05 \u2192 2027-04-02",
            "Salt Meadow dated: 2027-06-02",
            "Glass Harbor dated: 2027-03-05",
        ]
        delayed = parsed.entries[0]
        assert delayed.link == "https://c.example/3"
        assert (
            "\u201cGlass Harbor has been delayed to April 2, Netflix said.\u201d" in delayed.summary
        )
        assert delayed.id.startswith("urn:uuid:")
        assert len({e.id for e in parsed.entries}) == 3
        served = client.get(f"/feeds/{everything}.json")
        assert served.headers["content-type"].startswith("application/feed+json")
        document = served.json()
        jsonschema.validate(document, JSON_FEED, format_checker=jsonschema.FormatChecker())
        assert [i["id"] for i in document["items"]] == [e.id for e in parsed.entries]
        assert document["items"][0]["external_url"] == "https://c.example/3"
        assert document["feed_url"].endswith(f"/feeds/{everything}.json")
        page = client.get(f"/s/{everything}").text
        assert f"/feeds/{everything}.atom" in page
        assert f"/feeds/{everything}.json" in page


def test_control_characters_in_the_news_never_break_the_feeds(rt: Runtime) -> None:
    ingest(
        rt, "https://a.example/1", "Glass Harbor\x07 will premiere March 5\x1b[0m on Netflix.", 0
    )
    ingest(rt, "https://b.example/2", "Salt Meadow opens in theaters June 2.", 1)
    with rt.write_session() as session:  # a sentence stored before articles were cleaned
        session.execute(
            sa_update(Sighting)
            .where(col(Sighting.evidence).contains("Salt Meadow"))
            .values(evidence="Salt Meadow\x01 opens in\x0b theaters June 2.\ufffe")
        )
        session.commit()
    everything = subscribe(rt, "all")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        atom = client.get(f"/feeds/{everything}.atom").content
        root = ElementTree.fromstring(atom)  # raises on what XML 1.0 forbids
        summaries = [
            " ".join((e.text or "").split())
            for e in root.iter("{http://www.w3.org/2005/Atom}summary")
        ]
        assert any("Glass Harbor will premiere March 5 [0m on Netflix." in t for t in summaries)
        assert any("Salt Meadow opens in theaters June 2." in t for t in summaries)
        calendar = client.get(f"/feeds/{everything}.ics").content
        assert not {b for b in calendar if b < 32 and b not in (9, 10, 13)}
        assert len(Calendar.from_ical(calendar).walk("VEVENT")) == 2
        jsonschema.validate(
            client.get(f"/feeds/{everything}.json").json(),
            JSON_FEED,
            format_checker=jsonschema.FormatChecker(),
        )


def test_filters_ids_and_conditional_requests(rt: Runtime) -> None:
    history(rt)
    films = subscribe(rt, "films", "--kind", "release")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        first = client.get(f"/feeds/{films}.atom")
        titles = [e.title for e in feedparser.parse(first.content).entries]
        assert titles == ["Salt Meadow dated: 2027-06-02"]  # the premiere is not a release
        etag = first.headers["etag"]
        assert (
            client.get(f"/feeds/{films}.atom", headers={"If-None-Match": etag}).status_code == 304
        )
        ids = [e.id for e in feedparser.parse(first.content).entries]
        ingest(rt, "https://d.example/4", "Salt Meadow will now open in theaters July 14.", 8)
        second = client.get(f"/feeds/{films}.atom", headers={"If-None-Match": etag})
        assert second.status_code == 200
        entries = feedparser.parse(second.content).entries
        assert [e.title for e in entries] == [
            "Salt Meadow delayed: 2027-06-02 \u2192 2027-07-14",
            "Salt Meadow dated: 2027-06-02",
        ]
        assert entries[1].id == ids[0]  # an entry keeps its id
        rt.clock.now += timedelta(days=100)  # type: ignore[attr-defined]
        later = feedparser.parse(client.get(f"/feeds/{films}.atom").content)
        assert later.entries == []  # 90 days on, nothing is news
        assert client.get("/feeds/not-a-token.atom").status_code == 404


def test_a_watch_list_keeps_its_own_changes(rt: Runtime) -> None:
    history(rt)
    mine = subscribe(rt, "mine", "--watch", "Glass Harbor")
    nothing = subscribe(rt, "nothing", "--watch", "A Show Nobody Dated")
    urls = runner.invoke(app, ["feed", "url", "mine"], obj=rt).output.split()
    assert urls[2].endswith(f"/feeds/{mine}.atom")
    assert urls[3].endswith(f"/feeds/{mine}.json")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        watched = feedparser.parse(client.get(f"/feeds/{mine}.atom").content).entries
        assert [e.title.split(":")[0] for e in watched] == [
            "Glass Harbor delayed",
            "Glass Harbor dated",
        ]
        assert client.get(f"/feeds/{nothing}.json").json()["items"] == []


def test_a_dispute_and_its_end_are_news_too(rt: Runtime) -> None:
    ingest(rt, "https://a.example/1", "Glass Harbor will premiere March 5 on Netflix.", 0)
    ingest(rt, "https://b.example/1", "Netflix's Glass Harbor arrives March 5.", 0)
    ingest(rt, "https://c.example/1", "Glass Harbor will premiere April 9 on Netflix.", 2)
    ingest(rt, "https://c.example/2", "Glass Harbor premieres March 5 on Netflix, c says.", 3)
    token = subscribe(rt, "all")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        titles = [
            e.title for e in feedparser.parse(client.get(f"/feeds/{token}.atom").content).entries
        ]
    assert titles == [
        "Glass Harbor no longer disputed: 2027-03-05",
        "Glass Harbor disputed: 2027-03-05",
        "Glass Harbor dated: 2027-03-05",
    ]
