"""Read an iCalendar feed back with four independent parsers, as comparable events.

A served feed is only as good as the calendar apps that read it, so feed tests parse the same bytes
with icalendar, vobject, ics-py and ical.js (Thunderbird's parser, run under node) and compare.
Each parser returns its VEVENTs as :class:`ParsedEvent` values sorted by UID; a parser that
rejects the document raises :class:`CalendarParseError` carrying that parser's own message.

Times are normalised the same way for every parser: a DATE stays a ``date``, a date-time with a
zone (``Z``, a TZID) becomes an aware UTC ``datetime``, a floating date-time stays naive.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ParamSpec
from zoneinfo import ZoneInfo

from tests.calendar.tools import ToolUnavailable, skip_or_fail

ICALJS_SOURCE = Path(__file__).with_name("icaljs")
"""Where package.json (the pinned ical.js) and read.mjs live in the repository."""

CORE_FIELDS = ("uid", "start", "end", "all_day", "summary", "status", "sequence")
"""The fields every parser must agree on for any feed we serve."""

NODE_TIMEOUT = 60.0
NPM_TIMEOUT = 300.0

P = ParamSpec("P")


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedEvent:
    """One VEVENT as a parser understood it."""

    uid: str
    start: date | datetime
    end: date | datetime | None  # DTEND, or DTSTART + DURATION; None when the feed gives neither
    all_day: bool
    summary: str
    status: str | None
    sequence: int | None
    transp: str | None
    description: str | None
    has_alarm: bool


class CalendarParseError(Exception):
    """A parser rejected the document (or a VEVENT in it)."""

    def __init__(self, parser: str, message: str) -> None:
        super().__init__(f"{parser}: {message}")
        self.parser = parser
        self.message = message


class FeedRejected(CalendarParseError):
    """One or more parsers in :func:`parse_all` rejected the document."""

    def __init__(self, failures: Mapping[str, CalendarParseError]) -> None:
        self.failures = dict(failures)
        lines = "\n".join(f"  {error}" for error in self.failures.values())
        super().__init__(", ".join(self.failures), f"rejected the feed:\n{lines}")


def _reported_as(
    parser: str,
) -> Callable[[Callable[P, list[ParsedEvent]]], Callable[P, list[ParsedEvent]]]:
    """Turn whatever a parser raises into a CalendarParseError naming that parser."""

    def decorate(read: Callable[P, list[ParsedEvent]]) -> Callable[P, list[ParsedEvent]]:
        @functools.wraps(read)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> list[ParsedEvent]:
            try:
                return read(*args, **kwargs)
            except (CalendarParseError, ToolUnavailable):  # already named, or not about the feed
                raise
            # Third-party parsers raise anything (ValueError, KeyError, their own ParseError,
            # arrow's ParserError): every one of them means "this parser rejects the feed".
            except Exception as error:
                raise CalendarParseError(parser, f"{type(error).__name__}: {error}") from error

        return wrapper

    return decorate


def _moment(value: object, name: str) -> date | datetime:
    """A DATE as ``date``, a zoned date-time in UTC, a floating one naive.

    >>> _moment(date(2017, 3, 17), "DTSTART")
    datetime.date(2017, 3, 17)
    >>> _moment(datetime(2017, 3, 17, 9, tzinfo=ZoneInfo("Europe/Berlin")), "DTSTART")
    datetime.datetime(2017, 3, 17, 8, 0, tzinfo=datetime.timezone.utc)
    """
    if isinstance(value, datetime):
        return value if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return value
    raise ValueError(f"{name} is not a DATE or DATE-TIME: {value!r}")


def _by_uid(events: Iterable[ParsedEvent]) -> list[ParsedEvent]:
    return sorted(events, key=lambda event: event.uid)


def _text(data: bytes) -> str:
    return data.decode("utf-8")


# --- icalendar ----------------------------------------------------------------------------------


@_reported_as("icalendar")
def parse_icalendar(data: bytes) -> list[ParsedEvent]:
    """Events as icalendar 7 reads them.

    icalendar is lenient: a line it cannot parse is recorded in ``component.errors`` instead of
    raised. Those count as a rejection here, or a broken feed would pass silently.
    """
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    if calendar.name != "VCALENDAR":
        raise ValueError(f"expected a VCALENDAR, found {calendar.name}")
    broken = [
        f"{component.name} {prop or 'line'}: {message}"
        for component in calendar.walk()
        for prop, message in component.errors
    ]
    if broken:
        raise ValueError("; ".join(broken))
    return _by_uid(_icalendar_event(vevent) for vevent in calendar.walk("VEVENT"))


def _icalendar_event(vevent: Any) -> ParsedEvent:
    if "UID" not in vevent or "DTSTART" not in vevent:
        raise ValueError(f"VEVENT without UID or DTSTART: {vevent.to_ical()[:200]!r}")
    start = _moment(vevent["DTSTART"].dt, "DTSTART")
    end: date | datetime | None = None
    if "DTEND" in vevent:
        end = _moment(vevent["DTEND"].dt, "DTEND")
    elif "DURATION" in vevent:
        end = _moment(start + vevent["DURATION"].dt, "DTSTART + DURATION")

    def text(name: str) -> str | None:
        return str(vevent[name]) if name in vevent else None

    return ParsedEvent(
        uid=str(vevent["UID"]),
        start=start,
        end=end,
        all_day=not isinstance(start, datetime),
        summary=text("SUMMARY") or "",
        status=text("STATUS"),
        sequence=int(vevent["SEQUENCE"]) if "SEQUENCE" in vevent else None,
        transp=text("TRANSP"),
        description=text("DESCRIPTION"),
        has_alarm=any(sub.name == "VALARM" for sub in vevent.subcomponents),
    )


# --- vobject ------------------------------------------------------------------------------------


@_reported_as("vobject")
def parse_vobject(data: bytes) -> list[ParsedEvent]:
    """Events as vobject reads them (it raises ParseError on a malformed document)."""
    import vobject

    components = list(vobject.readComponents(_text(data)))
    if len(components) != 1 or components[0].name != "VCALENDAR":
        names = [component.name for component in components]
        raise ValueError(f"expected exactly one VCALENDAR, found {names}")
    vevents = components[0].contents.get("vevent", [])
    return _by_uid(_vobject_event(vevent) for vevent in vevents)


def _vobject_event(vevent: Any) -> ParsedEvent:
    def value(name: str) -> Any:
        lines = vevent.contents.get(name)
        return lines[0].value if lines else None

    if value("uid") is None or value("dtstart") is None:
        raise ValueError(f"VEVENT without UID or DTSTART: {vevent}")
    start = _moment(value("dtstart"), "DTSTART")
    end: date | datetime | None = None
    if value("dtend") is not None:
        end = _moment(value("dtend"), "DTEND")
    elif value("duration") is not None:
        end = _moment(start + value("duration"), "DTSTART + DURATION")
    sequence = value("sequence")
    return ParsedEvent(
        uid=str(value("uid")),
        start=start,
        end=end,
        all_day=not isinstance(start, datetime),
        summary=value("summary") or "",
        status=value("status"),
        sequence=None if sequence is None else int(sequence),
        transp=value("transp"),
        description=value("description"),
        has_alarm="valarm" in vevent.contents,
    )


# --- ics-py -------------------------------------------------------------------------------------


@_reported_as("ics")
def parse_ics(data: bytes) -> list[ParsedEvent]:
    """Events as ics-py 0.7 reads them.

    ics-py 0.7 has no SEQUENCE attribute (it stays in ``event.extra``), keeps TRANSP as a bool,
    reads floating date-times as UTC, and accepts a document whose END:VCALENDAR is missing.
    """
    import ics

    calendar = ics.Calendar(_text(data))
    return _by_uid(_ics_event(event) for event in calendar.events)


def _ics_event(event: Any) -> ParsedEvent:
    if event.uid is None or event.begin is None:
        raise ValueError(f"VEVENT without UID or DTSTART: {event!r}")

    def moment(arrow: Any, name: str) -> date | datetime:
        return arrow.date() if event.all_day else _moment(arrow.datetime, name)

    # `event.end` invents an end (begin + 1 day, or begin) when the feed has none: ask first.
    end = moment(event.end, "DTEND") if event.has_end() else None
    sequences = [line.value for line in event.extra if line.name == "SEQUENCE"]
    transp = {True: "TRANSPARENT", False: "OPAQUE", None: None}[event.transparent]
    return ParsedEvent(
        uid=event.uid,
        start=moment(event.begin, "DTSTART"),
        end=end,
        all_day=event.all_day,
        summary=event.name or "",
        status=event.status,
        sequence=int(sequences[0]) if sequences else None,
        transp=transp,
        description=event.description,
        has_alarm=bool(event.alarms),
    )


# --- ical.js ------------------------------------------------------------------------------------


@_reported_as("ical.js")
def parse_icaljs(data: bytes, icaljs_dir: Path) -> list[ParsedEvent]:
    """Events as ical.js reads them, via ``node read.mjs`` in an :func:`ensure_icaljs` folder."""
    node = shutil.which("node")
    if node is None:
        raise ToolUnavailable("node is not on PATH")
    completed = subprocess.run(
        [node, str(icaljs_dir / "read.mjs")],
        input=data,
        capture_output=True,
        timeout=NODE_TIMEOUT,
        check=False,
    )
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip()
        raise CalendarParseError("ical.js", message or f"node exited {completed.returncode}")
    payload = json.loads(completed.stdout)
    return _by_uid(_icaljs_event(event) for event in payload["events"])


def _icaljs_time(value: Mapping[str, str | None] | None) -> date | datetime | None:
    """A time as read.mjs prints it: {"date"}, {"utc"} or {"floating", "tzid"}."""
    if value is None:
        return None
    if (day := value.get("date")) is not None:
        return date.fromisoformat(day)
    if (utc := value.get("utc")) is not None:
        return datetime.fromisoformat(utc).astimezone(UTC)
    floating = datetime.fromisoformat(str(value["floating"]))
    # A TZID without a VTIMEZONE: ical.js leaves the time floating; the Python parsers resolve
    # the name through the system zone database, so do the same to compare like with like.
    tzid = value.get("tzid")
    return floating.replace(tzinfo=ZoneInfo(tzid)).astimezone(UTC) if tzid else floating


def _icaljs_event(event: Mapping[str, Any]) -> ParsedEvent:
    start = _icaljs_time(event["start"])
    if start is None:
        raise ValueError(f"VEVENT without DTSTART: {event}")
    return ParsedEvent(
        uid=str(event["uid"]),
        start=start,
        end=_icaljs_time(event["end"]),
        all_day=bool(event["all_day"]),
        summary=str(event["summary"]),
        status=event["status"],
        sequence=event["sequence"],
        transp=event["transp"],
        description=event["description"],
        has_alarm=bool(event["has_alarm"]),
    )


def icaljs_cache_root() -> Path:
    """``$XDG_CACHE_HOME/tracker-tests/icaljs``, by default ``~/.cache/tracker-tests/icaljs``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tracker-tests" / "icaljs"


def ensure_icaljs(cache_root: Path | None = None) -> Path:
    """A folder holding ``node_modules/ical.js`` and ``read.mjs``, installed once per version.

    The folder is ``<cache_root>/<sha256 of package.json>``, outside the repository, so a new
    pin gets a fresh install and an unchanged one is reused across runs. npm installs into a
    staging folder that is renamed into place, so a half-done install is never used.

    Raises:
        ToolUnavailable: node or npm is missing, or the install failed.
    """
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise ToolUnavailable(f"{tool} is not on PATH; the ical.js parser needs node and npm")
    manifest = (ICALJS_SOURCE / "package.json").read_bytes()
    root = cache_root or icaljs_cache_root()
    target = root / hashlib.sha256(manifest).hexdigest()[:16]
    if not _installed(target):
        _install(manifest, root, target)
    _place(ICALJS_SOURCE / "read.mjs", target / "read.mjs")
    return target


def _installed(folder: Path) -> bool:
    return (folder / "node_modules" / "ical.js" / "package.json").is_file()


def _install(manifest: bytes, root: Path, target: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.", dir=root))
    try:
        (staging / "package.json").write_bytes(manifest)
        command = ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"]
        try:
            completed = subprocess.run(
                command, cwd=staging, capture_output=True, timeout=NPM_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise ToolUnavailable(f"npm install of ical.js took over {NPM_TIMEOUT}s") from error
        if completed.returncode != 0:
            tail = completed.stderr.decode("utf-8", "replace").strip()[-2000:]
            raise ToolUnavailable(f"npm install of ical.js failed ({completed.returncode}): {tail}")
        if not _installed(staging):
            raise ToolUnavailable(f"npm install left no node_modules/ical.js in {staging}")
        if target.exists():  # an earlier install broke off half-way
            shutil.rmtree(target)
        try:
            staging.rename(target)
        except OSError:  # a concurrent run renamed its own install first: use that one
            if not _installed(target):
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _place(source: Path, destination: Path) -> None:
    """Copy source over destination atomically, unless it is already identical."""
    content = source.read_bytes()
    if destination.is_file() and destination.read_bytes() == content:
        return
    partial = destination.with_name(f".{destination.name}.{os.getpid()}")
    partial.write_bytes(content)
    partial.replace(destination)


def require_icaljs() -> Path:
    """:func:`ensure_icaljs`, or skip the test (fail it under ``CI=true``) when it cannot be."""
    try:
        return ensure_icaljs()
    except ToolUnavailable as error:
        skip_or_fail(f"ical.js unavailable: {error}")


# --- all of them --------------------------------------------------------------------------------


def parse_all(data: bytes, icaljs_dir: Path) -> dict[str, list[ParsedEvent]]:
    """Events per parser: ``{"icalendar": [...], "vobject": [...], "ics": [...], "icaljs": [...]}``.

    Raises:
        FeedRejected: naming every parser that rejected the document, with its message.
    """
    readers: dict[str, Callable[[bytes], list[ParsedEvent]]] = {
        "icalendar": parse_icalendar,
        "vobject": parse_vobject,
        "ics": parse_ics,
        "icaljs": functools.partial(parse_icaljs, icaljs_dir=icaljs_dir),
    }
    results: dict[str, list[ParsedEvent]] = {}
    failures: dict[str, CalendarParseError] = {}
    for name, read in readers.items():
        try:
            results[name] = read(data)
        except CalendarParseError as error:
            failures[name] = error
    if failures:
        raise FeedRejected(failures)
    return results


def project(events: Iterable[ParsedEvent], names: Iterable[str] = CORE_FIELDS) -> list[tuple]:
    """The chosen fields of each event, as tuples, for comparing parsers."""
    chosen = tuple(names)
    known = {field.name for field in fields(ParsedEvent)}
    if unknown := set(chosen) - known:
        raise ValueError(f"unknown ParsedEvent fields: {sorted(unknown)}")
    return [tuple(getattr(event, name) for name in chosen) for event in events]


def assert_parsers_agree(
    results: Mapping[str, list[ParsedEvent]], names: Iterable[str] = CORE_FIELDS
) -> list[tuple]:
    """Assert every parser read the same events (on the chosen fields); return that reading."""
    chosen = tuple(names)
    readings = {parser: project(events, chosen) for parser, events in results.items()}
    first, *others = readings
    for other in others:
        assert readings[other] == readings[first], (
            f"{other} and {first} disagree on {chosen}:\n"
            f"  {other}: {readings[other]}\n  {first}: {readings[first]}"
        )
    return readings[first]
