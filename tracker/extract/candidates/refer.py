"""Tell whether a sentence without a title of its own refers back to the article's work."""

from __future__ import annotations

import re

from tracker.extract.candidates.cues import find_platforms

#: A singular reference to one work: "it", "the series", "its third season", "Season 3".
_BACK = re.compile(
    r"\b(?:it|it's|it\u2019s"
    r"|(?:the|this|that|its|new|a|an|[A-Z][\w+]*['\u2019]s)\s+(?:[\w'\u2019-]+\s+){0,3}?"
    r"(?:series|show|film|movie"
    r"|season|drama|comedy|sitcom|game|album|book|novel|sequel|prequel|special|anime"
    r"|docuseries|miniseries|record|ep|adaptation|reboot|revival|spinoff|spin-off|thriller"
    r"|installment|instalment|chapter|follow-up|finale|premiere|remainder|project|title"
    r"|feature|documentary|musical|mystery|procedural|saga|expansion|sophomore\s+\w+"
    r"|system|console|handheld|headset)"
    r"|(?:the\s+)?(?:release|premiere|launch|air|publication|transmission|broadcast)\s+dates?"
    r"(?=\s+(?:is|was|has|remains|and|are|will|to\s+be))"
    r"|season\s+\w+|part\s+(?:[1-4]|one|two|three|I{1,3})(?=\W)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|final|next|new|\d+(?:st|nd|rd|th))\s+(?:and\s+final\s+)?season)\b(?![-\u2019'])"
    r"(?!\s+(?:of\b|(?:premiere|finale|debut|return|opener)\s+(?:of|for)\b|releases|dates|windows|slots?|schedules?|lineups?|slates?|series|shows|films"
    r"|movies|games|titles|projects|fans|viewers|audiences|contest|race)\b)",
    re.IGNORECASE,
)

#: Words before a reference that make it plural or someone else's ("both series").
_PLURAL_BEFORE = re.compile(
    r"\b(?:both|these|those|all|two|three|four|many|several|other|some|most|\d+)"
    r"\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)

#: Subjects that "it" stands for when they come first: a network, a studio, a company.
_NOT_A_WORK = re.compile(
    r"\b(?:network|streamer|service|studio|company|publisher|developer|label|channel"
    r"|platform|broadcaster|outlet|site|band|group|team|league)\b",
    re.IGNORECASE,
)


def refers_back(text: str, lo: int, hi: int, *, row: bool) -> bool:
    """Tell whether ``text[lo:hi]`` speaks of a work named earlier, so a topic may own it.

    A list row ("Release date: To be confirmed") always does; a sentence does when a
    singular reference to a work ("the series", "it", "its third season") stands in it,
    and "it" does not stand for a network or a company named before it.

    >>> refers_back("The six-episode series will release weekly.", 0, 44, row=False)
    True
    >>> refers_back("Both series will start their new seasons in May.", 0, 48, row=False)
    False
    >>> refers_back("Netflix said it would launch 40 new shows in 2021.", 0, 50, row=False)
    False
    """
    if row:
        return True
    for found in _BACK.finditer(text, lo, hi):
        if _PLURAL_BEFORE.search(text, max(lo, found.start() - 25), found.start()):
            continue
        word = found.group().lower()
        if word.startswith("it") and (
            find_platforms(text, lo, found.start()) or _NOT_A_WORK.search(text, lo, found.start())
        ):
            continue
        return True
    return False
