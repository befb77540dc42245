"""Whether a change leaves the extractor's output as it was: a fingerprint of all it announces.

Run: python benchmarks/extract_fingerprint.py [--save FILE] [--compare FILE] [--limit N]

A speed or layout change must not move a single announcement, and the written corpus's tests
only check what each article's expected file lists. This reads more: every written corpus article
at its own publication date, every sentence of the pattern tables in ``tests/extract``, and four
texts derived from each of them (its lines shuffled, its sentences shuffled, joined to another,
its quotes straightened or its letters in capitals). It prints the SHA-256 of everything the
extractor announces for them (title, season, kind, date, precision, platform, evidence and its
offsets, confidence), with the counts of texts and announcements.

``--save FILE`` also writes each text's announcements; on another commit, ``--compare FILE``
names every text whose announcements differ from the saved ones and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the checkout's own package and tests, wherever it is run

from tracker.extract import extract_announcements  # noqa: E402

CORPUS = ROOT / "tests" / "extract" / "corpus"
#: The pattern tables, read with the publication date their tests use.
PATTERN_TABLES = (
    ("tests.extract.test_patterns", "CASES"),
    ("tests.extract.test_patterns_context", "CASES"),
    ("tests.extract.test_patterns_context", "KIND_CASES"),
)
PATTERN_DATE = dt.date(2024, 1, 10)
SEED = 7

Input = tuple[str, str, dt.date | None]


def corpus_inputs(corpus: Path = CORPUS) -> list[Input]:
    """Each written article, named by its file, at the publication date its expected file gives."""
    out: list[Input] = []
    for path in sorted(corpus.glob("*.txt")):
        expected = path.with_name(f"{path.stem}.expected.json")
        published = None
        if expected.exists():
            day = json.loads(expected.read_text(encoding="utf-8")).get("published")
            published = dt.date.fromisoformat(day) if day else None
        out.append((path.stem, path.read_text(encoding="utf-8"), published))
    return out


def derived_inputs(articles: list[Input]) -> list[Input]:
    """Texts made from the written ones, so that rules meet layouts nobody wrote them for."""
    rng = random.Random(SEED)
    out: list[Input] = []
    for k, (name, text, published) in enumerate(articles):
        lines = text.split("\n")
        rng.shuffle(lines)
        out.append((f"{name}~lines", "\n".join(lines), published))
        other = articles[(k * 7 + 3) % len(articles)][1]
        out.append((f"{name}~joined", f"{text}\n\n{other}", published))
        sentences = text.replace("\n", " ").split(". ")
        rng.shuffle(sentences)
        out.append((f"{name}~sentences", ". ".join(sentences), published))
        if k % 5 == 0:
            out.append((f"{name}~capitals", text.upper(), published))
        else:
            plain = text.replace('"', "").replace("\u2019", "'")
            out.append((f"{name}~plain-quotes", plain, published))
    return out


def pattern_inputs() -> list[Input]:
    """The sentences of the pattern tables (a checkout's tests; none in an installed package)."""
    out: list[Input] = []
    for module, table in PATTERN_TABLES:
        try:
            cases = getattr(importlib.import_module(module), table)
        except ImportError:
            continue
        out += [(f"{module}.{table}[{k}]", text, PATTERN_DATE) for k, (text, _) in enumerate(cases)]
    return out


def all_inputs(limit: int | None = None) -> list[Input]:
    """Every input, in a fixed order; ``limit`` keeps the first articles and pattern sentences."""
    written = [*corpus_inputs()[:limit], *pattern_inputs()[:limit]]
    return [*written, *derived_inputs(written)]


def announced(inputs: list[Input]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Each input's name and what the extractor announces for it, every field included."""
    for name, text, published in inputs:
        found = extract_announcements(text, published=published)
        yield name, [{**a.to_dict(), "confidence": repr(a.confidence)} for a in found]


def digest(found: list[dict[str, Any]]) -> str:
    """A stable hash of one text's announcements."""
    return hashlib.sha256(json.dumps(found, sort_keys=True).encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Print the fingerprint; save or compare each text's announcements on request."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, metavar="FILE", help="write each text's output")
    parser.add_argument("--compare", type=Path, metavar="FILE", help="a file --save wrote")
    parser.add_argument("--limit", type=int, help="only the first N articles and N patterns")
    args = parser.parse_args(argv)
    earlier: dict[str, list[dict[str, Any]]] = {}
    if args.compare is not None:
        try:
            earlier = json.loads(args.compare.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"cannot read {args.compare}: {exc}", file=sys.stderr)
            return 2
    whole = hashlib.sha256()
    outputs: dict[str, list[dict[str, Any]]] = {}
    count = 0
    for name, found in announced(all_inputs(args.limit)):
        outputs[name] = found
        whole.update(f"{name}\x00{digest(found)}\n".encode())
        count += len(found)
    print(f"{whole.hexdigest()}  {len(outputs)} texts, {count} announcements")
    if args.save is not None:
        args.save.write_text(json.dumps(outputs, indent=1, sort_keys=True) + "\n", "utf-8")
    if args.compare is None:
        return 0
    changed = [n for n in outputs if n in earlier and digest(earlier[n]) != digest(outputs[n])]
    unmatched = sorted(outputs.keys() ^ earlier.keys())
    for name in changed:
        print(f"changed: {name}")
        print(f"  before: {json.dumps(earlier[name], sort_keys=True)}")
        print(f"  now:    {json.dumps(outputs[name], sort_keys=True)}")
    if unmatched:
        print(f"{len(unmatched)} texts only on one side (first: {', '.join(unmatched[:3])})")
    print(f"{len(changed)} of {len(outputs)} texts read differently")
    return 1 if changed or unmatched else 0


if __name__ == "__main__":
    sys.exit(main())
