"""What the features need of a whole article, indexed once per text in linear time."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from tracker.extract.candidates.candidate import title_key
from tracker.extract.candidates.clauses import clauses
from tracker.extract.features.vocabulary import CLASSES, CUES, WORD, bucket
from tracker.extract.reading.segment import Sentence

_QUOTED = re.compile(r"[\"\u201c\u2018']([^\"\u201c\u201d\u2018\u2019'\n]{1,100})[\"\u201d\u2019']")
#: What sort of article it is, read from its words: a box-office report or a review dates
#: things that are not releases; a schedule dates many.
_ARTICLE_SCAN = 20_000
_ARTICLE_KINDS = (  # searched in the lower-cased text: faster than case-blind patterns
    ("box_office", re.compile(r"\bbox[ -]office\b|\bgrossed\b|\bopening weekend\b")),
    ("ratings", re.compile(r"\bviewers\b|\bratings\b|\bnielsen\b|\baudience of\b")),
    ("review", re.compile(r"\breview(?:ed)?\b|\bout of (?:five|5|four|4) stars\b|\bverdict\b")),
    ("schedule", re.compile(r"\bschedule\b|\bline-?up\b|\bpremiere dates\b|\bcalendar\b")),
    ("chart", re.compile(r"\bchart\b|\bbillboard 200\b|\bno\. 1\b")),
)
#: Words one of which every match of a kind's pattern holds: a substring test in C rules most
#: articles out before the pattern scans 20,000 characters.
_KIND_WORDS = {
    "box_office": ("office", "grossed", "opening weekend"),
    "ratings": ("viewers", "ratings", "nielsen", "audience of"),
    "review": ("review", "stars", "verdict"),
    "schedule": ("schedule", "line", "premiere dates", "calendar"),
    "chart": ("chart", "billboard 200", "no. 1"),
}
#: Two capitalised words in a row, the first shaped like a given name: "Mandy Patinkin" (the
#: look-ahead first lets `re` skip to capitals).
_NAME_PAIR = re.compile(r"(?=[A-Z])\b([A-Z][a-z]+)[ \t]+([A-Z][\w'\u2019-]*)")
#: How far around a candidate its name's other mentions are counted (keeps time linear).
_MENTION_REACH = 20_000
_SEASON_WORDS = frozenset({"season", "series", "part", "volume", "chapter"})
#: What stands on one side of a name: its words, their classes, a shape, the verbs it goes with.
Side = tuple[list[str], list[str], str, list[str]]


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
    memo_sentences: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    memo_shapes: dict[str, list[str]] = field(default_factory=dict)
    memo_clauses: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)
    memo_names: dict[tuple[str, int, int, bool, int], list[str]] = field(default_factory=dict)
    memo_dates: dict[tuple[str, int, int, int], list[str]] = field(default_factory=dict)
    memo_words: dict[int, tuple[list[int], list[str]]] = field(default_factory=dict)
    #: what stands before a name starting at an offset, and after one ending at an offset
    memo_before: dict[int, Side] = field(default_factory=dict)
    memo_after: dict[int, Side] = field(default_factory=dict)

    def window(self, lo: int, hi: int) -> list[str]:
        """The lower-cased words of the sentence at ``lo`` that start in ``text[lo:hi]``.

        Each sentence is split into words once, when a candidate first needs it.
        """
        k = bisect.bisect_right(self.starts, max(lo, 0)) - 1
        if k < 0:
            return []
        if k not in self.memo_words:
            s = self.sentences[k]
            found = list(WORD.finditer(self.text, s.start, s.end))
            self.memo_words[k] = ([w.start() for w in found], [w.group().lower() for w in found])
        starts, words = self.memo_words[k]
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
        head = self.text[:_ARTICLE_SCAN].lower()
        self.kinds = [
            f"article={name}"
            for name, pattern in _ARTICLE_KINDS
            if any(w in head for w in _KIND_WORDS[name]) and pattern.search(head)
        ]
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
        if (start, end) not in self.memo_clauses:
            self.memo_clauses[(start, end)] = clauses(self.text, start, end)
        return self.memo_clauses[(start, end)]

    def sentence_features(self, start: int, end: int) -> list[str]:
        """Features of the evidence ``text[start:end]``: its length, a question, its cue words."""
        key = (start, end)
        if key not in self.memo_sentences:
            line = self.text[start:end]
            found = ["len=" + bucket(len(line), (40, 80, 160, 300))]
            if line.rstrip().endswith("?"):
                found.append("question")
            words = set(self.window(start, end))
            found.extend(f"cue={w}" for w in sorted(words & CUES))
            found.extend(f"sc={k}" for k in sorted({CLASSES[w] for w in words if w in CLASSES}))
            self.memo_sentences[key] = found
        return self.memo_sentences[key]

    def mentions(self, title: str, at: int) -> int:
        """How often the article names ``title`` within reach of offset ``at``."""
        if not title:
            return 0
        lo = max(0, at - _MENTION_REACH)
        return self.text.count(title, lo, at + _MENTION_REACH)
