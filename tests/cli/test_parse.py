from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tracker.cli import parse

ARTICLE = (
    "Iron Fist will premiere this Friday, March 17th on Netflix. "
    "The Defenders will arrive sometime this summer.\n"
)


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """Test root."""

    parse.register(app)
    return app


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_gives_one_array_per_file(app: typer.Typer, article: Path) -> None:
    result = CliRunner().invoke(app, ["parse", str(article), "--published", "2017-03-14", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout.strip())
    assert {(r["title"], r["date"]) for r in rows} >= {
        ("Iron Fist", "2017-03-17"),
        ("The Defenders", "2017-summer"),
    }


def test_jsonl_has_a_file_key(app: typer.Typer, article: Path) -> None:
    result = CliRunner().invoke(
        app, ["parse", str(article), "--published", "2017-03-14", "--jsonl"]
    )
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines
    assert all(line["file"] == str(article) for line in lines)


def test_table_is_the_default(app: typer.Typer, article: Path) -> None:
    result = CliRunner().invoke(app, ["parse", str(article), "--published", "2017-03-14"])
    assert result.exit_code == 0
    assert "Iron Fist" in result.stdout


def test_missing_file_is_reported_and_others_still_parsed(
    app: typer.Typer, article: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(app, ["parse", str(missing), str(article), "--json"])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.output
    assert "Iron Fist" in result.stdout


def test_bad_published_exits_2(app: typer.Typer, article: Path) -> None:
    result = CliRunner().invoke(app, ["parse", str(article), "--published", "14/03/2017"])
    assert result.exit_code == 2
    assert "--published" in result.stderr


def test_batch_keeps_order_and_reads_month_dates(app: typer.Typer, tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    records = [
        {"id": "b", "text": ARTICLE, "published": "2017-03-14"},
        {"id": "a", "text": "Nothing here.", "published": "2017-03"},
        {"id": "c", "text": ARTICLE, "published": None},
    ]
    batch.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", "--batch", str(batch)])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["b", "a", "c"]
    assert out[1]["announcements"] == []
    assert any(a["date"] == "2017-03-17" for a in out[0]["announcements"])


def test_a_bad_batch_line_never_takes_the_id_of_the_line_before(
    app: typer.Typer, tmp_path: Path
) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": "good", "text": ARTICLE, "published": "2017-03-14"})
        + "\n"
        + '{"id": "cut", "text": "Iron Fist will\n'  # a record cut in two by a stray newline
        + "not json at all\n"
        + json.dumps({"id": "typed", "text": 5})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["parse", "--batch", str(batch)])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], "error" in o) for o in out] == [
        ("good", False),
        (None, True),
        (None, True),
        ("typed", True),
    ]


def test_help_has_an_example(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["parse", "--help"])
    assert result.exit_code == 0
    assert "tracker parse" in result.stdout


def test_batch_through_python_m_tracker(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": 1, "text": ARTICLE, "published": "2017-03-14"}) + "\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "parse", "--batch", str(batch)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert json.loads(line)["id"] == 1
