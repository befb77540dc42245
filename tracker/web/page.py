"""The subscription page and the front page, as HTML. Pure; every article text is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

STYLESHEET = """
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 44rem; padding: 1rem; line-height: 1.45; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.subscribe { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
.subscribe a { padding: .5rem .8rem; border-radius: .4rem; background: #2d6cdf; color: #fff;
  text-decoration: none; }
.subscribe input { flex: 1 1 16rem; min-width: 0; padding: .45rem; font: inherit; }
ol { list-style: none; padding: 0; margin: 0; }
li { padding: .6rem 0; border-bottom: 1px solid #8884; }
.when { font-variant-numeric: tabular-nums; font-weight: 600; }
.meta { color: #777; font-size: .9rem; }
.badge { font-size: .75rem; padding: .05rem .4rem; border-radius: .3rem; background: #e9a23b33; }
.coarse { font-style: italic; }
.disputed { background: #d9534f33; }
.single { background: #8882; }
del { color: #999; }
"""

COPY_SCRIPT = """
document.querySelectorAll("[data-copy]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var field = document.getElementById(button.getAttribute("data-copy"));
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = "Copied";
    });
  });
});
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageRow:
    """One release on the page."""

    when: str
    day: date | None
    title: str
    detail: str
    coarse: bool
    change: str | None
    previous: str | None
    sources: int = 2
    disputed: bool = False
    dispute: str = ""
    """Who says what, for the disputed mark's tooltip."""


def _head(title: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        '<meta name=referrer content="no-referrer">'
        f"<title>{escape(title)}</title>"
        '<link rel=stylesheet href="/static/page.css"></head><body>'
    )


def front_page() -> str:
    """What `/` says: only what the tracker is."""
    return (
        _head("tracker")
        + "<h1>tracker</h1><p>Release dates from the news, in a calendar you subscribe to once. "
        "Ask the person who runs this tracker for your own subscription link.</p></body></html>"
    )


def subscription_page(
    *,
    name: str,
    feed_url: str,
    webcal_url: str,
    rows: Sequence[PageRow],
    tba: Sequence[PageRow],
    changes_url: str | None = None,
) -> str:
    """A subscription's page: subscribe links, what is coming (soonest first), what has no date."""
    parts = [
        _head(f"{name}: what is coming"),
        f"<h1>{escape(name)}</h1><p class=meta>Release dates from the news, soonest first.</p>",
        "<div class=subscribe>"
        f'<a href="{escape(webcal_url)}">Subscribe in your calendar</a>'
        f'<input id=feed-url readonly value="{escape(feed_url)}" aria-label="Feed address">'
        "<button type=button data-copy=feed-url hidden>Copy</button></div>",
    ]
    if changes_url:  # the Atom address; the JSON Feed is beside it
        json_url = changes_url.removesuffix(".atom") + ".json"
        parts.append(
            f'<p class=meta>What changed, for a feed reader: <a href="{escape(changes_url)}">'
            f'Atom</a> \u00b7 <a href="{escape(json_url)}">JSON Feed</a></p>'
        )
    if not rows and not tba:
        parts.append("<p>Nothing is coming yet.</p>")
    if rows:
        parts.append("<ol>")
        parts.extend(_row(r) for r in rows)
        parts.append("</ol>")
    if tba:
        parts.append("<h2>No date yet</h2><ol>")
        parts.extend(_row(r) for r in tba)
        parts.append("</ol>")
    parts.append('<script src="/static/page.js"></script></body></html>')
    return "".join(parts)


def _row(row: PageRow) -> str:
    when = escape(row.when)
    if row.day is not None:
        when = f'<time datetime="{row.day.isoformat()}">{when}</time>'
    css = "when coarse" if row.coarse else "when"
    change = ""
    if row.change and not (row.disputed and row.change == "disputed"):  # marked below
        previous = f" <del>{escape(row.previous)}</del>" if row.previous else ""
        change = f" <span class=badge>{escape(row.change)}</span>{previous}"
    if row.disputed:
        change += f' <span class="badge disputed" title="{escape(row.dispute)}">disputed</span>'
    elif row.sources <= 1:
        change += (
            ' <span class="badge single" title="reported by one source so far">1 source</span>'
        )
    return (
        f"<li><span class='{css}'>{when}</span> {escape(row.title)}{change}"
        f"<div class=meta>{escape(row.detail)}</div></li>"
    )
