"""Start-up: what a command loads. A query typed at a prompt must not pay for the extractor,
the calendar renderer or the web stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_runtime
from tracker.db import migrate

HEAVY = ("tracker.extract.extractor", "icalendar", "starlette", "uvicorn", "trafilatura", "rich")
DATABASE_LAYER = ("sqlalchemy", "sqlmodel", "pydantic", "pydantic_settings", "tracker.settings")
PROBE = """
import json, sys
from tracker.cli.entry import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded(args: list[str], tmp_path: Path, *, cwd: Path | None = None) -> set[str]:
    url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    rt = make_runtime(url, tmp_path)
    migrate.upgrade(rt.engine)
    rt.close()
    env = {"TRACKER_DATABASE_URL": url, "TRACKER_DATA_DIR": str(tmp_path), "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd or tmp_path,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, 2), done.stderr[:500]  # 2: "nothing is known yet" for show
    return set(report["modules"])


@pytest.mark.parametrize(
    "args",
    [
        ["upcoming", "--json"],
        ["upcoming"],
        ["show", "Nothing Yet", "--json"],
        ["search", "nothing"],
        ["changes"],
        ["watch", "list"],
    ],
    ids=lambda a: " ".join(a),
)
def test_query_commands_load_no_extractor_renderer_or_web_stack(
    args: list[str], tmp_path: Path
) -> None:
    modules = loaded(args, tmp_path)
    assert "tracker.cli.main" in modules  # the probe ran the real command line
    assert not [m for m in HEAVY if m in modules]
    # on a plain SQLite file the query reads it through sqlite3: no settings, no ORM
    assert not [m for m in DATABASE_LAYER if m in modules]


def test_a_dotenv_file_sends_queries_the_full_way(tmp_path: Path) -> None:
    here = tmp_path / "project"
    here.mkdir()
    (here / ".env").write_text("# read by the settings\n", encoding="utf-8")
    modules = loaded(["upcoming", "--json"], tmp_path, cwd=here)
    assert {"sqlalchemy", "tracker.settings"} <= modules


def test_version_loads_neither_the_cli_library_nor_the_database() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("tracker ")
    modules = set(json.loads(done.stderr.strip().splitlines()[-1])["modules"])
    assert not {"typer", "sqlalchemy", "pydantic"} & modules
