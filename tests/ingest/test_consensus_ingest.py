"""Consensus across sources through the real ingest path, on both backends: support by site,
syndicated copies, a lone wrong reading, an explicit delay, a dispute that appears and settles,
what `show`, `upcoming`, the feed and the page say of it, and alerts that wait for a floor."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from sqlmodel import col, select
from typer.testing import CliRunner

from tests.alerts.servers import Behaviour, apprise_json_url, webhook_server
from tests.calendar.server import running
from tests.support import Clock
from tracker.alerts.service import send_due
from tracker.calendar import subscriptions
from tracker.calendar.subscriptions import SubscriptionSpec
from tracker.cli.main import app
from tracker.core.consensus import FIRM_CONFIDENCE
from tracker.db import migrate
from tracker.db.models import DateChange, Delivery, Release, Sighting
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import ingest_article
from tracker.runtime import Runtime
from tracker.settings import Settings

runner = CliRunner()
START = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
MARCH = "Glass Harbor will premiere March 5 on Netflix, the streamer announced Tuesday."


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(
        settings=Settings(database_url=empty_db_url, data_dir=tmp_path, alert_timeout=2.0),
        clock=Clock(START),
    )
    migrate.upgrade(runtime.engine)
    yield runtime
    runtime.close()


def ingest(rt: Runtime, url: str, text: str, day: int) -> None:
    """One article from `url`, published `day` days after February 1st and read that day."""
    published = START.date() + timedelta(days=day)
    rt.clock.now = START + timedelta(days=day)  # type: ignore[attr-defined]
    with rt.write_session() as session:
        ingest_article(
            RawArticle(text=text, url=url, published=published), session=session, now=rt.clock()
        )


def release(rt: Runtime) -> Release:
    with rt.session() as session:
        return session.exec(select(Release)).one()


def history(rt: Runtime) -> list[tuple[str, str | None, str]]:
    with rt.session() as session:
        rows = session.exec(select(DateChange).order_by(col(DateChange.id))).all()
        return [(r.change, r.old_value, r.new_value) for r in rows]


def test_support_counts_sites_once_and_syndicated_copies_once(rt: Runtime) -> None:
    ingest(rt, "https://www.variety.example/tv/glass-harbor", MARCH, 0)
    ingest(
        rt, "https://variety.example/tv/glass-harbor-cast", MARCH.replace("Tuesday", "Monday"), 0
    )
    one_site = release(rt)
    assert (one_site.sources, one_site.disputed) == (1, False)
    # the same sentence on a second site, in an article of its own: a syndicated copy
    ingest(rt, "https://news.wire.example/story/81", MARCH + " Reporting by Ann Lee.", 1)
    with rt.session() as session:
        assert len(session.exec(select(Sighting)).all()) == 3  # stored, and counted once
    assert release(rt).sources == 1
    ingest(
        rt, "https://tvline.example/glass-harbor-date", "Netflix's Glass Harbor arrives March 5.", 1
    )
    two = release(rt)
    assert two.sources == 2
    assert two.confidence > one_site.confidence
    assert two.date_value == "2027-03-05"
    assert history(rt) == [("new", None, "2027-03-05")]


def test_a_lone_wrong_reading_disputes_an_explicit_delay_moves(rt: Runtime) -> None:
    for day, site in enumerate(("a.example", "b.example", "c.example")):
        ingest(rt, f"https://{site}/glass-harbor", MARCH.replace("Tuesday", f"on day {day}"), day)
    wrong = "Glass Harbor will premiere April 2 on Netflix."
    ingest(rt, "https://d.example/glass-harbor", wrong, 3)
    held = release(rt)
    assert (held.date_value, held.disputed, held.sources) == ("2027-03-05", True, 3)
    assert {"date": "2027-04-02", "sites": ["d.example"], "rival": True} in held.support

    _feed_and_page_show_the_dispute(rt)
    shown = runner.invoke(app, ["show", "Glass Harbor"], obj=rt)
    assert shown.exit_code == 0, shown.output
    assert "disputed" in shown.output
    assert "\u2260 2027-04-02  d.example" in shown.output
    assert "a.example, said 2027-02-01" in shown.output
    claims = json.loads(runner.invoke(app, ["show", "Glass Harbor", "--json"], obj=rt).output)
    assert [c["site"] for c in claims["releases"][0]["sightings"]] == [
        "a.example",
        "b.example",
        "c.example",
        "d.example",
    ]
    assert [c["agrees"] for c in claims["releases"][0]["sightings"]] == [True, True, True, False]
    rows = json.loads(runner.invoke(app, ["upcoming", "--days", "400", "--json"], obj=rt).output)
    assert (rows[0]["sources"], rows[0]["disputed"]) == (3, True)
    assert rows[0]["confidence"] == pytest.approx(held.confidence, abs=1e-3)
    strict = ["upcoming", "--days", "400", "--json", "--min-confidence", "0.999"]
    assert json.loads(runner.invoke(app, strict, obj=rt).output) == []

    ingest(rt, "https://d.example/glass-harbor-correction", MARCH, 4)  # d corrects itself
    settled = release(rt)
    assert (settled.disputed, settled.sources) == (False, 4)

    delay = "Glass Harbor has been delayed to April 2, Netflix said on Wednesday."
    ingest(rt, "https://e.example/glass-harbor-delay", delay, 9)
    moved = release(rt)
    assert (moved.date_value, moved.status, moved.disputed) == ("2027-04-02", "delayed", False)
    assert moved.sources == 1
    assert history(rt) == [
        ("new", None, "2027-03-05"),
        ("disputed", None, "2027-03-05"),
        ("settled", None, "2027-03-05"),
        ("delayed", "2027-03-05", "2027-04-02"),
    ]
    changes = json.loads(
        runner.invoke(app, ["changes", "--since", "2027-01-01", "--json"], obj=rt).output
    )
    assert {c["change"] for c in changes} >= {"disputed", "settled", "delayed"}


def subscribe(rt: Runtime, name: str, floor: float | None = None) -> str:
    spec = (
        SubscriptionSpec(name=name)
        if floor is None
        else SubscriptionSpec(name=name, min_confidence=floor)
    )
    with rt.write_session() as session:
        return subscriptions.add(session, spec, secret=rt.secret, now=rt.clock())


def served(rt: Runtime, token: str) -> tuple[str, str, str]:
    """The first event's STATUS and DESCRIPTION, and the page, as the real server serves them."""
    with running(rt) as base, httpx.Client(base_url=base) as client:
        feed = client.get(f"/feeds/{token}.ics")
        page = client.get(f"/s/{token}")
    assert (feed.status_code, page.status_code) == (200, 200)
    event = Calendar.from_ical(feed.content).walk("VEVENT")[0]
    return str(event["STATUS"]), str(event["DESCRIPTION"]), page.text


def _feed_and_page_show_the_dispute(rt: Runtime) -> None:
    status, description, html = served(rt, subscribe(rt, "all"))
    assert status == "TENTATIVE"
    assert "disputed: 2027-03-05 (a.example, b.example, c.example) vs 2027-04-02 (d.example)" in (
        description
    )
    assert "badge disputed" in html
    assert html.count(">disputed<") == 1  # the recent `disputed` change is not marked twice
    assert "2027-04-02 (d.example)" in html


def test_the_feed_confirms_a_well_supported_day_and_flags_a_single_source(rt: Runtime) -> None:
    token = subscribe(rt, "everything", floor=0.0)
    ingest(rt, "https://a.example/x", "Netflix's Glass Harbor arrives March 5.", 0)
    single = release(rt).confidence
    assert single < FIRM_CONFIDENCE  # the premise: this one source alone is not firm
    status, description, html = served(rt, token)
    assert status == "TENTATIVE"  # one source below the firm level
    assert f"1 source (confidence {single:.2f})" in description
    assert "badge single" in html
    ingest(rt, "https://b.example/y", MARCH, 1)
    status, description, html = served(rt, token)
    assert status == "CONFIRMED"
    assert "2 sources (confidence 0.9" in description
    assert "badge single" not in html


def test_a_first_alert_waits_for_the_floor_then_fires_once(rt: Runtime) -> None:
    with webhook_server(Behaviour.OK) as hook:
        for name, floor in (("eager", "0"), ("strict", "0.9")):
            added = runner.invoke(
                app, ["subscriptions", "add", name, "--min-confidence", floor], obj=rt
            )
            assert added.exit_code == 0, added.output
            url = apprise_json_url(hook, path=f"/{name}")
            assert runner.invoke(app, ["channels", "add", name, url], obj=rt).exit_code == 0
        listed = json.loads(runner.invoke(app, ["subscriptions", "list", "--json"], obj=rt).output)
        assert {s["name"]: s["min_confidence"] for s in listed} == {"eager": 0.0, "strict": 0.9}

        ingest(rt, "https://a.example/x", MARCH, 0)
        assert send_due(rt).sent == 1  # eager hears at once; strict waits
        assert [r.path for r in hook.wait_for(1)] == ["/eager"]

        ingest(rt, "https://b.example/y", "Netflix's Glass Harbor arrives March 5.", 1)
        assert release(rt).confidence >= 0.9
        assert send_due(rt).sent == 1  # the second source lifts it over strict's floor
        second = hook.wait_for(2)[1]
        assert second.path == "/strict"
        assert second.body["title"] == "Glass Harbor dated: 2027-03-05"

        ingest(rt, "https://c.example/z", "Glass Harbor premieres March 5 on Netflix.", 2)
        assert send_due(rt).sent == 0  # once: a third source says nothing new

        delay = "Glass Harbor has been delayed to April 2, Netflix said on Wednesday."
        ingest(rt, "https://d.example/w", delay, 9)
        assert release(rt).confidence < 0.9  # one source for the new date
        assert send_due(rt).sent == 2  # an established date's move alerts both at once
        moved = hook.wait_for(4)[2:]
        assert sorted(r.path for r in moved) == ["/eager", "/strict"]
        assert all("delayed" in r.body["title"] for r in moved)
    with rt.session() as session:
        assert len(session.exec(select(Delivery)).all()) == 4


def test_the_dispute_window_decides_between_a_dispute_and_a_move(rt: Runtime) -> None:
    def one_after_another(title: str, window: timedelta) -> Release:
        """March 5 from one site, then April 2 from another ten days later."""
        with rt.write_session() as session:
            for day, site, month in ((0, "a", "March 5"), (10, "b", "April 2")):
                ingest_article(
                    RawArticle(
                        text=f"{title} will premiere {month} on Netflix.",
                        url=f"https://{site}.example/{title.replace(' ', '-')}",
                        published=START.date() + timedelta(days=day),
                    ),
                    session=session,
                    now=START,
                    window=window,
                )
        with rt.session() as session:
            return session.exec(select(Release).order_by(col(Release.id).desc()).limit(1)).one()

    wide = one_after_another("Glass Harbor", timedelta(days=14))
    # as sure as each other: the newer wins the tie, and the older still disputes it
    assert (wide.date_value, wide.disputed) == ("2027-04-02", True)
    narrow = one_after_another("Salt Meadow", timedelta(days=7))
    assert (narrow.date_value, narrow.disputed) == ("2027-04-02", False)  # overtaken: a move


def test_a_bad_dispute_window_is_refused() -> None:
    with pytest.raises(ValueError, match="dispute_window"):
        Settings(dispute_window="a fortnight")
