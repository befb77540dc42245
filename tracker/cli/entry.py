"""The `tracker` executable: answers `--version` before loading anything, else runs the CLI.

A person types `tracker --version` to check an install; it should answer at once, without the
command line library, the settings or the database layer.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the CLI (see `tracker.cli.main.main`)."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from tracker import __version__

        print(f"tracker {__version__}")
        return 0
    from tracker.cli.main import main as run

    return run(argv)
