"""On SQLite, the daemon and CLI commands write at the same time: no "database is locked", no loss.

One `python -m tracker daemon` process polls a local folder every second (and sends alerts and
keeps house, WAL checkpoints included, every second) while the test keeps adding files to the
folder and, at the same time, runs 30 CLI commands back to back in their own processes.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, update
from sqlmodel import select

from tests.alerts.servers import Behaviour, apprise_json_url, webhook_server
from tests.daemon.processes import PROBLEMS, Daemon, run_cli, start_daemon, tracker_env
from tracker.core.states import SourceKind
from tracker.db.models import Article, Delivery, Source, Watch
from tracker.ingest.sources import add_source
from tracker.runtime import Runtime
from tracker.settings import Settings

log = logging.getLogger(__name__)
FILES = 20  # articles dropped in the folder while the CLI commands run
ROUNDS = 10  # each round: one ingest, one watch, one listing (30 commands)
PATIENCE = 90.0  # the longest wait for the daemon to catch up, for a slow 2-core CI machine


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


def folder_article(n: int) -> str:
    return (
        f"Folder Work {n} will premiere on March {n + 1}, 2031 on Hulu. "
        f"Its makers wrote note number {n} about it.\n"
    )


def cli_article(n: int) -> str:
    return (
        f"Title {n} will premiere on June {n + 1}, 2031 on Netflix. "
        f"The studio sent press release number {n}.\n"
    )


def drop_files(folder: Path, stop: threading.Event, written: list[Path]) -> None:
    """Add the folder's articles one by one, each whole at once (renamed into place)."""
    for n in range(FILES):
        hidden = folder / f".article-{n:02d}.txt"  # the daemon skips hidden files
        hidden.write_text(folder_article(n), encoding="utf-8")
        final = folder / f"article-{n:02d}.txt"
        os.replace(hidden, final)
        written.append(final)
        if stop.wait(0.4):
            return


def test_the_daemon_and_cli_commands_write_at_once_without_locking_errors(
    sqlite_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    folder = tmp_path / "articles"
    folder.mkdir()
    env = tracker_env(
        sqlite_url,
        data_dir,
        poll_every="1s",
        alerts_every="1s",
        housekeeping_every="1s",
    )
    upgraded = run_cli(env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    rt = Runtime(settings=Settings(database_url=sqlite_url, data_dir=data_dir))
    daemon: Daemon | None = None
    stop = threading.Event()
    written: list[Path] = []
    dropper = threading.Thread(target=drop_files, args=(folder, stop, written))
    results = []
    try:
        with webhook_server(Behaviour.OK) as hook:
            added = run_cli(env, "channels", "add", "default", apprise_json_url(hook))
            assert added.returncode == 0, added.stderr
            with rt.write_session() as session:
                add_source(
                    session,
                    location=str(folder),
                    kind=SourceKind.DIR,
                    interval=timedelta(hours=1),
                    name="folder",
                    now=rt.clock(),
                )
                # the CLI keeps intervals >= 60 s; a test may shorten them
                session.execute(update(Source).values(interval_seconds=1))
                session.commit()
            rt.engine.dispose()  # no connection of ours open while the processes run

            daemon = start_daemon(env, tmp_path / "logs", "daemon")
            dropper.start()
            for n in range(1, ROUNDS + 1):
                results.append(
                    run_cli(
                        env,
                        "ingest",
                        "-",
                        "--published",
                        f"2031-01-{n:02d}",
                        stdin=cli_article(n),
                    )
                )
                results.append(run_cli(env, "watch", "add", f"Title {n}"))
                results.append(run_cli(env, "sources", "list", "--json"))
            dropper.join(timeout=PATIENCE)
            assert not dropper.is_alive()

            def article_count() -> int:
                with rt.session() as session:
                    return session.exec(select(func.count()).select_from(Article)).one()

            def all_sent() -> bool:
                with rt.session() as session:
                    rows = session.exec(select(Delivery)).all()
                return all(row.status == "sent" for row in rows)

            # the daemon catches up with the last files, and sends what they caused
            wait_until(
                lambda: article_count() >= FILES + ROUNDS, timeout=PATIENCE, what="every article"
            )
            wait_until(all_sent, timeout=PATIENCE, what="every alert sent")
            daemon.process.send_signal(signal.SIGTERM)
            code = daemon.process.wait(timeout=35)
            received = len(hook.requests)
        with rt.session() as session:
            articles = session.exec(select(Article)).all()
            watches = {w.title for w in session.exec(select(Watch))}
            deliveries = session.exec(select(Delivery)).all()
        output = daemon.output()
    finally:
        stop.set()
        if dropper.is_alive():
            dropper.join(timeout=30)
        if daemon is not None:
            daemon.close()
        rt.close()

    log.info(
        "%s CLI commands, %s articles (%s from files), %s watches, %s alerts, %s received",
        len(results),
        len(articles),
        len(written),
        len(watches),
        len(deliveries),
        received,
    )
    assert len(results) == 3 * ROUNDS
    for result in results:
        shown = f"{result.args}\n{result.stdout}\n{result.stderr}"
        assert result.returncode == 0, shown
        for problem in PROBLEMS:
            assert problem not in result.stdout + result.stderr, shown
    assert code == 0, output
    for problem in PROBLEMS:
        assert problem not in output, output
    # nothing lost, nothing twice: every file and every piped article stored once
    assert len(written) == FILES
    assert len(articles) == FILES + ROUNDS
    texts = {a.text for a in articles}
    assert {folder_article(n).strip() for n in range(FILES)} <= {t.strip() for t in texts if t}
    assert {cli_article(n).strip() for n in range(1, ROUNDS + 1)} <= {t.strip() for t in texts if t}
    assert watches == {f"Title {n}" for n in range(1, ROUNDS + 1)}
    assert received >= len(deliveries)  # every alert the writes caused went out
