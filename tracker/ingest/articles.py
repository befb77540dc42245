"""An article as it arrives, before it is stored: text, where from, when published."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from tracker.core.printable import printable

_WHITESPACE = re.compile(r"\s+")
_DATE_LINE = re.compile(
    r"\A\s*(?:date|published)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\s*$", re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RawArticle:
    """One text to ingest."""

    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source_id: int | None = None

    def __post_init__(self) -> None:
        """Clean the text and title of control characters, before anything reads them.

        The extractor's offsets, the stored text and every feed then agree on one text.
        """
        object.__setattr__(self, "text", printable(self.text))
        if self.title is not None:
            object.__setattr__(self, "title", printable(self.title))

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text with white space folded: the same article however wrapped."""
        folded = _WHITESPACE.sub(" ", self.text).strip()
        return hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()


def leading_date(text: str) -> date | None:
    r"""A publication date given on the text's first line ("date 2017-03-14", "published: …").

    >>> leading_date(" date 2017-03-14\nIron Fist will premiere this Friday.")
    datetime.date(2017, 3, 14)
    >>> leading_date("Iron Fist will premiere on 2017-03-17") is None
    True
    """
    match = _DATE_LINE.match(text[:200])
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None
