"""Two processes polling one PostgreSQL database: when both meet the same new work at the same
moment, one insert loses to the other's; the losing article is read again, never lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from tests.conftest import make_runtime
from tests.support import Clock, follow
from tracker.db import migrate, repo
from tracker.db.models import Article, Release, Work
from tracker.ingest.poll import claim_due, make_poller


@pytest.mark.postgres
def test_a_work_inserted_by_another_process_meanwhile_loses_no_article(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = make_runtime(postgres_url, tmp_path)
    rt.clock = Clock(datetime(2027, 2, 1, 12, tzinfo=UTC))
    migrate.upgrade(rt.engine)
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "harbor.txt").write_text("Glass Harbor will premiere March 5 on Netflix.\n")
    follow(rt, str(folder), name="clips")
    real = repo.find_work_by_key
    raced: list[str] = []

    def another_process_wins(session, key):  # type: ignore[no-untyped-def]
        found = real(session, key)
        if found is None and not raced:  # the other daemon commits the same work just now
            raced.append(key)
            with rt.engine.begin() as other:
                other.execute(
                    Work.__table__.insert().values(  # type: ignore[attr-defined]
                        title="Glass Harbor", key=key, created_at=rt.clock()
                    )
                )
        return found

    monkeypatch.setattr(repo, "find_work_by_key", another_process_wins)
    with rt.fetcher() as fetcher:
        outcomes = make_poller(rt, fetcher).run(claim_due(rt, owner=rt.owner), workers=1)
    assert raced  # the race happened
    assert [o.new_articles for o in outcomes] == [1]
    with rt.session() as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 1
        assert session.exec(select(func.count()).select_from(Work)).one() == 1
        release = session.exec(select(Release)).one()
        assert release.date_value == "2027-03-05"
    rt.close()
