"""Learning on top of earlier weights: reading the anchor, and the weights' line of descent.

The fitting itself is ``fitting.fit_anchored``; the command's options are ``--anchor`` and
``--learn`` (``train.py``). By this repository's rule, ``training/labels/`` holds what the
shipped weights learned and ``training/pending/`` what they have not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tracker.extract.model.logistic import Model, read_weights
from tracker.extract.training.examples import batch_of, batch_order


def read_anchor(path: Path | None, learn: Sequence[Path], n_trees: int) -> Model:
    """The anchor's model.

    Raises:
        ValueError: saying why the anchored options cannot be used as given.
    """
    if path is None or not learn:
        raise ValueError("--anchor WEIGHTS and --learn FILE... go together")
    if n_trees:
        raise ValueError("--trees cannot be learned on top of an anchor: use one or the other")
    return read_weights(path, "the anchor")


def learned_again(anchor: Model, idents: Iterable[str], labels: Path) -> list[str]:
    """The batches of ``idents`` that the anchor has already learned, as far as anyone can tell.

    Those its own ``meta`` names (weights written with an anchor), and those in ``labels``.
    """
    named = set(anchor.meta.get("learned") or ())
    for path in labels.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                named.add(batch_of(str(json.loads(line)["id"])))
    return sorted({batch_of(i) for i in idents} & named, key=batch_order)


def descent(anchor: Model, path: Path, idents: Iterable[str]) -> dict[str, Any]:
    """The ``meta`` keys that say what new weights learned, on top of which anchor.

    The command without an anchor writes no such keys, so it still rewrites the shipped file.
    """
    return {
        "learned": sorted({batch_of(i) for i in idents}, key=batch_order),
        "anchor": {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "real_articles": anchor.meta.get("real_articles"),
            "learned": anchor.meta.get("learned"),
        },
    }
