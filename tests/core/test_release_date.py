from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.release_date import ReleaseDate
from tracker.extract.records import Precision

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
years = st.integers(min_value=1900, max_value=2199)
values = st.one_of(
    days.map(date.isoformat),
    st.tuples(years, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(years, st.sampled_from(["spring", "summer", "fall", "winter"])).map(
        lambda t: f"{t[0]}-{t[1]}"
    ),
    st.tuples(years, st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    st.tuples(years, st.integers(1, 2)).map(lambda t: f"{t[0]}-H{t[1]}"),
    years.map(str),
    st.just("tba"),
)


@given(values)
def test_round_trips_through_its_string_form(value: str) -> None:
    parsed = ReleaseDate.parse(value)
    assert str(parsed) == value
    assert ReleaseDate(value=value, precision=parsed.precision) == parsed


@given(values)
def test_window_is_ordered_and_contains_itself(value: str) -> None:
    parsed = ReleaseDate.parse(value)
    if parsed.is_tba:
        assert parsed.window is None
        return
    assert parsed.window is not None
    start, end = parsed.window
    assert start <= end
    assert parsed.contains(parsed)


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2017-03-17", date(2017, 3, 17), date(2017, 3, 17)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2017-winter", date(2017, 12, 1), date(2018, 2, 28)),
        ("2017-Q3", date(2017, 7, 1), date(2017, 9, 30)),
        ("2018-H1", date(2018, 1, 1), date(2018, 6, 30)),
        ("2017", date(2017, 1, 1), date(2017, 12, 31)),
    ],
)
def test_windows(value: str, start: date, end: date) -> None:
    assert ReleaseDate.parse(value).window == (start, end)


@pytest.mark.parametrize("bad", ["2017-13", "2017-02-30", "2017-autumn", "17-03-17", "soon", ""])
def test_bad_values_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"not a|month|day|range"):
        ReleaseDate.parse(bad)


def test_precision_must_match_the_form() -> None:
    with pytest.raises(ValueError, match="not a day date"):
        ReleaseDate(value="2017-summer", precision=Precision.DAY)
