"""The labelled articles as training sees them: each candidate described and marked right or wrong.

Real articles are read from the label files with their rebuilt texts (a text whose hash is not
the label's is skipped and named); written ones from the corpus beside the tests.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.candidates.reader import propose
from tracker.extract.features import Article, describe
from tracker.extract.training.evaluation import Label, strict_match
from tracker.extract.training.texts import sha256

#: How a candidate is taught: it states a labelled announcement, it does not, or it states one
#: the labellers left optional (a judgment call), which training leaves out.
RIGHT, WRONG, UNDECIDED = 1, 0, -1


@dataclass(slots=True)
class Example:
    """One article, its labels and its candidates described as features."""

    id: str
    real: bool
    gold: list[Label]
    optional: list[Label]
    negative: bool
    article: Article
    candidates: list[Candidate]
    names: list[list[str]] = field(default_factory=list)
    right: list[int] = field(default_factory=list)  # RIGHT, WRONG or UNDECIDED per candidate


def batch_of(ident: str) -> str:
    """The batch an article's id names: ``b19`` for ``b19-004``."""
    return ident.split("-")[0]


def batch_order(batch: str) -> tuple[int, str]:
    """A sort key that puts ``b9`` before ``b10``."""
    digits = batch.lstrip("b")
    return (int(digits), batch) if digits.isdigit() else (10**6, batch)


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value if len(value) == 10 else value[:7] + "-01")


def stated(c: Candidate) -> Label:
    """What a candidate announces, in the form labels and the scorer compare."""
    return {"title": c.title, "season": c.season, "date": c.value.value}


def _example(ident: str, text: str, record: dict[str, Any], *, real: bool) -> Example:
    article, candidates = propose(text, _published(record.get("published")))
    gold = list(record.get("announcements") or [])
    ex = Example(
        id=ident,
        real=real,
        gold=gold,
        optional=list(record.get("optional") or []),
        negative=bool(record.get("negative")),
        article=article,
        candidates=candidates,
    )
    ex.names = describe(article, candidates)
    for c in candidates:
        found = stated(c)
        if any(strict_match(g, found) for g in gold):
            ex.right.append(RIGHT)
        elif any(strict_match(o, found) for o in ex.optional):
            ex.right.append(UNDECIDED)  # a judgment call: taught neither way
        else:
            ex.right.append(WRONG)
    return ex


def covered(examples: Sequence[Example]) -> tuple[int, int]:
    """How many labelled announcements some candidate states exactly, and of how many.

    No decision can find what no candidate states: the first number over the second is the
    highest recall the candidates allow.
    """
    found = sum(
        1
        for ex in examples
        for gold in ex.gold
        if any(strict_match(gold, stated(c)) for c in ex.candidates)
    )
    return found, sum(len(ex.gold) for ex in examples)


def load_real(files: Sequence[Path], texts: Path) -> tuple[list[Example], list[str]]:
    """Read labelled real articles whose texts are rebuilt; say which could not be used."""
    out: list[Example] = []
    problems: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            ident = str(record["id"])
            text_path = texts / f"{ident}.txt"
            if not text_path.exists():
                problems.append(f"{ident}: no text at {text_path}")
                continue
            text = text_path.read_text(encoding="utf-8")
            want = record.get("text_sha256")
            if want and sha256(text) != want:
                problems.append(f"{ident}: text differs from the labelled one (hash)")
                continue
            out.append(_example(ident, text, record, real=True))
    return out, problems


def missing_texts(files: Sequence[Path], texts: Path) -> list[str]:
    """The ids of labelled real articles whose text is not rebuilt under ``texts``."""
    idents = [
        str(json.loads(line)["id"])
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [ident for ident in idents if not (texts / f"{ident}.txt").exists()]


def load_corpus(folder: Path) -> list[Example]:
    """Read the written corpus: ``NAME.txt`` with ``NAME.expected.json``."""
    out: list[Example] = []
    for txt in sorted(folder.glob("*.txt")):
        expected = txt.with_suffix(".expected.json")
        if expected.exists():
            record = json.loads(expected.read_text(encoding="utf-8"))
            out.append(_example(txt.stem, txt.read_text(encoding="utf-8"), record, real=False))
    return out
