"""Title identity: when two ways of writing a title name the same work.

A title's *key* is its normalised form: case, accents, punctuation, "&", a leading "The" and
curly quotes do not count ("Marvel's Iron Fist" and "MARVEL\u2019S IRON FIST" share a key). Beyond
keys, two rules join titles: a leading brand possessive ("Marvel's Iron Fist" → "Iron Fist",
when at least two words remain, so "Grey's Anatomy" stays whole), and near-duplicates
("Stranger Thngs") under a similarity threshold, never across different numbers ("Toy Story 3"
vs "Toy Story 4") and never for very short titles.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

FUZZY_THRESHOLD = 92.0
"""Minimum rapidfuzz ratio (0-100) for two keys to name one work."""
FUZZY_MIN_LENGTH = 8
"""Keys shorter than this are matched exactly only: "Loki" and "Loko" are two works."""

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_NUMBER = re.compile(r"\b(?:\d+|[ivx]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_LEADING_POSSESSIVE = re.compile(r"^[\w.-]+(?:\s[\w.-]+)?'s\s+")


def title_key(title: str) -> str:
    """The normalised form of a title: its identity.

    >>> title_key("Marvel\u2019s Iron Fist")
    "marvel's iron fist"
    >>> title_key("The Lord of the Rings: The Rings of Power")
    'lord of the rings the rings of power'
    """
    text = unicodedata.normalize("NFKD", title.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"[^\w\s']+", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!s\b)", " ", text)  # keep only possessive apostrophes
    text = re.sub(r"\s+", " ", text).strip()
    return text.removeprefix("the ").strip()


def base_key(key: str) -> str:
    """The key without a leading brand possessive, when at least two words remain.

    >>> base_key("marvel's iron fist"), base_key("grey's anatomy")
    ('iron fist', "grey's anatomy")
    >>> base_key("tom clancy's jack ryan")
    'jack ryan'
    """
    rest = _LEADING_POSSESSIVE.sub("", key, count=1)
    return rest if rest != key and len(rest.split()) >= 2 else key


def _numbers(key: str) -> list[str]:
    return _NUMBER.findall(key)


def similar(a: str, b: str) -> bool:
    """True when two keys are near-duplicates of one title.

    >>> similar("stranger things", "stranger thngs"), similar("toy story 3", "toy story 4")
    (True, False)
    >>> similar("daredevil", "daredevil born again")
    False
    """
    if a == b:
        return True
    if min(len(a), len(b)) < FUZZY_MIN_LENGTH or _numbers(a) != _numbers(b):
        return False
    return fuzz.ratio(a, b) >= FUZZY_THRESHOLD


class TitleIndex:
    """Finds the work a title names among known keys (work keys and alias keys).

    Exact and base-key matches come first; near-duplicates only when exactly one known work is
    that close, so an ambiguous title starts a new work rather than joining the wrong one.
    Safe to share between threads.
    """

    def __init__(self, entries: Iterable[tuple[str, int]] = ()) -> None:
        """Index (key, work id) pairs."""
        self._by_key: dict[str, int] = {}
        self._keys: list[str] | None = None
        self._lock = threading.Lock()
        for key, work_id in entries:
            self.add(key, work_id)

    def add(self, key: str, work_id: int) -> None:
        """Remember that `key` names `work_id`."""
        with self._lock:
            if key not in self._by_key:
                self._by_key[key] = work_id
                self._keys = None

    def knows(self, key: str) -> bool:
        """True when `key` itself is indexed."""
        return key in self._by_key

    def find(self, title: str) -> int | None:
        """The work id that `title` names, or None for a new work."""
        key = title_key(title)
        for candidate in (key, base_key(key)):
            found = self._by_key.get(candidate)
            if found is not None:
                return found
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        with self._lock:
            if self._keys is None:
                self._keys = list(self._by_key)
            keys = self._keys
        close = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=5)
        works = {self._by_key[found] for found, _, _ in close if similar(key, found)}
        return works.pop() if len(works) == 1 else None

    def __len__(self) -> int:
        """How many keys are indexed."""
        return len(self._by_key)
