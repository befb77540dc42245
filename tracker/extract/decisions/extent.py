"""Trim what a believed name carried past the work's own title, after the model has spoken.

The model judges whether a name owns a date; it does not re-cut the name. Some layouts glue
words of their own to a title, and a candidate read from them names the work with those words:

* a listing's clock time before it: "10 PM: Medium", "8:30 p.m. - The Orchard";
* a book list's author after it: "The Islanders by Christopher Priest";
* the network after it: "Thief on FX";
* a row's month after a colon: "House of Cards: March";
* a year's possessive before it: "2019's Madame X";
* a home-video format after it: "Poltergeist in 4K Ultra HD";
* a star's name before it in Indian film press: "the Sidharth Malhotra-starrer Aiyaary";
* the cast or director credited after it: "Klaus with Jason Schwartzman" (not a host's name
  in a talk show's: "Late Night with Seth Meyers");
* a field's label before it: "Distributor: Humpday" (a label and a number, "Score: 8.25",
  names nothing: the empty title drops the announcement);
* nothing of a tour row's venue: "WI The Rave" names no work, and is dropped too.

Trimming them here, where the announcement is written, leaves the candidates and their
features (and so the learned weights) as they are.
"""

from __future__ import annotations

import re

from tracker.extract.reading.lexicon import GIVEN_NAMES, MONTHS, PLATFORMS

#: A clock time and a separator opening a listing's row: "10 PM:", "8:30 p.m. -", "9/8c:".
_CLOCK_LEAD = re.compile(
    r"\A(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?(?:\s*(?:et|pt|ct))?|c)"
    r"|\d{1,2}[:.]\d\d|\d{1,2}/\d{1,2}c|[ap]\.?m\.?)\s*[:\-\u2013\u2014|]\s+(?=\S)",
    re.IGNORECASE,
)
#: "by" and a person's name of two to four capitalised words closing the title.
_BYLINE = re.compile(r"\s+by\s+(?:[A-Z][\w.'\u2019-]*\s+){1,3}[A-Z][\w.'\u2019-]*$")
_YEAR_BEFORE = re.compile(r"\A(?:19|20)\d\d['\u2019]s\s+")
_MONTH_MARKS = re.compile(r":|\s[\-\u2013]\s")
_LETTERS = re.compile(r"[^\W\d_]")
_ON_PLATFORM = re.compile(r"\s+on\s+([\w&+' ]{2,25})$")
_MONTH_AFTER_COLON = re.compile(r"(?:\s*:\s*|\s+[\-\u2013]\s+)([A-Za-z]+)\.?$")
#: A home-video format after the title: "Poltergeist in 4K Ultra HD", "Heat on Blu-ray".
_FORMAT_AFTER = re.compile(
    r"\s+(?:in|on)\s+(?:4K(?:\s+Ultra\s+HD)?|Ultra\s+HD|UHD|Blu-ray|Blu-Ray|DVD|Digital\s+HD"
    r"|Digital|VOD|Steelbook)(?:\s*(?:and|&|/|,)\s*(?:4K(?:\s+Ultra\s+HD)?|Blu-ray|Blu-Ray|DVD"
    r"|Digital))*$"
)
#: Cast or director credited after the title: "Klaus with Jason Schwartzman", "Marriage Story
#: with Scarlett Johansson and Adam Driver", "I Lost My Body from Mati Diop".
_CREDIT_AFTER = re.compile(
    r"\s+(?:with|from|starring|featuring)\s+([A-Z][\w'\u2019.-]*)(?:\s+[A-Z][\w'\u2019.-]*){1,2}"
    r"(?:\s*(?:,|and|&)\s+[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,2})*$"
)
#: A credit of several people ("with Scarlett Johansson and Adam Driver"): a cast, not a host.
_SEVERAL = re.compile(r"\s(?:,|and|&)\s")
#: Talk and magazine shows are named after their host: "Late Night with Seth Meyers".
_HOSTED_SHOW = re.compile(
    r"\b(?:night|tonight|show|live|time|weekly|week|today|morning|late|hour|club|kitchen"
    r"|podcast|radio)\b",
    re.IGNORECASE,
)
#: A field label before the title: "Announcement: Neko Atsume", "Distributor: Humpday".
_LABEL_BEFORE = re.compile(
    r"(?:announcement|distributor|publisher|developer|platforms?|genre|network|director|starring"
    r"|cast|score|rating|price|format|studio|label|release\s+date|premiere\s+date|air\s*date"
    r"|exclusive|breaking|update|report|watch|video|photos|trailer|news|source|via)\s*:\s+",
    re.IGNORECASE,
)
#: A tour row's venue after its state or province: "CA The Catalyst", "AB MacEwan Hall"
#: ("LA", "ON", "ME", "OK", "IN" and "OR" open titles as often as rows, and are left out).
_VENUE_ROW = re.compile(
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IA|KS|KY|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY"
    r"|NC|ND|OH|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AB|BC|MB|NB|NL|NS|PE|QC|SK|MX)\s+[A-Z]"
)
#: Indian film press names a film after its star: "the Sidharth Malhotra-starrer Aiyaary".
_STARRER = re.compile(r"\A.*?\bstarrer\s+(?=\S)", re.IGNORECASE)


def trim_title(title: str, *, credits: bool = False) -> str:
    """The work's own title, without the words a layout glued to it (see the module's list).

    ``credits`` is for a film's, a game's or an album's unquoted name, whose credit of one
    person is trimmed too: a TV show is often named after its host ("America Inside Out with
    Katie Couric"), and quotes bound a name. A credit of several people is trimmed always.

    A trim that would leave fewer than two letters ("6 by Jean Auel", "C on ABC") is not made.

    >>> trim_title("10 PM: Law and Order: SVU")
    'Law and Order: SVU'
    >>> trim_title("The Islanders by Christopher Priest")
    'The Islanders'
    >>> trim_title("Stand by Me")
    'Stand by Me'
    >>> trim_title("Thief on FX")
    'Thief'
    >>> trim_title("House of Cards: March")
    'House of Cards'
    >>> trim_title("13.07.09 - The Bookseller")
    '13.07.09 - The Bookseller'
    >>> trim_title("C on ABC")
    'C on ABC'
    >>> trim_title("Poltergeist in 4K Ultra HD")
    'Poltergeist'
    >>> trim_title("Heat on Blu-ray and DVD")
    'Heat'
    >>> trim_title("the Sidharth Malhotra-starrer Aiyaary")
    'Aiyaary'
    >>> trim_title("Marriage Story with Scarlett Johansson and Adam Driver")
    'Marriage Story'
    >>> trim_title("Late Night with Seth Meyers")
    'Late Night with Seth Meyers'
    >>> trim_title("Letters from Iwo Jima")
    'Letters from Iwo Jima'
    >>> trim_title("Distributor: Humpday")
    'Humpday'
    >>> trim_title("Score: 8.25")
    ''
    >>> trim_title("WI The Rave")
    ''
    >>> trim_title("Yang Ik-june")
    'Yang Ik-june'
    """
    if _VENUE_ROW.match(title):
        return ""  # a venue names no work: the announcement is dropped
    trimmed = title
    if title[:1].isdigit() or title[:1] in ("A", "P", "a", "p"):
        trimmed = _YEAR_BEFORE.sub("", _CLOCK_LEAD.sub("", title, count=1), count=1)
    if " by " in trimmed:
        trimmed = _BYLINE.sub("", trimmed)
    on = _ON_PLATFORM.search(trimmed) if " on " in trimmed else None
    if on is not None and on.group(1).lower() in PLATFORMS:
        trimmed = trimmed[: on.start()]
    if " in " in trimmed or " on " in trimmed:
        trimmed = _FORMAT_AFTER.sub("", trimmed)
    if "starrer" in trimmed or "Starrer" in trimmed:
        trimmed = _STARRER.sub("", trimmed, count=1)
    month = _MONTH_AFTER_COLON.search(trimmed) if _MONTH_MARKS.search(trimmed) else None
    if month is not None and month.group(1).lower() in MONTHS and len(month.group(1)) > 3:
        trimmed = trimmed[: month.start()]
    credit = _CREDIT_AFTER.search(trimmed) if " with " in trimmed or " from " in trimmed else None
    if (
        credit is not None
        and credit.group(1).lower() in GIVEN_NAMES
        and (credits or _SEVERAL.search(trimmed, credit.start()) is not None)
        and not _HOSTED_SHOW.search(trimmed, 0, credit.start())
    ):
        trimmed = trimmed[: credit.start()]
    label = _LABEL_BEFORE.match(trimmed) if ":" in trimmed else None
    if label is not None:
        rest = trimmed[label.end() :]
        return rest if len(_LETTERS.findall(rest)) >= 2 else ""  # "Score: 8.25" names nothing
    if trimmed is title:
        return title  # most names: nothing was glued to them
    trimmed = trimmed.strip()
    return trimmed if len(_LETTERS.findall(trimmed)) >= 2 else title
