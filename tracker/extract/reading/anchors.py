"""One pass over a lower-cased text finds the anchors of every date form.

Each date pattern holds an anchor word (a month, a year, a season word ...). Rather than one
regex pass per form, a single alternation finds them all: every alternative starts with a
literal character (so the regex engine skips other characters fast), consumes only that
character (so anchors of different forms that overlap are all found) and looks ahead for the
rest, whose end an empty group marks. The group's number tells the forms the anchor stands for.
Anchors of one form never overlap, as if each form had its own pass.
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


def _compile() -> tuple[re.Pattern[str], dict[int, tuple[Form, ...]]]:
    """One alternative per first character, each a choice of look-aheads."""
    groups: dict[str, list[tuple[tuple[Form, ...], str]]] = {
        r"\d": [(forms, f"{behind}(?={rest}())") for forms, behind, rest in _AFTER_DIGIT]
    }
    for forms, word, boundary in _WORDS:
        behind = rf"(?<=\b{word[0]})" if boundary else ""
        look = f"{behind}(?={re.escape(word[1:])}())"
        groups.setdefault(word[0], []).append((forms, look))
    order: list[tuple[Form, ...]] = []
    parts = []
    for first, alts in groups.items():
        order.extend(forms for forms, _ in alts)
        parts.append(first + "(?:" + "|".join(look for _, look in alts) + ")")
    return re.compile("|".join(parts)), {k + 1: forms for k, forms in enumerate(order)}


_ANCHOR, _FORMS = _compile()
_MONTH_DAY_TAIL = re.compile(r"[a-z]*\.?\s+(?:the\s+)?\d")


def anchors(low: str, lo: int, hi: int) -> Iterator[tuple[Form, int, int]]:
    """Yield (form, start, end) for every anchor of ``low[lo:hi]`` (lower-cased text).

    A month anchor followed by a number is a month-day anchor too, up to that number.

    >>> [(f.value, a, b) for f, a, b in anchors("out may 3", 0, 9)]
    [('month', 4, 7), ('month_day', 4, 9)]
    """
    stop: dict[Form, int] = {}  # a form's anchors do not overlap ("3/4/2020": "3/4" only)
    for hit in _ANCHOR.finditer(low, lo, hi):
        index = hit.lastindex or 0
        start, end = hit.start(), hit.end(index)
        for form in _FORMS[index]:
            if start < stop.get(form, lo):
                continue
            stop[form] = end
            yield form, start, end
            if form is Form.MONTH and (tail := _MONTH_DAY_TAIL.match(low, end, hi)):
                yield Form.MONTH_DAY, start, tail.end()
