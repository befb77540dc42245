"""Case-blind patterns run as case-sensitive ones over the text lower-cased once.

Python's regex engine compares every character of a case-blind (``re.IGNORECASE``) pattern
through the Unicode case tables, which made the extractor's case-blind patterns cost about as
much as all its other patterns together. The same pattern compiled without the flag, run over
the lower-cased text, finds the same matches two to five times faster.

That holds when:

* the pattern is closed under lower-casing: each literal and each character set holds the
  lower case of every character it holds (``[A-Za-z]`` is, ``[A-Z]`` and ``DLC`` are not), which
  :class:`Caseless` checks when it is built, so a pattern that breaks the rule fails at import;
* lower-casing keeps the text's length, so offsets agree; for the few texts where it does not
  (a dotted capital I becomes two characters), the case-blind pattern runs on the text itself.

Matches are over the lower-cased text: ``group()`` returns lower-cased words. Callers that need
the text's own letters read ``text[m.start():m.end()]``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["Caseless", "lowered", "remember"]

#: The article being read, and its lower-cased text: every pattern that reads the article asks
#: for it, so it is kept by identity, not hashed into the cache below. ``remember`` sets it; a
#: thread reading another article meanwhile only makes the look-up fall through to the cache.
_ARTICLE: tuple[str, str] = ("", "")
#: Lower-cased sentences and clauses by text: several rules read each one.
_SHORT: dict[str, str] = {}
_SHORT_KEPT = 256
#: What is kept for a text whose length lower-casing changes (compared by identity).
_UNFIT = "\x00unfit"
_END = sys.maxsize


def remember(text: str) -> None:
    """Lower-case the article about to be read, once."""
    global _ARTICLE
    low = text.lower()
    _ARTICLE = (text, low if len(low) == len(text) else _UNFIT)


def lowered(text: str) -> str | None:
    """``text`` lower-cased, or None when lower-casing changes its length."""
    low = _lowered_or_unfit(text)
    return None if low is _UNFIT else low


def _lowered_or_unfit(text: str) -> str:
    # one read of the shared pair: another thread may replace it between two reads
    article, low = _ARTICLE
    if text is article:
        return low
    return _SHORT.get(text) or _lower(text)


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        low = _UNFIT
    if len(_SHORT) >= _SHORT_KEPT:
        _SHORT.clear()  # bounded; the article itself is never here
    _SHORT[text] = low
    return low


class Caseless:
    """A case-blind pattern with the methods of ``re.Pattern`` the extractor uses."""

    __slots__ = ("_blind", "_flags", "folded", "pattern")

    def __init__(self, pattern: re.Pattern[str] | str, flags: int = 0) -> None:
        """Compile ``pattern`` for lower-cased text; the case-blind original when first needed.

        Raises:
            ValueError: when a literal or a character set is not closed under lower-casing.
        """
        if isinstance(pattern, re.Pattern):
            source, flags = pattern.pattern, pattern.flags
        else:
            source = pattern
        self.pattern = source
        self._flags = flags
        self._blind: re.Pattern[str] | None = None
        self.folded = re.compile(source, flags & ~re.IGNORECASE)
        _check_closed(_parser.parse(source, flags & ~re.IGNORECASE), source)

    @property
    def blind(self) -> re.Pattern[str]:
        """The case-blind pattern itself: only the rare text lower-casing lengthens needs it.

        Compiled on first use, so that loading the extractor compiles each pattern once.
        """
        if self._blind is None:
            self._blind = re.compile(self.pattern, self._flags | re.IGNORECASE)
        return self._blind

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        """The pattern to run and the text to run it on: the lowered twin where it can."""
        article, low = _ARTICLE  # the article itself, the common case: read here, not looked up
        if text is article and low is not _UNFIT:
            return self.folded, low
        low = _lowered_or_unfit(text)
        return (self.blind, text) if low is _UNFIT else (self.folded, low)

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """Like ``re.Pattern.search``, over the lower-cased text."""
        pattern, subject = self._pick(text)
        return pattern.search(subject, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """Like ``re.Pattern.match``, over the lower-cased text."""
        pattern, subject = self._pick(text)
        return pattern.match(subject, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """Like ``re.Pattern.fullmatch``, over the lower-cased text."""
        pattern, subject = self._pick(text)
        return pattern.fullmatch(subject, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        """Like ``re.Pattern.finditer``, over the lower-cased text."""
        pattern, subject = self._pick(text)
        return pattern.finditer(subject, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = _END) -> list[str]:
        """Like ``re.Pattern.findall``; what it returns is lower-cased."""
        pattern, subject = self._pick(text)
        return pattern.findall(subject, pos, endpos)


#: Set members wider than this are not walked (none of ours is): such a set is refused.
_WIDEST_RANGE = 4096


def _check_closed(parsed: object, source: str) -> None:
    """Raise ValueError unless every literal and set of ``parsed`` holds its own lower case."""
    for op, av in parsed:  # type: ignore[attr-defined]
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            _require(chr(av), {chr(av)}, source)
        elif name == "IN":
            _check_set(av, source)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _check_closed(av[2], source)
        elif name == "SUBPATTERN":
            if (av[1] | av[2]) & re.IGNORECASE:  # "(?-i:The)" reads case: lowered text loses it
                raise ValueError(f"an inline case flag in {source!r}")
            _check_closed(av[3], source)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _check_closed(av[1], source)
        elif name == "ATOMIC_GROUP":
            _check_closed(av, source)
        elif name == "BRANCH":
            for branch in av[1]:
                _check_closed(branch, source)
        elif name == "GROUPREF_EXISTS":
            _check_closed(av[1], source)
            if av[2] is not None:
                _check_closed(av[2], source)


def _check_set(items: list[tuple[Any, Any]], source: str) -> None:
    members: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            members.add(chr(av))
        elif name == "RANGE":
            low, high = av
            if high - low > _WIDEST_RANGE:
                raise ValueError(f"a character range too wide to check in {source!r}")
            members.update(map(chr, range(low, high + 1)))
    for ch in members:
        _require(ch, members, source)


def _require(ch: str, members: set[str], source: str) -> None:
    low = ch.lower()
    if len(low) == 1 and low not in members:
        raise ValueError(f"{ch!r} is not lower-case in {source!r}: it cannot match lowered text")
