"""Names and limits the settings, the quick query path and the web share; it loads nothing."""

from __future__ import annotations

ENV_PREFIX = "TRACKER_"
"""Every setting is read from an environment variable with this prefix."""

DATABASE_FILENAME = "tracker.sqlite3"
"""The default database's file name in the data folder."""

MAX_ID = 2**31 - 1
"""The largest id a row can have: ids are INTEGER columns, 32 bits on PostgreSQL. An id read
from a command line or a URL is checked against it, so a mistyped one is refused, not a
driver's overflow."""
