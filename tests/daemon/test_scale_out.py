"""Three daemon processes share 50 sources and their alerts on PostgreSQL; one is killed.

Real everything: `python -m tracker daemon` processes, a loopback feed server that times every
request, a loopback webhook that receives the alerts. Sources are due every 3 s; the daemons
look every second. Halfway, every feed gains an item that moves its title's date (a second
wave of alerts), and one daemon is killed with SIGKILL while that wave is under way; the two
others must take over what it held once its leases (10 s) have passed.
"""

from __future__ import annotations

import logging
import signal
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from tests.alerts.servers import Behaviour, apprise_json_url, webhook_server
from tests.daemon.feeds import serve_feeds, work_title
from tests.daemon.processes import PROBLEMS, Daemon, owner_pid, run_cli, start_daemon, tracker_env
from tracker.alerts.compose import AlertFacts, compose
from tracker.alerts.service import add_channel
from tracker.calendar import subscriptions
from tracker.calendar.subscriptions import SubscriptionSpec
from tracker.core.states import SourceKind
from tracker.db.models import Delivery, Source
from tracker.ingest.sources import add_source
from tracker.runtime import Runtime
from tracker.settings import Settings

SOURCES = 50
INTERVAL = 3.0  # seconds between two polls of one source
LEASE = 10.0  # TRACKER_LEASE_SECONDS and TRACKER_ALERT_LEASE_SECONDS, the smallest allowed
# A source is due `INTERVAL` after its last poll was *recorded*, which is after the server
# answered, so two requests for one source are at least 3 s apart when the leases work. Two
# daemons polling one source in the same interval would show up as a gap of milliseconds (both
# claimed it at once). 2.0 s leaves a second for clock reads at different points of the
# request (the server stamps on arrival, the daemon on claim) and for scheduler jitter.
MIN_GAP = 2.0
FEED_DELAY = 0.1  # each feed answers after this: polls last long enough to be caught at
log = logging.getLogger(__name__)
PATIENCE = 60.0  # the longest wait for anything to happen, for a slow 2-core CI machine


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


def stamp(moment: datetime) -> float:
    return moment.timestamp()


def held_by(rt: Runtime, pid: int) -> tuple[dict[str, datetime], set[str]]:
    """The sources (feed file name: lease end) and alerts (titles) leased by process `pid`."""
    with rt.session() as session:
        sources = {
            row.location.rsplit("/", 1)[-1]: row.lease_until
            for row in session.exec(select(Source).where(col(Source.lease_owner).is_not(None)))
            if owner_pid(row.lease_owner or "") == pid and row.lease_until is not None
        }
        alerts = {
            compose(AlertFacts.from_payload(row.payload)).title
            for row in session.exec(
                select(Delivery)
                .where(col(Delivery.lease_owner).is_not(None))
                .where(Delivery.status == "pending")
            )
            if owner_pid(row.lease_owner or "") == pid
        }
    return sources, alerts


def kill_one_holding_leases(
    rt: Runtime, daemons: list[Daemon]
) -> tuple[Daemon, dict[str, datetime], set[str]]:
    """SIGKILL a daemon at a moment it holds source leases; what it held.

    Each daemon in turn is frozen (SIGSTOP), so that what it holds cannot change between the
    look and the kill; one that holds nothing is let go on (SIGCONT) and the next is tried.
    """
    deadline = time.monotonic() + PATIENCE
    turn = 0
    while time.monotonic() < deadline:
        daemon = daemons[turn % len(daemons)]
        turn += 1
        daemon.process.send_signal(signal.SIGSTOP)
        # A request it sent just before freezing may reach the feed server a moment later; let
        # it land now, so that no request recorded after the kill can be the dead daemon's.
        time.sleep(0.3)
        sources, alerts = held_by(rt, daemon.pid)
        if sources:
            daemon.process.send_signal(signal.SIGKILL)
            daemon.process.wait(timeout=30)
            return daemon, sources, alerts
        daemon.process.send_signal(signal.SIGCONT)
        time.sleep(0.05)
    raise AssertionError(f"no daemon held a source lease within {PATIENCE} s")


@pytest.mark.postgres
def test_three_daemons_share_the_work_and_take_over_from_a_dead_one(
    postgres_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    env = tracker_env(
        postgres_url,
        data_dir,
        poll_every="1s",
        alerts_every="1s",
        lease_seconds=str(int(LEASE)),
        alert_lease_seconds=str(int(LEASE)),
        fetch_connect_timeout="2",
        fetch_read_timeout="2",
    )
    upgraded = run_cli(env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    rt = Runtime(settings=Settings(database_url=postgres_url, data_dir=data_dir))
    daemons: list[Daemon] = []
    try:
        with serve_feeds(SOURCES, delay=FEED_DELAY) as feeds, webhook_server(Behaviour.OK) as hook:
            with rt.write_session() as session:
                for n in range(SOURCES):
                    add_source(
                        session,
                        location=feeds.url(n),
                        kind=SourceKind.FEED,
                        interval=timedelta(hours=1),
                        name=f"studio {n}",
                        now=rt.clock(),
                    )
                subscriptions.add(
                    session, SubscriptionSpec(name="everything"), secret=rt.secret, now=rt.clock()
                )
                add_channel(
                    session,
                    subscription="everything",
                    url=apprise_json_url(hook),
                    name="hook",
                    now=rt.clock(),
                )
                session.execute(  # the CLI keeps intervals >= 60 s; a test may shorten them
                    update(Source).values(
                        interval_seconds=int(INTERVAL), next_check_at=datetime.now(UTC)
                    )
                )
                session.commit()
            paths = [f"/feed/{n}.xml" for n in range(SOURCES)]

            def polled_at_least(times: int) -> bool:
                hits = feeds.hits()
                return all(len(hits.get(p, [])) >= times for p in paths)

            daemons = [start_daemon(env, tmp_path / "logs", f"daemon-{i}") for i in range(3)]

            # First wave: every title dated once. Two polls of each source mean the first one
            # was recorded (the second is claimed only after that), so the dates are in.
            wait_until(lambda: polled_at_least(2), timeout=PATIENCE, what="two polls of each")
            feeds.move_dates()  # second wave: each feed's next poll moves its date
            time.sleep(1.0)  # into the second wave: polls and alerts under way
            victim, held_sources, in_flight = kill_one_holding_leases(rt, daemons)
            killed_at = time.time()

            def taken_over() -> bool:
                hits = feeds.hits()
                return all(hits[p][-1] > killed_at + LEASE for p in paths)

            def all_sent() -> bool:
                with rt.session() as session:
                    rows = session.exec(select(Delivery)).all()
                return len(rows) == 2 * SOURCES and all(r.status == "sent" for r in rows)

            # Every source polled again after the dead daemon's leases have passed, and every
            # alert of both waves sent.
            wait_until(taken_over, timeout=LEASE + PATIENCE, what="polls after the kill")
            wait_until(all_sent, timeout=PATIENCE, what="every alert sent")
            survivors = [daemon for daemon in daemons if daemon is not victim]
            for daemon in survivors:
                daemon.process.send_signal(signal.SIGTERM)
            codes = [daemon.process.wait(timeout=35) for daemon in survivors]
            hits = feeds.hits()
            received = Counter(posted.body["title"] for posted in hook.requests)
        with rt.session() as session:
            rows = session.exec(select(Delivery)).all()
            expected = Counter(compose(AlertFacts.from_payload(r.payload)).title for r in rows)
            events = Counter(r.event for r in rows)
            leftover = session.exec(select(Source).where(col(Source.lease_owner).is_not(None)))
            leases_left = [row.lease_owner for row in leftover]
        outputs = {d.pid: d.output() for d in daemons}
    finally:
        for daemon in daemons:
            daemon.close()
        rt.close()

    gaps = {
        path: min(b - a for a, b in pairwise(times))
        for path, times in hits.items()
        if len(times) > 1
    }
    counts = Counter(len(hits.get(p, [])) for p in paths)
    duplicated = {title for title, n in received.items() if n > 1}
    log.info(
        f"killed {victim.pid}; polls per source: {sorted(counts.items())};"
        f" smallest gap {min(gaps.values()):.2f} s;"
        f" held by the killed daemon: {len(held_sources)} source(s),"
        f" {len(in_flight)} alert(s); alerts received {sum(received.values())},"
        f" distinct {len(received)}, duplicated {len(duplicated)}; events {dict(events)}"
    )

    assert codes == [0, 0], outputs
    for pid, output in outputs.items():
        for problem in PROBLEMS:
            assert problem not in output, f"{problem!r} in the output of {pid}:\n{output}"
    assert set(hits) == set(paths)  # nothing else was requested
    assert all(len(hits[p]) >= 2 for p in paths), counts
    # once per interval: never two daemons on one source in one interval
    assert min(gaps.values()) >= MIN_GAP, sorted(gaps.items(), key=lambda kv: kv[1])[:5]
    # every source polled again once the dead daemon's leases were over ...
    assert all(hits[p][-1] > killed_at + LEASE for p in paths)
    # ... and what it held was not taken before its lease had passed
    assert held_sources
    for name, lease_until in held_sources.items():
        after = [t for t in hits[f"/feed/{name}"] if t > killed_at]
        assert after, name
        assert lease_until is not None
        assert after[0] >= stamp(lease_until) - 0.05, (name, after[0], lease_until)
    assert not leases_left  # the survivors gave theirs back when stopped
    # alerts: both waves, every one received, duplicates only for what the dead one had leased
    assert events == {"date_set": SOURCES, "delayed": SOURCES}
    assert {t.split(" ")[0] + " " + t.split(" ")[1] for t in expected} == {
        work_title(n) for n in range(SOURCES)
    }
    assert set(received) == set(expected)
    assert duplicated <= in_flight, (duplicated, in_flight)
