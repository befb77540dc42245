"""Names the settings and the quick query path share, in a module that loads nothing."""

from __future__ import annotations

ENV_PREFIX = "TRACKER_"
"""Every setting is read from an environment variable with this prefix."""

DATABASE_FILENAME = "tracker.sqlite3"
"""The default database's file name in the data folder."""
