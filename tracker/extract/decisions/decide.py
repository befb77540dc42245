"""Decide: keep the candidates the model believes, with its probability as their confidence."""

from __future__ import annotations

from tracker.extract.candidates.candidate import Candidate, evolve
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

    The rules' own candidates have a threshold of their own: they were written to be right
    and the model vetoes them only when it is fairly sure; generous proposals need more.

    The merge keeps, per work, season and kind, the most precise of the believed dates; each
    announcement's confidence is what its probability has meant in cross-validation.
    """
    believed = [
        (p, c)
        for c, p in zip(candidates, probs, strict=True)
        if p >= model.threshold_for(c.proposed)
    ]
    kept: list[Candidate] = []
    by_date: dict[str, list[Candidate]] = {}  # rivals share a date: linear in the text's length
    for p, c in sorted(believed, key=lambda pc: -pc[0]):
        rivals = by_date.setdefault(c.value.value, [])
        if not any(_rival_names(c, o) for o in rivals):
            chosen = evolve(c, confidence=model.confidence(p))
            kept.append(chosen)
            rivals.append(chosen)
    return merge(article.text, kept)


def _rival_names(c: Candidate, o: Candidate) -> bool:
    """Two readings of one name for one date ("Branagh-directed Artemis Fowl", "Artemis Fowl")."""
    return (
        c.title != o.title
        and c.value.value == o.value.value
        and c.title_start >= 0
        and o.title_start >= 0
        and c.title_start < o.title_end
        and o.title_start < c.title_end
    )
