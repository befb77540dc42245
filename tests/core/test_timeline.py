from __future__ import annotations

from datetime import date

import pytest

from tracker.core.consensus import Claim, Consensus, assess
from tracker.core.release_date import ReleaseDate
from tracker.core.states import ChangeKind, ReleaseStatus
from tracker.core.timeline import ReleaseState, passed, reconcile

TODAY = date(2017, 3, 14)
A, D, OUT = ReleaseStatus.ANNOUNCED, ReleaseStatus.DELAYED, ReleaseStatus.OUT


def state(value: str, *, status: ReleaseStatus = A, as_of: date | None = date(2017, 3, 1)):
    return ReleaseState(date=ReleaseDate.parse(value), status=status, as_of=as_of)


def agreed(value: str, as_of: date) -> Consensus:
    """What the claims agree on, as `consensus.assess` would say it."""
    return Consensus(
        date=ReleaseDate.parse(value),
        as_of=as_of,
        confidence=0.6,
        sources=1,
        sites=("news.example",),
        disputed=False,
    )


# (current, its status, agreed date, as of) -> (change kind, date after, status after)
CASES = [
    ("2017-summer", A, "2017-07-14", date(2017, 3, 10), ChangeKind.NARROWED, "2017-07-14", A),
    ("2017", A, "2017-summer", date(2017, 3, 10), ChangeKind.NARROWED, "2017-summer", A),
    ("2017-07-14", A, "2017-summer", date(2017, 3, 10), None, "2017-07-14", A),
    ("2017-07-14", A, "2017-07-14", date(2017, 3, 10), None, "2017-07-14", A),
    ("2017-07-14", A, "2017-08-11", date(2017, 3, 10), ChangeKind.DELAYED, "2017-08-11", D),
    ("2017-summer", A, "2017-10", date(2017, 3, 10), ChangeKind.DELAYED, "2017-10", D),
    ("2017-07-14", A, "2017-06-30", date(2017, 3, 10), ChangeKind.MOVED, "2017-06-30", A),
    ("2017-summer", A, "2017-Q3", date(2017, 3, 10), ChangeKind.MOVED, "2017-Q3", A),
    ("2017-07-14", A, "tba", date(2017, 3, 10), ChangeKind.POSTPONED, "tba", D),
    ("tba", A, "2017-09-01", date(2017, 3, 10), ChangeKind.DATED, "2017-09-01", A),
    ("2017-08-11", D, "2017-08-11", date(2017, 3, 10), None, "2017-08-11", D),
    ("2017-H2", D, "2017-09", date(2017, 3, 10), ChangeKind.NARROWED, "2017-09", D),
]


@pytest.mark.parametrize(
    ("current", "status", "seen", "published", "kind", "after", "status_after"), CASES
)
def test_reconcile_rules(current, status, seen, published, kind, after, status_after) -> None:
    change = reconcile(
        state(current, status=status),
        agreed(seen, published),
        today=TODAY,
    )
    assert change.kind is kind
    assert change.new.date == ReleaseDate.parse(after)
    assert change.new.status is status_after
    assert change.moves_date is (after != current)


def test_first_sighting_is_new_and_records_its_article_date() -> None:
    change = reconcile(None, agreed("2017-summer", TODAY), today=TODAY)
    assert change.kind is ChangeKind.NEW
    assert change.old is None
    assert change.new == state("2017-summer", as_of=TODAY)


def test_a_newer_confirmation_advances_as_of_without_a_change() -> None:
    change = reconcile(
        state("2017-07-14"),
        agreed("2017-07-14", date(2017, 3, 12)),
        today=TODAY,
    )
    assert change.kind is None
    assert change.new.as_of == date(2017, 3, 12)


def test_a_date_already_past_today_leaves_the_release_out() -> None:
    change = reconcile(None, agreed("2016-10", date(2016, 9, 1)), today=TODAY)
    assert change.kind is ChangeKind.NEW
    assert change.new.status is OUT


def test_passed_marks_out_once() -> None:
    done = passed(state("2017-03-10"), today=TODAY)
    assert done is not None
    assert done.kind is ChangeKind.OUT
    assert done.new.status is OUT
    assert passed(done.new, today=TODAY) is None
    assert passed(state("2017-summer"), today=TODAY) is None
    assert passed(state("tba"), today=TODAY) is None


def test_announced_summer_then_dated_then_delayed_history_from_one_site() -> None:
    history = []
    current: ReleaseState | None = None
    claims: list[Claim] = []
    for value, published in (
        ("2017-summer", date(2017, 3, 14)),
        ("2017-07-14", date(2017, 4, 2)),
        ("2017-summer", date(2017, 4, 20)),
        ("2017-08-18", date(2017, 5, 30)),
    ):
        claims.append(
            Claim(
                date=ReleaseDate.parse(value),
                site="news.example",
                published=published,
                confidence=0.7,
                order=len(claims),
            )
        )
        weighed = assess(claims, current=current.date if current else None)
        change = reconcile(current, weighed, today=TODAY)
        history.append((change.kind, str(change.new.date), change.new.status))
        current = change.new
    assert history == [
        (ChangeKind.NEW, "2017-summer", A),
        (ChangeKind.NARROWED, "2017-07-14", A),
        (None, "2017-07-14", A),
        (ChangeKind.DELAYED, "2017-08-18", D),
    ]
