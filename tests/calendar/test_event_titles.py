"""Event titles in a subscriber's own format: rendering, refusals at `add`, and the served feed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from tests.calendar.conftest import runtime_that_read
from tests.calendar.server import running
from tracker.calendar.event_titles import FIELDS, TemplateError, compile_template
from tracker.cli.main import app
from tracker.runtime import Runtime

runner = CliRunner()
SECRET = "an-event-titles-secret-long-enough-0123456789"
HARBOR = {"title": "Glass Harbor", "season": None, "platform": "Prime Video", "label": "2027"}


@pytest.mark.parametrize(
    ("template", "values", "title"),
    [
        ("{title}{ S{season}} ({platform})", HARBOR, "Glass Harbor (Prime Video)"),
        (
            "{title}{ S{season}} ({platform})",
            {**HARBOR, "season": "2"},
            "Glass Harbor S2 (Prime Video)",
        ),
        ("{title}{ S{season}} ({platform})", {**HARBOR, "platform": None}, "Glass Harbor"),
        ("{title} [{label}] {kind}", {**HARBOR, "kind": None}, "Glass Harbor [2027]"),
        ("{title}{ - {platform} premiere}", {**HARBOR, "platform": None}, "Glass Harbor"),
        ("{{{title}}}", HARBOR, "{Glass Harbor}"),
        ("{ {title} }x", {"title": None}, "x"),
    ],
)
def test_absent_fields_leave_no_trace(
    template: str, values: dict[str, str | None], title: str
) -> None:
    assert compile_template(template).render(values) == title


@pytest.mark.parametrize(
    ("template", "said"),
    [
        ("{titel}", "unknown field {titel} at 0"),
        ("{title} ({platform", '"{" at 9 is never closed'),
        ("{title}}", '"}" at 7 closes nothing'),
        ("{a {b{title}}}", "an optional part inside another"),
        ("{ (S) }", "names no field"),
        ("   ", "it is empty"),
        ("x" * 201, "longer than 200"),
    ],
)
def test_a_bad_template_is_refused_with_where_and_why(template: str, said: str) -> None:
    with pytest.raises(TemplateError, match=said.replace("(", r"\(").replace("{", r"\{")):
        compile_template(template)


def test_every_field_is_filled_from_a_release() -> None:
    from datetime import UTC, datetime

    from tracker.calendar.render import FeedItem, title_fields
    from tracker.core.release_date import ReleaseDate

    item = FeedItem(
        release_id=1,
        uid="u",
        title="Loki",
        season=2,
        kind="season_premiere",
        date=ReleaseDate.parse("2027-fall"),
        platform="Disney+",
        status="announced",
        sequence=0,
        changed_at=datetime(2027, 1, 1, tzinfo=UTC),
    )
    fields = title_fields(item)
    assert set(fields) == set(FIELDS)
    assert fields == {
        "title": "Loki",
        "season": "2",
        "kind": "season premiere",
        "platform": "Disney+",
        "precision": "season",
        "date": "2027-fall",
        "label": "fall 2027",
    }


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    texts = (
        "Cobalt Sky will debut on March 24 on Netflix.",
        "The second season of Glass Orchard will premiere on April 7 on HBO.",
        "Paper Kingdom is coming in 2018, the studio said.",
    )
    runtime = runtime_that_read(
        empty_db_url, tmp_path, secret=SECRET, texts=texts, first=date(2017, 3, 1)
    )
    yield runtime
    runtime.close()


def test_the_feed_uses_the_subscription_titles_and_a_bad_one_never_lands(rt: Runtime) -> None:
    bad = runner.invoke(
        app, ["subscriptions", "add", "me", "--summary", "{title} {sesaon}"], obj=rt
    )
    assert bad.exit_code != 0
    assert "unknown field {sesaon}" in bad.output
    assert "Traceback" not in bad.output
    assert "no subscriptions yet" in runner.invoke(app, ["subscriptions", "list"], obj=rt).output
    template = "{title}{ S{season}} ({platform})"
    added = runner.invoke(
        app,
        ["subscriptions", "add", "me", "--min-confidence", "0", "--summary", template],
        obj=rt,
    )
    assert added.exit_code == 0, added.output
    token = added.output.split("/feeds/")[1].split(".ics")[0]
    with running(rt) as base, httpx.Client(base_url=base) as client:
        first = client.get(f"/feeds/{token}.ics")
        titles = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(first.content).walk("VEVENT"))
        assert titles == ["Cobalt Sky (Netflix)", "Glass Orchard S2 (HBO)", "Paper Kingdom"]
        assert client.get(f"/feeds/{token}.ics").content == first.content  # stable bytes
        unchanged = runner.invoke(
            app, ["subscriptions", "set", "me", "--summary", "{title"], obj=rt
        )
        assert unchanged.exit_code != 0
        assert client.get(f"/feeds/{token}.ics").content == first.content
        reset = runner.invoke(app, ["subscriptions", "set", "me", "--summary", ""], obj=rt)
        assert reset.exit_code == 0, reset.output
        again = client.get(f"/feeds/{token}.ics").content
        titles = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(again).walk("VEVENT"))
        assert titles == ["Cobalt Sky", "Glass Orchard season 2", "Paper Kingdom (2018)"]
