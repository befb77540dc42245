"""Cut capitalised runs into candidate name spans, and tidy a name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.reading.lexicon import (
    COMMON_OPENERS,
    HEADLINE_VERBS,
    MONTHS,
    NON_TITLES,
    PLATFORMS,
    WEEKDAYS,
)

COMPANY_SUFFIX = re.compile(
    r"(?:Entertainment|Studios?|Pictures|Films|Games|Records|Productions|Network|Channel|Media"
    r"|Animation|Television|TV|Interactive|Publishing|Books|Press|Universe|Comics|Group|Inc\.?"
    r"|Corp\.?|Company|Networks|Devices|Electronics|Technologies|Labs|Corporation|Works|Events"
    r"|Digital|League|Association|Federation)$"
)

SMALL = (
    r"(?:of|the|a|an|in|on|to|for|at|with|from|vs\.?|de|la|le|du|my|me|your|you|or|by|as|into|up)"
)


_CUT_WORDS = frozenset({"season", "series", "premiere", "finale", "episode", "episodes", "vol."})


_TRAILING = ",;:. "


_INITIALS = re.compile(r"(?:[A-Z]\.)+$|.*\.\.\.$")


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


def is_name_word(word: str) -> bool:
    """A month or weekday, which cuts a name.

    A three-letter form written as a word ("Copper Sun", "Wed") is a word: a date that
    uses one ("Sun., Oct. 9") is a date span, which cuts the name anyway.
    """
    bare = word.lower().rstrip(".,:;")
    if len(bare) == 3 and not word.rstrip(",:;").endswith("."):
        return False
    return bare in MONTHS or bare in WEEKDAYS


#: The first words of the platform names of several words: only they start a long one.
_LONG_PLATFORM_HEADS = frozenset(k.split(" ")[0] for k in PLATFORMS if " " in k)


def _platform_at(words: list[str], i: int) -> int:
    """Return how many words from ``i`` name a platform (0 if none)."""
    low = words[i].lower()
    if low.replace("\u2019", "'") not in _LONG_PLATFORM_HEADS:  # most words: one look-up
        return int(low.rstrip(".,:;").replace("\u2019", "'").removesuffix("'s") in PLATFORMS)
    for size in (3, 2, 1):
        phrase = " ".join(words[i : i + size]).lower().rstrip(".,:;").replace("\u2019", "'")
        phrase = phrase.removesuffix("'s")
        if len(words) - i >= size and phrase in PLATFORMS:
            return size
    return 0


#: Platforms named by an ordinary English word.
_WORD_PLATFORMS = frozenset(
    {"fox", "switch", "stan", "steam", "peacock", "crave", "shudder", "lifetime", "bravo"}
)


def pieces(words: list[str], blocked: list[bool], *, headline: bool) -> list[tuple[int, int]]:
    """Cut a capitalised run at dates, months, platforms and season words; word index spans.

    In a headline every word is capitalised, so its verbs ("Lands", "Sets", "Due") end
    the name before them.
    """
    pieces: list[tuple[int, int]] = []
    lo = 0
    i = 0
    while i < len(words):
        skip = 1 if blocked[i] else _platform_at(words, i)
        if skip == 1 and i == len(words) - 1 and i > lo and bare(words[i]) in _WORD_PLATFORMS:
            skip = 0  # "The Paper Fox": a common word that ends a name is the name's
        word = words[i].lower().rstrip(".,:;")
        if headline and i > lo and word in HEADLINE_VERBS:
            skip = 1
        if not skip and (is_name_word(words[i]) or word in _CUT_WORDS):
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


#: Owners whose possessive is part of official titles ("DC's Stargirl", "Marvel's Avengers")
#: and places that are part of a name ("America's Got Talent").
_TITLE_OWNERS = frozenset({"dc", "marvel", "america", "britain", "australia", "canada"})


_GENRE_WORDS = frozenset(
    {"drama", "comedy", "sitcom", "thriller", "docuseries", "miniseries", "series", "film",
     "movie", "documentary", "procedural", "dramedy", "anthology"}
)  # fmt: skip


_GENRE_ADJECTIVES = frozenset(
    {"western", "animated", "sci-fi", "live-action", "stop-motion", "ep", "lp"}
)


def genre_cut(words: list[str]) -> int:
    """Count the words of a genre label before a title: "Legal Drama Family Law" is Family Law.

    >>> genre_cut(["Legal", "Drama", "Family", "Law"])
    2
    >>> genre_cut(["Final", "Fantasy", "VII"])
    0
    """
    if bare(words[0]) in _GENRE_ADJECTIVES and len(words) >= 3 and words[1][:1].isupper():
        return 1  # "its Western Ember Road": the genre before a name of two words or more
    for i, word in enumerate(words[:3]):
        if bare(word) in _GENRE_WORDS and i > 0 and len(words) - i - 1 >= 2:
            rest = words[i + 1]
            if rest[:1].isupper() and not re.fullmatch(r"[IVX\d]+", rest):
                return i + 1
    return 0


def owner_cut(words: list[str]) -> int:
    """Count the words of a studio or person owner: "Disney's Bolt" is Bolt.

    "Hell's Kitchen" and "Bob's Burgers" keep their one-word possessive.
    """
    for i, word in enumerate(words[:-1]):
        if word.endswith(("'s", "\u2019s", "s\u2019", "s'")):
            bare = tidy(" ".join(words[: i + 1]))
            if (
                (bare.lower() in NON_TITLES and bare.lower() not in _TITLE_OWNERS)
                or bare.lower() in PLATFORMS
                or COMPANY_SUFFIX.search(bare)
                or (i >= 1 and words[0] not in ("The", "A", "An"))
                or words[i + 1] in ("The", "A", "An")
            ):
                return i + 1
            return 0
    return 0


SMALL_WORDS = frozenset(SMALL.strip("(?:)").replace("\\.?", "").split("|")) | {"and", "&"}


#: Small words that can end a title ("All Eyez on Me", "Stand Up").
_TAIL_KEEP = frozenset({"me", "you", "up", "my", "your"})


#: A fact sheet's or an interview's labels, which stand before a name and are not part of it.
FIELD_LABELS = frozenset(
    {"Title:", "Name:", "Game:", "Film:", "Album:", "Show:", "Series:", "Q:", "A:"}
)
#: A name followed by its possessive and a lower-case noun: "James Herbert's ghost story",
#: "McGovern's drama X". The name owns or wrote the work; it is not the work.
POSSESSOR = re.compile(r"['\u2019]s\s+[a-z]")
_YEAR_POSSESSIVE = re.compile(r"(?:19|20)\d\d['\u2019]s")
_VERSION = re.compile(r"v?\d+(?:\.\d+)+")


#: Words a name may open with, and what is stripped from its front otherwise.
_KEEP_IN_FRONT = frozenset({"the", "a", "an", "my", "you", "your"})
_OPENER_FRONT = (SMALL_WORDS | COMMON_OPENERS) - _KEEP_IN_FRONT
_INNER_FRONT = SMALL_WORDS - _KEEP_IN_FRONT
_TAIL_STRIP = SMALL_WORDS - _TAIL_KEEP


def clean_span(words: list[str], lo: int, hi: int, *, opener: bool) -> tuple[int, int]:
    """Trim openers and connectors from the ends of ``words[lo:hi]``.

    Ordinary words ("Now", "Also") are dropped only where capitals say nothing: at the
    start of a sentence.
    """
    keep = _KEEP_IN_FRONT
    if hi - lo > 1 and words[lo] in ("La", "Le", "Les", "El", "Los", "Las", "De", "Du"):
        keep |= {words[lo].lower()}  # "La Brea": a foreign article opens the title
    if hi - lo > 1 and bare(words[lo]) in ("it", "it's") and words[lo + 1][:1].isupper():
        keep |= {"it", "it's"}  # "It Comes at Night": a pronoun before a capital is a title
    if keep is _KEEP_IN_FRONT:  # most spans: the sets built once
        strip_front = _OPENER_FRONT if opener else _INNER_FRONT
    else:
        strip_front = (SMALL_WORDS | COMMON_OPENERS) - keep if opener else SMALL_WORDS - keep
    while lo < hi and bare(words[lo]) in strip_front and not (hi - lo == 1 and lo > 0):
        lo += 1
    if hi - lo > 1 and words[lo] in FIELD_LABELS:
        lo += 1  # "Title: Ironbloom Frontier": a fact sheet's label
    if hi - lo > 1 and _YEAR_POSSESSIVE.fullmatch(words[lo]):
        lo += 1  # "2024's Saltwater Hymns": the year is not the name
    if hi - lo > 2 and _VERSION.fullmatch(words[lo]) and words[lo + 1] == "of":
        lo += 2  # "version 1.0 of Hollow Tide": the work is after "of"
    if hi - lo > 3 and words[lo] in ("Part", "Volume", "Vol.") and words[lo + 2] == "of":
        lo += 3  # "Part 2 of Copper Valley's fourth season": the work is after "of"
    while hi > lo and bare(words[hi - 1]) in _TAIL_STRIP:
        hi -= 1
    if hi - lo == 1 and words[lo] in ("The", "A", "An"):
        return lo, lo
    return lo, hi


def at_sentence_start(text: str, lo: int, at: int) -> bool:
    """Tell whether only punctuation stands between the sentence start and ``at``."""
    return not any(c.isalnum() for c in text[lo:at]) or text[max(lo, at - 2) : at] in (
        ": ",
        "\u2014 ",
    )


def bare(word: str) -> str:
    """Lower-case a word and strip its trailing punctuation, for lexicon look-ups."""
    return word.lower().replace("\u2019", "'").rstrip(",.:;")
