"""Find the names of works in a sentence: quoted titles and capitalised runs."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.extract.candidates.spans import (
    SMALL,
    TitleMention,
    at_sentence_start,
    bare,
    clean_span,
    genre_cut,
    is_name_word,
    owner_cut,
    pieces,
    tidy,
)
from tracker.extract.candidates.title_checks import (
    NOT_A_NAME,
    SUBJECT_AFTER,
    acceptable,
    described,
    looks_like_title,
    person_before,
    title_mention,
)
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.lexicon import NON_TITLES, PERSON_CUES, PLATFORMS, WEEKDAYS, WORK_NOUNS

__all__ = ["NOT_A_NAME", "TitleMention", "acceptable", "find_titles", "tidy"]

_QUOTED = re.compile(
    r"\u201c([^\u201c\u201d\n]{1,100}?)\u201d|\"([^\"\n]{1,100}?)\""
    r"|(?<![A-Za-z])\u2018((?:[^\u2018\u2019\n]|\u2019(?=[A-Za-z]))+?)\u2019(?![A-Za-z])"
    r"|(?<![\w'])'([A-Z0-9](?:[^'\n]|'(?=[a-z]))*?)'(?![\w'])"  # 'Harrow Fen' in a headline
)
_CAP = r"(?:(?:[ie](?=[A-Z]))?[A-Z0-9][\w'\u2019.!?&+:\-\u00d7]*+|&)"
#: A look-ahead on the letters a run starts with comes first, so ``re`` skips in C.
_RUN = re.compile(
    rf"(?=[A-Z0-9ie&])(?<![\w'\u2019]){_CAP}(?:(?:\s+(?:{SMALL}\s+)*+|\s+and\s+the\s+(?:{SMALL}\s+)*+){_CAP})*+"
)


#: Clock times ("at 9/8c", "10 p.m. ET"), which cut a capitalised run like dates do.
_ZONE = r"(?:[ecmp][sd]?t|kst|jst|gmt|bst|utc|cet|cest|aest|aedt)\b"  # read case-blind
_TIME = Caseless(
    r"\b(?:at\s+)?\d{1,2}(?:[:.]\d\d)?(?:\s*[/-]\s*\d{1,2}(?:[:.]\d\d)?)?\s*"
    r"(?:[ap]\.?m\b\.?|c\b|" + _ZONE + r")(?:\s*" + _ZONE + r")?"
    r"|\bat\s+\d{1,2}(?:[:.]\d\d)?\b",
    re.IGNORECASE,
)


_WORD = re.compile(r"\S+")


@lru_cache(maxsize=4096)
def _never_a_title(run: str) -> bool:
    """Tell whether a capitalised run is one word that can never be a title on its own."""
    if any(c.isspace() for c in run):
        return False
    return not acceptable(tidy(run), opener=False) or is_name_word(run)


def _after_cut(before: str, word: str) -> bool:
    """Tell whether one word cut off after a weekday or a platform belongs to that name."""
    key = bare(before)
    return key in WEEKDAYS or (key in PLATFORMS and word.isupper())


_PART_BEFORE = re.compile(r"\b(?:season|series|part|episode|volume|chapter|book)\s+$", re.I)


def find_titles(
    text: str,
    lo: int,
    hi: int,
    exclude: tuple[tuple[int, int], ...] = (),
    *,
    headline: bool = False,
) -> list[TitleMention]:
    """Find candidate titles inside ``text[lo:hi]``, in order of position.

    Args:
        text: The whole text.
        lo: Start of the sentence.
        hi: End of the sentence.
        exclude: Spans (dates) that cut a capitalised run: "Summer 2021: The Orchard".
        headline: Whether the stretch is a headline in title case, where verbs are capitalised.
    """
    found, quoted_spans = _quoted_titles(text, lo, hi)
    exclude = (*exclude, *(t.span() for t in _TIME.finditer(text, lo, hi)))
    found += _capitalised_titles(text, lo, hi, quoted_spans, exclude, headline=headline)
    found.sort(key=lambda t: t.start)
    return _join_and(text, [_introduced(text, t, lo) for t in found], lo)


def _quoted_titles(text: str, lo: int, hi: int) -> tuple[list[TitleMention], list[tuple[int, int]]]:
    """The quoted phrases of ``text[lo:hi]`` that look like titles, and every quoted span."""
    found: list[TitleMention] = []
    quoted_spans: list[tuple[int, int]] = []
    for q in _QUOTED.finditer(text, lo, hi):
        group = next(g for g in (1, 2, 3, 4) if q.group(g) is not None)
        inner = q.group(group)
        if looks_like_title(inner.strip()):
            s, e = q.start(group), q.end(group)
            title = tidy(inner)
            if title and title.lower() not in NON_TITLES:
                subject = bool(SUBJECT_AFTER.match(text, q.end(), min(hi, q.end() + 60)))
                found.append(TitleMention(s, e, title, True, subject))
        quoted_spans.append((q.start(), q.end()))
    return found, quoted_spans


def _capitalised_titles(
    text: str,
    lo: int,
    hi: int,
    quoted_spans: list[tuple[int, int]],
    exclude: tuple[tuple[int, int], ...],
    *,
    headline: bool,
) -> list[TitleMention]:
    """The titles among the capitalised runs of ``text[lo:hi]`` outside quotes.

    A run is cut where ``exclude`` (dates, clock times) falls inside it and where its words
    change from one name to the next; each piece is trimmed and checked, and the names of
    people ("Writer-director X", a chain "A, B and C" after a role) are left out.
    """
    found: list[TitleMention] = []
    person_chain_end = -1
    for r in _RUN.finditer(text, lo, hi):
        if any(qs <= r.start() < qe for qs, qe in quoted_spans):
            continue
        if r.start() > lo and text[r.start() - 1] in "#@$\u00a3\u20ac":
            continue  # "#TheLanternKeepers", "@studio", "$349": a tag or a price
        if _never_a_title(r.group()):
            continue  # "The", "Netflix", "October", "8": a lone word that no check would keep
        r_start, r_end = r.span()
        spans = [(w.start(), w.end()) for w in _WORD.finditer(text[r_start:r_end])]
        words = [text[r_start + a : r_start + b] for a, b in spans]
        near = [(a - r_start, b - r_start) for a, b in exclude if a < r_end and r_start < b]
        blocked = [any(a < e_b and e_a < b for e_a, e_b in near) for a, b in spans]
        for a, b in pieces(words, blocked, headline=headline):
            if b - a == 1 and a > 0 and _after_cut(words[a - 1], words[a]):
                continue  # "Sunday Funday", "Showtime OTT": the rest of a block's name
            opener = a == 0 and at_sentence_start(text, lo, r.start())
            a += owner_cut(words[a:b])
            a += genre_cut(words[a:b])
            a, b = clean_span(words, a, b, opener=opener)
            at = r.start() + spans[min(a, len(spans) - 1)][0]
            if (
                b - a > 2
                and words[a + 1] == "of"
                and words[a].isdigit()
                and _PART_BEFORE.search(text, max(lo, at - 10), at)
            ):
                a += 2  # "season 28 of The Simpsons": the work is The Simpsons
            if a >= b:
                continue
            start, end = r.start() + spans[a][0], r.start() + spans[b - 1][1]
            title = tidy(text[start:end])
            mention = title_mention(text, start, end, title, hi, opener=opener)
            if mention is None:
                continue
            if _names_a_person(text, lo, mention, words[a], person_chain_end):
                person_chain_end = end
                continue
            person_chain_end = -1
            found.append(mention)
    return found


def _names_a_person(
    text: str, lo: int, mention: TitleMention, first_word: str, chain_end: int
) -> bool:
    """Tell whether a capitalised name is a person's.

    After a role ("Writer-director X"), a description, or in a chain of names that began with a
    person's ("directed by A, B and C").
    """
    start = mention.start
    if all(w in PERSON_CUES for w in bare(first_word).split("-")):  # "Writer-director X"
        return True
    if described(text, start, subject=mention.subject, lo=lo):
        return True
    if mention.title.startswith(("The ", "A ")):
        return False
    return person_before(text, start, lo, subject=mention.subject) or (
        chain_end >= 0 and re.fullmatch(r"[\s,]*(?:and|&)?\s*", text[chain_end:start]) is not None
    )


_SINGULAR_NOUN = re.compile(
    r"\b(?:a|an|the|its|their|his|her|new)\s+(?:[\w-]+\s+){0,3}?([\w-]+)[,:]?\s+$",
    re.IGNORECASE,
)


#: "X and Y is set to premiere": a singular verb makes "X and Y" one name.
_SINGULAR_VERB = re.compile(r"\s+(?:is|has|was)\b")


def _join_and(text: str, found: list[TitleMention], lo: int) -> list[TitleMention]:
    """Join "X and Y" into one title when one singular work noun names it.

    "The coastal mystery Salt and Cinder will premiere" is one work; "the dramas X and Y"
    are two.
    """
    out: list[TitleMention] = []
    for t in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.quoted
            and not t.quoted
            and text[prev.end : t.start] in (" and ", " & ")
            and (
                (prev.named and _singular_work(text, prev.start, lo))
                or _SINGULAR_VERB.match(text, t.end)
            )
        ):
            out[-1] = TitleMention(
                prev.start, t.end, tidy(text[prev.start : t.end]), False, t.subject, True
            )
            continue
        out.append(t)
    return out


def _singular_work(text: str, start: int, lo: int) -> bool:
    noun = _SINGULAR_NOUN.search(text, max(lo, start - 50), start)
    if noun is None or noun.group(1) not in WORK_NOUNS:
        return False
    word = noun.group(1)
    return not word.endswith("s") or word.endswith("series")


_WORK_NOUN_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(w) for w in WORK_NOUNS), key=len, reverse=True))
    + r"|EP|LP|called|titled|dubbed|named|release\s+of|premiere\s+of"
    r"|debut\s+of|launch\s+of|arrival\s+of|return\s+of)[,:]?\s+[\"\u201c]?$"
)


_WORK_NOUN_APPOSITION = re.compile(
    r"\b(?:album|EP|LP|mixtape|film|movie|novel|book|memoir|game|sequel|documentary)\b"
    r"[^.;,\n]{0,60},\s*[\"\u201c]?$"
)


def _introduced(text: str, t: TitleMention, lo: int) -> TitleMention:
    """Mark a title that a work noun names ("the new EP, Nickel On The Fountain Floor")."""
    if _WORK_NOUN_BEFORE.search(
        text, max(lo, t.start - 30), t.start
    ) or _WORK_NOUN_APPOSITION.search(text, max(lo, t.start - 90), t.start):
        return TitleMention(t.start, t.end, t.title, t.quoted, t.subject, True)
    return t
