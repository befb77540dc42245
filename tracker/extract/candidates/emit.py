"""Turn a title and a date into a candidate: trimmed name, season, platform, kind, confidence."""

from __future__ import annotations

import re
from typing import Any

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.candidates.clauses import clauses
from tracker.extract.candidates.cues import Leaning, classify, find_platforms, find_seasons
from tracker.extract.candidates.spans import TitleMention, tidy
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.dates import find_dates
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue
from tracker.extract.records import Precision

_SEASON_LABEL = re.compile(r"\W*(?:season|series|part)\b", re.IGNORECASE)


def label_season(text: str, sentences: list[Sentence], i: int) -> int | None:
    """The season of a label line ("Season 2 Premiere") sitting just above a list row."""
    if i == 0:
        return None
    prev = sentences[i - 1]
    if prev.end - prev.start > 40 or not (prev.first_in_line and prev.last_in_line):
        return None
    if not _SEASON_LABEL.match(text, prev.start):
        return None  # a row above ("Kid Gallant (Disney+) - season 2") is another work's
    found = find_seasons(text, prev.start, prev.end)
    return found[0][2] if found else None


_OF_AFTER = re.compile(
    r"(?:\s+(?:premiere|opener|finale|return|debut|launch))?\s+(?:of|for)\s+", re.I
)
#: "the sixth season of the historical drama": the season of a work named elsewhere.
_OF_NOUN = re.compile(
    r"(?:the|this|its|their)\s+(?:[\w-]+\s+){0,6}?(?:series|show|drama|comedy|sitcom"
    r"|anime|docuseries|programme|program)\b"
)
#: Between "seasons of" and a later work of its list: "Loki” and “", "Ozark, Barry and ".
_MORE_GAP = re.compile(
    r"(?:[\"\u201c\u2018']?[^,;.\"\u201c\u201d]{1,50}[\"\u201d\u2019']?(?:\s*,\s*|\s+and\s+|\s*&\s*)){1,4}"
    r"[\"\u201c\u2018']?"
)
_LIST_GAP = re.compile(r"\s*(?:,|and|&|or|/)\s*(?:and\s+)?")
_VIA = re.compile(r"\bvia\s+$", re.IGNORECASE)  # "on PC via Steam": a store, not the platform
_ITS = re.compile(r"\b(?:its|their)\s+(?:\w+\s+)?$", re.I)
#: What may stand between "season 2 of" and the work: "the", "Jimmy McGovern's", "hit".
_OF_GAP = re.compile(
    r"[\s\"\u201c\u2018']*(?:the\s+)?(?:(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['\u2019]s\s+)?"
    r"(?:[a-z-]+\s+|[A-Z][a-z]+-[a-z]+\s+){0,3}?[\"\u201c\u2018']?"
    r"|(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:series|show|drama|comedy|sitcom|anime|docuseries"
    r"|programme|program),?\s+[\"\u201c\u2018']?"
)


def _bracketed_elsewhere(text: str, at: int, title: TitleMention, lo: int) -> bool:
    """Tell whether a season sits in brackets that follow another name than ``title``."""
    bracket = text.rfind("(", lo, at)
    if bracket < 0 or ")" in text[bracket:at]:
        return False
    close = text.find(")", at)
    if bracket <= title.start and (close < 0 or title.start < close):
        return False  # "(Season 8 for Red Relay, ...)": the work is in the same brackets
    return bracket < title.end or text[title.end : bracket].strip(" \"'\u201d\u2019") != ""


def _named_in_later_clause(
    text: str, parts: list[tuple[int, int]], own: tuple[int, int], x: tuple[int, int, int]
) -> bool:
    """A season in a later clause that quotes its own work: "...; 'Ledgerman' Season 2 ..."."""
    if x[0] < own[1]:
        return False
    start = next((a for a, b in parts if a <= x[0] <= b), own[1])
    return any(c in text[start : x[0]] for c in '"\u2018\u2019\u201c\u201d')


def _headline_season(text: str, s: Sentence, free: list[tuple[int, int, int]], at: int) -> bool:
    """A headline's one season after its date: "'X' Sets Feb. 26 Return for Season 7".

    Not when another date follows it ("..., Third Series Coming Early 2021").
    """
    if s.line != 0 or not (s.first_in_line and s.last_in_line) or len(free) != 1:
        return False
    between = text[at : free[0][0]]
    if any(c in between for c in ';"\u2018\u2019\u201c\u201d'):
        return False  # "Max Pushes 'Ashgrove' to March; 'Ledgerman' Season 2": another work's
    return at < free[0][0] and not find_dates(text, free[0][1], s.end)


def _season_of(
    text: str, s: Sentence, title: TitleMention, at: int, *, topic: bool, hint: int | None
) -> int | None:
    """The season number that belongs to ``title`` in its sentence, if any.

    "season 28 of The Simpsons" binds forward to the work after "of"; any other season
    mention goes to the nearest title, or to the topic when the sentence names none.
    """
    free: list[tuple[int, int, int]] = []
    for x in find_seasons(text, s.start, s.end):
        if _bracketed_elsewhere(text, x[0], title, s.start):
            continue  # "Mercy General (season 6), The Overtons (series premiere)"
        of = _OF_AFTER.match(text, x[1], s.end)
        if of is None or (topic and _OF_NOUN.match(text, of.end())):
            free.append(x)
            continue
        if of.end() <= title.start and _OF_GAP.fullmatch(text, of.end(), title.start):
            return x[2]
        plural = text[x[0] : x[1]].lower().endswith("seasons")
        if plural and of.end() <= title.start and _MORE_GAP.fullmatch(text, of.end(), title.start):
            return x[2]  # "second seasons of Loki and What If": each of them

    def distance(x: tuple[int, int, int]) -> int:
        return min(abs(x[0] - title.end), abs(title.start - x[1]))

    parts = clauses(text, s.start, s.end)
    own = next(((a, b) for a, b in parts if a <= title.start <= b), (s.start, s.end))
    if not topic and len(parts) > 1:
        # "X Season 2 Set for Spring; Spinoff Y Arrives": an earlier clause's season is X's
        free = [
            x for x in free if own[0] <= x[0] and not _named_in_later_clause(text, parts, own, x)
        ]
    if not s.start < at <= s.end:
        at = s.end  # a row under a date header: the whole row speaks of its work
    near = [x for x in free if topic or distance(x) <= 40 or title.end <= x[0] <= at]
    if not near:
        # "... carving out Aug. 31 as the date for its Season 3 debut": the subject's own
        near = [x for x in free if title.end <= x[0] and _ITS.search(text, x[0] - 12, x[0])]
    if not near and _headline_season(text, s, free, at):
        near = free
    if topic:  # the work is named elsewhere: the season nearest the date is its
        return min(near, key=lambda x: abs(x[0] - at))[2] if near else hint
    return min(near, key=distance)[2] if near else hint


#: A descriptor before a work's name: "Kenneth Branagh-directed", "the Annapurna-published".
_DESCRIPTOR = Caseless(
    r"(?:(?:the|a|an)\s+)?(?:[\w.'\u2019&]+\s+){0,3}?[\w.'\u2019&]+-(?:directed|led|starring"
    r"|produced|backed|helmed|fronted|penned|published|developed|written|created|animated"
    r"|hosted|distributed)\s+(?=\S)",
    re.IGNORECASE,
)
#: A quoted name inside an unquoted run: the headline 'Documentary "Minding the Gap" Acquired'.
_INNER_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,100})[\"\u201d]")


def trim(text: str, mention: TitleMention) -> TitleMention:
    """Cut what a run holds around a work's name: a "-directed" descriptor, a headline's words.

    >>> trim("", TitleMention(0, 37, "Kenneth Branagh-directed Artemis Fowl", False, False)).title
    'Artemis Fowl'
    >>> trim("", TitleMention(0, 40, 'Documentary "Minding the Gap" Acquired', False, False)).title
    'Minding the Gap'
    """
    if mention.quoted:
        return mention
    name = mention.title
    descriptor = _DESCRIPTOR.match(name)
    if descriptor is not None:
        name = name[descriptor.end() :]
    else:
        inner = _INNER_QUOTE.search(name)
        if inner is None or (inner.start() == 0 and inner.end() == len(name)):
            return mention
        name = inner.group(1).strip()
    name = tidy(name)
    if not name or name == mention.title:
        return mention
    found = text.find(name, mention.start, max(mention.end, mention.start + len(mention.title)))
    start = found if found >= 0 else mention.start
    return TitleMention(
        start, start + len(name), name, descriptor is None, mention.subject, mention.named
    )


def emit(
    text: str,
    s: Sentence,
    title: TitleMention,
    value: DateValue,
    at: int,
    *,
    topic: bool,
    tv_article: bool | Leaning,
    season_hint: int | None = None,
    stretch: tuple[int, int] | None = None,
    **marks: Any,
) -> Candidate:
    """Build the candidate for ``title`` released at ``value``, read from sentence ``s``.

    ``marks`` set the candidate's provenance fields (``proposed``, ``generous`` ...).
    """
    title = trim(text, title)
    season = _season_of(text, s, title, at, topic=topic, hint=season_hint)
    lo, hi = next(
        ((a, b) for a, b in clauses(text, s.start, s.end) if a <= at <= b), (s.start, s.end)
    )
    platforms = find_platforms(text, lo, hi)
    if not platforms and s.end - s.start < 120:
        platforms = find_platforms(text, s.start, s.end)  # "The Bell Diver - in theaters"
    if not platforms and not lo <= title.start <= hi:
        # "Deep Field (Netflix, series premiere) - June 4": the platform sits by the title
        t_lo, t_hi = next(
            ((a, b) for a, b in clauses(text, s.start, s.end) if a <= title.start <= b),
            (lo, hi),
        )
        platforms = find_platforms(text, t_lo, t_hi)
    platforms = [p for p in platforms if not _VIA.search(text, max(0, p[0] - 5), p[0])]
    platform = None
    if platforms:
        k = min(
            range(len(platforms)),
            key=lambda j: min(abs(platforms[j][0] - title.end), abs(platforms[j][0] - at)),
        )
        while k > 0 and _LIST_GAP.fullmatch(text, platforms[k - 1][1], platforms[k][0]):
            k -= 1  # "on PC, PlayStation 5 and Xbox": a list is named by its first
        platform = platforms[k][2]
    # a work with two dates in one sentence ("a special in December, followed by a new series
    # in January") takes each date's kind from that date's own stretch
    window = text[stretch[0] : stretch[1]] if stretch else text[s.start : s.end]
    kind = classify(window, season=season, platform=platform, tv_article=tv_article)
    confidence = 0.55 + 0.15 * title.quoted + 0.15 * title.subject - 0.15 * topic
    confidence += 0.1 * (value.precision is Precision.DAY)
    return Candidate(
        title=title.title, season=season, kind=kind, value=value, platform=platform,
        start=s.start, end=s.end, confidence=max(0.05, min(0.99, confidence)),
        title_start=title.start, topic=topic, window=stretch,
        title_end=title.end, date_at=at, quoted=title.quoted, **marks,
    )  # fmt: skip
