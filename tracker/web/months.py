"""The month view: a calendar grid per month. Pure; text is escaped.

Day-precise releases sit on their day; coarser ones are named in a "sometime in …" line under
every month their window covers, never on their first day.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

MAX_MONTHS = 6
"""At most this many months are drawn, from the current one on."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Placed:
    """A release as the month view needs it."""

    title: str
    start: date
    end: date
    exact: bool
    """A day-precise date (placed on its day); else a window (named under each month)."""
    label: str


def months_to_show(today: date, items: Sequence[Placed]) -> list[tuple[int, int]]:
    """The current month, then each month up to the last one anything falls in (at most six).

    A coarse date counts to the end of its window: summer is named under each of its months.
    """
    ends = [i.start if i.exact else i.end for i in items]
    last = max((d for d in ends if d >= today.replace(day=1)), default=today)
    out: list[tuple[int, int]] = []
    year, month = today.year, today.month
    while (year, month) <= (last.year, last.month) and len(out) < MAX_MONTHS:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out or [(today.year, today.month)]


def month_view(today: date, items: Sequence[Placed]) -> str:
    """The grids, as HTML."""
    parts = ["<section class=months aria-label='Month view'>"]
    for year, month in months_to_show(today, items):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        on_day: dict[int, list[str]] = {}
        sometime: list[str] = []
        for item in items:
            if item.exact and first <= item.start <= last:
                on_day.setdefault(item.start.day, []).append(item.title)
            elif not item.exact and item.start <= last and item.end >= first:
                sometime.append(f"{escape(item.title)} ({escape(item.label)})")
        name = f"{calendar.month_name[month]} {year}"
        parts.append(f"<table class=month><caption>{name}</caption><thead><tr>")
        parts.extend(f"<th scope=col>{d}</th>" for d in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"))
        parts.append("</tr></thead><tbody>")
        for week in calendar.Calendar().monthdayscalendar(year, month):
            parts.append("<tr>")
            for day in week:
                if day == 0:
                    parts.append("<td></td>")
                    continue
                css = " class=today" if date(year, month, day) == today else ""
                names = "".join(f"<li>{escape(t)}</li>" for t in on_day.get(day, []))
                listed = f"<ul>{names}</ul>" if names else ""
                parts.append(f"<td{css}><span class=day>{day}</span>{listed}</td>")
            parts.append("</tr>")
        parts.append("</tbody></table>")
        if sometime:
            parts.append(f"<p class=sometime>Sometime in {name}: {', '.join(sometime)}</p>")
    parts.append("</section>")
    return "".join(parts)
