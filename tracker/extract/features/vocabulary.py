"""The words and patterns the features are named after, and how a word becomes a feature."""

from __future__ import annotations

import re

from tracker.extract.reading.caseless import Caseless

WORD = re.compile(
    r"[A-Za-z][A-Za-z'\u2019-]*|\d+|[\"\u201c\u201d\u2018\u2019()\[\]:;,\u2013\u2014|-]"
)
#: Words that say a date is a release's, a past event's or not a release at all.
CUES = frozenset(
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
CLASSES: dict[str, str] = {
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
SUBJECT_VERB = Caseless(
    r"[\"\u201d\u2019']?(?:['\u2019]s\s+(?:\w+\s+){0,2}(?:season|series|album|film)\s+)?"
    r",?\s*(?:(?:which|that|who)\s+)?(?:(?:is|are|will|has|have|'s|now|finally|also|officially)"
    r"\s+)*(?:(?:set|slated|scheduled|due|expected|poised|going|coming|back|out)\s+)?(?:to\s+)?"
    r"(?:premiere|premieres|debut|debuts|return|returns|release|releases|launch|launches|arrive"
    r"|arrives|open|opens|hit|hits|drop|drops|land|lands|bow|bows|start|starts|air|airs|begin"
    r"|begins|kick|kicks|stream|streams|come|comes|be\s+released|in|on|out|back|due)\b",
    re.IGNORECASE,
)
#: A release verb whose object the name is: "Netflix will release X", "moved X to", "dates X".
OBJECT_VERB = Caseless(
    r"\b(?:release|releases|releasing|dated|dates|dating|set|sets|setting|moved|moves|moving"
    r"|pushed|pushes|shifted|launch|launches|launching|premiere|premieres|debut|debuts|bring"
    r"|brings|bringing|unveil|unveils|schedules|scheduled|slates|slated|drops|dropping|stream"
    r"|streams|air|airs|open|opens|of|for)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?[\"\u201c\u2018']?$",
    re.IGNORECASE,
)
PERSON_ROLE = Caseless(
    r"\b(?:actor|actress|star|stars|starring|director|directed|creator|created|showrunner|"
    r"writer|written|producer|produced|executive|ceo|president|chief|host|hosted|singer|"
    r"rapper|author|novelist|co-star|played|plays|playing|voiced|cast|by|with|according|"
    r"told|says|said|chairman|head|founder|composer|journalist|reporter)\s+$",
    re.IGNORECASE,
)
SAID_AFTER = re.compile(r"['\u2019]?\s*(?:said|says|told|added|explained|noted|revealed|tweeted)\b")
MONTHS = frozenset(
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


def bucket(n: float, edges: tuple[float, ...]) -> str:
    """The index of the first edge ``n`` is below, as a feature value."""
    for k, edge in enumerate(edges):
        if n < edge:
            return str(k)
    return str(len(edges))


def norm(word: str) -> str:
    """A word as a feature: numbers and month names collapse to their class."""
    if word.isdigit():
        return "<year>" if len(word) == 4 else "<num>"
    if word in MONTHS:
        return "<month>"
    return word
