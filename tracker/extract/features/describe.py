"""Describe a candidate announcement as named features for the learned model to weigh.

A feature is a short string ("prec=day", "b1=actor"); the model holds a weight for each one it
saw in training and ignores the rest. Everything here reads only the article and the candidate,
so the same text always gives the same features.
"""

from __future__ import annotations

import bisect
import re

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.candidates.ownership import LEADING_ASIDE, SEQUEL_BETWEEN
from tracker.extract.features.article import Article
from tracker.extract.features.sides import date_features, name_features
from tracker.extract.features.vocabulary import CLASSES, bucket, norm
from tracker.extract.reading.caseless import Caseless

#: The words of a date phrase from where a candidate's date starts ("on Sunday, March 4th,"),
#: so that what lies between a date and the name after it is measured from the date's end.
_DATE_RUN = Caseless(
    r"(?:[\s,.\-\u2013]+|(?:on|in|from|by|until|starting|beginning|this|next|later|early|late"
    r"|mid|the|of|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug"
    r"|sept?|oct|nov|dec|january|february|march|april|june|july|august|september|october"
    r"|november|december|spring|summer|fall|autumn|winter|year|month|week|weekend|\d{1,4}"
    r"(?:st|nd|rd|th)?)\b)+",
    re.IGNORECASE,
)


def between_span(text: str, c: Candidate) -> tuple[int, int]:
    """The stretch between ``c``'s name and its date, without either of them."""
    if c.title_end <= c.date_at:
        return c.title_end, c.date_at
    m = _DATE_RUN.match(text, c.date_at, c.title_start)
    return (m.end() if m else c.date_at), c.title_start


def _origin(c: Candidate) -> str:
    """Where a candidate came from: a row, a span variant, the generous finder, pairing, a rule."""
    if c.row:
        return "row"
    if c.variant:
        return "variant"
    if c.generous:
        return "caps"
    return "pair" if c.proposed else "rule"


def features(article: Article, c: Candidate) -> list[str]:
    """Name what is known of candidate ``c`` in ``article``.

    What depends on the name alone and on the date alone is computed once per article and
    shared by every candidate that pairs them; only the pairing's own features are per candidate.
    """
    text = article.text
    prec = str(c.value.precision)
    origin = _origin(c)
    out = [
        "bias",
        f"origin={origin}",
        f"prec={prec}&{origin}",
        f"kind={c.kind}",
        f"verdict={c.date_verdict}&{origin}",
    ]
    if c.variant is not None:
        out.append(f"variant={c.variant}")
    if c.season is not None:
        out.append("season")
    if c.platform is not None:
        out.append("platform")
    if c.topic:
        out.append(f"topic&{origin}")
    out.extend(name_features(article, c))
    out.extend(date_features(article, c))
    if c.title_start >= 0 and c.title_end > c.title_start:
        if 0 <= c.date_at - c.title_end <= 4 and text.find("(", c.title_end, c.date_at) >= 0:
            out.append("date_in_brackets_after")  # "The New Mutants (Aug. 2)"
        inside = c.start <= c.title_start < c.end
        out.append(f"title_in_sentence={inside}")
        if inside and c.date_at >= c.start:
            lo, hi = between_span(text, c)
            between = article.window(lo, hi)
            order = "title_first" if c.title_end <= c.date_at else "date_first"
            out.append(f"order={order}")
            out.append(f"gap={bucket(len(between), (1, 3, 6, 10, 16, 25))}&{origin}")
            out.extend(f"bt={norm(w)}" for w in sorted(set(between[:12])))
            out.extend(f"btc={k}" for k in sorted({CLASSES[w] for w in between if w in CLASSES}))
            if any(ch in text[lo:hi] for ch in ".;"):
                out.append("gap_stop")
            if c.title_end <= c.date_at and SEQUEL_BETWEEN.search(text, c.title_end, c.date_at):
                out.append("sequel_between")  # "X said its long-awaited sequel will arrive"
            aside = LEADING_ASIDE.match(text, c.start, c.end)
            if aside and c.title_start < aside.end() <= c.date_at:
                out.append("name_in_leading_aside")  # "Whether X ..., the show returns in May"
            parts = article.clauses_of(c.start, c.end)
            same = any(a <= c.title_start < b and a <= c.date_at < b for a, b in parts)
            out.append(f"same_clause={same}")
    return out


def describe(article: Article, candidates: list[Candidate]) -> list[list[str]]:
    """Features of every candidate of an article, with how each pairing ranks among its rivals.

    A date usually belongs to the name nearest to it, and a name to its nearest date: for each
    candidate, the rank of its name's distance among the names paired with the same date, and
    of its date's among the dates paired with the same name.
    """

    def gap(c: Candidate) -> int:
        if c.date_at < 0 or c.title_start < 0:
            return 10_000
        return min(abs(c.date_at - c.title_end), abs(c.title_start - c.date_at))

    by_date: dict[int, list[int]] = {}
    by_name: dict[int, list[int]] = {}
    gaps = [gap(c) for c in candidates]
    for c, g in zip(candidates, gaps, strict=True):
        by_date.setdefault(c.date_at, []).append(g)
        by_name.setdefault(c.title_start, []).append(g)
    for rivals in (*by_date.values(), *by_name.values()):
        rivals.sort()  # a rank is then a bisection: a listing's many names stay cheap
    spans = sorted({(c.title_start, c.title_end) for c in candidates if c.title_start >= 0})
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)

    def starting(lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans that start in ``[lo, hi]``: a bisection, so long texts stay linear."""
        return spans[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]

    out: list[list[str]] = []
    for c, g in zip(candidates, gaps, strict=True):
        names = features(article, c)
        own = (c.title_start, c.title_end)
        # a span inside this one starts inside it; one around it starts at most `longest` before
        if any(b <= c.title_end and (a, b) != own for a, b in starting(c.title_start, c.title_end)):
            names.append("holds_a_shorter_name")  # "Encore by Anderson East" holds "Encore"
        if any(
            c.title_end <= b and (a, b) != own
            for a, b in starting(c.title_start - longest, c.title_start)
        ):
            names.append("inside_a_longer_name")
        if c.date_at >= 0 and c.start <= c.title_start < c.end:
            lo, hi = between_span(article.text, c)
            names.append(f"names_between={_names_within(spans, starts, lo, hi, own)}")
        if c.date_at >= 0:
            rivals = by_date[c.date_at]
            rank = bisect.bisect_left(rivals, g)  # how many are nearer
            names.append(f"name_rank={min(rank, 2)}&n={min(len(rivals), 3)}")
        if c.title_start >= 0:
            rivals = by_name[c.title_start]
            rank = bisect.bisect_left(rivals, g)
            names.append(f"date_rank={min(rank, 2)}&n={min(len(rivals), 3)}")
        out.append(names)
    return out


def _names_within(
    spans: list[tuple[int, int]], starts: list[int], lo: int, hi: int, own: tuple[int, int]
) -> int:
    """How many names other than ``own`` lie within ``[lo, hi]``: 0, 1, or 2 for two or more.

    Counting stops at two, so a date line above thousands of rows costs each row a few steps,
    not a count of every row between.
    """
    found = 0
    for k in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)):
        a, b = spans[k]
        if b <= hi and (a, b) != own:
            found += 1
            if found == 2:
                break
    return found
