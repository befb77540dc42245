"""Rebuild the extractor's weights from labelled articles and print cross-validated figures.

    pip install '.[train]'
    python -m tracker.extract.training.train --texts ../real-texts

Reads the labels in ``training/labels/*.jsonl`` (real articles; texts rebuilt outside the
repository, see ``training/README.md``) and the written corpus in ``tests/extract/corpus``. Every
candidate the rules propose for an article is labelled right when it strictly states one of the
article's labelled announcements. A logistic regression learns from those; k-fold
cross-validation by article (real articles only are scored; written ones always train) gives
precision, recall, F1, misses by cause and a reliability table. Then the model is fitted on
everything and written to ``tracker/extract/weights.json``. Seeds are fixed: the same data gives
the same weights.

``--first-sight FILE`` scores a batch the model has not learned from: the training leaves it out.

``--anchor WEIGHTS --learn FILE...`` learns the batches in ``FILE...`` on top of earlier weights
(``fitting.fit_anchored``) instead of from scratch, for when the texts the earlier weights were
trained on cannot all be rebuilt: the cross-validation then runs over the new batches only, and
prints beside it what the earlier weights alone score on the same articles.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker.extract.model.logistic import WEIGHTS_FILE, Model
from tracker.extract.training.anchoring import descent, learned_again, read_anchor
from tracker.extract.training.choosing import Pair, calibrate, pick_thresholds, reliability_table
from tracker.extract.training.crossval import (
    RULE_THRESHOLDS,
    THRESHOLDS,
    Report,
    cross_validate,
    print_report,
    score,
    score_first_sight,
)
from tracker.extract.training.examples import (
    RIGHT,
    Example,
    covered,
    load_corpus,
    load_real,
    missing_texts,
)
from tracker.extract.training.fitting import fit_for

ROOT = Path(__file__).resolve().parents[3]


def _parser() -> argparse.ArgumentParser:
    """The command line of ``main``."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker.extract.training.train", description=__doc__
    )
    parser.add_argument("--labels", type=Path, default=ROOT / "training" / "labels")
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "real-texts")
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "extract" / "corpus")
    parser.add_argument("--no-corpus", action="store_true", help="train on real articles only")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument(
        "--trees", type=int, default=0, help="boosted trees on top of the regression (0: none)"
    )
    parser.add_argument("--min-precision", type=float, default=0.9)
    parser.add_argument(
        "--rule-threshold",
        type=float,
        default=None,
        choices=RULE_THRESHOLDS,
        help="the probability below which the model vetoes a candidate the rules made "
        "(default: chosen with the proposals' one by cross-validation)",
    )
    parser.add_argument(
        "--beta",
        type=float,
        default=1.0,
        help="F-beta to pick the thresholds by, if none reaches --min-precision (ties within "
        "0.005 go to the more precise; 0.5 would count precision twice as much as recall)",
    )
    parser.add_argument("--first-sight", type=Path, nargs="*", default=[], metavar="FILE")
    parser.add_argument(
        "--anchor",
        type=Path,
        metavar="WEIGHTS",
        help="learn --learn's batches on top of these weights instead of from scratch",
    )
    parser.add_argument(
        "--learn",
        type=Path,
        nargs="*",
        default=[],
        metavar="FILE",
        help="with --anchor: the labelled batches to learn (instead of --labels)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parents[1] / "model" / WEIGHTS_FILE
    )
    parser.add_argument("--no-write", action="store_true", help="print figures only")
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="write weights even when some labelled texts are not rebuilt",
    )
    parser.add_argument("--details", type=Path, help="write every miss and false announcement")
    parser.add_argument(
        "--meta-from",
        type=Path,
        help="carry the first-sight figures of an earlier run's weights into these",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Train, cross-validate, and write the weights (see the module's docstring)."""
    args = _parser().parse_args(argv)
    held_files = {p.resolve() for p in args.first_sight}
    picked = _batches(args, held_files)
    if isinstance(picked, int):
        return picked
    files, anchor = picked
    real, problems = load_real(files, args.texts)
    for problem in problems[:20]:
        print(f"skipped {problem}", file=sys.stderr)
    if not real:
        print(f"no labelled real article with its text under {args.texts}", file=sys.stderr)
        return 2
    written = [] if args.no_corpus else load_corpus(args.corpus)
    examples = real + written
    _describe_data(real, written)
    anchor_weights = anchor.weights if anchor is not None else None
    again = learned_again(anchor, (ex.id for ex in real), args.labels) if anchor else []
    if again:
        print(
            f"the anchor has already learned {', '.join(again)}: learning a batch twice "
            "counts it twice, and its cross-validated figure is no longer out of sample",
            file=sys.stderr,
        )
    reports = cross_validate(examples, args.folds, args.c, args.seed, args.trees, anchor_weights)
    if anchor is not None:
        alone = Report()
        score(real, anchor, alone)
        print(
            f"\nthe anchor alone ({args.anchor}, its own thresholds), on the same real "
            f"articles: {alone.tally.summary()}"
        )
    threshold, rule_threshold = _choose_thresholds(reports, args)
    chosen = reports[(threshold, rule_threshold)]
    print(f"\nchosen thresholds {threshold:.2f} / {rule_threshold:.2f}: {chosen.tally.summary()}")
    print_report(chosen, "cross-validated")
    if args.details:
        args.details.write_text(chosen.tally.details(), encoding="utf-8")
    model = _fit(
        examples, len(real), len(written), chosen, (threshold, rule_threshold), args, anchor
    )
    if anchor is not None and args.anchor is not None:
        model.meta.update(descent(anchor, args.anchor, (ex.id for ex in real)))
    if args.first_sight:
        score_first_sight(model, sorted(held_files), args.texts)
    if args.meta_from is not None:
        earlier = json.loads(args.meta_from.read_text(encoding="utf-8")).get("meta", {})
        for key in ("first_sight", "first_sight_reliability"):
            if key in earlier:
                model.meta[key] = earlier[key]
    if not args.no_write:
        args.out.write_text(json.dumps(model.to_json(), indent=0) + "\n", encoding="utf-8")
        print(f"\nwrote {len(model.weights)} weights to {args.out}")
    return 0


def _fit(
    examples: list[Example],
    real: int,
    written: int,
    chosen: Report,
    thresholds: Pair,
    args: argparse.Namespace,
    anchor: Model | None,
) -> Model:
    """Fit on every example; the model carries the chosen thresholds and the figures."""
    anchor_weights = anchor.weights if anchor is not None else None
    fitted = fit_for(examples, args.c, args.seed, args.trees, anchor_weights)
    threshold, rule_threshold = thresholds
    return Model(
        fitted.weights,
        threshold,
        rule_threshold=rule_threshold,
        calibration=calibrate(chosen.reliability),
        trees=fitted.trees,
        meta={
            "real_articles": real,
            "written_articles": written,
            "c": args.c,
            "trees": args.trees,
            "seed": args.seed,
            "folds": args.folds,
            "cv_f1": round(chosen.tally.f1, 4),
            "cv_precision": round(chosen.tally.precision, 4),
            "cv_recall": round(chosen.tally.recall, 4),
            "cv_reliability": reliability_table(chosen.reliability),
        },
    )


def _batches(
    args: argparse.Namespace, held_files: set[Path]
) -> tuple[list[Path], Model | None] | int:
    """The labelled batches to learn and the anchor to learn them on, or an exit code."""
    anchor: Model | None = None
    if args.anchor is not None or args.learn:
        try:
            anchor = read_anchor(args.anchor, args.learn, args.trees)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        files = sorted(p for p in args.learn if p.resolve() not in held_files)
    else:
        files = sorted(p for p in args.labels.glob("*.jsonl") if p.resolve() not in held_files)
    missing = missing_texts([*files, *sorted(held_files)], args.texts)
    if missing and not (args.no_write or args.allow_missing):
        print(
            f"{len(missing)} labelled articles have no text under {args.texts} (first: "
            f"{', '.join(missing[:5])}): weights trained without them are not the ones the "
            "labels give. Rebuild the texts (training/README.md); --no-write prints the "
            "figures on what is there, --allow-missing writes such weights anyway",
            file=sys.stderr,
        )
        return 2
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("training needs scikit-learn: pip install '.[train]'", file=sys.stderr)
        return 2
    return files, anchor


def _describe_data(real: list[Example], written: list[Example]) -> None:
    """Print what is learned from, and how much of it the candidates can reach."""
    examples = real + written
    print(
        f"{len(real)} real articles ({sum(len(e.gold) for e in real)} labels), "
        f"{len(written)} written, {sum(len(e.candidates) for e in examples)} candidates "
        f"({sum(e.right.count(RIGHT) for e in examples)} right)"
    )
    reachable, labelled = covered(real)
    print(
        f"candidates state {reachable} of the {labelled} real labels exactly: "
        f"recall can reach {reachable / max(1, labelled):.3f} at most"
    )


def _choose_thresholds(reports: dict[Pair, Report], args: argparse.Namespace) -> Pair:
    """Print the cross-validated figure at each threshold and pick the pair to ship."""
    print(f"\n{args.folds}-fold cross-validation by article, real articles only, strict")
    print("(thresholds for proposals / for the rules' own candidates):")
    for t in THRESHOLDS:
        best = max((p for p in reports if p[0] == t), key=lambda p: reports[p].tally.f1)
        print(f"  {t:.2f} / {best[1]:.2f}: {reports[best].tally.summary()}")
    tallies = {pair: report.tally for pair, report in reports.items()}
    best = pick_thresholds(tallies, args.min_precision, args.beta)
    if args.rule_threshold is None:
        return best
    rule_threshold = args.rule_threshold
    ours = {pair: tally for pair, tally in tallies.items() if pair[1] == rule_threshold}
    threshold, _ = pick_thresholds(ours, args.min_precision, args.beta)
    print(
        f"\nwith both thresholds free, F-beta would pick {best[0]:.2f} / {best[1]:.2f}: "
        f"{reports[best].tally.summary()}"
    )
    return threshold, rule_threshold


if __name__ == "__main__":
    sys.exit(main())
