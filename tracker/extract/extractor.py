"""Read a text and return its release announcements: the extractor's entry point."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from tracker.extract.context import complete
from tracker.extract.cues import (
    event_nearer_than_cue,
    has_future_cue,
    is_hedged,
    is_withdrawn,
    leans_tv,
    nearest_cue_is_past,
    says_already_out,
)
from tracker.extract.dates import DateMention, Form, find_dates
from tracker.extract.emit import emit, label_season
from tracker.extract.headings import heading_title, is_field_row
from tracker.extract.merge import Candidate, merge
from tracker.extract.model import Announcement, Precision
from tracker.extract.pairing import chain, find_anaphor, owners, score
from tracker.extract.resolve import DateValue, resolve
from tracker.extract.segment import Sentence, metadata_end, split_sentences
from tracker.extract.titles import TitleMention, find_titles

_LOG = logging.getLogger(__name__)

_CLAUSE_CUT = re.compile(
    r";|\s[\u2014\u2013]\s|\s--\s|,\s(?=(?:while|but|whereas|although|though)\b)"
)
_LIST_CUE = re.compile(
    r"\b(?:premiere\s+dates?|release\s+dates?|launch\s+dates?|schedule|calendar|line-?up"
    r"|slate|premieres|debuts|returns|coming\s+(?:soon|up|to)|new\s+releases|premiering"
    r"|arriving|release\s+schedule|air\s+dates|on\s+the\s+way|upcoming|what's\s+new"
    r"|premiere|release\s+date|releases|as\s+follows|anticipated|preview|launch|dates"
    r"|coming|out\s+this|expected)\b",
    re.IGNORECASE,
)
_COMMENT_STAMP = re.compile(r"\((?:on|posted|updated)\s+$", re.IGNORECASE)
_FUTURE_NEAR = re.compile(
    r"\b(?:will|'ll|\u2019ll|set\s+to|slated|scheduled|premieres|airs|returns|debuts|opens|arrives"
    r"|launches|lands|drops|hits|bows|kicks\s+off|begins|starts|is\s+due|are\s+due|streams"
    r"|comes|coming|moves?\s+to|moving\s+to|tonight|tomorrow)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:said|announced|confirmed|revealed|told|unveiled|reported|noted|tweeted|posted)"
    r"\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_REPORTED_AFTER = re.compile(
    r"\s+(?:said|announced|confirmed|revealed|told|unveiled|reported|noted|that)\b", re.IGNORECASE
)
_LEADING_DATE = re.compile(
    r"\s*(?:date\s+)?(\d{4})-(\d\d)-(\d\d)\b|\s*(?:\w+day,?\s+)?([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
)


@dataclass(slots=True)
class _State:
    """What the reader carries from one sentence to the next."""

    base: dt.date
    base_known: bool
    anchor: dt.date | None = None
    anchor_sentence: int = -10
    list_context: bool = False
    last: tuple[int, DateValue] | None = None
    tv_article: bool = False
    header: DateValue | None = None
    header_evidence: tuple[int, int] = (0, 0)
    titles: dict[int, list[TitleMention]] = field(default_factory=dict)
    date_spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)


def extract_announcements(text: str, published: dt.date | None = None) -> list[Announcement]:
    """Find the release announcements in a news text.

    Args:
        text: The article text (any length, any content).
        published: When the article was published; yearless and relative dates are
            resolved against it. When None, a date at the top of the text, else today.

    Returns:
        Announcements sorted by their evidence's position; never raises.
    """
    try:
        return _extract(text, published)
    except Exception:  # a bad article must never stop a batch; the caller gets nothing
        _LOG.exception("extractor failed on a text of %d characters", len(text or ""))
        return []


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


def _titles(text: str, sentences: list[Sentence], i: int, state: _State) -> list[TitleMention]:
    if i not in state.titles:
        s = sentences[i]
        spans = state.date_spans.get(i, ())
        found = find_titles(text, s.start, s.end, spans)
        outside = [t for t in found if not _in_parentheses(text, t, s.start)]
        state.titles[i] = outside if outside else found
    return state.titles[i]


def _in_parentheses(text: str, t: TitleMention, lo: int) -> bool:
    before = text[lo : t.start]
    return before.count("(") > before.count(")")


def _topic(text: str, sentences: list[Sentence], i: int, state: _State) -> TitleMention | None:
    """The work an earlier sentence (or the headline) was about."""
    earlier = [j for j in [*range(i - 1, max(-1, i - 5), -1), 0] if 0 <= j < i]
    if is_field_row(text[sentences[i].start : sentences[i].end]):
        for j in earlier:
            heading = heading_title(text, sentences[j].start, sentences[j].end)
            whole = sentences[j].first_in_line and sentences[j].last_in_line
            if heading is not None and whole and j not in state.date_spans:
                return heading
    for j in earlier:
        s = sentences[j]
        if s.first_in_line and s.last_in_line:
            row = text[s.start : s.end]
            if is_field_row(row) or j in state.date_spans or _CREDIT.match(row):
                continue
            heading = heading_title(text, s.start, s.end)
            if heading is not None:
                return heading
        found = _titles(text, sentences, j, state)
        if found:
            return max(
                found, key=lambda t: 2 * t.quoted + 2 * t.subject + 3 * t.named - t.start / 1e7
            )
    return None


def _clause(text: str, s: Sentence, at: int) -> tuple[int, int]:
    lo, hi = s.start, s.end
    for cut in _CLAUSE_CUT.finditer(text, s.start, s.end):
        if cut.end() <= at:
            lo = cut.end()
        elif cut.start() >= at:
            hi = cut.start()
            break
    return lo, hi


def _resolved(
    text: str, i: int, mentions: list[DateMention], state: _State
) -> list[tuple[DateMention, DateValue]]:
    out: list[tuple[DateMention, DateValue]] = []
    for m in mentions:
        recent = state.anchor if i - state.anchor_sentence <= 3 else None
        anchor = recent if m.form in (Form.RELATIVE_DAY, Form.WEEKDAY) else None
        if m.form is Form.WEEKDAY and anchor is not None and anchor < state.base:
            anchor = None
        value = resolve(
            m, text[m.start : m.end], state.base, anchor=anchor, base_known=state.base_known
        )
        if value is None:
            continue
        if value.precision is Precision.DAY:
            state.anchor, state.anchor_sentence = value.first, i
        out.append((m, value))
    return out


def _keep(text: str, s: Sentence, m: DateMention, value: DateValue, state: _State) -> bool:
    """Apply the rules that make a date an announcement rather than background."""
    if value.last < state.base or _COMMENT_STAMP.search(text[max(s.start, m.start - 12) : m.start]):
        return False
    if is_withdrawn(text[s.start : m.start], text[m.end : s.end]):
        return False
    lo, hi = _clause(text, s, m.start)
    clause = text[lo:hi]
    at = m.start - lo
    if is_hedged(text[lo : m.end]) or says_already_out(clause):
        return False
    if nearest_cue_is_past(clause, at):
        return False
    if m.form is Form.WEEKDAY and (
        not _FUTURE_NEAR.search(clause)
        or _REPORTED.search(text, max(s.start, m.start - 25), m.start)
        or _REPORTED_AFTER.match(text, m.end)
    ):
        return False
    if not has_future_cue(clause) and not has_future_cue(text[s.start : s.end]):
        return (
            _list_row(text, s, state)
            and value.first > state.base
            and value.precision is not Precision.TBA
        )
    return not event_nearer_than_cue(clause, at)


def _is_lead(line: str, s: Sentence) -> bool:
    """A heading or a lead line ("Fall premiere dates:") that gives the rows under it a cue."""
    if not (s.first_in_line and s.last_in_line) or len(line) > 200:
        return False
    return _LIST_CUE.search(line) is not None and (len(line) < 160 or line.rstrip().endswith(":"))


_CAPTION = re.compile(
    r"\b(?:L-R|Pictured|Photo\s+(?:by|credit)|Credit|Courtesy)\s*:", re.IGNORECASE
)
#: A photo credit line ("Paul Sarkis/SHOWTIME", "Getty Images"): never what a story is about.
_CREDIT = re.compile(r"[^\n/]{2,40}/[^\n/]{2,30}$|(?:Photo|Image)s?\b|.*\bGetty\b")
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}[.)]|[\u2022*\u2013-])\s")


def _list_row(text: str, s: Sentence, state: _State) -> bool:
    """A short line of a schedule or a numbered list, which the list gives its cue."""
    if not (s.first_in_line and s.end - s.start < 160):
        return False
    return (state.list_context and s.last_in_line) or bool(_LIST_MARKER.match(text, s.start))


def _is_header(text: str, s: Sentence, found: list[tuple[DateMention, DateValue]]) -> bool:
    if not (s.first_in_line and s.last_in_line) or len(found) != 1:
        return False
    m = found[0][0]
    rest = (text[s.start : m.start] + text[m.end : s.end]).strip(" :-\u2013\u2014,.|*#")
    return len(rest) <= 4


def _sentence(
    text: str, sentences: list[Sentence], i: int, mentions: list[DateMention], state: _State
) -> list[Candidate]:
    s = sentences[i]
    line = text[s.start : s.end]
    if _is_lead(line, s):
        state.list_context = True
    found = _resolved(text, i, mentions, state)
    if _is_header(text, s, found):
        value = found[0][1]
        state.header = value if value.first > state.base else None
        return []
    if not found and state.header is not None:
        rows = _titles(text, sentences, i, state)[:1]
        lead = bool(rows) and rows[0].start - s.start < 30
        if state.list_context and s.first_in_line and len(line) <= 300 and lead:
            hint = label_season(text, sentences, i)
            return [
                emit(
                    text,
                    s,
                    t,
                    state.header,
                    s.start,
                    topic=False,
                    tv_article=state.tv_article,
                    season_hint=hint,
                )
                for t in rows
            ]
        if rows or len(line) > 300:
            state.header = None
        return []
    if (line.endswith("?") and len(line) > 60) or _CAPTION.search(line):
        return []
    kept = [(m, v) for m, v in found if _keep(text, s, m, v, state)]
    if not kept:
        return []
    titles = [
        t
        for t in _titles(text, sentences, i, state)
        if not any(m.start < t.end and t.start < m.end for m, _ in found)
    ]
    groups = owners(text, titles, [(m.start, m.end) for m, _ in kept], s.start, s.end)
    field_row = is_field_row(line)
    out: list[Candidate] = []
    for (m, value), found_group in zip(kept, groups, strict=True):
        group = [] if field_row else found_group
        owner = None if field_row else _fallback_owner(text, s, titles, m, group)
        if owner is None and not group:
            owner = _topic(text, sentences, i, state)
            if owner is None:
                continue
        if owner is not None and owner not in group:
            out.append(
                emit(
                    text,
                    s,
                    owner,
                    value,
                    m.start,
                    topic=owner not in titles,
                    tv_article=state.tv_article,
                )
            )
            continue
        out.extend(
            emit(text, s, t, value, m.start, topic=False, tv_article=state.tv_article)
            for t in group
        )
    return out


def _fallback_owner(
    text: str, s: Sentence, titles: list[TitleMention], m: DateMention, group: list[TitleMention]
) -> TitleMention | None:
    """When a date's own stretch names no work: an earlier title it refers back to, or None."""
    lo, _hi = _clause(text, s, m.start)
    before = [t for t in titles if t.end <= m.start]
    if group and group[0].end <= m.start:
        return None
    anaphor = find_anaphor(text, lo, m.start)
    if anaphor is not None:
        earlier = [t for t in titles if t.end <= anaphor]
        return earlier[-1] if earlier else None
    if group:
        return None
    if before:
        return max(before, key=lambda t: score(t, m.start))
    return None


#: A sentence that adds works to the one before it ("X will also premiere, as will Y").
_ALSO = re.compile(
    r"\b(?:also|too|as\s+will|as\s+well|as\s+does|as\s+do|joining|joined\s+by)\b", re.I
)


def _inherited(
    text: str, sentences: list[Sentence], i: int, state: _State, value: DateValue
) -> list[Candidate]:
    """Works that a dateless sentence adds to the previous sentence's release date."""
    s = sentences[i]
    line = text[s.start : s.end]
    if not _ALSO.search(line) or not has_future_cue(line) or is_hedged(line):
        return []
    if says_already_out(line) or nearest_cue_is_past(line, len(line) // 2):
        return []
    found = _titles(text, sentences, i, state)
    picked: list[TitleMention] = []
    for k, t in enumerate(found):
        if (t.subject or t.quoted) and t not in picked:
            picked.extend(x for x in chain(text, found, k) if x not in picked)
    return [
        emit(text, s, t, value, s.start, topic=False, tv_article=state.tv_article) for t in picked
    ]


def _extract(text: str, published: dt.date | None) -> list[Announcement]:
    if not isinstance(text, str) or not text.strip():
        return []
    base, known = _base_date(text, published)
    state = _State(base=base, base_known=known, tv_article=leans_tv(text[:20000]))
    sentences = split_sentences(text)
    skip = metadata_end(text)
    first = sentences[0] if sentences else None
    if first is not None and _LIST_CUE.search(text[first.start : first.end]):
        state.list_context = True
    candidates: list[Candidate] = []
    for i, s in enumerate(sentences):
        inside = find_dates(text, s.start, s.end) if s.start >= skip else []
        spans = tuple((m.start, m.end) for m in inside if m.form is not Form.YEAR)
        if spans:
            state.date_spans[i] = spans
        if inside or state.header is not None:
            found = _sentence(text, sentences, i, inside, state)
            if found:
                state.last = (i, found[-1].value)
            candidates.extend(found)
        elif state.last is not None and state.last[0] == i - 1:
            candidates.extend(_inherited(text, sentences, i, state, state.last[1]))
        elif s.first_in_line and s.last_in_line and _LIST_CUE.search(text[s.start : s.end]):
            state.list_context = True
    return merge(text, complete(text, sentences, candidates, tv_article=state.tv_article))
