from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.change_words import is_explicit_change
from tracker.core.consensus import (
    Claim,
    assess,
    consistent,
    copy_key_of,
    deciding,
    describe,
    noisy_or,
)
from tracker.core.release_date import ReleaseDate

DAY = date(2027, 2, 1)


def claim(
    value: str,
    site: str,
    *,
    days: int = 0,
    confidence: float = 0.6,
    explicit: bool = False,
    sentence: str | None = None,
) -> Claim:
    return Claim(
        date=ReleaseDate.parse(value),
        site=site,
        published=DAY + timedelta(days=days),
        confidence=confidence,
        explicit=explicit,
        copy_key=copy_key_of(sentence if sentence is not None else f"{site} {value}"),
        order=days * 100 + len(site),
    )


def test_one_claim_is_its_own_confidence() -> None:
    agreed = assess([claim("2027-03-05", "variety.com", confidence=0.7)])
    assert agreed.date == ReleaseDate.parse("2027-03-05")
    assert agreed.confidence == pytest.approx(0.7)
    assert (agreed.sources, agreed.disputed, agreed.sites) == (1, False, ("variety.com",))


def test_support_counts_sites_not_articles() -> None:
    same_site = [claim("2027-03-05", "variety.com", days=d) for d in range(3)]
    assert assess(same_site).sources == 1
    assert assess(same_site).confidence == pytest.approx(0.6)
    three_sites = [claim("2027-03-05", s) for s in ("a.com", "b.com", "c.com")]
    agreed = assess(three_sites)
    assert agreed.sources == 3
    assert agreed.confidence == pytest.approx(1 - 0.4**3)


def test_a_syndicated_copy_counts_once() -> None:
    wire = "Glass Harbor will premiere March 5 on Netflix, the streamer said Tuesday."
    copies = [claim("2027-03-05", s, sentence=wire) for s in ("a.com", "b.com", "c.com")]
    agreed = assess([*copies, claim("2027-03-05", "d.com")])
    assert agreed.sources == 2


def test_a_day_inside_the_month_counts_for_the_month_and_narrows_it() -> None:
    agreed = assess([claim("2027-03", "a.com"), claim("2027-03-05", "b.com", days=1)])
    assert agreed.date == ReleaseDate.parse("2027-03-05")
    assert (agreed.sources, agreed.disputed) == (2, False)


def test_a_lone_wrong_reading_does_not_move_a_well_supported_date() -> None:
    claims = [claim("2027-03-05", s) for s in ("a.com", "b.com", "c.com")]
    agreed = assess(
        [*claims, claim("2027-04-02", "d.com", days=2, confidence=0.9)],
        current=ReleaseDate.parse("2027-03-05"),
    )
    assert agreed.date == ReleaseDate.parse("2027-03-05")
    assert agreed.disputed
    assert [(r.date.value, r.sites) for r in agreed.rivals] == [("2027-04-02", ("d.com",))]


def test_an_explicit_change_wins_against_the_count() -> None:
    claims = [claim("2027-03-05", s) for s in ("a.com", "b.com", "c.com")]
    moved = claim("2027-04-02", "d.com", days=2, confidence=0.5, explicit=True)
    agreed = assess([*claims, moved])
    assert agreed.date == ReleaseDate.parse("2027-04-02")
    assert agreed.explicit
    assert not agreed.disputed
    assert agreed.sources == 1


def test_claims_older_than_the_window_are_overtaken_not_disputed() -> None:
    old = [claim("2027-03-05", s) for s in ("a.com", "b.com")]
    agreed = assess([*old, claim("2027-04-02", "c.com", days=30)])
    assert agreed.date == ReleaseDate.parse("2027-04-02")
    assert not agreed.disputed


def test_a_site_that_changes_its_mind_counts_for_its_newest_word() -> None:
    agreed = assess(
        [
            claim("2027-03-05", "a.com"),
            claim("2027-04-02", "a.com", days=3),
            claim("2027-04-02", "b.com", days=3),
        ]
    )
    assert agreed.date == ReleaseDate.parse("2027-04-02")
    assert (agreed.sources, agreed.disputed) == (2, False)


def test_a_dispute_resolves_when_the_rival_site_agrees() -> None:
    first = [claim("2027-03-05", "a.com"), claim("2027-04-02", "b.com", days=1, confidence=0.5)]
    assert assess(first).disputed
    agreed = assess([*first, claim("2027-03-05", "b.com", days=2)])
    assert not agreed.disputed
    assert agreed.sources == 2


def test_a_coarser_restatement_keeps_the_current_date() -> None:
    agreed = assess(
        [claim("2027-summer", "a.com"), claim("2027-07-14", "a.com", days=1)],
        current=ReleaseDate.parse("2027-07-14"),
    )
    assert agreed.date == ReleaseDate.parse("2027-07-14")
    restated = assess(
        [claim("2027-07-14", "a.com"), claim("2027-summer", "a.com", days=5)],
        current=ReleaseDate.parse("2027-07-14"),
    )
    assert restated.date == ReleaseDate.parse("2027-07-14")


def test_no_date_yet_in_passing_keeps_a_date_but_postponed_does_not() -> None:
    dated = ReleaseDate.parse("2027-03-05")
    passing = assess([claim("2027-03-05", "a.com"), claim("tba", "b.com", days=20)], current=dated)
    assert passing.date == dated
    postponed = assess(
        [claim("2027-03-05", "a.com"), claim("tba", "b.com", days=20, explicit=True)],
        current=dated,
    )
    assert postponed.date.is_tba


def test_describe_weighs_a_given_date() -> None:
    claims = [claim("2027-03-05", "a.com"), claim("2027-04-02", "b.com", days=1)]
    held = describe(claims, ReleaseDate.parse("2027-03-05"))
    assert held.disputed
    assert held.sources == 1


@pytest.mark.parametrize(
    ("sentence", "explicit"),
    [
        ("The series has been pushed back to April 2.", True),
        ("Velvet Storm is now set for Feb. 19.", True),
        ("The film was moved up a week, to June 2.", True),
        ("Warner Bros. delayed the sequel until 2028.", True),
        ("The new release date is March 9.", True),
        ("Iron Fist will premiere this Friday, March 17th.", False),
        ("The Defenders will arrive sometime this summer.", False),
        ("Season two premieres March 5 on Netflix.", False),
    ],
)
def test_explicit_change_words(sentence: str, explicit: bool) -> None:
    assert is_explicit_change(sentence) is explicit


DATES = st.sampled_from(
    ["2027-03-05", "2027-03-06", "2027-03", "2027-04-02", "2027-spring", "2027", "tba"]
)
SITES = st.sampled_from(["a.com", "b.com", "c.com", "d.com", "e.com"])
CLAIMS = st.builds(
    claim,
    DATES,
    SITES,
    days=st.integers(0, 40),
    confidence=st.floats(0.0, 1.0),
    explicit=st.booleans(),
)


@given(st.lists(CLAIMS, min_size=1, max_size=12))
def test_confidence_is_bounded_and_the_date_is_claimed(claims: list[Claim]) -> None:
    agreed = assess(claims)
    assert 0.0 <= agreed.confidence <= 1.0
    assert 0 <= agreed.sources <= len({c.site for c in claims})
    assert agreed.date in {c.date for c in claims} | {ReleaseDate.parse("tba")}
    assert agreed.disputed == bool(agreed.rivals)
    assert all(not consistent(r.date, agreed.date) for r in agreed.rivals)


@given(st.lists(CLAIMS, min_size=1, max_size=10), SITES, st.floats(0.0, 1.0))
def test_confidence_never_falls_when_another_site_agrees(
    claims: list[Claim], site: str, confidence: float
) -> None:
    newest = max(c.published for c in claims)
    before = describe(claims, claims[0].date)
    fresh = f"new-{site}"
    agreeing = Claim(
        date=claims[0].date,
        site=fresh,
        published=newest,
        confidence=confidence,
        copy_key=copy_key_of(fresh),
    )
    after = describe([*claims, agreeing], claims[0].date)
    assert after.confidence >= before.confidence - 1e-12
    assert after.sources >= before.sources


@given(st.lists(st.floats(0.0, 1.0), max_size=8), st.floats(0.0, 1.0))
def test_noisy_or_is_monotone_and_bounded(confidences: list[float], extra: float) -> None:
    base = noisy_or(confidences)
    assert 0.0 <= base <= 1.0
    assert noisy_or([*confidences, extra]) >= base - 1e-12
    assert noisy_or([*confidences, extra]) >= extra - 1e-12


@settings(max_examples=400)
@given(st.lists(CLAIMS, min_size=1, max_size=10), st.randoms())
def test_the_order_claims_arrive_in_does_not_matter(claims: list[Claim], rng: object) -> None:
    shuffled = list(claims)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert assess(shuffled) == assess(claims)


@given(
    st.integers(2, 5),
    st.floats(0.3, 0.95),
    st.floats(0.0, 1.0),
    st.sampled_from(["2027-04-02", "2027-05", "2027-fall"]),
    st.integers(0, 13),
)
def test_one_site_alone_never_moves_a_date_two_sites_agree_on(
    agreeing: int, confidence: float, lone: float, other: str, later: int
) -> None:
    """Unless it says the date changed: then it wins (see the explicit-change test)."""
    held = ReleaseDate.parse("2027-03-05")
    claims = [claim("2027-03-05", f"s{i}.com", confidence=confidence) for i in range(agreeing)]
    wrong = claim(other, "lone.com", days=later, confidence=min(lone, confidence))
    agreed = assess([*claims, wrong], current=held)
    assert agreed.date == held
    assert agreed.disputed


#: Claims that may be syndicated copies of each other (a shared sentence) or not (None).
SHARED_CLAIMS = st.builds(
    claim,
    DATES,
    SITES,
    days=st.integers(0, 60),
    confidence=st.sampled_from([0.2, 0.5, 0.6, 0.9]),
    explicit=st.booleans(),
    sentence=st.sampled_from([None, None, "wire one", "wire two"]),
)


@settings(max_examples=600)
@given(
    st.lists(SHARED_CLAIMS, max_size=25),
    st.lists(SHARED_CLAIMS, min_size=1, max_size=3),
    st.integers(0, 30),
    st.one_of(st.none(), DATES.map(ReleaseDate.parse)),
    st.randoms(),
)
def test_the_deciding_claims_decide_as_all_of_them_do(
    stored: list[Claim],
    new: list[Claim],
    window_days: int,
    current: ReleaseDate | None,
    rng: object,
) -> None:
    """Stored claims beyond `deciding` change nothing, whatever newer claims join them."""
    window = timedelta(days=window_days)
    kept = deciding(stored)
    assert all(c in stored for c in kept)
    rest = [c for c in stored if c not in kept]
    some = [c for c in rest if rng.random() < 0.5]  # type: ignore[attr-defined]
    everything = assess([*stored, *new], current=current, window=window)
    for subset in (kept, [*kept, *some]):
        assert assess([*subset, *new], current=current, window=window) == everything
        assert describe([*subset, *new], everything.date, window=window) == describe(
            [*stored, *new], everything.date, window=window
        )


def test_deciding_drops_what_a_site_and_a_date_have_since_restated() -> None:
    old = [claim("2027-03-05", "a.com", days=d) for d in range(0, 30, 3)]
    newest = claim("2027-03-05", "a.com", days=60)
    moved = claim("2027-04-02", "b.com", days=2, explicit=True)
    kept = deciding([*old, moved, newest])
    assert kept == [moved, newest]  # the change stays, whatever its age
    assert deciding([]) == []
