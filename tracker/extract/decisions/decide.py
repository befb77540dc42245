"""Decide: keep the candidates the model believes, with its probability as their confidence."""

from __future__ import annotations

from dataclasses import replace

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.decisions.merge import merge
from tracker.extract.features import Article, features
from tracker.extract.model.logistic import Model
from tracker.extract.records import Announcement


def decide(
    article: Article, candidates: list[Candidate], model: Model | None
) -> list[Announcement]:
    """Keep the candidates the model believes, with its probability as their confidence."""
    if model is None:  # no weights installed: the rules alone
        return merge(article.text, [c for c in candidates if not c.proposed])
    probs = [model.probability(features(article, c)) for c in candidates]
    return decide_with(article, candidates, probs, model.threshold)


def decide_with(
    article: Article, candidates: list[Candidate], probs: list[float], threshold: float
) -> list[Announcement]:
    """Keep the candidates whose probability reaches ``threshold``, then merge restatements."""
    kept = [
        replace(c, confidence=p) for c, p in zip(candidates, probs, strict=True) if p >= threshold
    ]
    return merge(article.text, kept)
