from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker import __version__
from tracker.cli.main import main
from tracker.errors import exit_code_table


def run_cli(
    *args: str, tmp_path: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tracker` as a user would, with its own data folder."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    full_env["TRACKER_DATA_DIR"] = str(tmp_path / "data")
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=tmp_path,
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"tracker {__version__}"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("db", "config"):
        assert name in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert "No such command" in capsys.readouterr().err


def test_fresh_machine_upgrade_then_current(tmp_path: Path) -> None:
    before = run_cli("db", "current", "--check", tmp_path=tmp_path)
    assert before.returncode == 5
    assert "empty" in before.stdout
    assert "run `tracker db upgrade`" in before.stdout
    up = run_cli("db", "upgrade", tmp_path=tmp_path)
    assert up.returncode == 0, up.stderr
    assert (tmp_path / "data" / "tracker.sqlite3").is_file()
    assert "upgraded from empty" in up.stdout
    again = run_cli("db", "upgrade", tmp_path=tmp_path)
    assert "already at revision" in again.stdout
    now = run_cli("db", "current", "--check", tmp_path=tmp_path)
    assert now.returncode == 0
    assert "up to date" in now.stdout


@pytest.mark.parametrize(
    ("url", "code", "words"),
    [
        ("not a url at all", 3, "invalid database URL"),
        ("mysql://root@127.0.0.1/test", 3, "unsupported database"),
        ("postgresql+psycopg://tracker:hunter2@127.0.0.1:1/none", 4, "cannot use the database"),
    ],
    ids=["malformed", "unsupported", "unreachable-postgres"],
)
def test_database_problems_are_one_line_and_an_exit_code(
    tmp_path: Path, url: str, code: int, words: str
) -> None:
    result = run_cli("db", "current", tmp_path=tmp_path, env={"TRACKER_DATABASE_URL": url})
    assert result.returncode == code
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "hunter2" not in result.stderr  # never print a password


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    impostor = tmp_path / "notes.txt"
    impostor.write_text("shopping list\n" * 200)
    result = run_cli(
        "db", "upgrade", tmp_path=tmp_path, env={"TRACKER_DATABASE_URL": f"sqlite:///{impostor}"}
    )
    assert result.returncode == 4
    assert "is not a SQLite database" in result.stderr
    assert "Traceback" not in result.stderr
    assert impostor.read_text() == "shopping list\n" * 200  # left as it was


def test_a_bad_setting_names_the_variable(tmp_path: Path) -> None:
    result = run_cli("db", "current", tmp_path=tmp_path, env={"TRACKER_TIMEZONE": "Nowhere/Land"})
    assert result.returncode == 3
    assert result.stderr.strip() == (
        "tracker: invalid setting TRACKER_TIMEZONE: unknown time zone 'Nowhere/Land'"
    )


def test_a_data_folder_that_cannot_be_made_is_a_setting_to_fix(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    folder = blocker / "data"  # below a file: no folder can be made there
    upgrade = run_cli("db", "upgrade", tmp_path=tmp_path, env={"TRACKER_DATA_DIR": str(folder)})
    assert upgrade.returncode == 3, upgrade.stderr
    assert upgrade.stderr.startswith(f"tracker: cannot create the database's folder {folder}: ")
    assert "internal error" not in upgrade.stderr
    database = f"sqlite:///{tmp_path / 'ok.sqlite3'}"
    env = {"TRACKER_DATA_DIR": str(folder), "TRACKER_DATABASE_URL": database}
    assert run_cli("db", "upgrade", tmp_path=tmp_path, env=env).returncode == 0
    secret = run_cli("subscriptions", "add", "me", tmp_path=tmp_path, env=env)
    assert secret.returncode == 3, secret.stderr
    assert secret.stderr.startswith(
        f"tracker: cannot create the data folder (TRACKER_DATA_DIR) {folder}: "
    )


def test_downgrade_needs_confirmation(tmp_path: Path) -> None:
    run_cli("db", "upgrade", tmp_path=tmp_path)
    refused = run_cli("db", "downgrade", "base", tmp_path=tmp_path)
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    done = run_cli("db", "downgrade", "base", "--yes", tmp_path=tmp_path)
    assert done.returncode == 0
    assert "now at base" in done.stdout


def test_a_command_on_an_unmigrated_database_says_what_to_do(tmp_path: Path) -> None:
    result = run_cli("db", "current", "--check", tmp_path=tmp_path)
    assert result.returncode == 5


def test_exit_codes_are_distinct_per_meaning() -> None:
    codes = [code for code, _, _ in exit_code_table()]
    assert codes == sorted(codes)
    assert {0, 1, 2, 3, 4, 5, 6, 7, 130} == set(codes)
