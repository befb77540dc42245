from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.extract import Announcement, Kind, Precision, extract_announcements

SEED = Path("/work/shared/examples/seed-article.txt")
MARVEL_SEASONS = ("Jessica Jones", "Daredevil", "Luke Cage")

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is absent")


def _found(published: dt.date | None) -> list[Announcement]:
    return extract_announcements(SEED.read_text(encoding="utf-8"), published=published)


def test_seed_gives_what_the_spec_requires() -> None:
    rows = {(a.title, a.season, a.kind, a.date, a.precision) for a in _found(dt.date(2017, 3, 14))}
    assert ("Iron Fist", None, Kind.PREMIERE, "2017-03-17", Precision.DAY) in rows
    assert ("The Defenders", None, Kind.PREMIERE, "2017-summer", Precision.SEASON) in rows
    assert ("The Punisher", None, Kind.PREMIERE, "2017", Precision.YEAR) in rows


def test_seed_gives_nothing_the_spec_forbids() -> None:
    required = {"Iron Fist", "The Defenders", "The Punisher"}
    for a in _found(dt.date(2017, 3, 14)):
        if a.title in required:
            continue
        # only the tba new seasons are allowed besides the three
        assert a.precision is Precision.TBA, a
        assert any(name in a.title for name in MARVEL_SEASONS), a
        assert "now available" not in a.evidence
        assert "Since 2014" not in a.evidence


def test_seed_without_published_still_gives_a_friday() -> None:
    iron_fist = [a for a in _found(None) if a.title == "Iron Fist"]
    assert iron_fist
    day = dt.date.fromisoformat(iron_fist[0].date)
    assert (day.month, day.day, day.weekday()) == (3, 17, 4)


def test_output_is_sorted_and_evidence_matches_offsets() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = extract_announcements(text, published=dt.date(2017, 3, 14))
    assert [a.start for a in found] == sorted(a.start for a in found)
    for a in found:
        assert text[a.start : a.end] == a.evidence
        assert 0.0 <= a.confidence <= 1.0


def test_to_dict_is_json_ready() -> None:
    found = _found(dt.date(2017, 3, 14))
    row = found[0].to_dict()
    assert row["kind"] in {k.value for k in Kind}
    assert row["precision"] in {p.value for p in Precision}
    assert set(row) == {
        "title", "season", "kind", "date", "precision", "platform",
        "evidence", "start", "end", "confidence",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        ("Lost Show will premiere April 8 on Netflix.", dt.date(2016, 11, 3), "2017-04-08"),
        ("Lost Show premieres January 3 on Hulu.", dt.date(2019, 12, 20), "2020-01-03"),
        ("Lost Show will return in the third quarter of 2020.", dt.date(2020, 1, 2), "2020-Q3"),
        ("Lost Show will premiere early next year on HBO.", dt.date(2017, 5, 1), "2018-H1"),
        ("The film was moved from March 3 to April 7.", dt.date(2017, 1, 5), None),
    ],
)
def test_small_cases(text: str, published: dt.date, want: str | None) -> None:
    dates = [a.date for a in extract_announcements(text, published=published)]
    if want is None:
        assert "2017-03-03" not in dates
    else:
        assert want in dates


def test_withdrawn_date_is_dropped_and_new_one_kept() -> None:
    text = "Warner Bros moved Big Movie from March 3 to April 7."
    dates = {a.date for a in extract_announcements(text, published=dt.date(2017, 1, 5))}
    assert dates == {"2017-04-07"}


def test_past_premiere_is_not_an_announcement() -> None:
    text = "Old Show premiered on March 3, 2015, and Old Show is now available on Netflix."
    assert extract_announcements(text, published=dt.date(2017, 1, 5)) == []
