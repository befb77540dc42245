"""Decide: keep the candidates the model believes, with its probability as their confidence."""

from __future__ import annotations

from dataclasses import replace

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.decisions.merge import merge
from tracker.extract.features import Article, describe
from tracker.extract.model.logistic import Model
from tracker.extract.records import Announcement


def decide(
    article: Article, candidates: list[Candidate], model: Model | None
) -> list[Announcement]:
    """Keep the candidates the model believes, with its probability as their confidence."""
    if model is None:  # no weights installed: the rules alone
        return merge(article.text, [c for c in candidates if not c.proposed])
    probs = [model.probability(names) for names in describe(article, candidates)]
    return decide_with(article, candidates, probs, model)


def decide_with(
    article: Article, candidates: list[Candidate], probs: list[float], model: Model
) -> list[Announcement]:
    """Keep the candidates whose probability reaches the model's threshold, then merge.

    The merge keeps, per work, season and kind, the most precise of the believed dates; each
    announcement's confidence is what its probability has meant in cross-validation.
    """
    kept = [
        replace(c, confidence=model.confidence(p))
        for c, p in zip(candidates, probs, strict=True)
        if p >= model.threshold
    ]
    return merge(article.text, kept)
