"""The quick query path: `upcoming`, `show`, `search`, `changes` and `watch list` read a SQLite
file through the standard library. They must print byte for byte what the full path (settings,
SQLAlchemy) prints, fail the same way, and step aside whenever the settings could differ."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.test_queries_cli import ARTICLES as BASE_ARTICLES
from tests.support import Clock
from tracker.cli.main import app
from tracker.cli.reading import quick_settings
from tracker.db import migrate
from tracker.runtime import Runtime
from tracker.settings import Settings

runner = CliRunner()
ZONE = "America/New_York"
ARTICLES = [
    *BASE_ARTICLES,
    ("2017-03-11", "Cobalt Sky has been delayed to April 28, Netflix said."),
]
QUERIES = [
    ["upcoming", "--from", "2017-03-14", "--days", "400", "--json"],
    ["upcoming", "--from", "2017-03-14", "--days", "400", "--include-tba", "--csv"],
    ["upcoming", "--from", "2017-03-14", "--days", "400", "--include-tba"],
    ["upcoming", "--from", "2017-03-14", "--to", "2017-05-01", "--platform", "netflix"],
    ["upcoming", "--from", "2017-03-14", "--days", "400", "--watched", "--jsonl"],
    ["upcoming", "--from", "2017-03-14", "--days", "400", "--min-precision", "month"],
    ["show", "Night Harbor", "--json"],
    ["show", "cobalt sky"],
    ["show", "Night Harbor", "--claims", "1"],
    ["show", "night harbor", "--claims", "1", "--json"],
    ["search", "harbor", "--json"],
    ["search", "glass"],
    ["changes", "--since", "2017-01-01", "--json"],
    ["changes", "--since", "2017-01-01"],
    ["watch", "list"],
    ["upcoming", "--from", "2030-01-01", "--days", "5"],
    ["show", "Nothing Like It"],
    ["search", "zzzz"],
]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file filled by the real ingest path, with a watch list."""
    folder = tmp_path_factory.mktemp("quick")
    path = folder / "tracker.sqlite3"
    rt = Runtime(
        settings=Settings(database_url=f"sqlite:///{path}", data_dir=folder, timezone=ZONE),
        clock=Clock(datetime(2017, 3, 14, 12, 0, tzinfo=UTC)),
    )
    migrate.upgrade(rt.engine)
    for published, text in ARTICLES:
        done = runner.invoke(app, ["ingest", "-", "--published", published], obj=rt, input=text)
        assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["watch", "add", "Night Harbor", "Not Out Yet"], obj=rt)
    assert done.exit_code == 0, done.output
    rt.close()
    return path


def run(args: list[str], *, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        env={"PATH": os.environ.get("PATH", ""), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def both_paths(
    args: list[str], env: dict[str, str], tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """The quick path's run, then the full path's (a `.env` file sends it there)."""
    quick_dir, full_dir = tmp_path / "quick", tmp_path / "full"
    quick_dir.mkdir(parents=True)
    full_dir.mkdir(parents=True)
    (full_dir / ".env").write_text("# nothing set here\n", encoding="utf-8")
    return run(args, env=env, cwd=quick_dir), run(args, env=env, cwd=full_dir)


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: " ".join(a))
def test_quick_path_prints_what_the_full_path_prints(
    args: list[str], database: Path, tmp_path: Path
) -> None:
    env = {"TRACKER_DATABASE_URL": f"sqlite:///{database}", "TRACKER_TIMEZONE": ZONE}
    quick, full = both_paths(args, env, tmp_path)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    assert quick.returncode in (0, 7), quick.stderr  # 7: no such work


def test_the_quick_path_found_the_data(database: Path, tmp_path: Path) -> None:
    env = {"TRACKER_DATA_DIR": str(database.parent), "TRACKER_TIMEZONE": ZONE}
    done = run(
        ["upcoming", "--from", "2017-03-14", "--days", "400", "--json"], env=env, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["title"], r["date"]) for r in rows] == [
        ("Glass Orchard", "2017-04-07"),
        ("Cobalt Sky", "2017-04-28"),
        ("Night Harbor", "2017-07-14"),
        ("Paper Kingdom", "2018"),
    ]
    shown = json.loads(run(["show", "Cobalt Sky", "--json"], env=env, cwd=tmp_path).stdout)
    (release,) = shown["releases"]
    assert [h["change"] for h in release["history"]] == ["new", "delayed"]
    assert release["history"][0]["recorded_at"] == "2017-03-14T12:00:00+00:00"
    assert [s["date"] for s in release["sightings"]] == ["2017-03-24", "2017-04-28"]


def test_a_missing_database_is_reported_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "tracker.sqlite3"
    env = {"TRACKER_DATABASE_URL": f"sqlite:///{path}"}
    done = run(["upcoming"], env=env, cwd=tmp_path)
    assert done.returncode == 5
    assert done.stderr == (
        "tracker: the database is empty, this tracker needs 0006: run `tracker db upgrade`\n"
    )
    assert not path.exists()


def test_an_old_schema_and_a_file_that_is_no_database_fail_as_the_full_path_does(
    database: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.sqlite3"
    old.write_bytes(database.read_bytes())
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0005'")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database, just some text " * 200)
    for path, code in ((old, 5), (junk, 4)):
        env = {"TRACKER_DATABASE_URL": f"sqlite:///{path}"}
        quick, full = both_paths(["upcoming"], env, tmp_path / path.stem)
        assert quick.returncode == full.returncode == code
        assert quick.stderr == full.stderr
        assert quick.stderr.startswith("tracker: ")
        assert "Traceback" not in quick.stderr


def test_only_plain_sqlite_settings_take_the_quick_path(tmp_path: Path) -> None:
    base = {"TRACKER_DATA_DIR": str(tmp_path)}
    found = quick_settings(base, tmp_path)
    assert found is not None
    assert found.database == tmp_path / "tracker.sqlite3"
    assert str(found.zone) == "UTC"
    lower = quick_settings({"tracker_database_url": "sqlite:////srv/t.db"}, tmp_path)
    assert lower is not None  # the settings read variables whatever their case
    assert lower.database == Path("/srv/t.db")
    for env in (
        {"TRACKER_DATABASE_URL": "postgresql+psycopg://u@h/db"},
        {"TRACKER_DATABASE_URL": "sqlite://"},
        {"TRACKER_DATABASE_URL": "sqlite:///t.db?mode=ro"},
        {"TRACKER_TIMEZONE": "Mars/Olympus_Mons"},
    ):
        assert quick_settings(env, tmp_path) is None, env
    (tmp_path / ".env").write_text("TRACKER_TIMEZONE=Europe/Berlin\n", encoding="utf-8")
    assert quick_settings(base, tmp_path) is None


def test_an_unknown_time_zone_is_still_reported(database: Path, tmp_path: Path) -> None:
    env = {"TRACKER_DATABASE_URL": f"sqlite:///{database}", "TRACKER_TIMEZONE": "Mars/Base"}
    done = run(["upcoming"], env=env, cwd=tmp_path)
    assert done.returncode == 3
    assert "Mars/Base" in done.stderr
    assert "Traceback" not in done.stderr
