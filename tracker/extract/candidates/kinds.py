"""Read what kind of release a sentence gives: its seasons, platforms and kind."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.lexicon import NUMBERS, ORDINALS, PLATFORMS
from tracker.extract.reading.trie import first_chars, regroup, trie_pattern
from tracker.extract.records import Kind

#: The look-ahead covers every branch; the number words are tries (each is followed by a
#: boundary or a space, so the longest-first order of a trie changes no match).
_SEASON = Caseless(
    first_chars(["season", "series", *ORDINALS, *"0123456789"])
    + r"(?:\b(?:season|series)\s+(?P<n>\d{1,2}|"
    + trie_pattern(list(NUMBERS))
    + r")\b|\b(?P<o>"
    + trie_pattern(list(ORDINALS))
    + r"|\d{1,2}(?:st|nd|rd|th))[\s-]+(?:and\s+final\s+|final\s+|new\s+|full\s+)?"
    r"(?:season|series|seasons)\b|\bs(?P<s>\d{1,2})\b)",  # case-blind: "S2" and "s2"
    re.IGNORECASE,
)
_PLATFORM = Caseless(
    first_chars(PLATFORMS) + r"(?<![\w+])(?:" + trie_pattern(list(PLATFORMS)) + r")(?![\w+])",
    re.I,
)
_CASE_SENSITIVE_PLATFORMS = frozenset({"switch", "stan", "pc", "fox", "amazon", "steam", "bet"})
_FILM = re.compile(
    r"\b(?:film|films|movie|movies|theaters?|theatres?|cinemas?|box\s+office|album|EP|LP"
    r"|single|record|game|games|console|PlayStation|Xbox|Switch|PC|Steam|book|novel|memoir"
    r"|paperback|hardcover|publish\w*|special|sequel|prequel|documentary|feature|soundtrack"
    r"|mixtape|DLC|expansion|remake|remaster\w*|opens|opening|Special|Film|Movie|Album)\b"
)
_TV = Caseless(
    r"(?=[ABCDEMNPSabcdemnps])\b(?:"
    + trie_pattern(
        [
            "series",
            "show",
            "shows",
            "drama",
            "comedy",
            "sitcom",
            "docuseries",
            "miniseries",
            "anime",
            "episode",
            "episodes",
            "pilot",
            "network",
            "networks",
            "season",
            "seasons",
            "streaming",
            "streamer",
            "air",
            "airs",
            "airing",
        ]
    )
    + r"|broadcast\w*)\b",
    re.IGNORECASE,
)
_RETURN = re.compile(
    r"\b(?:returns?|returning|resumes?|back|midseason|mid-season|second\s+half(?!\s+of\s+(?:the\s+year|this|next|\d))|back\s+half"
    r"|remaining\s+episodes|final\s+(?:\w+\s+)?episodes|part\s+(?:2|two|ii)|second\s+part)\b",
    re.IGNORECASE,
)
_NEW_SEASON = Caseless(
    r"\b(?:season\s+premiere|new\s+season|final\s+season|last\s+season|next\s+season"
    r"|season\s+\w+\s+premiere|returning\s+series|returns?\s+for)\b",
    re.IGNORECASE,
)
_FILM, _RETURN = regroup(_FILM), regroup(_RETURN)
#: What splits a season ("the second half", "remaining episodes"), not the year's half.
_SPLIT = Caseless(
    r"\b(?:half(?!\s+of\s+(?:the\s+year|this|next|\d))|part|remaining|episodes|midseason"
    r"|break|hiatus|cour)",
    re.I,
)
#: A release of kind other: early access, a device launch ("its new handheld console"), or
#: one more window after the first release ("after its run in theaters", "expands to").
_OTHER_RELEASE = Caseless(
    r"\b(?:early[-\s]access|open\s+beta)\b"
    r"|\b(?:handheld|console|headset|hardware|device)\b(?!\s+(?:exclusive|version|port|edition"
    r"|players?|owners?|games?|title))"
    r"|\bafter\s+(?:its|their|the)\s+(?:theatrical\s+|cinema\s+)?(?:run|release|window|night"
    r"|debut|bow)\b"
    r"|\bexpands?\s+(?:to|into)\s+(?:more|other|\d+)\b",
    re.IGNORECASE,
)
_PREMIER = re.compile(r"\bpremier", re.IGNORECASE)
_FEATURE = re.compile(r"\bfeature[-\s](?:length|film)\b", re.IGNORECASE)
#: TV words that are verbs: a film noun after them still names a film or a special.
_TV_VERBS = frozenset({"air", "airs", "airing", "streaming"})
_FINALE = Caseless(r"\b(?:finale|final\s+episode|series\s+ender)\b", re.IGNORECASE)
_NEW_SERIES = Caseless(r"\b(?:new|brand[-\s]new|debut\w*|series\s+premiere|original)\b", re.I)
#: Every season mention holds one of these: a cheap test before the slow pattern.
_SEASON_GATE = re.compile(r"[sS](?:[eE][aA][sS][oO][nN]|[eE][rR][iI][eE][sS]|\d)")


def find_seasons(text: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """Find season numbers in ``text[lo:hi]`` as (start, end, number); memoised per stretch."""
    return list(_seasons_in(text, lo, hi))


@lru_cache(maxsize=256)
def _seasons_in(text: str, lo: int, hi: int) -> tuple[tuple[int, int, int], ...]:
    return tuple(_find_seasons(text, lo, hi))


def _find_seasons(text: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """Find season numbers in ``text[lo:hi]`` as (start, end, number).

    >>> find_seasons("its fourth season and Season Two", 0, 32)
    [(4, 17, 4), (22, 32, 2)]
    """
    out: list[tuple[int, int, int]] = []
    if _SEASON_GATE.search(text, lo, hi) is None:
        return out
    for m in _SEASON.finditer(text, lo, hi):
        raw = (m.group("n") or m.group("o") or m.group("s") or "").lower()
        number = NUMBERS.get(raw) or ORDINALS.get(raw)
        if number is None:
            digits = re.sub(r"\D", "", raw)
            number = int(digits) if digits else None
        if number and 0 < number < 60:
            out.append((m.start(), m.end(), number))
    return out


def find_platforms(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Find platform names in ``text[lo:hi]`` as (start, end, name).

    Memoised for the last few stretches: every candidate of a sentence asks about the same
    clauses. The result is a fresh list each time, so callers may change it.
    """
    return list(_platforms_in(text, lo, hi))


@lru_cache(maxsize=256)
def _platforms_in(text: str, lo: int, hi: int) -> tuple[tuple[int, int, str], ...]:
    return tuple(_find_platforms(text, lo, hi))


def _find_platforms(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _PLATFORM.finditer(text, lo, hi):
        word = text[m.start() : m.end()]  # the match is over the lower-cased text
        key = word.lower().replace("\u0307", "")  # "Vİdeo" lower-cases to "vi\u0307deo"
        if key in _CASE_SENSITIVE_PLATFORMS and not word[0].isupper():
            continue
        if key in ("theaters", "theatres", "cinemas") and not re.search(
            r"\b(?:in|to|hits?|into|at|reach(?:es|ing)?|for)\s+(?:[\w.]+\s+)?$",
            text[max(lo, m.start() - 20) : m.start()],
        ):
            continue
        name = PLATFORMS.get(key)
        if name is None:
            continue  # a case-blind match of another spelling ("\u017f" for "s"): not ours
        out.append((m.start(), m.end(), word if word.isupper() and len(word) > 2 else name))
    if "Max" in text[lo:hi]:
        out.extend(
            (m.start(), m.end(), "Max") for m in _MAX.finditer(text, lo, hi) if _is_max(text, m)
        )
        out.sort()
    return out


#: The streamer once called HBO Max. "Max" is also a name ("Mad Max", "Max Verstappen", a
#: character), so only a lone "Max" that no other capitalised word touches is the streamer.
_MAX = re.compile(r"(?<![\w-])Max(?![\w-])")
_MAX_BEFORE_OK = frozenset({"a", "the", "on", "to", "from", "at", "via", "and", "or", "for"})


def _is_max(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 20) : m.start()].split()
    if before and before[-1] == "HBO":
        return False  # "HBO Max" is found as a whole
    if before and before[-1][:1].isupper() and before[-1].lower() not in _MAX_BEFORE_OK:
        return False  # "Mad Max"
    after = text[m.end() : m.end() + 20]
    following = after.split()[:1]
    if after.startswith(("(", " (")) or after.startswith(":"):
        return False  # "Max (Sadie Sink)", "Mad Max: Fury Road"
    if following and following[0][:1].isupper() and not following[0].startswith("Original"):
        return False  # "Max Verstappen"
    if after.startswith(("'s", "\u2019s")) or after[:1] in ",.;":
        return True  # "Max's new drama", "on Max."
    return bool(following) and (following[0][:1].islower() or following[0].startswith("Original"))


class Leaning:
    """Whether an article leans to TV, read the first time a kind needs it (most never do)."""

    __slots__ = ("_text", "_value")

    def __init__(self, text: str) -> None:
        """Keep the article; nothing is read yet."""
        self._text = text
        self._value: bool | None = None

    def __bool__(self) -> bool:
        """Read the article once, on the first question."""
        if self._value is None:
            self._value = leans_tv(self._text[:20000])
        return self._value


def leans_tv(text: str) -> bool:
    """Tell whether a whole article talks more of series than of films, games or albums.

    >>> leans_tv("The series returns for a new season on Netflix.")
    True
    """
    tv = len(_TV.findall(text))
    film = len(_FILM.findall(text))
    return tv >= film


def classify(
    window: str,
    *,
    season: int | None,
    platform: str | None,
    tv_article: bool | Leaning = False,
) -> Kind:
    """Pick the kind of release from the words around it, else from the article's leaning."""
    kind = _kind_from_words(window, season is not None, platform)
    if kind is not None:
        return kind
    return Kind.PREMIERE if tv_article else Kind.RELEASE


@lru_cache(maxsize=1024)
def _kind_from_words(window: str, numbered: bool, platform: str | None) -> Kind | None:
    """The kind the words around a date give, or None when only the article's leaning can.

    Cached: the works of one sentence share its words.
    """
    if _OTHER_RELEASE.search(window):
        return Kind.OTHER  # early access, or one more window after the first release
    if _FINALE.search(window) and not _NEW_SEASON.search(window):
        return Kind.FINALE
    if numbered or _NEW_SEASON.search(window):
        if _RETURN.search(window) and _SPLIT.search(window):
            return Kind.RETURN
        return Kind.SEASON_PREMIERE
    if _FEATURE.search(window):
        return Kind.RELEASE  # "its first feature-length comedy": a film, whatever the platform
    film = _FILM.search(window)
    tv = _TV.search(window)
    if platform is not None and platform in {"theaters"}:
        return Kind.RELEASE
    if film and tv and film.group() == "documentary" and 0 <= tv.start() - film.end() <= 1:
        return Kind.PREMIERE  # "documentary series": the last noun is the head
    if film and not (tv and tv.start() < film.start() and tv.group().lower() not in _TV_VERBS):
        return Kind.RELEASE
    if _RETURN.search(window):
        return Kind.RETURN
    if tv:
        return Kind.PREMIERE
    if platform is not None and not _FILM.search(platform):
        return None  # "Kiteflyer - Netflix, March 13": a streamer carries films and series alike
    if _PREMIER.search(window):
        return Kind.PREMIERE
    return None
