from __future__ import annotations

import codecs
import doctest
from datetime import UTC, datetime
from types import ModuleType

import pytest

from tests.ingest.loopback import fixture
from tracker.errors import SourceError
from tracker.ingest import feeds, xmlguard
from tracker.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from tracker.ingest.xmlguard import PROLOG_LIMIT, refuse_unsafe_xml, root_element

BASE = "https://marqueewire.example/feed/"


def test_rss_with_content_encoded_gives_full_text_entries() -> None:
    first, second, third = parse_feed(fixture("rss_full.xml"), base_url=BASE)
    assert first.url == "https://marqueewire.example/tv/harbor-lights-season-2-premiere-date/"
    assert first.title == "\u2018Harbor Lights\u2019 Season 2 Sets July 14 Premiere"
    assert first.published == datetime(2017, 6, 2, 18, 5, tzinfo=UTC)  # -0400 read as UTC
    assert not first.summary_only
    paragraphs = first.text.split("\n\n")
    assert paragraphs[0] == (
        "Harbor Lights is coming back. The coastal mystery will return for its second season "
        "on Friday, July 14, the streamer announced Friday, with all eight episodes dropping "
        "at once."
    )
    assert "harbormaster\u2019s daughter" in paragraphs[1]
    assert "trackView" not in first.text  # scripts are dropped
    assert "[\u2026]" not in first.text  # the content, not the description, was used
    assert second.title == "Gilded Cage Moves Off Its Fall Date"
    assert "November 22" in second.text
    assert third.title == "Podcast: Our Summer Viewing Guide"


def test_relative_links_are_made_absolute_against_the_feed_url() -> None:
    entry = parse_feed(fixture("rss_full.xml"), base_url=BASE)[1]
    assert entry.url == "https://marqueewire.example/film/gilded-cage-release-date-delay/"


def test_an_entry_without_a_date_has_none() -> None:
    entry = parse_feed(fixture("rss_full.xml"), base_url=BASE)[2]
    assert entry.published is None


def test_summaries_and_teasers_are_marked_summary_only() -> None:
    entries = parse_feed(fixture("rss_summaries.xml"), base_url="https://backlotdaily.example/")
    assert [(e.title, e.summary_only) for e in entries] == [
        ("Northbound Renewed for Third Season", True),  # short, ends in an ellipsis
        ("Ember Falls Finale Date Revealed", True),  # short, ends in "Read more"
        ("Quiet Hours Gets a Teaser", True),  # content:encoded, but a teaser
        ("Long Read: Inside the Writers' Room of Copper Line", False),  # the article itself
    ]
    assert entries[0].text.endswith("eyeing a spring launch\u2026")
    assert entries[2].text.endswith("Continue reading \u2192")
    assert len(entries[3].text) > 1000
    assert entries[3].text.count("\n\n") == 4


def test_atom_entries() -> None:
    dated, wrapped = parse_feed(fixture("atom.xml"), base_url="https://mirror.example/atom")
    assert dated == FeedEntry(
        url="https://screenslate.example/2017/06/lanternfish-dated",  # xml:base resolves it
        title="Lanternfish Dated for Late August",  # type="html" title, tags stripped
        published=datetime(2017, 6, 3, 6, 30, tzinfo=UTC),  # <published>, not <updated>
        text=dated.text,
        summary_only=False,
    )
    assert dated.text.startswith("The deep-sea horror film Lanternfish will surface")
    assert "\n\nThe film was shot" in dated.text
    assert wrapped.published == datetime(2017, 6, 2, 17, 45, tzinfo=UTC)  # only <updated>
    assert wrapped.summary_only
    assert wrapped.text.endswith("no date yet...")


def test_a_latin1_feed_decodes_its_accents() -> None:
    [entry] = parse_feed(fixture("rss_latin1.xml"), base_url="https://cinephile-hebdo.example/")
    assert entry.title == "\u00ab Les \u00c9t\u00e9s de No\u00ebl \u00bb avanc\u00e9 au 12 juillet"
    assert "La com\u00e9die de H\u00e9l\u00e8ne Marchetti" in entry.text
    assert "\ufffd" not in entry.text
    assert entry.published == datetime(2017, 6, 1, 5, 0, tzinfo=UTC)


def test_a_slightly_malformed_feed_still_gives_its_entries() -> None:
    [entry] = parse_feed(fixture("rss_slightly_broken.xml"), base_url=BASE)  # bare "&"s
    assert entry.title == "Fast Lane 9 & the summer box office"
    assert "June 23" in entry.text


def test_malformed_xml_is_a_source_error() -> None:
    with pytest.raises(SourceError, match=r"^malformed feed from https://x\.example/feed: "):
        parse_feed(fixture("malformed.xml"), base_url="https://x.example/feed")


def test_bytes_that_break_the_feed_parser_itself_are_a_source_error() -> None:
    # an encoding label with a stray byte: feedparser raises UnicodeDecodeError reading it
    with pytest.raises(SourceError, match=r"malformed feed from https://tideline\.example/feed"):
        parse_feed(fixture("rss_bad_encoding_label.xml"), base_url="https://tideline.example/feed")


def test_a_billion_laughs_feed_is_refused_before_parsing() -> None:
    with pytest.raises(SourceError, match=r"^feed refused: it declares a DOCTYPE \(<!DOCTYPE rss"):
        parse_feed(fixture("billion_laughs.xml"), base_url=BASE)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>',
            f"not an RSS or Atom feed: {BASE} (its root element is <urlset>)",
        ),
        (b"just some text", "not an RSS"),
        (b"", "not an RSS"),
        (fixture("article.html"), "feed refused: it declares a DOCTYPE (<!DOCTYPE html>)"),
    ],
)
def test_documents_that_are_not_feeds_are_source_errors(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_feed(data, base_url=BASE)
    assert str(caught.value).startswith(message)


def test_an_empty_feed_has_no_entries() -> None:
    empty = b'<rss version="2.0"><channel><title>Quiet week</title></channel></rss>'
    assert parse_feed(empty, base_url=BASE) == []


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (fixture("rss_full.xml"), "application/rss+xml", True),
        (fixture("rss_full.xml"), "text/html", True),  # misconfigured servers are common
        (fixture("atom.xml"), None, True),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "text/xml", True),
        (fixture("article.html"), "text/html; charset=utf-8", False),
        (fixture("article.html"), "application/rss+xml", False),  # the bytes win
        (b"", "application/atom+xml", True),
        (b"", "text/plain", False),
        (b'{"version": "https://jsonfeed.org/version/1"}', "application/json", False),
    ],
)
def test_looks_like_feed(data: bytes, content_type: str | None, expected: bool) -> None:
    assert looks_like_feed(data, content_type) is expected


# -- the XML guard ---------------------------------------------------------------------------------

LOL = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><rss>&a;</rss>'


@pytest.mark.parametrize(
    "data",
    [
        LOL.encode(),
        LOL.lower().encode(),  # "<!doctype": still a declaration to the loose parser
        b'<?xml version="1.0"?>\n<!-- a comment -->\n<?pi x?>\n' + LOL.encode(),
        b'<!ENTITY a "x"><rss/>',
        b"<!ELEMENT rss ANY><rss/>",
        codecs.BOM_UTF8 + LOL.encode(),
        codecs.BOM_UTF16_LE + LOL.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + LOL.encode("utf-16-be"),
        LOL.encode("utf-16-le"),  # no BOM: recognised by the "<\0" pattern
        codecs.BOM_UTF32_LE + LOL.encode("utf-32-le"),
        ('<?xml version="1.0" encoding="cp037"?>' + LOL).encode("cp037"),  # EBCDIC
        b'<?xml version="1.0" encoding="utf-7"?>' + LOL.encode("utf-7"),  # "+ADw-!DOCTYPE"
        b"junk before the prolog " + LOL.encode(),
    ],
    ids=lambda data: repr(data[:24]),
)
def test_the_guard_refuses_every_spelling_of_a_declaration(data: bytes) -> None:
    with pytest.raises(SourceError, match=r"^feed refused: it declares a "):
        refuse_unsafe_xml(data)


@pytest.mark.parametrize(
    "data",
    [
        fixture("rss_full.xml"),
        fixture("atom.xml"),
        fixture("rss_latin1.xml"),
        b'<!-- <!DOCTYPE x [<!ENTITY a "b">]> --><rss/>',  # only inside a comment
        b"<rss><item><![CDATA[<!DOCTYPE html><p>quoted</p>]]></item></rss>",
        b"<rss>" + b"<item>x</item>" * 100_000 + b"<!DOCTYPE late></rss>",  # after the root
        b"",
        b"no markup at all",
    ],
    ids=lambda data: repr(data[:24]),
)
def test_the_guard_lets_ordinary_documents_through(data: bytes) -> None:
    refuse_unsafe_xml(data)


def test_the_guard_refuses_a_prolog_too_long_to_check() -> None:
    padded = b"<!--" + b"x" * PROLOG_LIMIT + b"-->" + LOL.encode()
    with pytest.raises(SourceError, match=r"^feed refused: its prolog runs past 64 kB"):
        refuse_unsafe_xml(padded)


@pytest.mark.parametrize(
    ("data", "root"),
    [
        (fixture("rss_full.xml"), "rss"),
        (fixture("atom.xml"), "feed"),
        (b"<!DOCTYPE html>\n<html><body></body></html>", "html"),
        (b'<!DOCTYPE x [<!ENTITY a "]">]><x/>', "x"),
        (b"", None),
        (b"plain text", None),
    ],
)
def test_root_element(data: bytes, root: str | None) -> None:
    assert root_element(data) == root


@pytest.mark.parametrize("module", [feeds, xmlguard], ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module: ModuleType) -> None:
    assert doctest.testmod(module).failed == 0
