"""Cut a sentence into the clauses that each make their own statement.

"X opens May 1, and said the sequel Y will arrive in 2025" makes two statements; a date in one
belongs to the works of that one. Every candidate of a sentence asks, so the cut is memoised.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Where a sentence turns to a new statement: "..., and said the sequel X will arrive ...".
_CLAUSE_BREAK = re.compile(
    r";|\s[\u2014\u2013]\s|,\s+(?:and|but|while|whereas|although|though)\s+"
    r"(?=(?:said|says|added|announced|confirmed|revealed|(?-i:the|its|their|his|her|a|an))\b)"
    r"|\s+and\s+(?=(?:said|says|added|announced|confirmed|revealed)\b)",
    re.IGNORECASE,
)


def clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Cut a sentence into the clauses that each make their own statement.

    Memoised for the last few sentences: every candidate of a sentence asks again.

    >>> clauses("X opens May 1, and said the sequel Y will arrive in 2025.", 0, 56)
    [(0, 13), (19, 56)]
    """
    return list(_clauses(text, lo, hi))


@lru_cache(maxsize=256)
def _clauses(text: str, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    return tuple(_cut_clauses(text, lo, hi))


def _cut_clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = lo
    for cut in _CLAUSE_BREAK.finditer(text, lo, hi):
        out.append((start, cut.start()))
        start = cut.end()
    out.append((start, hi))
    return out
