"""Describe a candidate announcement as named features for the learned model to weigh.

A feature is a short string ("prec=day", "b1=actor"); the model holds a weight for each one it
saw in training and ignores the rest. Everything here reads only the article and the candidate,
so the same text always gives the same features.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from tracker.extract.candidates.candidate import Candidate, title_key
from tracker.extract.candidates.ownership import LEADING_ASIDE, SEQUEL_BETWEEN, names_the_owner
from tracker.extract.candidates.pairing import clauses
from tracker.extract.candidates.spans import TitleMention
from tracker.extract.reading.lexicon import GIVEN_NAMES, NOT_WORK_WORDS, PLACES
from tracker.extract.reading.segment import Sentence

_WORD = re.compile(
    r"[A-Za-z][A-Za-z'\u2019-]*|\d+|[\"\u201c\u201d\u2018\u2019()\[\]:;,\u2013\u2014|-]"
)
#: Words that say a date is a release's, a past event's or not a release at all.
_CUES = frozenset(
    [
        "premiere",
        "premieres",
        "premiered",
        "premiering",
        "debut",
        "debuts",
        "debuted",
        "return",
        "returns",
        "returned",
        "returning",
        "release",
        "releases",
        "released",
        "releasing",
        "arrive",
        "arrives",
        "arrived",
        "arriving",
        "launch",
        "launches",
        "launched",
        "land",
        "lands",
        "landed",
        "drop",
        "drops",
        "dropped",
        "open",
        "opens",
        "opened",
        "hit",
        "hits",
        "bow",
        "bows",
        "stream",
        "streams",
        "streaming",
        "air",
        "airs",
        "aired",
        "airing",
        "available",
        "out",
        "set",
        "slated",
        "scheduled",
        "dated",
        "date",
        "dates",
        "expected",
        "due",
        "coming",
        "confirmed",
        "announced",
        "will",
        "delayed",
        "delay",
        "pushed",
        "moved",
        "postponed",
        "shifted",
        "rescheduled",
        "now",
        "finale",
        "final",
        "season",
        "series",
        "film",
        "movie",
        "game",
        "album",
        "book",
        "trailer",
        "teaser",
        "tour",
        "concert",
        "festival",
        "panel",
        "screening",
        "convention",
        "awards",
        "box",
        "office",
        "ratings",
        "viewers",
        "rumored",
        "rumoured",
        "reportedly",
        "could",
        "might",
        "may",
        "possibly",
        "likely",
        "hopefully",
        "sometime",
        "renewed",
        "cancelled",
        "canceled",
        "ended",
        "wrapped",
        "filming",
        "production",
        "began",
        "begins",
        "starts",
        "start",
        "review",
        "recap",
        "episode",
        "episodes",
        "ago",
        "last",
        "previously",
        "since",
        "until",
        "through",
        "was",
        "were",
        "has",
        "had",
        "been",
        "tba",
        "tbd",
        "tbc",
        "announce",
        "later",
        "early",
        "late",
        "mid",
        "pre-order",
        "preorder",
        "preorders",
        "tickets",
        "sale",
        "weekend",
        "tonight",
        "tomorrow",
    ]
)
#: Classes of words, so that what the model learns of one verb holds for its kin.
_CLASSES: dict[str, str] = {
    w: cls
    for cls, words in (
        (
            "release",
            """premiere premieres premiering debut debuts debuting release releases releasing
            launch launches launching arrive arrives arriving open opens opening hits hitting
            drops dropping lands landing bow bows bowing stream streams streaming air airs
            airing available due out slated scheduled set dated coming return returns returning
            back expected starts start kicks kick begins bows comes come will""",
        ),
        (
            "past",
            """premiered debuted released launched arrived opened aired was were had ago last
            earlier previously already originally landed wrapped ended concluded has been""",
        ),
        (
            "move",
            """delayed delay delays pushed moved postponed shifted rescheduled bumped moving
            pushing instead""",
        ),
        (
            "hedge",
            """rumored rumoured reportedly could might may possibly likely probably hopefully
            speculation rumor rumour hope hoping guess unconfirmed""",
        ),
        (
            "event",
            """tour trailer teaser panel festival screening screenings convention awards ceremony
            concert pre-order preorder preorders tickets sale presale livestream showcase
            conference comic-con e3 auction exhibition""",
        ),
        ("negation", "not no never yet without tba tbd tbc unknown unannounced"),
        (
            "renewal",
            "renewed renewal renews ordered greenlit greenlights picked cancelled canceled",
        ),
    )
    for w in words.split()
}
#: A release verb right after a name, maybe after a closing quote, a possessive season or an
#: auxiliary: "X will premiere", "X's second season returns", "X, which is due out".
_SUBJECT_VERB = re.compile(
    r"[\"\u201d\u2019']?(?:['\u2019]s\s+(?:\w+\s+){0,2}(?:season|series|album|film)\s+)?"
    r",?\s*(?:(?:which|that|who)\s+)?(?:(?:is|are|will|has|have|'s|now|finally|also|officially)"
    r"\s+)*(?:(?:set|slated|scheduled|due|expected|poised|going|coming|back|out)\s+)?(?:to\s+)?"
    r"(?:premiere|premieres|debut|debuts|return|returns|release|releases|launch|launches|arrive"
    r"|arrives|open|opens|hit|hits|drop|drops|land|lands|bow|bows|start|starts|air|airs|begin"
    r"|begins|kick|kicks|stream|streams|come|comes|be\s+released|in|on|out|back|due)\b",
    re.IGNORECASE,
)
#: A release verb whose object the name is: "Netflix will release X", "moved X to", "dates X".
_OBJECT_VERB = re.compile(
    r"\b(?:release|releases|releasing|dated|dates|dating|set|sets|setting|moved|moves|moving"
    r"|pushed|pushes|shifted|launch|launches|launching|premiere|premieres|debut|debuts|bring"
    r"|brings|bringing|unveil|unveils|schedules|scheduled|slates|slated|drops|dropping|stream"
    r"|streams|air|airs|open|opens|of|for)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?[\"\u201c\u2018']?$",
    re.IGNORECASE,
)
_PERSON_ROLE = re.compile(
    r"\b(?:actor|actress|star|stars|starring|director|directed|creator|created|showrunner|"
    r"writer|written|producer|produced|executive|ceo|president|chief|host|hosted|singer|"
    r"rapper|author|novelist|co-star|played|plays|playing|voiced|cast|by|with|according|"
    r"told|says|said|chairman|head|founder|composer|journalist|reporter)\s+$",
    re.IGNORECASE,
)
_SAID_AFTER = re.compile(
    r"['\u2019]?\s*(?:said|says|told|added|explained|noted|revealed|tweeted)\b"
)
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


_QUOTED = re.compile(r"[\"\u201c\u2018']([^\"\u201c\u201d\u2018\u2019'\n]{1,100})[\"\u201d\u2019']")
#: What sort of article it is, read from its words: a box-office report or a review dates
#: things that are not releases; a schedule dates many.
_ARTICLE_SCAN = 20_000
_ARTICLE_KINDS = (
    ("box_office", re.compile(r"\bbox[ -]office\b|\bgrossed\b|\bopening weekend\b", re.I)),
    ("ratings", re.compile(r"\bviewers\b|\bratings\b|\bnielsen\b|\baudience of\b", re.I)),
    (
        "review",
        re.compile(r"\breview(?:ed)?\b|\bout of (?:five|5|four|4) stars\b|\bverdict\b", re.I),
    ),
    ("schedule", re.compile(r"\bschedule\b|\bline-?up\b|\bpremiere dates\b|\bcalendar\b", re.I)),
    ("chart", re.compile(r"\bchart\b|\bbillboard 200\b|\bno\. 1\b", re.I)),
)
#: Two capitalised words in a row, the first shaped like a given name: "Mandy Patinkin".
_NAME_PAIR = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z][\w'\u2019-]*)")
#: How far around a candidate its name's other mentions are counted (keeps time linear).
_MENTION_REACH = 20_000


@dataclass(slots=True)
class Article:
    """What the features need of the whole article, indexed once per text in linear time."""

    text: str
    base: dt.date
    sentences: list[Sentence]
    starts: list[int] = field(default_factory=list)
    surnames: set[str] = field(default_factory=set)  # words a given name stands before
    given: set[str] = field(default_factory=set)  # capitalised words another one follows
    quoted: set[str] = field(default_factory=set)  # what the text puts in quotes, lower-cased
    head: str = ""  # the opening words, as a title key
    lines: int = 0  # how many lines hold sentences
    kinds: list[str] = field(default_factory=list)  # what sort of article: box office, review
    _sentences: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    _shapes: dict[str, list[str]] = field(default_factory=dict)
    _clauses: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)
    _names: dict[tuple[str, int, int, bool, int], list[str]] = field(default_factory=dict)
    _dates: dict[tuple[str, int, int, int], list[str]] = field(default_factory=dict)
    _words: dict[int, tuple[list[int], list[str]]] = field(default_factory=dict)

    def window(self, lo: int, hi: int) -> list[str]:
        """The lower-cased words of the sentence at ``lo`` that start in ``text[lo:hi]``.

        Each sentence is split into words once, when a candidate first needs it.
        """
        k = bisect.bisect_right(self.starts, max(lo, 0)) - 1
        if k < 0:
            return []
        if k not in self._words:
            s = self.sentences[k]
            found = list(_WORD.finditer(self.text, s.start, s.end))
            self._words[k] = ([w.start() for w in found], [w.group().lower() for w in found])
        starts, words = self._words[k]
        return words[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]

    def __post_init__(self) -> None:
        """Index sentence starts, words, name pairs and quoted strings, one pass each."""
        self.starts = [s.start for s in self.sentences]

        for m in _NAME_PAIR.finditer(self.text):
            second = m.group(2).lower()
            self.surnames.add(second)
            if second not in _SEASON_WORDS:
                self.given.add(m.group(1).lower())
        self.quoted = {q.group(1).strip().lower() for q in _QUOTED.finditer(self.text)}
        head = self.text[:_ARTICLE_SCAN]
        self.kinds = [f"article={name}" for name, pattern in _ARTICLE_KINDS if pattern.search(head)]
        self.head = title_key(self.text[:200])
        self.lines = self.sentences[-1].line + 1 if self.sentences else 0

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset``, if any."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if 0 <= k < len(self.sentences):
            return self.sentences[k]
        return None

    def clauses_of(self, start: int, end: int) -> list[tuple[int, int]]:
        """The clauses of the sentence ``text[start:end]``, cut once."""
        if (start, end) not in self._clauses:
            self._clauses[(start, end)] = clauses(self.text, start, end)
        return self._clauses[(start, end)]

    def name_features(self, c: Candidate) -> list[str]:
        """The features of ``c``'s name alone, shared by every date it is paired with."""
        key = (c.title, c.title_start, c.title_end, c.quoted, c.start)
        if key not in self._names:
            self._names[key] = _name_side(self, c)
        return self._names[key]

    def date_features(self, c: Candidate) -> list[str]:
        """The features of ``c``'s date alone, shared by every name it is paired with."""
        key = (c.value.value, c.date_at, c.start, c.end)
        if key not in self._dates:
            self._dates[key] = _date_side(self, c)
        return self._dates[key]

    def title_shape(self, title: str) -> list[str]:
        """The features of a title's own words, computed once per title."""
        if title not in self._shapes:
            self._shapes[title] = _title_shape(title)
        return self._shapes[title]

    def sentence_features(self, start: int, end: int) -> list[str]:
        """Features of the evidence ``text[start:end]``: its length, a question, its cue words."""
        key = (start, end)
        if key not in self._sentences:
            line = self.text[start:end]
            found = ["len=" + _bucket(len(line), (40, 80, 160, 300))]
            if line.rstrip().endswith("?"):
                found.append("question")
            words = set(self.window(start, end))
            found.extend(f"cue={w}" for w in sorted(words & _CUES))
            found.extend(f"sc={k}" for k in sorted({_CLASSES[w] for w in words if w in _CLASSES}))
            self._sentences[key] = found
        return self._sentences[key]

    def mentions(self, title: str, at: int) -> int:
        """How often the article names ``title`` within reach of offset ``at``."""
        if not title:
            return 0
        lo = max(0, at - _MENTION_REACH)
        return self.text.count(title, lo, at + _MENTION_REACH)


_SEASON_WORDS = frozenset({"season", "series", "part", "volume", "chapter"})


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for k, edge in enumerate(edges):
        if n < edge:
            return str(k)
    return str(len(edges))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _norm(word: str) -> str:
    """A word as a feature: numbers and month names collapse to their class."""
    if word.isdigit():
        return "<year>" if len(word) == 4 else "<num>"
    if word in _MONTHS:
        return "<month>"
    return word


def _title_shape(title: str) -> list[str]:
    words = title.split()
    out = [f"tn={min(len(words), 6)}"]
    low_words = [w.lower().strip(".,:;!?'\u2019") for w in words]
    if low_words and low_words[0] in GIVEN_NAMES:
        out.append(f"t_given_name&n={min(len(words), 3)}")
    if any(w in NOT_WORK_WORDS for w in low_words):
        out.append("t_org_word")
    if low_words and all(w in PLACES or w in ("new", "los", "san", "the", "of") for w in low_words):
        out.append("t_place")
    if any(w in ("of", "the", "and", "in", "a", "to", "at") for w in low_words[1:]):
        out.append("t_inner_small")
    if title.isupper() and len(title) > 1:
        out.append("t_caps")
    if any(ch.isdigit() for ch in title):
        out.append("t_digit")
    if ":" in title:
        out.append("t_colon")
    if " by " in title or title.lower().startswith(
        ("release date", "premiere date", "the premiere")
    ):
        out.append("t_by_or_label")
    caps = [w for w in words if w[:1].isupper()]
    if len(words) == 2 and len(caps) == 2 and all(w.isalpha() for w in words):
        out.append("t_two_caps")  # the shape of a person's name
    if len(words) == 1:
        out.append("t_one_word")
    low = [_norm(w.lower().strip(".,:!?'\u2019")) for w in words]
    out.extend(f"tw={w}" for w in low[:6])
    out.append(f"tl={low[-1]}" if low else "tl=")
    out.append(f"tf={low[0]}" if low else "tf=")
    return out


def _delta(c: Candidate, base: dt.date) -> str:
    if c.value.value == "tba":
        return "tba"
    if c.value.last < base:
        return "past"
    days = (c.value.first - base).days
    return _bucket(days, (0, 8, 31, 91, 181, 366, 731))


def features(article: Article, c: Candidate) -> list[str]:
    """Name what is known of candidate ``c`` in ``article``.

    What depends on the name alone and on the date alone is computed once per article and
    shared by every candidate that pairs them; only the pairing's own features are per candidate.
    """
    text = article.text
    prec = str(c.value.precision)
    origin = "row" if c.row else "caps" if c.generous else "pair" if c.proposed else "rule"
    out = [
        "bias",
        f"origin={origin}",
        f"prec={prec}&{origin}",
        f"kind={c.kind}",
        f"verdict={c.date_verdict}&{origin}",
    ]
    if c.season is not None:
        out.append("season")
    if c.platform is not None:
        out.append("platform")
    if c.topic:
        out.append(f"topic&{origin}")
    out.extend(article.name_features(c))
    out.extend(article.date_features(c))
    if c.title_start >= 0 and c.title_end > c.title_start:
        if 0 <= c.date_at - c.title_end <= 4 and text.find("(", c.title_end, c.date_at) >= 0:
            out.append("date_in_brackets_after")  # "The New Mutants (Aug. 2)"
        inside = c.start <= c.title_start < c.end
        out.append(f"title_in_sentence={inside}")
        if inside and c.date_at >= c.start:
            lo, hi = sorted((c.title_end, c.date_at))
            between = article.window(lo, hi)
            order = "title_first" if c.title_end <= c.date_at else "date_first"
            out.append(f"order={order}")
            out.append(f"gap={_bucket(len(between), (1, 3, 6, 10, 16, 25))}&{origin}")
            out.extend(f"bt={_norm(w)}" for w in sorted(set(between[:12])))
            out.extend(f"btc={k}" for k in sorted({_CLASSES[w] for w in between if w in _CLASSES}))
            if any(ch in text[lo:hi] for ch in ".;"):
                out.append("gap_stop")
            if c.title_end <= c.date_at and SEQUEL_BETWEEN.search(text, c.title_end, c.date_at):
                out.append("sequel_between")  # "X said its long-awaited sequel will arrive"
            aside = LEADING_ASIDE.match(text, c.start, c.end)
            if aside and c.title_start < aside.end() <= c.date_at:
                out.append("name_in_leading_aside")  # "Whether X ..., the show returns in May"
            parts = article.clauses_of(c.start, c.end)
            same = any(a <= c.title_start < b and a <= c.date_at < b for a, b in parts)
            out.append(f"same_clause={same}")
    return out


def _name_side(article: Article, c: Candidate) -> list[str]:
    """Features of the name alone: its words, its surroundings, its use in the article."""
    text = article.text
    out = list(article.title_shape(c.title))
    if c.quoted:
        out.append("quoted")
    if c.title_start >= 0 and c.title_end > c.title_start:
        before = article.window(c.title_start - 40, c.title_start)[-3:]
        after = article.window(c.title_end, c.title_end + 40)[:3]
        for k, w in enumerate(reversed(before), 1):
            out.append(f"b{k}={_norm(w)}")
        for k, w in enumerate(after, 1):
            out.append(f"a{k}={_norm(w)}")
        out.extend(f"ac={k}" for k in sorted({_CLASSES[w] for w in after if w in _CLASSES}))
        out.extend(f"bc={k}" for k in sorted({_CLASSES[w] for w in before if w in _CLASSES}))
        if _SUBJECT_VERB.match(text, c.title_end):
            out.append("subject_of_release_verb")  # "Innocent starts on 14 May"
        if _OBJECT_VERB.search(text, max(0, c.title_start - 40), c.title_start):
            out.append("object_of_release_verb")  # "Netflix will release Mission Blue"
        if _PERSON_ROLE.search(text, max(0, c.title_start - 30), c.title_start):
            out.append("role_before")
        if _SAID_AFTER.match(text, c.title_end):
            out.append("said_after")
    count = article.mentions(c.title, c.start)
    out.append("mentions=" + _bucket(count, (2, 3, 5)))
    key = title_key(c.title)
    if key and key in article.head and article.lines > 1:
        out.append("in_head")
    out.extend(_name_use(article, c))
    if c.title_start >= 0 and names_the_owner(
        text, TitleMention(c.title_start, c.title_end, c.title, c.quoted, False)
    ):
        out.append("names_the_owner")  # "Imogen Rask's first novel", "Ashgrove has set it"
    return out


def _date_side(article: Article, c: Candidate) -> list[str]:
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
        out.extend(f"dc={k}" for k in sorted({_CLASSES[w] for w in before_date if w in _CLASSES}))
        near = before_date[-2:]
        for k, w in enumerate(reversed(near), 1):
            out.append(f"d-{k}={_norm(w)}")
        tail = article.window(c.date_at, c.date_at + 30)
        if tail:
            out.append(f"d0={_norm(tail[0])}")
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


def describe(article: Article, candidates: list[Candidate]) -> list[list[str]]:
    """Features of every candidate of an article, with how each pairing ranks among its rivals.

    A date usually belongs to the name nearest to it, and a name to its nearest date: for each
    candidate, the rank of its name's distance among the names paired with the same date, and
    of its date's among the dates paired with the same name.
    """

    def gap(c: Candidate) -> int:
        if c.date_at < 0 or c.title_start < 0:
            return 10_000
        return min(abs(c.date_at - c.title_end), abs(c.title_start - c.date_at))

    by_date: dict[int, list[int]] = {}
    by_name: dict[int, list[int]] = {}
    for c in candidates:
        by_date.setdefault(c.date_at, []).append(gap(c))
        by_name.setdefault(c.title_start, []).append(gap(c))
    spans = sorted({(c.title_start, c.title_end) for c in candidates if c.title_start >= 0})
    out: list[list[str]] = []
    for c in candidates:
        names = features(article, c)
        g = gap(c)
        inner = [
            (a, b)
            for a, b in spans
            if c.title_start <= a and b <= c.title_end and (a, b) != (c.title_start, c.title_end)
        ]
        outer = [
            (a, b)
            for a, b in spans
            if a <= c.title_start and c.title_end <= b and (a, b) != (c.title_start, c.title_end)
        ]
        if inner:
            names.append("holds_a_shorter_name")  # "Encore by Anderson East" holds "Encore"
        if outer:
            names.append("inside_a_longer_name")
        if c.date_at >= 0 and c.start <= c.title_start < c.end:
            lo, hi = sorted((c.title_end, c.date_at))
            between = sum(
                1
                for a, b in spans
                if lo <= a and b <= hi and (a, b) != (c.title_start, c.title_end)
            )
            names.append(f"names_between={min(between, 2)}")
        if c.date_at >= 0:
            rivals = by_date[c.date_at]
            rank = sum(1 for x in rivals if x < g)
            names.append(f"name_rank={min(rank, 2)}&n={min(len(rivals), 3)}")
        if c.title_start >= 0:
            rivals = by_name[c.title_start]
            rank = sum(1 for x in rivals if x < g)
            names.append(f"date_rank={min(rank, 2)}&n={min(len(rivals), 3)}")
        out.append(names)
    return out
