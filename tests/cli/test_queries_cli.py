"""`tracker upcoming / show / search / changes / watch` through the CLI, on both backends,
against a database filled by the real ingest path."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support import Clock
from tracker.cli.main import app
from tracker.db import migrate
from tracker.queries.views import RELEASE_FIELDS
from tracker.runtime import Runtime
from tracker.settings import Settings

runner = CliRunner()
ARTICLES = [
    ("2017-03-01", "Night Harbor will premiere this summer on Hulu."),
    ("2017-03-02", "Cobalt Sky will debut on March 24 on Netflix."),
    ("2017-03-03", "The second season of Glass Orchard will premiere on April 7 on HBO."),
    ("2017-03-04", "Paper Kingdom is coming in 2018, the studio said."),
    ("2017-03-05", "Quiet Empire will premiere on Netflix, but no premiere date has been set."),
    ("2017-03-10", "Night Harbor will premiere Friday, July 14 on Hulu."),
]


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    clock = Clock(datetime(2017, 3, 14, 12, 0, tzinfo=UTC))
    runtime = Runtime(
        settings=Settings(
            database_url=empty_db_url, data_dir=tmp_path, timezone="America/New_York"
        ),
        clock=clock,
    )
    migrate.upgrade(runtime.engine)
    yield runtime
    runtime.close()


def cli(rt: Runtime, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), obj=rt, input=stdin)


@pytest.fixture
def filled(rt: Runtime) -> Runtime:
    for published, text in ARTICLES:
        result = cli(rt, "ingest", "-", "--published", published, stdin=text)
        assert result.exit_code == 0, result.output
    return rt


def test_empty_database_says_how_to_add_a_source(rt: Runtime) -> None:
    result = cli(rt, "upcoming")
    assert result.exit_code == 0
    assert "tracker sources add" in result.output
    assert cli(rt, "upcoming", "--json").output.strip() == "[]"


def test_upcoming_window_order_and_schema(filled: Runtime) -> None:
    rows = json.loads(cli(filled, "upcoming", "--json").output)  # 90 days from 2017-03-14
    assert [(r["title"], r["date"]) for r in rows] == [
        ("Cobalt Sky", "2017-03-24"),
        ("Glass Orchard", "2017-04-07"),
    ]
    assert list(rows[0]) == list(RELEASE_FIELDS)
    assert rows[1]["season"] == 2
    assert rows[1]["kind"] == "season_premiere"
    wide = json.loads(cli(filled, "upcoming", "--days", "400", "--json").output)
    assert [(r["title"], r["date"], r["start"]) for r in wide] == [
        ("Cobalt Sky", "2017-03-24", "2017-03-24"),
        ("Glass Orchard", "2017-04-07", "2017-04-07"),
        ("Night Harbor", "2017-07-14", "2017-07-14"),
        ("Paper Kingdom", "2018", "2018-01-01"),
    ]
    paper = wide[-1]
    assert (paper["precision"], paper["label"], paper["end"]) == ("year", "2018", "2018-12-31")


def test_upcoming_filters(filled: Runtime) -> None:
    def titles(*args: str) -> list[str]:
        out = cli(filled, "upcoming", "--days", "400", "--jsonl", *args).output
        return [json.loads(line)["title"] for line in out.splitlines()]

    assert titles("--platform", "netflix") == ["Cobalt Sky"]
    assert titles("--kind", "season_premiere") == ["Glass Orchard"]
    assert titles("--min-precision", "month") == ["Cobalt Sky", "Glass Orchard", "Night Harbor"]
    assert titles("--include-tba")[-1] == "Quiet Empire"
    assert titles("--from", "2017-07-01", "--to", "2017-07-31") == ["Night Harbor"]
    bad = cli(filled, "upcoming", "--from", "2017-08-01", "--to", "2017-07-01")
    assert bad.exit_code == 2
    assert "--to is before --from" in bad.output


def test_upcoming_csv_and_plain_output(filled: Runtime) -> None:
    out = cli(filled, "upcoming", "--days", "400", "--csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["date"] for r in rows] == ["2017-03-24", "2017-04-07", "2017-07-14", "2018"]
    plain = cli(filled, "upcoming").output.splitlines()
    assert plain[0].split("\t") == [
        "when",
        "title",
        "season",
        "kind",
        "platform",
        "status",
        "sources",
    ]
    assert plain[1].split("\t")[:2] == ["2017-03-24", "Cobalt Sky"]


def test_show_history_and_evidence(filled: Runtime) -> None:
    result = cli(filled, "show", "night harbour")  # a close spelling finds the work
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Night Harbor")
    assert "premiere: 2017-07-14 on Hulu [announced]" in out
    assert "new       2017-summer" in out
    assert "narrowed  2017-summer -> 2017-07-14" in out
    assert "said 2017-03-10" in out
    assert "July 14" in out
    data = json.loads(cli(filled, "show", "Night Harbor", "--json").output)
    release = data["releases"][0]
    assert [h["change"] for h in release["history"]] == ["new", "narrowed"]
    assert len(release["sightings"]) == 2
    # times shown in the user's zone: recorded 12:00 UTC is 08:00 in New York (EDT since 12 March)
    assert "2017-03-14 08:00" in out


def test_show_lists_the_newest_claims_of_a_much_reported_release(rt: Runtime) -> None:
    """Ten claims unless told, the newest, in order, with how many older ones it leaves out."""
    for day in range(1, 15):  # fourteen sites, one a day
        text = f"Cobalt Sky will premiere April {day + 14} on Netflix, site {day} reports."
        said = cli(rt, "ingest", "-", "--published", f"2017-03-{day:02}", stdin=text)
        assert said.exit_code == 0, said.output

    def said_days(out: str) -> list[str]:
        return [line.split("said 2017-03-")[1][:2] for line in out.splitlines() if "said " in line]

    shown = cli(rt, "show", "Cobalt Sky")
    assert shown.exit_code == 0, shown.output
    assert said_days(shown.output) == [f"{d:02}" for d in range(5, 15)]
    assert "claims: (the newest; 4 older claims not shown: --claims 0 lists all)" in shown.output
    assert said_days(cli(rt, "show", "Cobalt Sky", "--claims", "1").output) == ["14"]
    every = cli(rt, "show", "Cobalt Sky", "--claims", "0").output
    assert said_days(every) == [f"{d:02}" for d in range(1, 15)]
    assert "not shown" not in every

    data = json.loads(cli(rt, "show", "Cobalt Sky", "--json").output)["releases"][0]
    assert (len(data["sightings"]), data["sightings_total"]) == (14, 14)  # scripts get all
    data = json.loads(cli(rt, "show", "Cobalt Sky", "--json", "--claims", "2").output)
    sightings = data["releases"][0]["sightings"]
    assert [s["published"] for s in sightings] == ["2017-03-13", "2017-03-14"]
    assert data["releases"][0]["sightings_total"] == 14

    wrong = cli(rt, "show", "Cobalt Sky", "--claims", "-1")
    assert wrong.exit_code == 2
    assert "--claims" in wrong.output


def test_unknown_and_ambiguous_titles(filled: Runtime) -> None:
    unknown = cli(filled, "show", "Zebra Crossing Saga")
    assert unknown.exit_code == 7
    assert "no work called 'Zebra Crossing Saga'" in unknown.output
    cli(
        filled,
        "ingest",
        "-",
        "--published",
        "2017-03-06",
        stdin="Night Harbor Nights will premiere on May 5 on Hulu.",
    )
    ambiguous = cli(filled, "show", "Night")
    assert ambiguous.exit_code == 7
    assert "matches several works" in ambiguous.output
    assert "Night Harbor" in ambiguous.output
    assert "Night Harbor Nights" in ambiguous.output


def test_windows_at_the_edge_of_the_calendar_and_overlong_ones(filled: Runtime) -> None:
    # a window that would run past 9999-12-31 ends there, instead of overflowing
    late = cli(filled, "upcoming", "--from", "9999-12-25", "--days", "30", "--json")
    assert late.exit_code == 0, late.output
    assert json.loads(late.output) == []
    longest = cli(filled, "upcoming", "--days", "3650", "--json")
    assert longest.exit_code == 0
    assert "Paper Kingdom" in {r["title"] for r in json.loads(longest.output)}
    overlong = cli(filled, "upcoming", "--days", "99999999999")
    assert overlong.exit_code == 2
    assert "1<=x<=3650" in overlong.output
    assert cli(filled, "changes", "--since", "99999999999d").exit_code == 2


def test_search(filled: Runtime) -> None:
    found = json.loads(cli(filled, "search", "orchard", "--json").output)
    assert [f["title"] for f in found] == ["Glass Orchard"]
    assert "no work matches" in cli(filled, "search", "xylophone").output


def test_changes_since(filled: Runtime) -> None:
    rows = json.loads(cli(filled, "changes", "--since", "1d", "--json").output)
    assert rows[0]["change"] == "narrowed"
    assert (rows[0]["old"], rows[0]["new"], rows[0]["published"]) == (
        "2017-summer",
        "2017-07-14",
        "2017-03-10",
    )
    assert {r["change"] for r in rows} == {"new", "narrowed"}
    filled.clock.now = datetime(2017, 3, 20, tzinfo=UTC)  # type: ignore[attr-defined]
    assert json.loads(cli(filled, "changes", "--since", "2d", "--json").output) == []
    assert len(json.loads(cli(filled, "changes", "--since", "2017-03-01", "--json").output)) == 6
    assert cli(filled, "changes", "--since", "whenever").exit_code == 2


def test_watch_list_matches_works_that_appear_later(filled: Runtime) -> None:
    added = cli(filled, "watch", "add", "Cobalt Sky", "Silver Lantern")
    assert added.exit_code == 0
    assert "watching Silver Lantern" in added.output
    assert "already watching" in cli(filled, "watch", "add", "cobalt sky").output
    listed = cli(filled, "watch", "list").output
    assert "Cobalt Sky\tyes" in listed
    assert "Silver Lantern\tnot yet" in listed
    watched = json.loads(cli(filled, "upcoming", "--watched", "--days", "400", "--json").output)
    assert [r["title"] for r in watched] == ["Cobalt Sky"]
    cli(
        filled,
        "ingest",
        "-",
        "--published",
        "2017-03-12",
        stdin="Silver Lantern will open in theaters on June 2.",
    )
    watched = json.loads(cli(filled, "upcoming", "--watched", "--days", "400", "--json").output)
    assert [r["title"] for r in watched] == ["Cobalt Sky", "Silver Lantern"]
    assert cli(filled, "watch", "remove", "silver lantern").exit_code == 0
    assert cli(filled, "watch", "remove", "Silver Lantern").exit_code == 7
    other = cli(filled, "watch", "add", "X", "--subscription", "nobody")
    assert other.exit_code == 7
