"""The subscription page and the front page, as HTML. Pure; every article text is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

STYLESHEET = """
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; line-height: 1.45; }
.layout { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 60rem) { .layout { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin-top: .25rem; }
.actions form { margin: 0; }
.actions button, .actions a { font: inherit; font-size: .85rem; }
.months table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 .4rem; }
.months caption { text-align: left; font-weight: 600; padding: .3rem 0; }
.months th { font-size: .75rem; color: #777; font-weight: 400; }
.months td { vertical-align: top; border: 1px solid #8883; height: 2.6rem; padding: .1rem .2rem;
  font-size: .7rem; overflow-wrap: anywhere; }
.months td.today { outline: 2px solid #2d6cdf; }
.months .day { color: #777; }
.months ul { margin: 0; padding: 0; list-style: none; }
.sometime { font-size: .85rem; color: #777; margin: 0 0 1rem; }
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
.badge.disputed { background: #d9534f33; }
.badge.single { background: #8882; }
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
    """Who says what, when sources disagree."""
    release_id: int = 0
    work_id: int = 0
    watched: bool | None = None
    """On a watch list (True), offered to watch (False), or no watch list (None)."""
    dated: bool = True
    """Has a date: it can be added to a calendar on its own."""


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


@dataclass(frozen=True, slots=True, kw_only=True)
class PageLinks:
    """Where the page's links and forms go."""

    feed_url: str
    webcal_url: str
    changes_url: str | None = None
    """The Atom feed of changes (the JSON Feed is beside it)."""
    page_url: str = ""
    """The page itself: its forms post under it and single events are fetched from it."""
    form_token: str = ""


def subscription_page(
    *,
    name: str,
    links: PageLinks,
    rows: Sequence[PageRow],
    tba: Sequence[PageRow],
    also: Sequence[PageRow] = (),
    months: str = "",
) -> str:
    """A subscription's page.

    Subscribe links; what is coming, soonest first, beside the month view; what has no date;
    and for a watch list, what else is coming that it could watch.
    """
    parts = [
        _head(f"{name}: what is coming"),
        f"<h1>{escape(name)}</h1><p class=meta>Release dates from the news, soonest first.</p>",
        "<div class=subscribe>"
        f'<a href="{escape(links.webcal_url)}">Subscribe in your calendar</a>'
        f'<input id=feed-url readonly value="{escape(links.feed_url)}" aria-label="Feed address">'
        "<button type=button data-copy=feed-url hidden>Copy</button></div>",
    ]
    if links.changes_url:
        json_url = links.changes_url.removesuffix(".atom") + ".json"
        parts.append(
            "<p class=meta>What changed, for a feed reader: "
            f'<a href="{escape(links.changes_url)}">Atom</a> \u00b7 '
            f'<a href="{escape(json_url)}">JSON Feed</a></p>'
        )
    parts.append("<div class=layout><section class=list aria-label='Coming'>")
    if not rows and not tba:
        parts.append("<p>Nothing is coming yet.</p>")
    if rows:
        parts.append("<ol>")
        parts.extend(_row(r, links) for r in rows)
        parts.append("</ol>")
    if tba:
        parts.append("<h2>No date yet</h2><ol>")
        parts.extend(_row(r, links) for r in tba)
        parts.append("</ol>")
    if also:
        parts.append("<h2>Also coming, not on your watch list</h2><ol>")
        parts.extend(_row(r, links) for r in also)
        parts.append("</ol>")
    parts.append(f"</section>{months}</div>")
    parts.append('<script src="/static/page.js"></script></body></html>')
    return "".join(parts)


def _row(row: PageRow, links: PageLinks) -> str:
    when = escape(row.when)
    if row.day is not None:
        when = f'<time datetime="{row.day.isoformat()}">{when}</time>'
    css = "when coarse" if row.coarse else "when"
    change = ""
    if row.change and not (row.disputed and row.change == "disputed"):  # marked below
        previous = f" <del>{escape(row.previous)}</del>" if row.previous else ""
        change = f" <span class=badge>{escape(row.change)}</span>{previous}"
    detail = escape(row.detail)
    if row.disputed:
        change += " <span class='badge disputed'>disputed</span>"
        detail += f"<br>sources disagree: {escape(row.dispute)}"
    elif row.sources <= 1:
        change += " <span class='badge single'>1 source</span>"
    return (
        f"<li><span class='{css}'>{when}</span> {escape(row.title)}{change}"
        f"<div class=meta>{detail}</div>{_actions(row, links)}</li>"
    )


def _actions(row: PageRow, links: PageLinks) -> str:
    """An event of its own for a calendar, and (with a watch list) watch or unwatch."""
    out = []
    if row.dated and links.page_url and row.release_id:
        out.append(
            f'<a href="{escape(links.page_url)}/release/{row.release_id}.ics" '
            f"download>Add to calendar</a>"
        )
    if row.watched is not None and links.page_url and row.work_id:
        verb = "unwatch" if row.watched else "watch"
        out.append(
            f'<form method=post action="{escape(links.page_url)}/{verb}">'
            f'<input type=hidden name=form value="{escape(links.form_token)}">'
            f"<input type=hidden name=work value={row.work_id}>"
            f"<button type=submit>{verb.capitalize()}</button></form>"
        )
    return f"<div class=actions>{''.join(out)}</div>" if out else ""
