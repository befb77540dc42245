"""Cases where a date's owner, season or kind comes from beyond the date's own clause.

Each text is written for this file (invented titles) and read with a publication date of
2024-01-10. They pin the rules that read across sentences and clauses: a group dated before
its members are listed, relative clauses, aliases, asides, the running topic, plural
seasons, hard-wrapped text, and the verbs that make an inherited date a release.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extract.pattern_cases import parametrized
from tracker.extract import extract_announcements

PUBLISHED = dt.date(2024, 1, 10)

Row = tuple[str, int | None, str, str]

_WRAPPED = (
    "The network announced its midseason schedule on Monday, including the\n"
    "premiere dates for three new series, an extra hour of comedy on\n"
    "weeknights and time period shifts for two of its dramas. The new legal\n"
    "drama Bright Counsel will premiere in the hour on Monday, Feb. 12, and\n"
    "the reality block returns to the slot in March. The network will also\n"
    "extend its Thursday comedy block into the 10 p.m. hour starting Jan. 25,\n"
    "with new sitcom Paper\n"
    "Lanterns at 8:30 p.m. as its anchor.\n"
)

CASES: list[tuple[str, list[Row]]] = [
    # a group is dated first, and the next sentence lists its members between semicolons
    (
        "ITV has unveiled five new dramas coming to the channel this spring. There's the "
        "three-part thriller Cinder Row, starring Ann Pike (Harbour); the period piece Larkhill "
        "from writer Tom Vale; the crime drama Saltmarsh, a four-part mystery; series 3 of Pat "
        "Doyle's Kinloch, with Ray Bell (Moorland); and the comedy Low Tide, starring Gus Ferry.",
        [
            ("Cinder Row", None, "2024-spring", "season"),
            ("Larkhill", None, "2024-spring", "season"),
            ("Saltmarsh", None, "2024-spring", "season"),
            ("Kinloch", 3, "2024-spring", "season"),
            ("Low Tide", None, "2024-spring", "season"),
        ],
    ),
    # a text wrapped at a fixed width: a name broken over two lines is one name
    (
        _WRAPPED,
        [
            ("Bright Counsel", None, "2024-02-12", "day"),
            ("Paper Lanterns", None, "2024-01-25", "day"),
        ],
    ),
    # "Y, which is expected ..." dates Y, not the subject before it
    (
        '"Glass Tide" will also tie into "Orbit of Ash", which is expected to be released in 2025.',
        [("Orbit of Ash", None, "2025", "year")],
    ),
    # an "also" sentence inherits the date only when it releases something
    (
        "Hollow Pines returns Feb. 2. As Mara and the others cross the river, they will also "
        "come face to face with a new enemy.",
        [("Hollow Pines", None, "2024-02-02", "day")],
    ),
    # "came back on December 20" is the past, even without a year
    ("Fenwick Hall came back for another eight episodes on Dec. 20.", []),
    # a number of things is not a sequel's name
    ("Supersized to 24 episodes, the final season returns on March 3.", []),
    # plural seasons number every work of their list
    (
        'Other projects like "Ferro" and second seasons of "Kettle Bay" and "Drift Line" all '
        "remain undated for now, but more details are expected in the coming weeks.",
        [
            ("Ferro", None, "tba", "tba"),
            ("Kettle Bay", 2, "tba", "tba"),
            ("Drift Line", 2, "tba", "tba"),
        ],
    ),
    # "X, also known as Y": the name English readers know
    (
        'The second season of the anime series "Hoshi no Kawa," also known as "River of '
        'Stars," is premiering in April.',
        [("River of Stars", 2, "2024-04", "month")],
    ),
    # names in a leading "Whether ...," clause do not own the main clause's date
    (
        "FX has renewed Fable Road for a third season. Whether it gets a new name like Season 2 "
        "did as Fable Road Redux, the third season of the series is aiming to be back on the "
        "air in 2025.",
        [("Fable Road", 3, "2025", "year")],
    ),
    # an awards contender is not a release
    ("Season 2 of Fable Road is expected to be a contender at the Emmys this year.", []),
    # "starts ... with X, followed by ...": X opens the season; an author is not a work
    (
        "The drama season starts at the end of February with Cold Lantern, a new five-part "
        "mystery, followed by series two of Ann Reed's acclaimed drama Tall Grass.",
        [("Cold Lantern", None, "2024-02", "month")],
    ),
    # one work, two dates of two kinds in one sentence
    (
        "Glen Hollow returns to screens for a one-off special in March, closely followed by a "
        "brand new series in May.",
        [("Glen Hollow", None, "2024-03", "month"), ("Glen Hollow", None, "2024-05", "month")],
    ),
    # a heading whose small words are in lower case is still a name
    (
        "Lamps of the Far Shore (Switch Exclusive)\n\n  \u2022 New trailer shown\n"
        "  \u2022 Release date: To be confirmed.\n",
        [("Lamps of the Far Shore", None, "tba", "tba")],
    ),
    # a later "the season" is the dated work, not a name in passing
    (
        "The fourth and final season of the legal drama Briar Court will be released in 2025. "
        "It is the first season made since the death of Judge Ada Fell in 2023. A set date "
        "for when the season will be released is not confirmed.",
        [("Briar Court", 4, "2025", "year")],
    ),
    # rows under a "Leaving" heading are departures, until the next list heading
    (
        "Coming to Netflix in March\n\nMarch 3\nGlass Orchard (film)\n\n"
        "Leaving Netflix in March\nOld Harbour \u2013 March 15\nTin Sky \u2013 March 31\n\n"
        "Coming to Netflix in April\n\nApril 5\nCopper Field (new series)\n",
        [
            ("Glass Orchard", None, "2024-03-03", "day"),
            ("Copper Field", None, "2024-04-05", "day"),
        ],
    ),
    # section headings without a day date the rows under them
    (
        "The Films We Can't Wait to See, Month by Month\n\nAPRIL\n\nTin Harbour \u2014 in "
        "theaters\nA lighthouse keeper and a storm that will not end.\n\nSUMMER\n\nKite Country "
        "\u2014 in theaters\nAn animated race across a windy valley.\n\nDATE TO BE ANNOUNCED\n\n"
        "Willow Glass\nA thriller set in a greenhouse.\n",
        [
            ("Tin Harbour", None, "2024-04", "month"),
            ("Kite Country", None, "2024-summer", "season"),
            ("Willow Glass", None, "tba", "tba"),
        ],
    ),
    # a headline framed by the coming year puts a yearless date in that year
    (
        "Halcyon Pictures Dates Two More for 2025\n\nHalcyon set the thriller Fenwick Row for "
        "Jan. 17, and the comedy Bright Acre opens in theaters Aug. 8.",
        [("Fenwick Row", None, "2025-01-17", "day"), ("Bright Acre", None, "2025-08-08", "day")],
    ),
    # a company's verb makes the work after it the owner of the date
    ("Halcyon Pushes 'Harrow Fen' to March", [("Harrow Fen", None, "2024-03", "month")]),
    # "Part 1 ... Part 2" split the season named before
    (
        "Netflix is splitting the fifth season of Low Orbit into two parts. Part 1 drops Friday, "
        "Feb. 2, and Part 2 lands on March 1.",
        [("Low Orbit", 5, "2024-02-02", "day"), ("Low Orbit", 5, "2024-03-01", "day")],
    ),
    # a word that spells a weekday is a word; a slot given up is withdrawn
    (
        "Going the other way is the period drama Copper Sun, which gives up its Dec. 18 slot and "
        "will now bow in theaters Oct. 9.",
        [("Copper Sun", None, "2024-10-09", "day")],
    ),
    # a weekday after "said" dates the saying
    (
        "Glint Harbor will launch in the second quarter, the publisher said during its stream on "
        "Tuesday.",
        [("Glint Harbor", None, "2024-Q2", "quarter")],
    ),
    ("The first season of Tidal Row finished airing in May.", []),
    ("Is 'Stormglass 2' Coming This Year?", []),
    # a feed item's title over its text names the same work with words of its own; a title's
    # own continuation, with its capitals, is a work of its own
    (
        "Work 7 update 2\n\nWork 7 will now premiere on September 3, 2024 on Netflix. Studio "
        "number 7 said the later date gives its crew more time.",
        [("Work 7", None, "2024-09-03", "day")],
    ),
    (
        "Night Harbor: Part Two will premiere on March 4 on Hulu, a year after Night Harbor "
        "ended its run.",
        [("Night Harbor: Part Two", None, "2024-03-04", "day")],
    ),
    # "two weeks later" counts from the date before it
    (
        "Marrow Bay premieres Thursday, March 14. Its companion series Salt Road will follow two "
        "weeks later.",
        [("Marrow Bay", None, "2024-03-14", "day"), ("Salt Road", None, "2024-03-28", "day")],
    ),
    # a year after "in" or before a colon is a date that ends a name; a year in a name is not
    (
        "Also coming in 2025: Glass Harbor, Tin Orchard and Fern Hollow.",
        [
            ("Glass Harbor", None, "2025", "year"),
            ("Tin Orchard", None, "2025", "year"),
            ("Fern Hollow", None, "2025", "year"),
        ],
    ),
    ("Harbor 2049 opens in theaters on March 8.", [("Harbor 2049", None, "2024-03-08", "day")]),
    # the past in other words: "since ... September", a week's span, an event at a hall, and a
    # yearless day most of a year out in a past-tense clause
    (
        "ABC renewed Open Plan for a third season, a pickup expected since the show's move to "
        "Wednesdays in September.",
        [],
    ),
    ("New on Streaming This Week (Feb. 12\u201318): 'Copper Bell' Season 2", []),
    ("The Millbrook Symphony's holiday concert is back at Larkin Hall on Feb. 13.", []),
    (
        "The first half of the season wrapped last month with a midseason finale on Dec. 11.",
        [],
    ),
    # a bracketed season is the name's before the bracket; a network heading gives its rows
    (
        "Fall premiere dates\n\nCBS\nSunday, Sept. 29: Tidewater Law (season 4), Blue Ridge "
        "(series premiere)\n",
        [("Tidewater Law", 4, "2024-09-29", "day"), ("Blue Ridge", None, "2024-09-29", "day")],
    ),
    # an author's possessive, and a company that "has set it", are not the work
    (
        "The Quiet Tenants, Imogen Rask's first novel in six years, arrives Tuesday, Oct. 22.",
        [("The Quiet Tenants", None, "2024-10-22", "day")],
    ),
    (
        "Readers will have to wait for Ninefold Winter, the final book in the trilogy. Ashgrove "
        "has set it for January 13.",
        [("Ninefold Winter", None, "2024-01-13", "day")],
    ),
    # "X, about ..., and the comedy Y both premiere": one joint subject
    (
        "The new drama Firebreak, about a crew of firefighters in Oregon, and the comedy Kettle "
        "Row both premiere Thursday, Feb. 22.",
        [("Firebreak", None, "2024-02-22", "day"), ("Kettle Row", None, "2024-02-22", "day")],
    ),
]


#: Cases the learned decision reads differently from the rules it replaced (issue 13), each
#: with what differs; strict, so that one that passes again fails the suite.
DECIDED_OTHERWISE: dict[str, str] = {
    '"Glass Tide" will also tie into "Orbit o': (
        "the model also keeps 'Glass Tide', the work that ties into the dated one, as a proposal"
    ),
    'Other projects like "Ferro" and second s': "the model vetoes 'Ferro' tba",
    "The drama season starts at the end of Fe": "the model vetoes 'Cold Lantern' 2024-02",
    "FX has renewed Fable Road for a third se": (
        "the model also keeps the proposal 'Fable Road Redux' season 2, an old name the "
        "sentence recalls"
    ),
    "Glen Hollow returns to screens for a one": (
        "the model keeps the special in March but vetoes the new series in May (same work, "
        "season and kind: the rules' second record)"
    ),
    "The Films We Can't Wait to See, Month by": "the model vetoes 'Willow Glass' tba",
    "ITV has unveiled five new dramas coming ": (
        "the rule that gave a group's date to the works the next sentence lists was deleted: "
        "it fired on one development article and on none of 556 real training articles"
    ),
}


@pytest.mark.parametrize(("text", "want"), parametrized(CASES, DECIDED_OTHERWISE))
def test_context_pattern(text: str, want: list[Row]) -> None:
    found = extract_announcements(text, published=PUBLISHED)
    got = sorted((a.title, a.season, a.date, str(a.precision)) for a in found)
    assert got == sorted(want)


KindRow = tuple[str, str, str, str | None]

KIND_CASES: list[tuple[str, list[KindRow]]] = [
    # early access is a record of its own; a store after "via" is not the platform; a list
    # of platforms is named by its first
    (
        "Orbital Tavern will enter early access on PC via Steam on Feb. 6, with the full "
        "release following on PC, PlayStation 5 and Xbox Series X|S in the second half of 2024.",
        [
            ("Orbital Tavern", "2024-02-06", "other", "PC"),
            ("Orbital Tavern", "2024-H2", "release", "PC"),
        ],
    ),
    # the streamer Max, and "Max" in a name that is not it
    (
        "Max has moved the premiere of its drama Ashgrove to March 1.",
        [("Ashgrove", "2024-03-01", "premiere", "Max")],
    ),
    (
        "Mad Max: Fury Road returns to theaters on May 15.",
        [("Mad Max: Fury Road", "2024-05-15", "release", "theaters")],
    ),
    # rows under a network heading take the network
    (
        "Fall premiere dates\n\nNBC\nMonday, Sept. 30: Lakeview Fire (season 5)\n",
        [("Lakeview Fire", "2024-09-30", "season_premiere", "NBC")],
    ),
    # a list sentence names its platform once; a later window is kind other
    (
        "The studio will open the heist comedy Velvet Getaway in theaters on March 6; the "
        "courtroom drama The Paper Lion on Oct. 9; and the musical Button & Brass on Nov. 22.",
        [
            ("Button & Brass", "2024-11-22", "release", "theaters"),
            ("The Paper Lion", "2024-10-09", "release", "theaters"),
            ("Velvet Getaway", "2024-03-06", "release", "theaters"),
        ],
    ),
    (
        "Winter Wheat arrives on Peacock next month, after its run in theaters.",
        [("Winter Wheat", "2024-02", "other", "Peacock")],
    ),
    # each date of a sentence takes its kind from its own stretch
    (
        "Spindle returns for Season 2 on Aug. 6, and the live-action film Juniper Moon debuts "
        "Thursday, Aug. 22.",
        [
            ("Juniper Moon", "2024-08-22", "release", None),
            ("Spindle", "2024-08-06", "season_premiere", None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "want"), KIND_CASES, ids=[c[0][:40] for c in KIND_CASES])
def test_kind_and_platform(text: str, want: list[KindRow]) -> None:
    found = extract_announcements(text, published=PUBLISHED)
    got = sorted((a.title, a.date, str(a.kind), a.platform) for a in found)
    assert got == sorted(want)
