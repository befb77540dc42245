"""What `/healthz` and `tracker status` report: job ticks, sources in error, alerts waiting.

Each daemon writes its jobs' last successful ticks to its own small JSON file in the data
folder, so `tracker status`, another process, can read them; the rest comes from the database.
"""

from __future__ import annotations

import json
import os
import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from tracker.core.states import DeliveryStatus
from tracker.db.models import Delivery, Source
from tracker.db.schema import stored_revision
from tracker.runtime import Runtime

HEARTBEAT_DIR = "daemons"
"""Folder in the data folder with one `<owner>.json` per running daemon (no shared file)."""


class Heartbeat:
    """Last successful tick of each job of this daemon, kept in memory and on disk."""

    def __init__(self, folder: Path, owner: str) -> None:
        """Write this daemon's ticks to `folder/<owner>.json`."""
        self._owner = owner
        self._path = folder / (re.sub(r"[^\w.-]", "_", owner) + ".json")
        self._ticks: dict[str, str] = {}
        self._lock = threading.Lock()

    def tick(self, job: str, at: datetime) -> None:
        """Record that `job` finished successfully at `at`."""
        with self._lock:
            self._ticks[job] = at.isoformat()
            self._path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._path.with_suffix(".tmp")
            temporary.write_text(
                json.dumps({"owner": self._owner, "ticks": self._ticks}), encoding="utf-8"
            )
            os.replace(temporary, self._path)  # readers never see half a file

    def ticks(self) -> dict[str, str]:
        """This daemon's ticks."""
        with self._lock:
            return dict(self._ticks)

    def forget(self) -> None:
        """Remove this daemon's file (a clean shutdown)."""
        with self._lock:
            self._path.unlink(missing_ok=True)


def read_heartbeats(folder: Path) -> dict[str, dict[str, str]]:
    """Every running daemon's ticks, by owner."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("ticks"), dict):
            found[str(data.get("owner", path.stem))] = data["ticks"]
    return found


def status(rt: Runtime, ticks: dict[str, Any] | None = None) -> dict[str, Any]:
    """The state of this tracker: schema, sources in error, alerts waiting, job ticks."""
    with rt.session() as session:
        failing = session.exec(
            select(Source.id, Source.name, Source.last_error)
            .where(col(Source.failures) > 0)
            .order_by(col(Source.id))
        ).all()
        waiting = session.exec(
            select(func.count())
            .select_from(Delivery)
            .where(Delivery.status == DeliveryStatus.PENDING.value)
        ).one()
        failed = session.exec(
            select(func.count())
            .select_from(Delivery)
            .where(Delivery.status == DeliveryStatus.FAILED.value)
        ).one()
    daemons = ticks if ticks is not None else read_heartbeats(rt.settings.data_dir / HEARTBEAT_DIR)
    return {
        "status": "ok",
        "schema": stored_revision(rt.engine),
        "daemons": daemons,
        "sources_in_error": [{"id": i, "name": n, "last_error": e} for i, n, e in failing],
        "alerts_waiting": waiting,
        "alerts_failed": failed,
    }
