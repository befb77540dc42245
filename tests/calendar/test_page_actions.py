"""The subscription page people act on: a month view beside the list, an event of its own
per release, and watch / unwatch buttons that change only that subscription's list, with an
anti-forgery field, never on GET. Over real HTTP on both backends, then in headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from sqlmodel import select
from typer.testing import CliRunner

from tests.calendar.browser import chromium, keep_artifact
from tests.calendar.conftest import runtime_that_read
from tests.calendar.server import running
from tracker.cli.main import app
from tracker.db.models import Release, Work
from tracker.runtime import Runtime

runner = CliRunner()
SECRET = "a-page-actions-secret-long-enough-0123456789"
ARTICLES = (
    "Cobalt Sky will debut on March 24 on Netflix.",
    "Night Harbor will premiere this summer on Hulu.",
    "Velvet Storm will launch on April 4 on Steam.",
    "The second season of Glass Orchard will premiere on March 30 on HBO.",
)


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = runtime_that_read(
        empty_db_url, tmp_path, secret=SECRET, texts=ARTICLES, first=date(2017, 3, 1)
    )
    yield runtime
    runtime.close()


def subscribe(rt: Runtime, name: str, *args: str) -> str:
    added = runner.invoke(
        app, ["subscriptions", "add", name, "--min-confidence", "0", *args], obj=rt
    )
    assert added.exit_code == 0, added.output
    return added.output.split("/feeds/")[1].split(".ics")[0]


def watched(rt: Runtime, name: str) -> list[str]:
    out = runner.invoke(app, ["watch", "list", "--subscription", name], obj=rt).output
    return sorted(line.split("\t")[0] for line in out.splitlines()[1:] if line.strip())


def work_id(rt: Runtime, title: str) -> int:
    with rt.session() as session:
        found = session.exec(select(Work).where(Work.title == title)).one()
        assert found.id is not None
        return found.id


def form_token_of(html: str) -> str:
    found = re.search(r'name=form value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_month_view_and_an_event_of_its_own(rt: Runtime) -> None:
    token = subscribe(rt, "all")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        page = client.get(f"/s/{token}").text
        assert "<caption>March 2017</caption>" in page
        assert "<caption>April 2017</caption>" in page
        march = page.split("<caption>March 2017</caption>")[1].split("</table>")[0]
        assert "<span class=day>24</span><ul><li>Cobalt Sky</li></ul>" in march
        assert "Glass Orchard S2" in march  # day-precise, on its day
        assert "Night Harbor" not in march  # summer: never on its first day...
        assert "Sometime in June 2017: Night Harbor (summer 2017)" in page  # ...but each month
        assert "Sometime in August 2017: Night Harbor (summer 2017)" in page
        assert "name=form" not in page  # no watch list: no watch buttons
        with rt.session() as session:
            cobalt = session.exec(select(Release).where(Release.date_value == "2017-03-24")).one()
        link = f"/s/{token}/release/{cobalt.id}.ics"
        assert link in page
        one = client.get(link)
        assert one.status_code == 200
        assert one.headers["content-type"].startswith("text/calendar")
        events = Calendar.from_ical(one.content).walk("VEVENT")
        assert [str(e["UID"]) for e in events] == [cobalt.uid]
        feed = Calendar.from_ical(client.get(f"/feeds/{token}.ics").content)
        same = next(e for e in feed.walk("VEVENT") if str(e["UID"]) == cobalt.uid)
        assert same.to_ical() == events[0].to_ical()  # the same event as in the calendar
        assert client.get(f"/s/{token}/release/999999.ics").status_code == 404
        for odd in ("%C2%B2", "99999999999999999999999", "0"):  # "\u00b2", too long, no row
            assert client.get(f"/s/{token}/release/{odd}.ics").status_code == 404, odd
        assert client.get(f"/s/not-a-token/release/{cobalt.id}.ics").status_code == 404


def test_watch_buttons_act_on_their_own_subscription_only(rt: Runtime) -> None:
    mine = subscribe(rt, "mine", "--watch", "Cobalt Sky")
    subscribe(rt, "theirs", "--watch", "Cobalt Sky")
    velvet = work_id(rt, "Velvet Storm")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        page = client.get(f"/s/{mine}").text
        assert "Also coming, not on your watch list" in page
        token = form_token_of(page)
        assert client.get(f"/s/{mine}/watch").status_code == 405  # nothing changes on GET
        forged = client.post(f"/s/{mine}/watch", data={"form": "guess", "work": str(velvet)})
        assert forged.status_code == 403
        assert watched(rt, "mine") == ["Cobalt Sky"]
        done = client.post(f"/s/{mine}/watch", data={"form": token, "work": str(velvet)})
        assert done.status_code == 303
        assert done.headers["location"] == f"/s/{mine}"
        assert watched(rt, "mine") == ["Cobalt Sky", "Velvet Storm"]
        assert watched(rt, "theirs") == ["Cobalt Sky"]  # another subscription is untouched
        cobalt = work_id(rt, "Cobalt Sky")
        gone = client.post(f"/s/{mine}/unwatch", data={"form": token, "work": str(cobalt)})
        assert gone.status_code == 303
        assert watched(rt, "mine") == ["Velvet Storm"]
        assert (
            client.post(f"/s/{mine}/delete", data={"form": token, "work": "1"}).status_code == 404
        )
        for odd in ("\u00b2", "99999999999999999999999", "0", "-1", ""):  # never a 500
            refused = client.post(f"/s/{mine}/watch", data={"form": token, "work": odd})
            assert refused.status_code == 400, odd
        assert watched(rt, "mine") == ["Velvet Storm"]
        velvet_last = client.post(f"/s/{mine}/unwatch", data={"form": token, "work": str(velvet)})
        assert velvet_last.status_code == 409  # the last title: the calendar would flood
        assert "last title" in velvet_last.text
        assert watched(rt, "mine") == ["Velvet Storm"]


def test_a_calendar_without_a_watch_list_is_not_turned_into_one(rt: Runtime) -> None:
    from tracker.calendar.tokens import form_token

    everything = subscribe(rt, "everything")
    with running(rt) as base, httpx.Client(base_url=base) as client:
        assert "name=form" not in client.get(f"/s/{everything}").text  # no buttons to press
        velvet = work_id(rt, "Velvet Storm")
        sent = {"form": form_token(rt.secret, everything), "work": str(velvet)}
        tried = client.post(f"/s/{everything}/watch", data=sent)
        assert tried.status_code == 409
        assert watched(rt, "everything") == []


def test_the_page_in_chromium_on_a_phone(rt: Runtime, tmp_path: Path) -> None:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    mine = subscribe(rt, "mine", "--watch", "Cobalt Sky")
    with running(rt) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, java_script_enabled=False
            )
            phone.goto(f"{base}/s/{mine}")
            assert phone.locator("table.month caption").first.inner_text() == "March 2017"
            overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert overflow is False  # nothing wider than the phone
            shot = tmp_path / "page-phone.png"
            phone.screenshot(path=str(shot), full_page=True)
            assert shot.read_bytes().startswith(b"\x89PNG")
            keep_artifact(shot, "page-phone.png")
            row = phone.locator("li", has_text="Velvet Storm")
            row.get_by_role("button", name="Watch").click()  # a plain form: no script needed
            phone.wait_for_url(f"{base}/s/{mine}")
            assert watched(rt, "mine") == ["Cobalt Sky", "Velvet Storm"]
            listed = phone.locator("section.list > ol").first.inner_text()
            assert "Velvet Storm" in listed
            assert (
                phone.locator("li", has_text="Velvet Storm")
                .get_by_role("button", name="Unwatch")
                .count()
                == 1
            )
        finally:
            browser.close()
