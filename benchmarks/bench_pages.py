"""Reading pages as text: time per character of ordinary and hostile HTML, at three sizes.

Run: python benchmarks/bench_pages.py [--sizes 100000 400000 1600000]

Hostile pages are made of constructs that never close ("<!--", "<x ", "<p a='"), which the
standard library's HTML parser used to read in time growing with the square of their number;
a flat microseconds-per-character column across sizes shows the reading is linear.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable

from tracker.errors import SourceError
from tracker.ingest.pages import extract_page, html_to_text

_ORDINARY = (
    "<article><h2>Copper Lantern sets a date</h2><p>The period drama <em>Copper Lantern</em> "
    "will premiere on Thursday, September 14, on BBC One.</p><p>Its six episodes follow a "
    "lamplighter.</p></article>\n"
)
PAGES = {
    "ordinary": _ORDINARY,
    "unclosed comments": "<!--",
    "unclosed tags": "<x ",
    "unclosed quoted attributes": "<p a='",
}


def _seconds(read: Callable[[str], object], html: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(SourceError):  # a page with no text is an answer too
        read(html)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_600_000])
    args = parser.parse_args()
    readers = {
        "html_to_text": html_to_text,
        "extract_page": lambda html: extract_page(html, url="https://news.example/a"),
    }
    for name, unit in PAGES.items():
        for reader, read in readers.items():
            cells = []
            for size in args.sizes:
                html = (unit * (size // len(unit) + 1))[:size]
                took = _seconds(read, html)
                cells.append(f"{size // 1000} kB {took:6.2f} s ({took * 1e6 / size:5.2f} us/char)")
            print(f"{reader} on {name}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
