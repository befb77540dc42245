"""Instructions the extractor executes per article: a speed figure that load does not move.

Run: python benchmarks/bench_instructions.py [TEXTS_DIR] [--limit N]

Wall and CPU time on a shared machine move by a quarter within an hour; the count of executed
instructions does not. Under valgrind's callgrind, the texts are extracted once after start-up
and warm-up, and the count of a run that stops before that pass is subtracted, so start-up and
imports fall out. Needs ``valgrind`` on the PATH (about fifty times slower than a plain run, so
the texts are limited to the first 100 by default). Texts default as in ``bench_extract.py``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import _texts_dir  # type: ignore[import-not-found]  # noqa: E402

#: The child: read the texts, warm up, empty the memo caches, and extract each text ``passes``
#: times (0: start-up and warm-up only).
_CHILD = """
import datetime as dt, functools, gc, sys
from pathlib import Path
from tracker.extract import extract_announcements
folder, limit, passes = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:limit]]
published = dt.date(2020, 1, 15)
for text in texts:
    extract_announcements(text, published=published)
for value in list(gc.get_objects()):
    if (isinstance(value, functools._lru_cache_wrapper)
            and getattr(value, "__module__", "").startswith("tracker.extract")
            and value.__qualname__ != "shipped"):
        value.cache_clear()
for _ in range(passes):
    for text in texts:
        extract_announcements(text, published=published)
"""


def _instructions(folder: Path, limit: int, passes: int) -> int:
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            _CHILD,
            str(folder),
            str(limit),
            str(passes),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed: {done.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("texts", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: this benchmark counts instructions with it")
    if args.texts is not None:
        sys.argv[1:] = [str(args.texts)]
    else:
        sys.argv[1:] = []
    folder = _texts_dir()
    count = min(args.limit, len(list(folder.glob("*.txt"))))
    base = _instructions(folder, args.limit, 0)
    one = _instructions(folder, args.limit, 1)
    print(f"texts: {count} from {folder}")
    print(f"extract_announcements: {(one - base) / count / 1e6:.2f} million instructions/article")


if __name__ == "__main__":
    main()
