"""How often two blind labelling passes agree: the figures in ``training/agreement.json``.

    python -m tracker.extract.training.agreement PASS1.jsonl PASS2.jsonl [--differences OUT]

Announcements match strictly (title, season, date and precision, as the scorer does), each used
once. Agreement is 2 * matched / (n1 + n2). An announcement that the other pass held as
``optional`` (a judgment call it saw and set aside) is excused: left out of both counts.
``agreement_no_optional_excuse`` counts it too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker.extract.training.evaluation import Label, same_title, strict_match

Record = dict[str, Any]


def _excused(found: Label, other: Record) -> bool:
    """Whether the other pass held this announcement as a judgment call."""
    return any(
        strict_match(o, found)
        or (same_title(o["title"], found["title"]) and o["date"] == found["date"])
        for o in other.get("optional") or []
    )


def _pair(first: list[Label], second: list[Label]) -> tuple[int, list[Label], list[Label]]:
    """Matched count, and what each side has that the other has not (each label used once)."""
    used: set[int] = set()
    only_first: list[Label] = []
    for a in first:
        k = next((k for k, b in enumerate(second) if k not in used and strict_match(a, b)), None)
        if k is None:
            only_first.append(a)
        else:
            used.add(k)
    only_second = [b for k, b in enumerate(second) if k not in used]
    return len(used), only_first, only_second


def compare(
    first: Sequence[Record], second: Sequence[Record]
) -> tuple[dict[str, float | int], list[str]]:
    """The agreement figures of two passes over the same articles, and one line per difference.

    Raises:
        ValueError: the passes do not hold the same article ids.
    """
    by_id = {str(r["id"]): r for r in second}
    if {str(r["id"]) for r in first} != set(by_id):
        raise ValueError("the two passes do not label the same articles")
    n1 = n2 = matched = excused1 = excused2 = same_negative = same_kind = 0
    differences: list[str] = []
    for a in sorted(first, key=lambda r: str(r["id"])):
        b = by_id[str(a["id"])]
        ann_a, ann_b = list(a.get("announcements") or []), list(b.get("announcements") or [])
        count, only_a, only_b = _pair(ann_a, ann_b)
        n1, n2, matched = n1 + len(ann_a), n2 + len(ann_b), matched + count
        excused1 += sum(1 for x in only_a if _excused(x, b))
        excused2 += sum(1 for x in only_b if _excused(x, a))
        same_negative += bool(a.get("negative")) == bool(b.get("negative"))
        same_kind += sum(
            1
            for x in ann_a
            if any(strict_match(x, y) and x.get("kind") == y.get("kind") for y in ann_b)
        )
        if only_a or only_b or bool(a.get("negative")) != bool(b.get("negative")):
            differences.append(
                f"{a['id']} only in pass 1: {_show(only_a)} | only in pass 2: {_show(only_b)}"
            )
    figures: dict[str, float | int] = {
        "articles": len(first),
        "pass1": n1,
        "pass2": n2,
        "matched": matched,
        "agreement": _ratio(2 * matched, n1 - excused1 + n2 - excused2),
        "negative_flag_agreement": _ratio(same_negative, len(first)),
        "kind_agreement_on_matched": _ratio(same_kind, matched),
        "agreement_no_optional_excuse": _ratio(2 * matched, n1 + n2),
    }
    return figures, differences


def _ratio(num: int, den: int) -> float:
    return round(num / den, 3) if den else 1.0


def _show(labels: list[Label]) -> str:
    return "; ".join(f"{x['title']} s={x.get('season')} {x['date']}" for x in labels) or "-"


def _read(path: Path) -> list[Record]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the agreement of two passes as JSON (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tracker.extract.training.agreement")
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--differences", type=Path, help="write one line per differing article")
    args = parser.parse_args(argv)
    try:
        figures, differences = compare(_read(args.first), _read(args.second))
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot compare: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(figures))
    if args.differences is not None:
        args.differences.write_text("".join(f"{d}\n" for d in differences), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
