"""Read a short form ("TWD", "PUBG", "Solo") as the full title the article spells out."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.extract.candidates.candidate import Candidate, evolve

_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_SKIPPABLE = frozenset({"of", "the", "a", "an", "and", "&", "in", "on", "to", "for"})


@lru_cache(maxsize=4096)
def expands(short: str, title: str) -> bool:
    """Tell whether ``short`` is made of the initials of ``title`` (in order, all its words).

    Each long word gives its first letter and maybe letters after it; small words may be
    left out.

    >>> expands("TWD", "The Walking Dead")
    True
    >>> expands("PUBG", "PlayerUnknown's Battlegrounds")
    True
    >>> expands("NFL", "New Girl")
    False
    """
    words = [w for w in re.split(r"[\s:\-]+", title.lower()) if w]
    if len(words) < 2:
        return False
    return _match(short.lower(), tuple(words))


def _match(letters: str, words: tuple[str, ...]) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in _SKIPPABLE and _match(letters, rest):
        return True
    if not letters or letters[0] != word[0]:
        return False
    # the word gives its first letter and then any letters found later in it, in order
    taken, at = 1, 1
    options = [(taken, at)]
    while taken < len(letters):
        found = word.find(letters[taken], at)
        if found < 0:
            break
        taken, at = taken + 1, found + 1
        options.append((taken, at))
    return any(_match(letters[n:], rest) for n, _ in reversed(options))


def expand_acronyms(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Give a candidate named by a short form the full title that the text spells out."""
    out: list[Candidate] = []
    for c in candidates:
        if _ACRONYM.fullmatch(c.title):
            full = _full_title(text, c.title, c.start)
            if full is not None:
                c = evolve(c, title=full)
        out.append(c)
    return out


_NAME = r"[A-Z][\w'\u2019]*"
_RUN = re.compile(rf"{_NAME}(?:\s+(?:(?:of|the|a|an|and|&|in|on|to|for)\s+)*{_NAME})+")


def _full_title(text: str, short: str, before: int) -> str | None:
    """The last capitalised stretch before ``before`` that ``short`` abbreviates."""
    best: str | None = None
    for found in _RUN.finditer(text, max(0, before - 20000), before):
        words = found.group().split()
        for lo in range(len(words)):
            if not words[lo].startswith(short[0]):
                continue
            for hi in range(len(words), lo + 1, -1):
                name = " ".join(words[lo:hi])
                if expands(short, name):
                    best = name
                    break
    return best


_LONG_TAIL = re.compile(
    rf"(?::[ \t]+|[ \t]+(?:and|And)[ \t]+(?:the|The)[ \t]+){_NAME}(?:[ \t]+(?:(?:of|the|a|an|and|&"
    rf"|in|on|to|for|The|Of|And)[ \t]+)*{_NAME})*"
)


#: What follows a colon without being a subtitle: a date, a season, a label.
_NOT_SUBTITLE = re.compile(
    r"[:\s]+(?:(?:and|And)\s+(?:the|The)\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Season|Series|Part|Episode|Volume|Vol|Chapter|Book|The\s+Series"
    r"|Release|Premiere|Trailer|Review|Cast|Everything|What|How|Why|When|Who|Here)\b"
)


def expand_short_titles(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Give a candidate named by the head of a longer title the whole title.

    "Solo" after "Solo: A Star Wars Story", "Ori" under the heading "Ori and the Will of
    the Wisps": the article spelled the title out once and then shortened it. A head that
    the text continues in more than one way is left as it is, and so is one whose long
    form another sentence dates on its own (an expansion "Velvet Storm: Undertow").

    >>> _long_form("Solo: A Star Wars Story opens. Solo is out May 25.", "Solo")
    'Solo: A Star Wars Story'
    >>> _long_form("The Crown: Nov. 9", "The Crown") is None
    True
    """
    out: list[Candidate] = []
    known: dict[str, str | None] = {}
    said: dict[str, set[int]] = {}  # where each title is dated: its sentences' starts
    for c in candidates:
        said.setdefault(c.title, set()).add(c.start)
    for c in candidates:
        if len(c.title) < 40 and ":" not in c.title:
            if c.title not in known:
                known[c.title] = _long_form(text, c.title)
            full = known[c.title]
            starts = said.get(full or "", set())
            elsewhere = len(starts) > 1 or (bool(starts) and c.start not in starts)
            if full is not None and not elsewhere:  # "X: Undertow" dated apart is its own work
                c = evolve(c, title=full)
        out.append(c)
    return out


_DISTINCT_BEFORE = re.compile(
    r"\b(?:spinoff|spin-off|sequel|prequel|follow-up|offshoot|companion\s+series|reboot|remake)"
    r"\s*,?\s+(?:series\s+|film\s+|movie\s+)?[\"\u201c\u2018']?$",
    re.IGNORECASE,
)
_DISTINCT_AFTER = re.compile(
    r"[\"\u201d\u2019']?,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:spinoff|spin-off|sequel|prequel"
    r"|follow-up|offshoot|companion\s+series|reboot|remake)\b",
    re.IGNORECASE,
)
_WORD_CHAR = re.compile(r"[\w'\u2019]")


def _long_form(text: str, head: str) -> str | None:
    """The one longer title that ``head`` opens in ``text``, if there is exactly one."""
    forms: set[str] = set()
    limit = min(len(text), 20000)
    at = text.find(head, 0, limit)
    while at >= 0:
        start, end = at, at + len(head)
        at = text.find(head, end, limit)  # a plain literal: no pattern to compile per name
        if start and _WORD_CHAR.match(text, start - 1):
            continue  # inside a longer word
        tail = _LONG_TAIL.match(text, end)
        if tail is None or _NOT_SUBTITLE.match(tail.group()):
            continue
        if _DISTINCT_BEFORE.search(text, max(0, start - 40), start) or (
            _DISTINCT_AFTER.match(text, tail.end())
        ):
            return None  # "the spinoff Dead Acre: Lowcountry" is a work of its own
        whole_line = text[tail.end() : tail.end() + 1] in ("", "\n")
        if tail.group()[0] == ":" or whole_line or " And The " in tail.group():
            forms.add(head + tail.group())
        if len(forms) > 1:
            return None
    return forms.pop() if forms else None
