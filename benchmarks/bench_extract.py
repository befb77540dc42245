"""Speed of the extractor: articles/s, ratio to dateparser's search, linearity, batch wall time.

Run: python benchmarks/bench_extract.py [TEXTS_DIR]   (or set TRACKER_BENCH_TEXTS)
Texts default to the real articles rebuilt in ../real-texts next to the checkout (see
training/README.md), else ../dev-texts, else the written corpus in tests/extract/corpus.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from tracker.extract import extract_announcements

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = dt.date(2020, 1, 15)


def _texts_dir() -> Path:
    given = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRACKER_BENCH_TEXTS")
    for candidate in (given, ROOT.parent / "real-texts", ROOT.parent / "dev-texts"):
        if candidate and Path(candidate).is_dir() and any(Path(candidate).glob("*.txt")):
            return Path(candidate)
    return ROOT / "tests" / "extract" / "corpus"


def _forget() -> None:
    """Empty the extractor's memo caches (the weights aside), so a pass reads its texts as new.

    Without this, a second pass over the same texts finds many of its answers cached and
    reports a rate no stream of new articles would reach.
    """
    for value in list(gc.get_objects()):
        if (
            isinstance(value, functools._lru_cache_wrapper)
            and getattr(value, "__module__", "").startswith("tracker.extract")
            and value.__qualname__ != "shipped"
        ):
            value.cache_clear()


def _rate(texts: list[str], run: object, min_seconds: float) -> tuple[float, float]:
    """Articles per CPU second of ``run`` over ``texts``: over all passes, and in the best pass.

    Each pass reads the texts as new. CPU time of this process, not wall time, and the best pass
    beside the mean: on a shared machine a neighbour's load moves these less. Passes repeat for
    at least ``min_seconds``.
    """
    done = 0
    spent = 0.0
    best = float("inf")
    while spent < min_seconds:
        _forget()
        start = time.process_time()
        for text in texts:
            run(text)  # type: ignore[operator]
        took = time.process_time() - start
        spent += took
        best = min(best, took)
        done += len(texts)
    return done / spent, len(texts) / best


def _search_dates(text: str) -> None:
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search_dates(text, languages=["en"])


def _linearity(texts: list[str]) -> list[tuple[int, float]]:
    blob = "\n\n".join(texts)
    out = []
    for size in (10_000, 100_000, 1_000_000):
        text = (blob * (size // max(1, len(blob)) + 1))[:size]
        start = time.perf_counter()
        extract_announcements(text, published=PUBLISHED)
        out.append((size, time.perf_counter() - start))
    return out


def _rows_under_date_lines(size: int) -> str:
    return "\n".join(f"May {i % 28 + 1}\nShow {i} Title" for i in range(size // 20))


def _rows_under_one_date(size: int) -> str:
    return "May 3\n" + "\n".join(f"Show {i} Title" for i in range(size // 14))


def _one_listing_sentence(size: int) -> str:
    listed = ", ".join(f"Show{i} Name (Netflix, May {i % 28 + 1})" for i in range(size // 30))
    return f"The shows {listed} premiere."


#: Layouts that once made the extractor quadratic, each grown to a size: rows of a schedule
#: under many date lines, thousands of rows under one date line (every row's date stands far
#: above it), and one sentence listing works with their dates.
_SHAPES: dict[str, Callable[[int], str]] = {
    "rows under date lines": _rows_under_date_lines,
    "rows under one date": _rows_under_one_date,
    "one listing sentence": _one_listing_sentence,
}
_SHAPE_SIZES = (20_000, 80_000, 320_000)


def _shapes() -> list[tuple[str, list[tuple[int, float]]]]:
    """Microseconds a character for each layout at each size: a flat row is linear."""
    out = []
    for name, make in _SHAPES.items():
        row = []
        for size in _SHAPE_SIZES:
            text = make(size)
            start = time.process_time()
            extract_announcements(text, published=PUBLISHED)
            row.append((len(text), (time.process_time() - start) / len(text) * 1e6))
        out.append((name, row))
    return out


def _batch_wall_time(texts: list[str], count: int = 1000) -> float | None:
    """Wall time of `python -m tracker parse --batch` on ``count`` articles, or None if it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(count):
                record = {"id": f"a{i}", "text": texts[i % len(texts)], "published": "2020-01-15"}
                f.write(json.dumps(record) + "\n")
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "parse", "--batch", str(path)],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        if done.returncode != 0:
            print(f"tracker parse --batch failed: {done.stderr.strip().splitlines()[-1:]}")
            return None
        return time.perf_counter() - start


def _reliability() -> None:
    """The shipped model's reliability table: cross-validated (from training), then first sight."""
    from tracker.extract.model.logistic import shipped

    model = shipped()
    if model is None:
        print("reliability: no weights shipped")
        return
    for key, label in (
        ("cv_reliability", "cross-validated probability, before calibration"),
        ("first_sight_reliability", "first sight, calibrated confidence"),
    ):
        lines = model.meta.get(key)
        if lines:
            print(f"reliability ({label}, real articles):")
            for line in lines:
                print(f"  {line}")


def main() -> None:
    _reliability()
    folder = _texts_dir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    print(f"texts: {len(texts)} from {folder} (mean {sum(map(len, texts)) // len(texts)} chars)")
    extract_announcements(texts[0], published=PUBLISHED)  # warm up imports and caches
    ours, ours_best = _rate(texts, lambda t: extract_announcements(t, published=PUBLISHED), 5.0)
    _search_dates(texts[0])
    theirs, _ = _rate(texts, _search_dates, 3.0)
    print(
        f"extract_announcements: {ours:8.1f} articles/s, best pass {ours_best:.1f}/s "
        "(one core, CPU time, caches emptied before each pass)"
    )
    print(f"dateparser search_dates: {theirs:8.1f} articles/s")
    print(f"ratio: {ours / theirs:.1f}x")
    for size, seconds in _linearity(texts):
        print(
            f"linearity: {size // 1000:>5} KB in {seconds * 1000:8.1f} ms "
            f"({seconds * 1e6 / size:.2f} us/char)"
        )
    for name, row in _shapes():
        sizes = "  ".join(f"{size // 1000:>4} KB {us:6.2f}" for size, us in row)
        print(f"linearity, {name}: {sizes} us/char")
    wall = _batch_wall_time(texts)
    if wall is not None:
        print(f"tracker parse --batch, 1000 articles, start-up included: {wall:.2f} s")


if __name__ == "__main__":
    main()
