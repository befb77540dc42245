"""Merge restatements: one announcement per work, season and kind, the most precise kept."""

from __future__ import annotations

import re

from tracker.extract.candidates.candidate import Candidate, evolve, title_key
from tracker.extract.decisions.extent import trim_title
from tracker.extract.reading.lexicon import NUMBERS
from tracker.extract.records import Announcement, Kind


def _better(a: Candidate, b: Candidate) -> bool:
    """Tell whether ``a`` should replace ``b`` for the same key."""
    if a.value.precision.rank != b.value.precision.rank:
        return a.value.precision.rank < b.value.precision.rank
    return a.confidence > b.confidence


def _older_season(c: Candidate, o: Candidate) -> bool:
    """A lower season of the same work on the same date: a season the text recalled."""
    return (
        c.season is not None
        and o.season is not None
        and o.season > c.season
        and o.value.value == c.value.value
    )


def _unnumbered_twin(c: Candidate, o: Candidate) -> bool:
    """Tell whether ``c`` restates ``o``'s date without the season number ``o`` has."""
    return c.season is None and o.season is not None and c.value.value == o.value.value


def _extends_a_name(c: Candidate, names: set[str]) -> bool:
    """Tell whether ``c``'s name is one of ``names`` (of its date) and words in lower case.

    A feed item's title above its text ("Night Harbor update 2" over "Night Harbor will now
    premiere ...") names the same work with words that are not part of any title; a title's
    own continuation has a capital somewhere ("Night Harbor Part Two", "X of the Caribbean")
    and stays. Each shorter name ``c``'s could extend is looked up, so a date shared by
    thousands of rows costs no comparison of every pair.
    """
    title = c.title
    at = title.find(" ")
    while at >= 0:
        rest = title[at + 1 :].split()
        if title[:at] in names and not any(word[:1].isupper() for word in rest):
            return True  # "update 2", not "of the Caribbean"
        at = title.find(" ", at + 1)
    return False


#: A sentence about one version of a work ("a Switch 2 version is expected in 2027"): its
#: platform is that version's, not the work's.
_VERSION = re.compile(r"\b(?:version|port|edition|remaster)\b", re.IGNORECASE)


def _restated_platform(text: str, c: Candidate, same: list[Candidate]) -> str | None:
    """The platform a restatement of ``c``'s date (the same or a window around it) names."""
    for o in same:
        if o.platform is None or not (o.value.value == c.value.value or o.value.contains(c.value)):
            continue
        if o.value.value == c.value.value or not _VERSION.search(text, o.start, o.end):
            return o.platform
    return None


#: A release in one more market or form: "In the U.S., ...", "console versions".
_MARKET = re.compile(
    r"\b(?:in\s+the\s+U\.?S\.?|in\s+North\s+America|North\s+American|stateside|in\s+the\s+U\.?K\.?"
    r"|internationally|overseas|in\s+Europe|in\s+Japan|in\s+Australia|console\s+versions?"
    r"|(?:PlayStation|Xbox|Switch|PC)\s+versions?)\b",
    re.IGNORECASE,
)


def _later_markets(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Mark a work's later release that a new market or form gives as kind other.

    "The Quiet Estuary opens in the U.K. on Jan. 9 ... In the U.S., it opens Feb. 13": the
    first is the release, the second one more market.
    """
    firsts: dict[str, Candidate] = {}
    for c in candidates:
        if c.kind is Kind.RELEASE and c.value.value != "tba":
            key = title_key(c.title)
            if key not in firsts or c.value.first < firsts[key].value.first:
                firsts[key] = c
    out: list[Candidate] = []
    for c in candidates:
        first = firsts.get(title_key(c.title))
        later = first is not None and c.kind is Kind.RELEASE and c.value.first > first.value.last
        if later and _MARKET.search(text, c.start, c.end):
            c = evolve(c, kind=Kind.OTHER)
        out.append(c)
    return out


def _number_from_windows(candidates: list[Candidate]) -> list[Candidate]:
    """Give a dated work the season a coarser restatement of it numbers.

    "'Kingsmoor' Sets February Return for the Back Half of Season 5" and "Kingsmoor will
    return ... on Thursday, Feb. 26": the day is the record, season 5 is its season.
    """
    numbered: dict[str, list[Candidate]] = {}  # compared within a title only: linear in length
    for o in candidates:
        if o.season is not None:
            numbered.setdefault(title_key(o.title), []).append(o)
    out: list[Candidate] = []
    for c in candidates:
        if c.season is None:
            wider = [
                o
                for o in numbered.get(title_key(c.title), [])
                if o.value.value != c.value.value and o.value.contains(c.value)
            ]
            if len({o.season for o in wider}) == 1:
                kind = wider[0].kind if c.kind is Kind.PREMIERE else c.kind
                c = evolve(c, season=wider[0].season, kind=kind)
        out.append(c)
    return out


_SEASON_LABEL = re.compile(r"[\s:,\-\u2013\u2014]+(?:season|series)\s+(\w+)$", re.IGNORECASE)


def _without_season_label(c: Candidate) -> Candidate:
    """Drop the season's label from a title that carries it ("Moth Hours: Season 3", s3).

    The spec keeps the number in ``season``, not in the title; a name read with its label
    ("Wintermarch: Season 2 arrives ...") names the same work as the one read without.
    """
    found = _SEASON_LABEL.search(c.title) if c.season is not None else None
    if found is None or found.start() == 0:
        return c
    word = found.group(1).lower()
    number = int(word) if word.isdigit() else NUMBERS.get(word)
    return evolve(c, title=c.title[: found.start()]) if number == c.season else c


def _one_reading_per_date(kept: list[Candidate]) -> list[Candidate]:
    """Keep one announcement of a work's season on one date, whatever kinds its pairs read.

    "The Biggest Loser returns Jan. 5" and a schedule row "Jan. 5: The Biggest Loser (season
    premiere)" tell one event; read as a return and as a season premiere they would be two.
    The more confident reading stays. A work with two kinds on two dates (a special in March,
    the series in May) keeps both.
    """

    def event(c: Candidate) -> tuple[str, int | None, str]:
        return title_key(c.title), c.season, c.value.value

    chosen: dict[tuple[str, int | None, str], Candidate] = {}
    for c in kept:
        if event(c) not in chosen or c.confidence > chosen[event(c)].confidence:
            chosen[event(c)] = c
    return [c for c in kept if chosen[event(c)] is c]


def _trimmed(c: Candidate) -> Candidate:
    """``c`` named by the work's own title, without a listing's time, a byline or a network."""
    title = trim_title(c.title, credits=c.kind is Kind.RELEASE and not c.quoted)
    return c if title == c.title else evolve(c, title=title)


def merge(text: str, candidates: list[Candidate]) -> list[Announcement]:
    """Keep one candidate per (title, season, kind), drop coarser restatements, sort."""
    candidates = [_trimmed(_without_season_label(c)) for c in candidates]
    candidates = _later_markets(text, _number_from_windows(candidates))
    best: dict[tuple[str, int | None, Kind], Candidate] = {}
    grouped: dict[tuple[str, int | None, Kind], list[Candidate]] = {}
    for c in candidates:
        key = (title_key(c.title), c.season, c.kind)
        if not key[0]:
            continue
        if key not in best or _better(c, best[key]):
            best[key] = c
        grouped.setdefault(key, []).append(c)
    for key, c in best.items():
        if c.platform is None:
            said = _restated_platform(text, c, grouped[key])
            if said is not None:  # "will now open in theaters on the first weekend of April"
                best[key] = evolve(c, platform=said)
    kept = _one_reading_per_date(list(best.values()))
    by_title: dict[str, list[Candidate]] = {}  # compared within a title only: linear in length
    names_of_date: dict[str, set[str]] = {}
    for c in kept:
        by_title.setdefault(title_key(c.title), []).append(c)
        names_of_date.setdefault(c.value.value, set()).add(c.title)
    final: list[Candidate] = []
    for c in kept:
        same = by_title[title_key(c.title)]
        coarser = (
            any(
                o is not c
                and (o.season == c.season or c.season is None or o.season is None)
                and (
                    c.value.contains(o.value) or (c.value.value == "tba" and o.value.value != "tba")
                )
                for o in same
            )
            or any(_older_season(c, o) or _unnumbered_twin(c, o) for o in same)
            or _extends_a_name(c, names_of_date[c.value.value])
        )
        if not coarser:
            final.append(c)
    final.sort(key=lambda c: (c.start, c.title))
    return [
        Announcement(
            title=c.title,
            season=c.season,
            kind=c.kind,
            date=c.value.value,
            precision=c.value.precision,
            platform=c.platform,
            evidence=text[c.start : c.end],
            start=c.start,
            end=c.end,
            confidence=c.confidence,
        )
        for c in final
    ]
