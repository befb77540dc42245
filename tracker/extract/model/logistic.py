"""The learned model: a logistic regression over named features, plus optional boosted trees.

Training (``python -m tracker.extract.training.train``) writes ``weights.json`` beside this module;
reading it needs nothing but the standard library, so the extractor runs anywhere offline.

The trees, when present, add their leaf values to the linear score: they learn the interactions
a linear model cannot see (a capitalised run that is also a person's name *and* far from any
release verb). Each tree is three flat lists, walked with set look-ups on feature names.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

WEIGHTS_FILE = "weights.json"  # beside this module
Tree = tuple[tuple[str, ...], tuple[int, ...], tuple[float, ...]]


@dataclass(frozen=True, slots=True)
class Model:
    """Weights per feature name, and the probability from which a candidate is announced."""

    weights: dict[str, float]
    threshold: float  # for the generous proposals
    meta: dict[str, Any]
    #: (probability, share right) points measured out of fold; confidence interpolates them
    calibration: tuple[tuple[float, float], ...] = ()
    #: for the rules' own candidates, which need less from the model (None: ``threshold``)
    rule_threshold: float | None = None
    #: boosted trees: per tree, (feature name or "" for a leaf, right child, leaf value) per node;
    #: a node's left child is the next node (pre-order), taken when its feature is absent
    trees: tuple[Tree, ...] = ()

    def threshold_for(self, proposed: bool) -> float:
        """The probability a candidate needs: a proposal's, or the rules' own candidate's."""
        if proposed or self.rule_threshold is None:
            return self.threshold
        return self.rule_threshold

    def probability(self, names: list[str]) -> float:
        """The model's probability that a candidate with these features is a right announcement.

        >>> Model({"bias": 0.0, "quoted": 2.0}, 0.5, {}).probability(["bias", "quoted"]) > 0.8
        True
        """
        score = sum(map(self.weights.get, names, itertools.repeat(0.0)))
        if self.trees:
            present = set(names)
            for features, right, values in self.trees:
                node = 0
                while features[node]:
                    node = right[node] if features[node] in present else node + 1
                score += values[node]
        if score >= 0:
            return 1.0 / (1.0 + math.exp(-score))
        e = math.exp(score)
        return e / (1.0 + e)

    def confidence(self, probability: float) -> float:
        """What ``probability`` has meant in cross-validation: the share of such calls right.

        >>> Model({}, 0.5, {}, ((0.5, 0.6), (1.0, 0.9))).confidence(0.75)
        0.75
        """
        points = self.calibration
        if not points:
            return probability
        if probability <= points[0][0]:
            return points[0][1]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if probability <= x1:
                return y0 if x1 == x0 else y0 + (y1 - y0) * (probability - x0) / (x1 - x0)
        return points[-1][1]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        """Read a model from the dictionary ``to_json`` wrote."""
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            threshold=float(data["threshold"]),
            meta=dict(data.get("meta", {})),
            calibration=tuple((float(x), float(y)) for x, y in data.get("calibration", [])),
            rule_threshold=(
                float(data["rule_threshold"]) if data.get("rule_threshold") is not None else None
            ),
            trees=tuple(
                (tuple(map(str, f)), tuple(map(int, r)), tuple(map(float, v)))
                for f, r, v in data.get("trees", [])
            ),
        )

    def to_json(self) -> dict[str, Any]:
        """The model as a JSON-ready dictionary, weights sorted by name (stable bytes)."""
        return {
            "threshold": round(self.threshold, 4),
            "rule_threshold": None
            if self.rule_threshold is None
            else round(self.rule_threshold, 4),
            "meta": self.meta,
            "calibration": [[round(x, 4), round(y, 4)] for x, y in self.calibration],
            "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())},
            **(
                {"trees": [[list(f), list(r), [round(x, 5) for x in v]] for f, r, v in self.trees]}
                if self.trees
                else {}
            ),
        }


def read_weights(path: Path, what: str = "the weights") -> Model:
    """Read a weights file the training command wrote.

    Raises:
        ValueError: saying why, when the file cannot be read or is not such a file.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {what} {path}: {exc}") from exc
    try:
        return Model.from_json(json.loads(raw))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path} is not a weights file written by this command ({exc!r})") from exc


@cache
def shipped() -> Model | None:
    """The model that ships with the package, or None when no weights are installed."""
    try:
        raw = resources.files("tracker.extract.model").joinpath(WEIGHTS_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return Model.from_json(json.loads(raw))
