"""Reading watch lists: which works a subscription's watched titles match today.

Read-only and free of the ORM, so the quick query commands can use it (see `reader`); the
changes to watch lists are in `tracker.queries.watch`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.queries.lookup import title_index
from tracker.queries.reader import Reader, reading

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def list_watches(source: Reader | Session, *, name: str) -> list[tuple[str, int | None]]:
    """Each watched title with the id of the work it matches now (None: not seen yet)."""
    reader = reading(source)
    titles = reader.rows(
        "SELECT w.title FROM watch w JOIN subscription s ON s.id = w.subscription_id "
        "WHERE s.name = :name ORDER BY w.title",
        {"name": name},
    )
    if not titles:
        return []
    index = title_index(reader)
    return [(title, index.find(title)) for (title,) in titles]


def watched_work_ids(source: Reader | Session, *, name: str) -> frozenset[int]:
    """The works a subscription's watch list matches today."""
    return frozenset(work for _, work in list_watches(source, name=name) if work is not None)
