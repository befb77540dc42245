"""Fixtures for feed tests: an ical.js install shared by the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.calendar.parsers import require_icaljs


@pytest.fixture(scope="session")
def icaljs() -> Path:
    """A folder with ical.js and read.mjs, for ``parse_icaljs`` / ``parse_all``.

    Installed from the npm registry once per pinned version into ~/.cache/tracker-tests/icaljs;
    skips outside CI (fails under CI=true) when node or npm is missing or the install fails.
    """
    return require_icaljs()
