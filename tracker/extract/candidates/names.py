"""Generous names: every capitalised run or quoted phrase that could name a work.

The rule-based title finder (``titles.py``) is strict: it drops spans that look like people,
openers or descriptors, and news keeps finding ways past it ("#18: The New Mutants (Aug. 2)",
"Kenneth Branagh-directed Artemis Fowl adaptation"). This finder keeps almost everything and
leaves the judgment to the model: its spans carry only what is certain (the words, whether
quoted), and features describe the rest.
"""

from __future__ import annotations

import re

from tracker.extract.candidates.spans import SMALL, TitleMention, tidy
from tracker.extract.reading.lexicon import (
    COMMON_OPENERS,
    HEADLINE_VERBS,
    MONTHS,
    PLACES,
    PLATFORMS,
    WEEKDAYS,
    entries,
)

_CAP = r"(?:[A-Z0-9][\w'\u2019.!?&+:/\-\u00d7]*|&|\+)"
_RUN = re.compile(rf"(?<![\w'\u2019]){_CAP}(?:[ \t]+(?:(?:{SMALL}|and)[ \t]+)*{_CAP})*")
_QUOTED = re.compile(
    r"[\"\u201c]([^\"\u201c\u201d\n]{2,100}?)[\"\u201d]|\u2018([^\u2018\u2019\n]{2,100}?)\u2019(?![A-Za-z])"
)
#: Words after which the name of a work starts: a possessive, a "-directed" descriptor.
_LEAD = re.compile(
    r".*(?:['\u2019]s|-(?:directed|led|starring|produced|backed|helmed|fronted|penned))\s+"
)
#: Words that open a sentence, never a name: dropped from the front of a run.
_OPENERS = entries(
    """
    according while after before meanwhile also and but so then when if as in on at for
    with from by to of this that these those here there it its his her their our we i you they
    he she now plus however although though because since until despite like unlike elsewhere
    today tonight tomorrow yesterday currently previously originally recently additionally
    finally fans viewers critics update related photo credit courtesy advertisement read watch
    see check look
    """
)
#: Words that never name a work on their own: openers, months, weekdays, platforms, places.
_NEVER_ALONE = (
    COMMON_OPENERS | frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(PLATFORMS) | PLACES
)
_MAX_WORDS = 12
_NUMBERING = re.compile(r"#?\d{1,3}[:.)]")
#: A field label before a name or a date: "Release Date:", "Title:", "Network:".
_FIELD_LABEL = re.compile(
    r"(?:(?:release|premiere|air|launch|publication|street)\s+)?(?:date|title|network|platform"
    r"|studio|publisher|developer|genre|cast|director|label|format|platforms?|release|premiere)"
    r"s?\s*:\s*",
    re.IGNORECASE,
)


def _alone_never(title: str) -> bool:
    words = title.split()
    if not words:
        return True
    if len(words) == 1:
        low = words[0].lower().strip(".,:;!?")
        return low in _NEVER_ALONE or low.isdigit() or len(low) < 2
    return all(w.lower().strip(".,:;!?") in _NEVER_ALONE or w.isdigit() for w in words)


def generous_names(
    text: str, lo: int, hi: int, exclude: tuple[tuple[int, int], ...] = ()
) -> list[TitleMention]:
    """Every plausible name of a work in ``text[lo:hi]``, dates in ``exclude`` cutting runs."""
    found: list[TitleMention] = []
    for q in _QUOTED.finditer(text, lo, hi):
        group = 1 if q.group(1) is not None else 2
        start, end = q.start(group), q.end(group)
        title = tidy(text[start:end])
        if title and not _alone_never(title) and len(title.split()) <= _MAX_WORDS:
            found.append(TitleMention(start, end, title, True, False))
    for r in _RUN.finditer(text, lo, hi):
        for start, end in _outside(r.start(), r.end(), exclude):
            _add_run(text, start, end, found)
    found.sort(key=lambda t: (t.start, -t.end))
    return found


def _outside(start: int, end: int, exclude: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` outside the excluded spans."""
    parts = [(start, end)]
    for a, b in exclude:
        parts = (
            [
                piece
                for s, e in parts
                for piece in ((s, min(e, a)), (max(s, b), e))
                if piece[0] < piece[1]
            ]
            if any(s < b and a < e for s, e in parts)
            else parts
        )
    return parts


#: Where a run may hold two names: "X and Y", "X & Y", "X. Y" (a full stop in a run), "X by Y",
#: "X: Rei Hiroe will ..." (a colon before a person or a clause).
_JOINS = re.compile(r"\s+(?:and|&|by)\s+|(?<=[a-z0-9])\.\s+(?=[A-Z])|(?<=[\w!?]):\s+")
#: A headline's verb inside a capitalised run ends the work's name: "X Coming to Switch July 26".
_HEADLINE_VERB = re.compile(
    r"\s+(?:"
    + "|".join(sorted((w.capitalize() for w in HEADLINE_VERBS), key=len, reverse=True))
    + r")\b"
)
#: What may follow a work's name inside the run: "Gavin & Stacey Christmas Special".
_TAIL = re.compile(
    r"\s+(?:(?:Christmas|Holiday|Festive|New\s+Year|Anniversary|Reunion)\s+)?(?:Special|Specials"
    r"|Finale|Premiere|Trailer|Teaser|Soundtrack|EP|LP|Album|Movie|Film|Documentary|Series\s+\d+"
    r"|Season\s+\w+|Part\s+\w+|Vol(?:ume|\.)?\s*\d+)$"
)


def _add_run(text: str, start: int, end: int, found: list[TitleMention]) -> None:
    verb = _HEADLINE_VERB.search(text, start, end)
    if verb is not None and verb.start() > start:
        _add_one(text, start, verb.start(), found)  # the name before a headline's verb
    _add_one(text, start, end, found)
    cut = start
    for join in _JOINS.finditer(text, start, end):
        if not _FIELD_LABEL.fullmatch(text, cut, join.end()):  # not "Release Date:"
            _add_one(text, cut, join.start(), found)  # each side too; the model picks
        cut = join.end()
    if cut > start:
        _add_one(text, cut, end, found)


def _add_one(text: str, start: int, end: int, found: list[TitleMention]) -> None:
    lead = _LEAD.match(text, start, end)
    if lead:
        # "Guillermo del Toro's Pacific Rim 2", but also "My Best Friend's Exorcism": both
        _add_words(text, lead.end(), end, found)
        if not _POSSESSIVE_NAME.match(text, start, end):
            return
    _add_words(text, start, end, found)


#: A run that may be a title with a possessive in it ("My Best Friend's Exorcism"), rather
#: than a person's or a company's name before the work ("Ryan Coogler's Sinners").
_POSSESSIVE_NAME = re.compile(r"(?:The|A|An|My|Our|Your|His|Her|Their)\s")


def _add_words(text: str, start: int, end: int, found: list[TitleMention]) -> None:
    label = _FIELD_LABEL.match(text, start, end)
    if label:
        start = label.end()
    words = text[start:end].split()
    while len(words) > 1 and _NUMBERING.fullmatch(words[0]):
        start = text.index(words[1], start + len(words[0]))  # "#18: The New Mutants"
        words = words[1:]
    while words and words[0].lower().strip(".,:") in _OPENERS and len(words) > 1:
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    title = tidy(text[start:end])
    if not title or _alone_never(title) or len(title.split()) > _MAX_WORDS:
        return
    tail = _TAIL.search(title)
    if tail and tail.start() > 0:
        _keep(found, start, title[: tail.start()])  # "Gavin & Stacey", beside the special
    _keep(found, start, title)


def _keep(found: list[TitleMention], start: int, title: str) -> None:
    if not title or _alone_never(title):
        return
    if any(t.start <= start < t.end and t.quoted for t in found):
        return  # inside a quoted name already found
    if any(t.start == start and t.title == title for t in found):
        return
    found.append(TitleMention(start, start + len(title), title, False, False))
