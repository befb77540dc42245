"""Find date phrases in a text with our own patterns (no normalisation here)."""

from __future__ import annotations

import bisect
import re

from tracker.extract.reading.anchors import anchors
from tracker.extract.reading.date_forms import PATTERNS, DateMention, Form
from tracker.extract.reading.lexicon import YEAR_NAME_WORDS

__all__ = ["DateMention", "Form", "find_dates", "scan_dates"]

_SEASON_NEEDS = frozenset({"", "the"})
#: Words that put a bare season after a move or a plan ("delayed until fall", "slated for
#: summer").
_SEASON_LINK = re.compile(r"\b(?:until|by|for|to|into)\s+$", re.IGNORECASE)
#: A capitalised word before a bare year that makes it part of a name ("E3 2017",
#: "Stagecoach 2025"), unless it is one of these words of dates and release news.
_NAME_BEFORE_YEAR = re.compile(r"(?<![\w.])([A-Z][\w'\u2019+-]*)\s+$")
_GENERIC_WEEKDAY = re.compile(r"\b(?:the|its|their|his|her|a)\s+$", re.IGNORECASE)
#: "on Tuesdays and Wednesday": a weekday after weekly slots is a slot too.
_PLURAL_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days\s+(?:and|or|&)\s+$")
_SLOT_NOUN_AFTER = re.compile(
    r"\s+(?:(?:night|morning|afternoon|evening|primetime|late-night)\s+)?(?:[a-z]+\s+)?"
    r"(?:fare|lineups?|line-ups?|slots?|blocks?|programming|schedules?|nights)\b"
)
_MOVED = re.compile(
    r"\b(?:mov|push|delay|shift|bump|slid|slipp|postpon|reschedul|brought|pull)\w*\b[^.;]{0,40}$",
    re.IGNORECASE,
)


#: A number right after a month name ("May 3"): the month-day form reads it, not the month's.
_NUMBER_NEXT = re.compile(r"\.?\s+\d")
#: A release noun right after a bare month or season makes it a date: "slated for a November
#: release", "eyeing a fall premiere" (a bare "November" or "fall" is a date only in a list).
_RELEASE_NOUN = re.compile(
    r"\s+(?:(?:theatrical|theatre|theater|wide|digital|retail|worldwide|global)\s+)?"
    r"(?:release|premiere|launch|debut|opening|bow|return)\b",
    re.IGNORECASE,
)
#: Around a holiday, words that put the date near it rather than on it.
_NEAR_BEFORE = re.compile(r"(?:before|after|until|since|ahead\s+of|by)\s+$")
_NEAR_AFTER = re.compile(r"\s*(?:weekend|week|season|special|episode|party|-themed)")


def _keep(form: Form, found: re.Match[str]) -> bool:
    """Reject matches that are words rather than dates ("may", "march", "fall")."""
    groups = found.groupdict()
    mon = groups.get("mon") or ""
    lower_month = (
        bool(mon) and form in (Form.MONTH_DAY, Form.DAY_MONTH, Form.MONTH) and mon[0].islower()
    )
    if lower_month and (form is Form.MONTH or mon.lower() in ("may", "march", "mar", "jun", "jan")):
        return False
    dated = bool(groups.get("year") or (form is Form.MONTH and groups.get("rel")))
    if (
        (form is Form.MONTH or form is Form.SEASON)
        and not dated
        and _RELEASE_NOUN.match(found.string, found.end())
    ):
        return mon[:1].isupper() or form is Form.SEASON  # "a November release", "a fall launch"
    if form is Form.MONTH and not dated and not found.group("mod"):
        # a bare month name counts only as a list heading ("January" alone on its line)
        before = found.string[max(0, found.start() - 2) : found.start()]
        after = found.string[found.end() : found.end() + 2]
        if before.endswith("(") and after.startswith(")"):
            return True
        return (before == "" or "\n" in before) and (after == "" or after[0] in "\n:(\u2013-")
    if form is Form.MONTH and _NUMBER_NEXT.match(found.string[found.end() : found.end() + 4]):
        return False
    possessive = found.string.startswith(("'s ", "\u2019s "), found.end())
    if form is Form.MONTH and not dated and possessive:
        return False  # "after December's cliffhanger": the month names an event, not a date
    if form is Form.MONTH and (found.group("mod") or "").lower() in ("to", "into"):
        # "pushed from March to June": a bare month after "to" only in a move
        before = found.string[max(0, found.start() - 60) : found.start()]
        return _MOVED.search(before) is not None
    if form is Form.YEAR and found.group("year") and not found.group("mod"):
        name = _NAME_BEFORE_YEAR.search(found.string, max(0, found.start() - 30), found.start())
        if name and name.group(1).lower() not in YEAR_NAME_WORDS and "\n" not in name.group(0):
            return False
    if form is Form.SEASON:
        mod = (found.group("mod") or "").lower()
        if mod or found.group("year"):
            return mod != "the" or bool(found.group("year"))
        # a bare season is a date after a move or a plan ("delayed until fall", "slated for
        # summer"), written in lower case: a capital makes it a name's ("Back in Time for
        # Winter", "for Winter Wheat")
        return (
            found.group("season")[0].islower()
            and _SEASON_LINK.search(found.string, max(0, found.start() - 8), found.start())
            is not None
        )
    if form is Form.QUARTER and found.group("q"):
        return found.group("year") is not None or found.group(0)[0] == "Q"
    if form is Form.WEEKDAY:
        # "the Sunday 9 p.m. slot", "its Thursday lineup": a weekly slot, not a day
        generic = _GENERIC_WEEKDAY.search(
            found.string, max(0, found.start() - 8), found.start()
        ) or _PLURAL_WEEKDAY.search(found.string, max(0, found.start() - 20), found.start())
        if _SLOT_NOUN_AFTER.match(found.string, found.end()):
            return False  # "Saturday night fare", "its Friday comedy block": a weekly slot
        return found.group("wd")[0].isupper() and (generic is None or bool(found.group("wmod")))
    if form is Form.RELATIVE_DAY and found.group(0)[0].isupper():
        # "Legends of Tomorrow": a capitalised "Tomorrow" inside a sentence is a name
        before = found.string[max(0, found.start() - 2) : found.start()]
        return before in ("", ". ", "\n") or before.endswith("\n")
    if form is Form.HOLIDAY:
        # "the Wednesday before Thanksgiving", "Halloween weekend": near the day, not on it
        before = found.string[max(0, found.start() - 12) : found.start()].lower()
        after = found.string[found.end() : found.end() + 10].lower()
        return not _NEAR_BEFORE.search(before) and not _NEAR_AFTER.match(after)
    return not (form is Form.TBA and found.group(0).isupper() and len(found.group(0)) > 3)


_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

#: Cheap substring gates: a pattern runs only near one of its anchor words.
_GATES: dict[Form, tuple[str, ...]] = {
    Form.SEASON: ("spring", "summer", "fall", "autumn", "winter"),
    Form.QUARTER: ("quarter", "q1", "q2", "q3", "q4"),
    Form.HALF: ("half", "early", "late"),
    Form.RELATIVE_DAY: ("tomorrow", "tonight", "day", "night", "evening", "week"),
    Form.WEEKDAY: ("day",),
    Form.RELATIVE_MONTH: ("month",),
    Form.HOLIDAY: ("christmas", "boxing", "new year", "halloween", "valentine", "thanksgiving"),
    Form.TBA: ("tb", "to be", "yet", "not", "undated", "unconfirmed", "date"),
}
_MON_START = r"\b(?:" + "|".join(_MONTH_KEYS) + ")"
#: The gates, compiled and run on the lower-cased text: every match of a form's pattern
#: holds a match of its gate. ``anchors`` finds them all in one pass (tests/extract holds
#: the proof that it finds the same); a span read alone uses these.
_GATE_RES: dict[Form, re.Pattern[str]] = {
    Form.DAY_MONTH: re.compile(r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON_START[2:]),
    Form.NUMERIC: re.compile(r"\d/\d"),
    Form.ISO: re.compile(r"\d-[01]\d-"),
    Form.MONTH: re.compile("(?=[adfjmnos])" + _MON_START),
    Form.YEAR: re.compile(r"(?:19|20)\d\d|year"),
    **{form: re.compile("|".join(re.escape(k) for k in keys)) for form, keys in _GATES.items()},
}
_GATE_OF = {Form.MONTH_DAY: Form.MONTH}  # the forms whose gate is another's (a superset)
#: How far a phrase reaches before and after its anchor ("this coming Wednesday, the
#: Sept. 17": 30 characters before the month), and the look-ahead a pattern needs.
_BACK, _AHEAD, _LOOK = 45, 30, 15


def find_dates(text: str, lo: int = 0, hi: int | None = None) -> list[DateMention]:
    """Find every date phrase in ``text[lo:hi]``, longest first when phrases overlap.

    >>> [(m.form.value, m.parts.get("day")) for m in find_dates("It airs Friday, March 17th.")]
    [('month_day', '17th')]
    >>> [m.form.value for m in find_dates("coming this summer and in 2018")]
    ['season', 'year']
    """
    end = len(text) if hi is None else hi
    return scan_dates(text, [(lo, end)])[0] if end > lo else []


def scan_dates(text: str, spans: list[tuple[int, int]]) -> list[list[DateMention]]:
    """Find the date phrases of each span (sentences, sorted and disjoint) in one pass.

    One cheap scan (``anchors``) finds the anchors of every form (a month, a year ...);
    each pattern then runs only on the stretch of a span around its anchors, so time stays
    linear and a span without anchors costs nothing.

    >>> found = scan_dates("Out May 3. Back in 2018.", [(0, 10), (11, 24)])
    >>> [[m.form.value for m in ms] for ms in found]
    [['month_day'], ['year']]
    """
    if not spans:
        return []
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: read span by span
        return [_scan_one(text, text[a:b].lower(), a, b) for a, b in spans]
    starts = [a for a, _ in spans]
    reach: list[dict[Form, tuple[int, int]]] = [{} for _ in spans]
    for form, start, end in anchors(low, spans[0][0], spans[-1][1]):
        k = bisect.bisect_right(starts, start) - 1
        if k < 0 or end > spans[k][1]:
            continue
        first, last = reach[k].get(form, (start, end))
        reach[k][form] = (first, max(last, end))
    out: list[list[DateMention]] = []
    for (lo, hi), forms in zip(spans, reach, strict=True):
        if not forms:
            out.append([])  # most sentences name no date at all
            continue
        found: list[tuple[int, int, int, Form, dict[str, str]]] = []
        for rank, (form, pattern) in enumerate(PATTERNS):
            if form in forms:
                first, last = forms[form]
                _collect(text, pattern, form, rank, lo, hi, first, last, found)
        out.append(_disjoint(found))
    return out


def _scan_one(text: str, low: str, lo: int, hi: int) -> list[DateMention]:
    found: list[tuple[int, int, int, Form, dict[str, str]]] = []
    for rank, (form, pattern) in enumerate(PATTERNS):
        if _GATE_RES[_GATE_OF.get(form, form)].search(low) is not None:
            _collect(text, pattern, form, rank, lo, hi, lo, hi, found)
    return _disjoint(found)


def _collect(
    text: str,
    pattern: re.Pattern[str],
    form: Form,
    rank: int,
    lo: int,
    hi: int,
    first: int,
    last: int,
    found: list[tuple[int, int, int, Form, dict[str, str]]],
) -> None:
    """Run ``pattern`` on ``text[lo:hi]`` around its anchors ``first``..``last``."""
    w_lo, w_hi = max(lo, first - _BACK), min(hi, last + _AHEAD + _LOOK)
    for hit in pattern.finditer(text, w_lo, w_hi):
        if w_hi < hi and hit.end() > w_hi - _LOOK:
            continue  # cut by the window: the phrase's own anchor finds it whole
        if hit.end() > hit.start() and _keep(form, hit):
            parts = {k: v for k, v in hit.groupdict().items() if v}
            found.append((hit.start(), hit.end(), rank, form, parts))


def _disjoint(found: list[tuple[int, int, int, Form, dict[str, str]]]) -> list[DateMention]:
    """Keep the longest of overlapping phrases (then the earlier pattern), by position."""
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    starts: list[int] = []  # the kept phrases, disjoint, sorted by start
    stops: list[int] = []
    kept: list[DateMention] = []
    for start, stop, _rank, form, parts in found:
        k = bisect.bisect_left(starts, start)
        if (k < len(starts) and starts[k] < stop) or (k > 0 and stops[k - 1] > start):
            continue
        starts.insert(k, start)
        stops.insert(k, stop)
        kept.append(DateMention(start, stop, form, parts))
    kept.sort(key=lambda m: m.start)
    return kept


_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_SPAN_AFTER = re.compile(r"\s*(?:through|thru|to|until|[-\u2013\u2014])\s*" + _WD + r"\b", re.I)
_SPAN_BEFORE = re.compile(
    _WD
    + r"\s*(?:through|thru|to|until|[-\u2013\u2014])\s*$|\bbetween\s+(?:"
    + _WD
    + r"\s+and\s+)?$",
    re.I,
)
_BETWEEN_AND = re.compile(r"\s+and\s+" + _WD + r"\b", re.I)


def in_week_span(text: str, m: DateMention) -> bool:
    """Tell whether a weekday is an end of a span ("Monday through Saturday"), not one day.

    >>> t = "this week, Monday through Saturday."
    >>> [in_week_span(t, x) for x in find_dates(t) if x.form is Form.WEEKDAY]
    [True, True]
    """
    if m.form is not Form.WEEKDAY:
        return False
    return bool(
        _SPAN_AFTER.match(text, m.end)
        or _SPAN_BEFORE.search(text, max(0, m.start - 30), m.start)
        or (
            _BETWEEN_AND.match(text, m.end) is not None
            and text[max(0, m.start - 8) : m.start].lower().endswith("between ")
        )
    )
