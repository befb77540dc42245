"""Works listed in the sentence after a date given to all of them.

Press releases and trade stories often date a group first and name its members next:
"They've released a tease of six new dramas coming this autumn. There's the four-part
drama X, starring ...; Y, a two-part mystery ...; and the cop show Z." Each listed work
takes the group's date.
"""

from __future__ import annotations

import re

from tracker.extract.candidates.spans import POSSESSOR
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.lexicon import WORK_NOUNS

#: A group of works named by number or as a set: "six new dramas", "a slate of films".
_GROUP = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}|several|a\s+"
    r"(?:slate|trio|pair|handful|raft|batch|clutch|string)\s+of|the\s+following)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:dramas|series|shows|films|movies|comedies|titles|games|originals"
    r"|documentaries|docuseries|sitcoms|thrillers|programmes|programs|albums|books|novels"
    r"|specials|miniseries)\b",
    re.IGNORECASE,
)

_WORK_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(sorted(WORK_NOUNS | {"story", "co-production", "show"}, key=len, reverse=True))
    + r")\s+(?:of\s+)?(?:[\w'\u2019-]+['\u2019]s\s+)?$",
    re.IGNORECASE,
)
#: Words after a name that make it a person: "X headlining", "X, who stars".
_PERSON_AFTER = re.compile(
    r"\s+(?:headlining|headlines|stars|starring|plays|leads|as)\b|,\s+who\b", re.IGNORECASE
)
_ADJECTIVE = re.compile(r"^[\w.]+-(?:[a-z]+)$|^\d+(?:st|nd|rd|th)-", re.IGNORECASE)


def names_a_group(text: str, lo: int, hi: int) -> bool:
    """Tell whether ``text[lo:hi]`` speaks of several works at once.

    >>> names_a_group("They've released a tease of six new dramas coming this autumn", 0, 61)
    True
    >>> names_a_group("The drama will return this autumn", 0, 33)
    False
    """
    return _GROUP.search(text, lo, hi) is not None


def listed_works(text: str, lo: int, hi: int, titles: list[TitleMention]) -> list[TitleMention]:
    """The work each ";"-separated item of the sentence ``text[lo:hi]`` introduces.

    A sentence of fewer than three items is not a list, and gives nothing.
    """
    cuts = [lo] + [lo + m.end() for m in re.finditer(";", text[lo:hi])]
    bounds = list(zip(cuts, [*cuts[1:], hi], strict=True))
    if len(bounds) < 3:
        return []
    out: list[TitleMention] = []
    for a, b in bounds:
        inside = [t for t in titles if a <= t.start and t.end <= b and _is_work(text, t)]
        if not inside:
            continue
        named = [t for t in inside if _WORK_BEFORE.search(text, max(a, t.start - 50), t.start)]
        out.append(named[0] if named else inside[0])
    return out if len(out) >= 3 else []


def _is_work(text: str, t: TitleMention) -> bool:
    if _ADJECTIVE.match(t.title) or _PERSON_AFTER.match(text, t.end):
        return False
    if POSSESSOR.match(text, max(0, t.end - 2)):
        return False
    before = text[max(0, t.start - 2) : t.start]
    return "(" not in before
