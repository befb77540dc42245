"""Alert messages: what changed, old → new, in words; plain text and escaped HTML. Pure."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from html import escape
from typing import Any

from tracker.core.alert_rules import AlertEvent
from tracker.core.release_date import ReleaseDate
from tracker.core.urls import shown_source
from tracker.extract.records import Precision

_PRECISION_WORDS = {
    Precision.DAY: "exact day",
    Precision.MONTH: "month only",
    Precision.SEASON: "season only",
    Precision.QUARTER: "quarter only",
    Precision.HALF: "half-year only",
    Precision.YEAR: "year only",
    Precision.TBA: "no date",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertFacts:
    """What an alert is about, as stored in the outbox payload."""

    event: AlertEvent
    title: str
    season: int | None
    kind: str
    new: str
    old: str | None = None
    platform: str | None = None
    evidence: str | None = None
    url: str | None = None
    days_before: int | None = None

    def to_payload(self) -> dict[str, Any]:
        """JSON for the `delivery.payload` column."""
        return {k: (str(v) if isinstance(v, AlertEvent) else v) for k, v in asdict(self).items()}

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> AlertFacts:
        """Read back what `to_payload` wrote."""
        values = dict(payload)
        values["event"] = AlertEvent(values["event"])
        return cls(**values)


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """One notification: a title and a body in two formats."""

    title: str
    text: str
    html: str


def _label(value: str) -> str:
    return ReleaseDate.parse(value).label()


def _precision(value: str) -> str:
    return _PRECISION_WORDS[ReleaseDate.parse(value).precision]


def _name(facts: AlertFacts) -> str:
    season = f" season {facts.season}" if facts.season else ""
    return f"{facts.title}{season}"


def headline(facts: AlertFacts) -> str:
    """One line saying what happened.

    >>> headline(AlertFacts(event=AlertEvent.DELAYED, title="Hollow Crown", season=None,
    ...                     kind="release", new="2027-07-17", old="2027-03-13"))
    'Hollow Crown delayed: 2027-03-13 → 2027-07-17'
    """
    name, new = _name(facts), _label(facts.new)
    old = _label(facts.old) if facts.old else None
    return {
        AlertEvent.DATE_SET: f"{name} dated: {new}",
        AlertEvent.DELAYED: f"{name} delayed: {old} \u2192 {new}",
        AlertEvent.MOVED: f"{name} moved: {old} \u2192 {new}",
        AlertEvent.NARROWED: f"{name} narrowed: {old} \u2192 {new}",
        AlertEvent.POSTPONED: f"{name} postponed: {old} \u2192 no date",
        AlertEvent.CANCELLED: f"{name} cancelled",
        AlertEvent.REMINDER: f"{name} in {facts.days_before} day"
        + ("s" if facts.days_before != 1 else "")
        + f": {new}",
        AlertEvent.RELEASE_DAY: f"{name} is out today",
        AlertEvent.TEST: "tracker: test message",
    }[facts.event]


def compose(facts: AlertFacts) -> Message:
    """The message for one alert."""
    lines = [headline(facts)]
    if facts.event is not AlertEvent.TEST:
        where = f" on {facts.platform}" if facts.platform else ""
        lines.append(
            f"{facts.kind.replace('_', ' ').capitalize()}{where}; "
            f"date: {_label(facts.new)} ({_precision(facts.new)})"
        )
    if facts.evidence:
        lines.append(f"\u201c{' '.join(facts.evidence.split())}\u201d")
    source = shown_source(facts.url)
    if source:
        lines.append(f"Source: {source}")
    html_lines = [f"<p><strong>{escape(lines[0])}</strong></p>"]
    html_lines += [
        f"<p>{escape(line)}</p>" for line in lines[1:] if not line.startswith("Source: ")
    ]
    if facts.url and facts.url.startswith(("https://", "http://")):  # never javascript: links
        html_lines.append(f'<p><a href="{escape(facts.url, quote=True)}">Source</a></p>')
    return Message(title=lines[0], text="\n".join(lines), html="\n".join(html_lines))


def digest(all_facts: list[AlertFacts]) -> Message:
    """Several alerts as one message, in the order they happened."""
    parts = [compose(f) for f in all_facts]
    title = f"tracker: {len(parts)} release date change" + ("s" if len(parts) != 1 else "")
    return Message(
        title=title,
        text="\n\n".join(p.text for p in parts),
        html="<hr>".join(p.html for p in parts),
    )
