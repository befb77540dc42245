"""Text fit to store and to write into XML and iCalendar: no control characters.

News arrives with stray control characters (a bell, a terminal colour code, a form feed from a
PDF). XML 1.0 forbids them outright, so one in an article's sentence made the whole Atom feed
of changes unreadable, and RFC 5545 forbids them in iCalendar text. Articles are cleaned when
they arrive; the feeds clean what they write too, for what was stored before.
"""

from __future__ import annotations

import re

#: Controls that break a line (vertical tab, form feed, the file/group/record separators, NEL).
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85]")
#: Every other C0 and C1 control but tab, line feed and carriage return, and DEL.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
#: Lone surrogates (no UTF-8 can hold them) and the two non-characters XML forbids.
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_ANY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    r"""``text`` with line-breaking controls as line breaks, other controls as spaces.

    Lone surrogates become U+FFFD; U+FFFE and U+FFFF are dropped. The length may change only
    through those two.

    >>> printable("Night Harbor\x07 returns\x0con July 14"), printable("plain\ttext\n")
    ('Night Harbor  returns\non July 14', 'plain\ttext\n')
    """
    if _ANY.search(text) is None:
        return text  # nearly every text: one scan, no copy
    text = _BREAKS.sub("\n", text)
    text = _CONTROLS.sub(" ", text)
    return _UNWRITABLE.sub(lambda m: "" if m.group() in "\ufffe\uffff" else "\ufffd", text)
