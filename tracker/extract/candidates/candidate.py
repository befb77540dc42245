"""A candidate announcement: a work paired with a date, before the model decides on it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from tracker.extract.reading.values import DateValue
from tracker.extract.records import Kind


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """An announcement before merging, with its date as a window."""

    title: str
    season: int | None
    kind: Kind
    value: DateValue
    platform: str | None
    start: int
    end: int
    confidence: float
    title_start: int = -1
    topic: bool = False
    window: tuple[int, int] | None = None  # the words its kind was read from, if not all
    title_end: int = -1
    date_at: int = -1  # where the date phrase starts (-1: a header's or the article's)
    quoted: bool = False
    proposed: bool = False  # proposed by pairing alone, not by the rules that read ownership
    generous: bool = False  # its name comes from the generous finder, not the strict one
    row: bool = False  # a name on a line of its own under a date line
    date_verdict: str | None = None  # why the rules read its date as background, if they do
    variant: str | None = None  # how its name's span was grown or cut from another candidate's


@lru_cache(maxsize=4096)
def title_key(title: str) -> str:
    """Reduce a title to a key that restatements share.

    >>> title_key("The Handmaid\u2019s Tale") == title_key("Handmaid's Tale")
    True
    """
    key = (
        unicodedata.normalize("NFKD", title.replace("\u2019", "'"))
        .encode("ascii", "ignore")
        .decode()
    )
    key = re.sub(r"[^a-z0-9 ]+", " ", key.lower().replace("&", " and "))
    key = re.sub(r"^(?:the|a|an)\s+", "", key.strip())
    return " ".join(key.split())


_FIELDS = tuple(f.name for f in fields(Candidate))
_FIELD_SET = frozenset(_FIELDS)
_SET = object.__setattr__


def evolve(c: Candidate, **changes: Any) -> Candidate:
    """``c`` with ``changes``: what ``dataclasses.replace`` does, about twice as fast.

    ``replace`` rebuilds a frozen dataclass through its ``__init__``, looking its fields up each
    time; the extractor copies some ten candidates an article.
    """
    if not _FIELD_SET.issuperset(changes):
        raise TypeError(f"Candidate has no field {sorted(changes.keys() - _FIELD_SET)}")
    new = object.__new__(Candidate)
    for name in _FIELDS:
        _SET(new, name, changes[name] if name in changes else getattr(c, name))
    return new


def on_platform(c: Candidate, platform: str | None) -> Candidate:
    """``c`` on ``platform``; in theaters, a work is a film whatever genre word came near it."""
    if platform == c.platform and platform != "theaters":
        return c  # nothing changes (most often: no platform found, none held)
    kind = Kind.RELEASE if platform == "theaters" and c.kind is Kind.PREMIERE else c.kind
    return evolve(c, platform=platform, kind=kind)
