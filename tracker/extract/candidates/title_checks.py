"""Decide whether a capitalised span names a work, or a person, place, company or phrase."""

from __future__ import annotations

import re

from tracker.extract.candidates.people import not_a_work
from tracker.extract.candidates.spans import COMPANY_SUFFIX, SMALL_WORDS, TitleMention
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.lexicon import (
    COMMON_OPENERS,
    HEADLINE_VERBS,
    NON_TITLES,
    PERSON_CUES,
    PLATFORMS,
    WORK_NOUNS,
)
from tracker.extract.reading.trie import first_chars

SUBJECT_AFTER = re.compile(
    r"\s*(?:['\u2019]s?\s+)?(?:\([^)]{0,40}\)\s*)?(?:,\s+(?:a|an|the)\s[^,;]{0,90},\s*|,\s+(?:which|that|starring|featuring|about|based\s+on|adapted\s+from)\s[^;]{0,120}?,\s*)?(?:,\s*)?(?:(?:season|series|part)\s+\w+\s+)?"
    r"(?:will|is|are|has|have|returns?|premieres?|debuts?|arrives?|hits?|opens?|launch(?:es)?"
    r"|lands?|drops?|gets?|set|comes?|kicks?|begins?|starts?|bows?|airs?|streams?|moves?"
    r"|switch\w*|shift\w*|mov\w+|push\w*|delay\w*|bump\w*|premiered|debuted|returned|arrived"
    r"|launched|released|opened|landed|dropped|got|was|were|goes|heads?|finally|also"
    r"|officially|now|and|follows|both|all|each|due|planned|expected|slated|scheduled|[-\u2013\u2014:(])",
    re.IGNORECASE,
)


NOT_A_NAME = re.compile(
    r"^(?:(?:Season|Series)\s+\w+(?:\s+(?:Premiere|Finale|Debut|Return))?$|(?:Series|Season)"
    r"\s+(?:Premiere|Finale))|^(?:By|Everything|Every\s+New|The\s+Best|Best|Part\s+\w+$|Related|Photo|Credit|Watch)\b|\d:\d|\.(?:com|net|org|co\.uk)\b|^@|https?:|/|^\d+\s+(?:[A-Z]\w+\s+)?(?:Shows|Movies|Films"
    r"|Games|Books|Albums|Series|Things|Reasons|Ways|Best|Most|New|Upcoming|Biggest)\b|^\d+\s+[ap]m$",
    re.IGNORECASE,
)


_MODIFIER_AFTER = re.compile(
    r"['\u2019]?\s+(?:(?:limited|original|new|animated|anime|drama|comedy|docu|reality|tv|hit"
    r"|streaming|live-action|scripted)\s+)*(?:series|show|shows|film|films|movie|movies"
    r"|franchise|universe|fans|projects?|originals?|slate|lineup|line-up|studio|division"
    r"|executives?|exec|boss|chief|spokes\w+|official|account|channel|library)\b(?!\s+\d)"
)


_PERSON_AFTER = re.compile(
    r"\s+(?:created|co-created|directed|produced|written|penned|helmed|fronted|starring"
    r"|-led|led|stars\s+as|plays|voices|showrun|showran|showrunned|hosted|narrated|voiced"
    r"|scored|as\s+[A-Z]\w+\s+[A-Z]|directs|writes|co-writes|co-stars|produces|narrates"
    r"|(?:directs|writes|stars\s+in)\s+(?:his|her|their)\b|back\s+as|returns\s+as|as\s+host)\b"
    r"|-(?:led|starring|fronted)\b"
)


_MODIFIER_BEFORE = Caseless(
    r"(?:\b(?:a|an)|\b(?:set|filmed|shot|based|located|lives|living|born|raised|held)\s+(?:in|at)"
    r"|\bin\s+(?:the\s+)?(?:city|town|state)\s+of)\s+$",
    re.IGNORECASE,
)


#: A place ("in eastern Oregon", "near Calgary") rather than a work.
_PLACE_BEFORE = re.compile(
    first_chars("inoat")
    + r"\b(?:in|near|outside|across|around|throughout|at|off)\s+(?:[a-z][\w-]*\s+){0,2}$"
)


#: Words that open a description of a work: what is named after them is its matter or its
#: people, not a work released ("a drama about Alaskan bush pilots", "starring Nadia Ferreira").
_DESCRIPTION = Caseless(
    first_chars("aswbipvdchn")
    + r"\b(?:about|starring|stars|whose|adapted\s+from|based\s+on|set\s+in|inspired\s+by"
    r"|plays|playing|(?:voiced|directed|written|created|produced|hosted|narrated)\s+by)\b"
    r"[^,;:()\u2013\u2014]*$",
    re.IGNORECASE,
)


def described(text: str, start: int, *, subject: bool, lo: int = 0) -> bool:
    """Tell whether a name sits in a place phrase or in a description of another work.

    Only the name's own sentence, from ``lo``, is read.
    """
    if _PLACE_BEFORE.search(text, max(lo, start - 30), start):
        return True
    del subject  # a description's names stay its matter even before a verb
    return bool(_DESCRIPTION.search(text, max(lo, start - 80), start))


_SPEAKER_AFTER = re.compile(
    r",?\s+(?:says|said|reports|reported|told|tells|added|adds|notes|noted|explained"
    r"|writes|wrote|tweeted|revealed\s+to)\b"
)


_COUNTED = re.compile(
    r"\s+(?:episodes|hours|minutes|years|days|weeks|months|seasons|installments|films"
    r"|movies|percent|million|billion|times)\b"
)


#: "Lowland, a Louisiana-set crime drama from ...": an appositive that names a work.
_APPOSITIVE_WORK = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:"
    + "|".join(sorted(WORK_NOUNS, key=len, reverse=True))
    + r")\b|,?\s+(?:season|series|part)\s+(?:\d+|one|two|three|four|five)\b"
    r"|\s+\((?=[^()\n]{2,40}\))"  # "Northbound, season 3 (Prime Video) - June 25"
)


_ORDINAL_OR_TIME = re.compile(r"\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?:[:.]\d+)?")
_ENDS_IN_NUMBER = re.compile(r"\s\d{1,4}$")
_WEEKDAYS_PLURAL = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)days")
_NO_LETTERS = re.compile(r"[\d\W_]+")
_NUMBER_NAME = re.compile(r"\d{3,5}")  # "1917", "2046": a film may be a number
_EVENT_NAME = re.compile(
    r"\s(?:Match|Cup|Awards|Festival|Expo|Summit|Gala|Championships?|Tournament|Convention"
    r"|Conference)$"
)
_CHART = re.compile(r"\b(?:Billboard|Hot\s+100|Top\s+40|Official\s+Charts?)\b")
_HYPHEN_ADJECTIVE = re.compile(
    r"(?:(?:The|A|An)\s+)?[A-Z0-9][\w.]*-[a-z]+"  # "Bafta-nominated", "The 12-episode"
    r"|.+['\u2019]s\s+(?:19|20)\d\d"  # "Kestrel's 2025": a company's year
)
_CONTRACTION = re.compile(r"\w+['\u2019](?:ve|re|ll|d|m)")
_YEAR_OR_LETTER = re.compile(r"(?:19|20)\d\d|[A-Za-z]")


def title_mention(
    text: str, start: int, end: int, title: str, hi: int, *, opener: bool
) -> TitleMention | None:
    """Build a mention for an unquoted run, or None when it is not a title."""
    subject = bool(SUBJECT_AFTER.match(text, end, min(hi, end + 60)))
    if not acceptable(title, opener=opener) or COMPANY_SUFFIX.search(title):
        return None
    named = opener and _APPOSITIVE_WORK.match(text, end) is not None
    if opener and " " not in title and not subject and not named:
        return None  # a lone capitalised word opening a sentence, unless "X, a new drama"
    if _ORDINAL_OR_TIME.fullmatch(title) or NOT_A_NAME.search(title):
        return None
    if _MODIFIER_AFTER.match(text, end) or _SPEAKER_AFTER.match(text, end):
        return None
    if _COUNTED.match(text, end) and _ENDS_IN_NUMBER.search(title):
        return None  # "Supersized to 24 episodes": a number of things, not a sequel's name
    if _PERSON_AFTER.match(text, end) or _MODIFIER_BEFORE.search(text, max(0, start - 30), start):
        return None
    if not_a_work(text, start, end, title):
        return None
    return TitleMention(start, end, title, False, subject, named)


def acceptable(title: str, *, opener: bool) -> bool:
    """Tell whether a tidied name can be a title (not a platform, opener or bare number)."""
    low = title.lower()
    if low in HEADLINE_VERBS or _WEEKDAYS_PLURAL.fullmatch(low):
        return False
    if not title or low in NON_TITLES or low in PLATFORMS or low in COMMON_OPENERS:
        return False
    if low.startswith("the ") and (low[4:] in NON_TITLES or low[4:] in PLATFORMS):
        return False
    if _NO_LETTERS.fullmatch(title) and not _NUMBER_NAME.fullmatch(title):
        return False
    if _EVENT_NAME.search(title) or title == "Max":
        return False  # "All-Star Match", "the Golden Globe Awards"; "Max" is the streamer
    if _CHART.search(title):
        return False  # "the Billboard 200": a chart, not a record
    if _HYPHEN_ADJECTIVE.fullmatch(title):
        return False  # "Bafta-nominated", "English-dubbed": a modifier, not a name
    if _CONTRACTION.fullmatch(low):
        return False  # "They've", "We're": a pronoun at the start of a sentence
    if _YEAR_OR_LETTER.fullmatch(title):
        return False  # a year, or a lone letter ("X|S" of a console's name)
    single = " " not in title
    return not (single and opener and (low.endswith(("ing", "ly", "ed")) or len(title) < 3))


def looks_like_title(inner: str) -> bool:
    """Tell whether quoted words read as a title (mostly capitalised, short) and not a quote."""
    words = inner.split()
    if not words or len(words) > 10 or not (inner[0].isupper() or inner[0].isdigit()):
        return False
    if re.search(r"[.!?,]\s+\S", inner) and len(words) > 4:
        return False
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    upper = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return upper >= 0.6 * max(1, len(content))


_LOWER_WORD = re.compile(r"[a-z][a-z.\-']*")
_SPEECH = frozenset({"said", "says", "told", "added", "explained", "according"})


def person_before(text: str, start: int, lo: int, *, subject: bool) -> bool:
    """Tell whether a word before ``start`` introduces a person ("starring X", "said X").

    After a verb of speech, a name followed by its own verb opens reported speech: "said
    Velvet Storm will launch" names a work.
    """
    before = text[max(lo, start - 40) : start].lower().replace("\u2019", "'")
    words = _LOWER_WORD.findall(before)[-3:]
    if words and (words[-1] in WORK_NOUNS or (subject and _SPEECH.intersection(words))):
        return False  # "said the comedy Pocket Change will arrive": a work
    parts = [p for w in words for p in (w, *w.split("-"))]
    return any(w.rstrip(".") in PERSON_CUES or w in PERSON_CUES for w in parts)
