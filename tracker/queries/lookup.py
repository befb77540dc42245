"""One work in depth (`tracker show`) and title search (`tracker search`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from tracker.core.consensus import consistent
from tracker.core.release_date import ReleaseDate
from tracker.core.titles import title_key
from tracker.db import repo
from tracker.db.models import Article, DateChange, Release, Sighting, Work, WorkAlias
from tracker.errors import NotFoundError
from tracker.queries.views import ReleaseView

SUGGEST_CUTOFF = 60.0


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEntry:
    """One change of a release's date."""

    change: str
    old: str | None
    new: str
    recorded_at: dt.datetime
    article_url: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One sighting: what an article said, whose claim it is, and whether it agrees."""

    date: str
    evidence: str
    url: str | None
    published: dt.date | None
    site: str
    confidence: float
    agrees: bool
    """Consistent with the release's current date (a day inside its month, say)."""
    seen_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseDetail:
    """A release with its history and its evidence."""

    release: ReleaseView
    history: list[HistoryEntry]
    sightings: list[Evidence]


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkDetail:
    """Everything we know of one work."""

    title: str
    aliases: list[str]
    releases: list[ReleaseDetail]


class AmbiguousTitleError(NotFoundError):
    """Several works match; the message lists them."""


def search(session: Session, text: str, *, limit: int = 20) -> list[tuple[int, str, float]]:
    """Works whose title or an alias matches `text`: (work id, title, score 0-100), best first."""
    wanted = title_key(text)
    if not wanted:
        return []
    titles: dict[int, str] = {}
    names: dict[str, int] = {}
    for work_id, title, key in session.exec(select(Work.id, Work.title, Work.key)):
        if work_id is not None:
            titles[work_id] = title
            names[key] = work_id  # a work's key is its title's key
    for key, work_id in session.exec(select(WorkAlias.key, WorkAlias.work_id)):
        names.setdefault(key, work_id)
    keys = list(names)
    best: dict[int, float] = {}
    # close spellings scored in one call (rapidfuzz's own loop), a containing key counts 100
    for _, score, at in process.extract(
        wanted, keys, scorer=fuzz.WRatio, score_cutoff=SUGGEST_CUTOFF, limit=None
    ):
        work_id = names[keys[at]]
        best[work_id] = max(best.get(work_id, 0.0), score)
    for key, work_id in names.items():
        if wanted in key:
            best[work_id] = 100.0
    ranked = sorted(best.items(), key=lambda item: (-item[1], titles[item[0]]))
    return [(i, titles[i], s) for i, s in ranked if s >= SUGGEST_CUTOFF][:limit]


def find_work(session: Session, title: str) -> int:
    """The one work `title` names: exactly, then by the ingest identity rules, then fuzzily."""
    index = repo.title_index(session)
    found = index.find(title)
    if found is not None:
        return found
    matches = search(session, title, limit=8)
    exact = [m for m in matches if m[2] >= 100.0]
    if len(exact) == 1:
        return exact[0][0]
    if not matches:
        keys = [w.title for w in session.exec(select(Work).limit(5000))]
        close = process.extract(title, keys, scorer=fuzz.WRatio, limit=3)
        hint = f"; closest: {', '.join(c[0] for c in close)}" if close else ""
        raise NotFoundError(f"no work called {title!r}{hint}")
    listed = "; ".join(m[1] for m in matches)
    raise AmbiguousTitleError(f"{title!r} matches several works: {listed}. Be more precise.")


def work_detail(session: Session, work_id: int) -> WorkDetail:
    """A work's releases, each with its date history and its sightings."""
    work = session.get(Work, work_id)
    if work is None:
        raise NotFoundError(f"no work with id {work_id}")
    aliases = sorted(
        a.title
        for a in session.exec(select(WorkAlias).where(WorkAlias.work_id == work_id))
        if a.title != work.title
    )
    releases = session.exec(
        select(Release)
        .where(Release.work_id == work_id)
        .order_by(col(Release.season), col(Release.kind))
    ).all()
    return WorkDetail(
        title=work.title,
        aliases=sorted(set(aliases)),
        releases=[_release_detail(session, r, work) for r in releases],
    )


def _release_detail(session: Session, release: Release, work: Work) -> ReleaseDetail:
    current = ReleaseDate.parse(release.date_value)
    history = session.exec(
        select(DateChange, Article)
        .join(Article, col(Article.id) == col(DateChange.article_id), isouter=True)
        .where(DateChange.release_id == release.id)
        .order_by(col(DateChange.id))
    ).all()
    sightings = session.exec(
        select(Sighting, Article)
        .join(Article, col(Article.id) == col(Sighting.article_id))
        .where(Sighting.release_id == release.id)
        .order_by(col(Article.published_at), col(Sighting.id))
    ).all()
    return ReleaseDetail(
        release=ReleaseView.of(release, work),
        history=[
            HistoryEntry(
                change=c.change,
                old=c.old_value,
                new=c.new_value,
                recorded_at=c.recorded_at,
                article_url=a.url if a else None,
                published=a.published_at.date() if a and a.published_at else None,
            )
            for c, a in history
        ],
        sightings=[
            Evidence(
                date=s.date_value,
                evidence=s.evidence,
                url=a.url,
                published=a.published_at.date() if a.published_at else None,
                site=s.site,
                confidence=s.confidence,
                agrees=consistent(ReleaseDate.parse(s.date_value), current),
                seen_at=s.created_at,
            )
            for s, a in sightings
        ],
    )
