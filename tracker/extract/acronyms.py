"""Read a short form ("TWD", "PUBG") as the full title the article named before it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from tracker.extract.merge import Candidate

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
                c = replace(c, title=full)
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
