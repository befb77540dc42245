"""`tracker sources …` and `tracker ingest` through the CLI, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.ingest.loopback import serve
from tracker.cli.main import app
from tracker.runtime import Runtime

runner = CliRunner()


def cli(rt: Runtime, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), obj=rt, input=stdin)


def test_add_list_poll_remove(runtime: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2017-06-01\nNight Harbor will premiere July 14 on Hulu.\n")
    added = cli(runtime, "sources", "add", str(folder), "--interval", "30m", "--name", "clips")
    assert added.exit_code == 0, added.output
    assert "added source 1: clips (dir, every 30m)" in added.output
    listed = json.loads(cli(runtime, "sources", "list", "--json").output)
    assert [(s["id"], s["name"], s["kind"], s["interval"], s["failures"]) for s in listed] == [
        (1, "clips", "dir", "30m", 0)
    ]
    polled = cli(runtime, "sources", "poll", "--once")
    assert polled.exit_code == 0, polled.output
    assert "1 new article(s), 1 date change(s)" in polled.output
    assert "no source is due" in cli(runtime, "sources", "poll", "--once").output
    table = cli(runtime, "sources", "list").output
    assert "clips" in table
    assert "never" not in table.split("\n")[1]
    removed = cli(runtime, "sources", "remove", "1")
    assert removed.exit_code == 0
    assert "removed source 1" in removed.output
    missing = cli(runtime, "sources", "remove", "1")
    assert missing.exit_code == 7
    assert "no source with id 1" in missing.output


def test_poll_reports_failures_with_exit_code_6(runtime: Runtime) -> None:
    with serve() as server:
        failing = cli(runtime, "sources", "add", server.url("/status/500"), "--kind", "feed")
        assert failing.exit_code == 0
        assert cli(runtime, "sources", "add", server.url("/feeds/rss.xml")).exit_code == 0
        result = cli(runtime, "sources", "poll", "--once")
    assert result.exit_code == 6
    assert "FAILED: HTTP 500" in result.output
    assert "3 new article(s)" in result.output


def test_a_mistyped_url_is_a_usage_error_that_says_what_is_wrong(runtime: Runtime) -> None:
    result = cli(runtime, "sources", "add", "https://news.example:8o8o/feed.xml")
    assert result.exit_code == 2
    assert "not a valid URL" in result.output
    assert "the port is not a number" in result.output
    assert "internal error" not in result.output
    assert json.loads(cli(runtime, "sources", "list", "--json").output) == []


def test_an_ipv6_feed_keeps_its_brackets(runtime: Runtime) -> None:
    added = cli(runtime, "sources", "add", "http://[::1]:8080/feed.xml")
    assert added.exit_code == 0, added.output
    assert "added source 1: [::1]/feed.xml (feed" in added.output
    with runtime.session() as session:
        from tracker.db.models import Source

        row = session.get(Source, 1)
        assert row is not None
        assert row.location == "http://[::1]:8080/feed.xml"


def test_ids_and_durations_past_what_can_be_stored_are_usage_errors(
    runtime: Runtime, tmp_path: Path
) -> None:
    for args in (
        ("sources", "remove", "99999999999999999999"),
        ("sources", "poll", "--once", "--source", "99999999999999999999"),
        ("alerts", "retry", "99999999999999999999"),
    ):
        result = cli(runtime, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "1<=x<=2147483647" in result.output
    assert cli(runtime, "sources", "remove", "2147483647").exit_code == 7  # merely unknown
    for args in (
        ("sources", "add", str(tmp_path), "--interval", "3000000d"),
        ("sources", "add", str(tmp_path), "--interval", "9" * 30 + "w"),
        ("subscriptions", "add", "far", "--alarm", "3651d"),
    ):
        result = cli(runtime, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "too long a duration" in result.output
    assert json.loads(cli(runtime, "sources", "list", "--json").output) == []


def test_bad_interval_is_a_usage_error(runtime: Runtime, tmp_path: Path) -> None:
    result = cli(runtime, "sources", "add", str(tmp_path), "--interval", "soonish")
    assert result.exit_code == 2
    assert "not a duration" in result.output


def test_ingest_stdin_file_and_folder(runtime: Runtime, tmp_path: Path) -> None:
    text = "Cobalt Sky will debut on Aug. 4 on Netflix."
    first = cli(runtime, "ingest", "-", "--published", "2017-06-01", stdin=text)
    assert first.exit_code == 0, first.output
    assert "new       Cobalt Sky: 2017-08-04" in first.output
    again = cli(runtime, "ingest", "-", "--published", "2017-06-01", stdin=text)
    assert "already ingested" in again.output
    article = tmp_path / "b.txt"
    article.write_text("date 2017-06-02\nNight Harbor will premiere on July 14 on Hulu.\n")
    result = json.loads(cli(runtime, "ingest", str(article), "--json").output)
    assert result[0]["changes"][0]["new"] == "2017-07-14"
    missing = cli(runtime, "ingest", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.output
    assert cli(runtime, "sources", "list", "--json").output.strip() == "[]"  # one-shot


def test_ingest_a_feed_url_once(runtime: Runtime) -> None:
    with serve() as server:
        result = cli(runtime, "ingest", server.url("/feeds/rss.xml"), "--json")
    assert result.exit_code == 0, result.output
    reports = json.loads(result.output)
    assert len(reports) == 3
    assert any(c["title"] == "Harbor Lights" for r in reports for c in r["changes"])
    assert cli(runtime, "sources", "list", "--json").output.strip() == "[]"
