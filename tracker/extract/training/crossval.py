"""Score held-out articles and cross-validate by article: the figures training prints.

Each held-out article is run through the decision with the model under test; what it announces
is counted strictly against the article's labels, and every miss and false announcement gets a
cause, so a report says not only how well the model does but where it fails.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.extract.decisions.decide import decide_with
from tracker.extract.model.logistic import Model
from tracker.extract.training.choosing import Pair, reliability_table
from tracker.extract.training.evaluation import Label, Tally, same_title, strict_match
from tracker.extract.training.examples import Example, load_real, stated
from tracker.extract.training.fitting import fit_for

#: Thresholds tried for the proposals.
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
#: Thresholds tried for the rules' own candidates, each at most the proposals' one.
RULE_THRESHOLDS = (0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)


@dataclass(slots=True)
class Report:
    """Figures from scoring held-out articles."""

    tally: Tally = field(default_factory=Tally)
    causes: Counter[str] = field(default_factory=Counter)
    reliability: list[tuple[float, bool]] = field(default_factory=list)


def score(examples: Sequence[Example], model: Model, report: Report) -> None:
    """Run the decision on each example with ``model`` and add the results to ``report``."""
    for ex in examples:
        probs = [model.probability(names) for names in ex.names]
        found: list[dict[str, Any]] = [
            a.to_dict() for a in decide_with(ex.article, ex.candidates, probs, model)
        ]
        extras_ok = [
            f for f in found if any(same_title(o["title"], str(f["title"])) for o in ex.optional)
        ]
        counted = [f for f in found if f not in extras_ok]
        right = report.tally.add(ex.id, ex.gold, counted)
        for f, ok in zip(counted, right, strict=True):
            report.reliability.append((float(f["confidence"]), ok))
            if not ok:
                report.causes[_false_cause(ex, f)] += 1
        for g in ex.gold:
            if not any(strict_match(g, f) for f in counted):
                report.causes[_miss_cause(ex, g, probs, model.threshold)] += 1


def _false_cause(ex: Example, found: dict[str, Any]) -> str:
    if ex.negative:
        return "false: in a negative article"
    if any(same_title(g["title"], found["title"]) for g in ex.gold):
        return "false: a labelled work, wrong date or season"
    return "false: not a labelled work"


def _miss_cause(ex: Example, gold: Label, probs: list[float], threshold: float) -> str:
    titled = [i for i, c in enumerate(ex.candidates) if same_title(gold["title"], c.title)]
    if not titled:
        return "miss: work never proposed"
    exact = [i for i in titled if strict_match(gold, stated(ex.candidates[i]))]
    if not exact:
        return "miss: work proposed, never with this date or season"
    if all(probs[i] < threshold for i in exact):
        return "miss: right pair proposed, model said no"
    return "miss: right pair kept, lost to another of the same work"


def folds(examples: Sequence[Example], k: int, seed: int) -> list[list[Example]]:
    """Split the real examples into ``k`` folds by article, shuffled with ``seed``."""
    real = sorted((ex for ex in examples if ex.real), key=lambda ex: ex.id)
    random.Random(seed).shuffle(real)
    return [real[i::k] for i in range(k)]


def cross_validate(
    examples: Sequence[Example],
    k: int,
    c_value: float,
    seed: int,
    n_trees: int = 0,
    anchor: Mapping[str, float] | None = None,
) -> dict[Pair, Report]:
    """Out-of-fold reports, one per (proposal, rule) threshold pair.

    With ``anchor``, each fold's model learns on top of those weights (``fit_anchored``).
    """
    pairs = [(t, r) for t in THRESHOLDS for r in RULE_THRESHOLDS if r <= t]
    reports = {pair: Report() for pair in pairs}
    parts = folds(examples, k, seed)
    for held in parts:
        held_ids = {ex.id for ex in held}
        kept = [ex for ex in examples if ex.id not in held_ids]
        fitted = fit_for(kept, c_value, seed, n_trees, anchor)
        for (t, r), report in reports.items():
            model = Model(fitted.weights, t, {}, rule_threshold=r, trees=fitted.trees)
            score(held, model, report)
    return reports


def print_report(report: Report, how: str) -> None:
    """Print a report's misses and false announcements by cause, and its reliability table."""
    for cause, n in sorted(report.causes.items()):
        print(f"  {n:>5}  {cause}")
    print(f"\nreliability ({how}):")
    print("\n".join("  " + line for line in reliability_table(report.reliability)))


def score_first_sight(model: Model, held_files: list[Path], texts: Path) -> None:
    """Score the held-out batches with the new model; record the figure in its meta."""
    held, held_problems = load_real(held_files, texts)
    for problem in held_problems[:20]:
        print(f"skipped {problem}", file=sys.stderr)
    report = Report()
    score(held, model, report)
    print(f"\nfirst sight on {len(held)} held-out articles: {report.tally.summary()}")
    print_report(report, "first sight")
    model.meta["first_sight"] = {
        "articles": len(held),
        "f1": round(report.tally.f1, 4),
        "precision": round(report.tally.precision, 4),
        "recall": round(report.tally.recall, 4),
    }
    model.meta["first_sight_reliability"] = reliability_table(report.reliability)
