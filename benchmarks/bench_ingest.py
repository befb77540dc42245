"""Ingest benchmark: N articles served by loopback RSS feeds, polled end to end.

    python benchmarks/bench_ingest.py [--articles 5000] [--feeds 50]
        [--backend sqlite|postgres|both]

Each measurement runs in a fresh process (so peak memory is its own) against a fresh database:
the articles are written here from templates, served as RSS with full content by a threaded
HTTP server on 127.0.0.1, registered as sources and polled once with `tracker sources poll`'s
code path (claim, fetch, extract, reconcile, commit per article), with the settings' defaults,
as the daemon polls: `TRACKER_FETCH_WORKERS` sources at a time (4), and one extraction process
on a machine with two cores (`TRACKER_EXTRACT_PROCESSES=0`: the poller reads every article
itself). Prints articles/s and peak RSS (the extraction worker's apart).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

_WORD_LINE = (
    "Harbor Night Cobalt Sky Silver Lantern Quiet Empire Paper Kingdom Hollow Crown Glass River "
    "Winter Garden Iron Orchard Velvet Storm Northern Echo Scarlet Bridge"
)
WORDS = _WORD_LINE.split()
PLATFORMS = ("Netflix", "HBO", "Hulu", "Disney+", "Apple TV+", "Prime Video", "Peacock")
FILLER = (
    "The series follows a family that returns to a coastal town after a long absence, and the "
    "secrets they left behind. Producers said the writers' room finished its work in the spring, "
    "and the cast includes several newcomers alongside returning favourites. Critics who saw early "
    "footage praised its look. The showrunner told reporters that the story would be told over "
    "eight episodes, with a soundtrack by a composer known for her work on film. "
)


def make_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    base = date(2024, 1, 8)
    out = []
    for i in range(n):
        title = " ".join(rng.sample(WORDS, 2)) + f" {i}" * (i % 3 == 0)
        published = base + timedelta(days=i % 300)
        when = published + timedelta(days=rng.randint(10, 200))
        sentence = rng.choice(
            [
                f"{title} will premiere on {when:%B} {when.day}, {when.year}, "
                f"on {rng.choice(PLATFORMS)}.",
                f"{rng.choice(PLATFORMS)} has set {title} to debut {when:%B} {when.day}.",
                f"The second season of {title} will arrive this "
                f"{('spring', 'summer', 'fall')[i % 3]}.",
                f"{title} is coming in {when.year + 1}, the studio said.",
            ]
        )
        out.append(
            {
                "title": f"{title}: a first look",
                "text": f"{sentence} {FILLER * (1 + i % 3)}(Story {i}.)",
                "published": format_datetime(
                    datetime(published.year, published.month, published.day, 9, tzinfo=UTC)
                ),
            }
        )
    return out


def rss(feed_no: int, items: list[dict[str, str]], port: int) -> bytes:
    entries = "".join(
        f"<item><title>{escape(a['title'])}</title>"
        f"<link>http://127.0.0.1:{port}/a/{feed_no}/{k}</link>"
        f"<pubDate>{a['published']}</pubDate>"
        f"<description>{escape(a['text'][:120])}</description>"
        f"<content:encoded>{escape(a['text'])}</content:encoded></item>"
        for k, a in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Feed {feed_no}</title><link>http://127.0.0.1:{port}/</link>"
        f"<description>bench</description>{entries}</channel></rss>"
    ).encode()


def serve(feeds: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = feeds.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def poll_until_done(url: str) -> dict[str, float]:
    """One of several pollers: claim a few due sources at a time until none is left."""
    from tracker.ingest.poll import claim_due, make_poller
    from tracker.runtime import Runtime
    from tracker.settings import Settings

    rt = Runtime(settings=Settings(database_url=url, fetch_workers=1, fetch_max_bytes=50_000_000))
    stored = failed = 0
    with rt.fetcher() as fetcher:
        poller = make_poller(rt, fetcher)
        while claimed := claim_due(rt, owner=rt.owner, limit=2):
            outcomes = poller.run(claimed, workers=1)
            stored += sum(o.new_articles for o in outcomes)
            failed += sum(not o.ok for o in outcomes)
    rt.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": stored, "failed": failed, "peak_rss_mb": peak_mb}


def one_run(n: int, n_feeds: int, url: str, processes: int = 1) -> dict[str, float]:
    """Runs inside a child process: serve, add sources, poll once, measure."""
    from tracker.db import migrate
    from tracker.ingest import sources
    from tracker.ingest.poll import claim_due, make_poller
    from tracker.runtime import Runtime
    from tracker.settings import Settings

    articles = make_articles(n)
    feeds: dict[str, bytes] = {}
    server = serve(feeds)
    port = server.server_address[1]
    per = max(1, n // n_feeds)
    for f in range(n_feeds):
        chunk = articles[f * per : (f + 1) * per] if f < n_feeds - 1 else articles[f * per :]
        feeds[f"/feed/{f}.xml"] = rss(f, chunk, port)
    rt = Runtime(
        settings=Settings(
            database_url=url,
            fetch_max_bytes=50_000_000,
        )  # extraction processes: the default (one with two cores) or TRACKER_EXTRACT_PROCESSES
    )
    migrate.upgrade(rt.engine)
    with rt.write_session() as session:
        for f in range(n_feeds):
            sources.add_source(
                session,
                location=f"http://127.0.0.1:{port}/feed/{f}.xml",
                kind=None,
                interval=timedelta(hours=1),
                name=None,
                now=rt.clock(),
            )
    start = time.perf_counter()
    if processes > 1:  # as several daemons do: each claims due sources under its own lease
        pollers = [
            subprocess.Popen(
                [sys.executable, __file__, "--poll", url],
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
            )
            for _ in range(processes)
        ]
        reports = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in pollers]
        elapsed = time.perf_counter() - start
        server.shutdown()
        server.server_close()
        rt.close()
        stored = sum(r["articles"] for r in reports)
        return {
            "articles": stored,
            "seconds": elapsed,
            "per_second": stored / elapsed,
            "peak_rss_mb": max(r["peak_rss_mb"] for r in reports),
            "worker_rss_mb": 0.0,
            "failed": sum(r["failed"] for r in reports),
        }
    with rt.fetcher() as fetcher:
        poller = make_poller(rt, fetcher)
        due = claim_due(rt, owner=rt.owner, limit=10_000)
        outcomes = poller.run(due, workers=rt.settings.fetch_workers)  # as the daemon polls
    elapsed = time.perf_counter() - start
    server.shutdown()
    server.server_close()
    rt.close()
    stored = sum(o.new_articles for o in outcomes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # stopped above
    return {
        "worker_rss_mb": worker_mb,
        "articles": stored,
        "seconds": elapsed,
        "per_second": stored / elapsed,
        "peak_rss_mb": peak_mb,
        "failed": sum(not o.ok for o in outcomes),
    }


def database_url(backend: str, folder: Path) -> tuple[str, str | None]:
    if backend == "sqlite":
        return f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:6]}.sqlite3'}", None
    import psycopg

    name = f"tracker_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", name


def drop(name: str | None) -> None:
    if name is None:
        return
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--processes", type=int, default=1, help="ingesting processes (as several daemons)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--poll", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.poll:
        print(json.dumps(poll_until_done(args.poll)))
        return
    if args.child:
        print(json.dumps(one_run(args.articles, args.feeds, args.child, args.processes)))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            for n in (args.articles // 5, args.articles):
                url, name = database_url(backend, Path(tmp))
                try:
                    out = subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--articles",
                            str(n),
                            "--feeds",
                            str(args.feeds),
                            "--processes",
                            str(args.processes),
                            "--child",
                            url,
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
                    )
                finally:
                    drop(name)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(
                    f"ingest {backend:8} {int(r['articles']):6d} articles"
                    + (f", {args.processes} processes" if args.processes > 1 else "")
                    + ": "
                    f"{r['per_second']:7.1f} articles/s ({r['seconds']:.1f} s), "
                    f"peak RSS {r['peak_rss_mb']:.0f} MB (extraction worker "
                    f"{r['worker_rss_mb']:.0f} MB), failed sources {int(r['failed'])}"
                )


if __name__ == "__main__":
    main()
