"""Fitting: a logistic regression over candidates' feature names, and boosted trees on top.

``fit`` learns from scratch. ``fit_anchored`` learns from new articles on top of earlier
weights: its regularisation pulls each weight towards the earlier one instead of towards zero,
so what the earlier training data taught is kept where the new articles say nothing, and moved
only as far as they give reason to. That lets the model learn from new batches when the texts
it was first trained on cannot be read any more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.extract.model.logistic import Tree

if TYPE_CHECKING:
    from tracker.extract.training.examples import Example


@dataclass(frozen=True, slots=True)
class Fitted:
    """What training learned: linear weights by feature name, and boosted trees (maybe none)."""

    weights: dict[str, float]
    trees: tuple[Tree, ...] = ()


def _taught(examples: Sequence[Example]) -> tuple[Counter[str], list[tuple[list[str], int]]]:
    """How many examples' candidates have each feature, and the candidates that teach.

    A candidate stating a label the labellers left optional (a judgment call) teaches nothing.
    """
    support: Counter[str] = Counter()
    for ex in examples:
        for names in ex.names:
            support.update(set(names))
    taught = [
        (names, right)
        for ex in examples
        for names, right in zip(ex.names, ex.right, strict=True)
        if right >= 0
    ]
    return support, taught


def fit(examples: Sequence[Example], c_value: float, seed: int, n_trees: int = 0) -> Fitted:
    """Fit a logistic regression on the candidates of ``examples``, then ``n_trees`` trees.

    The trees are gradient-boosted from the regression's own score, so the shipped score is
    the linear one plus the trees' leaf values (learning rate folded in).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    support, taught = _taught(examples)
    rows = [{n: 1.0 for n in names if support[n] >= 2} for names, _ in taught]
    y = [right for _, right in taught]
    if len(set(y)) < 2:
        return Fitted({"bias": -5.0})
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    regression = LogisticRegression(C=c_value, solver="lbfgs", random_state=seed, max_iter=5000)
    regression.fit(matrix, y)
    feature_names = [str(n) for n in vectorizer.get_feature_names_out()]
    weights = {
        name: float(w)
        for name, w in zip(feature_names, regression.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    weights["bias"] = weights.get("bias", 0.0) + float(regression.intercept_[0])
    if n_trees <= 0:
        return Fitted(weights)
    from sklearn.ensemble import GradientBoostingClassifier

    boosted = GradientBoostingClassifier(
        init=LogisticRegression(C=c_value, solver="lbfgs", random_state=seed, max_iter=5000),
        n_estimators=n_trees,
        learning_rate=0.1,
        max_depth=3,
        min_samples_leaf=8,
        subsample=0.8,
        random_state=seed,
    )
    boosted.fit(matrix, y)
    rate = float(boosted.learning_rate)
    trees = tuple(_flatten(est[0].tree_, feature_names, rate) for est in boosted.estimators_)
    return Fitted(weights, trees)


def fit_anchored(
    examples: Sequence[Example], anchor: Mapping[str, float], c_value: float
) -> Fitted:
    """Fit a logistic regression on ``examples`` whose weights are drawn towards ``anchor``.

    It minimises the log loss of the taught candidates plus ``|w - anchor|^2 / (2 c_value)``
    (the bias is not drawn: the new articles may be more or less generous than the old), with
    the same ``c_value`` scale as ``fit``. A feature the anchor weighs keeps its weight when no
    new candidate has it; a new feature enters, drawn towards zero, once two candidates have it.
    L-BFGS from the anchor itself, with no randomness: the same inputs give the same weights.
    """
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import expit
    from sklearn.feature_extraction import DictVectorizer

    support, taught = _taught(examples)
    weights = dict(anchor)
    if not taught:
        return Fitted(weights)
    rows = [{n: 1.0 for n in names if support[n] >= 2 or n in anchor} for names, _ in taught]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows).tocsr()
    names = [str(n) for n in vectorizer.get_feature_names_out()]
    start = np.array([anchor.get(n, 0.0) for n in names])
    drawn = np.array([0.0 if n == "bias" else 1.0 / c_value for n in names])
    y = np.array([float(right) for _, right in taught])

    def loss_and_gradient(w: Any) -> tuple[float, Any]:
        z = matrix @ w
        off = w - start
        loss = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(drawn * off * off))
        return loss, matrix.T @ (expit(z) - y) + drawn * off

    result = minimize(
        loss_and_gradient,
        start.copy(),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 5000, "maxcor": 20, "ftol": 1e-10, "gtol": 1e-6},
    )
    for name, w in zip(names, result.x, strict=True):
        weights[name] = float(w)
    return Fitted({n: w for n, w in weights.items() if abs(w) >= 1e-4 or n == "bias"})


def fit_for(
    examples: Sequence[Example],
    c_value: float,
    seed: int,
    n_trees: int,
    anchor: Mapping[str, float] | None,
) -> Fitted:
    """``fit_anchored`` when there is an anchor, else ``fit``."""
    if anchor is not None:
        return fit_anchored(examples, anchor, c_value)
    return fit(examples, c_value, seed, n_trees)


def _flatten(tree: Any, feature_names: list[str], rate: float) -> Tree:
    """A fitted regression tree in pre-order: left child next, right child by index."""
    features: list[str] = []
    right: list[int] = []
    values: list[float] = []

    def walk(node: int) -> None:
        at = len(features)
        left_child, right_child = tree.children_left[node], tree.children_right[node]
        if left_child == -1:
            features.append("")
            right.append(-1)
            values.append(rate * float(tree.value[node][0][0]))
            return
        features.append(feature_names[tree.feature[node]])
        right.append(-1)
        values.append(0.0)
        walk(left_child)  # feature absent (0 <= threshold 0.5)
        right[at] = len(features)
        walk(right_child)

    walk(0)
    return tuple(features), tuple(right), tuple(values)
