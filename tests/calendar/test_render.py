"""The renderer alone: pure, deterministic, and written the way picky parsers want."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from tracker.calendar.render import Coarse, FeedItem, FeedOptions, HistoryLine, render_feed
from tracker.core.release_date import ReleaseDate

CHANGED = datetime(2017, 3, 10, 15, 30, tzinfo=UTC)


def item(release_id: int, value: str, **extra: object) -> FeedItem:
    fields: dict[str, object] = {
        "release_id": release_id,
        "uid": f"release-{release_id}@tracker",
        "title": "Iron Fist",
        "season": None,
        "kind": "premiere",
        "date": ReleaseDate.parse(value),
        "platform": "Netflix",
        "status": "announced",
        "sequence": 0,
        "changed_at": CHANGED,
    }
    fields.update(extra)
    return FeedItem(**fields)  # type: ignore[arg-type]


def events(data: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_a_day_is_a_confirmed_all_day_event() -> None:
    data = render_feed([item(1, "2017-03-17")], FeedOptions(name="me"))
    assert b"DTSTART;VALUE=DATE:20170317\r\n" in data
    assert b"DTEND;VALUE=DATE:20170318\r\n" in data
    assert b"STATUS:CONFIRMED\r\n" in data
    assert b"TRANSP:TRANSPARENT\r\n" in data
    assert b"DTSTAMP:20170310T153000Z\r\n" in data
    assert b"LAST-MODIFIED:20170310T153000Z" in data
    assert b"UID:release-1@tracker\r\n" in data


@pytest.mark.parametrize(
    ("coarse", "start", "end"),
    [(Coarse.START, b"20170601", b"20170602"), (Coarse.SPAN, b"20170601", b"20170901")],
)
def test_coarse_dates_are_tentative_and_placed_as_asked(
    coarse: Coarse, start: bytes, end: bytes
) -> None:
    data = render_feed(
        [item(2, "2017-summer", title="The Defenders")], FeedOptions(name="me", coarse=coarse)
    )
    assert b"DTSTART;VALUE=DATE:" + start in data
    assert b"DTEND;VALUE=DATE:" + end in data
    assert b"STATUS:TENTATIVE" in data
    assert b"SUMMARY:The Defenders (summer 2017)" in data


def test_omitted_coarse_dates_and_tba_get_no_event() -> None:
    items = [item(1, "2017-summer"), item(2, "tba"), item(3, "2017-03-17")]
    omitted = events(render_feed(items, FeedOptions(name="me", coarse=Coarse.OMIT)))
    assert list(omitted) == ["release-3@tracker"]
    started = events(render_feed(items, FeedOptions(name="me")))
    assert sorted(started) == ["release-1@tracker", "release-3@tracker"]


def test_same_data_same_bytes_in_any_order() -> None:
    items = [item(i, f"2017-03-{10 + i}") for i in range(1, 6)]
    first = render_feed(items, FeedOptions(name="me"))
    assert render_feed(list(reversed(items)), FeedOptions(name="me")) == first
    assert list(events(first)) == [f"release-{i}@tracker" for i in range(1, 6)]


def test_text_is_escaped_folded_and_crlf_without_bom() -> None:
    long = "A sentence, with commas; semicolons and a backslash \\ " * 6
    data = render_feed(
        [
            item(
                1,
                "2017-03-17",
                title="Law, Order; Special \\ Unit",
                evidence=((long, "https://news.example/a"),),
            )
        ],
        FeedOptions(name="Mine, all mine"),
    )
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"SUMMARY:Law\\, Order\\; Special \\\\ Unit\r\n" in data
    assert b"X-WR-CALNAME:Mine\\, all mine" in data
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    parsed = events(data)["release-1@tracker"]
    assert "commas; semicolons" in str(parsed["DESCRIPTION"])  # type: ignore[index]


def test_refresh_interval_ttl_and_alarm() -> None:
    data = render_feed(
        [item(1, "2017-03-17")],
        FeedOptions(name="me", alarm=timedelta(days=1), refresh=timedelta(hours=12)),
    )
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in data
    assert b"X-PUBLISHED-TTL:PT12H\r\n" in data
    assert b"BEGIN:VALARM\r\nACTION:DISPLAY" in data
    assert b"TRIGGER:-P1D" in data
    assert b"VALARM" not in render_feed([item(1, "2017-03-17")], FeedOptions(name="me"))


def test_cancelled_and_history_and_sequence() -> None:
    history = (
        HistoryLine(change="new", old=None, new="2017-summer", recorded_at=CHANGED),
        HistoryLine(change="narrowed", old="2017-summer", new="2017-07-14", recorded_at=CHANGED),
    )
    data = render_feed(
        [item(7, "2017-07-14", status="cancelled", sequence=3, history=history)],
        FeedOptions(name="me", alarm=timedelta(days=1)),
    )
    event = events(data)["release-7@tracker"]
    assert str(event["STATUS"]) == "CANCELLED"  # type: ignore[index]
    assert int(event["SEQUENCE"]) == 3  # type: ignore[index]
    assert "narrowed 2017-summer \u2192 2017-07-14" in str(event["DESCRIPTION"])  # type: ignore[index]
    assert str(event["SUMMARY"]).startswith("Cancelled: ")  # type: ignore[index]
    assert b"VALARM" not in data  # no reminder for something that will not happen


def test_a_local_file_is_named_by_its_file_name_not_its_path() -> None:
    sentence = "Iron Fist will premiere March 17."
    data = render_feed(
        [
            item(
                1,
                "2017-03-17",
                evidence=(
                    (sentence, "file:///srv/private/clips/iron%20fist.txt"),
                    (sentence, "https://news.example/iron-fist"),
                ),
            )
        ],
        FeedOptions(name="me"),
    )
    description = str(Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"])
    assert "\u201d iron fist.txt" in description
    assert "/srv/private" not in description
    assert "https://news.example/iron-fist" in description


def test_cached_events_give_the_same_bytes_and_a_changed_release_renders_again() -> None:
    from tracker.calendar.render import EventCache

    events = EventCache()
    options = FeedOptions(name="me", alarm=timedelta(days=1))
    items = [item(i, "2017-03-17", title=f"Work {i}") for i in range(1, 6)]
    plain = render_feed(items, options)
    assert render_feed(items, options, events=events) == plain
    assert render_feed(items, options, events=events) == plain
    moved = [*items[:4], item(5, "2017-04-01", title="Work 5", sequence=1)]
    again = render_feed(moved, options, events=events)
    assert again == render_feed(moved, options)
    assert b"DTSTART;VALUE=DATE:20170401" in again
    assert b"DTSTART;VALUE=DATE:20170317" in again
