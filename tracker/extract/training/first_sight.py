"""Score the extractor on labelled batches it has not learned from: its figure at first sight.

    python -m tracker.extract.training.first_sight training/pending/b27.jsonl --texts ../real-texts

Run it on a new batch before anyone reads its texts or learns from it. It scores the shipped
weights (or ``--weights FILE``) with the training command's strict scoring (title, season, date
and precision), batch by batch and pooled, and prints the misses and false announcements by
cause and the reliability table of the confidences, whose ``>= 0.8`` row is the share right
among the announcements the extractor is surest of. The shared scorer
(``shared/tools/score_extraction.py``) stays the figure of record; this adds what it does not
say, and needs no checkout of an older commit when the batch is scored at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tracker.extract.model.logistic import read_weights, shipped
from tracker.extract.training.crossval import Report, print_report, score
from tracker.extract.training.examples import batch_of, load_real, missing_texts
from tracker.extract.training.train import ROOT

#: The confidence from which issue 13 wants nine announcements in ten right.
_SURE = 0.8


def main(argv: Sequence[str] | None = None) -> int:
    """Score the batches and print the figures (see the module's docstring)."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker.extract.training.first_sight", description=__doc__
    )
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE", help="labelled JSONL")
    parser.add_argument("--texts", type=Path, default=ROOT.parent / "real-texts")
    parser.add_argument("--weights", type=Path, help="weights to score (default: the shipped)")
    parser.add_argument("--details", type=Path, help="write every miss and false announcement")
    args = parser.parse_args(argv)
    unreadable = [str(p) for p in args.files if not p.is_file()]
    if unreadable:
        print(f"no such label file: {', '.join(unreadable)}", file=sys.stderr)
        return 2
    try:
        model = read_weights(args.weights) if args.weights is not None else shipped()
        examples, problems = load_real(args.files, args.texts)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        print(f"cannot read the weights or the labels: {exc}", file=sys.stderr)
        return 2
    if model is None:
        print("no weights are installed: nothing to score", file=sys.stderr)
        return 2
    for problem in problems[:20]:
        print(f"skipped {problem}", file=sys.stderr)
    missing = missing_texts(args.files, args.texts)
    if missing:
        print(
            f"{len(missing)} labelled articles have no text under {args.texts}: the figures "
            "below leave them out",
            file=sys.stderr,
        )
    if not examples:
        print(f"no labelled article with its text under {args.texts}", file=sys.stderr)
        return 2
    pooled = Report()
    for batch in sorted({batch_of(ex.id) for ex in examples}):
        held = [ex for ex in examples if batch_of(ex.id) == batch]
        report = Report()
        score(held, model, report)
        labels = sum(len(ex.gold) for ex in held)
        print(f"{batch}: {len(held)} articles, {labels} labels: {report.tally.summary()}")
    score(examples, model, pooled)
    labels = sum(len(ex.gold) for ex in examples)
    print(f"\npooled: {len(examples)} articles, {labels} labels: {pooled.tally.summary()}")
    print_report(pooled, "confidence as shipped, first sight")
    sure = [ok for confidence, ok in pooled.reliability if confidence >= _SURE]
    print(f"right at confidence >= {_SURE}: {sum(sure)} of {len(sure)}")
    if args.details:
        args.details.write_text(pooled.tally.details(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
