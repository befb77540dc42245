"""Find date phrases in a text with our own patterns (no normalisation here)."""

from __future__ import annotations

import bisect
import re

from tracker.extract.reading.anchors import anchors
from tracker.extract.reading.date_forms import PATTERNS, DateMention, Form
from tracker.extract.reading.date_words import is_a_date

__all__ = ["DateMention", "Form", "find_dates", "scan_dates"]

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
        if hit.end() > hit.start() and is_a_date(form, hit):
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
