from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from tracker.cli.main import app
from tracker.settings import configuration_reference

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str) -> list[tuple[str, Any]]:
    # Typer may vendor its own click, so commands are recognised by shape, not class.
    found: list[tuple[str, Any]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            found.extend(_commands(command, path))
        else:
            found.append((path, command))
    return found


COMMANDS = _commands(typer.main.get_group(app), "tracker")


def test_the_cli_has_commands() -> None:
    assert len(COMMANDS) >= 4
    assert "tracker db upgrade" in dict(COMMANDS)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: str, command: Any) -> None:
    assert (command.help or "").strip(), f"{path} has no help text"
    assert f"`{path}" in (command.help or ""), f"{path}: its help should show an example of its use"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_every_command_appears_in_readme(path: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(path)}(?![\w-])", README), f"README lacks `{path}`"


def test_configuration_reference_is_current() -> None:
    written = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert written == configuration_reference(), (
        "docs/configuration.md is stale: run `tracker config reference > docs/configuration.md`"
    )


def test_readme_documents_every_exit_code() -> None:
    from tracker.errors import exit_code_table

    for code, name, _ in exit_code_table():
        assert re.search(rf"\|\s*{code}\s*\|", README), f"README lacks exit code {code} ({name})"
