"""URL normalisation and checking: total on remote input, precise on a person's typing."""

from __future__ import annotations

import pytest

from tracker.core.urls import normalise_url, url_problem


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("HTTPS://Example.COM:443/News?utm_source=rss&id=4#c", "https://example.com/News?id=4"),
        ("http://[::1]:8080/feed.xml", "http://[::1]:8080/feed.xml"),  # brackets kept
        ("http://[2001:DB8::1]/x", "http://[2001:db8::1]/x"),
        ("http://user@Example.com:8080/a", "http://user@example.com:8080/a"),
    ],
)
def test_normalise_url(url: str, normal: str) -> None:
    assert normalise_url(url) == normal


@pytest.mark.parametrize(
    "written",
    ["https://tideline.example:8o8o/a", "http://[2001:db8::1/a", "https://a.example:99999/"],
)
def test_a_malformed_url_is_kept_as_written_rather_than_raising(written: str) -> None:
    assert normalise_url(f"  {written} ") == written


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org:8o8o/feed", "the port is not a number from 0 to 65535: '8o8o'"),
        ("https://example.org:99999/feed", "the port is not a number from 0 to 65535: '99999'"),
        ("https://exa mple.org/feed", "'exa mple.org' is not a host name"),
        ("https://exa<mple.org/feed", "'exa<mple.org' is not a host name"),
        ("https:///feed", "it names no host"),
        ("ftp://example.org/feed", "only http and https addresses can be fetched"),
    ],
)
def test_url_problem_says_what_is_wrong(url: str, problem: str) -> None:
    assert url_problem(url) == problem


def test_url_problem_on_an_unclosed_bracket() -> None:
    assert url_problem("https://[2001:db8::1/feed") is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/feed.xml",
        "http://127.0.0.1:8080/feed",
        "http://[::1]:8080/feed",
        "https://bücher.example/neu",  # an international name
        "https://news_site.example/rss",  # underscores occur in real host names
    ],
)
def test_url_problem_accepts_real_addresses(url: str) -> None:
    assert url_problem(url) is None
