"""Alerts end to end with real servers (aiosmtpd, a loopback webhook), on both backends."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from typer.testing import CliRunner

from tests.alerts.servers import (
    Behaviour,
    apprise_json_url,
    apprise_mailto_url,
    smtp_server,
    webhook_server,
)
from tests.support import Clock
from tracker.alerts.compose import AlertFacts
from tracker.alerts.service import send_due
from tracker.cli.main import app
from tracker.core.alert_rules import AlertEvent
from tracker.db import migrate
from tracker.db.models import Channel, Delivery, Subscription
from tracker.runtime import Runtime
from tracker.settings import Settings

runner = CliRunner()


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(
        settings=Settings(
            database_url=empty_db_url, data_dir=tmp_path, alert_timeout=1.0, alert_retry_base="10s"
        ),
        clock=Clock(),
    )
    migrate.upgrade(runtime.engine)
    yield runtime
    runtime.close()


def cli(rt: Runtime, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), obj=rt, input=stdin)
    return result


def ingest(rt: Runtime, text: str, published: str) -> None:
    result = cli(rt, "ingest", "-", "--published", published, stdin=text)
    assert result.exit_code == 0, result.output


def deliveries(rt: Runtime) -> list[Delivery]:
    with rt.session() as session:
        return list(session.exec(select(Delivery).order_by(col(Delivery.id))))


def test_a_watched_title_alerts_by_email_once_per_change(rt: Runtime) -> None:
    with smtp_server() as smtp:
        assert cli(rt, "watch", "add", "Night Harbor").exit_code == 0  # before any article
        # every date counts here: the confidence floor has tests of its own
        assert cli(rt, "subscriptions", "set", "default", "--min-confidence", "0").exit_code == 0
        added = cli(rt, "channels", "add", "default", apprise_mailto_url(smtp))
        assert added.exit_code == 0, added.output
        ingest(rt, "Cobalt Sky will debut on March 24 on Netflix.", "2017-03-01")  # not watched
        ingest(rt, "Night Harbor will premiere this summer on Hulu.", "2017-03-02")
        ingest(rt, "Hulu said Night Harbor will premiere this summer.", "2017-03-03")  # same news
        assert len(deliveries(rt)) == 1
        sent = cli(rt, "alerts", "send")
        assert "sent 1," in sent.output
        mail = smtp.wait_for(1)[0]
        assert mail.subject == "Night Harbor dated: summer 2017"
        assert "season only" in mail.text
        assert "Hulu" in mail.text
        ingest(rt, "<b>Night Harbor</b> will premiere Friday, July 14 on Hulu.", "2017-03-10")
        cli(rt, "alerts", "send")
        moved = smtp.wait_for(2)[1]
        assert moved.subject == "Night Harbor narrowed: summer 2017 \u2192 2017-07-14"
        assert "<b>Night Harbor</b>" not in (moved.html or "")  # article text escaped
        assert "&lt;b&gt;" in (moved.html or "")
        assert cli(rt, "alerts", "send").output.startswith("sent 0,")
        assert len(smtp.messages) == 2


def test_filters_of_a_subscription_without_a_watch_list(rt: Runtime) -> None:
    with webhook_server(Behaviour.OK) as hook:
        assert cli(rt, "subscriptions", "add", "films", "--kind", "release").exit_code == 0
        assert cli(rt, "channels", "add", "films", apprise_json_url(hook)).exit_code == 0
        ingest(rt, "Cobalt Sky will debut on March 24 on Netflix.", "2017-03-01")
        ingest(rt, "Silver Lantern will open in theaters on June 2.", "2017-03-02")
        assert send_due(rt).sent == 1
        body = hook.wait_for(1)[0].body
        assert body["title"] == "Silver Lantern dated: 2017-06-02"
        assert "Release on theaters" in body["message"]


def test_a_500_three_times_then_success_is_retried_with_backoff(rt: Runtime) -> None:
    with webhook_server(Behaviour.FAIL_THEN_OK, failures=3) as hook:
        cli(rt, "channels", "add", "default", apprise_json_url(hook))
        ingest(rt, "Cobalt Sky will debut on March 24 on Netflix.", "2017-03-01")
        waits = []
        for attempt in range(1, 5):
            report = send_due(rt)
            row = deliveries(rt)[0]
            if attempt < 4:
                assert (report.retrying, row.status, row.attempts) == (1, "pending", attempt)
                assert row.last_error is not None
                assert "500" in row.last_error
                waits.append(row.next_attempt_at - rt.clock())
                assert send_due(rt).retrying == 0  # not due yet: nothing is sent early
                rt.clock.now = row.next_attempt_at  # type: ignore[attr-defined]
            else:
                assert (report.sent, row.status, row.sent_at) == (1, "sent", rt.clock())
        assert len(hook.requests) == 4
        assert timedelta(seconds=10) <= waits[0] <= timedelta(seconds=12.5)
        assert waits[0] < waits[1] < waits[2]  # exponential


def test_a_401_stops_at_once_and_can_be_retried(rt: Runtime) -> None:
    with webhook_server(Behaviour.UNAUTHORIZED) as hook:
        url = apprise_json_url(hook).replace("json://", "json://bot:hunter2@")
        cli(rt, "channels", "add", "default", url, "--name", "hook")
        ingest(rt, "Cobalt Sky will debut on March 24 on Netflix.", "2017-03-01")
        assert send_due(rt).failed == 1
        row = deliveries(rt)[0]
        assert (row.status, row.attempts) == ("failed", 1)
        assert row.last_error is not None
        assert "401" in row.last_error
        assert "hunter2" not in row.last_error
        listed = json.loads(cli(rt, "alerts", "list", "--failed", "--json").output)
        assert [r["id"] for r in listed] == [row.id]
        channels = cli(rt, "channels", "list").output
        assert "hunter2" not in channels
        assert "****" in channels
        assert cli(rt, "alerts", "retry", str(row.id)).exit_code == 0
        assert deliveries(rt)[0].status == "pending"
        assert cli(rt, "channels", "test", "hook").exit_code == 6


def test_a_hanging_receiver_times_out_and_is_retried(rt: Runtime) -> None:
    with webhook_server(Behaviour.HANG) as hook:
        cli(rt, "channels", "add", "default", apprise_json_url(hook))
        ingest(rt, "Cobalt Sky will debut on March 24 on Netflix.", "2017-03-01")
        started = time.monotonic()
        assert send_due(rt).retrying == 1
        assert time.monotonic() - started < 15
        assert deliveries(rt)[0].status == "pending"


def test_reminders_and_release_day_each_once(rt: Runtime) -> None:
    with webhook_server(Behaviour.OK) as hook:
        cli(rt, "channels", "add", "default", apprise_json_url(hook))
        ingest(rt, "Cobalt Sky will debut on March 24 on Netflix.", "2017-03-01")
        assert send_due(rt).sent == 1  # dated
        rt.clock.now = datetime(2017, 3, 17, 12, tzinfo=UTC)  # type: ignore[attr-defined]
        assert send_due(rt).sent == 1
        assert hook.wait_for(2)[1].body["title"] == "Cobalt Sky in 7 days: 2017-03-24"
        assert send_due(rt).sent == 0  # once
        rt.clock.now = datetime(2017, 3, 23, 12, tzinfo=UTC)  # type: ignore[attr-defined]
        send_due(rt)
        rt.clock.now = datetime(2017, 3, 24, 8, tzinfo=UTC)  # type: ignore[attr-defined]
        send_due(rt)
        titles = [p.body["title"] for p in hook.wait_for(4)]
        assert titles[2:] == ["Cobalt Sky in 1 day: 2017-03-24", "Cobalt Sky is out today"]


def test_a_digest_subscription_gets_one_message_per_run(rt: Runtime) -> None:
    with webhook_server(Behaviour.OK) as hook:
        cli(rt, "channels", "add", "default", apprise_json_url(hook))
        with rt.write_session() as session:
            sub = session.exec(select(Subscription)).one()
            sub.digest = True
            session.add(sub)
            session.commit()
        for n, title in enumerate(("Cobalt Sky", "Quiet Empire", "Paper Kingdom")):
            ingest(rt, f"{title} will debut on March {24 + n} on Netflix.", f"2017-03-0{n + 1}")
        assert send_due(rt).sent == 3
        (posted,) = hook.wait_for(1)
        assert posted.body["title"] == "tracker: 3 release date changes"
        assert "Quiet Empire" in posted.body["message"]


def test_the_relay_killed_at_random_loses_nothing(rt: Runtime) -> None:
    """SIGKILL the relay at random points while it sends 300 alerts; restart it until done."""
    total = 300
    with webhook_server(Behaviour.OK) as hook:
        with rt.write_session() as session:
            sub = Subscription(name="crash", created_at=rt.clock())
            session.add(sub)
            session.flush()
            channel = Channel(
                subscription_id=sub.id or 0,
                name="hook",
                url=apprise_json_url(hook),
                created_at=rt.clock(),
            )
            session.add(channel)
            session.flush()
            now = datetime.now(UTC)
            for n in range(total):
                facts = AlertFacts(
                    event=AlertEvent.DATE_SET,
                    title=f"Work {n:03d}",
                    season=None,
                    kind="release",
                    new="2017-03-24",
                )
                session.add(
                    Delivery(
                        idempotency_key=f"crash-{n}",
                        channel_id=channel.id or 0,
                        event="date_set",
                        payload=facts.to_payload(),
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
            session.commit()
        url = rt.engine.url.render_as_string(hide_password=False)
        worker = Path(__file__).with_name("relay_worker.py")
        root = Path(__file__).resolve().parents[2]
        in_flight: set[str] = set()
        rng = random.Random(8)
        mid_run_kills = 0
        for round_no in range(10):
            owner = f"relay-{round_no}"
            process = subprocess.Popen(
                [sys.executable, str(worker), url, owner],
                cwd=root,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            if round_no == 9:  # the last run is left to finish
                _, err = process.communicate(timeout=120)
                assert process.returncode == 0, err.decode()[-2000:]
                break
            time.sleep(rng.uniform(0.6, 1.6))  # past start-up (imports), into the sending
            os.kill(process.pid, signal.SIGKILL)
            process.communicate(timeout=30)
            sent = sum(d.status == "sent" for d in deliveries(rt))
            mid_run_kills += 0 < sent < total
            with rt.write_session() as session:  # what the dead relay held; its lease "expires"
                held = session.exec(
                    select(Delivery)
                    .where(Delivery.lease_owner == owner)
                    .where(Delivery.status == "pending")
                ).all()
                for row in held:
                    in_flight.add(AlertFacts.from_payload(row.payload).title)
                    row.lease_until = datetime(2000, 1, 1, tzinfo=UTC)
                    session.add(row)
                session.commit()
        # a POST cut short by a kill arrives without a whole JSON body: that send was in flight
        torn = [p for p in hook.requests if not isinstance(p.body, dict)]
        received = Counter(
            p.body["title"].split(" dated")[0] for p in hook.requests if isinstance(p.body, dict)
        )
    assert len(torn) <= 9  # at most one per kill
    assert mid_run_kills >= 1  # at least one kill landed while alerts were being sent
    assert all(d.status == "sent" for d in deliveries(rt))
    assert set(received) == {f"Work {n:03d}" for n in range(total)}  # nothing lost
    duplicated = {title for title, n in received.items() if n > 1}
    assert duplicated <= in_flight  # duplicates only for alerts in flight at a kill


def test_poll_once_ingests_then_delivers(rt: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "date 2017-03-01\nCobalt Sky will debut on March 24 on Netflix.\n"
    )
    with webhook_server(Behaviour.OK) as hook:
        assert cli(rt, "subscriptions", "add", "digesting", "--digest").exit_code == 0
        cli(rt, "channels", "add", "digesting", apprise_json_url(hook))
        cli(rt, "sources", "add", str(folder))
        polled = cli(rt, "sources", "poll", "--once")
        assert polled.exit_code == 0, polled.output
        assert "alerts: sent 1" in polled.output
        assert hook.wait_for(1)[0].body["title"] == "tracker: 1 release date change"


def test_private_channels_can_be_refused(empty_db_url: str, tmp_path: Path) -> None:
    runtime = Runtime(
        settings=Settings(
            database_url=empty_db_url, data_dir=tmp_path, allow_private_channels=False
        ),
        clock=Clock(),
    )
    migrate.upgrade(runtime.engine)
    with webhook_server(Behaviour.OK) as hook:
        cli(runtime, "channels", "add", "default", apprise_json_url(hook))
        ingest(runtime, "Cobalt Sky will debut on March 24 on Netflix.", "2017-03-01")
        assert send_due(runtime).failed == 1
        assert hook.requests == []
    row = deliveries(runtime)[0]
    assert row.last_error is not None
    assert "private address" in row.last_error
    runtime.close()


def test_an_alert_names_a_local_file_without_its_path() -> None:
    from tracker.alerts.compose import compose

    facts = AlertFacts(
        event=AlertEvent.DATE_SET,
        title="Iron Fist",
        season=None,
        kind="premiere",
        new="2017-03-17",
        url="file:///srv/private/clips/iron-fist.txt",
    )
    message = compose(facts)
    assert "Source: iron-fist.txt" in message.text
    assert "/srv/private" not in message.text + message.html
