from __future__ import annotations

import doctest
from datetime import UTC, datetime, timedelta
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.ingest import backoff
from tracker.ingest.backoff import (
    RETRY_AFTER_CAP,
    failure_delay,
    next_check_after_failure,
    next_check_after_success,
)

NOW = datetime(2017, 7, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_after_a_success_the_next_check_is_one_interval_later() -> None:
    assert next_check_after_success(now=NOW, interval=HOUR) == NOW + HOUR


@pytest.mark.parametrize("header", ["\u00b2", "\u0661\u0662", "12abc", ""])
def test_a_retry_after_that_is_no_number_nor_date_is_ignored(header: str) -> None:
    assert backoff.parse_retry_after(header, now=NOW, cap=3600) is None


def test_an_interval_stored_before_the_cap_never_overflows_the_next_check() -> None:
    huge = timedelta(days=3_000_000)  # past year 9999: once accepted by `sources add`
    assert next_check_after_success(now=NOW, interval=huge) == NOW + timedelta(days=3650)
    assert next_check_after_failure(now=NOW, interval=huge, failures=10**6) == NOW + timedelta(
        days=3650
    )


@pytest.mark.parametrize(
    ("failures", "minutes"),
    [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (9, 256), (10, 360), (50, 360), (10**6, 360)],
)
def test_failures_back_off_exponentially_up_to_the_ceiling(failures: int, minutes: int) -> None:
    later = next_check_after_failure(now=NOW, interval=HOUR, failures=failures)
    assert later == NOW + timedelta(minutes=minutes)


def test_a_source_polled_daily_is_never_retried_later_than_daily() -> None:
    day = timedelta(days=1)
    assert failure_delay(interval=day, failures=3) == timedelta(minutes=4)
    assert failure_delay(interval=day, failures=40) == day


@pytest.mark.parametrize("failures", [0, -3])
def test_a_failure_count_below_one_counts_as_the_first(failures: int) -> None:
    assert failure_delay(interval=HOUR, failures=failures) == timedelta(minutes=1)


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        (7200.0, timedelta(hours=2)),  # longer than the backoff: honoured
        (10.0, timedelta(minutes=4)),  # shorter: the backoff stands
        (10 * 86400.0, RETRY_AFTER_CAP),  # absurd: capped
        (-60.0, timedelta(minutes=4)),  # nonsense: ignored
        (None, timedelta(minutes=4)),
    ],
)
def test_retry_after_wins_when_it_asks_for_longer(
    retry_after: float | None, expected: timedelta
) -> None:
    assert failure_delay(interval=HOUR, failures=3, retry_after=retry_after) == expected


def test_base_and_ceiling_are_parameters() -> None:
    delays = [
        failure_delay(
            interval=HOUR, failures=n, base=timedelta(seconds=30), ceiling=timedelta(minutes=2)
        )
        for n in (1, 2, 3, 4)
    ]
    # the ceiling is below the interval, so the interval caps instead
    assert delays == [timedelta(seconds=s) for s in (30, 60, 120, 240)]


def test_jitter_stretches_the_wait_deterministically() -> None:
    plain = failure_delay(interval=HOUR, failures=20)
    assert failure_delay(interval=HOUR, failures=20, jitter=0.1) == plain * 1.1
    assert failure_delay(interval=HOUR, failures=20, jitter=-1.0) == plain  # never shorter


@given(
    failures=st.integers(min_value=1, max_value=10_000),
    interval_minutes=st.integers(min_value=1, max_value=7 * 24 * 60),
)
def test_backoff_never_shrinks_and_never_passes_its_cap(
    failures: int, interval_minutes: int
) -> None:
    interval = timedelta(minutes=interval_minutes)
    cap = max(timedelta(hours=6), interval)
    now, more = (failure_delay(interval=interval, failures=n) for n in (failures, failures + 1))
    assert timedelta(minutes=1) <= now <= more <= cap


@pytest.mark.parametrize("module", [backoff], ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module: ModuleType) -> None:
    assert doctest.testmod(module).failed == 0
