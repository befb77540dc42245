"""Case-blind patterns run over lower-cased text find exactly what the case-blind originals find."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import tracker.extract
from tracker.extract.reading.caseless import Caseless, lowered, remember

CORPUS = Path(__file__).parent / "corpus"


def _every_caseless() -> list[tuple[str, Caseless]]:
    """Every case-blind pattern the extractor's modules define at their top level."""
    found: dict[int, tuple[str, Caseless]] = {}
    for info in pkgutil.walk_packages(tracker.extract.__path__, "tracker.extract."):
        if ".training" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Caseless):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = _every_caseless()
#: Written articles, and lines whose case and punctuation vary the way the news varies them.
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] + [
    "THE SERIES RETURNS ON NETFLIX ON FRIDAY, MARCH 17TH, AT 9 P.M. ET",
    "Season Two Of \u201cMoth Hours\u201d Premieres On Hulu \u2014 Originally Set For May",
    "It had been SLATED for summer; Was Supposed To arrive in Q3, Part II follows",
    "Pictured: L-R, the cast. Read More: what Paramount+ and HBO Max announced",
]


def test_the_extractor_defines_case_blind_patterns() -> None:
    assert len(PATTERNS) >= 30


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_a_case_blind_pattern_finds_what_its_original_finds(name: str, pattern: Caseless) -> None:
    for text in TEXTS:
        want = [m.span() for m in pattern.blind.finditer(text)]
        assert [m.span() for m in pattern.finditer(text)] == want, name
        for pos in (0, len(text) // 3):
            want_one = pattern.blind.search(text, pos)
            got = pattern.search(text, pos)
            assert (got and got.span()) == (want_one and want_one.span()), name
            assert bool(pattern.match(text, pos)) == bool(pattern.blind.match(text, pos)), name


def test_a_pattern_that_is_not_closed_under_lower_casing_is_refused() -> None:
    with pytest.raises(ValueError, match="DLC"):
        Caseless(r"\bDLC\b", re.IGNORECASE)
    with pytest.raises(ValueError, match="not lower-case"):
        Caseless(r"[A-Z]\w+", re.IGNORECASE)
    with pytest.raises(ValueError, match="inline case flag"):
        Caseless(r", and (?-i:The)\b", re.IGNORECASE)
    assert Caseless(r"[A-Za-z]+ dlc", re.IGNORECASE).search("New DLC")


def test_a_text_that_lower_casing_lengthens_is_read_with_the_case_blind_pattern() -> None:
    text = "Coming to \u0130stanbul on Friday"  # a dotted capital I lower-cases to two characters
    assert lowered(text) is None
    pattern = Caseless(r"\bfriday\b", re.IGNORECASE)
    found = pattern.search(text)
    assert found is not None
    assert found.span() == (text.index("Friday"), len(text))
    assert found.group() == "Friday"


def test_matches_are_over_lower_cased_text() -> None:
    found = Caseless(r"\bnetflix\b", re.IGNORECASE).search("On Netflix now")
    assert found is not None
    assert found.group() == "netflix"
    assert found.span() == (3, 10)


def test_the_remembered_article_and_any_other_text_are_both_read_right() -> None:
    pattern = Caseless(r"\bpremieres\b", re.IGNORECASE)
    article = "Moth Hours PREMIERES on Friday."
    other = "Salt Road premieres in May."
    remember(article)
    for _ in range(2):  # the second time from what was kept
        first = pattern.search(article)
        second = pattern.search(other)
        assert first is not None
        assert first.span() == (11, 20)
        assert second is not None
        assert second.span() == (10, 19)
    remember("\u0130stanbul Premieres")  # lower-casing lengthens it: read case-blind
    found = pattern.search("\u0130stanbul Premieres")
    assert found is not None
    assert found.group() == "Premieres"


def test_threads_reading_different_articles_get_what_one_reader_gets() -> None:
    """The remembered article and the cache are shared: other threads must not change answers."""
    import datetime as dt
    from concurrent.futures import ThreadPoolExecutor
    from functools import partial

    from tracker.extract import extract_announcements

    extract = partial(extract_announcements, published=dt.date(2020, 1, 15))
    texts = TEXTS[:6]
    alone = [extract(t) for t in texts]
    assert any(alone)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            together = list(pool.map(extract, texts * 5))
    finally:
        sys.setswitchinterval(interval)
    assert together == alone * 5


def test_the_remembered_article_is_read_in_one_step() -> None:
    """Reading the shared pair twice could mix one thread's article with another's text."""
    from tracker.extract.reading import caseless

    mine, other = "Out in May", "xxxxxxxxxx"

    class ReplacedWhileRead(tuple[str, str]):
        def __getitem__(self, index: object) -> object:  # type: ignore[override]
            caseless._ARTICLE = (other, other)  # another thread remembers its own article
            return tuple.__getitem__(self, index)  # type: ignore[index]

    caseless._ARTICLE = ReplacedWhileRead((mine, mine.lower()))
    try:
        found = Caseless(r"\bmay\b", re.IGNORECASE).search(mine)
    finally:
        remember("")
    assert found is not None
    assert found.span() == (7, 10)
