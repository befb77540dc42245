"""The pure layers stay pure: convention 15."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"
FORBIDDEN = {
    "sqlmodel",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "httpx",
    "feedparser",
    "trafilatura",
    "htmldate",
    "apprise",
    "apscheduler",
    "typer",
    "click",
    "rich",
    "starlette",
    "uvicorn",
    "pydantic_settings",
}
PURE = ("core", "extract")
ALSO_ALLOWED = {"core": ("tracker.extract.records",)}  # core reasons about the extractor's values


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


FILES = [p for layer in PURE for p in sorted((PACKAGE / layer).rglob("*.py"))]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pure_layers_import_no_io_library_nor_other_layers(path: Path) -> None:
    layer = path.relative_to(PACKAGE).parts[0]
    for name in _imports(path):
        top = name.split(".")[0]
        assert top not in FORBIDDEN, f"{path.name} imports {name}"
        if top == "tracker":
            allowed = [f"tracker.{layer}", *ALSO_ALLOWED.get(layer, ())]
            assert name.startswith(tuple(allowed)), f"{path.name} imports {name}"


def test_the_walker_sees_every_form_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import httpx\nfrom sqlalchemy.orm import Session\n"
        "def f():\n    import typer.main\nfrom . import sibling\n",
        encoding="utf-8",
    )
    assert _imports(sample) == ["httpx", "sqlalchemy.orm", "typer.main"]
