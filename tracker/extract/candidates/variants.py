"""Other readings of a name's extent, proposed beside it: the model, not a rule, picks one.

Where a name starts and ends is often unclear from capitals alone: "Halloween Kills" is read as
"Kills" after a capitalised word, "The First Grader Biography/Drama" runs into a schedule's genre
column, "Tovino Thomas' Minnal Murali" carries its star, "Xbox Series X/Xbox Series S" holds two
works. For each candidate whose name is a plain span of the text, this proposes the same pairing
with the span grown by the capitalised words next to it, or cut at a possessive, a preposition, a
separator or a label word. The rival readings of one name for one date compete when the model
decides (``decisions.decide``), so at most one of them is kept.

Before that, :func:`named_only` sets aside readings that name nothing ("Part 2") and cuts a
schedule's clock time off a name ("9:00 The Amazing Race").
"""

from __future__ import annotations

import re

from tracker.extract.candidates.candidate import Candidate, evolve, title_key
from tracker.extract.candidates.spans import is_name_word, tidy
from tracker.extract.reading.caseless import Caseless

#: A word that can stand inside a title: capitalised, a number, or a short joining word.
_CAP_WORD = r"[A-Z0-9][\w.&!?\u2019'\-]*"
_JOIN_WORD = r"(?:of|the|and|in|a|an|at|on|to|for|with|is|&|v|vs\.?)"
#: What may join a name to the capitalised words after it ("Mission: Impossible - The Final
#: Reckoning", "No Man's Land", "Last Tango in Halifax").
_TAIL = re.compile(
    rf"(?:[ \t]*[:\u2013\u2014][ \t]*|[ \t]+-[ \t]+|['\u2019]s[ \t]+"
    rf"|[ \t]+{_JOIN_WORD}[ \t]+|[ \t]+)"
    rf"({_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|{_JOIN_WORD}(?=[ \t]+[A-Z0-9])))*)"
)
#: A capitalised word right before a name, possibly possessive ("Halloween Kills", "Newk's Time").
_HEAD = re.compile(rf"(?:^|(?<=[\s\"'\u201c\u2018(]))({_CAP_WORD})[ \t]+$")
#: Where a name may be cut, keeping what is before it: a preposition, a label, a separator.
_CUT_BEFORE = Caseless(
    r"[ \t]+(?=(?:for|from|on|by|with|in|at|starring|featuring|season|series|release|special"
    r"|christmas|premiere|finale|trailer|comedy|drama|biography|documentary|official)\b)"
    r"|[ \t]*(?::|\u2013|\u2014|/)[ \t]*|[ \t]+(?:-|and|&)[ \t]+",
    re.IGNORECASE,
)
#: Where a name may be cut, keeping what is after it: a possessive, "Season 2 of", a separator.
_CUT_AFTER = Caseless(
    r"['\u2019]s?[ \t]+|\bseason[ \t]+\w+[ \t]+of[ \t]+|[ \t]*(?::|\u2013|\u2014|/)[ \t]*"
    r"|[ \t]+(?:-|and|&)[ \t]+",
    re.IGNORECASE,
)
#: A reading that starts with a label ("Season 2", "Part One") names no work.
_LABEL = r"(?:season|series|part|episode|vol\.?|volume|chapter)"
_LABEL_ONLY = re.compile(rf"{_LABEL}\b", re.IGNORECASE)
_ONLY_A_LABEL = re.compile(rf"{_LABEL}\s+\w+", re.IGNORECASE)
#: A number after a preposition is a time or a count ("Paper Lanterns at 8"), not a subtitle.
_SLOT = re.compile(r"[ \t]+(?:at|on|in|to|for|with|by)[ \t]+\d")
_SEASON_TAIL = re.compile(r"[ \t]*(?:season|series)[ \t]+(\d{1,2})\b", re.IGNORECASE)
#: How far a name is grown at most, in characters.
_REACH = 60
_WORD = re.compile(r"\S+")


#: A clock time a schedule's row puts before its name ("9:00 The Amazing Race", "10 pm NCIS").
_LEADING_TIME = re.compile(
    r"\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[-\u2013]\s*\d{1,2}(?:[:.]\d{2})?"
    r"(?:\s*[ap]\.?m\.?)?)?\s+(?=[A-Z])",
    re.IGNORECASE,
)


def _without_leading_time(c: Candidate) -> Candidate:
    """``c`` with a clock time cut off the front of its name, if one stands there."""
    found = _LEADING_TIME.match(c.title)
    if found is None or (not any(ch in found.group() for ch in ":.") and "m" not in found.group()):
        return c  # a bare number ("24", "9-1-1") may be the name itself
    cut = found.end()
    return evolve(
        c, title=c.title[cut:], title_start=c.title_start + cut if c.title_start >= 0 else -1
    )


def named_only(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates whose name is more than a label, a clock time before a name cut off."""
    read = (_without_leading_time(c) for c in candidates)
    return [c for c in read if _ONLY_A_LABEL.fullmatch(c.title) is None]


def span_variants(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Propose each candidate's pairing again with its name's span grown or cut."""
    # a span already read for this date is not read again, however it tidies; a reading that
    # another candidate already states (same name, season and date) is not proposed twice
    seen = {(c.title_start, c.title_end, c.value.value) for c in candidates}
    stated = {(title_key(c.title), c.season, c.value.value) for c in candidates}
    out: list[Candidate] = []
    for c in candidates:
        a, b = c.title_start, c.title_end
        if a < 0 or b <= a or c.row or c.topic or c.quoted or c.date_verdict == "event":
            continue  # quotes bound a name; one outside its date's sentence is rarely off
        for lo, hi, how in _spans(text, a, b):
            title = tidy(text[lo:hi])
            key = (lo, hi, c.value.value)
            if key in seen or len(title) < 2 or not (title[0].isupper() or title[0].isdigit()):
                continue
            if _LABEL_ONLY.match(title):
                continue  # "Season 2" names no work
            seen.add(key)
            season = c.season
            found = _SEASON_TAIL.match(text, hi)
            if season is None and found is not None:
                season = int(found.group(1))  # "Rent-a-Girlfriend Season 2 Release Date"
            said = (title_key(title), season, c.value.value)
            if said in stated:
                continue  # another candidate states it already
            stated.add(said)
            out.append(
                evolve(
                    c,
                    title=title,
                    title_start=lo,
                    title_end=lo + len(title) if text.startswith(title, lo) else hi,
                    season=season,
                    proposed=True,
                    generous=True,
                    variant=how,
                )
            )
    return out


def _spans(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """The other extents of the name ``text[a:b]``, each with how it was made."""
    out: list[tuple[int, int, str]] = []
    line_start = text.rfind("\n", 0, a) + 1
    head = _HEAD.search(text, max(line_start, a - _REACH), a)
    if head is not None:
        out.append((head.start(1), b, "grown_head"))
    tail = _TAIL.match(text, b, b + 2 * _REACH)  # bounded: a long run of capitals is no tail
    if (
        tail is not None
        and tail.end(1) - b <= _REACH
        and not _LABEL_ONLY.match(text, tail.start(1))
        and not _SLOT.match(text, b)
    ):
        end = tail.end(1)
        for w in _WORD.finditer(text, tail.start(1), end):
            if is_name_word(w.group()) or w.group().rstrip(".,").lower() == "may":
                end = w.start()  # a month or weekday starts the date, not the name
                break
        while end > tail.start(1) and text[end - 1] in " \t,":
            end -= 1
        if end > tail.start(1):
            out.append((a, end, "grown_tail"))
    for m in _CUT_BEFORE.finditer(text, a, b):
        if m.start() > a:
            out.append((a, m.start(), "cut_tail"))
    for m in _CUT_AFTER.finditer(text, a, b):
        if a < m.start() and m.end() < b:
            out.append((m.end(), b, "cut_head"))
    words = [w.start() for w in _WORD.finditer(text, a, b)]
    for k in words[1:3]:
        out.append((k, b, "cut_head"))  # "Will The Quiet Place Part 2", "Shah Rukh Khans Jawaan"
    return out[:10]
