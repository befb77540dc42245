"""Find date phrases in a text with our own patterns (no normalisation here)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import StrEnum

from tracker.extract.lexicon import YEAR_NAME_WORDS


class Form(StrEnum):
    """The shape of a date phrase, which decides how it is normalised."""

    MONTH_DAY = "month_day"
    DAY_MONTH = "day_month"
    NUMERIC = "numeric"
    ISO = "iso"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    RELATIVE_DAY = "relative_day"
    WEEKDAY = "weekday"
    RELATIVE_MONTH = "relative_month"
    TBA = "tba"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase found in the text.

    Attributes:
        start: Offset of the phrase.
        end: End offset of the phrase.
        form: Its shape.
        parts: The named pieces the pattern captured (month, day, year, modifiers).
    """

    start: int
    end: int
    form: Form
    parts: dict[str, str]


_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Sept|Jan|Feb|Aug|Oct|Nov|Dec)"
)
_WD = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_FULL_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:19|20)\d\d\b"
_NOT_COUNT = r"(?![ \t]*(?:%|\d|:\d|million|billion|episodes?|percent))"

_PATTERNS: tuple[tuple[Form, re.Pattern[str]], ...] = (
    (
        Form.MONTH_DAY,
        re.compile(
            rf"\b(?:(?P<wmod>this|next|on|this coming)\s+)?(?:(?P<wd>{_WD})\b\.?,?\s+)?"
            rf"(?:the\s+)?(?P<mon>{_MON})\b\.?\s+(?P<day>{_DAY}){_NOT_COUNT}"
            rf"(?:,?\s+(?P<year>{_YEAR}))?",
            re.IGNORECASE,
        ),
    ),
    (
        Form.DAY_MONTH,
        re.compile(
            rf"\b(?:(?P<wd>{_WD})\b\.?,?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+"
            rf"(?P<mon>{_MON})\b\.?(?:,?\s+(?P<year>{_YEAR}))?",
            re.IGNORECASE,
        ),
    ),
    (
        Form.NUMERIC,
        re.compile(
            r"(?<![\d/.])(?P<mon>0?[1-9]|1[0-2])/(?P<day>[12]\d|3[01]|0?[1-9])"
            r"(?:/(?P<year>\d{4}|\d\d))?(?![\d/]|c\b|\s*[ap]\.?m\b)"
        ),
    ),
    (Form.ISO, re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        Form.MONTH,
        re.compile(
            r"\b(?:(?P<mod>early|late|mid|end of|the end of|beginning of|the beginning of"
            r"|start of|the start of|later this|this|next|in|into|to|until|by|since|from|through"
            r"|during|before|after|last|of|for)[\s-]+)?"
            rf"(?P<mon>{_FULL_MON})\b\.?(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?",
            re.IGNORECASE,
        ),
    ),
    (
        Form.SEASON,
        re.compile(
            r"\b(?:(?P<mod>early|late|mid|later this|sometime this|this|next|last|coming"
            r"|in the|in|the)[\s-]+)?(?P<season>spring|summer|fall|autumn|winter)\b"
            rf"(?:(?P<poss>'s|\u2019s)|,?\s+(?:of\s+)?(?P<year>{_YEAR}))?",
            re.IGNORECASE,
        ),
    ),
    (
        Form.QUARTER,
        re.compile(
            rf"\bQ(?P<q>[1-4])(?:\s+|\s*['\u2019]|\s+of\s+)?(?P<year>{_YEAR}|\d\d\b)?"
            r"|\b(?:the\s+)?(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
            rf"(?:\s+of\s+(?:(?P<year2>{_YEAR})|(?P<rel>this|next)\s+year))?",
            re.IGNORECASE,
        ),
    ),
    (
        Form.HALF,
        re.compile(
            r"\b(?:the\s+)?(?P<ho>first|second|1st|2nd|latter)\s+half\s+of\s+"
            rf"(?:(?P<year>{_YEAR})|(?P<rel>this|next)\s+year|the\s+year)"
            r"|\b(?P<hm>early|late)(?:\s+in)?[\s-]+"
            rf"(?:(?P<year2>{_YEAR})|(?P<rel2>this|next)\s+year)",
            re.IGNORECASE,
        ),
    ),
    (
        Form.YEAR,
        re.compile(
            r"\b(?:(?P<mod>later|sometime|some time|early|late)\s+)?(?:in\s+)?"
            r"(?P<rel>this|next)\s+year\b|\blater in the year\b"
            rf"|(?<![\d$\u00a3\u20ac-])(?P<year>{_YEAR})(?![\d%]|-\d|\u2013\d|/\d|['\u2019]s)",
            re.IGNORECASE,
        ),
    ),
    (
        Form.RELATIVE_DAY,
        re.compile(
            r"\b(?:tomorrow|tonight|(?:the\s+)?next\s+(?:day|night)|the\s+following\s+"
            r"(?:day|night|evening)|(?:a|one)\s+day\s+later|the\s+day\s+after"
            r"|(?:that|the)\s+same\s+(?:night|day|evening)|(?:a|one)\s+week\s+later"
            r"|the\s+following\s+week|two\s+weeks\s+later|later\s+that\s+(?:night|day)"
            r"|(?<=on\s)that\s+(?:day|date|night))\b",
            re.IGNORECASE,
        ),
    ),
    (
        Form.WEEKDAY,
        re.compile(
            rf"\b(?:(?P<wmod>this coming|this|next|on)\s+)?(?P<wd>{_FULL_WD})\b(?!s|['\u2019]s)",
            re.IGNORECASE,
        ),
    ),
    (
        Form.RELATIVE_MONTH,
        re.compile(r"\b(?:later\s+|early\s+|late\s+)?(?P<rel>this|next)\s+month\b", re.I),
    ),
    (
        Form.TBA,
        re.compile(
            r"\b(?:TBA|TBD|TBC|to\s+be\s+(?:announced|confirmed|determined|revealed)"
            r"|(?:has|have)\s+(?:not\s+)?yet\s+to\s+(?:be\s+)?(?:announced|revealed|set"
            r"|confirmed|dated|given)|(?:has|have|is|are|was|were)\s+not\s+(?:yet\s+)?"
            r"(?:been\s+)?(?:announced|revealed|set|confirmed|dated|scheduled)"
            r"|(?:remains?|remain|still)\s+undated|undated|unconfirmed"
            r"|no\s+(?:official\s+)?(?:premiere|release|launch|air)\s+dates?"
            r"|(?:an?|the)\s+(?:unspecified|undetermined|later)\s+date"
            r"|did\s+not\s+(?:give|reveal|announce|set)\s+(?:a|an|the)\s+"
            r"(?:release|premiere|launch)\s+date)\b",
            re.IGNORECASE,
        ),
    ),
)

_SEASON_NEEDS = frozenset({"", "the"})
#: A capitalised word before a bare year that makes it part of a name ("E3 2017",
#: "Stagecoach 2025"), unless it is one of these words of dates and release news.
_NAME_BEFORE_YEAR = re.compile(r"(?<![\w.])([A-Z][\w'\u2019+-]*)\s+$")
_GENERIC_WEEKDAY = re.compile(r"\b(?:the|its|their|his|her|a)\s+$", re.IGNORECASE)
#: "on Tuesdays and Wednesday": a weekday after weekly slots is a slot too.
_PLURAL_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days\s+(?:and|or|&)\s+$")
_MOVED = re.compile(
    r"\b(?:mov|push|delay|shift|bump|slid|slipp|postpon|reschedul|brought|pull)\w*\b[^.;]{0,40}$",
    re.IGNORECASE,
)


def _keep(form: Form, found: re.Match[str]) -> bool:
    """Reject matches that are words rather than dates ("may", "march", "fall")."""
    mon = found.groupdict().get("mon") or ""
    lower_month = (
        bool(mon) and form in (Form.MONTH_DAY, Form.DAY_MONTH, Form.MONTH) and mon[0].islower()
    )
    if lower_month and (form is Form.MONTH or mon.lower() in ("may", "march", "mar", "jun", "jan")):
        return False
    if form is Form.MONTH and not found.group("year") and not found.group("mod"):
        # a bare month name counts only as a list heading ("January" alone on its line)
        before = found.string[max(0, found.start() - 2) : found.start()]
        after = found.string[found.end() : found.end() + 2]
        if before.endswith("(") and after.startswith(")"):
            return True
        return (before == "" or "\n" in before) and (after == "" or after[0] in "\n:(\u2013-")
    if form is Form.MONTH and re.match(r"\.?\s+\d", found.string[found.end() : found.end() + 4]):
        return False
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
        return not (mod in _SEASON_NEEDS and not found.group("year"))
    if form is Form.QUARTER and found.group("q"):
        return found.group("year") is not None or found.group(0)[0] == "Q"
    if form is Form.WEEKDAY:
        # "the Sunday 9 p.m. slot", "its Thursday lineup": a weekly slot, not a day
        generic = _GENERIC_WEEKDAY.search(
            found.string, max(0, found.start() - 8), found.start()
        ) or _PLURAL_WEEKDAY.search(found.string, max(0, found.start() - 20), found.start())
        return found.group("wd")[0].isupper() and (generic is None or bool(found.group("wmod")))
    if form is Form.RELATIVE_DAY and found.group(0)[0].isupper():
        # "Legends of Tomorrow": a capitalised "Tomorrow" inside a sentence is a name
        before = found.string[max(0, found.start() - 2) : found.start()]
        return before in ("", ". ", "\n") or before.endswith("\n")
    return not (form is Form.TBA and found.group(0).isupper() and len(found.group(0)) > 3)


_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DIGIT = re.compile(r"\d")

#: Cheap substring gates: a pattern runs on a stretch only when one of its words is there.
_GATES: dict[Form, tuple[str, ...]] = {
    Form.MONTH: _MONTH_KEYS,
    Form.SEASON: ("spring", "summer", "fall", "autumn", "winter"),
    Form.QUARTER: ("quarter", "q1", "q2", "q3", "q4"),
    Form.HALF: ("half", "early", "late"),
    Form.RELATIVE_DAY: ("tomorrow", "tonight", "day", "night", "evening", "week"),
    Form.WEEKDAY: ("day",),
    Form.RELATIVE_MONTH: ("month",),
    Form.TBA: ("tb", "to be", "yet", "not", "undated", "unconfirmed", "date"),
}
_NEEDS_DIGIT = frozenset({Form.MONTH_DAY, Form.DAY_MONTH, Form.NUMERIC, Form.ISO})


_MON_START = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
#: Cheap gates, compiled: a pattern runs on a stretch only when its gate matches there.
_GATE_RES: dict[Form, re.Pattern[str]] = {
    Form.MONTH_DAY: re.compile(_MON_START + r"[a-z]*\.?\s+(?:the\s+)?\d"),
    Form.DAY_MONTH: re.compile(r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON_START[2:]),
    Form.NUMERIC: re.compile(r"\d/\d"),
    Form.ISO: re.compile(r"\d-[01]\d-"),
    Form.MONTH: re.compile(_MON_START),
    **{
        form: re.compile("|".join(re.escape(k) for k in keys))
        for form, keys in _GATES.items()
        if form is not Form.MONTH
    },
}


def _runs(form: Form, low: str, digits: bool) -> bool:
    """Tell whether ``form`` can match a stretch, from its words and digits alone."""
    if form in _NEEDS_DIGIT and not digits:
        return False
    if form is Form.YEAR:
        return digits or "year" in low
    return _GATE_RES[form].search(low) is not None


def find_dates(text: str, lo: int = 0, hi: int | None = None) -> list[DateMention]:
    """Find every date phrase in ``text[lo:hi]``, longest first when phrases overlap.

    Each pattern runs only when the stretch holds one of its anchor words (a month, a
    digit, a season word ...), so a sentence without any costs a few substring tests.

    >>> [(m.form.value, m.parts.get("day")) for m in find_dates("It airs Friday, March 17th.")]
    [('month_day', '17th')]
    >>> [m.form.value for m in find_dates("coming this summer and in 2018")]
    ['season', 'year']
    """
    end = len(text) if hi is None else hi
    low = text[lo:end].lower()
    digits = _DIGIT.search(low) is not None
    found: list[tuple[int, int, int, Form, dict[str, str]]] = []
    for rank, (form, pattern) in enumerate(_PATTERNS):
        if not _runs(form, low, digits):
            continue
        for hit in pattern.finditer(text, lo, end):
            if hit.end() > hit.start() and _keep(form, hit):
                parts = {k: v for k, v in hit.groupdict().items() if v}
                found.append((hit.start(), hit.end(), rank, form, parts))
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
