"""Reading articles in processes of their own, while the poller's interpreter writes.

Extraction is pure Python and CPU-bound; so is the ORM's work of storing what it found. In one
interpreter they take turns. With a pool of extraction processes the poller submits every new
article of a source at once and stores each one as its reading arrives, so on a machine with
two cores reading and writing overlap. The database is touched only by the poller: a worker
never sees a connection, and one transaction per article stays as it was.

A worker that dies (or a pool that cannot start) costs nothing but speed: the poller then reads
the article itself. So does a worker that has not begun an article by the time the poller wants
it (it is still starting, say): the poller takes the article back and reads it here, so a pool
never makes a poll wait, and a small batch pays nothing for the worker's start. Workers left idle
for `IDLE_SECONDS` stop, giving their memory back until the next large batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tracker.extract.records import Announcement

log = logging.getLogger(__name__)

MAX_STARTS = 3
"""Workers that keep dying (a text that crashes them, say) are given up after this many pools."""

IDLE_SECONDS = 120.0
"""Workers given nothing to read for this long stop (a daemon's large batches come in bursts)."""


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group: the daemon decides when its workers stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read(text: str, published: dt.date) -> list[Announcement]:
    from tracker.extract.extractor import extract_announcements

    return extract_announcements(text, published=published)


class ExtractorPool:
    """A lazily started pool of `processes` extraction processes (0: read in this process)."""

    def __init__(self, processes: int, *, idle_seconds: float = IDLE_SECONDS) -> None:
        """Remember the size; nothing starts until the first article is submitted."""
        self._processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._broken = False
        self._starts = 0
        self._idle_seconds = idle_seconds
        self._last_used = time.monotonic()
        self._closing = threading.Event()
        self._reaper: threading.Thread | None = None

    def submit(self, text: str, published: dt.date) -> Future[list[Announcement]] | None:
        """Start reading `text` in a worker; None when there is no working pool."""
        for _ in range(2):  # a pool found broken is replaced once, here and now
            if self._processes <= 0 or self._broken:
                return None
            try:
                with self._lock:
                    self._last_used = time.monotonic()
                    if self._pool is None:
                        self._starts += 1
                        self._pool = ProcessPoolExecutor(
                            max_workers=self._processes,
                            mp_context=multiprocessing.get_context("spawn"),  # no fork: threads
                            initializer=_ignore_interrupts,
                        )
                        self._watch_idleness()
                    return self._pool.submit(_read, text, published)
            except BrokenProcessPool:
                self._discard()
            except Exception:  # a pool that cannot start at all: read here from now on
                log.warning("extraction workers cannot start; the poller reads", exc_info=True)
                self._broken = True
        return None

    def result(self, future: Future[list[Announcement]] | None) -> list[Announcement] | None:
        """What a worker found; None when it failed or had not begun (the caller then reads).

        A pool that broke (a worker killed, say) is dropped, and said so once.
        """
        if future is None:
            return None
        self._last_used = time.monotonic()
        if not future.done() and future.cancel():
            # Not begun (the worker is busy or still starting): reading it here now beats
            # waiting, and the worker goes on with the next one meanwhile.
            return None
        try:
            return future.result()
        except Exception as error:
            if isinstance(error, BrokenProcessPool):
                self._discard()
            return None

    def _discard(self) -> None:
        """Drop a broken pool; a new one starts on the next submit, up to `MAX_STARTS` in all."""
        with self._lock:
            if self._pool is None:
                return  # another reading of the same pool got here first
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self._broken = self._starts >= MAX_STARTS
        log.warning(
            "an extraction worker died; the poller reads the rest of this batch itself%s",
            " and from now on" if self._broken else "",
        )

    @property
    def running(self) -> bool:
        """Whether worker processes are up (or starting) now."""
        return self._pool is not None

    def _watch_idleness(self) -> None:
        """Start the thread that stops idle workers (once; called with the lock held)."""
        if self._reaper is not None and self._reaper.is_alive():
            return
        self._reaper = threading.Thread(
            target=self._stop_when_idle, name="extract-idle", daemon=True
        )
        self._reaper.start()

    def _stop_when_idle(self) -> None:
        check = min(5.0, self._idle_seconds / 2)
        while not self._closing.wait(check):
            with self._lock:
                if self._pool is None:
                    return
                if time.monotonic() - self._last_used < self._idle_seconds:
                    continue
                self._pool.shutdown(wait=True, cancel_futures=False)
                self._pool = None
                self._reaper = None
            log.debug("extraction workers stopped after %.0f s idle", self._idle_seconds)
            return

    def close(self) -> None:
        """Stop the workers (waiting for none of the queued readings)."""
        self._closing.set()
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
