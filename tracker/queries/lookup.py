"""One work in depth (`tracker show`) and title search (`tracker search`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tracker.core.consensus import consistent
from tracker.core.release_date import ReleaseDate
from tracker.core.titles import TitleIndex, title_key
from tracker.errors import NotFoundError
from tracker.queries.reader import Reader, as_utc
from tracker.queries.upcoming import RELEASE_COLUMNS, release_view
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
    """The newest sightings asked for, oldest of them first."""
    sightings_total: int
    """How many sightings the release has, shown or not."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkDetail:
    """Everything we know of one work."""

    title: str
    aliases: list[str]
    releases: list[ReleaseDetail]


class AmbiguousTitleError(NotFoundError):
    """Several works match; the message lists them."""


def title_index(reader: Reader) -> TitleIndex:
    """Every known work and alias key, for matching titles (as `repo.title_index`)."""
    works = reader.rows("SELECT key, id FROM work")
    aliases = reader.rows("SELECT key, work_id FROM work_alias")
    return TitleIndex([(key, work_id) for key, work_id in [*works, *aliases]])


def search(reader: Reader, text: str, *, limit: int = 20) -> list[tuple[int, str, float]]:
    """Works whose title or an alias matches `text`: (work id, title, score 0-100), best first."""
    wanted = title_key(text)
    if not wanted:
        return []
    titles: dict[int, str] = {}
    names: dict[str, int] = {}
    for work_id, title, key in reader.rows("SELECT id, title, key FROM work"):
        titles[work_id] = title
        names[key] = work_id  # a work's key is its title's key
    for key, work_id in reader.rows("SELECT key, work_id FROM work_alias"):
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


def find_work(reader: Reader, title: str) -> int:
    """The one work `title` names: exactly, then by the ingest identity rules, then fuzzily."""
    found = title_index(reader).find(title)
    if found is not None:
        return found
    matches = search(reader, title, limit=8)
    exact = [m for m in matches if m[2] >= 100.0]
    if len(exact) == 1:
        return exact[0][0]
    if not matches:
        keys = [t for (t,) in reader.rows("SELECT title FROM work ORDER BY id LIMIT 5000")]
        close = process.extract(title, keys, scorer=fuzz.WRatio, limit=3)
        hint = f"; closest: {', '.join(c[0] for c in close)}" if close else ""
        raise NotFoundError(f"no work called {title!r}{hint}")
    listed = "; ".join(m[1] for m in matches)
    raise AmbiguousTitleError(f"{title!r} matches several works: {listed}. Be more precise.")


def work_detail(reader: Reader, work_id: int, *, claims: int | None = None) -> WorkDetail:
    """A work's releases, each with its date history and its newest `claims` sightings (None: all).

    A much-reported release has thousands of sightings; only those asked for are read.
    """
    work = reader.rows("SELECT title FROM work WHERE id = :work", {"work": work_id})
    if not work:
        raise NotFoundError(f"no work with id {work_id}")
    ((title,),) = work
    aliases = {
        alias
        for (alias,) in reader.rows(
            "SELECT title FROM work_alias WHERE work_id = :work", {"work": work_id}
        )
        if alias != title
    }
    releases = reader.rows(
        f'SELECT {RELEASE_COLUMNS} FROM "release" r JOIN work w ON w.id = r.work_id '
        "WHERE r.work_id = :work ORDER BY r.season, r.kind",
        {"work": work_id},
    )
    return WorkDetail(
        title=title,
        aliases=sorted(aliases),
        releases=[_release_detail(reader, release_view(row), claims) for row in releases],
    )


def _release_detail(reader: Reader, release: ReleaseView, claims: int | None) -> ReleaseDetail:
    current = ReleaseDate.parse(release.date)
    history = reader.rows(
        "SELECT c.change, c.old_value, c.new_value, c.recorded_at, a.url, a.published_at "
        "FROM date_change c LEFT JOIN article a ON a.id = c.article_id "
        "WHERE c.release_id = :release ORDER BY c.id",
        {"release": release.id},
    )
    params = {"release": release.id}
    # newest first, so that a limit keeps the newest; an undated article counts from when it
    # was seen (and sorts alike on both backends, which place NULLs differently)
    newest = reader.rows(
        "SELECT s.date_value, s.evidence, a.url, a.published_at, s.site, s.confidence, "
        "s.created_at FROM sighting s JOIN article a ON a.id = s.article_id "
        "WHERE s.release_id = :release "
        "ORDER BY COALESCE(a.published_at, s.created_at) DESC, s.id DESC"
        + ("" if claims is None else " LIMIT :claims"),
        params if claims is None else {**params, "claims": claims},
    )
    sightings = newest[::-1]
    total = len(newest)
    if claims is not None and total == claims:  # only a full page may have left some out
        ((total,),) = reader.rows(
            "SELECT count(*) FROM sighting WHERE release_id = :release", params
        )
    return ReleaseDetail(
        release=release,
        history=[
            HistoryEntry(
                change=change,
                old=old,
                new=new,
                recorded_at=as_utc(recorded),
                article_url=url,
                published=as_utc(published).date() if published is not None else None,
            )
            for change, old, new, recorded, url, published in history
        ],
        sightings=[
            Evidence(
                date=value,
                evidence=evidence,
                url=url,
                published=as_utc(published).date() if published is not None else None,
                site=site,
                confidence=float(confidence),
                agrees=consistent(ReleaseDate.parse(value), current),
                seen_at=as_utc(seen),
            )
            for value, evidence, url, published, site, confidence, seen in sightings
        ],
        sightings_total=int(total),
    )
