"""Tell people, organisations, adjectives and stray tokens from the names of works."""

from __future__ import annotations

import re

from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.lexicon import EVENT_NOUNS, PLATFORMS, WORK_NOUNS
from tracker.extract.reading.trie import first_chars

#: A name of two or three capitalised words, as people's names are ("Joel McHale").
_PERSON_NAME = re.compile(
    r"(?:[A-Z][a-z'\u2019]+(?:[A-Z][a-z]+)?\.?|[A-Z]\.)"
    r"(?:\s+(?:[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?(?:[A-Z][a-z]+)?|[A-Z]\.|II|III|IV|Jr\.?)){1,2}"
)

#: A parenthesis naming a person or a character after a name: "(Imelda Staunton)".
_NAME_IN_PARENS = re.compile(
    r"\s*\((?![^)]*\b(?:Season|Series|Premiere|Part|Exclusive|Edition|Original|Remaster\w*"
    r"|Finale|Special|Volume|Vol)\b)[A-Z][a-z'\u2019]+(?:\s+[A-Z][\w'\u2019.]+){1,3}"
    r"(?:\s+aka\b[^)]*)?\)"
)

#: A name in parentheses after a capitalised name: the actor of a role ("Queen X (Actor)").
_ACTOR_FOR_ROLE = re.compile(r"[A-Z][\w.'\u2019]*\s*\($")

#: "“Shrill” with Aidy Bryant": a name after a quoted title and "with" is its star.
_WITH_AFTER_TITLE = re.compile(r"[\"\u201d]\s+with\s+$")

_POSSESSIVE_BEFORE = re.compile(r"\b(?:my|our|your|his|her)\s+$", re.IGNORECASE)

#: What follows a person's name: a relative "who", a speech or announcement verb.
_PERSON_AFTER = re.compile(
    r"(?:,\s+|\s+)who\b|(?:\s+(?:first|also|recently|previously|later|once|has|had))?"
    r"\s+(?:announced|stated|promised|teased|explained|shared|tweeted|wrote|says|said)\b"
    r"|,\s+[^,.;:\n]{2,60},\s+(?:says|said|adds|added|explains|explained)\b"
)

#: A job title ("Controller of Daytime", "Head of Drama") or an audience ("BBC Daytime
#: viewers"): a name that is no work.
_ROLE_OF = re.compile(
    r"(?:Controller|Head|Director|Chief|President|Vice\s+President|Editor|Commissioner"
    r"|Executive|Chair|Chairman|Chairwoman|Manager)\s+of\b"
)
_AUDIENCE_AFTER = re.compile(r"\s+(?:viewers|audiences?|subscribers|customers|users)\b")

#: A role noun inside a run: "Sony Computer Entertainment CEO Andrew House".
_ROLE_INSIDE = re.compile(
    r"\b(?:CEO|CFO|COO|CCO|CTO|President|Chairman|Chairwoman|VP|Founder|Showrunner|Designer"
    r"|Senator|Governor|Director|Producer|Executive\s+Producer)\s+[A-Z][a-z]+\s+[A-Z][a-z]+$"
)

#: A name that owns other things: "one of King's greatest works", "Glover's own series".
_OWNER_AFTER = re.compile(
    r"['\u2019]s\s+(?:[a-z]+\s+)?(?:works|books|novels|albums|songs|career|wife|husband|son"
    r"|daughter|family|estate|own|latest|debut|fans)\b"
)

#: Work nouns and similar that make a short capitalised word before them an adjective.
_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z]+-)*(?:[a-z][a-z-]*\s+)?(?:"
    + "|".join(sorted((re.escape(w) for w in WORK_NOUNS), key=len, reverse=True))
    + r"|games|fans|team|league|subscribers|services|version|webstreams?|life)\b"
)

#: A comparison names another work: "it resembles an anime Harry Potter".
_COMPARED = Caseless(
    first_chars("rscifpdl")
    + r"\b(?:resembles?|resembling|similar\s+to|reminiscent\s+of|compared\s+to|comparisons?\s+to"
    r"|in\s+the\s+vein\s+of|sequel\s+to|prequel\s+to|follow-up\s+to|spin-?off\s+of"
    r"|remake\s+of|inspiration\s+for|role\s+as|roles\s+as|life\s+of|story\s+of|portrayal\s+of"
    r"|depiction\s+of|portrait\s+of"
    r"|surrounding|centers\s+on|centred\s+on|centered\s+on|revolves\s+around)\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+)?$",
    re.IGNORECASE,
)

#: Tokens that are measures, decades or techniques rather than names: "3D", "90s", "RPGs".
_DECADE_START = re.compile(r"['\u2019]?\d0s\b")
_TOKEN = re.compile(r"\d+[A-Za-z]{1,2}|['\u2019]?\d0s|[A-Z]{2,5}s")


#: A count in millions ("12 million"), and a short token that may be an adjective or an acronym.
_DIGITS = re.compile(r"\d+")
_LARGE_NUMBER = re.compile(r"\s+(?:million|billion|thousand)\b")
_SHORT_MODIFIER = re.compile(r"[A-Z]{2,5}|[A-Z][a-z]+(?:an|ese|ish)")


def not_a_work(text: str, start: int, end: int, title: str) -> bool:
    """Tell whether the name ``text[start:end]`` is a person, a modifier or a stray token.

    >>> t = "the drama about young Queen Elizabeth II (Imelda Staunton) will air"
    >>> not_a_work(t, 22, 40, "Queen Elizabeth II")
    True
    >>> not_a_work("its Tasmanian drama arrives", 4, 13, "Tasmanian")
    True
    >>> not_a_work("Tidewater Lane (Netflix) arrives", 0, 14, "Tidewater Lane")
    False
    """
    single = " " not in title
    if (
        _TOKEN.fullmatch(title)
        or _DECADE_START.match(title)
        or (single and title.lower() in WORK_NOUNS)
    ):
        return True
    if _DIGITS.fullmatch(title) and _LARGE_NUMBER.match(text, end):
        return True
    if _ROLE_OF.match(title) or _AUDIENCE_AFTER.match(text, end):
        return True
    if _ROLE_INSIDE.search(title) or _COMPARED.search(text, max(0, start - 50), start):
        return True
    if _OWNER_AFTER.match(text, end - 2 if text[end - 2 : end] in ("'s", "\u2019s") else end):
        return True
    words = title.split()
    if len(words) > 1 and words[-1].lower() in EVENT_NOUNS and words[0] not in ("The", "A"):
        return True  # "Nintendo Direct", "Feature Presentation": an event
    short = _SHORT_MODIFIER.fullmatch(title) is not None
    if short and title.isupper() and _POSSESSIVE_BEFORE.search(text, max(0, start - 7), start):
        return True  # "my MG": a category, not a name
    if short and _NOUN_AFTER.match(text, end):
        return True  # "a Saturday NFL game", "its Tasmanian drama"
    if _PERSON_NAME.fullmatch(title) and title.lower() not in PLATFORMS:
        if _ACTOR_FOR_ROLE.search(text, max(0, start - 40), start) or _WITH_AFTER_TITLE.search(
            text, max(0, start - 12), start
        ):
            return True
        tail = text[end : end + 80]
        if _NAME_IN_PARENS.match(tail) or _PERSON_AFTER.match(tail):
            return True
    return False
