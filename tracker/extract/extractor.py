"""The extractor's entry point: text in, announcements out, one stage after another.

1. reading (``reading/``): sentences, lines, date mentions and their values;
2. candidates (``candidates/``): names of works and the (work, date) pairs the rules and the
   generous proposer put forward;
3. features (``features.py``): each candidate described by named features;
4. model (``model/``): learned weights give each candidate a probability;
5. decisions (``decisions/``): the believed candidates, restatements merged, as announcements.
"""

from __future__ import annotations

import datetime as dt
import logging

from tracker.extract.candidates.reader import propose
from tracker.extract.decisions.decide import decide
from tracker.extract.model.logistic import shipped
from tracker.extract.records import Announcement

_LOG = logging.getLogger(__name__)


def extract_announcements(text: str, published: dt.date | None = None) -> list[Announcement]:
    """Find the release announcements in a news text.

    Args:
        text: The article text (any length, any content).
        published: When the article was published; yearless and relative dates are
            resolved against it. When None, a date at the top of the text, else today.

    Returns:
        Announcements sorted by their evidence's position, each with the model's probability
        as its confidence; never raises.
    """
    try:
        if not isinstance(text, str) or not text.strip():
            return []
        article, candidates = propose(text, published)
        return decide(article, candidates, shipped())
    except Exception:  # a bad article must never stop a batch; the caller gets nothing
        _LOG.exception("extractor failed on a text of %d characters", len(text or ""))
        return []
