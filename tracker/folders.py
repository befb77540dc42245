"""The tracker's own folders: made on first use, or a clear configuration error."""

from __future__ import annotations

from pathlib import Path

from tracker.errors import ConfigError


def make_folder(path: Path, *, what: str) -> None:
    """Create ``path`` and its parents if missing; a ConfigError naming ``what`` if impossible.

    The folders come from settings (TRACKER_DATA_DIR, a SQLite URL), so a folder that cannot
    be made is a setting to fix, not a bug to report.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigError(f"cannot create {what} {path}: {reason}") from None
