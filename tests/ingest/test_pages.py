from __future__ import annotations

import doctest
from datetime import date
from types import ModuleType

import pytest

from tests.ingest.loopback import fixture
from tracker.errors import SourceError
from tracker.ingest import pages
from tracker.ingest.pages import PageText, extract_page, html_to_text

ARTICLE_URL = "https://marqueewire.example/tv/copper-line-season-2-premiere-date/"
FILLER = "The studio confirmed the plan on Tuesday after weeks of rumours about the schedule. " * 4


def test_an_article_page_gives_its_main_text_title_and_original_date() -> None:
    page = extract_page(fixture("article.html").decode(), url=ARTICLE_URL)
    assert page.title == "'Copper Line' Season 2 Gets September Premiere Date"
    assert page.published == date(2017, 6, 2)  # published, not the June 5 update
    paragraphs = page.text.split("\n\n")
    assert paragraphs[1].startswith("The railway drama Copper Line will return for its second")
    assert "Sunday, September 17" in page.text
    assert paragraphs[-1] == "A full trailer is expected in July."


@pytest.mark.parametrize(
    "noise",
    [
        "Sign up for our newsletter",  # nav
        "Advertisement",
        "Share on Facebook",
        "Related stories",
        "'Gilded Cage' moves to November 22",  # the sidebar's other dates
        "14 comments",
        "my birthday",  # a reader's comment
        "All rights reserved",  # footer
        "dataLayer",  # script
    ],
)
def test_an_article_page_leaves_out_the_noise(noise: str) -> None:
    page = extract_page(fixture("article.html").decode(), url=ARTICLE_URL)
    assert noise not in page.text


def test_a_date_in_the_url_is_used_when_the_markup_has_none() -> None:
    html = f"<html><body><article><p>{FILLER}</p></article></body></html>"
    page = extract_page(html, url="https://backlotdaily.example/2017/05/30/northbound-renewed")
    assert page.published == date(2017, 5, 30)


def test_a_time_element_gives_the_date() -> None:
    html = (
        '<html><body><article><h1>Sequel confirmed</h1><time datetime="2016-11-30">Nov 30</time>'
        f"<p>{FILLER}</p></article></body></html>"
    )
    assert extract_page(html).published == date(2016, 11, 30)


def test_dates_in_the_prose_are_not_taken_for_the_publication_date() -> None:
    html = (
        "<html><body><article><p>The first season premiered on 17 March 2016.</p>"
        f"<p>{FILLER}</p></article></body></html>"
    )
    assert extract_page(html).published is None


def test_a_fragment_trafilatura_rejects_falls_back_to_its_tag_stripped_text() -> None:
    page = extract_page("<p>Premieres <b>July&nbsp;14</b></p>")
    assert page == PageText(title=None, text="Premieres July 14", published=None)


@pytest.mark.parametrize(
    "junk",
    [
        "<<<>>>",
        "just words, no markup",
        "http://example.com/looks-like-a-url",  # htmldate would download this if handed it
        "<![foo[ bar ]]> and text",  # makes the stdlib HTML parser assert
        "<html><body><p>unclosed <b>tags <i>everywhere",
        "\x00\x01\x02 binary-ish \ufffd",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
        "<p>" * 5000 + "deep",
    ],
)
def test_junk_html_never_raises_and_keeps_its_words(junk: str) -> None:
    page = extract_page(junk)
    assert page.text.strip()
    assert "<p>" not in page.text


@pytest.mark.parametrize(
    "empty", ["", "   ", "<html></html>", "<html><head><title>Only a title</title></head></html>"]
)
def test_a_page_without_any_text_is_a_source_error(empty: str) -> None:
    with pytest.raises(SourceError, match=r"^page has no text: https://x\.example/$"):
        extract_page(empty, url="https://x.example/")


def test_html_to_text_keeps_blocks_apart_and_drops_scripts() -> None:
    html = (
        "<h2>Coming soon</h2><script>var x = '<p>no</p>';</script><style>p{}</style>"
        "<ul><li>Harbor Lights &ndash; July&nbsp;14</li><li>Gilded Cage:\n  Nov. 22</li></ul>"
        "<p>Line one<br/>line two</p><nav>Menu</nav>"
    )
    assert html_to_text(html) == (
        "Coming soon\n\nHarbor Lights \u2013 July 14\n\nGilded Cage: Nov. 22\n\n"
        "Line one\nline two\n\nMenu"
    )
    assert html_to_text(html, skip_boilerplate=True).endswith("Line one\nline two")


@pytest.mark.parametrize("module", [pages], ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module: ModuleType) -> None:
    assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>ok</p><!--<!--<!--x", "ok\n\n<!--<!--<!--x"),
        ("<p>ok</p><x <x <x y", "ok\n\n<x <x <x y"),
        ("<p>x</p><p a='1", "x\n\n<p a='1"),
        ("<p>a</p><!-- closed --><p>b</p><!--", "a\n\nb\n\n<!--"),
        ("<p>one</p>\n<p>two < three</p> four <five", "one\n\ntwo < three\n\nfour <five"),
        # a comment never closed no longer hides the tags after it as text
        ("<p>ok</p><!-- never closed <b>bold</b> >", "ok\n\n<!-- never closed bold >"),
    ],
)
def test_constructs_that_never_close_read_as_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize("unit", ["<!--", "<x ", "<p a='", "<a"])
def test_no_construct_that_cannot_close_reaches_the_parser(unit: str) -> None:
    # The stdlib parser reads each such construct to the end of the page: a page of 100,000
    # took minutes (benchmarks/bench_pages.py measures it). None may reach it.
    page = "<p>Copper Lantern premieres September 14.</p>" + unit * 1000
    given = pages._closed_constructs_only(page)
    tail = given[given.rfind(">") + 1 :]
    assert "<" not in tail
    assert "<!--" not in given[given.rfind("-->") + 3 if "-->" in given else 0 :]
    assert html_to_text(page).startswith("Copper Lantern premieres September 14.\n\n")
