"""Find the anchors of every date form in a lower-cased text, in one sweep.

Each date pattern holds an anchor word (a month, a year, a season word ...); a pattern runs
only around its anchors. The anchor words are found with ``str.find`` (a scan in C per word),
the anchors after a digit ("5th of may", "3/4", "2019") with one pattern, and all of them are
taken in order of position. Anchors of one form never overlap, as if each form had its own pass;
anchors of different forms may.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tracker.extract.reading.date_forms import Form

__all__ = ["anchors"]

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = "(?:" + "|".join(_MONTHS) + ")"

#: After a digit: (forms, look-behind, the rest). At one position at most one matches.
_AFTER_DIGIT: list[tuple[tuple[Form, ...], str, str]] = [
    ((Form.DAY_MONTH,), "", r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON),  # "5th of may"
    ((Form.NUMERIC,), "", r"/\d"),  # "3/4"
    ((Form.ISO,), "", r"-[01]\d-"),  # "2019-05-"
    ((Form.YEAR,), "(?<=1)", r"9\d\d"),
    ((Form.YEAR,), "(?<=2)", r"0\d\d"),
]
#: Anchor words: (forms, word, whether a word boundary comes before it).
_WORDS: list[tuple[tuple[Form, ...], str, bool]] = [
    ((Form.YEAR,), "year", False),
    *(((Form.MONTH,), m, True) for m in _MONTHS),
    *(((Form.SEASON,), w, False) for w in ("spring", "summer", "fall", "autumn", "winter")),
    *(((Form.QUARTER,), w, False) for w in ("quarter", "q1", "q2", "q3", "q4")),
    *(((Form.HALF,), w, False) for w in ("half", "early", "late")),
    ((Form.RELATIVE_DAY, Form.WEEKDAY), "day", False),
    *(
        ((Form.RELATIVE_DAY,), w, False)
        for w in ("tomorrow", "tonight", "night", "evening", "week")
    ),
    ((Form.RELATIVE_MONTH,), "month", False),
    *(
        ((Form.HOLIDAY,), w, False)
        for w in ("christmas", "boxing", "new year", "halloween", "valentine", "thanksgiving")
    ),
    *(
        ((Form.TBA,), w, False)
        for w in ("tb", "to be", "yet", "not", "undated", "unconfirmed", "date")
    ),
]


def _compile_digits() -> tuple[re.Pattern[str], dict[int, tuple[Form, ...]]]:
    """One pattern for the anchors after a digit: look-aheads, each marked by a group."""
    looks = [f"{behind}(?={rest}())" for _forms, behind, rest in _AFTER_DIGIT]
    forms = {k + 1: forms for k, (forms, _behind, _rest) in enumerate(_AFTER_DIGIT)}
    return re.compile(r"\d(?:" + "|".join(looks) + ")"), forms


_DIGIT_ANCHOR, _DIGIT_FORMS = _compile_digits()
_MONTH_DAY_TAIL = re.compile(r"[a-z]*\.?\s+(?:the\s+)?\d")


def _is_word(ch: str) -> bool:
    """What ``re`` counts as a word character, for a word boundary."""
    return ch.isalnum() or ch == "_"


def anchors(low: str, lo: int, hi: int) -> Iterator[tuple[Form, int, int]]:
    """Yield (form, start, end) for every anchor of ``low[lo:hi]`` (lower-cased text).

    A month anchor followed by a number is a month-day anchor too, up to that number.
    The words are found with ``str.find``, one scan in C each, which is several times faster
    than one alternation tried at every letter; no word begins another of the same first
    letter, so at most one anchor starts at a place, as in a single pass.

    >>> [(f.value, a, b) for f, a, b in anchors("out may 3", 0, 9)]
    [('month', 4, 7), ('month_day', 4, 9)]
    """
    hits: list[tuple[int, int, tuple[Form, ...]]] = []
    for forms, word, boundary in _WORDS:
        at = low.find(word, lo, hi)
        while at >= 0:
            if not boundary or at == 0 or not _is_word(low[at - 1]):
                hits.append((at, at + len(word), forms))
            at = low.find(word, at + 1, hi)
    for hit in _DIGIT_ANCHOR.finditer(low, lo, hi):
        index = hit.lastindex or 0
        hits.append((hit.start(), hit.end(index), _DIGIT_FORMS[index]))
    hits.sort(key=lambda hit: hit[0])
    stop: dict[Form, int] = {}  # a form's anchors do not overlap ("3/4/2020": "3/4" only)
    for start, end, forms in hits:
        for form in forms:
            if start < stop.get(form, lo):
                continue
            stop[form] = end
            yield form, start, end
            if form is Form.MONTH and (tail := _MONTH_DAY_TAIL.match(low, end, hi)):
                yield Form.MONTH_DAY, start, tail.end()
