from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tracker.extract import extract_announcements
from tracker.extract.training.evaluation import Tally

CORPUS = Path(__file__).parent / "corpus"
KEYS = ("title", "season", "kind", "date", "precision", "platform")

# Articles the extractor does not read exactly right, each with what differs. Each is an
# expected failure that must start failing the suite once it passes (strict), so the list
# shrinks as the extractor improves; it never hides a regression in the articles that pass.
# Since the model decides (issue 13), the list says what the model drops or keeps; regenerate
# it after retraining and explain what moved.
KNOWN_GAPS: dict[str, str] = {
    "anime_season2_film": (
        "the model drops 'The Moonlight Postman' s2 2026-07, 'The Moonlight Postman the "
        "Movie: Return to Sender' 2026; keeps 'The Moonlight Postman' s2 2026-04-24"
    ),
    "book_hardcover_audiobook_split": "the model drops 'The Lamplighter\u2019s Almanac' 2026-10-27",
    "cable_summer_sundays_pairs": (
        "the model drops 'The Ferryman\u2019s Daughter' 2026-08-02; keeps 'Salt & Iron' "
        "2026-08-02, 'The Ferryman\u2019s Daughter' s4 2026-06-28"
    ),
    "digital_pvod_then_max_after_theatrical": (
        "the model drops 'The Cartographer\u2019s Daughter' 2025-03-25"
    ),
    "disney_plus_march_2026_rows": (
        "the model drops 'Fathom: A Reef Story' 2026-03-13, 'Lantern Keepers' s4 tba, "
        "'Marigold & the Moon Bears' 2026-03-04; keeps 'Fathom: A Reef Story' s2 2026-03-18"
    ),
    "film_date_swap_christmas": "the model drops 'Saint Nobody' 2026-12-25",
    "finale_then_documentary": (
        "the model drops 'Copperline: The Last Shift' 2026-05-24; keeps 'Copperline' "
        "2026-05-25, 'Copperline: The Last Shift' 2026-05-31"
    ),
    "game_early_access_to_1_0": (
        "the model drops 'Hollow Tide' 2027, 'Hollow Tide' 2027-Q1; keeps 'Hollow Tide' 2026-08-16"
    ),
    "game_live_service_season3_q2_expansion": (
        "the model drops 'Drowned Kingdoms' 2026-Q2; keeps 'Drowned Kingdoms' s3 2026-Q2, "
        "'Veyra' 2026-Q2"
    ),
    "games_2027_month_headers": (
        "the model drops 'Cinderfall: Requiem' 2027, 'Starward Drift' 2027, 'The Long "
        "Winter of Orla Finch' 2027; keeps 'Cinderfall: Requiem' tba, 'Starward Drift' tba, "
        "'The Long Winter of Orla Finch' tba"
    ),
    "games_delay_roundup_four": "the model drops 'Velocity Saints' 2026-09-24",
    "handheld_console_regions": (
        "the model drops 'Halcyon Kite' 2025-11-13, 'Halcyon Kite' 2026-H1"
    ),
    "music_albums_announced_week": (
        "the model drops 'Common Ground Fever' 2026-04-10; keeps 'Saltwater Hymns with Common "
        "Ground Fever' 2026-04-10, 'The Lantern Parade \u2013 Common Ground Fever' 2026-04-10"
    ),
    "netflix_next_week_weekdays": "a thriller film in a TV week reads as a series premiere",
    "press_release_game_fact_sheet": (
        "keeps 'Deluxe Edition' 2027-02-09, 'Rating: Rating Pending' 2027-02-12"
    ),
    "reality_dating_returns_spinoff_summer": (
        "the model drops 'Love at Lantern Bay' s5 2026-01-05; keeps 'Love at Lantern Bay' "
        "2026-01-05"
    ),
    "regional_whats_on_tv_weekend": (
        "the model drops 'Brackenfield' s4 2025-11-15, 'Dry Stone Country' 2025-11-16"
    ),
    "rerelease_anniversary_directors_cut": (
        "the model drops 'Midnight at the Ferris Wheel' 2026-07-24, 'Midnight at the Ferris "
        "Wheel' 2026-07-17, 'Midnight at the Ferris Wheel: The Director\u2019s Cut' 2026-12-09; "
        "keeps 'Midnight at the Ferris Wheel: The Director\u2019s Cut' 2026-07-17"
    ),
    "sports_docuseries_netflix_podcast_league_event": (
        "the model drops 'Full Rotation' 2026-02-03; keeps 'Full Rotation: Between Sets' 2026-02-03"
    ),
    "spring_tv_preview_five_shows_mixed": "keeps 'Night Ferry' 2026-02-22",
    "stan_local_after_us": (
        "a second market after a past premiere is not kind other; 'Stan' after a date is missed"
    ),
    "streaming_new_this_week": "keeps 'The Wexford Files' 2026-02-14",
    "streaming_renewal_spinoff_cancel": (
        "the model drops 'Marrow Lane' s4 2027-H2; keeps 'Boston' s4 2027-H2"
    ),
    "uk_bbc_one_then_pbs": "the model drops 'The Ashby Inquiry' 2026",
    "uk_christmas_tv_schedule": "keeps 'Lamplight Lane at Christmas' 2025-12-24",
    "uk_distributor_table_ddmm": "the model drops 'Dogwatch' 2026-04-24",
    "year_precision": "the model drops 'Orison' 2023; keeps 'Orison' s3 2023",
    "youtube_series_next_thursday_feature_in_works": "keeps 'Physics After Dark' 2025-11-07",
}


def _case(path: Path) -> object:
    if path.stem in KNOWN_GAPS:
        reason = KNOWN_GAPS[path.stem]
        return pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=reason))
    return path


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value if len(value) == 10 else value + "-01")


def _rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [{k: item.get(k) for k in KEYS} for item in items]
    return sorted(rows, key=lambda r: (r["title"], r["season"] or 0, r["kind"]))


@pytest.mark.parametrize(
    "txt", [_case(p) for p in sorted(CORPUS.glob("*.txt"))], ids=lambda p: p.stem
)
def test_corpus(txt: Path) -> None:
    want = json.loads(txt.with_suffix(".expected.json").read_text(encoding="utf-8"))
    found = extract_announcements(
        txt.read_text(encoding="utf-8"), published=_published(want.get("published"))
    )
    assert _rows([a.to_dict() for a in found]) == _rows(want["announcements"])


#: Strict F1 over the whole written corpus with the shipped weights: a floor, so that a
#: retraining that reads our own articles much worse than this one fails here.
CORPUS_F1_FLOOR = 0.85


def test_the_written_corpus_reads_above_its_floor() -> None:
    tally = Tally()
    for txt in sorted(CORPUS.glob("*.txt")):
        want = json.loads(txt.with_suffix(".expected.json").read_text(encoding="utf-8"))
        found = extract_announcements(
            txt.read_text(encoding="utf-8"), published=_published(want.get("published"))
        )
        tally.add(txt.stem, want["announcements"], [a.to_dict() for a in found])
    assert tally.f1 >= CORPUS_F1_FLOOR, tally.summary()
