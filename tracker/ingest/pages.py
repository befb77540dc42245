"""The main text, title and publication date of an HTML page (trafilatura, htmldate)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any

import htmldate
import trafilatura

from tracker.errors import SourceError

logger = logging.getLogger(__name__)

_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption"),
        *("figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"),
        *("main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"),
    }
)
_NEVER_TEXT = frozenset(["script", "style", "noscript", "template", "svg", "iframe", "object"])
_BOILERPLATE = frozenset(["nav", "header", "footer", "aside", "form", "menu"])
_PARAGRAPH = "\x00"  # paragraph break marker while collecting text; never in HTML text
_LINE = "\x01"
_MARKED_SECTION = re.compile(r"<!\[(?!CDATA\[)", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageText:
    """What a page says: its title, main text and the day it was first published."""

    title: str | None
    text: str
    published: date | None


def extract_page(html: str, *, url: str | None = None) -> PageText:
    """Extract a page's main text (no comments), title and original publication date.

    trafilatura finds the article body; if it finds nothing, the page's visible text without
    navigation, header and footer is used instead. htmldate reads the date from markup and the
    URL only (no guessing from the prose, which in our articles is full of release dates), and
    prefers the original publication date over "updated" ones.

    Args:
        html: the decoded page.
        url: where it came from; used for dates in the path (/2017/06/02/).

    Raises:
        SourceError: the page holds no text at all.
    """
    tree = _parse(html)
    text = _main_text(tree, url) if tree is not None else ""
    if not text:
        text = html_to_text(html, skip_boilerplate=True)
    if not text:
        raise SourceError(f"page has no text: {url or 'the given HTML'}")
    title = _title(tree) if tree is not None else None
    return PageText(
        title=title or _html_title(html),
        text=text,
        published=_published(tree, url) if tree is not None else None,
    )


def html_to_text(html: str, *, skip_boilerplate: bool = False) -> str:
    r"""Plain text of an HTML fragment or page, one blank line between blocks.

    Scripts and styles are dropped; with `skip_boilerplate`, so are nav, header, footer, aside
    and forms. Never raises, whatever the input.

    >>> html_to_text("<p>The <b>Defenders</b> arrives</p><p>on August&nbsp;18.<br>Finally</p>")
    'The Defenders arrives\n\non August 18.\nFinally'
    """
    parser = _TextParser(skip_boilerplate=skip_boilerplate)
    parser.read(html)
    return _tidy("".join(parser.parts))


class _TextParser(HTMLParser):
    def __init__(self, *, skip_boilerplate: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip = _NEVER_TEXT | (_BOILERPLATE if skip_boilerplate else frozenset())
        self._skipping: list[str] = []
        self._in_title = False

    def read(self, html: str) -> None:
        """Feed the whole of `html`, keeping what was read before any stdlib parser error."""
        try:
            # The stdlib's _markupbase asserts on marked sections it does not know ("<![x["):
            # make them text, so that junk costs a few characters instead of the whole page.
            self.feed(_closed_constructs_only(_MARKED_SECTION.sub("&lt;![", html)))
            self.close()
        except AssertionError:  # any other corner of the same kind: keep what was read
            logger.debug("the HTML parser gave up part-way", exc_info=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - HTMLParser's signature
        if tag == "title":
            self._in_title = True
        if tag in self._skip:
            self._skipping.append(tag)
        elif tag == "br":
            self.parts.append(_LINE)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass  # close whatever was left open inside it
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skipping:
            self.parts.append(data.replace(_PARAGRAPH, " ").replace(_LINE, " "))


def _closed_constructs_only(html: str) -> str:
    """``html`` with every tag or comment that is never closed turned into text.

    The stdlib parser looks for the end of each such construct from where it starts to the end
    of the page, then reads its first character as text and tries again at the next one: a page
    of unclosed "<!--" or "<x " took minutes to read (100,000 of them: 2 minutes, and it
    grows with the square). Nothing after the page's last ">" can close, so its "<" are text
    already; a "<!--" after the last "-->" likewise. Written as "&lt;", they read the same
    text at once.
    """
    last = html.rfind(">")
    if "<" in html[last + 1 :]:
        html = html[: last + 1] + html[last + 1 :].replace("<", "&lt;")
    end = html.rfind("-->")
    cut = end + 3 if end >= 0 else 0
    if "<!--" in html[cut:]:
        html = html[:cut] + html[cut:].replace("<!--", "&lt;!--")
    return html


def _tidy(raw: str) -> str:
    paragraphs = []
    for block in raw.split(_PARAGRAPH):
        lines = (" ".join(line.split()) for line in block.split(_LINE))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _parse(html: str) -> Any:
    """An lxml tree (typed Any: lxml ships no types), or None for junk.

    trafilatura's loader is used rather than handing strings to htmldate, which would
    download a "page" that happens to look like a URL.
    """
    if "<" not in html:
        return None
    try:
        return trafilatura.load_html(html)
    except Exception:  # third-party heuristics on hostile input; the fallback handles it
        logger.debug("lxml could not parse the page", exc_info=True)
        return None


def _main_text(tree: Any, url: str | None) -> str:
    try:
        document = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, with_metadata=False
        )
    except Exception:  # third-party heuristics on hostile input; the fallback handles it
        logger.debug("trafilatura failed on %s", url, exc_info=True)
        return ""
    text = getattr(document, "text", None) if document is not None else None
    return _tidy(re.sub(r"\n+", _PARAGRAPH, text)) if text else ""


def _published(tree: Any, url: str | None) -> date | None:
    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url)
        return date.fromisoformat(found) if found else None
    except Exception:  # third-party heuristics on hostile input; no date is an answer
        logger.debug("htmldate failed on %s", url, exc_info=True)
        return None


def _title(tree: Any) -> str | None:
    for path in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        for found in tree.xpath(path):
            text = " ".join(str(found if isinstance(found, str) else found.text_content()).split())
            if text:
                return text
    return None


def _html_title(html: str) -> str | None:
    parser = _TextParser(skip_boilerplate=False)
    parser.read(html)
    return " ".join("".join(parser.title_parts).split()) or None
