"""Fixtures for feed tests: an ical.js install shared by the whole session."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.calendar.parsers import require_icaljs
from tests.support import Clock
from tracker.db import migrate
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import ingest_article
from tracker.runtime import Runtime
from tracker.settings import Settings


@pytest.fixture(scope="session")
def icaljs() -> Path:
    """A folder with ical.js and read.mjs, for ``parse_icaljs`` / ``parse_all``.

    Installed from the npm registry once per pinned version into ~/.cache/tracker-tests/icaljs;
    skips outside CI (fails under CI=true) when node or npm is missing or the install fails.
    """
    return require_icaljs()


def runtime_that_read(
    url: str, folder: Path, *, secret: str, texts: tuple[str, ...], first: date
) -> Runtime:
    """A runtime on a migrated database that has ingested `texts`, one a day from `first`
    (articles without a web address), at the clock's time (a `Clock` the test can move)."""
    runtime = Runtime(
        settings=Settings(database_url=url, data_dir=folder, secret_key=secret), clock=Clock()
    )
    migrate.upgrade(runtime.engine)
    for day, text in enumerate(texts):
        with runtime.write_session() as session:
            ingest_article(
                RawArticle(text=text, published=first + timedelta(days=day)),
                session=session,
                now=runtime.clock(),
            )
    return runtime
