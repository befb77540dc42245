"""Features: what the learned model is told about each candidate announcement.

``vocabulary`` names the words and patterns; ``article`` indexes a text once; ``sides`` describes
a candidate's name and its date, each alone; ``describe`` adds the pairing's own features.
"""

from __future__ import annotations

from tracker.extract.features.article import Article
from tracker.extract.features.describe import describe, features

__all__ = ["Article", "describe", "features"]
