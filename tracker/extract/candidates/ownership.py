"""Which name in a sentence owns its date, and which names only stand near it."""

from __future__ import annotations

import re

from tracker.extract.candidates.keep import clause
from tracker.extract.candidates.pairing import find_anaphor, score
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.segment import Sentence

#: A leading subordinate clause, whose names are not the subject of the main clause.
LEADING_ASIDE = re.compile(
    r"(?:Whether|If|Although|Though|Like|Unlike|As\s+with)\b[^,;:\"\u201c]{0,150},"
)


#: "Imogen Rask's first novel", "Ashgrove has set it for": a name that is not the work dated.
_SCHEDULES_IT = (
    r"\s+(?:has\s+|have\s+)?(?:set|dated|slated|scheduled|moved|pushed|booked)\s+(?:it|them)\b"
)
_OWNER_OF = re.compile(
    r"(?:['\u2019]s|(?<=s)['\u2019])\s+(?!(?:[\w-]+\s+){0,2}(?:season|seasons|series|part|finale"
    r"|premiere|return|debut|run|installment|chapter|volume)\b)[a-z]|" + _SCHEDULES_IT
)
_SCHEDULES = re.compile(_SCHEDULES_IT)
#: "This Friday, it opens in theaters, including the Rialto": the work is the pronoun's.
PRONOUN_SUBJECT = re.compile(
    r"\s*,?\s*(?:it|they|the\s+(?:film|movie|series|show|album|book|game|season))\s+"
    r"(?:will\s+)?[a-z]+",
    re.IGNORECASE,
)


#: A new work of the named one's, unnamed, that is the subject of the date.
SEQUEL_BETWEEN = Caseless(
    r"\b(?:its|their|the|a)\s+(?:[\w-]+\s+){0,2}?(?:sequel|follow-up|prequel|spinoff|spin-off"
    r"|successor)\s+(?:will|is|to|has|set|slated|arrives|opens|launches)\b",
    re.IGNORECASE,
)


#: A company's name set beside the noun for it: "its audio imprint, Harrow Audio", "the
#: distributor, Briarcliff": the name is the company's, not a work's.
_COMPANY_BEFORE = re.compile(
    r"\b(?:imprint|label|publisher|studio|distributor|broadcaster|developer|division"
    r"|subsidiary|production\s+company|streamer),?\s+$",
    re.IGNORECASE,
)


def is_company_apposition(text: str, t: TitleMention) -> bool:
    """Tell whether a name stands beside a company noun before it ("imprint, Harrow Audio")."""
    return not t.quoted and _COMPANY_BEFORE.search(text, max(0, t.start - 30), t.start) is not None


def names_the_owner(text: str, t: TitleMention) -> bool:
    """Tell whether a name stands for whoever owns or schedules the work, not for the work."""
    if t.quoted:
        return _SCHEDULES.match(text, t.end + 1) is not None
    at = t.end - 2 if text[t.end - 2 : t.end] in ("'s", "\u2019s") else t.end
    return _OWNER_OF.match(text, at) is not None


#: A clause whose subject is a new, unnamed work ("Movie Opens ...", "a sequel is due ...").
_ANOTHER_WORK = re.compile(
    r"\W*(?:(?:a|an|new|its)\s+)?(?:new\s+)?(?:movie|film|sequel|prequel|spinoff|spin-off|game"
    r"|album|special|documentary|novel)\s+(?:is\s+|will\s+)?[a-z]*\b",
    re.IGNORECASE,
)


def fallback_owner(
    text: str, s: Sentence, titles: list[TitleMention], m: DateMention, group: list[TitleMention]
) -> TitleMention | None:
    """When a date's own stretch names no work: an earlier title it refers back to, or None."""
    lo, _hi = clause(text, s, m.start)
    before = [t for t in titles if t.end <= m.start]
    if group and group[0].end <= m.start:
        return None
    anaphor = find_anaphor(text, lo, m.start)
    if anaphor is not None:
        earlier = [t for t in titles if t.end <= anaphor]
        return earlier[-1] if earlier else None
    if group or _ANOTHER_WORK.match(text, lo):
        return None  # "...; Movie Opens in Japan April 24": an unnamed other work's date
    if before:
        return max(before, key=lambda t: score(t, m.start))
    return None
