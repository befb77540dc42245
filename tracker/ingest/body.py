"""HTTP bodies: undo content codings within a size cap, and decode text by its charset."""

from __future__ import annotations

import codecs
import re
import zlib

_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 4096
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do servers that say
# "iso-8859-1" while sending curly quotes from Word.
_WINDOWS_1252_LABELS = {"iso8859-1", "ascii"}
_COMPRESSIONS = {"gzip", "x-gzip", "deflate"}
_UNSUPPORTED = {"br", "zstd", "compress", "x-compress"}  # we never ask for these


class Inflater:
    """Undo a content coding (gzip, deflate) without ever inflating much more than asked.

    A gzip bomb (50 MB of zeros in 50 kB) inflates only as far as the caller's `room`, so a
    size cap holds in memory as well as in the result.
    """

    def __init__(self, content_encoding: str) -> None:
        """Prepare for a Content-Encoding header: gzip, x-gzip, deflate, or none.

        Labels that name no compression at all ("identity", and bogus ones such as "utf-8" or
        "none" that some servers send) mean the body is as sent.

        Raises:
            ValueError: for a compression we do not undo (br, zstd, compress), or several.
        """
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        known = [c for c in codings if c in _COMPRESSIONS]
        if len(known) > 1 or any(c in _UNSUPPORTED for c in codings):
            raise ValueError(f"unsupported Content-Encoding {content_encoding.strip()!r}")
        self.coding = "gzip" if known == ["x-gzip"] else (known or ["identity"])[0]
        self._inflater: zlib._Decompress | None = None
        self._started = False
        if self.coding == "gzip":
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.coding == "deflate":
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS)

    def feed(self, data: bytes, *, room: int) -> bytes:
        """Decode `data`, returning at most `room + 1` bytes when the coding compresses.

        A result longer than `room` means the body is too large; the caller stops there.

        Raises:
            ValueError: the data is not valid for the coding.
        """
        if self._inflater is None:
            return data
        out = bytearray()
        while data and len(out) <= room:
            try:
                out += self._inflater.decompress(data, room + 1 - len(out))
            except zlib.error as error:
                if self.coding == "deflate" and not self._started:
                    # Some servers send raw deflate without the zlib header (RFC 1950).
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise ValueError(f"corrupt {self.coding} data ({error})") from None
            self._started = True
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                rest = self._inflater.unused_data
                if self.coding == "deflate" or not rest.startswith(_GZIP_MAGIC):
                    break  # trailing bytes after the stream are ignored, as browsers do
                self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)  # next gzip member
                data = rest
        return bytes(out)


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (media type, charset), both lower-case.

    >>> parse_content_type('text/html; Charset="ISO-8859-1"')
    ('text/html', 'iso-8859-1')
    >>> parse_content_type(None)
    (None, None)
    """
    if not value:
        return None, None
    media, *params = value.split(";")
    media = media.strip().lower()
    charset = None
    for param in params:
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").strip().lower() or None
    return (media if "/" in media else None), charset


def text_codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label names no text encoding.

    >>> text_codec("Latin-1"), text_codec("UTF8"), text_codec("x-klingon"), text_codec("base64")
    ('cp1252', 'utf-8', None, None)
    """
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
        "".encode(name)  # rejects codecs that are not text encodings, such as base64
    except (LookupError, ValueError):
        return None
    return "cp1252" if name in _WINDOWS_1252_LABELS else name


def sniff_charset(body: bytes) -> str | None:
    """The charset a document declares about itself: a BOM, an XML declaration or a meta tag.

    >>> sniff_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>')
    'cp1252'
    >>> sniff_charset(b'<html><head><meta charset="utf-8">')
    'utf-8'
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    head = body[:_SNIFF_BYTES]
    match = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    codec = text_codec(match.group(1).decode("ascii"))
    if codec is not None and codec.startswith("utf-16"):
        return "utf-8"  # an ASCII-readable declaration cannot be UTF-16 (WHATWG says so too)
    return codec


def decode_text(body: bytes, charset: str | None) -> str:
    r"""Decode a body: BOM, else the header's charset, else the document's own, else UTF-8.

    Never raises: unknown charsets fall back to UTF-8 and bad bytes become U+FFFD.

    >>> decode_text("Café".encode("latin-1"), "iso-8859-1")
    'Café'
    >>> decode_text(b"caf\xe9", "x-unknown")
    'caf\ufffd'
    """
    codec = None
    for bom, name in _BOMS:
        if body.startswith(bom):
            body, codec = body[len(bom) :], name
            break
    codec = codec or text_codec(charset) or sniff_charset(body) or "utf-8"
    try:
        return body.decode(codec, errors="replace")
    except (UnicodeError, LookupError, ValueError):  # codecs such as idna refuse "replace"
        return body.decode("utf-8", errors="replace")
