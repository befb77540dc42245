"""How `tracker show` writes a work: as text for people, as JSON for scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from tracker.queries.lookup import WorkDetail
    from tracker.queries.views import ReleaseView


def detail_dict(detail: WorkDetail) -> dict[str, object]:
    """A work as `show --json` writes it: each release with its history and the claims read."""
    return {
        "title": detail.title,
        "aliases": detail.aliases,
        "releases": [
            {
                **r.release.to_dict(),
                "history": [
                    {
                        "change": h.change,
                        "old": h.old,
                        "new": h.new,
                        "recorded_at": h.recorded_at.isoformat(),
                        "url": h.article_url,
                        "published": h.published.isoformat() if h.published else None,
                    }
                    for h in r.history
                ],
                "sightings_total": r.sightings_total,
                "sightings": [
                    {
                        "date": s.date,
                        "site": s.site,
                        "agrees": s.agrees,
                        "confidence": round(s.confidence, 3),
                        "evidence": s.evidence,
                        "url": s.url,
                        "published": s.published.isoformat() if s.published else None,
                        "seen_at": s.seen_at.isoformat(),
                    }
                    for s in r.sightings
                ],
            }
            for r in detail.releases
        ],
    }


def print_detail(zone: ZoneInfo, detail: WorkDetail) -> None:
    """A work as `show` prints it: each release, its standing, its history and its claims."""
    print(detail.title + (f"  (also: {', '.join(detail.aliases)})" if detail.aliases else ""))
    for item in detail.releases:
        r = item.release
        season = f" season {r.season}" if r.season else ""
        platform = f" on {r.platform}" if r.platform else ""
        print(f"\n  {r.kind}{season}: {r.label}{platform} [{r.status}]")
        print(f"    {_standing(r)}")
        for h in item.history:
            moved = f"{h.old} -> {h.new}" if h.old else h.new
            when = h.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            source = f" ({h.article_url})" if h.article_url else ""
            print(f"    {when}  {h.change:9} {moved}{source}")
        if item.sightings:
            print("    claims:" + _older(item.sightings_total - len(item.sightings)))
        for s in item.sightings:
            said = f"{s.published}" if s.published else "undated"
            seen = s.seen_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            mark = " " if s.agrees else "\u2260"
            print(
                f"    {mark} {s.date:<11} {s.site}, said {said}, seen {seen}"
                f" (confidence {s.confidence:.2f})"
            )
            print(
                f"      \u201c{' '.join(s.evidence.split())}\u201d" + (f" {s.url}" if s.url else "")
            )


def _standing(release: ReleaseView) -> str:
    """A release's support in words: "confidence 0.94 from 3 sources", and any dispute."""
    noun = "source" if release.sources == 1 else "sources"
    text = f"confidence {release.confidence:.2f} from {release.sources} {noun}"
    return text + ("; disputed (\u2260 marks the claims against it)" if release.disputed else "")


def _older(hidden: int) -> str:
    """What a shortened list of claims leaves out, and how to see it."""
    if hidden <= 0:
        return ""
    noun = "claim" if hidden == 1 else "claims"
    return f" (the newest; {hidden:,} older {noun} not shown: --claims 0 lists all)"
