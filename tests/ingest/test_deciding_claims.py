"""Ingest reads only the claims that can still decide a release (`consensus.deciding`), chosen in
SQL on both backends: the same outcome as weighing every sighting, step by step and in the end."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlmodel import Session, col, select

from tracker.core.consensus import Claim, assess, deciding
from tracker.core.release_date import ReleaseDate
from tracker.db import migrate, releases
from tracker.db.models import DateChange, Release, Sighting
from tracker.ingest.articles import RawArticle
from tracker.ingest.service import ingest_article
from tracker.runtime import Runtime
from tracker.settings import Settings

START = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(days=14)


def _sentences(rng: random.Random, i: int) -> str:
    """What one article says of one show: a day, a month, a season or a delay, in its words."""
    day = rng.choice([5, 12, 19])
    month = rng.choice(["May", "June"])
    said = rng.choice(
        [
            f"Glass Harbor will premiere {month} {day} on Netflix.",
            f"Glass Harbor will premiere in {month} on Netflix.",
            "Glass Harbor will premiere this summer on Netflix.",
            f"Glass Harbor has been delayed to {month} {day}, Netflix said.",
        ]
    )
    return f"{said} Report {i} of the day."  # no two the same: none is a duplicate


def _articles(seed: int, count: int) -> list[RawArticle]:
    """Articles from eight sites, published out of order over two months; some undated."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        published = None if rng.random() < 0.1 else START.date() + timedelta(rng.randrange(60))
        site = rng.randrange(8)
        out.append(
            RawArticle(
                text=_sentences(rng, i),
                url=f"https://site{site}.example/a/{i}",
                published=published,
            )
        )
    return out


def _every_claim(session: Session, release_id: int) -> list[Claim]:
    """All of a release's sightings as claims, the way ingest read them before it chose."""
    rows = session.execute(
        sa_select(Sighting).where(col(Sighting.release_id) == release_id).order_by(col(Sighting.id))
    ).scalars()
    return [
        Claim(
            date=ReleaseDate.of(s.date_value, s.precision),
            site=s.site,
            published=s.published or s.created_at.date(),
            confidence=s.confidence,
            explicit=s.explicit,
            copy_key=s.copy_key,
            order=s.id or 0,
        )
        for s in rows
    ]


def _check(rt: Runtime) -> None:
    """The claims ingest reads hold the deciding ones, and weigh as all of them do."""
    with rt.session() as session:
        release = session.exec(select(Release)).one()
        assert release.id is not None
        chosen = releases.claims_for(session, release.id)
        every = _every_claim(session, release.id)
    assert all(c in every for c in chosen)
    assert all(c in chosen for c in deciding(every))
    assert assess(chosen, window=WINDOW) == assess(every, window=WINDOW)


def _ingest_all(rt: Runtime, articles: list[RawArticle], check: bool) -> None:
    for i, article in enumerate(articles):
        # read after the last one was published: an undated article, dated the day it is read,
        # is its site's and its date's newest
        now = START + timedelta(days=60 + i // 8)
        with rt.write_session() as session:
            ingest_article(article, session=session, now=now, window=WINDOW)
        if check:
            _check(rt)


def _outcome(rt: Runtime) -> tuple[object, ...]:
    with rt.session() as session:
        release = session.exec(select(Release)).one()
        changes = session.exec(select(DateChange).order_by(col(DateChange.id))).all()
        return (
            release.date_value,
            release.precision,
            release.status,
            release.disputed,
            round(release.confidence, 9),
            release.support,
            [(c.change, c.old_value, c.new_value, c.revision) for c in changes],
        )


@pytest.fixture
def rt(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    runtime = Runtime(settings=Settings(database_url=empty_db_url, data_dir=tmp_path / "data"))
    migrate.upgrade(runtime.engine)
    yield runtime
    runtime.close()


@pytest.mark.parametrize("seed", [1, 2])
def test_ingest_weighs_the_deciding_claims_as_it_would_weigh_them_all(
    rt: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    articles = _articles(seed, 120)
    _ingest_all(rt, articles, check=True)
    with rt.session() as session:
        release = session.exec(select(Release)).one()
        assert release.id is not None
        stored = len(_every_claim(session, release.id))
        read = len(releases.claims_for(session, release.id))
    assert stored == 120
    assert read < stored / 2  # what it is for: most sightings are no longer read

    # the same articles weighed on every sighting, as before the choice, give the same history
    reference = Runtime(settings=Settings(data_dir=tmp_path / "reference"))
    migrate.upgrade(reference.engine)
    monkeypatch.setattr(releases, "claims_for", _every_claim)
    try:
        _ingest_all(reference, articles, check=False)
        assert _outcome(reference) == _outcome(rt)
    finally:
        reference.close()


def test_a_sighting_stored_without_a_publication_date_is_still_weighed(rt: Runtime) -> None:
    """Ingest dates every sighting; one stored without (by hand, by an old tool) counts too."""
    _ingest_all(rt, _articles(3, 40), check=False)
    with rt.write_session() as session:
        session.execute(update(Sighting).where(col(Sighting.id) % 3 == 0).values(published=None))
        session.commit()
    _check(rt)
