"""The indexed look-ups of the decision stage answer as the pairwise comparisons they replace.

A schedule of thousands of rows under a few date lines made the decision stage quadratic: each
name was compared with every other of its date. The look-ups now index the names; these
properties check, on generated candidates, that each gives the answer of the plain comparison
of every pair, which is its definition.
"""

from __future__ import annotations

import bisect
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.candidates.candidate import Candidate, title_key
from tracker.extract.decisions.decide import _Spans
from tracker.extract.decisions.merge import _extends_a_name, _number_from_windows
from tracker.extract.features.describe import _names_within
from tracker.extract.reading.values import day_value, month_value, year_value
from tracker.extract.records import Kind

TITLES = ["Night Harbor", "Night Harbor update 2", "Night Harbor Part Two", "Harbor", "X of it"]
VALUES = [day_value(dt.date(2027, 5, 3)), month_value(2027, 5), year_value(2027)]


@st.composite
def candidates(draw: st.DrawFn) -> Candidate:
    # names up to 400 characters long, anywhere in 1,200: they cross the stretches `_Spans` files by
    start = draw(st.integers(-1, 1200))
    return Candidate(
        title=draw(st.sampled_from(TITLES)),
        season=draw(st.sampled_from([None, 2, 3])),
        kind=draw(st.sampled_from([Kind.PREMIERE, Kind.SEASON_PREMIERE, Kind.RELEASE])),
        value=draw(st.sampled_from(VALUES)),
        platform=None,
        start=0,
        end=200,
        confidence=0.5,
        title_start=start,
        title_end=start + draw(st.one_of(st.integers(-2, 40), st.integers(41, 400))),
    )


def _rival(c: Candidate, o: Candidate) -> bool:
    """Two readings of one name for one date, compared pair by pair (the definition)."""
    return (
        c.title != o.title
        and c.value.value == o.value.value
        and c.title_start >= 0
        and o.title_start >= 0
        and c.title_start < o.title_end
        and o.title_start < c.title_end
    )


class _FineSpans(_Spans):
    """Names filed by stretches of 8 characters: many names cross from one to the next."""

    STRETCH = 8


@settings(max_examples=300, deadline=None)
@given(
    st.lists(candidates(), max_size=60),
    candidates(),
    st.sampled_from([_Spans, _FineSpans]),
)
def test_a_rival_is_found_as_by_comparing_every_pair(
    kept: list[Candidate], c: Candidate, kind: type[_Spans]
) -> None:
    """``_Spans`` holds the names kept for one date; a rival is found as the definition says."""
    spans = kind()
    for o in kept:
        if o.value.value == c.value.value:
            spans.add(o)
    assert spans.rival(c) == any(_rival(c, o) for o in kept)


@given(
    st.sampled_from([*TITLES, "Night  Harbor x", " lead", "Night Harbor "]),
    st.sets(st.sampled_from([*TITLES, "", "Night", "Night Harbor "])),
)
def test_an_extended_name_is_found_as_by_comparing_every_name(title: str, names: set[str]) -> None:
    def extends(o: str) -> bool:
        if not title.startswith(o + " "):
            return False
        return not any(word[:1].isupper() for word in title[len(o) + 1 :].split())

    c = Candidate(
        title=title, season=None, kind=Kind.PREMIERE, value=VALUES[0], platform=None,
        start=0, end=10, confidence=0.5,
    )  # fmt: skip
    assert _extends_a_name(c, names) == any(extends(o) for o in names)


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 80)), max_size=40, unique=True),
    st.integers(0, 60),
    st.integers(0, 80),
    st.tuples(st.integers(0, 60), st.integers(0, 80)),
)
def test_names_within_counts_as_a_full_count_would(
    raw: list[tuple[int, int]], lo: int, hi: int, own: tuple[int, int]
) -> None:
    spans = sorted(raw)
    starts = [a for a, _ in spans]
    inside = spans[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]
    full = len([1 for a, b in inside if b <= hi and (a, b) != own])
    assert _names_within(spans, starts, lo, hi, own) == min(full, 2)


@settings(max_examples=200, deadline=None)
@given(st.lists(candidates(), max_size=25))
def test_a_season_from_a_wider_date_is_given_as_by_comparing_every_pair(
    found: list[Candidate],
) -> None:
    expected = []
    for c in found:
        if c.season is None:
            wider = [
                o
                for o in found
                if o.season is not None
                and title_key(o.title) == title_key(c.title)
                and o.value.value != c.value.value
                and o.value.contains(c.value)
            ]
            if len({o.season for o in wider}) == 1:
                kind = wider[0].kind if c.kind is Kind.PREMIERE else c.kind
                expected.append((c.title, wider[0].season, kind))
                continue
        expected.append((c.title, c.season, c.kind))
    assert [(c.title, c.season, c.kind) for c in _number_from_windows(found)] == expected
