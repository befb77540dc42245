"""Split a text into lines and sentences, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest stretch handled as one sentence; longer runs are cut at whitespace.
MAX_SENTENCE = 1200

_LINE = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "vs",
        "no",
        "vol",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "co",
        "corp",
        "ltd",
        "mt",
        "ft",
        "u.s",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "approx",
        "ep",
        "eps",
        "fig",
        "gen",
        "gov",
        "sen",
        "rep",
    ]
)
_METADATA = re.compile(r"\s*date\s+\d{4}-\d\d-\d\d\s")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a short line) with its place in the text.

    Attributes:
        start: Offset of the first character.
        end: Offset after the last character.
        line: Index of the line it sits on.
        first_in_line: Whether it opens its line.
        last_in_line: Whether it closes its line.
    """

    start: int
    end: int
    line: int
    first_in_line: bool
    last_in_line: bool


def metadata_end(text: str) -> int:
    """Return the end of a leading ``date YYYY-MM-DD`` metadata mark, or 0.

    >>> metadata_end(" date 2020-02-05 Disney announces")
    17
    >>> metadata_end("Disney announces")
    0
    """
    found = _METADATA.match(text)
    return found.end() if found else 0


#: Initials such as "p.d." or "u.k." (lower-cased), which close no sentence.
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def _is_boundary(line: str, cut: int) -> bool:
    """Tell whether the punctuation ending at ``cut`` closes a sentence."""
    head = line[max(0, cut - 20) : cut + 1].rstrip()
    if not head.endswith("."):
        return True
    word = _WORD_BEFORE.search(head)
    if word is None:
        return True
    token = word.group(1).lower()
    if len(token) == 1 or token in _ABBREVIATIONS:
        return False
    # Initials such as "P.D." or "U.K." do not close a sentence.
    return not _INITIALS.fullmatch(token)


def _chunks(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut an over-long span into pieces of at most MAX_SENTENCE characters."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


_WRAPPED_END = re.compile(
    r"(?:\b(?:on|in|the|of|and|to|with|a|an|at|for|by|as|from|its|their|his|her|is|are|will)"
    r"|\b(?:of|and|on|in|for)\s+(?:The|A|An)|,)$"
)


_CONTINUED = re.compile(r"[^\n.!?:]\n[a-z]")


def _hard_wrapped(text: str, begin: int) -> bool:
    r"""Tell whether the text is wrapped at a fixed width, so a line break is only a space.

    Such a text breaks mid-sentence again and again: before a word in lower case, and as
    often before a name ("new sitcom Perfect\nCouples at 8:30 p.m.").
    """
    breaks = text.count("\n", begin)
    return breaks >= 6 and len(_CONTINUED.findall(text, begin)) >= max(3, breaks // 4)


def _lines(text: str, begin: int) -> list[tuple[int, int]]:
    r"""Find logical lines: a hard-wrapped sentence ("will premiere on\nMonday") is one line.

    A line continues on the next when the next starts in lower case, or when it ends on a
    word that cannot end a sentence or a heading (a preposition, an article, a comma).

    >>> _lines("It will air on\nMonday, then\nstop.\nNext", 0)
    [(0, 33), (34, 38)]
    """
    out: list[tuple[int, int]] = []
    wrapped = _hard_wrapped(text, begin)
    for found in _LINE.finditer(text, begin):
        lo, hi = found.span()
        joined = out and lo == out[-1][1] + 1
        if joined and (
            text[lo].islower()
            or _WRAPPED_END.search(text, max(0, out[-1][1] - 8), out[-1][1])
            or (wrapped and found.start() - out[-1][0] >= 50 and text[out[-1][1] - 1] != ":")
        ):
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def split_sentences(text: str) -> list[Sentence]:
    r"""Split ``text`` into sentences, line by line.

    >>> [s.start for s in split_sentences("Iron Fist arrives. It is good.\nNext")]
    [0, 19, 31]
    """
    out: list[Sentence] = []
    begin = metadata_end(text)
    for line_no, (base, line_end) in enumerate(_lines(text, begin)):
        line = text[base:line_end]
        spans: list[tuple[int, int]] = []
        last = 0
        for boundary in _BOUNDARY.finditer(line):
            if _is_boundary(line, boundary.start() + len(boundary.group().rstrip()) - 1):
                spans.append((last, boundary.start() + len(boundary.group().rstrip())))
                last = boundary.end()
        spans.append((last, len(line)))
        pieces: list[tuple[int, int]] = []
        for lo, hi in spans:
            lo2, hi2 = lo, hi
            while lo2 < hi2 and line[lo2].isspace():
                lo2 += 1
            while hi2 > lo2 and line[hi2 - 1].isspace():
                hi2 -= 1
            if hi2 > lo2:
                pieces.extend(_chunks(base + lo2, base + hi2, text))
        for i, (lo, hi) in enumerate(pieces):
            out.append(Sentence(lo, hi, line_no, i == 0, i == len(pieces) - 1))
    return out
