"""Recognise the words around a date: release cues, tense, hedges, events, seasons, platforms."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.extract.candidates.kinds import (
    Leaning,
    classify,
    find_platforms,
    find_seasons,
    leans_tv,
)
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.trie import first_chars, regroup

__all__ = [
    "Leaning",
    "classify",
    "event_nearer_than_cue",
    "find_platforms",
    "find_seasons",
    "has_future_cue",
    "is_hedged",
    "is_withdrawn",
    "leans_tv",
    "nearest_cue_is_past",
    "says_already_out",
]


def _blind(source: str, flags: int = 0) -> Caseless:
    """A case-blind pattern of words, regrouped by first letter (see ``regroup``)."""
    return Caseless(regroup(re.compile(source, flags)))


_FUTURE_CUE = _blind(
    r"\b(?:premier(?:e|es|ing)|debut(?:s|ing)?|return(?:s|ing)?|arriv(?:e|es|ing)"
    r"|drop(?:s|ping)?|land(?:s|ing)?|launch(?:es|ing)?|releas(?:e|es|ing)|hit(?:s|ting)?"
    r"|open(?:s|ing)?|bow(?:s|ing)?|air(?:s|ing)?|kick(?:s|ing)?\s+off|begin(?:s|ning)?"
    r"|start(?:s|ing)?|resum(?:e|es|ing)|stream(?:s|ing)?|slated|scheduled|set\s+(?:(?:it|them)\s+)?(?:for|to)"
    r"|dated|due|coming|comes?|back|available|out|publish(?:es|ing)?|roll(?:s|ing)?\s+out"
    r"|unveil(?:s|ing)?\s+on|go(?:es)?\s+live|head(?:s|ing)?\s+to|move[sd]?\s+to"
    r"|moving\s+to|pushed\s+(?:back\s+)?to|delayed\s+(?:to|until)|shifted\s+to|bumped\s+to"
    r"|switched\s+to|moved\s+(?:up|back)?\s*to|now\s+(?:set|slated|scheduled|due)"
    r"|release\s+date|premiere\s+date|launch\s+date|air\s+date|street\s+date|finale"
    r"|airdates?|first\s+episodes?|go(?:es)?\s+on\s+sale|on[\s-]sale\s+date"
    r"|premieres?|launch|release|debut|on\s+sale\s+in\s+stores|in\s+theaters|in\s+theatres"
    r"|in\s+cinemas|broadcasting|expected|aiming|target(?:ed|ing)?|follow(?:s|ed)\s+by"
    r"|will\s+(?:be\s+)?(?:released|published|available|out|back|airing)"
    r"|to\s+(?:be\s+)?(?:released|published|available|out|back|airing)"
    r"|will\s+(?:see|get|have)|gets?|keeps?\s+its|holds?\s+(?:its|onto|on\s+to)"
    r"|sticks?\s+(?:with|to)\s+its|stays?\s+(?:on|with)\s+its"
    r"|reach(?:es)?\s+(?:theaters|theatres|cinemas|stores|shelves)"
    r"|brings|will\s+bring|on\s+track\s+for|will\s+follow|will\s+be\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,5}?(?:movie|film|release|series"
    r"|game|album)"
    r"|upcoming\s+(?:shows|series|films|movies|titles|originals|dramas)"
    r"|forthcoming\s+(?:shows|series|films|movies|titles|originals|dramas))\b",
    re.IGNORECASE,
)
_PAST_CUE = _blind(
    r"\b(?:premiered|debuted|returned|arrived|dropped|landed|launched|released|opened|aired"
    r"|bowed|kicked\s+off|began|started|resumed|hit|streamed|grossed|earned|won|wrapped"
    r"|ended|closed|concluded|(?:finished|completed|stopped)\s+(?:airing|streaming|its\s+run)|finished|completed|was\s+released|were\s+released|came\s+out|went\s+live|(?:came|was|were)\s+back|(?:was|were)\s+(?:confirmed|announced|revealed|unveiled|ordered"
    r"|renewed|picked\s+up)|came|went)\b",
    re.IGNORECASE,
)
_FUTURE_AUX = Caseless(
    r"\b(?:will|to|be|is|are|gets?|getting|being|been|has|have|set|'ll|\u2019ll)\s+(?:\w+\s+)?$"
    r"|\bwill\s+be\s+(?:[\w-]+\s+){1,4}$",  # "will be the only film released"
    re.IGNORECASE,
)
_ALREADY = _blind(
    r"\b(?:now\s+(?:available|streaming|playing|out|in\s+theaters)|already\s+(?:available"
    r"|out|streaming|released|premiered|aired)|out\s+now|available\s+now|in\s+season\s+now"
    r"|currently\s+(?:airing|streaming|available)|streaming\s+now|is\s+streaming"
    r"|are\s+streaming|has\s+been\s+streaming|opened\s+(?:in|at|to)|box\s+office"
    r"|grossed|ratings?|million\s+(?:total\s+)?viewers|thousand\s+(?:total\s+)?viewers|rerun|repeat)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:could|might|perhaps|possibly|probably|rumou?r(?:s|ed)?|speculat\w*|predict\w*"
    r"|guess\w*|hopefully|hoping|hope|wish\w*|wouldn't"
    r"|would\s+(?:be|expect|guess|bet|think|fall|land|arrive|come|likely)"
    r"|if\s+(?:all|everything|it|the)|assum\w+|maybe|my\s+bet|i\s+think|we\s+think"
    r"|i'd|we'd|no\s+earlier\s+than|at\s+the\s+earliest|until\s+at\s+least|unlikely|potential(?:ly)?"
    r"|reportedly|eyeing|eyes|eye|in\s+talks|if|tend\s+to\s+think|think\s+that|believe\s+that"
    r"|bet\s+on|expect\s+(?:that|it|to\s+see)|we\s+expect|i\s+expect|chance|unverified"
    r"|unsubstantiated)\b|\bmay\s+(?!\d)",
)
_EVENT = _blind(
    r"\b(?:events?(?![-\s]cinema)|fan\s+event|panels?|tours?|touring|trailers?|teasers?|festivals?|conventions?|ceremon(?:y|ies)"
    r"|awards?|concerts?|screenings?|pre-?orders?|presales?|tickets|livestream|appearances?"
    r"|performances?|keynote|presentation|showcase|interview|earnings|auction|signing|readings?"
    r"|passes|on\s+sale|(?:gameplay|music|lyric|behind-the-scenes)\s+videos?"
    r"|casting|auditions?|filming|production|shoot(?:ing)?|wrap(?:ped|s)?|upfronts?"
    r"|press\s+conference|q&a|meet-and-greet|celebration|nominations?|voting|beta"
    r"|renew(?:ed|al|s)?|cancel(?:led|ed|lation|s)?|ordered|order|pickup|picked\s+up"
    r"|pilot|deal|signed|screens?\s+at|screening\s+at|line-?ups?|contenders?|contest)\b",
    re.IGNORECASE,
)
_WITHDRAWN_BEFORE = Caseless(
    first_chars(["from", "originally", "initially", "previously", "no", "rather", "was", "had"])
    + r"(?:\bfrom(?:\s+(?:its|their|the|an?|his|her))?(?:\s+(?:original|previous|initial"
    r"|planned|earlier|old|prior))?(?:\s+(?:release|premiere|launch|air|street|opening))?"
    r"(?:\s+(?:date|window|slot|spot))?(?:\s+of)?\s*|\b(?:originally|initially|previously"
    r"|formerly|once)\s+(?:\w+\s+){0,4}|\boriginal(?:ly)?\s+(?:\w+\s+){0,3}(?:date|window)"
    r"(?:\s+of)?[:\s]*|\binstead\s+of\s*|\brather\s+than\s*|\bno\s+longer\s+(?:\w+\s+){0,3}"
    r"|\b(?:was|were|had\s+been)\s+(?:set|scheduled|slated|dated|due|planned|supposed|expected"
    r"|meant|going)\s+(?:\w+\s+){0,3})$",
    re.IGNORECASE,
)
#: A date given up ("originally set for", "had been scheduled"). Its opening words are a pattern of
#: their own: a branch anchored at the start keeps ``re`` from skipping to where the others begin.
_ABANDONED_OPENING = Caseless(r"\W*(?:originally|initially|previously|at\s+first)\b", re.I)
_ABANDONED = Caseless(
    r"\b(?:was|were)\s+(?:\w+\s+)?"
    r"(?:coming\s+out|going\s+to|supposed\s+to|planned\s+for|meant\s+to|originally)\b"
    r"|\b(?:had\s+been|was\s+once|were\s+once)\s+(?:set|scheduled|slated|planned|due|dated)\b"
    r"|\b(?:off|removed\s+from|pulled\s+from)\s+(?:the|its|their)\s+$|\b(?:slips?|slipped|moves?"
    r"|moved|drops?|dropped|pulled|falls?|fell)\s+out\s+(?:of\s+)?(?:(?:the|its|their)\s+)?$"
    r"|\bhad\s+(?:\w+\s+)?(?:dated|set|scheduled|slated|planned)(?:\s+it)?\s+for\s+$"
    r"|\b(?:gives?|giving|gave)\s+up\s+(?:its|their|the)\s+(?:[\w-]+\s+)?$"
    r"|\b(?:vacates?|vacated|vacating|abandons?|abandoned|surrenders?|cedes?|ceded)\s+(?:its|their"
    r"|the)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_MOVE = _blind(
    r"\b(?:mov\w+|push\w*|delay\w*|shift\w*|switch\w*|bump\w*|postpon\w*|reschedul\w*"
    r"|chang\w*|slid\w*|slip\w*|brought\s+forward|pulled)\b",
    re.IGNORECASE,
)

_AUX_BEFORE = Caseless(r"\b(?:will|to|is|are|be|'ll|\u2019ll)\s+(?:\w+\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=512)
def _cues(
    clause: str,
) -> tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int, bool], ...]]:
    """The release verbs of a clause: the future ones, and the past ones, each marked really past.

    "will be released" is not really past. Several rules ask about the same clause, so the
    answer is cached.
    """
    future = tuple((c.start(), c.end(), c.group().lower()) for c in _FUTURE_CUE.finditer(clause))
    past = []
    for cue in _PAST_CUE.finditer(clause):
        really = not _FUTURE_AUX.search(clause, max(0, cue.start() - 120), cue.start())
        if really and _WILL_BE_AFTER.match(clause, cue.end()):
            really = False  # "Also released that day will be X": an inverted future
        past.append((cue.start(), cue.end(), really))
    return future, tuple(past)


def has_future_cue(clause: str) -> bool:
    """Tell whether a clause says that something will come out.

    >>> has_future_cue("Iron Fist will premiere this Friday")
    True
    >>> has_future_cue("Iron Fist premiered in 2016")
    False
    """
    future, past = _cues(clause)
    for start, _end, word in future:
        if word in ("out", "back", "available") and not _AUX_BEFORE.search(clause, 0, start):
            continue
        return True
    if _MOVE.search(clause) and _TO_WORD.search(clause):
        return True
    return any(
        _FUTURE_AUX.search(clause, max(0, start - 120), start) or _WILL_BE_AFTER.match(clause, end)
        for start, end, _really in past
    )


_TO_WORD = re.compile(r"\b(?:to|until|till|into)\b")
_WILL_BE_AFTER = Caseless(r"[^.;]{0,40}?\bwill\s+be\b", re.IGNORECASE)


def mentions_past(clause: str) -> bool:
    """Tell whether a clause has a release verb in the past tense ("wrapped", "premiered")."""
    return any(really for _start, _end, really in _cues(clause)[1])


def nearest_cue_is_past(clause: str, at: int) -> bool:
    """Tell whether the release verb nearest to offset ``at`` is in the past tense."""
    best: tuple[int, bool] | None = None
    future, past = _cues(clause)
    for start, end, _word in future:
        dist = min(abs(start - at), abs(end - at))
        if best is None or dist < best[0]:
            best = (dist, False)
    for start, end, really in past:
        dist = min(abs(start - at), abs(end - at))
        if best is None or dist < best[0] or (dist == best[0] and really):
            best = (dist, really)
    return best is not None and best[1]


def is_hedged(clause: str) -> bool:
    """Tell whether a clause is a guess or a rumour.

    >>> is_hedged("It could arrive in 2019")
    True
    """
    return _HEDGE.search(clause) is not None


def says_already_out(clause: str) -> bool:
    """Tell whether a clause reports something already out (now streaming, box office)."""
    return _ALREADY.search(clause) is not None


_EVENT_SUBJECT = re.compile(
    r"\b(?:panels?|tours?|trailers?|teasers?|pre-?orders?|presales?|tickets|screenings?"
    r"|livestream|festival|concerts?|casting|filming|production|voting|beta|registration"
    r"|applications|submissions)\s+(?:(?:for|of|from|on)\s+(?:the\s+)?(?:[A-Z0-9][\w'\u2019:&-]*\s+){1,6}?"
    r"|(?:(?!and\b|or\b|a\b|the\b)\w+\s+){0,2}?)(?:opens?|go(?:es)?|drops?|debuts?"
    r"|arrives?|will|is|are|begins?|starts?|launch(?:es)?|hits?|releases?|premieres?"
    r"|kicks?|takes?|starting|beginning)\b",
    re.IGNORECASE,
)


#: An event as the verb: "the band will tour", "the film will screen at Venice".
_EVENT_VERB = Caseless(
    r"\b(?:will|to|set\s+to|plans\s+to)\s+(?:\w+\s+)?(?:tour|perform|headline|appear|screen"
    r"|host|present|speak|attend|sign|stream\s+live)\b",
    re.IGNORECASE,
)


def event_nearer_than_cue(clause: str, at: int) -> bool:
    """Tell whether an event (panel, trailer, tour ...) rather than a release owns the date."""
    if _EVENT_SUBJECT.search(clause, 0, at) or _EVENT_VERB.search(clause, 0, at):
        return True
    events = [min(abs(e.start() - at), abs(e.end() - at)) for e in _EVENT.finditer(clause)]
    if not events:
        return False
    cues = [min(abs(start - at), abs(end - at)) for start, end, _ in _cues(clause)[0]]
    return not cues or min(events) < min(cues)


_NEW_DATE_BEFORE = Caseless(r"\b(?:to|until|till|into)\s+(?:on\s+)?$", re.IGNORECASE)


_THEN_TO = re.compile(r"[,;]?\s*(?:and\s+)?then\s+(?:to|until)\b")
_TO_AFTER = re.compile(r"[,;]?\s*(?:and\s+)?(?:then\s+)?(?:to|until)\b")
_TO_SOON = re.compile(r"[^.;]{0,40}?\b(?:to|until|till|into)\b")


def is_withdrawn(before: str, after: str, since: int = 0) -> bool:
    """Tell whether a date is an abandoned one ("moved from March 3 to April 7").

    Args:
        before: The clause text just before the date.
        after: The clause text just after the date.
        since: Where, in ``before``, the previous date ends: an "originally set for"
            before it withdrew that date, not this one.

    >>> is_withdrawn("pushed back from ", " to April 10th")
    True
    >>> is_withdrawn("moved to ", "")
    False
    """
    moved = _MOVE.search(before) is not None
    if moved and _THEN_TO.match(after):
        return True  # "moved from A, to B, then to C": B was withdrawn too
    if moved and _MOVE.search(before[-120:]) and _NEW_DATE_BEFORE.search(before[-40:]):
        return False  # "has been moved to July 17": the new date
    if _ABANDONED_OPENING.match(before, since) or _ABANDONED.search(before[since:]):
        return True
    if moved and _TO_AFTER.match(after):
        return True
    if not _WITHDRAWN_BEFORE.search(before[-80:]):
        return False
    tail = before[-80:].lower()
    if "from" in tail.split()[-6:] or tail.rstrip().endswith("from"):
        return bool(_TO_SOON.match(after)) or moved
    return True  # "moved from A, to B, then to C": B was withdrawn too
