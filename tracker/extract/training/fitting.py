"""Fitting: a logistic regression over candidates' feature names, and boosted trees on top."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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


def fit(examples: Sequence[Example], c_value: float, seed: int, n_trees: int = 0) -> Fitted:
    """Fit a logistic regression on the candidates of ``examples``, then ``n_trees`` trees.

    The trees are gradient-boosted from the regression's own score, so the shipped score is
    the linear one plus the trees' leaf values (learning rate folded in).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    support: Counter[str] = Counter()
    for ex in examples:
        for names in ex.names:
            support.update(set(names))
    taught = [
        (names, right)
        for ex in examples
        for names, right in zip(ex.names, ex.right, strict=True)
        if right >= 0  # a judgment call (an optional label) teaches nothing
    ]
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
