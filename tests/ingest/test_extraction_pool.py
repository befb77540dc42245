"""Polling with extraction workers: the same database as reading in the poller, a broken pool
that costs only speed, and workers that stop with the runtime."""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from tests.support import Clock, follow
from tracker.db import migrate
from tracker.db.models import Release, Sighting, Work
from tracker.ingest.extraction import ExtractorPool
from tracker.ingest.poll import claim_due, make_poller
from tracker.runtime import Runtime
from tracker.settings import Settings, default_extract_processes

ARTICLES = {
    "01-harbor.txt": "Night Harbor will premiere Friday, July 14 on Hulu.",
    "02-cobalt.txt": "Netflix has set Cobalt Sky to debut on March 24, 2018.",
    "03-orchard.txt": "The second season of Glass Orchard will premiere on April 7 on HBO.",
    "04-kingdom.txt": "Paper Kingdom is coming in 2018, the studio said.",
    "05-storm.txt": "Developer Northern Echo said Velvet Storm will launch on Oct. 19 for PC.",
    "06-crown.txt": "Hollow Crown opens in theaters on Nov. 17, the studio announced.",
}


def runtime(tmp_path: Path, name: str, processes: int) -> Runtime:
    folder = tmp_path / name
    folder.mkdir()
    rt = Runtime(
        settings=Settings(
            database_url=f"sqlite:///{folder / 'tracker.sqlite3'}",
            data_dir=folder,
            extract_processes=processes,
        ),
        clock=Clock(datetime(2017, 6, 3, 12, 0, tzinfo=UTC)),
    )
    migrate.upgrade(rt.engine)
    return rt


def poll_folder(rt: Runtime, folder: Path) -> None:
    follow(rt, str(folder), name="clippings")
    with rt.fetcher() as fetcher:
        outcomes = make_poller(rt, fetcher).run(claim_due(rt, owner=rt.owner), workers=1)
    assert all(o.error is None for o in outcomes)


def stored(rt: Runtime) -> list[tuple[object, ...]]:
    with rt.session() as session:
        rows = session.exec(
            select(Work.title, Release.season, Release.kind, Release.date_value, Sighting.evidence)
            .join(Release, col(Release.work_id) == col(Work.id))
            .join(Sighting, col(Sighting.release_id) == col(Release.id))
            .order_by(col(Work.title))
        ).all()
    return [tuple(r) for r in rows]


@pytest.fixture
def clippings(tmp_path: Path) -> Path:
    folder = tmp_path / "clippings"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


def test_workers_store_exactly_what_reading_here_stores(tmp_path: Path, clippings: Path) -> None:
    here, workers = runtime(tmp_path, "here", 0), runtime(tmp_path, "workers", 1)
    try:
        poll_folder(here, clippings)
        poll_folder(workers, clippings)
        assert workers.extractors._pool is not None  # the articles went to a worker
        assert here.extractors._pool is None
        assert len(stored(here)) == len(ARTICLES)
        assert stored(workers) == stored(here)
    finally:
        here.close()
        workers.close()
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]  # stopped


def test_a_killed_worker_is_replaced_and_loses_nothing(
    tmp_path: Path, clippings: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rt = runtime(tmp_path, "killed", 1)
    try:
        poll_folder(rt, clippings)
        pool = rt.extractors._pool
        assert pool is not None
        for process in list(pool._processes.values()):  # the worker dies between polls
            process.kill()
            process.join(5)
        later = tmp_path / "later"
        later.mkdir()
        for name, text in ARTICLES.items():
            (later / name).write_text(text.replace("2018", "2019") + " More soon.\n")
        with caplog.at_level(logging.WARNING, logger="tracker.ingest.extraction"):
            poll_folder(rt, later)
        assert len(stored(rt)) == 2 * len(ARTICLES)  # every later article stored
        assert rt.extractors._pool is not None
        assert rt.extractors._pool is not pool  # a new worker took over
        said = [r for r in caplog.records if "extraction worker" in r.getMessage()]
        assert len(said) == 1  # said once, not once an article
    finally:
        rt.close()


def test_an_article_the_worker_has_not_begun_is_taken_back() -> None:
    pool = ExtractorPool(1)
    try:
        futures = [pool.submit(text, date(2017, 6, 3)) for text in ARTICLES.values()]
        last = futures[-1]
        assert last is not None
        assert pool.result(last) is None  # the worker is still starting: read here instead
        assert last.cancelled()
        first = futures[0]
        assert first is not None
        found = pool.result(first)
        if found is not None:  # the worker began it: its reading is used
            assert [a.title for a in found] == ["Night Harbor"]
    finally:
        pool.close()


def test_idle_workers_stop_and_start_again_when_needed() -> None:
    pool = ExtractorPool(1, idle_seconds=0.4)
    try:
        text = ARTICLES["01-harbor.txt"]
        future = pool.submit(text, date(2017, 6, 3))
        assert future is not None
        future.result(timeout=60)  # wait for the worker itself, not a reading here
        assert pool.running
        deadline = time.monotonic() + 30
        while pool.running and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not pool.running
        again = pool.submit(text, date(2017, 6, 3))
        assert again is not None
        assert [a.title for a in again.result(timeout=60)] == ["Night Harbor"]
    finally:
        pool.close()
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


@pytest.mark.parametrize(("cores", "expected"), [({0}, 0), ({0, 1}, 1), ({0, 1, 2, 3}, 1)])
def test_one_worker_by_default_when_two_cores_are_ours(
    monkeypatch: pytest.MonkeyPatch, cores: set[int], expected: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: cores, raising=False)
    monkeypatch.delenv("TRACKER_EXTRACT_PROCESSES", raising=False)
    assert default_extract_processes() == expected
    assert Settings(_env_file=None).extract_processes == expected  # type: ignore[call-arg]
