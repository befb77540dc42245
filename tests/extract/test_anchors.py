"""The one-pass anchor scan finds what one regex pass per date form would find."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.extract.reading.anchors import anchors
from tracker.extract.reading.date_forms import Form
from tracker.extract.reading.dates import _GATE_OF, _GATE_RES

CORPUS = Path(__file__).parent / "corpus"
SAMPLES = [
    "Out May 3, 2019 - the 5th of June, 3/4/2020 or 2019-05-01; tonight, today, weekday.",
    "The undated sequel, TBA: early 2021, Q3, the fall, next month, not yet dated.",
    "Decemberists, Mayhem and Octavia: no months here; the years 1999, 2000 and 20201.",
]


def _by_gates(low: str) -> dict[Form, tuple[int, int]]:
    """(first start, last end) of each form's own gate over the whole text."""
    out: dict[Form, tuple[int, int]] = {}
    for form, gate in _GATE_RES.items():
        hits = list(gate.finditer(low))
        if hits:
            out[form] = (hits[0].start(), max(h.end() for h in hits))
    return out


def _by_anchors(low: str) -> dict[Form, tuple[int, int]]:
    out: dict[Form, tuple[int, int]] = {}
    for form, start, end in anchors(low, 0, len(low)):
        first, last = out.get(form, (start, end))
        out[form] = (min(first, start), max(last, end))
    return out


@pytest.mark.parametrize(
    "text",
    [*SAMPLES, *(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))],
)
def test_anchor_scan_matches_gates(text: str) -> None:
    low = text.lower()
    found = _by_anchors(low)
    month_day = found.pop(Form.MONTH_DAY, None)
    assert found == _by_gates(low)
    if month_day is not None:  # a month-day anchor is always a month anchor too
        assert _GATE_OF[Form.MONTH_DAY] in found


def test_no_anchor_word_begins_another() -> None:
    """At most one anchor word can start at a place, so finding each word alone loses none."""
    from tracker.extract.reading.anchors import _WORDS

    words = [word for _forms, word, _boundary in _WORDS]
    for word in words:
        assert not [other for other in words if other != word and other.startswith(word)]


def test_anchors_inside_a_stretch_see_the_text_before_it() -> None:
    low = "xmay 3 and may 4, 1999; mid-june"
    assert list(anchors(low, 1, len(low))) == [
        (Form.MONTH, 11, 14),  # "xmay" is no month: no word boundary before "may"
        (Form.MONTH_DAY, 11, 16),
        (Form.YEAR, 18, 22),
        (Form.MONTH, 28, 31),  # a hyphen is a boundary
    ]
    assert list(anchors(low, 12, 30)) == [(Form.YEAR, 18, 22)]  # "june" is cut by the end
