from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import extract_announcements

PUBLISHED = st.one_of(
    st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 1, 1))
)
NEWSY = st.lists(
    st.sampled_from(
        [
            "The Show",
            "will premiere",
            "on Netflix",
            "Sept. 22",
            "March 17th",
            "this fall",
            "in 2018",
            "early next year",
            "Season Two",
            "fourth season",
            "\u201cQuoted Title\u201d",
            "moved from",
            "to",
            "TBA",
            "Q3 2020",
            ", and",
            ".",
            "\n",
            "MONDAY, SEPT. 23",
            "8 p.m.",
            "now available",
            "premiered",
            "(",
            ")",
            ":",
            "\u2013",
            "the next day",
        ]
    ),
    max_size=60,
).map(" ".join)


def _check(text: str, published: dt.date | None) -> None:
    for a in extract_announcements(text, published=published):
        assert text[a.start : a.end] == a.evidence
        assert 0.0 <= a.confidence <= 1.0
        assert a.title


@given(st.text(max_size=2000), PUBLISHED)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_never_raises_on_any_text(text: str, published: dt.date | None) -> None:
    _check(text, published)


@given(NEWSY, PUBLISHED)
@settings(max_examples=300, deadline=None)
def test_never_raises_on_news_like_text(text: str, published: dt.date | None) -> None:
    _check(text, published)


@given(st.binary(max_size=4000))
@settings(max_examples=100, deadline=None)
def test_never_raises_on_binary_junk(blob: bytes) -> None:
    _check(blob.decode("utf-8", errors="replace"), dt.date(2020, 1, 1))


def test_a_megabyte_of_text() -> None:
    unit = "Iron Fist will premiere this Friday, March 17th on Netflix. " * 20 + "\n"
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    _check(text, dt.date(2017, 3, 14))


def test_a_megabyte_without_spaces_or_lines() -> None:
    _check("A" * 1_000_000, None)
    _check("March " * 200_000, dt.date(2017, 3, 14))


def test_other_languages() -> None:
    samples = [
        "La serie se estrenará el 17 de marzo en Netflix.",
        "Die Serie startet am 17. März 2017 bei Netflix.",
        "该剧将于2017年3月17日在Netflix首播。",
        "Сериал выйдет 17 марта 2017 года.",
        "مسلسل جديد يعرض في 17 مارس",
    ]
    for text in samples:
        _check(text, dt.date(2017, 3, 14))


def test_empty_and_blank() -> None:
    assert extract_announcements("") == []
    assert extract_announcements("   \n\n ") == []
