"""Served feeds read back by four independent parsers; the page in a real headless browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlmodel import select

from tests.calendar.browser import dump_dom, keep_artifact, screenshot
from tests.calendar.parsers import assert_parsers_agree, parse_all
from tests.calendar.server import running
from tracker.calendar import subscriptions
from tracker.calendar.render import Coarse
from tracker.calendar.subscriptions import SubscriptionSpec
from tracker.db import migrate
from tracker.db.models import Release, Work
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import ingest_article
from tracker.runtime import Runtime
from tracker.settings import Settings

SECRET = "an-interop-secret-long-enough-0123456789abcdef"
ARTICLES = [
    ("2017-03-01", "Night Harbor will premiere this summer on Hulu."),
    ("2017-03-02", "Law, Order & Chaos will debut on March 24 on Netflix."),
    ("2017-03-03", "The second season of Glass Orchard will premiere on April 7 on HBO."),
    ("2017-03-04", "Paper Kingdom is coming in 2018, the studio said."),
    ("2017-03-05", "The film \u201cSilver Lantern\u201d will open in theaters in late 2017."),
    ("2017-03-06", "Cobalt Sky will arrive in the third quarter of 2017 on Disney+."),
    ("2017-03-07", "Quiet Empire will premiere on Netflix, but no premiere date has been set."),
]


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(
        settings=Settings(database_url=empty_db_url, data_dir=tmp_path, secret_key=SECRET),
        clock=lambda: datetime(2017, 3, 14, 12, 0, tzinfo=UTC),
    )
    migrate.upgrade(runtime.engine)
    for published, text in ARTICLES:
        with runtime.write_session() as session:
            ingest_article(
                RawArticle(text=text, published=date.fromisoformat(published)),
                session=session,
                now=runtime.clock(),
            )
    with runtime.write_session() as session:
        # one release withdrawn (as alerts' cancellations will do), one title with punctuation
        release = session.exec(select(Release).where(Release.date_value == "2017-04-07")).one()
        release.status = "cancelled"
        work = session.exec(select(Work).where(Work.title == "Order & Chaos")).one()
        work.title = "Law, Order & Chaos; Part \\ One"
        # a firm date (CONFIRMED in the feed) whatever the shipped weights' calibration, which
        # moves with each retraining: this test is about the parsers, not the model
        firm = session.exec(select(Release).where(Release.work_id == work.id)).one()
        firm.confidence = 0.95
        session.add_all([release, work, firm])
        session.commit()
    yield runtime
    runtime.close()


def token_for(rt: Runtime, name: str, **spec: object) -> str:
    with rt.write_session() as session:
        return subscriptions.add(
            session,
            # every date, however thin: these tests are about the feed, the floor has its own
            SubscriptionSpec(name=name, **{"min_confidence": 0.0, **spec}),  # type: ignore[arg-type]
            secret=rt.secret,
            now=rt.clock(),
        )


@pytest.mark.parametrize("coarse", list(Coarse))
def test_every_parser_reads_the_same_events(rt: Runtime, icaljs: Path, coarse: Coarse) -> None:
    token = token_for(rt, f"feed-{coarse}", coarse=coarse, alarm=timedelta(days=1))
    with running(rt) as base:
        body = httpx.get(f"{base}/feeds/{token}.ics").content
    agreed = assert_parsers_agree(parse_all(body, icaljs))
    by_summary = {row[4]: row for row in agreed}  # (uid, start, end, all_day, summary, ...)
    assert all(row[3] for row in agreed)  # every event all-day
    assert by_summary["Law, Order & Chaos; Part \\ One"][1:3] == (
        date(2017, 3, 24),
        date(2017, 3, 25),
    )
    assert by_summary["Law, Order & Chaos; Part \\ One"][5] == "CONFIRMED"
    assert by_summary["Cancelled: Glass Orchard season 2"][5] == "CANCELLED"
    summaries = set(by_summary)
    assert not any("Quiet Empire" in s for s in summaries)  # tba: no event
    coarse_titles = {"Night Harbor (summer 2017)", "Paper Kingdom (2018)", "Cobalt Sky (Q3 2017)"}
    if coarse is Coarse.OMIT:
        assert not summaries & coarse_titles
        return
    assert coarse_titles <= summaries
    night = by_summary["Night Harbor (summer 2017)"]
    assert night[5] == "TENTATIVE"
    expected_end = date(2017, 6, 2) if coarse is Coarse.START else date(2017, 9, 1)
    assert night[1:3] == (date(2017, 6, 1), expected_end)


def test_the_page_in_a_real_browser(
    rt: Runtime, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = token_for(rt, "phone")
    with running(rt) as base:
        page_url = f"{base}/s/{token}"
        dom = dump_dom(page_url)
        shot = keep_artifact(
            screenshot(page_url, tmp_path / "subscription-page.png"), "subscription-page.png"
        )
        link = re.search(r'href="(webcal://[^"]+)"', dom)
        assert link is not None
        path = link.group(1).split("/", 3)[3]  # webcal://HOST/feeds/TOKEN.ics
        feed = httpx.get(f"{base}/{path}")
    with capsys.disabled():
        pass
    assert "Law, Order &amp; Chaos" in dom
    assert dom.index("Law, Order") < dom.index("Night Harbor")  # March before summer
    assert "No date yet" in dom
    assert "Quiet Empire" in dom
    assert f"/feeds/{token}.ics" in link.group(1)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert shot.stat().st_size > 5000
