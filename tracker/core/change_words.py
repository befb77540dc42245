"""Does a sentence announce a change of date ("delayed to", "moved up to", "now premieres")?

An explicit change outranks how many outlets repeat the old date: when a network moves a
premiere, the first report of the move is right even while older reports still stand. Pure.
"""

from __future__ import annotations

import re

_CHANGE = re.compile(
    r"""\b(?:
        (?:delay|postpon|push|bump|mov|shift|reschedul|slipp?|slid|pull)(?:e|ed|es|ing|s)?\b
            (?:\s+\w+){0,3}?\s+(?:back|up|forward|out|to|until|into|from)\b
      | (?:delayed|postponed|rescheduled|pushed\s+back)\b
      | will\s+now\s+\w+
      | (?:now|instead)\s+(?:set|scheduled|slated|due|expected|premieres?|premiering|debuts?
            |debuting|arrives?|arriving|launch(?:es)?|launching|releases?|releasing|opens?
            |opening|returns?|returning|airs?|airing|streams?|streaming|bows?|hits?)\b
      | new\s+(?:release|premiere|launch|air|opening)?\s*date\b
      | (?:has|have|had)\s+been\s+(?:moved|pushed|delayed|postponed|rescheduled|bumped)\b
      | no\s+longer\s+(?:premiering|arriving|launching|releasing|opening|coming)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def is_explicit_change(sentence: str) -> bool:
    """True when the sentence says a date changed, not merely what it is.

    >>> is_explicit_change("The Hulu drama, previously set for July 14, will now debut Aug. 18.")
    True
    >>> is_explicit_change("Velvet Storm has been delayed to spring 2027.")
    True
    >>> is_explicit_change("Iron Fist will premiere this Friday, March 17th.")
    False
    >>> is_explicit_change("The movie moved up to June 2 from June 30.")
    True
    """
    return _CHANGE.search(sentence) is not None
