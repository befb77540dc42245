"""The date phrases we read: their shapes and the patterns that find them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from tracker.extract.reading.trie import trie_pattern


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
    HOLIDAY = "holiday"


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

    @property
    def says_its_year(self) -> bool:
        """Whether the phrase gives its year: "May 3, 2026" or "May 3 next year"."""
        return "year" in self.parts or "rel" in self.parts


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


def _led(first: str, source: str) -> str:
    """``source`` behind a look-ahead on the characters its matches start with.

    The look-ahead lets ``re`` reject every other position at once; the patterns ignore
    case, and so does the class.
    """
    return f"(?=[{first}])(?:{source})"


#: The words before a month ("early", "the end of" ...) and the month names as tries (each
#: followed by a boundary, so the longest-first order of a trie changes no match).
_MONTH_MODS = trie_pattern(
    [
        "early",
        "late",
        "mid",
        "end of",
        "the end of",
        "beginning of",
        "the beginning of",
        "start of",
        "the start of",
        "later this",
        "this",
        "next",
        "in",
        "into",
        "to",
        "until",
        "by",
        "since",
        "from",
        "through",
        "during",
        "before",
        "after",
        "last",
        "of",
        "for",
    ]
)
_FULL_MON_TRIE = trie_pattern(_FULL_MON[3:-1].lower().split("|"))
_NOT_COUNT = r"(?![ \t]*(?:%|\d|:\d|million|billion|episodes?|percent))"

PATTERNS: tuple[tuple[Form, re.Pattern[str]], ...] = (
    (
        Form.MONTH_DAY,
        re.compile(
            _led(
                "adfjmnostw",
                rf"\b(?:(?P<wmod>this|next|on|this coming)\s+)?(?:(?P<wd>{_WD})\b\.?,?\s+)?"
                rf"(?:the\s+)?(?P<mon>{_MON})\b\.?\s+(?P<day>{_DAY}){_NOT_COUNT}"
                rf"(?:,?\s+(?P<year>{_YEAR})|\s+(?:of\s+)?(?P<rel>next|this)\s+year\b)?",
            ),
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
            r"(?<![\d/.])(?P<mon>[0-3]?\d)/(?P<day>[0-3]?\d)"
            r"(?:/(?P<year>\d{4}|\d\d))?(?![\d/]|c\b|\s*[ap]\.?m\b)"
        ),
    ),
    (Form.ISO, re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        Form.MONTH,
        re.compile(
            _led(
                "abdefijlmnostu",
                rf"\b(?:(?P<mod>{_MONTH_MODS})[\s-]+)?"
                rf"(?P<mon>{_FULL_MON_TRIE})\b\.?"
                rf"(?:,?\s+(?:of\s+)?(?:(?P<year>{_YEAR})|(?P<rel>next|this)\s+year\b))?",
            ),
            re.IGNORECASE,
        ),
    ),
    (
        Form.SEASON,
        re.compile(
            _led(
                "acefilmnstw",
                r"\b(?:(?P<mod>early|late|mid|later this|sometime this|this|next|last|coming"
                r"|in the|in|the)[\s-]+)?(?P<season>spring|summer|fall|autumn|winter)\b"
                rf"(?:(?P<poss>'s|\u2019s)|,?\s+(?:of\s+)?(?P<year>{_YEAR}))?",
            ),
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
            _led(
                "12eflst",
                r"\b(?:the\s+)?(?P<ho>first|second|1st|2nd|latter)\s+half\s+of\s+"
                rf"(?:(?P<year>{_YEAR})|(?P<rel>this|next)\s+year|the\s+year)"
                r"|\b(?P<hm>early|late)(?:\s+in)?[\s-]+"
                rf"(?:(?P<year2>{_YEAR})|(?P<rel2>this|next)\s+year)",
            ),
            re.IGNORECASE,
        ),
    ),
    (
        Form.YEAR,
        re.compile(
            _led(
                "12eilnst",
                r"\b(?:(?P<mod>later|sometime|some time|early|late)\s+)?(?:in\s+)?"
                r"(?P<rel>this|next)\s+year\b|\blater in the year\b"
                rf"|(?<![\d$\u00a3\u20ac-])(?P<year>{_YEAR})(?![\d%]|-\d|\u2013\d|/\d|['\u2019]s)",
            ),
            re.IGNORECASE,
        ),
    ),
    (
        Form.RELATIVE_DAY,
        re.compile(
            _led(
                "alnot",
                r"\b(?:tomorrow|tonight|(?:the\s+)?next\s+(?:day|night)|the\s+following\s+"
                r"(?:day|night|evening)|(?:a|one)\s+day\s+later|the\s+day\s+after"
                r"|(?:that|the)\s+same\s+(?:night|day|evening)|(?:a|one)\s+week\s+later"
                r"|the\s+following\s+week|two\s+weeks\s+later|later\s+that\s+(?:night|day)"
                r"|(?<=on\s)that\s+(?:day|date|night)|(?<=\w\s)that\s+day)\b",
            ),
            re.IGNORECASE,
        ),
    ),
    (
        Form.WEEKDAY,
        re.compile(
            _led(
                "fmnostw",
                r"\b(?:(?P<wmod>this coming|this|next|on)\s+)?"
                rf"(?P<wd>{_FULL_WD})\b(?!s|['\u2019]s)"
                r"(?:,?\s+the\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b)?",
            ),
            re.IGNORECASE,
        ),
    ),
    (
        Form.HOLIDAY,
        re.compile(
            r"\b(?P<hol>christmas\s+(?:day|eve)|boxing\s+day|new\s+year['\u2019]s\s+(?:day|eve)"
            r"|halloween|valentine['\u2019]s\s+day|thanksgiving(?:\s+day)?)\b"
            rf"(?:,?\s+(?P<year>{_YEAR}))?",
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
            _led(
                "adhinrstuw",
                r"\b(?:TBA|TBD|TBC|to\s+be\s+(?:announced|confirmed|determined|revealed)"
                r"|(?:has|have)\s+(?:not\s+)?yet\s+to\s+(?:be\s+)?(?:announced|revealed|set"
                r"|confirmed|dated|given)|(?:has|have|is|are|was|were)\s+not\s+(?:yet\s+)?"
                r"(?:been\s+)?(?:announced|revealed|set|confirmed|dated|scheduled)"
                r"|(?:remains?|remain|still)\s+undated|undated|unconfirmed"
                r"|no\s+(?:official\s+)?(?:premiere|release|launch|air)\s+dates?"
                r"|(?:an?|the)\s+(?:unspecified|undetermined|later)\s+date"
                r"|did\s+not\s+(?:give|reveal|announce|set)\s+(?:a|an|the)\s+"
                r"(?:release|premiere|launch)\s+date)\b",
            ),
            re.IGNORECASE,
        ),
    ),
)
