"""Read list rows and headings: "Label: value" rows and lines that are only a name."""

from __future__ import annotations

import itertools
import re

from tracker.extract.candidates.spans import FIELD_LABELS, SMALL_WORDS
from tracker.extract.candidates.titles import NOT_A_NAME, TitleMention, acceptable, tidy
from tracker.extract.reading.lexicon import COMMON_OPENERS, NON_TITLES, PLATFORMS

_FIELD = re.compile(
    r"^\W{0,3}(?:premieres?|premiere\s+date|release(?:\s+date)?|released|air\s+date|airs"
    r"|launch(?:\s+date)?|out|date|dates?|broadcast|streaming|genre|studio|source|network"
    r"|platforms?|developer|publisher|animation\s+company|trailer|director|cast|episodes"
    r"|when|where|status|format|price|starring)\s*:",
    re.IGNORECASE,
)


def is_field_row(line: str) -> bool:
    """Tell whether a line is a "Label: value" row of a listing.

    >>> is_field_row("Premiere: January 10, 2020 @ 21:00 (JST)")
    True
    >>> is_field_row("Law & Order: SVU returns")
    False
    """
    return _FIELD.match(line) is not None


#: A schedule row's time slot in brackets after the name: "(9:00pm-10:00pm)".
_SLOT_AFTER = re.compile(r"\(\s*\d{1,2}(?::\d\d)?\s*[ap]\.?m\b[^()]*\)", re.IGNORECASE)
_GUIDE_TAIL = re.compile(
    r":\s+(?:Your|Our|Everything|Every|What|How|Why|Here['\u2019]s|Here\s+Is|Where|When|Who|All)\b"
)
_WORD = re.compile(r"\S+")
_NAME_LABEL = re.compile("^(?:" + "|".join(re.escape(w[:-1]) for w in FIELD_LABELS) + r")\s*:\s*")


#: Words that turn a headline from a name to its audience: "X Fans Celebrate ...".
_AUDIENCE_TURN = frozenset(
    [
        "fans",
        "viewers",
        "players",
        "readers",
        "celebrate",
        "celebrates",
        "react",
        "reacts",
        "await",
        "awaits",
        "cheer",
        "cheers",
    ]
)


def _before_headline_verb(line: str) -> str:
    """The words of a headline-like line before its first verb: a name is no sentence.

    What is kept is a prefix of ``line`` itself, whatever spaces stand between its words, so
    the name can be found in the text again.
    """
    words = line.split()
    for k, word in enumerate(words[1:], 1):
        if word.lower().strip(",:;") in _AUDIENCE_TURN:
            turn = next(itertools.islice(_WORD.finditer(line), k, None))
            return line[: turn.start()].rstrip()
    return line


_PART_LABEL = re.compile(
    r"\s*[:,\u2013\u2014-]\s*(?:Season|Series|Part|Volume|Vol\.|Chapter)\s+\w+$", re.IGNORECASE
)
_BY_AUTHOR = re.compile(r"\s+by\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}$")


def heading_title(text: str, lo: int, hi: int) -> TitleMention | None:
    """Read a short line that is only a name ("Koisuru Asteroid") as a title."""
    line = text[lo:hi]
    stripped = re.sub(r"\s*\([^()]*\)\s*$", "", line.strip()).strip().strip('\u201c\u201d"*#•')
    stripped = _BY_AUTHOR.sub("", stripped)  # "Doctor Sleep by Stephen King"
    stripped = _PART_LABEL.sub("", stripped)  # "Wintermarch: Season 2"
    stripped = _NAME_LABEL.sub("", stripped)  # "Title: Ironbloom Frontier"
    stripped = _before_headline_verb(stripped)  # "X Fans Celebrate Second-Cour Return"
    if not stripped or len(stripped) > 70 or is_field_row(line) or stripped[0] in "([":
        return None
    if stripped[-1] in ".!:;," and not stripped.endswith("..."):
        return None
    if not (stripped[0].isupper() or stripped[0].isdigit()) or "|" in stripped:
        return None
    words = stripped.split()
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    if len(words) > 9 or capitalised < len(content) / 2:
        return None
    start = lo + line.index(stripped)
    title = tidy(stripped)
    slot_row = _SLOT_AFTER.search(line) is not None and " " not in title
    common = title.lower() in COMMON_OPENERS and title.lower() not in NON_TITLES | PLATFORMS.keys()
    if not (acceptable(title, opener=False) or (slot_row and common)) or NOT_A_NAME.search(title):
        return None  # a common word is a name only on a schedule row ("Star (9:00pm)")
    if _GUIDE_TAIL.search(title):
        return None  # "Premiere Week 2019: Your Night-by-Night Guide": a headline, not a name
    if re.search(r"n['\u2019]t\b|['\u2019](?:re|ve|ll)\b", title):
        return None  # a headline sentence ("Shows We Can't Wait to See"), not a name
    return TitleMention(start, start + len(stripped), title, True, True)
