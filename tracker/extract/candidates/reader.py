"""The reader: walks an article sentence by sentence and proposes candidate announcements.

The rules here read who owns each date narrowly (the rules' candidates); beside them, every
plausible pairing is proposed too, for the model to judge.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from tracker.extract.candidates.acronyms import expand_acronyms, expand_short_titles
from tracker.extract.candidates.candidate import Candidate, title_key
from tracker.extract.candidates.context import complete
from tracker.extract.candidates.cues import Leaning
from tracker.extract.candidates.date_rows import propose_rows
from tracker.extract.candidates.keep import verdict
from tracker.extract.candidates.kinds import find_platforms
from tracker.extract.candidates.layout import (
    LIST_CUE,
    announces_nothing,
    is_date_header,
    is_headline,
    is_lead,
    read_network_heading,
    read_section,
    track_departures,
)
from tracker.extract.candidates.ownership import (
    LEADING_ASIDE,
    PRONOUN_SUBJECT,
    is_company_apposition,
    names_the_owner,
)
from tracker.extract.candidates.proposals import propose_pairs
from tracker.extract.candidates.rows import header_row, shared_platform
from tracker.extract.candidates.rule_pairs import pair_kept
from tracker.extract.candidates.state import State, sentence_titles
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.candidates.variants import named_only, span_variants
from tracker.extract.features import Article
from tracker.extract.reading.caseless import remember
from tracker.extract.reading.dates import DateMention, Form, find_dates, in_week_span, scan_dates
from tracker.extract.reading.framing import framed_year, reframed, writes_day_first
from tracker.extract.reading.resolve import resolve
from tracker.extract.reading.segment import Sentence, metadata_end, split_sentences
from tracker.extract.reading.values import DateValue
from tracker.extract.records import Precision

_LOG = logging.getLogger(__name__)

_LEADING_DATE = re.compile(
    r"\s*(?:date\s+)?(\d{4})-(\d\d)-(\d\d)\b|\s*(?:\w+day,?\s+)?([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
)


def _base_date(text: str, published: dt.date | None) -> tuple[dt.date, bool]:
    if published is not None:
        return published, True
    head = _LEADING_DATE.match(text[:200])
    if head and head.group(1):
        try:
            return dt.date(int(head.group(1)), int(head.group(2)), int(head.group(3))), True
        except ValueError:
            pass
    for m in find_dates(text[:300]):
        if m.form is Form.MONTH_DAY and "year" in m.parts:
            value = resolve(m, text[m.start : m.end], dt.date(2000, 1, 1))
            if value is not None:
                return value.first, True
    return dt.datetime.now(dt.UTC).date(), False


def _resolved(
    text: str, i: int, mentions: list[DateMention], state: State
) -> list[tuple[DateMention, DateValue]]:
    out: list[tuple[DateMention, DateValue]] = []
    said_year: int | None = None  # a coming year this sentence names: its yearless dates' year
    for m in mentions:
        if m.form is Form.NUMERIC and state.day_first:
            m = DateMention(
                m.start, m.end, m.form, {**m.parts, "mon": m.parts["day"], "day": m.parts["mon"]}
            )
        recent = state.anchor if i - state.anchor_sentence <= 3 else None
        anchor = recent if m.form in (Form.RELATIVE_DAY, Form.WEEKDAY) else None
        if (m.parts.get("wmod") or "").lower() in ("next", "this", "this coming"):
            anchor = None  # "next Friday" counts from publication, whatever came before
        if m.form is Form.WEEKDAY and anchor is not None and anchor < state.base:
            anchor = None
        value = resolve(
            m, text[m.start : m.end], state.base, anchor=anchor, base_known=state.base_known
        )
        if value is None:
            continue
        phrase = text[m.start : m.end]
        # the headline's year, else the last year a date said ("the summer 2026 season ...
        # 'Avengers: Doomsday' (May 1)": May 1 of 2026)
        value = (
            reframed(m, phrase, value, state.frame_year)
            or reframed(m, phrase, value, said_year)
            or value
        )
        if "year" in m.parts and value.first.year > state.base.year:
            said_year = value.first.year
        if value.precision is Precision.DAY and not in_week_span(text, m):
            state.anchor, state.anchor_sentence = value.first, i
        out.append((m, value))
    return out


def _sentence(
    text: str, sentences: list[Sentence], i: int, mentions: list[DateMention], state: State
) -> list[Candidate]:
    """Read sentence ``i``: propose its pairs for the model, and return the rules' candidates.

    Each date is first judged (announced, or background and why); the generous proposals come
    from the dates judged announced or nearly so, the rules' own pairing from the announced ones.
    """
    s = sentences[i]
    line = text[s.start : s.end]
    if s.first_in_line and len(line) < 160 and state.leaving:
        return []  # a row of what leaves a service
    lead = is_lead(line, s)
    if lead:
        state.list_context = True
    found = _resolved(text, i, mentions, state)
    if is_date_header(text, s, found):
        value = found[0][1]
        state.header = value if value.first > state.base else None
        return []
    if not found and state.header is not None:
        return header_row(text, sentences, i, state)
    ends = [s.start] + [m.end for m, _ in found]
    verdicts = [verdict(text, s, m, v, state, ends[k]) for k, (m, v) in enumerate(found)]
    propose_pairs(text, sentences, i, found, verdicts, state)
    if announces_nothing(line):
        return []
    kept = [mv for mv, why in zip(found, verdicts, strict=True) if why is None]
    if not kept:
        return []
    titles = [
        t
        for t in sentence_titles(text, sentences, i, state)
        if not any(m.start < t.end and t.start < m.end for m, _ in found)
    ]
    titles = [
        t for t in titles if not names_the_owner(text, t) and not is_company_apposition(text, t)
    ]
    first = kept[0][0]
    if first.start - s.start < 25 and PRONOUN_SUBJECT.match(text, first.end):
        titles = [t for t in titles if t.end <= first.start]  # "This Friday, it opens ..."
    aside = LEADING_ASIDE.match(text, s.start, s.end)
    if aside and all(m.start >= aside.end() for m, _ in kept):
        titles = [t for t in titles if t.start >= aside.end()]  # "Whether X ..., the show ..."
    return pair_kept(text, sentences, i, kept, titles, lead=lead, state=state)


_YEAR_AS_DATE = re.compile(r"\b(?:in|of|for|by|since|until|from|to|early|late|mid)\s+$", re.I)


def _cuts_names(text: str, m: DateMention) -> bool:
    """Tell whether a date phrase ends a capitalised run: a bare year does only as a date.

    "Also in 2021: You Can Do Anything" is a date; "Blade Runner 2049" is a name.
    """
    if m.form is not Form.YEAR:
        return True
    return text.startswith(":", m.end) or bool(
        _YEAR_AS_DATE.search(text, max(0, m.start - 8), m.start)
    )


def propose(text: str, published: dt.date | None) -> tuple[Article, list[Candidate]]:
    """Read ``text`` and return it with every candidate announcement, before any decision."""
    remember(text)  # the case-blind patterns read it lower-cased
    base, known = _base_date(text, published)
    state = State(base=base, base_known=known, tv_article=Leaning(text))
    sentences = split_sentences(text)
    state.day_first = writes_day_first(text)
    skip = metadata_end(text)
    first = sentences[0] if sentences else None
    state.frame_year = next(
        (
            year
            for s in sentences[:4]
            if s.first_in_line and s.last_in_line and is_headline(text[s.start : s.end])
            if (year := framed_year(text[s.start : s.end], base)) is not None
        ),
        None,
    )
    if first is not None and LIST_CUE.search(text[first.start : first.end]):
        state.list_context = True
    candidates: list[Candidate] = []
    read = [s for s in sentences if s.start >= skip]
    by_sentence = dict(zip(read, scan_dates(text, [(s.start, s.end) for s in read]), strict=True))
    for i, s in enumerate(sentences):
        inside = by_sentence.get(s, [])
        propose_rows(text, sentences, i, inside, state)
        if s.first_in_line and s.last_in_line:
            track_departures(text[s.start : s.end], state)
            if not inside and s.end - s.start <= 40 and read_section(text[s.start : s.end], state):
                continue
            if not inside and read_network_heading(text, s, state):
                continue
        spans = tuple((m.start, m.end) for m in inside if _cuts_names(text, m))
        if spans:
            state.date_spans[i] = spans
        if inside or state.header is not None:
            found = shared_platform(text, s, _sentence(text, sentences, i, inside, state), state)
            if len({c.title for c in found}) == 1:
                c = found[0]
                end = c.title_start + len(c.title)
                state.emitted[i] = TitleMention(c.title_start, end, c.title, False, True)
            candidates.extend(found)
        elif is_lead(text[s.start : s.end], s):
            state.list_context = True  # "Fall premiere dates:", "Here's what's arriving"
            if text[s.start : s.end].rstrip().endswith(":"):
                named = {p for _, _, p in find_platforms(text, s.start, s.end)}
                state.network = named.pop() if len(named) == 1 else state.network
    candidates = expand_short_titles(text, expand_acronyms(text, candidates))
    rules = complete(text, sentences, candidates, tv_article=state.tv_article)
    fresh = pool(rules, state.proposals)[len(rules) :]
    proposals = complete(text, sentences, fresh, tv_article=state.tv_article)
    everything = pool(named_only(rules), named_only(proposals))
    return Article(text, base, sentences), pool(everything, span_variants(text, everything))


def pool(rules: list[Candidate], proposals: list[Candidate]) -> list[Candidate]:
    """The rules' candidates, then each proposal that none of them already states."""
    seen = {(title_key(c.title), c.season, c.value.value) for c in rules}
    out = list(rules)
    for c in proposals:
        key = (title_key(c.title), c.season, c.value.value)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
