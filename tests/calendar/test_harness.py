"""Tests of the feed-test harness itself: the four parsers and the headless browser."""

from __future__ import annotations

import functools
import http.server
import struct
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.calendar import browser, parsers
from tests.calendar.parsers import (
    CalendarParseError,
    FeedRejected,
    ParsedEvent,
    assert_parsers_agree,
    parse_all,
    parse_icalendar,
    parse_icaljs,
    parse_ics,
    parse_vobject,
)
from tests.calendar.tools import ToolUnavailable, skip_or_fail


def ics(*lines: str) -> bytes:
    """An iCalendar document from its lines, with CRLF line endings as RFC 5545 wants."""
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8")


HEADER = ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tracker//harness test//EN")

SAMPLE = ics(
    *HEADER,
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    "UID:release-1@tracker.test",
    "DTSTAMP:20170101T120000Z",
    "DTSTART;VALUE=DATE:20170317",
    "DTEND;VALUE=DATE:20170318",
    "SUMMARY:Iron Fist\\, season 1",
    "STATUS:CONFIRMED",
    "SEQUENCE:2",
    "TRANSP:TRANSPARENT",
    # One logical line folded at 75 octets; the en dash is 3 octets, the comma is escaped.
    'DESCRIPTION:Netflix premiere. Evidence: "All thirteen episodes arrive on Ma',
    ' rch 17" \u2013 from the announcement. History: first announced for spring ',
    " 2017\\, then moved.",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Iron Fist\\, season 1",
    "TRIGGER:-P1D",
    "END:VALARM",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:release-2@tracker.test",
    "DTSTAMP:20170101T120000Z",
    "DTSTART;VALUE=DATE:20170601",
    "DTEND;VALUE=DATE:20170602",
    "SUMMARY:The Defenders (summer 2017)",
    "STATUS:TENTATIVE",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
)

DESCRIPTION = (
    'Netflix premiere. Evidence: "All thirteen episodes arrive on March 17" \u2013 from the '
    "announcement. History: first announced for spring 2017, then moved."
)

EXPECTED = [
    ParsedEvent(
        uid="release-1@tracker.test",
        start=date(2017, 3, 17),
        end=date(2017, 3, 18),
        all_day=True,
        summary="Iron Fist, season 1",
        status="CONFIRMED",
        sequence=2,
        transp="TRANSPARENT",
        description=DESCRIPTION,
        has_alarm=True,
    ),
    ParsedEvent(
        uid="release-2@tracker.test",
        start=date(2017, 6, 1),
        end=date(2017, 6, 2),
        all_day=True,
        summary="The Defenders (summer 2017)",
        status="TENTATIVE",
        sequence=None,
        transp="TRANSPARENT",
        description=None,
        has_alarm=False,
    ),
]


def test_sample_is_crlf_and_folded() -> None:
    lines = SAMPLE.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert any(line.startswith(b" ") for line in lines)
    assert max(len(line) for line in lines) <= 75


def test_all_four_parsers_read_the_sample_alike(icaljs: Path) -> None:
    results = parse_all(SAMPLE, icaljs)

    assert sorted(results) == ["icalendar", "icaljs", "ics", "vobject"]
    assert assert_parsers_agree(results) == parsers.project(EXPECTED)
    # On this sample they agree on everything, unfolding and unescaping included.
    for name, events in results.items():
        assert events == EXPECTED, name


def test_each_parser_on_its_own(icaljs: Path) -> None:
    assert parse_icalendar(SAMPLE) == EXPECTED
    assert parse_vobject(SAMPLE) == EXPECTED
    assert parse_ics(SAMPLE) == EXPECTED
    assert parse_icaljs(SAMPLE, icaljs) == EXPECTED


def test_missing_end_vcalendar_is_rejected_except_by_ics_py(icaljs: Path) -> None:
    broken = SAMPLE.removesuffix(b"END:VCALENDAR\r\n")

    with pytest.raises(FeedRejected) as rejected:
        parse_all(broken, icaljs)

    failures = rejected.value.failures
    assert sorted(failures) == ["icalendar", "icaljs", "vobject"]
    assert "component began but did not end" in failures["icaljs"].message
    assert "VCALENDAR was never closed" in failures["vobject"].message
    assert "Found no components" in failures["icalendar"].message
    # ics-py 0.7 reads the truncated document without complaint: it is no validator.
    assert [event.uid for event in parse_ics(broken)] == [e.uid for e in EXPECTED]


def test_date_without_value_date_is_rejected_by_icaljs_only(icaljs: Path) -> None:
    # RFC 5545 requires VALUE=DATE on a DATE; three parsers guess, Thunderbird's does not.
    unmarked = SAMPLE.replace(b"DTSTART;VALUE=DATE:20170601", b"DTSTART:20170601")

    with pytest.raises(CalendarParseError, match=r'invalid date-time value: "2017-06-01T::"'):
        parse_icaljs(unmarked, icaljs)
    for read in (parse_icalendar, parse_vobject, parse_ics):
        assert read(unmarked)[1].start == date(2017, 6, 1), read.__name__


def test_icalendar_lenient_errors_are_raised() -> None:
    # icalendar 7 records an unparsable line in `component.errors` instead of raising.
    broken = SAMPLE.replace(b"STATUS:TENTATIVE", b"STATUS TENTATIVE")

    with pytest.raises(CalendarParseError, match=r"icalendar: .*STATUS TENTATIVE") as raised:
        parse_icalendar(broken)
    assert raised.value.parser == "icalendar"


def test_non_integer_sequence_is_rejected(icaljs: Path) -> None:
    broken = SAMPLE.replace(b"SEQUENCE:2", b"SEQUENCE:two")

    with pytest.raises(FeedRejected) as rejected:
        parse_all(broken, icaljs)
    # icalendar records the bad value as an error; vobject and ics-py keep it as text, which
    # the harness's int() rejects. ical.js (so Thunderbird) silently reads it as 0.
    assert sorted(rejected.value.failures) == ["icalendar", "ics", "vobject"]
    assert parse_icaljs(broken, icaljs)[0].sequence == 0


def test_timed_events_normalise_to_utc_alike(icaljs: Path) -> None:
    feed = ics(
        *HEADER,
        "BEGIN:VEVENT",
        "UID:a-utc",
        "DTSTAMP:20170101T120000Z",
        "DTSTART:20170317T090000Z",
        "DTEND:20170317T100000Z",
        "SUMMARY:utc",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:b-zoned",
        "DTSTAMP:20170101T120000Z",
        "DTSTART;TZID=Europe/Berlin:20170317T090000",
        "DURATION:PT1H",
        "SUMMARY:zoned, no VTIMEZONE",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:c-span",
        "DTSTAMP:20170101T120000Z",
        "DTSTART;VALUE=DATE:20170601",
        "DURATION:P3D",
        "SUMMARY:three days",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:d-floating",
        "DTSTAMP:20170101T120000Z",
        "DTSTART:20170317T090000",
        "SUMMARY:floating",
        "END:VEVENT",
        "END:VCALENDAR",
    )

    results = parse_all(feed, icaljs)

    floating = {name: events.pop() for name, events in results.items()}
    assert assert_parsers_agree(results, ("uid", "start", "end", "all_day")) == [
        (
            "a-utc",
            datetime(2017, 3, 17, 9, tzinfo=UTC),
            datetime(2017, 3, 17, 10, tzinfo=UTC),
            False,
        ),
        (
            "b-zoned",
            datetime(2017, 3, 17, 8, tzinfo=UTC),
            datetime(2017, 3, 17, 9, tzinfo=UTC),
            False,
        ),
        ("c-span", date(2017, 6, 1), date(2017, 6, 4), True),
    ]
    # A floating time stays naive, except in ics-py 0.7, which reads it as UTC.
    assert {name: event.start for name, event in floating.items()} == {
        "icalendar": datetime(2017, 3, 17, 9),  # noqa: DTZ001 - floating time: naive on purpose
        "vobject": datetime(2017, 3, 17, 9),  # noqa: DTZ001 - floating time: naive on purpose
        "icaljs": datetime(2017, 3, 17, 9),  # noqa: DTZ001 - floating time: naive on purpose
        "ics": datetime(2017, 3, 17, 9, tzinfo=UTC),
    }
    assert all(event.end is None for event in floating.values())


def test_icaljs_install_is_cached_outside_the_repo(icaljs: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    installed = icaljs / "node_modules" / "ical.js" / "package.json"
    before = installed.stat().st_mtime_ns

    again = parsers.ensure_icaljs(icaljs.parent)

    assert again == icaljs
    assert installed.stat().st_mtime_ns == before
    assert not icaljs.resolve().is_relative_to(repo)
    assert (icaljs / "read.mjs").read_bytes() == (parsers.ICALJS_SOURCE / "read.mjs").read_bytes()


def test_failed_icaljs_install_is_reported_and_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = tmp_path / "icaljs"
    source.mkdir()
    (source / "package.json").write_text("{ not json", encoding="utf-8")  # npm fails offline
    monkeypatch.setattr(parsers, "ICALJS_SOURCE", source)
    if parsers.shutil.which("node") is None or parsers.shutil.which("npm") is None:
        skip_or_fail("node and npm are needed to see npm fail")

    with pytest.raises(ToolUnavailable, match=r"npm install of ical\.js failed"):
        parsers.ensure_icaljs(tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_missing_tool_skips_outside_ci_and_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("CI", ci)

    with pytest.raises(outcome, match="chromium is not installed"):
        skip_or_fail("chromium is not installed")


def test_missing_chromium_follows_the_policy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        browser.dump_dom("http://127.0.0.1:9/")


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harness page</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Coming soon</h1><p id="late"></p>
<script>
setTimeout(() => { document.getElementById("late").textContent = "settled"; }, 500);
</script>
</body></html>
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep request logs out of the test output."""


@pytest.fixture
def static_site(tmp_path: Path) -> Iterator[str]:
    """A loopback HTTP server (port 0) serving one small page; yields its URL."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            host, port = server.server_address[:2]
            yield f"http://{host}:{port}/index.html"
        finally:
            server.shutdown()
            thread.join(timeout=10)


def test_browser_dumps_dom_and_takes_a_screenshot(
    static_site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dom = browser.dump_dom(static_site)

    assert "<h1>Coming soon</h1>" in dom
    assert '<p id="late">settled</p>' in dom  # --virtual-time-budget let the timer run

    path = browser.screenshot(static_site, tmp_path / "shots" / "harness.png")

    assert path.is_file()
    assert path.stat().st_size > 1000
    png = path.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    assert (width, height) == (412, 915)
    kept = browser.keep_artifact(path, "harness-page.png")
    with capsys.disabled():  # shown even when the test passes, for CI logs
        print(f"\nscreenshot: {kept}")  # noqa: T201 - the artifact path belongs in the output
