"""Score announcements against labels the way the project's scorer does (strict matching).

Strict: the title matches (tidied, or one containing the other at word boundaries and at least
60% of its length), the season agrees when the label gives one, and the date is the labelled
date at the labelled precision. Used by the training command and the corpus tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Label = Mapping[str, Any]


def norm_title(title: str) -> str:
    """Reduce a title for matching: case, accents, punctuation, a leading article, "Season N".

    >>> norm_title("The Handmaid\u2019s Tale Season 2")
    'handmaid tale'
    """
    t = (title or "").replace("\u2019", "'").replace("\u2018", "'")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"'s\b", "", t.replace("&", "and"))
    t = re.sub(r"[^a-z0-9 ]+", " ", t)
    t = re.sub(r"^(the|marvel s|marvel|marvels|disney s)\s+", "", t.strip())
    t = re.sub(r"\b(season|part)\s+\w+$", "", t)
    return " ".join(t.split())


def same_title(gold: str, found: str) -> bool:
    """Tell whether a found title names the labelled work."""
    a, b = norm_title(gold), norm_title(found)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (
        len(short) >= 0.6 * len(long_) and re.search(rf"\b{re.escape(short)}\b", long_) is not None
    )


def _same_date(gold: str, found: str) -> bool:
    m = re.fullmatch(r"(\d{4})-(late|early)", gold)
    if m:
        return found in ({f"{m[1]}-H2", m[1]} if m[2] == "late" else {f"{m[1]}-H1"})
    return found == gold


def strict_match(gold: Label, found: Label) -> bool:
    """Tell whether ``found`` states the labelled announcement ``gold`` (title, season, date)."""
    if not same_title(str(gold["title"]), str(found.get("title", ""))):
        return False
    season = gold.get("season")
    if season is not None and found.get("season") != season:
        return False
    return _same_date(str(gold["date"]), str(found.get("date")))


@dataclass(slots=True)
class Tally:
    """Counts over articles: right, missed and false announcements."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    misses: list[tuple[str, Label]] = field(default_factory=list)
    extras: list[tuple[str, Label]] = field(default_factory=list)

    def add(self, article_id: str, gold: Sequence[Label], found: Iterable[Label]) -> list[bool]:
        """Match one article's announcements to its labels; return, per found, whether right."""
        found = list(found)
        used: set[int] = set()
        for g in gold:
            hit = next(
                (i for i, f in enumerate(found) if i not in used and strict_match(g, f)), None
            )
            if hit is None:
                self.fn += 1
                self.misses.append((article_id, g))
            else:
                used.add(hit)
                self.tp += 1
        right = [i in used for i in range(len(found))]
        self.fp += right.count(False)
        self.extras.extend((article_id, f) for i, f in enumerate(found) if i not in used)
        return right

    @property
    def precision(self) -> float:
        """Share of announcements that are right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of labelled announcements found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def details(self) -> str:
        """Every miss and false announcement, a line each, sorted by article."""
        lines = [
            f"{i} MISS  {g['title']!r} s={g.get('season')} {g['date']}" for i, g in self.misses
        ]
        lines += [
            f"{i} EXTRA {f['title']!r} s={f.get('season')} {f['date']} p={f.get('confidence')}"
            for i, f in self.extras
        ]
        return "\n".join(sorted(lines)) + "\n"

    def summary(self) -> str:
        """One line: F1, precision, recall and the counts."""
        return (
            f"F1 {self.f1:.3f}  P {self.precision:.3f}  R {self.recall:.3f}  "
            f"(right {self.tp}, missed {self.fn}, false {self.fp})"
        )
