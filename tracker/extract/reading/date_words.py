"""Which matches of the date patterns are dates, and which are words that only look like one.

"may", "march" and "fall" are verbs as often as dates; "Tomorrow" is in show names; "the Sunday
9 p.m. slot" is a weekly slot. Each form of date has its own check.
"""

from __future__ import annotations

import re

from tracker.extract.reading.date_forms import Form
from tracker.extract.reading.lexicon import YEAR_NAME_WORDS

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


def is_a_date(form: Form, found: re.Match[str]) -> bool:
    """Reject matches that are words rather than dates ("may", "march", "fall")."""
    check = _CHECKS.get(form)
    return True if check is None else check(found)


def _keep_day(found: re.Match[str]) -> bool:
    """A day with a month name: not when the month is a lower-case word ("may 5 people")."""
    mon = found.groupdict().get("mon") or ""
    return not (mon[:1].islower() and mon.lower() in ("may", "march", "mar", "jun", "jan"))


def _keep_month(found: re.Match[str]) -> bool:
    """A month alone: a heading, a dated month, a release's month, or the target of a move."""
    groups = found.groupdict()
    mon = groups.get("mon") or ""
    if mon[:1].islower():
        return False
    dated = bool(groups.get("year") or groups.get("rel"))
    if not dated and _RELEASE_NOUN.match(found.string, found.end()):
        return mon[:1].isupper()  # "a November release"
    if not dated and not found.group("mod"):
        # a bare month name counts only as a list heading ("January" alone on its line)
        before = found.string[max(0, found.start() - 2) : found.start()]
        after = found.string[found.end() : found.end() + 2]
        if before.endswith("(") and after.startswith(")"):
            return True
        return (before == "" or "\n" in before) and (after == "" or after[0] in "\n:(\u2013-")
    if _NUMBER_NEXT.match(found.string[found.end() : found.end() + 4]):
        return False
    if not dated and found.string.startswith(("'s ", "\u2019s "), found.end()):
        return False  # "after December's cliffhanger": the month names an event, not a date
    if (found.group("mod") or "").lower() in ("to", "into"):
        # "pushed from March to June": a bare month after "to" only in a move
        before = found.string[max(0, found.start() - 60) : found.start()]
        return _MOVED.search(before) is not None
    return True


def _keep_year(found: re.Match[str]) -> bool:
    """A year: not the end of a name ("Blade Runner 2049")."""
    if found.group("year") and not found.group("mod"):
        name = _NAME_BEFORE_YEAR.search(found.string, max(0, found.start() - 30), found.start())
        if name and name.group(1).lower() not in YEAR_NAME_WORDS and "\n" not in name.group(0):
            return False
    return True


def _keep_season(found: re.Match[str]) -> bool:
    """A season of the year: with a year or a modifier, a release's, or after a move or plan."""
    if not found.group("year") and _RELEASE_NOUN.match(found.string, found.end()):
        return True  # "a fall launch"
    mod = (found.group("mod") or "").lower()
    if mod or found.group("year"):
        return mod != "the" or bool(found.group("year"))
    # a bare season is a date after a move or a plan ("delayed until fall", "slated for
    # summer"), written in lower case: a capital makes it a name's ("Back in Time for
    # Winter", "for Winter Wheat")
    return (
        found.group("season")[0].islower()
        and _SEASON_LINK.search(found.string, max(0, found.start() - 8), found.start()) is not None
    )


def _keep_quarter(found: re.Match[str]) -> bool:
    """A quarter: "Q3" alone, or a spelled-out quarter with its year."""
    if found.group("q"):
        return found.group("year") is not None or found.group(0)[0] == "Q"
    return True


def _keep_weekday(found: re.Match[str]) -> bool:
    """A weekday: capitalised, and not a weekly slot ("the Sunday 9 p.m. slot")."""
    generic = _GENERIC_WEEKDAY.search(
        found.string, max(0, found.start() - 8), found.start()
    ) or _PLURAL_WEEKDAY.search(found.string, max(0, found.start() - 20), found.start())
    if _SLOT_NOUN_AFTER.match(found.string, found.end()):
        return False  # "Saturday night fare", "its Friday comedy block": a weekly slot
    return found.group("wd")[0].isupper() and (generic is None or bool(found.group("wmod")))


def _keep_relative_day(found: re.Match[str]) -> bool:
    """A relative day ("tomorrow"): a capital inside a sentence makes it a name's.

    "Legends of Tomorrow" names a show; "Tomorrow" opening a sentence is still a day.
    """
    if not found.group(0)[0].isupper():
        return True
    before = found.string[max(0, found.start() - 2) : found.start()]
    return before in ("", ". ", "\n") or before.endswith("\n")


def _keep_holiday(found: re.Match[str]) -> bool:
    """A holiday, not a day near it ("the Wednesday before Thanksgiving", "Halloween weekend")."""
    before = found.string[max(0, found.start() - 12) : found.start()].lower()
    after = found.string[found.end() : found.end() + 10].lower()
    return not _NEAR_BEFORE.search(before) and not _NEAR_AFTER.match(after)


def _keep_tba(found: re.Match[str]) -> bool:
    """A date to be announced: not a long word in capitals that only spells like one."""
    return not (found.group(0).isupper() and len(found.group(0)) > 3)


#: The check each form's matches pass; a form without one is always a date.
_CHECKS = {
    Form.MONTH_DAY: _keep_day,
    Form.DAY_MONTH: _keep_day,
    Form.MONTH: _keep_month,
    Form.YEAR: _keep_year,
    Form.SEASON: _keep_season,
    Form.QUARTER: _keep_quarter,
    Form.WEEKDAY: _keep_weekday,
    Form.RELATIVE_DAY: _keep_relative_day,
    Form.HOLIDAY: _keep_holiday,
    Form.TBA: _keep_tba,
}
