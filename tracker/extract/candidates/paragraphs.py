"""The names that own a paragraph's dates from outside their sentence.

A heading that is only a name titles the paragraph under it; a paragraph of a preview that ends
with its date in brackets describes one work, named as it opens or in quotes.
"""

from __future__ import annotations

import re

from tracker.extract.candidates.headings import heading_title
from tracker.extract.candidates.state import State, sentence_titles
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.segment import Sentence

#: The longest line read as a date line over rows ("July 17"), as a row under it, and as a
#: heading that is only a name.
HEADER_LINE = 40
#: How many sentences above a date a heading that is only a name may stand.
_HEADING_REACH = 4


def heading_above(
    text: str, sentences: list[Sentence], i: int, state: State
) -> TitleMention | None:
    """The name on a line of its own just above sentence ``i``'s paragraph, if one stands there.

    A heading that is only a name ("Find Me", "Fable") titles the paragraph under it, whose
    dates are that work's however many other names the paragraph holds.
    """
    for j in range(i - 1, max(-1, i - _HEADING_REACH), -1):
        above = sentences[j]
        if above.first_in_line and above.last_in_line:
            if j in state.date_spans or above.end - above.start > HEADER_LINE:
                return None
            return heading_title(text, above.start, above.end)
    return None


#: A sentence that is only a date in brackets: "(May 1)", "(Thursday, December 7 at 8 p.m. ET
#: on USA)".
_BRACKETED_ONLY = re.compile(r"\(\s*[^()\n]{3,60}\)\.?\s*")
#: How far into its paragraph an opening name may start (after a bullet or a number).
_PARAGRAPH_OPENING = 4
#: How many sentences back a paragraph's opening is looked for.
_PARAGRAPH_REACH = 8


def paragraph_works(
    text: str, sentences: list[Sentence], i: int, state: State
) -> list[TitleMention]:
    """The works a paragraph describes, when sentence ``i`` closes it with a bracketed date.

    Previews and listicles describe one work a paragraph and end it with the date in brackets;
    the paragraph's first quoted name and the name it opens with are proposed for that date.
    """
    s = sentences[i]
    if s.first_in_line or not s.last_in_line or not _BRACKETED_ONLY.fullmatch(text, s.start, s.end):
        return []
    first = i
    while first > 0 and i - first < _PARAGRAPH_REACH and not sentences[first].first_in_line:
        first -= 1
    out: list[TitleMention] = []
    opening = sentence_titles(text, sentences, first, state)
    if opening and opening[0].start - sentences[first].start <= _PARAGRAPH_OPENING:
        out.append(opening[0])
    for j in range(first, i):
        quoted = next((t for t in sentence_titles(text, sentences, j, state) if t.quoted), None)
        if quoted is not None:
            if all(quoted.title != t.title for t in out):
                out.append(quoted)
            break
    return out
