"""Refuse feed XML that declares a DOCTYPE or entities, before any XML parser sees it."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.errors import SourceError

PROLOG_LIMIT = 64 * 1024
"""Characters of the document read before the root element; a longer prolog is refused."""

_NAME = re.compile(r"[A-Za-z_][\w.:-]*")
_DECLARED = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PATTERNS = (  # XML 1.0 appendix F: the first four bytes without a BOM
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),  # "<?xm" in EBCDIC, which feedparser also recognises
)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Token:
    kind: str  # "declaration", "root" or "too-long"
    text: str


def refuse_unsafe_xml(data: bytes) -> None:
    """Raise `SourceError` if the prolog of `data` holds a DOCTYPE or another declaration.

    Entity declarations are how "billion laughs" feeds grow a few kilobytes into gigabytes, and
    no feed needs one. Only the prolog (before the root element) is read: an article that quotes
    `<!DOCTYPE html>` inside CDATA is fine. The prolog is read under every encoding a parser
    could pick (BOM, byte pattern, ASCII-compatible, the declared encoding), at most
    `PROLOG_LIMIT` characters each, in one linear pass.

    >>> refuse_unsafe_xml(b'<?xml version="1.0"?><rss version="2.0"/>')
    >>> refuse_unsafe_xml(b'<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>')
    Traceback (most recent call last):
    tracker.errors.SourceError: feed refused: it declares a DOCTYPE (<!DOCTYPE r [<!ENTITY a \
"aaaa…), which can define entities; feeds never need one

    Raises:
        SourceError: a DOCTYPE, ENTITY or other markup declaration is present, or the prolog is
            too long to check.
    """
    for text in _candidate_texts(data):
        for token in _prolog(text):
            if token.kind == "declaration":
                keyword = _NAME.match(token.text, 2)
                what = keyword.group(0).upper() if keyword else "declaration"
                shown = " ".join(token.text.split())
                shown = shown if len(shown) <= 30 else shown[:29] + "…"
                raise SourceError(
                    f"feed refused: it declares a {what} ({shown}), which can define entities; "
                    "feeds never need one"
                )
            if token.kind == "too-long":
                raise SourceError(
                    f"feed refused: its prolog runs past {PROLOG_LIMIT // 1024} kB "
                    "without reaching the root element"
                )
            break  # the root element: nothing after it is prolog


def root_element(data: bytes) -> str | None:
    r"""The name of the document's root element, skipping any DOCTYPE, or None if unseen.

    >>> root_element(b'<?xml version="1.0"?>\n<!-- hi --><rss version="2.0">')
    'rss'
    >>> root_element(b"<!DOCTYPE html><html lang=en>")
    'html'
    """
    text = next(iter(_candidate_texts(data)))
    for token in _prolog(text, skip_declarations=True):
        return token.text if token.kind == "root" and token.text else None
    return None


def _candidate_texts(data: bytes) -> Iterator[str]:
    """Yield the start of `data` decoded each way a parser might decode it."""
    head = data[: PROLOG_LIMIT * 4]
    seen: set[str] = set()
    detected = next((name for bom, name in _BOMS if head.startswith(bom)), None)
    detected = detected or next((name for pat, name in _PATTERNS if head.startswith(pat)), None)
    for codec in (detected, "latin-1"):
        if codec is not None and codec not in seen:
            seen.add(codec)
            text = _decode(head, codec) or ""
            yield text
            declared = _DECLARED.match(text.lstrip("\ufeff"))
            if declared and declared.group(1).lower() not in seen:
                seen.add(declared.group(1).lower())
                again = _decode(head, declared.group(1))
                if again is not None:  # else no parser can decode the document that way
                    yield again


def _decode(head: bytes, codec: str) -> str | None:
    try:
        return head.decode(codec, errors="replace")[:PROLOG_LIMIT]
    except (LookupError, UnicodeError, ValueError):
        return None


def _prolog(text: str, *, skip_declarations: bool = False) -> Iterator[_Token]:
    """Yield the declarations of the prolog, then the root element, in one forward pass."""
    pos = 0
    complete = len(text) < PROLOG_LIMIT
    while (start := text.find("<", pos)) >= 0:
        if text.startswith("<?", start) or text.startswith("<!--", start):
            terminator = "?>" if text[start + 1] == "?" else "-->"
            end = text.find(terminator, start + 2)
            if end < 0:
                if not complete:
                    yield _Token(kind="too-long", text="")
                return  # unterminated to the end: the parser fails, nothing can be declared
            pos = end + len(terminator)
        elif text.startswith("<!", start) and not text.startswith("<![", start):
            end = _declaration_end(text, start)
            if not skip_declarations:
                yield _Token(kind="declaration", text=text[start : end if end > 0 else None][:40])
                return
            if end < 0:
                return
            pos = end
        else:
            name = _NAME.match(text, start + 1)
            yield _Token(kind="root", text=name.group(0) if name else "")
            return
    if not complete:
        yield _Token(kind="too-long", text="")


def _declaration_end(text: str, start: int) -> int:
    """The index just after a `<!…>` declaration, internal subset included, or -1."""
    close = text.find(">", start)
    bracket = text.find("[", start)
    if 0 <= bracket < close:
        subset_end = text.find("]", bracket)
        close = text.find(">", subset_end) if subset_end >= 0 else -1
    return close + 1 if close >= 0 else -1
