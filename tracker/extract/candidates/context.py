"""Fill what one sentence leaves out from the rest of the article: seasons, platforms."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from tracker.extract.candidates.candidate import Candidate, evolve, on_platform, title_key
from tracker.extract.candidates.cues import Leaning, classify, find_platforms, find_seasons
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.segment import Sentence

#: Words that say a sentence is about a season of a series, not a new work ("Part II" too: the
#: pattern is case-blind).
_SEASON_TALK = Caseless(
    r"\b(?:season|seasons|series|return\w*|back|renew\w*|final|finale|premiere\w*"
    r"|remainder|remaining|episodes|part\s+(?:[1-4]|one|two|three|i{1,3}))\b",
    re.I,
)
#: A season named without its number ("the final season of X").
_UNNUMBERED = Caseless(
    r"\b(?:(?:final|new|next|upcoming|forthcoming|last)\s+season"
    r"|(?:final|last|remaining)\s+(?:\w+\s+){0,2}episodes|back\s+half|midseason|mid-season"
    r"|return\w*\s+from\s+(?:its|their|a|the)\s+(?:[\w-]+\s+)?(?:break|hiatus))\b",
    re.I,
)
#: How far into an article its platforms are read.
_PLATFORM_SCAN = 20000
#: How many season mentions of an article are read for titles bound to them.
_MAX_SEASON_MENTIONS = 300


#: What may stand between a title and a season after it: "X's new", "X: the final".
_TAIL_GAP = re.compile(
    r"[\"\u201d\u2019']?(?:['\u2019]s)?[\s:,\u2013-]*(?:(?:new|final|upcoming|next|the)\s+)?$"
)
#: What leads from a season to the work after it: "season 3 of the".
_HEAD_GAP = re.compile(r"\s+(?:\w+\s+)?of\s+(?:the\s+)?[\"\u201c\u2018']?")


def _ends_with_title(text: str, lo: int, hi: int, title: str) -> bool:
    """Tell whether ``text[lo:hi]`` ends with ``title`` and a gap such as "'s new"."""
    window = text[lo:hi]
    return any(
        window.endswith(title, 0, i) and _TAIL_GAP.match(window, i) is not None
        for i in range(len(window), max(-1, len(window) - 26), -1)
    )


def _bound_seasons(text: str, title: str, mentions: list[tuple[int, int, int]]) -> set[int]:
    """Season numbers the article attaches to ``title``: "X Season 8", "season 3 of X".

    Each mention is checked in a window of its own (never a search of the whole text for the
    title, which made long texts quadratic).
    """
    found: set[int] = set()
    for start, end, number in mentions:
        if number == 1:
            continue  # a first season is a new series: the spec gives it no number
        of_after = text.startswith(" of ", end)
        lo = max(0, start - len(title) - 30)
        near = text.find(title, lo, start) >= 0
        if not of_after and near and _ends_with_title(text, lo, start, title):
            found.add(number)
            continue
        head = _HEAD_GAP.match(text, end)
        if head and text.startswith(title, head.end()):
            found.add(number)
    return found


def _topic_season(text: str, sentences: list[Sentence], starts: list[int], at: int) -> int | None:
    """The highest season number of the sentence holding ``at`` (a topic's sentence).

    The highest is the coming one: "after a first season, renewed for a third season".
    """
    k = bisect.bisect_right(starts, at) - 1
    if k < 0:
        return None
    s = sentences[k]
    numbers = {n for _, _, n in find_seasons(text, s.start, s.end)}
    return max(numbers) if numbers else None


def _topic_platform(text: str, sentences: list[Sentence], starts: list[int], at: int) -> str | None:
    """The one platform of the sentence naming a topic ("CBS's drama X ... It will return")."""
    k = bisect.bisect_right(starts, at) - 1
    if k < 0:
        return None
    names = {p for _, _, p in find_platforms(text, sentences[k].start, sentences[k].end)}
    return names.pop() if len(names) == 1 else None


def _article_platform(text: str, sentences: list[Sentence]) -> str | None:
    """The one network or service an article is about, when it plainly has one.

    That is the only platform its headline or lead names, else the only one in the
    whole article (theatres aside, which a film article names for other films too).
    """
    for s in sentences[:2]:
        names = {p for _, _, p in find_platforms(text, s.start, s.end)} - {"theaters"}
        if len(names) == 1:
            return names.pop()
        if names:
            return None
    names = {p for _, _, p in find_platforms(text, 0, min(len(text), _PLATFORM_SCAN))}
    names.discard("theaters")
    return names.pop() if len(names) == 1 else None


def _season_for(
    text: str,
    sentences: list[Sentence],
    starts: list[int],
    c: Candidate,
    mentions: list[tuple[int, int, int]],
    bound: dict[str, set[int]],
) -> int | None:
    """The season the article gives ``c`` outside its own sentence, if any.

    ``bound`` caches, per title, the seasons the article attaches to it.
    """
    evidence = text[c.start : c.end]
    if c.topic and c.title_start >= 0:
        season = _topic_season(text, sentences, starts, c.title_start)
        if season is not None:
            return season
    if c.title not in bound:
        bound[c.title] = _bound_seasons(text, c.title, mentions)
    if bound[c.title]:
        return max(bound[c.title])
    numbers = {n for _, _, n in mentions}
    if _UNNUMBERED.search(evidence) and len(numbers) == 1:
        return numbers.pop()  # the one season the article talks of
    return None


#: A book or a record has no platform, whatever service the article is about.
_PRINT_OR_RECORD = re.compile(
    r"\b(?:published|publish|novel|memoir|paperback|hardcover|album|EP|mixtape)\b"
)


#: A sentence that goes on about the work just dated: "The tactical RPG, due on PC and ...".
_GOES_ON = re.compile(
    r"\W*(?:it|(?:the|this)\s+(?:[\w-]+\s+){0,3}?(?:game|rpg|shooter|title|series|show|film"
    r"|movie|sequel|expansion|dlc|remake|remaster|port)|(?:both|the\s+two|these)\s+(?:films"
    r"|movies|games|shows|series|titles))\b",
    re.IGNORECASE,
)


def _next_sentence_platform(
    text: str, sentences: list[Sentence], starts: list[int], end: int
) -> str | None:
    """The first platform the next sentence names when it goes on about the same work."""
    k = bisect.bisect_left(starts, end)
    if k >= len(sentences) or not _GOES_ON.match(text, sentences[k].start):
        return None
    found = find_platforms(text, sentences[k].start, sentences[k].end)
    return found[0][2] if found else None


def _latest_dated(candidates: list[Candidate]) -> dict[tuple[str, int], dt.date]:
    """The latest first day dated for each (work, season) the candidates number."""
    latest: dict[tuple[str, int], dt.date] = {}
    for o in candidates:
        if o.season is not None:
            key = (title_key(o.title), o.season)
            if key not in latest or o.value.first > latest[key]:
                latest[key] = o.value.first
    return latest


def _later_season_dated(c: Candidate, season: int, latest: dict[tuple[str, int], dt.date]) -> bool:
    """Tell whether another record dates ``season`` of the same work after ``c``.

    "The drama premieres April 11 ... a second season will premiere in 2027": the first
    date is not season 2's.
    """
    later = latest.get((title_key(c.title), season))
    return later is not None and later > c.value.last


#: Whether a pattern occurs over a stretch, by pattern and stretch.
_Said = dict[tuple[re.Pattern[str] | Caseless, int, int], bool]


def _said(
    pattern: re.Pattern[str] | Caseless,
    text: str,
    stretch: tuple[int, int],
    memo: _Said,
    *,
    cut: bool,
) -> bool:
    """Whether ``pattern`` occurs in ``text`` over ``stretch``, asked once per sentence.

    With ``cut``, the stretch is searched as an excerpt: a word boundary at its start does not
    look before it.
    """
    key = (pattern, *stretch)
    if key not in memo:
        lo, hi = stretch
        found = pattern.search(text[lo:hi]) if cut else pattern.search(text, lo, hi)
        memo[key] = found is not None
    return memo[key]


def complete(
    text: str, sentences: list[Sentence], candidates: list[Candidate], *, tv_article: bool | Leaning
) -> list[Candidate]:
    """Give candidates the season and platform the rest of the article states for them.

    A sentence such as "It will return in 2018" names no season; the sentence its topic
    came from ("renewed for a third season"), or a "The Walking Dead Season 8" elsewhere
    in the article, does. A work with no platform in its sentence takes the article's one
    platform, when it plainly has one.
    """
    unset = object()
    default: object = unset  # the article's platform, read when a candidate first lacks one
    mentions: list[tuple[int, int, int]] = []
    starts: list[int] = []
    read = False
    bound: dict[str, set[int]] = {}
    said: _Said = {}  # many candidates share a sentence
    latest: dict[tuple[str, int], dt.date] | None = None
    out: list[Candidate] = []
    for c in candidates:
        if c.platform is None and c.topic and c.title_start >= 0:
            starts = starts or [s.start for s in sentences]
            c = evolve(c, platform=_topic_platform(text, sentences, starts, c.title_start))
        if c.platform is None:
            starts = starts or [s.start for s in sentences]
            c = on_platform(c, _next_sentence_platform(text, sentences, starts, c.end))
        stretch = (c.start, c.end)
        if c.platform is None and not _said(_PRINT_OR_RECORD, text, stretch, said, cut=False):
            if default is unset:
                default = _article_platform(text, sentences)
            if isinstance(default, str):
                c = evolve(c, platform=default)
        if c.season is not None or not _said(_SEASON_TALK, text, stretch, said, cut=True):
            out.append(c)
            continue
        evidence = text[c.start : c.end]
        if not read:
            mentions, read = find_seasons(text, 0, len(text))[:_MAX_SEASON_MENTIONS], True
        starts = starts or [s.start for s in sentences]
        season = _season_for(text, sentences, starts, c, mentions, bound)
        if season is not None and latest is None:
            latest = _latest_dated(candidates)
        if season is None or (latest is not None and _later_season_dated(c, season, latest)):
            out.append(c)
            continue
        window = text[c.window[0] : c.window[1]] if c.window else evidence
        kind = classify(window, season=season, platform=c.platform, tv_article=tv_article)
        out.append(evolve(c, season=season, kind=kind))
    return out
