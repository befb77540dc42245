"""Date phrases the reader takes whole: a month with "next year", a bare month or season before
a release noun or after a move ("delayed until fall"), and the look-alikes it must leave alone.

Sentences written for this file; read against a publication date of 2025-07-15 (a Tuesday).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract import extract_announcements
from tracker.extract.candidates.cues import has_future_cue, is_hedged
from tracker.extract.candidates.reader import propose
from tracker.extract.reading.dates import find_dates
from tracker.extract.reading.resolve import resolve

BASE = dt.date(2025, 7, 15)


def _read(text: str) -> list[tuple[str, str]]:
    """Each date phrase found in ``text`` with its value."""
    out = []
    for m in find_dates(text):
        value = resolve(m, text[m.start : m.end], BASE, base_known=True)
        out.append((text[m.start : m.end], value.value if value else "-"))
    return out


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a month and a relative year are one phrase: the year is the month's
        ("The studio pushed Lantern Road to May next year.", [("to May next year", "2026-05")]),
        ("Tidefall arrives in February of next year.", [("in February of next year", "2026-02")]),
        ("Copper Bell opens in October this year.", [("in October this year", "2025-10")]),
        (
            "Dolphin Bay 2 is dated September 19th next year.",
            [("September 19th next year", "2026-09-19")],
        ),
        # a weekday and a day of the month: the first such day from the week before publication
        ("The finale airs Thursday the 24th.", [("Thursday the 24th", "2025-07-24")]),
        ("It returns on Monday the 8th.", [("on Monday the 8th", "2025-09-08")]),
        # a bare month or season before a release noun is a date
        ("Ninebark is slated for a November release.", [("November", "2025-11")]),
        ("The sequel is eyeing a fall premiere on Hulu.", [("fall", "2025-fall")]),
        ("Owl Street targets a September theatrical release.", [("September", "2025-09")]),
        # a bare season after a move or a plan is a date
        ("The second season has been delayed until fall.", [("fall", "2025-fall")]),
        ("Paper Moons is now set for summer.", [("summer", "2025-summer")]),
    ],
)
def test_phrases_read_whole(text: str, want: list[tuple[str, str]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "It has been a long road for Winter Wheat, the farm drama.",  # a name, not a season
        "Back in Time for Winter follows one family through the cold months.",
        "The cast spent the summer in Prague.",  # a bare season without a plan
        "Sales were strong over the summer.",
        "The November storms closed the set.",  # a month before a noun that is no release
        "We may release it later.",  # "may" is a verb
    ],
)
def test_look_alikes_are_not_dates(text: str) -> None:
    assert _read(text) == []


def test_friday_the_13th_is_the_films_name() -> None:
    assert _read("A new Friday the 13th film is in the works.") == [("Friday the 13th", "-")]


def test_more_release_cues() -> None:
    assert has_future_cue("First episode: Monday, October 9 at 10 p.m.")
    assert has_future_cue("The console will go on sale in Japan on 12 December")
    assert has_future_cue("the network announced airdates for the documentary")
    assert not has_future_cue("The episode was filmed in Prague")


def test_an_unverified_report_is_a_hedge() -> None:
    assert is_hedged("According to an unverified post, the studio plans a November release")
    assert is_hedged("an unsubstantiated report puts it in May")
    assert not is_hedged("The studio confirmed a November release")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a negated verb before "until" puts the release on that date
        ("Cobalt Harbor won't be released until Oct. 12.", {("Cobalt Harbor", "2025-10-12")}),
        (
            'The Friday lineup of "Tin Lanterns" and "Far Meadow" isn\'t back until Oct. 12.',
            {("Tin Lanterns", "2025-10-12"), ("Far Meadow", "2025-10-12")},
        ),
        # without the negation, "until" ends something: no release
        ("The Cobalt Harbor exhibit runs until Oct. 12.", set()),
    ],
)
def test_not_until_is_the_release_date(text: str, want: set[tuple[str, str]]) -> None:
    found = extract_announcements(text, BASE)
    assert {(a.title, a.date) for a in found} == want


PREVIEW = """Summer movie preview

The latest chapter of the space saga, "Copper Skies: Return of the Fleet." A retired pilot is \
pulled back into a war she thought was over. Mara Vance and Theo Lund co-star. (Aug. 8)

Haunt Club 2: the roommates move into a lighthouse. Priya Shah returns. (Aug. 15)
"""


def test_a_bracketed_date_closing_a_paragraph_is_proposed_for_its_work() -> None:
    _, candidates = propose(PREVIEW, BASE)
    pairs = {(c.title, c.value.value) for c in candidates}
    assert ("Copper Skies: Return of the Fleet", "2025-08-08") in pairs  # its quoted name
    assert ("Haunt Club 2", "2025-08-15") in pairs  # the name it opens with


def test_a_company_named_beside_its_noun_is_no_work() -> None:
    text = (
        "Night Ledger will be published on Sept. 15. The audiobook will not arrive until "
        "Oct. 27, from the publisher's audio imprint, Quillmark Audio."
    )
    _, candidates = propose(text, BASE)
    assert "Quillmark Audio" not in {c.title for c in candidates}
    assert ("Night Ledger", "2025-09-15") in {(c.title, c.value.value) for c in candidates}


CALENDAR = """Hip-hop release calendar

November 6th

  \u2022 Vance Holloway \u2013 Paper Crowns and the Long Road Home [the long-delayed second album, \
finally, after two years of teasers and a leaked single]
"""


def test_a_release_calendar_row_proposes_the_work_after_the_artist() -> None:
    _, candidates = propose(CALENDAR, dt.date(2007, 10, 20))
    pairs = {(c.title, c.value.value) for c in candidates}
    assert ("Paper Crowns and the Long Road Home", "2007-11-06") in pairs
