"""A believed name loses what a layout glued to it: a listing's time, a byline, a network."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract import extract_announcements
from tracker.extract.candidates.candidate import Candidate
from tracker.extract.decisions.extent import trim_title
from tracker.extract.decisions.merge import merge
from tracker.extract.reading.values import day_value, month_value
from tracker.extract.records import Kind


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("10 PM: Medium", "Medium"),
        ("8:30 p.m. - The Orchard Line", "The Orchard Line"),
        ("9 p.m. ET: Harbor Lights", "Harbor Lights"),
        ("9/8c: Night Ferry", "Night Ferry"),
        ("PM: HOUSE", "HOUSE"),  # the hour went with the time the reader cut off
        ("The Islanders by Christopher Priest", "The Islanders"),
        ("River of Smoke by Amitav Ghosh", "River of Smoke"),
        ("Thief on FX", "Thief"),
        ("The Salisbury Poisonings on BBC One", "The Salisbury Poisonings"),
        ("House of Cards: March", "House of Cards"),
        ("Narcos - August", "Narcos"),
        ("2019\u2019s Madame X", "Madame X"),
        ("1999's The Secrets of Giving", "The Secrets of Giving"),
        ("Poltergeist in 4K Ultra HD", "Poltergeist"),
        ("Heat on Blu-ray and DVD", "Heat"),
        ("the Sidharth Malhotra-starrer Aiyaary", "Aiyaary"),
        ("Distributor: Humpday", "Humpday"),
        ("Announcement: Neko Lantern", "Neko Lantern"),
        ("Glass Harbor with Scarlett Vane and Adam Roe", "Glass Harbor"),  # a cast
        ("Score: 8.25", ""),  # a label and a number name nothing
        ("MI The Fillmore", ""),  # a tour row's venue names no work
        ("AB Union Hall", ""),
    ],
)
def test_what_a_layout_glued_to_a_title_is_trimmed(name: str, title: str) -> None:
    assert trim_title(name) == title


@pytest.mark.parametrize(
    "title",
    [
        "Stand by Me",  # "by" and one word: part of the title
        "Killed by Death",
        "Murder on the Orient Express",  # "on" and no network
        "Yang Ik-june",  # a hyphenated name is not a month after a dash
        "Spider-Man: Far From Home",
        "13.07.09 - The Bookseller",  # a date, not a clock time, and not at a row's start
        "24",
        "2046",
        "1917",  # a year alone stays a year
        "6 by Jean Auel",  # a trim that leaves no name is not made
        "C on ABC",
        "Season 2: May",  # "May" is too often a word to be read as the month
        "Late Night with Seth Meyers",  # a talk show is named after its host
        "America Inside Out with Katie Couric",  # one person: a host, unless a film's
        "Letters from Iwo Jima",  # "from" and a place
        "Winter in 4K Town",  # a format only at the end
        "OK Computer",  # state codes that open titles as often as tour rows
        "LA Confidential",
    ],
)
def test_a_title_that_only_looks_glued_is_kept(title: str) -> None:
    assert trim_title(title) == title


def test_a_films_credit_of_one_person_is_trimmed() -> None:
    assert trim_title("Klaus with Jason Schwartzman", credits=True) == "Klaus"
    assert (
        trim_title("Klaus with Jason Schwartzman", credits=False) == "Klaus with Jason Schwartzman"
    )


def _candidate(
    title: str,
    start: int,
    end: int,
    *,
    kind: Kind = Kind.PREMIERE,
    day: dt.date = dt.date(2026, 5, 2),
    confidence: float = 0.9,
) -> Candidate:
    return Candidate(
        title=title,
        season=None,
        kind=kind,
        value=day_value(day),
        platform=None,
        start=start,
        end=end,
        confidence=confidence,
        title_start=start,
        title_end=start + len(title),
    )


def test_a_trimmed_name_merges_with_its_plain_restatement() -> None:
    text = "Thief on FX: May 2. Thief premieres on Tuesday, May 2."
    found = merge(text, [_candidate("Thief on FX", 0, 18), _candidate("Thief", 20, len(text))])
    assert [(a.title, a.date) for a in found] == [("Thief", "2026-05-02")]
    assert found[0].evidence == text[found[0].start : found[0].end]


def test_a_month_list_reads_the_work_without_its_month() -> None:
    c = Candidate(
        title="Narcos: August",
        season=None,
        kind=Kind.RELEASE,
        value=month_value(2026, 8),
        platform=None,
        start=0,
        end=14,
        confidence=0.8,
    )
    assert [a.title for a in merge("Narcos: August", [c])] == ["Narcos"]


def test_a_written_book_list_and_tv_grid_give_titles_without_bylines_or_times() -> None:
    books = (
        "The fall's most anticipated novels\n"
        "Publishers have set dates for a crowded season of fiction. These are the books we "
        "are waiting for.\n"
        "The Lantern Road by Maria Ostrova (October)\n"
        "Salt Meridian by Daniel Okafor (November)\n"
        "A House of Small Hours by Jenna Whitcombe (September)\n"
    )
    grid = (
        "Fall TV premiere schedule, night by night\n"
        "The networks have set their fall premiere dates.\n"
        "Monday, Sept. 21\n"
        "8 PM: The Copper Coast (season premiere)\n"
        "9 PM: Night Ferry (series premiere)\n"
        "10 PM: Ridgeline (series premiere)\n"
    )
    published = dt.date(2026, 8, 20)
    found = extract_announcements(books, published=published)
    found += extract_announcements(grid, published=published)
    titles = {a.title for a in found}
    assert {"Salt Meridian", "The Copper Coast", "Night Ferry"} <= titles
    assert not [t for t in titles if " by " in t or "PM" in t]


def test_one_event_read_as_two_kinds_is_announced_once() -> None:
    text = "Harbor Lights returns Jan. 5. Jan. 5: Harbor Lights (season premiere)."
    back = _candidate("Harbor Lights", 0, 28, kind=Kind.RETURN, confidence=0.6)
    row = _candidate("Harbor Lights", 29, len(text), kind=Kind.SEASON_PREMIERE, confidence=0.8)
    found = merge(text, [back, row])
    assert [(a.title, a.kind) for a in found] == [("Harbor Lights", Kind.SEASON_PREMIERE)]


def test_two_kinds_on_two_dates_stay_two() -> None:
    text = "Glen Hollow airs a special on March 3 and returns as a series on May 5."
    special = _candidate("Glen Hollow", 0, 38, kind=Kind.RELEASE, day=dt.date(2026, 3, 3))
    series = _candidate("Glen Hollow", 0, len(text), kind=Kind.RETURN, day=dt.date(2026, 5, 5))
    found = merge(text, [special, series])
    assert sorted(a.date for a in found) == ["2026-03-03", "2026-05-05"]
