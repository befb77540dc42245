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
    by_date: dict[str, _Spans] = {}  # rivals share a date and overlap: linear in the length
    for p, c in sorted(believed, key=lambda pc: -pc[0]):
        rivals = by_date.setdefault(c.value.value, _Spans())
        if not rivals.rival(c):
            chosen = evolve(c, confidence=model.confidence(p))
            kept.append(chosen)
            rivals.add(chosen)
    return merge(article.text, kept)


class _Spans:
    """The names kept for one date, filed by where they start, to find another reading of a name.

    Two readings of one name for one date ("Branagh-directed Artemis Fowl", "Artemis Fowl")
    overlap in the text. Only a name that starts less than the longest kept name before this
    one, and before its end, can overlap it, so only the stretches of text there are looked
    at: a schedule of thousands of rows on a few dates is read in time linear in its length,
    not in the square of its rows.
    """

    __slots__ = ("longest", "stretches")

    #: The length of the stretches of text names are filed by.
    STRETCH = 256

    def __init__(self) -> None:
        self.stretches: dict[int, list[Candidate]] = {}
        self.longest = 0

    def rival(self, c: Candidate) -> bool:
        """Tell whether a kept name of this date is another reading of ``c``'s name."""
        if c.title_start < 0:
            return False
        first = (c.title_start - self.longest) // self.STRETCH
        last = (c.title_end - 1) // self.STRETCH
        return any(
            o.title != c.title and o.title_start < c.title_end and c.title_start < o.title_end
            for k in range(first, last + 1)
            for o in self.stretches.get(k, ())
        )

    def add(self, c: Candidate) -> None:
        """Keep ``c``'s name for the names after it."""
        if c.title_start < 0:
            return  # a name with no place in the text rivals none
        self.stretches.setdefault(c.title_start // self.STRETCH, []).append(c)
        self.longest = max(self.longest, c.title_end - c.title_start)
