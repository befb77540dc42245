from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import col, func, select

from tracker.db.models import Article, DateChange, Release, Sighting, Work
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import IngestReport, ingest_article
from tracker.runtime import Runtime

NOW = datetime(2017, 3, 14, 12, 0, tzinfo=UTC)
ALL = (Article, Work, Release, Sighting, DateChange)


def ingest(rt: Runtime, text: str, published: date, url: str | None = None) -> IngestReport:
    with rt.write_session() as session:
        return ingest_article(
            RawArticle(text=text, url=url, published=published), session=session, now=NOW
        )


def count(rt: Runtime, model: type) -> int:
    with rt.session() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def history(rt: Runtime) -> list[tuple[str, str | None, str, str]]:
    with rt.session() as session:
        rows = session.exec(select(DateChange).order_by(col(DateChange.id))).all()
        return [(r.change, r.old_value, r.new_value, r.new_status) for r in rows]


def test_a_show_announced_then_dated_then_delayed(runtime: Runtime) -> None:
    ingest(
        runtime,
        "Night Harbor will premiere this summer on Hulu.",
        date(2017, 3, 14),
        "https://news.example/a",
    )
    ingest(
        runtime,
        "Night Harbor will premiere Friday, July 14 on Hulu.",
        date(2017, 4, 2),
        "https://news.example/b",
    )
    ingest(
        runtime,
        "Hulu's Night Harbor will premiere this summer, its cast said.",
        date(2017, 4, 20),
        "https://news.example/c",
    )
    report = ingest(
        runtime,
        "The Hulu drama Night Harbor, previously set for July 14, will now debut on Aug. 18.",
        date(2017, 5, 30),
        "https://news.example/d",
    )
    assert [c.change for c in report.changes] == ["delayed"]
    assert history(runtime) == [
        ("new", None, "2017-summer", "announced"),
        ("narrowed", "2017-summer", "2017-07-14", "announced"),
        ("delayed", "2017-07-14", "2017-08-18", "delayed"),
    ]
    with runtime.session() as session:
        release = session.exec(select(Release)).one()
        assert (release.date_value, release.precision, release.status) == (
            "2017-08-18",
            "day",
            "delayed",
        )
        assert release.platform == "Hulu"
        assert (release.revision, release.sequence) == (2, 2)
        assert release.date_as_of == date(2017, 5, 30)
        assert len(session.exec(select(Sighting)).all()) == 4  # every article is provenance
        changes = session.exec(select(DateChange).order_by(col(DateChange.id))).all()
        urls = {a.id: a.url for a in session.exec(select(Article))}
        assert [urls[c.article_id] for c in changes] == [
            "https://news.example/a",
            "https://news.example/b",
            "https://news.example/d",
        ]


def test_an_older_article_never_overrides_a_newer_one(runtime: Runtime) -> None:
    ingest(runtime, "Night Harbor will premiere Friday, July 14 on Hulu.", date(2017, 4, 2))
    ingest(runtime, "Night Harbor will premiere this summer on Hulu.", date(2017, 3, 1))
    ingest(runtime, "Night Harbor will premiere on June 2 on Hulu.", date(2017, 3, 2))
    assert history(runtime) == [("new", None, "2017-07-14", "announced")]
    assert count(runtime, Sighting) == 3


def test_the_same_article_twice_changes_nothing(runtime: Runtime) -> None:
    text = "Night Harbor will premiere Friday, July 14 on Hulu."
    first = ingest(runtime, text, date(2017, 4, 2), "https://news.example/a?utm_source=rss")
    by_url = ingest(runtime, text + " Updated.", date(2017, 4, 2), "https://NEWS.example/a#top")
    by_content = ingest(
        runtime,
        "  Night Harbor will premiere\nFriday, July 14 on Hulu.",
        date(2017, 4, 2),
        "https://mirror.example/copy",
    )
    assert not first.duplicate
    assert by_url.duplicate
    assert by_content.duplicate
    assert by_url.article_id == first.article_id == by_content.article_id
    assert [count(runtime, m) for m in (Article, Sighting, DateChange)] == [1, 1, 1]


def test_one_work_under_several_spellings(runtime: Runtime) -> None:
    ingest(
        runtime, "Marvel's Iron Fist will premiere on March 17, 2017, on Netflix.", date(2017, 3, 1)
    )
    ingest(runtime, "IRON FIST will premiere on Friday, March 17.", date(2017, 3, 10))
    ingest(runtime, "Daredevil: Born Again will premiere in 2025 on Disney+.", date(2024, 1, 5))
    ingest(runtime, "Daredevil will return for a fourth season in 2026.", date(2025, 6, 1))
    with runtime.session() as session:
        works = sorted(w.title for w in session.exec(select(Work)))
    # "Marvel's Iron Fist" and "IRON FIST" are one work, whichever spelling came first
    assert works[:2] == ["Daredevil", "Daredevil: Born Again"]
    assert works[2] in ("Iron Fist", "Marvel's Iron Fist")
    assert len(works) == 3
    assert count(runtime, Release) == 3  # Iron Fist once, the two Daredevils apart


def test_a_crash_mid_article_leaves_the_database_as_before(
    runtime: Runtime, tmp_path: Path
) -> None:
    ingest(runtime, "Night Harbor will premiere this summer on Hulu.", date(2017, 3, 14))
    before = [count(runtime, m) for m in ALL]
    url = runtime.engine.url.render_as_string(hide_password=False)
    both = (
        "Night Harbor will premiere Friday, July 14 on Hulu. "
        "Cobalt Sky will debut on Aug. 4 on Netflix."
    )
    script = textwrap.dedent(f"""
        import os
        from datetime import UTC, date, datetime
        from tracker.db import releases
        from tracker.ingest.articles import RawArticle
        from tracker.ingest.service import ingest_article
        from tracker.runtime import Runtime
        from tracker.settings import Settings

        calls = []
        real = releases.add_sighting
        def dying(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                os._exit(9)  # the process dies between two writes of one article
            return real(*args, **kwargs)
        releases.add_sighting = dying
        rt = Runtime(settings=Settings(database_url={url!r}))
        with rt.write_session() as session:
            ingest_article(RawArticle(text={both!r}, published=date(2017, 4, 2)),
                           session=session, now=datetime(2017, 4, 2, tzinfo=UTC))
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 9, done.stderr
    assert [count(runtime, m) for m in ALL] == before
    report = ingest(runtime, both, date(2017, 4, 2))  # and it goes in whole afterwards
    assert sorted(c.change for c in report.changes) == ["narrowed", "new"]


def test_a_release_keeps_one_uid_for_life_and_no_other_database_shares_it(
    runtime: Runtime, tmp_path: Path
) -> None:
    from tests.conftest import make_runtime
    from tracker.db import migrate

    other = make_runtime(f"sqlite:///{tmp_path / 'other.sqlite3'}", tmp_path / "other")
    migrate.upgrade(other.engine)
    text = "Night Harbor will premiere Friday, July 14 on Hulu."
    for rt in (runtime, other):
        ingest(rt, text, date(2017, 3, 10), "https://news.example/a")
    with runtime.session() as session, other.session() as elsewhere:
        mine = session.exec(select(Release)).one()
        theirs = elsewhere.exec(select(Release)).one()
    assert mine.id == theirs.id  # the same release id in both databases
    assert mine.uid != theirs.uid  # two instances, two UIDs, though each is release 1
    ingest(runtime, "Night Harbor will now premiere Aug. 18 on Hulu.", date(2017, 4, 1))
    with runtime.session() as session:
        moved = session.exec(select(Release)).one()
    assert moved.date_value == "2017-08-18"
    assert moved.uid == mine.uid
    other.close()


def test_an_article_is_cleaned_of_control_characters_before_it_is_read(runtime: Runtime) -> None:
    raw = RawArticle(
        text="Night Harbor\x07 will premiere on July 14 on Hulu.\x0cMore soon\x1b[0m.\ud800",
        title="Night\x00 Harbor",
    )
    assert raw.text == "Night Harbor  will premiere on July 14 on Hulu.\nMore soon [0m.\ufffd"
    assert raw.title == "Night  Harbor"
    report = ingest(runtime, raw.text, date(2017, 3, 1))
    assert report.found == 1
    with runtime.session() as session:
        stored = session.exec(select(Article.text)).one()
        evidence = session.exec(select(Sighting.evidence)).one()
    assert stored == raw.text
    assert evidence == "Night Harbor  will premiere on July 14 on Hulu."
