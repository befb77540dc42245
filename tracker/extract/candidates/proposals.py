"""Generous proposals: every date of a sentence paired with every name near it.

The reader's rules decide ownership narrowly and miss works they were not written for (an
appositive between the name and its verb, names coordinated before one verb, a row's name on the
line above its date). Here every plausible pair is proposed; the model judges them.
"""

from __future__ import annotations

from dataclasses import replace

from tracker.extract.candidates.emit import emit
from tracker.extract.candidates.state import State, sentence_titles, topic
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue


def propose_pairs(
    text: str,
    sentences: list[Sentence],
    i: int,
    found: list[tuple[DateMention, DateValue]],
    state: State,
) -> None:
    """Pair every date of sentence ``i`` with every name in it (or the topic), for the model.

    The rules above decide ownership narrowly; these pairs are the generous proposals that
    the learned model judges beside the rules' own candidates.
    """
    found = [(m, v) for m, v in found[:6] if v.last >= state.base]
    if not found:
        return  # dates already past at publication announce nothing
    s = sentences[i]
    titles = [
        t
        for t in sentence_titles(text, sentences, i, state)
        if not any(m.start < t.end and t.start < m.end for m, _ in found)
    ]
    owners = [(t, False) for t in titles[:8]]
    if not owners:
        owner = topic(text, sentences, i, state)
        if owner is not None:
            owners.append((owner, True))
    above = sentences[i - 1] if i > 0 else None
    row_name = above is not None and above.first_in_line and above.last_in_line
    if above is not None and (not titles or (row_name and above.end - above.start <= 80)):
        # a row's name on the line above ("City on Fire" / "Apple TV+, May 12"), or the work
        # the sentence before named when this one names none
        named = {t.title for t, _ in owners}
        before = sentence_titles(text, sentences, i - 1, state)
        owners.extend((t, True) for t in before[-3:] if t.title not in named)
    for m, value in found:
        # the owner of a date is nearly always among the names nearest to it
        near = sorted(owners, key=lambda o: _gap(o[0], m))[:_NEAREST]
        for t, topical in near:
            c = emit(text, s, t, value, m.start, topic=topical, tv_article=state.tv_article)
            state.proposals.append(replace(c, proposed=True))


#: How many of the names nearest to a date are proposed as its owner.
_NEAREST = 3


def _gap(t: TitleMention, m: DateMention) -> int:
    return min(abs(m.start - t.end), abs(t.start - m.end))
