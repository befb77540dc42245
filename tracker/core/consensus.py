"""Consensus across sources: which date a release has, how well supported, and whether disputed.

A date read from one article is a claim. This module weighs every claim stored for a release
and decides, purely (no database, no I/O):

* **Voices.** Support is counted by site, not by article: a site's voice is what its newest
  articles say (a site that said March and later July has moved to July). A syndicated copy,
  the same sentence on two sites, is one voice.
* **The era.** The newest explicit change ("delayed to", "now premieres") starts a new era:
  claims published before it are history, and the current date must be consistent with it.
* **The live window.** Claims published within `window` days of the newest claim compete.
  Older claims that disagree are not a dispute; they were overtaken.
* **The choice.** Each candidate date that is not a coarser form of another candidate (a leaf)
  scores the noisy-or of the live voices consistent with it. The best leaf wins; ties go to the
  newest claim. So a lone wrong reading does not move a date three outlets confirmed, and a day
  inside the agreed month narrows it.
* **Disputed** when a live claim is incompatible with the chosen date.
* **Confidence** of the chosen date: the noisy-or, over the era's voices consistent with it, of
  each voice's best extractor confidence: 1 - (1 - c1)(1 - c2)... It grows with every
  independent source, never passes 1, and one voice gives its own confidence.

Two dates are consistent when one window holds the other ("2017-03-17" and "2017-03", or
"2017"); tba is consistent only with tba.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from tracker.core.release_date import TBA, ReleaseDate

DISPUTE_WINDOW = dt.timedelta(days=14)
"""Claims seen this close together that disagree make a dispute."""

FIRM_CONFIDENCE = 0.8
"""At or above this (and undisputed), a day-precise date is CONFIRMED in the feed."""

DEFAULT_MIN_CONFIDENCE = 0.5
"""A subscription's default floor: one sighting the extractor doubts stays out of calendars."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One article's date for the release."""

    date: ReleaseDate
    site: str
    published: dt.date
    confidence: float
    explicit: bool = False
    """The sentence announces a change of date."""
    copy_key: str = ""
    """Same key on two sites: a syndicated copy (see `copy_key_of`)."""
    order: int = 0
    """Ties on the same publication day: the later-stored claim is newer."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rival:
    """A date that live sources give against the chosen one."""

    date: ReleaseDate
    sites: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Consensus:
    """What the claims say together."""

    date: ReleaseDate
    as_of: dt.date
    """Publication date of the newest claim consistent with `date`."""
    confidence: float
    sources: int
    """Voices (sites, syndicated copies merged) consistent with `date`."""
    sites: tuple[str, ...]
    """Those voices' sites, best supported first."""
    disputed: bool
    rivals: tuple[Rival, ...] = ()
    explicit: bool = False
    """The date rests on an explicit change."""

    def record(self) -> list[dict[str, object]]:
        """Who says what, as `release.support` keeps it: the date's sites, then each rival's."""
        return [{"date": self.date.value, "sites": list(self.sites), "rival": False}] + [
            {"date": r.date.value, "sites": list(r.sites), "rival": True} for r in self.rivals
        ]


def noisy_or(confidences: Iterable[float]) -> float:
    """The chance that at least one independent source is right.

    >>> round(noisy_or([0.5, 0.5]), 2), noisy_or([]), noisy_or([1.0, 0.2])
    (0.75, 0.0, 1.0)
    """
    missing = 1.0
    for c in confidences:
        missing *= 1.0 - min(max(c, 0.0), 1.0)
    return 1.0 - missing


def consistent(a: ReleaseDate, b: ReleaseDate) -> bool:
    """True when one date's window holds the other's (tba only with tba).

    >>> p = ReleaseDate.parse
    >>> consistent(p("2017-03-17"), p("2017-03")), consistent(p("2017-03"), p("2017-04-02"))
    (True, False)
    """
    if a.is_tba or b.is_tba:
        return a.is_tba and b.is_tba
    return a == b or a.contains(b) or b.contains(a)


_WORD = re.compile(r"\w+")


def copy_key_of(sentence: str) -> str:
    """A short fingerprint of a sentence's words: syndicated copies share it.

    >>> copy_key_of("Iron Fist  premieres March 17.") == copy_key_of("iron fist premieres march 17")
    True
    """
    words = " ".join(_WORD.findall(sentence.casefold()))
    return hashlib.sha256(words.encode()).hexdigest()[:16]


def site_of(url: str | None, *, fallback: str = "local") -> str:
    """The site a claim comes from: the URL's host without "www." or "m.", else `fallback`.

    >>> site_of("https://www.Variety.com/2027/tv/x"), site_of("file:///tmp/a.txt", fallback="clips")
    ('variety.com', 'clips')
    """
    if url:
        parts = urlsplit(url)
        host = (parts.hostname or "").casefold()
        if parts.scheme in ("http", "https") and host:
            for prefix in ("www.", "m.", "amp."):
                if host.startswith(prefix) and host.count(".") > 1:
                    host = host[len(prefix) :]
            return host
    return fallback


def _newer(claim: Claim) -> tuple[dt.date, int, str, str, float]:
    """Sort key, oldest to newest.

    Past the date and the stored order the key only makes the order total, so that the order
    claims arrive in never changes an outcome.
    """
    return claim.published, claim.order, claim.site, claim.date.value, claim.confidence


def _voices(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Each site's newest day of claims, syndicated copies across sites merged into one voice."""
    latest: dict[str, dt.date] = {}
    for c in claims:
        if c.published > latest.get(c.site, dt.date.min):
            latest[c.site] = c.published
    kept = [c for c in claims if c.published == latest[c.site]]
    parent = {site: site for site in latest}

    def root(site: str) -> str:
        while parent[site] != site:
            parent[site] = parent[parent[site]]
            site = parent[site]
        return site

    first_site: dict[str, str] = {}
    for c in kept:
        if c.copy_key:
            other = first_site.setdefault(c.copy_key, c.site)
            parent[root(c.site)] = root(other)
    grouped: dict[str, list[Claim]] = {}
    for c in kept:
        grouped.setdefault(root(c.site), []).append(c)
    return [grouped[k] for k in sorted(grouped)]


def _support(voices: Sequence[list[Claim]], when: ReleaseDate) -> list[tuple[float, str]]:
    """(best confidence, site) of each voice consistent with `when`, best first."""
    backing = []
    for voice in voices:
        agreeing = [c for c in voice if consistent(c.date, when)]
        if agreeing:
            # the most confident claim speaks for the voice; on a tie the first to say it
            best = max(agreeing, key=lambda c: (c.confidence, -c.published.toordinal(), -c.order))
            backing.append((best.confidence, best.site))
    return sorted(backing, key=lambda b: (-b[0], b[1]))


def assess(
    claims: Sequence[Claim],
    *,
    current: ReleaseDate | None = None,
    window: dt.timedelta = DISPUTE_WINDOW,
) -> Consensus:
    """Weigh a release's claims (see the module docstring). `claims` must not be empty.

    `current` is the date held now: a chosen date that merely restates it more coarsely
    ("this summer" after "July 14") keeps it.
    """
    if not claims:
        raise ValueError("a consensus needs at least one claim")
    era, live, change = _split(claims, window)
    voices = _voices(era)
    live_voices = _voices(live)

    candidates = list(dict.fromkeys(c.date for c in live if not c.date.is_tba))
    if change is not None:
        candidates = [d for d in candidates if consistent(d, change.date)]
        if change.date not in candidates and not change.date.is_tba:
            candidates.append(change.date)
    if not candidates:  # "no date yet" in passing does not undo a date; "postponed" does
        chosen = change.date if change is not None else (current or TBA)
    else:
        leaves = [d for d in candidates if not any(o != d and d.contains(o) for o in candidates)]
        newest_saying = {d: max(_newer(c) for c in era if c.date == d) for d in leaves}
        chosen = max(
            leaves,
            key=lambda d: (
                round(noisy_or(s for s, _ in _support(live_voices, d)), 9),
                newest_saying[d],
                -d.precision.rank,
            ),
        )
    if current is not None and chosen != current and chosen.contains(current):
        chosen = current  # a coarser restatement does not undo a narrowing
    return _describe(chosen, era, voices, [c for v in live_voices for c in v], change)


def deciding(claims: Sequence[Claim]) -> list[Claim]:
    """The claims that can still decide a consensus, now or after any newer claim joins them.

    `assess` reads only these of a release's claims: every explicit change, and the newest day
    of each site and of each date. So for any claims `stored` and `new` and any window,
    ``assess([*F, *new])`` equals ``assess([*stored, *new])`` for every F between
    ``deciding(stored)`` and `stored`: a much-reported release is weighed on what still counts,
    bounded by its sites and dates, not on every sighting it ever had. Order is kept.

    Why the rest cannot matter: a site's voice is its newest day; a date's newest saying, and
    the newest claim agreeing with a date, are on some date's newest day; an older claim inside
    the live window adds only its date as a candidate, which that date's newest claim, newer
    still and so live too, adds as well. A newer claim only moves these days forward.
    """
    site_day: dict[str, dt.date] = {}
    date_day: dict[ReleaseDate, dt.date] = {}
    for c in claims:
        if c.published > site_day.get(c.site, dt.date.min):
            site_day[c.site] = c.published
        if c.published > date_day.get(c.date, dt.date.min):
            date_day[c.date] = c.published
    return [
        c
        for c in claims
        if c.explicit or c.published == site_day[c.site] or c.published == date_day[c.date]
    ]


def describe(
    claims: Sequence[Claim], date: ReleaseDate, *, window: dt.timedelta = DISPUTE_WINDOW
) -> Consensus:
    """The support for a given date (one chosen earlier, say), weighed as `assess` would."""
    if not claims:
        raise ValueError("a consensus needs at least one claim")
    era, live, change = _split(claims, window)
    return _describe(date, era, _voices(era), [c for v in _voices(live) for c in v], change)


def _split(
    claims: Sequence[Claim], window: dt.timedelta
) -> tuple[list[Claim], list[Claim], Claim | None]:
    """The era since the last explicit change, its live claims, and that change."""
    ordered = sorted(claims, key=_newer)
    explicit = [c for c in ordered if c.explicit]
    change = explicit[-1] if explicit else None
    era = [c for c in ordered if change is None or c.published >= change.published]
    newest = era[-1].published
    return era, [c for c in era if c.published >= newest - window], change


def _describe(
    chosen: ReleaseDate,
    era: Sequence[Claim],
    voices: Sequence[list[Claim]],
    live: Sequence[Claim],
    change: Claim | None,
) -> Consensus:
    backing = _support(voices, chosen)
    against = [
        c for c in live if not (c.date.is_tba or chosen.is_tba or consistent(c.date, chosen))
    ]
    rivals: dict[ReleaseDate, list[str]] = {}
    for c in sorted(against, key=lambda c: (c.date.value, c.site)):
        sites = rivals.setdefault(c.date, [])
        if c.site not in sites:
            sites.append(c.site)
    agreeing = [c for c in era if consistent(c.date, chosen)]
    as_of = max(agreeing, key=_newer).published if agreeing else era[-1].published
    return Consensus(
        date=chosen,
        as_of=as_of,
        confidence=noisy_or(s for s, _ in backing),
        sources=len(backing),
        sites=tuple(site for _, site in backing),
        disputed=bool(rivals),
        rivals=tuple(Rival(date=d, sites=tuple(s)) for d, s in rivals.items()),
        explicit=change is not None and consistent(change.date, chosen),
    )
