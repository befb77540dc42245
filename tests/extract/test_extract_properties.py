from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import extract_announcements

CORPUS = Path(__file__).parent / "corpus"

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
            "Fans Celebrate",  # a heading's name before its audience ("X Fans Celebrate")
            "\u00a0",  # web text's no-break spaces between a name's words
            "Prime V\u0130deo",  # a dotted capital I lower-cases to two characters
            "\u0130stanbul",
        ]
    ),
    max_size=60,
).map(" ".join)


class _Failures(logging.Handler):
    """Collects what the extractor's catch-all logs: each one is an article read as nothing."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _no_failure_swallowed() -> Iterator[None]:
    """Fail when the extractor hides an exception behind its catch-all.

    "Never raises" is the extractor's promise to its callers, not a licence for its parts:
    an exception caught there loses every announcement of the article.
    """
    handler = _Failures()
    logger = logging.getLogger("tracker.extract.extractor")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.records:
        record = handler.records[0]
        detail = logging.Formatter().formatException(record.exc_info) if record.exc_info else ""
        raise AssertionError(f"the extractor swallowed an exception: {detail}")


def _check(text: str, published: dt.date | None) -> None:
    with _no_failure_swallowed():
        found = extract_announcements(text, published=published)
    for a in found:
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


def _respaced(text: str) -> str:
    """Every space doubled, as pasted web text often has them."""
    return text.replace(" ", "  ")


def _no_break_spaced(text: str) -> str:
    """Every other space a no-break space, as HTML's &nbsp; becomes."""
    return "".join("\u00a0" if ch == " " and k % 2 else ch for k, ch in enumerate(text))


def _dotted_capitals(text: str) -> str:
    """Every capital I dotted (Turkish typography), and the text shouted in capitals."""
    return text.upper().replace("I", "\u0130")


@pytest.mark.parametrize("variant", [_respaced, _no_break_spaced, _dotted_capitals])
def test_never_fails_on_the_written_corpus_with_web_whitespace_and_dotted_capitals(
    variant: object,
) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        _check(variant(path.read_text(encoding="utf-8")), dt.date(2020, 1, 15))  # type: ignore[operator]


def test_a_heading_with_doubled_spaces_before_its_audience_is_still_read() -> None:
    text = (
        "Night  Harbor  Fans  Celebrate\n"
        "The drama returns for its third season on March 3, 2020, on Netflix.\n"
    )
    with _no_failure_swallowed():
        found = extract_announcements(text, published=dt.date(2020, 1, 15))
    assert [(a.title, a.date) for a in found] == [("Night Harbor", "2020-03-03")]


def test_a_platform_written_with_a_dotted_capital_is_still_a_platform() -> None:
    text = "Night Harbor will premiere on Prime V\u0130deo on March 3, 2020."
    with _no_failure_swallowed():
        found = extract_announcements(text, published=dt.date(2020, 1, 15))
    assert [(a.title, a.date, a.platform) for a in found] == [
        ("Night Harbor", "2020-03-03", "Prime Video")
    ]
