"""Pair each date in a sentence with the work it belongs to."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.extract.candidates.clauses import clauses
from tracker.extract.candidates.spans import POSSESSOR
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.lexicon import WORK_NOUNS

_CHAIN_GAP = re.compile(
    r"(?:,\s+(?:about|starring|featuring|a|an|the|which|who|set|based)\b[^;()]{0,100}?(?=,))?"
    r"[\"\u201c\u201d\s]*(?:['\u2019]s?\s*)?(?:\((?:[^()]{0,60})\))?[\"\u201c\u201d\s]*(?:(?:season|series|part)\s+\w+"
    r"(?:\s+and\s+\w+)?)?[\"\u201c\u201d\s,]*(?:and|&|or|as\s+well\s+as|plus)?[\"\u201c\u201d\s,]*"
    r"(?:(?:the\s+)?(?:\w+\s+){0,2}(?:seasons?|series|installments?|premiere|finale)\s+"
    r"(?:\w+\s+)?(?:premiere\s+|finale\s+)?(?:of|for)\s+)?"
    r"(?:(?:the|a|an|its|their|new)\s+(?:[\w-]+\s+){0,2}(?:"
    + "|".join(sorted(WORK_NOUNS, key=len, reverse=True))
    + r")\s+)?[\"\u201c\u201d\s]*",
    re.IGNORECASE,
)
ANAPHOR = re.compile(
    r"\b(?:it|its|it's|they|their|the\s+(?:[\w-]+\s+){0,3}?(?:series|show|film|movie|season"
    r"|drama|comedy|sitcom|game|album|book|novel|sequel|special|project|anime|episodes"
    r"|docuseries|miniseries|record|ep|title|adaptation|reboot|revival|spinoff|spin-off"
    r"|thriller|installment|instalment|chapter|follow-up|release|run|cour|batch|part|finale"
    r"|premiere|season\s+\w+)|season\s+\w+|this\s+(?:one|series|show|film|movie|game))\b",
    re.IGNORECASE,
)


_FOLLOWER = re.compile(
    r"(?:\s+(?:debut|premiere|return|opener|finale))?[\s,]*(?:\([^()]{0,30}\)[\s,]*)?(?:\bat\s+\S+\s+)?[\s,]*(?:followed\s+by|leading\s+into"
    r"|leads?\s+into|and\s+then|then|paired\s+with|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:premiere|debut|return|opener|finale)\s+(?:of|for)\s+(?:[\w-]+\s+){0,3}?)?"
    r"[\"\u201c]?$",
    re.IGNORECASE,
)


#: What may come after a name inside an aside before a follower: "and Y", "in the ...".
_LEADS_INTO = re.compile(r"[^;()]{0,80}?\b(?:leading\s+into|leads?\s+into|followed\s+by)\b")
#: A relative clause that gives the name just before it a date: "Y, which opens in 2021".
_RELATIVE = re.compile(r"[\"\u201d\u2019]?\s*,\s+which\s+[^,;()\"\u201c]{0,80}")
#: A company's verb that schedules the work after it: "X Pushes 'Y'", "X has moved Y".
_SCHEDULES = re.compile(
    r"\s+(?:also\s+)?(?:has\s+|have\s+)?(?:confirm(?:s|ed)?|announce[sd]?|unveil(?:s|ed)?"
    r"|reveal(?:s|ed)?|sets?|pushe[sd]|push|moved?|moves|delay(?:s|ed)?|dates?|dated"
    r"|slates?|slated|shift(?:s|ed)?|bump(?:s|ed)?|schedules?|scheduled|books?|booked"
    r"|reschedules?|rescheduled|postpones?|postponed)\s+(?:the\s+\w+\s+of\s+)?(?:its\s+"
    r"(?:[\w-]+\s+){0,2})?[\"\u201c\u2018']?",
    re.IGNORECASE,
)
_OPENS_WITH = re.compile(r"[\s,.]*(?:with|by)\s+[\"\u201c\u2018]?")
_WITH_BEFORE = re.compile(r"\bwith\s+$")
_WORK_NOUN = re.compile(
    r"\b(?:album|EP|LP|mixtape|novel|book|memoir|sequel|documentary)\b[^.;\n]{0,25}$"
)
_LIST_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*[,:]?\s*(?:with|featuring|including)\b", re.I)


def _followers(
    text: str, titles: Sequence[TitleMention], after: int, hi: int
) -> list[TitleMention]:
    """Titles that follow the last date on the same night ("..., followed by X")."""
    out: list[TitleMention] = []
    cursor = after
    for t in titles:
        if t.start < after or t.end > hi:
            continue
        if POSSESSOR.match(text, t.end - 2):
            continue  # "followed by series eight of Jimmy McGovern's drama X": X's author
        if not _FOLLOWER.search(text, max(cursor, t.start - 80), t.start):
            if _LEADS_INTO.match(text, t.end) is None:
                break
            continue  # a name in an aside ("with X and Y in the lead roles, leading into Z")
        out.append(t)
        cursor = t.end
    return out


def score(title: TitleMention, date_start: int) -> float:
    """Rank a title as the owner of a date: quoted, subject-like and near is better."""
    distance = (
        abs(date_start - title.end) if title.end <= date_start else abs(title.start - date_start)
    )
    return 2.0 * title.quoted + 2.5 * title.subject + 3.0 * title.named - distance / 120.0


def chain(text: str, titles: Sequence[TitleMention], pick: int) -> list[TitleMention]:
    """Return the titles coordinated with ``titles[pick]`` ("X, Y and Z premiere ...")."""
    lo = pick
    while lo > 0 and _CHAIN_GAP.fullmatch(text, titles[lo - 1].end, titles[lo].start):
        lo -= 1
    hi = pick
    while (
        hi + 1 < len(titles)
        and _CHAIN_GAP.fullmatch(text, titles[hi].end, titles[hi + 1].start)
        and not POSSESSOR.match(text, titles[hi + 1].end - 2)  # "McGovern's drama X"
    ):
        hi += 1
    return list(titles[lo : hi + 1])


def find_anaphor(text: str, lo: int, hi: int) -> int | None:
    """Find where ``text[lo:hi]`` refers back to a work ("The series will premiere ...").

    >>> find_anaphor("The six-episode series will release weekly beginning March 30.", 0, 50)
    0
    """
    found = ANAPHOR.search(text, lo, hi)
    return found.start() if found else None


def owners(
    text: str, titles: Sequence[TitleMention], dates: Sequence[tuple[int, int]], lo: int, hi: int
) -> list[list[TitleMention]]:
    """Find the titles each date belongs to, within one sentence ``text[lo:hi]``.

    A sentence is either "title ... date" ("X on Feb. 19, Y on March 4") or
    "date ... title" ("On March 4: X"). Each date takes the titles in its own stretch:
    between the previous date and itself, or between itself and the next date.

    Args:
        text: The whole text.
        titles: Title mentions in the sentence, by position.
        dates: (start, end) of each date kept in the sentence, by position.
        lo: Sentence start.
        hi: Sentence end.

    Returns:
        For each date, the titles it announces (empty when none is in the sentence).
    """
    if not dates:
        return []
    title_first = _titles_lead(titles, dates, lo, hi)
    result: list[list[TitleMention]] = []
    for i, (start, end) in enumerate(dates):
        left = dates[i - 1][1] if i else lo
        right = dates[i + 1][0] if i + 1 < len(dates) else hi
        last = i + 1 == len(dates)
        if title_first:
            region = [t for t in titles if left <= t.start and t.end <= start]
            if not region and i:
                # "X is back Jan. 17, followed the next day by Y and Z": the works after it
                region = [t for t in titles if end <= t.start and t.end <= right]
        else:
            region = [t for t in titles if end <= t.start and t.end <= right]
        if not region:
            result.append([])
            continue
        followers: list[TitleMention] = []
        if title_first:
            region, followers = _after_the_date(text, titles, region, end, right, hi, last=last)
        found = chain(text, region, _best(text, region, start, end, title_first=title_first))
        if not title_first:
            found, followers = _spread(text, titles, region, found, right)
        result.append(found + followers)
    return result


def _titles_lead(
    titles: Sequence[TitleMention], dates: Sequence[tuple[int, int]], lo: int, hi: int
) -> bool:
    """Tell whether the sentence names its works before their dates ("X on Feb. 19, Y on ...").

    Each date counts for the side where a title stands in its own stretch; a tie goes to the
    titles before, if any.
    """
    leading = trailing = 0
    for i, (start, end) in enumerate(dates):
        left = dates[i - 1][1] if i else lo
        right = dates[i + 1][0] if i + 1 < len(dates) else hi
        leading += any(left <= t.start and t.end <= start for t in titles)
        trailing += any(end <= t.start and t.end <= right for t in titles)
    return leading >= trailing and leading > 0


def _after_the_date(
    text: str,
    titles: Sequence[TitleMention],
    region: list[TitleMention],
    end: int,
    right: int,
    hi: int,
    *,
    last: bool,
) -> tuple[list[TitleMention], list[TitleMention]]:
    """In a sentence that names works first, the works after a date that still take it.

    Returns the date's region and its followers: after the sentence's last date, the works a
    list continues with; a list that follows the date ("... on May 9: A, B and C"); or, when no
    title of the region is named as a work, the one a work noun introduces after the date
    ("X is coming back on May 9 with their seventh album, Pink Elephant").
    """
    followers: list[TitleMention] = []
    if last:
        followers = _followers(text, titles, end, hi)
    if _LIST_AFTER.match(text, end):
        after = [t for t in titles if end <= t.start and t.end <= right]
        if len(after) >= 2 and last:
            region, followers = after, []
    if not any(t.named or t.quoted for t in region):
        named = [
            t
            for t in titles
            if end <= t.start and t.end <= right and _WORK_NOUN.search(text, t.start - 40, t.start)
        ]
        if named:
            region, followers = named[:1], []
    return region, followers


def _best(text: str, region: list[TitleMention], start: int, end: int, *, title_first: bool) -> int:
    """The index in ``region`` of the title the date most likely belongs to."""
    best = max(range(len(region)), key=lambda k: score(region[k], start))
    if best + 1 < len(region) and _SCHEDULES.fullmatch(
        text, region[best].end, region[best + 1].start
    ):
        best += 1  # "Max Pushes 'Ashgrove' to March": the work is the verb's object
    if title_first and _RELATIVE.fullmatch(text, region[-1].end, start):
        best = len(region) - 1  # "... into Y, which is expected in 2021": Y's date
    elif not title_first and _OPENS_WITH.fullmatch(text, end, region[0].start):
        best = 0  # "The season starts in October with X, followed by ...": X opens it
    return best


def _spread(
    text: str,
    titles: Sequence[TitleMention],
    region: list[TitleMention],
    found: list[TitleMention],
    right: int,
) -> tuple[list[TitleMention], list[TitleMention]]:
    """After a date that comes first, the works that share its date with the best one.

    "On Sept. 22, the Rosewood debut leads into the premiere of Pitch": the works that lead
    into the best one, and those that follow it.
    """
    k = region.index(found[0])
    while k > 0 and _FOLLOWER.search(text, region[k - 1].end, found[0].start):
        k -= 1
        found.insert(0, region[k])
    followers = [
        t
        for t in _followers(text, titles, found[-1].end, right)
        if t not in found and not _WITH_BEFORE.search(text, t.start - 6, t.start)
    ]
    return found, followers


#: "Both", "all three": the works before it share one subject, and so the date after it.
_JOINT = re.compile(r"\b(?:both|all\s+(?:two|three|four|five|six))\s+(?!of\b)[a-z]+", re.I)


def clause_owners(
    text: str, titles: Sequence[TitleMention], dates: Sequence[tuple[int, int]], lo: int, hi: int
) -> list[list[TitleMention]]:
    """Pair dates with titles clause by clause.

    A date whose clause names no work falls back to the pairing over the whole sentence.
    """
    whole = owners(text, titles, dates, lo, hi)
    parts = clauses(text, lo, hi)
    if len(parts) == 1:
        return whole
    result = list(whole)
    for c_lo, c_hi in parts:
        inside = [k for k, (a, b) in enumerate(dates) if c_lo <= a and b <= c_hi]
        if not inside:
            continue
        if _JOINT.search(text, c_lo, dates[inside[0]][0]):
            continue  # "X, about ..., and the comedy Y both premiere": one joint subject
        local = [t for t in titles if c_lo <= t.start and t.end <= c_hi]
        groups = owners(text, local, [dates[k] for k in inside], c_lo, c_hi)
        for k, group in zip(inside, groups, strict=True):
            if group:
                result[k] = group
    return result
