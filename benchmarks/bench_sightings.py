"""Ingest of a much-reported release: milliseconds an article as its sightings pile up.

Run: python benchmarks/bench_sightings.py [--articles 3000] [--backend sqlite|postgres|both]

Every article reports the same release (three rival dates, forty sites, ten articles a day), so
each new sighting is weighed against the stored ones. Ingest reads only the claims that can still
decide (`consensus.deciding`: each site's and each date's newest day, every explicit change), so
the time an article should stay flat as sightings pile up; the printed steps show whether it does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from bench_ingest import database_url, drop  # type: ignore[import-not-found]

from tracker.db import migrate
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import ingest_article
from tracker.runtime import Runtime
from tracker.settings import Settings

_DATES = ("March 17, 2018", "March 24, 2018", "spring 2018")
_NOW = dt.datetime(2017, 12, 1, tzinfo=dt.UTC)


def run(backend: str, articles: int, step: int) -> None:
    """Ingest `articles` reports of one release on `backend`, printing ms an article per step."""
    with tempfile.TemporaryDirectory() as folder:
        url, name = database_url(backend, Path(folder))
        rt = Runtime(settings=Settings(database_url=url, data_dir=Path(folder)))
        try:
            migrate.upgrade(rt.engine)
            started = time.perf_counter()
            for i in range(articles):
                text = (
                    f"Iron Fist season 2 will premiere on {_DATES[i % 3]} on Netflix,"
                    f" report {i} says."
                )
                raw = RawArticle(
                    text=text,
                    url=f"https://site{i % 40}.example/a/{i}",
                    published=dt.date(2017, 1, 1) + dt.timedelta(days=i // 10),
                )
                with rt.write_session() as session:
                    ingest_article(raw, session=session, now=_NOW)
                if (i + 1) % step == 0:
                    took = (time.perf_counter() - started) / step * 1000
                    print(f"{backend:8} sightings {i + 1 - step}-{i + 1}: {took:.1f} ms an article")
                    started = time.perf_counter()
        finally:
            rt.close()
            drop(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--step", type=int, default=500)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="sqlite")
    args = parser.parse_args()
    for backend in ["sqlite", "postgres"] if args.backend == "both" else [args.backend]:
        run(backend, args.articles, args.step)


if __name__ == "__main__":
    main()
