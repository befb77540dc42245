from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract.candidates.keep import verdict
from tracker.extract.candidates.names import generous_names
from tracker.extract.candidates.reader import propose
from tracker.extract.candidates.state import State
from tracker.extract.reading.dates import find_dates
from tracker.extract.reading.resolve import resolve
from tracker.extract.reading.segment import split_sentences


def _names(text: str) -> list[str]:
    return [t.title for t in generous_names(text, 0, len(text))]


def test_generous_names_keep_what_the_strict_finder_drops() -> None:
    assert "The New Mutants" in _names("#18: The New Mutants (Aug. 2)")
    assert "Artemis Fowl" in _names("the Kenneth Branagh-directed Artemis Fowl adaptation flies")
    assert "Pacific Rim 2" in _names("Guillermo del Toro's Pacific Rim 2 moved")


def test_generous_names_keep_a_possessive_title_whole_too() -> None:
    names = _names("The slate includes My Best Friend's Exorcism and Flight/Risk.")
    assert "My Best Friend's Exorcism" in names
    assert "Flight/Risk" in names


def test_generous_names_drop_openers_labels_and_lone_common_words() -> None:
    names = _names("According to Netflix, Release Date: Harbor Lights. Monday.")
    assert "Harbor Lights" in names
    assert not {"According", "Netflix", "Monday", "Release Date"} & set(names)


def test_generous_names_take_quoted_phrases_as_quoted() -> None:
    text = "Some dramas include \u2018Queenmaker\u2019 and \u201cMask Girl\u201d."
    found = generous_names(text, 0, len(text))
    assert {(t.title, t.quoted) for t in found} >= {("Queenmaker", True), ("Mask Girl", True)}


def _pairs(text: str, published: dt.date) -> set[tuple[str, str]]:
    _, candidates = propose(text, published)
    return {(c.title, c.value.value) for c in candidates}


@pytest.mark.parametrize(
    ("text", "published", "titles", "value"),
    [
        (
            "Amazon's slate for the fall of 2022 includes Samaritan, Goodnight Mommy, "
            "Catherine Called Birdy and Run Sweetheart Run.\n",
            dt.date(2022, 6, 1),
            ("Samaritan", "Goodnight Mommy", "Catherine Called Birdy", "Run Sweetheart Run"),
            "2022-fall",
        ),
        (  # quotes between the names must not hide the list
            "The Christmas Day schedule features specials of \u2018Harbor Lights\u2019, "
            "\u2018Copper Kettle\u2019, \u2018The Night Ferry\u2019 and \u2018Salt Road\u2019.\n",
            dt.date(2030, 12, 1),
            ("Harbor Lights", "Copper Kettle", "The Night Ferry", "Salt Road"),
            "2030-12-25",
        ),
    ],
    ids=["commas", "quoted names"],
)
def test_every_listed_work_is_proposed_with_the_listing_date(
    text: str, published: dt.date, titles: tuple[str, ...], value: str
) -> None:
    pairs = _pairs(text, published)
    for title in titles:
        assert (title, value) in pairs


def test_a_long_listing_proposes_every_work_with_its_date() -> None:
    words = "Amber Brass Cinder Dune Ember Fable Gale Heron Iris Juniper Kestrel Linden"
    works = [f"Harbor {w}" for w in words.split()]
    text = f"The studio's 2031 slate, out next year, includes {', '.join(works)}.\n"
    pairs = _pairs(text, dt.date(2030, 5, 1))
    assert {(w, "2031") for w in works} <= pairs


def test_a_descriptor_or_a_headline_around_a_name_is_cut_off() -> None:
    _, candidates = propose(
        "The Marlow-published Tin Lantern arrives on PC on July 19.\n"
        'Festival Winner "Quiet Orchard" Acquired By Hulu, Premieres Aug. 17\n'
        "The Spider-Verse sequel Web Runner opens June 2.\n",
        dt.date(2030, 5, 1),
    )
    # the readings themselves; the variants of their extents are the next tests' business
    pairs = {(c.title, c.value.value) for c in candidates if c.variant is None}
    titles = {title for title, _ in pairs}
    assert ("Tin Lantern", "2030-07-19") in pairs
    assert ("Quiet Orchard", "2030-08-17") in pairs
    assert not any("-published" in t or '"' in t for t in titles)
    assert any(t.startswith("Spider-Verse") or t == "Web Runner" for t in titles)


def test_rows_under_a_day_line_take_its_date_in_the_section_year() -> None:
    text = (
        "Summer Movies 2009: A Preview\n\nJuly 2009\n\nJuly 1\nIce Age: Dawn of the Dinosaurs\n"
        "Public Enemies\n\nJuly 17\nLand of the Lost\n"
    )
    pairs = _pairs(text, dt.date(2008, 8, 29))
    assert ("Public Enemies", "2009-07-01") in pairs
    assert ("Land of the Lost", "2009-07-17") in pairs


def test_an_entry_under_a_day_line_takes_its_date_however_long_its_description() -> None:
    text = (
        "Films opening this month\n\nApril 4\n\n"
        "Copper Harbor: Dana Voss plays a lighthouse keeper who finds a stranger on the rocks, "
        "and the rest of this paragraph keeps describing the film at length, as listings do.\n\n"
        "Night Ferry (limited release) \u2013 a quiet thriller about a crossing that goes wrong, "
        "told over one long night with a small cast and a great deal of fog.\n\n"
        "April 11\n\n"
        "Saltmarsh: a comedy about two brothers who inherit a failing farm, described here in a "
        "sentence that runs on well past a hundred characters.\n"
    )
    pairs = _pairs(text, dt.date(2031, 3, 20))
    assert ("Copper Harbor", "2031-04-04") in pairs
    assert ("Night Ferry", "2031-04-04") in pairs
    assert ("Saltmarsh", "2031-04-11") in pairs
    assert ("Saltmarsh", "2031-04-04") not in pairs


def test_prose_after_the_entries_ends_the_day_line_s_reach() -> None:
    text = (
        "Coming soon\n\nApril 4\n\nCopper Harbor: a drama about a lighthouse keeper and the "
        "stranger she finds on the rocks one winter morning, told slowly.\n\n"
        "The studio said the season had been hard for small films, and that audiences were "
        "slowly coming back to cinemas across the country this year.\n"
        "Glass Orchard\n"
    )
    _, candidates = propose(text, dt.date(2031, 3, 20))
    rows = {(c.title, c.value.value) for c in candidates if c.row}
    assert ("Copper Harbor", "2031-04-04") in {(c.title, c.value.value) for c in candidates}
    assert not any(title == "Glass Orchard" for title, _ in rows)


def test_a_name_heading_a_paragraph_is_proposed_for_its_dates() -> None:
    text = (
        "Books to read this autumn\n\nThe Lantern Keepers\n\n"
        "Mira Holt. Harrow & Vale, Oct. 14, $27.\n\nA family saga set on a tidal island.\n"
    )
    pairs = _pairs(text, dt.date(2031, 9, 1))
    assert ("The Lantern Keepers", "2031-10-14") in pairs


def test_a_yearless_date_takes_the_coming_year_its_sentence_names() -> None:
    text = (
        'The summer 2026 season is packed, including "Avengers: Doomsday" (May 1), '
        "which will open in theaters.\n"
    )
    assert ("Avengers: Doomsday", "2026-05-01") in _pairs(text, dt.date(2025, 2, 18))


def test_a_bracketed_studio_is_not_the_row_s_work() -> None:
    text = "Final Destination: Bloodlines (New Line/WB) - May 16\n"
    pairs = _pairs(text, dt.date(2025, 1, 1))
    assert ("Final Destination: Bloodlines", "2025-05-16") in pairs


def test_the_keep_rules_say_why_a_date_is_background() -> None:
    text = "The show premiered on March 3, 2015, and will return on May 5, 2026.\n"
    s = split_sentences(text)[0]
    state = State(base=dt.date(2026, 1, 10), base_known=True)
    reasons = []
    for m in find_dates(text):
        value = resolve(m, text[m.start : m.end], state.base, base_known=True)
        assert value is not None
        reasons.append(verdict(text, s, m, value, state, s.start))
    assert reasons == ["past", None]


def _variants(text: str, published: dt.date) -> dict[tuple[str, str], str | None]:
    _, candidates = propose(text, published)
    return {(c.title, c.value.value): c.variant for c in candidates}


def test_a_name_read_short_is_also_proposed_whole() -> None:
    # the capitalised word before "Kills" belongs to the name; the model picks the reading
    found = _variants("Halloween Kills opens in theaters on October 15.\n", dt.date(2021, 9, 1))
    assert ("Kills", "2021-10-15") in found
    assert found[("Halloween Kills", "2021-10-15")] == "grown_head"


def test_a_name_that_runs_into_a_label_is_also_proposed_cut() -> None:
    found = _variants(
        "The First Grader Biography/Drama                 May 13\n", dt.date(2011, 4, 1)
    )
    assert found[("The First Grader", "2011-05-13")] == "cut_tail"
    found = _variants(
        "On Thursday, the makers of actor Harlan Vance\u2019 Copper Road announced that the "
        "film will premiere on Netflix on December 24.\n",
        dt.date(2021, 12, 1),
    )
    assert found[("Harlan Vance\u2019 Copper Road", "2021-12-24")] is None
    assert found[("Copper Road", "2021-12-24")] == "cut_head"  # the star's possessive cut off


def test_a_subtitle_after_a_separator_is_proposed_with_its_name() -> None:
    found = _variants(
        "Mission: Impossible \u2013 The Final Reckoning (May 21)\n", dt.date(2025, 1, 10)
    )
    assert found[("Mission: Impossible \u2013 The Final Reckoning", "2025-05-21")] == "grown_tail"


def test_a_season_label_is_never_proposed_as_a_name() -> None:
    found = _variants(
        "Moss Point will return in 2025. Fans of the Moss Point Season 2 finale cheered.\n",
        dt.date(2024, 5, 1),
    )
    assert not any(title.lower().startswith("season") for title, _ in found)


def test_a_part_or_season_label_alone_is_never_a_candidate() -> None:
    pairs = _pairs(
        "Netflix is splitting the fifth season of Low Orbit into two parts. Part 1 drops "
        "Friday, Feb. 2, and Part 2 lands on March 1.\n",
        dt.date(2024, 1, 10),
    )
    assert ("Low Orbit", "2024-03-01") in pairs
    assert not any(title.startswith("Part") for title, _ in pairs)
