"""The local cache of real article texts: plan its rebuild, save one text, check them all.

The texts are never in the repository (``training/README.md``). Rebuilding them means running
each record's query in the ``pages`` corpus of the search tool and saving the excerpt whose URL
is the record's, byte for byte. Only an agent with that tool can run the queries, so this module
does the rest:

    python -m tracker.extract.training.texts plan --out chunks/ --parts 8 [GOLD.jsonl ...]
    python -m tracker.extract.training.texts save ID --texts ../real-texts < excerpt.json
    python -m tracker.extract.training.texts check --texts ../real-texts

``plan`` groups the records by query (one search serves every record it returns) into parts of
about equal size, one JSON line per query. ``save`` reads the excerpt as the JSON string literal
the search tool prints, so no shell or editor can change a byte of it, and says at once whether
its SHA-256 is the label's. ``check`` lists what is missing or differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parents[3]
LABELS = ROOT / "training" / "labels"


@dataclass(frozen=True, slots=True)
class Record:
    """What rebuilding one text needs: where to save it, how to find it, what it must hash to."""

    id: str
    url: str
    query: str
    sha256: str | None


class QueryGroup(TypedDict):
    """One search to run, and the records whose text it returns."""

    query: str
    records: list[dict[str, str]]


def read_records(files: Iterable[Path]) -> list[Record]:
    """The records of labelled JSONL files (development set records have no hash)."""
    out: list[Record] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append(Record(str(r["id"]), r["url"], r["query"], r.get("text_sha256")))
    return out


def plan(records: Sequence[Record], parts: int) -> list[list[QueryGroup]]:
    """Group records by query, then deal the queries into ``parts`` of about equal size.

    The biggest queries are dealt first, each to the part with the fewest records so far.
    """
    by_query: dict[str, list[Record]] = {}
    for r in records:
        by_query.setdefault(r.query, []).append(r)
    out: list[list[QueryGroup]] = [[] for _ in range(max(1, parts))]
    sizes = [0] * len(out)
    for query, members in sorted(by_query.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        k = sizes.index(min(sizes))
        out[k].append({"query": query, "records": [{"id": r.id, "url": r.url} for r in members]})
        sizes[k] += len(members)
    return out


def sha256(text: str) -> str:
    """The hash labels record: SHA-256 of the text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save(ident: str, literal: str, folder: Path, want: str | None) -> str:
    """Write ``ID.txt`` from the excerpt's JSON string literal; say whether it hashes right.

    Raises:
        ValueError: ``literal`` is not one JSON string.
    """
    try:
        text = json.loads(literal)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{ident}: not a JSON string literal ({exc.msg})") from exc
    if not isinstance(text, str):
        raise ValueError(f"{ident}: expected a JSON string, got {type(text).__name__}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{ident}.txt").write_text(text, encoding="utf-8", newline="")
    if want is None:
        return f"{ident}: saved ({len(text)} characters, no hash to check)"
    got = sha256(text)
    if got == want:
        return f"{ident}: OK"
    return f"{ident}: MISMATCH (saved; hash {got[:12]}, label {want[:12]})"


def check(records: Sequence[Record], folder: Path) -> tuple[list[str], list[str]]:
    """The ids whose text is missing, and those whose text differs from the labelled one."""
    missing: list[str] = []
    differ: list[str] = []
    for r in records:
        path = folder / f"{r.id}.txt"
        if not path.exists():
            missing.append(r.id)
        elif r.sha256 and sha256(path.read_text(encoding="utf-8")) != r.sha256:
            differ.append(r.id)
    return missing, differ


def main(argv: Sequence[str] | None = None) -> int:
    """Run one of ``plan``, ``save`` and ``check`` (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tracker.extract.training.texts")
    parser.add_argument("--labels", type=Path, default=LABELS, help="folder of labelled JSONL")
    commands = parser.add_subparsers(dest="command", required=True)
    planning = commands.add_parser("plan", help="group the records by query into parts")
    planning.add_argument("extra", nargs="*", type=Path, help="more JSONL (the dev set)")
    planning.add_argument("--out", type=Path, required=True)
    planning.add_argument("--parts", type=int, default=8)
    planning.add_argument(
        "--missing-in",
        type=Path,
        metavar="DIR",
        help="plan only the records whose text DIR does not hold yet (finish a partial rebuild)",
    )
    saving = commands.add_parser("save", help="save one excerpt read from standard input")
    saving.add_argument("id")
    saving.add_argument("--texts", type=Path, default=ROOT.parent / "real-texts")
    checking = commands.add_parser("check", help="list missing and changed texts")
    checking.add_argument("--texts", type=Path, default=ROOT.parent / "real-texts")
    args = parser.parse_args(argv)
    # beside the labels, the batches labelled and scored at first sight but not yet learned from
    pending = args.labels.parent / "pending"
    label_files = sorted(args.labels.glob("*.jsonl")) + sorted(pending.glob("*.jsonl"))
    if args.command == "plan":
        records_planned = read_records([*label_files, *args.extra])
        if args.missing_in is not None:
            lacking = set(check(records_planned, args.missing_in)[0])
            records_planned = [r for r in records_planned if r.id in lacking]
        parts = plan(records_planned, args.parts)
        args.out.mkdir(parents=True, exist_ok=True)
        for k, part in enumerate(parts):
            lines = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in part)
            (args.out / f"part{k}.jsonl").write_text(lines, encoding="utf-8")
        queries = sum(len(part) for part in parts)
        print(f"{len(records_planned)} records, {queries} queries, in {len(parts)} parts")
        return 0
    records = read_records(label_files)
    if args.command == "save":
        want = next((r.sha256 for r in records if r.id == args.id), None)
        try:
            print(save(args.id, sys.stdin.read().strip(), args.texts, want))
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        return 0
    missing, differ = check(records, args.texts)
    print(f"{len(records) - len(missing) - len(differ)} of {len(records)} texts match")
    for ident in missing:
        print(f"missing {ident}")
    for ident in differ:
        print(f"differs {ident}")
    return 1 if missing or differ else 0


if __name__ == "__main__":
    sys.exit(main())
