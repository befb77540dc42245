"""Find the names of works in a sentence: quoted titles and capitalised runs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.lexicon import (
    COMMON_OPENERS,
    HEADLINE_VERBS,
    MONTHS,
    NON_TITLES,
    PERSON_CUES,
    PLATFORMS,
    WEEKDAYS,
)

_QUOTED = re.compile(
    r"\u201c([^\u201c\u201d\n]{1,100}?)\u201d|\"([^\"\n]{1,100}?)\""
    r"|(?<![A-Za-z])\u2018((?:[^\u2018\u2019\n]|\u2019(?=[A-Za-z]))+?)\u2019(?![A-Za-z])"
)
_CAP = r"(?:(?:[ie](?=[A-Z]))?[A-Z0-9][\w'\u2019.!?&+:\-]*+|&)"
_SMALL = (
    r"(?:of|the|a|an|in|on|to|for|at|with|from|vs\.?|de|la|le|du|my|me|your|you|or|by|as|into|up)"
)
_RUN = re.compile(rf"{_CAP}(?:(?:\s+(?:{_SMALL}\s+)*+|\s+and\s+the\s+(?:{_SMALL}\s+)*+){_CAP})*+")
_CUT_WORDS = frozenset({"season", "series", "premiere", "finale", "episode", "episodes", "vol."})
_COMPANY_SUFFIX = re.compile(
    r"(?:Entertainment|Studios?|Pictures|Films|Games|Records|Productions|Network|Channel|Media"
    r"|Animation|Television|TV|Interactive|Publishing|Books|Press|Universe|Comics|Group|Inc\.?"
    r"|Corp\.?|Company|Networks)$"
)
_SUBJECT_AFTER = re.compile(
    r"\s*(?:['\u2019]s?\s+)?(?:\([^)]{0,40}\)\s*)?(?:,\s+(?:a|an|the)\s[^,;]{0,90},\s*)?(?:,\s*)?(?:(?:season|series|part)\s+\w+\s+)?"
    r"(?:will|is|are|has|have|returns?|premieres?|debuts?|arrives?|hits?|opens?|launch(?:es)?"
    r"|lands?|drops?|gets?|set|comes?|kicks?|begins?|starts?|bows?|airs?|streams?|moves?"
    r"|switch\w*|shift\w*|mov\w+|push\w*|delay\w*|bump\w*|premiered|debuted|returned|arrived"
    r"|launched|released|opened|landed|dropped|got|was|were|goes|heads?|finally|also"
    r"|officially|now|and|follows|[-\u2013\u2014:(])",
    re.IGNORECASE,
)
_TRAILING = ",;:. "
NOT_A_NAME = re.compile(
    r"^(?:By|Everything|Every\s+New|The\s+Best|Best|Part\s+\w+$|Related|Photo|Credit|Watch)\b|\d:\d|\.(?:com|net|org|co\.uk)\b|^@|https?:|/|^\d+\s+(?:[A-Z]\w+\s+)?(?:Shows|Movies|Films"
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
    r"|-led|led|stars\s+as|plays|voices|as\s+[A-Z]\w+\s+[A-Z])\b|-(?:led|starring|fronted)\b"
)
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:a|an)|\b(?:set|filmed|shot|based|located|lives|living|born|raised|held)\s+(?:in|at)"
    r"|\bin\s+(?:the\s+)?(?:city|town|state)\s+of)\s+$",
    re.IGNORECASE,
)
_SPEAKER_AFTER = re.compile(
    r",?\s+(?:says|said|reports|reported|told|tells|added|adds|notes|noted|explained"
    r"|writes|wrote|tweeted|revealed\s+to)\b"
)
_INITIALS = re.compile(r"(?:[A-Z]\.)+$|.*\.\.\.$")


#: Clock times ("at 9/8c", "10 p.m. ET"), which cut a capitalised run like dates do.
_TIME = re.compile(
    r"\b(?:at\s+)?\d{1,2}(?:[:.]\d\d)?(?:\s*[/-]\s*\d{1,2}(?:[:.]\d\d)?)?\s*"
    r"(?:[ap]\.?m\b\.?|c\b|[ECMP][SD]?T\b)|\bat\s+\d{1,2}(?:[:.]\d\d)?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TitleMention:
    """A candidate work name.

    Attributes:
        start: Offset in the text.
        end: End offset in the text.
        title: The tidied title.
        quoted: Whether the text put it in quotes.
        subject: Whether a verb or release word follows it, as for a sentence subject.
        named: Whether a work noun introduces it ("their new album, Pink Elephant").
    """

    start: int
    end: int
    title: str
    quoted: bool
    subject: bool
    named: bool = False


def tidy(title: str) -> str:
    """Strip a possessive and stray punctuation from a title.

    >>> tidy("Orange Is the New Black's")
    'Orange Is the New Black'
    >>> tidy("Chicago P.D.")
    'Chicago P.D.'
    >>> tidy("What If...")
    'What If...'
    """
    title = " ".join(title.split()).strip("\u2018\u2019\u201c\u201d\"'")
    if not _INITIALS.match(title.split(" ")[-1] if title else ""):
        title = title.rstrip(_TRAILING)
    for suffix in ("'s", "\u2019s"):
        if title.endswith(suffix) and len(title) > len(suffix) + 1:
            title = title[: -len(suffix)]
    if title.endswith(("s'", "s\u2019")) and len(title) > 3:
        title = title[:-1]
    return title.strip()


def _is_name_word(word: str) -> bool:
    bare = word.lower().rstrip(".,:;")
    return bare in MONTHS or bare in WEEKDAYS


def _platform_at(words: list[str], i: int) -> int:
    """Return how many words from ``i`` name a platform (0 if none)."""
    for size in (3, 2, 1):
        phrase = " ".join(words[i : i + size]).lower().rstrip(".,:;")
        if len(words) - i >= size and phrase in PLATFORMS:
            return size
    return 0


def _pieces(words: list[str], blocked: list[bool]) -> list[tuple[int, int]]:
    """Cut a capitalised run at dates, months, platforms and season words; word index spans."""
    pieces: list[tuple[int, int]] = []
    lo = 0
    i = 0
    while i < len(words):
        skip = 1 if blocked[i] else _platform_at(words, i)
        word = words[i].lower().rstrip(".,:;")
        if not skip and (_is_name_word(words[i]) or word in _CUT_WORDS):
            skip = 1
            if i + 1 < len(words) and word in _CUT_WORDS and len(words[i + 1]) <= 6:
                skip = 2
        if skip:
            if i > lo:
                pieces.append((lo, i))
            i += skip
            lo = i
        else:
            i += 1
    if lo < len(words):
        pieces.append((lo, len(words)))
    return pieces


def _owner_cut(words: list[str]) -> int:
    """Count the words of a studio or person owner: "Disney's Bolt" is Bolt.

    "Hell's Kitchen" and "Bob's Burgers" keep their one-word possessive.
    """
    for i, word in enumerate(words[:-1]):
        if word.endswith(("'s", "\u2019s", "s\u2019", "s'")):
            bare = tidy(" ".join(words[: i + 1]))
            if (
                bare.lower() in NON_TITLES
                or bare.lower() in PLATFORMS
                or _COMPANY_SUFFIX.search(bare)
                or (i >= 1 and words[0] not in ("The", "A", "An"))
                or words[i + 1] in ("The", "A", "An")
            ):
                return i + 1
            return 0
    return 0


_SMALL_WORDS = frozenset(_SMALL.strip("(?:)").replace("\\.?", "").split("|")) | {"and", "&"}


#: Small words that can end a title ("All Eyez on Me", "Stand Up").
_TAIL_KEEP = frozenset({"me", "you", "up", "my", "your"})
_PART_BEFORE = re.compile(r"\b(?:season|series|part|episode|volume|chapter|book)\s+$", re.I)


def _clean_span(words: list[str], lo: int, hi: int, *, opener: bool) -> tuple[int, int]:
    """Trim openers and connectors from the ends of ``words[lo:hi]``.

    Ordinary words ("Now", "Also") are dropped only where capitals say nothing: at the
    start of a sentence.
    """
    keep = {"the", "a", "an", "my", "you", "your"}
    if hi - lo > 1 and words[lo] in ("La", "Le", "Les", "El", "Los", "Las", "De", "Du"):
        keep |= {words[lo].lower()}  # "La Brea": a foreign article opens the title
    if hi - lo > 1 and _bare(words[lo]) in ("it", "it's") and words[lo + 1][:1].isupper():
        keep |= {"it", "it's"}  # "It Comes at Night": a pronoun before a capital is a title
    strip_front = (_SMALL_WORDS | COMMON_OPENERS) - keep if opener else _SMALL_WORDS - keep
    while lo < hi and _bare(words[lo]) in strip_front and not (hi - lo == 1 and lo > 0):
        lo += 1
    while hi > lo and _bare(words[hi - 1]) in _SMALL_WORDS - _TAIL_KEEP:
        hi -= 1
    if hi - lo == 1 and words[lo] in ("The", "A", "An"):
        return lo, lo
    return lo, hi


def _at_sentence_start(text: str, lo: int, at: int) -> bool:
    """Tell whether only punctuation stands between the sentence start and ``at``."""
    return not any(c.isalnum() for c in text[lo:at]) or text[max(lo, at - 2) : at] in (
        ": ",
        "\u2014 ",
    )


def _bare(word: str) -> str:
    return word.lower().replace("\u2019", "'").rstrip(",.:;")


def _title_mention(
    text: str, start: int, end: int, title: str, hi: int, *, opener: bool
) -> TitleMention | None:
    """Build a mention for an unquoted run, or None when it is not a title."""
    subject = bool(_SUBJECT_AFTER.match(text, end, min(hi, end + 60)))
    if not acceptable(title, opener=opener) or _COMPANY_SUFFIX.search(title):
        return None
    if opener and " " not in title and not subject:
        return None
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?:[:.]\d+)?", title) or NOT_A_NAME.search(
        title
    ):
        return None
    if _MODIFIER_AFTER.match(text, end) or _SPEAKER_AFTER.match(text, end):
        return None
    if _PERSON_AFTER.match(text, end) or _MODIFIER_BEFORE.search(text, max(0, start - 30), start):
        return None
    return TitleMention(start, end, title, False, subject)


def acceptable(title: str, *, opener: bool) -> bool:
    """Tell whether a tidied name can be a title (not a platform, opener or bare number)."""
    low = title.lower()
    if low in HEADLINE_VERBS or re.fullmatch(r"(?:mon|tues|wednes|thurs|fri|satur|sun)days", low):
        return False
    if not title or low in NON_TITLES or low in PLATFORMS or low in COMMON_OPENERS:
        return False
    if low.startswith("the ") and low[4:] in NON_TITLES | PLATFORMS.keys():
        return False
    if re.fullmatch(r"[\d\W_]+", title) and not re.fullmatch(r"\d{3,5}", title):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", title):
        return False
    single = " " not in title
    return not (single and opener and (low.endswith(("ing", "ly", "ed")) or len(title) < 3))


def _looks_like_title(inner: str) -> bool:
    words = inner.split()
    if not words or len(words) > 10 or not (inner[0].isupper() or inner[0].isdigit()):
        return False
    if re.search(r"[.!?,]\s+\S", inner) and len(words) > 4:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    upper = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return upper >= 0.6 * max(1, len(content))


def _person_before(text: str, start: int, lo: int) -> bool:
    before = text[max(lo, start - 40) : start].lower().replace("\u2019", "'")
    words = re.findall(r"[a-z][a-z.\-']*", before)[-3:]
    parts = [p for w in words for p in (w, *w.split("-"))]
    return any(w.rstrip(".") in PERSON_CUES or w in PERSON_CUES for w in parts)


def find_titles(
    text: str, lo: int, hi: int, exclude: tuple[tuple[int, int], ...] = ()
) -> list[TitleMention]:
    """Find candidate titles inside ``text[lo:hi]``, in order of position.

    Args:
        text: The whole text.
        lo: Start of the sentence.
        hi: End of the sentence.
        exclude: Spans (dates) that cut a capitalised run: "Summer 2021: The Orchard".
    """
    found: list[TitleMention] = []
    quoted_spans: list[tuple[int, int]] = []
    for q in _QUOTED.finditer(text, lo, hi):
        group = next(g for g in (1, 2, 3) if q.group(g) is not None)
        inner = q.group(group)
        if _looks_like_title(inner.strip()):
            s, e = q.start(group), q.end(group)
            title = tidy(inner)
            tail = text[q.end() : q.end() + 3]
            if tail.startswith(("'s", "\u2019s")):
                e = e  # the possessive sits outside the quotes; the title is unchanged
            if title and title.lower() not in NON_TITLES:
                subject = bool(_SUBJECT_AFTER.match(text, q.end(), min(hi, q.end() + 60)))
                found.append(TitleMention(s, e, title, True, subject))
        quoted_spans.append((q.start(), q.end()))
    person_chain_end = -1
    exclude = (*exclude, *(t.span() for t in _TIME.finditer(text, lo, hi)))
    for r in _RUN.finditer(text, lo, hi):
        if any(qs <= r.start() < qe for qs, qe in quoted_spans):
            continue
        spans = [(w.start(), w.end()) for w in re.finditer(r"\S+", text[r.start() : r.end()])]
        words = [text[r.start() + a : r.start() + b] for a, b in spans]
        blocked = [
            any(r.start() + a < e_end and e_start < r.start() + b for e_start, e_end in exclude)
            for a, b in spans
        ]
        for a, b in _pieces(words, blocked):
            opener = a == 0 and _at_sentence_start(text, lo, r.start())
            a += _owner_cut(words[a:b])
            a, b = _clean_span(words, a, b, opener=opener)
            at = r.start() + spans[min(a, len(spans) - 1)][0]
            if (
                b - a > 2
                and words[a + 1] == "of"
                and words[a].isdigit()
                and _PART_BEFORE.search(text, max(lo, at - 10), at)
            ):
                a += 2  # "season 28 of The Simpsons": the work is The Simpsons
            if a >= b:
                continue
            start, end = r.start() + spans[a][0], r.start() + spans[b - 1][1]
            title = tidy(text[start:end])
            mention = _title_mention(text, start, end, title, hi, opener=opener)
            if mention is None:
                continue
            if _bare(words[a]) in PERSON_CUES or (
                not title.startswith(("The ", "A "))
                and (
                    _person_before(text, start, lo)
                    or (
                        person_chain_end >= 0
                        and re.fullmatch(r"[\s,]*(?:and|&)?\s*", text[person_chain_end:start])
                    )
                )
            ):
                person_chain_end = end
                continue
            person_chain_end = -1
            found.append(mention)
    found.sort(key=lambda t: t.start)
    return [_introduced(text, t, lo) for t in found]


_WORK_NOUN_BEFORE = re.compile(
    r"\b(?:album|EP|LP|single|record|mixtape|film|movie|novel|book|memoir|game|sequel|series"
    r"|show|documentary|special|title|called|titled|dubbed|named|release\s+of|premiere\s+of"
    r"|debut\s+of|launch\s+of|arrival\s+of|return\s+of)[,:]?\s+[\"\u201c]?$"
)


_WORK_NOUN_APPOSITION = re.compile(
    r"\b(?:album|EP|LP|mixtape|film|movie|novel|book|memoir|game|sequel|documentary)\b"
    r"[^.;,\n]{0,60},\s*[\"\u201c]?$"
)


def _introduced(text: str, t: TitleMention, lo: int) -> TitleMention:
    """Mark a title that a work noun names ("the new EP, Nickel On The Fountain Floor")."""
    if _WORK_NOUN_BEFORE.search(
        text, max(lo, t.start - 30), t.start
    ) or _WORK_NOUN_APPOSITION.search(text, max(lo, t.start - 90), t.start):
        return TitleMention(t.start, t.end, t.title, t.quoted, t.subject, True)
    return t
