"""How commands print: a table on a terminal, plain stable lines when piped, or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import typer

#: The ``--json`` flag of the commands that print records.
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def is_terminal() -> bool:
    """True when standard output is a terminal (tables); False when piped (plain lines)."""
    return sys.stdout.isatty()


def show_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A rich table on a terminal; tab-separated lines with a header row when piped."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if is_terminal():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column)
        for row in cells:
            table.add_row(*row)
        Console().print(table)
        return
    print("\t".join(columns))
    for row in cells:
        print("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))


def show_json(value: Any) -> None:
    """One JSON document, UTF-8, keys in the order given."""
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def show_jsonl(values: Sequence[Mapping[str, Any]]) -> None:
    """One JSON object per line."""
    for value in values:
        print(json.dumps(value, ensure_ascii=False, default=str))


def err(message: str) -> None:
    """A line for the person at the terminal, on stderr (never mixed into piped output)."""
    print(message, file=sys.stderr)
