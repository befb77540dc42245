"""Features of a candidate's name alone and of its date alone, each computed once per article."""

from __future__ import annotations

import datetime as dt

from tracker.extract.candidates.candidate import Candidate, title_key
from tracker.extract.candidates.ownership import names_the_owner
from tracker.extract.candidates.spans import TitleMention
from tracker.extract.features.article import Article, Side
from tracker.extract.features.vocabulary import (
    CLASSES,
    OBJECT_VERB,
    PERSON_ROLE,
    SAID_AFTER,
    SUBJECT_VERB,
    bucket,
    norm,
)
from tracker.extract.reading.lexicon import GIVEN_NAMES, NOT_WORK_WORDS, PLACES


def name_features(article: Article, c: Candidate) -> list[str]:
    """The features of ``c``'s name alone, shared by every date it is paired with."""
    key = (c.title, c.title_start, c.title_end, c.quoted, c.start)
    if key not in article.memo_names:
        article.memo_names[key] = name_side(article, c)
    return article.memo_names[key]


def date_features(article: Article, c: Candidate) -> list[str]:
    """The features of ``c``'s date alone, shared by every name it is paired with."""
    key = (c.value.value, c.date_at, c.start, c.end)
    if key not in article.memo_dates:
        article.memo_dates[key] = date_side(article, c)
    return article.memo_dates[key]


def shape_of(article: Article, title: str) -> list[str]:
    """The features of a title's own words, computed once per title."""
    if title not in article.memo_shapes:
        article.memo_shapes[title] = _title_shape(title)
    return article.memo_shapes[title]


#: Up to this many sentences, how often a name recurs tells nothing.
_FEW_SENTENCES = 2


#: The word-count feature, written once per count.
_TITLE_LENGTH = tuple(f"tn={n}" for n in range(7))
_STRIP_LOOKUP = ".,:;!?'\u2019"
_STRIP_FEATURE = ".,:!?'\u2019"
_PLACE_FILLERS = frozenset({"new", "los", "san", "the", "of"})
_SMALL_INSIDE = frozenset({"of", "the", "and", "in", "a", "to", "at"})


def _title_shape(title: str) -> list[str]:
    words = title.split()
    n = len(words)
    out = [_TITLE_LENGTH[min(n, 6)]]
    low_words = [w.lower().strip(_STRIP_LOOKUP) for w in words]
    if low_words and low_words[0] in GIVEN_NAMES:
        out.append(f"t_given_name&n={min(n, 3)}")
    if not NOT_WORK_WORDS.isdisjoint(low_words):
        out.append("t_org_word")
    if low_words and all(w in PLACES or w in _PLACE_FILLERS for w in low_words):
        out.append("t_place")
    if not _SMALL_INSIDE.isdisjoint(low_words[1:]):
        out.append("t_inner_small")
    if title.isupper() and len(title) > 1:
        out.append("t_caps")
    if any(map(str.isdigit, title)):
        out.append("t_digit")
    if ":" in title:
        out.append("t_colon")
    if " by " in title or title.lower().startswith(
        ("release date", "premiere date", "the premiere")
    ):
        out.append("t_by_or_label")
    if n == 2 and all(w[:1].isupper() and w.isalpha() for w in words):
        out.append("t_two_caps")  # the shape of a person's name
    if n == 1:
        out.append("t_one_word")
    low = [norm(w.lower().strip(_STRIP_FEATURE)) for w in words]
    out.extend([f"tw={w}" for w in low[:6]])
    out.append(f"tl={low[-1]}" if low else "tl=")
    out.append(f"tf={low[0]}" if low else "tf=")
    return out


def _delta(c: Candidate, base: dt.date) -> str:
    if c.value.value == "tba":
        return "tba"
    if c.value.last < base:
        return "past"
    days = (c.value.first - base).days
    return bucket(days, (0, 8, 31, 91, 181, 366, 731))


def name_side(article: Article, c: Candidate) -> list[str]:
    """Features of the name alone: its words, its surroundings, its use in the article."""
    text = article.text
    out = list(shape_of(article, c.title))
    if c.quoted:
        out.append("quoted")
    if c.title_start >= 0 and c.title_end > c.title_start:
        words_before, classes_before, shape_before, verbs_before = _before_name(article, c)
        words_after, classes_after, shape_after, verbs_after = _after_name(article, c)
        out += words_before
        out += words_after
        out += classes_after
        out += classes_before
        out.append(shape_before)
        out.append(shape_after)
        if "subject_of_release_verb" in verbs_after:
            out.append("subject_of_release_verb")  # "Innocent starts on 14 May"
        out += verbs_before  # "Netflix will release Mission Blue"; "starring X"
        if "said_after" in verbs_after:
            out.append("said_after")
    if len(article.sentences) > _FEW_SENTENCES:  # a text of a sentence or two says it once
        count = article.mentions(c.title, c.start)
        out.append("mentions=" + bucket(count, (2, 3, 5)))
    key = title_key(c.title)
    if key and key in article.head and article.lines > 1:
        out.append("in_head")
    out.extend(_name_use(article, c))
    if c.title_start >= 0 and names_the_owner(
        text, TitleMention(c.title_start, c.title_end, c.title, c.quoted, False)
    ):
        out.append("names_the_owner")  # "Imogen Rask's first novel", "Ashgrove has set it"
    return out


def _before_name(article: Article, c: Candidate) -> Side:
    """What stands before a name: its words, their classes, a shape, a verb it is the object of.

    Span variants of one name share where it starts: this is read once per start.
    """
    side = article.memo_before.get(c.title_start)
    if side is None:
        text, at = article.text, c.title_start
        before = article.window(at - 40, at)[-3:]
        verbs = []
        if OBJECT_VERB.search(text, max(0, at - 40), at):
            verbs.append("object_of_release_verb")
        if PERSON_ROLE.search(text, max(0, at - 30), at):
            verbs.append("role_before")
        side = (
            [f"b{k}={norm(w)}" for k, w in enumerate(reversed(before), 1)],
            [f"bc={k}" for k in sorted({CLASSES[w] for w in before if w in CLASSES})],
            f"b1s={_shape_before(text, at)}",
            verbs,
        )
        article.memo_before[at] = side
    return side


def _after_name(article: Article, c: Candidate) -> Side:
    """What follows a name: its words, their classes, a shape, a verb it is the subject of."""
    side = article.memo_after.get(c.title_end)
    if side is None:
        text, at = article.text, c.title_end
        after = article.window(at, at + 40)[:3]
        verbs = []
        if SUBJECT_VERB.match(text, at):
            verbs.append("subject_of_release_verb")
        if SAID_AFTER.match(text, at):
            verbs.append("said_after")
        side = (
            [f"a{k}={norm(w)}" for k, w in enumerate(after, 1)],
            [f"ac={k}" for k in sorted({CLASSES[w] for w in after if w in CLASSES})],
            f"a1s={_shape_after(text, at)}",
            verbs,
        )
        article.memo_after[at] = side
    return side


def date_side(article: Article, c: Candidate) -> list[str]:
    """Features of the date alone: its precision and distance, its sentence, the words before."""
    prec = str(c.value.precision)
    delta = _delta(c, article.base)
    out = [f"prec={prec}", f"delta={delta}", f"delta={delta}&{prec}", *article.kinds]
    s = article.sentence_at(c.start)
    if s is not None and article.lines > 1:  # a text of one line has no headline, no rows
        if s.first_in_line and s.last_in_line:
            out.append("whole_line")
        if s.line == 0:
            out.append("first_line")
    out.extend(article.sentence_features(c.start, c.end))
    if c.date_at >= 0:
        before_date = article.window(max(c.start, c.date_at - 40), c.date_at)
        out.extend(f"dc={k}" for k in sorted({CLASSES[w] for w in before_date if w in CLASSES}))
        near = before_date[-2:]
        for k, w in enumerate(reversed(near), 1):
            out.append(f"d-{k}={norm(w)}")
        tail = article.window(c.date_at, c.date_at + 30)
        if tail:
            out.append(f"d0={norm(tail[0])}&{prec}")  # "this Friday" is not "this year"
    return out


def _name_use(article: Article, c: Candidate) -> list[str]:
    """How the article uses the name elsewhere: as a person's surname, quoted, possessive."""
    out: list[str] = []
    text, words = article.text, c.title.lower().split()
    if not words:
        return out
    if len(words) == 1 and words[0] in article.surnames:
        out.append("after_given_name")  # "Mandy Patinkin ... Patinkin is": a surname
    if words[-1] in article.given:
        out.append("before_capword")  # "Rufus" in "Rufus Sewell": part of a longer name
    if c.title.lower() in article.quoted:
        out.append("quoted_somewhere")
    if c.title_end > 0 and text.startswith(("'s", "\u2019s"), c.title_end):
        out.append("possessive")
    if c.title_start >= 0:
        s = article.sentence_at(c.title_start)
        if s is not None and text[s.start : c.title_start].strip(" \"'\u201c\u2018-*\u2022") == "":
            out.append("opens_sentence")
    return out


def _shape(token: str) -> str:
    """A token's shape: a capitalised word, an upper-case one, a lower-case one, a number."""
    if not token:
        return "none"
    if token[0].isdigit():
        return "num"
    if token.isupper() and len(token) > 1:
        return "UP"
    if token[0].isupper():
        return "Cap"
    if token[0].isalpha():
        return "low"
    return token[0]


#: How much of a neighbouring word its shape reads: a run of letters a megabyte long costs no more.
_TOKEN_REACH = 40


def _shape_before(text: str, at: int) -> str:
    """The shape of what stands right before offset ``at`` on its line ("Halloween Kills")."""
    k = at
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] == "\n":
        return "line_start"
    if not text[k - 1].isalnum():
        return text[k - 1]
    j, stop = k, max(0, k - _TOKEN_REACH)
    while j > stop and (text[j - 1].isalnum() or text[j - 1] in "'\u2019-"):
        j -= 1
    return _shape(text[j:k])


def _shape_after(text: str, at: int) -> str:
    """The shape of what follows offset ``at`` on its line ("The King is Dead")."""
    k = at
    while k < len(text) and text[k] in " \t":
        k += 1
    if k >= len(text) or text[k] == "\n":
        return "line_end"
    if not text[k].isalnum():
        return text[k]
    j, stop = k, min(len(text), k + _TOKEN_REACH)
    while j < stop and (text[j].isalnum() or text[j] in "'\u2019-"):
        j += 1
    return _shape(text[k:j])
