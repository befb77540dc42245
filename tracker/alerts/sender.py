"""Send one message to one channel through Apprise, and say whether to try again.

One Apprise object per channel, so each channel's result is its own. Apprise reports failure as
a result and log lines, not exceptions; we classify: an URL Apprise does not accept, or a
refusal of credentials (HTTP 401/403, "unauthorized", "authentication"), is permanent; anything
else (5xx, timeouts, refused connections) is worth another try. Channel URLs are secrets: what
leaves this module names a channel by its masked URL only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import apprise

from tracker.alerts.compose import Message
from tracker.ingest.hosts import first_non_public_address

_PERMANENT = re.compile(
    r"error=(?:400|401|403|404|410)\b|unauthori[sz]ed|forbidden|authenticat|credential"
    r"|invalid (?:token|api key|webhook)",
    re.IGNORECASE,
)
_HTML_SCHEMES = frozenset({"mailto", "mailtos"})


@dataclass(frozen=True, slots=True, kw_only=True)
class SendResult:
    """What happened to one send."""

    ok: bool
    permanent: bool = False
    error: str | None = None


def masked(url: str) -> str:
    """The channel URL with its secrets hidden, as Apprise itself shows it.

    >>> masked("json://user:hunter2@example.org/hook?token=abc")
    'json://user:****@example.org/hook'
    """
    notifier = apprise.Apprise.instantiate(url)
    if notifier is None:
        scheme = urlsplit(url).scheme or "?"
        return f"{scheme}://…"
    shown = str(notifier.url(privacy=True))  # type: ignore[no-untyped-call]
    return shown.split("?", 1)[0]  # options can hold secrets too


def check_channel_url(url: str) -> str | None:
    """Why Apprise will not take this URL, or None when it will."""
    if apprise.Apprise.instantiate(url) is None:
        return "not a URL Apprise can send to (see the Apprise documentation for the form)"
    return None


def send(url: str, message: Message, *, timeout: float, allow_private: bool) -> SendResult:
    """Send `message` to the channel at `url`."""
    service = apprise.Apprise.instantiate(url)
    if service is None:
        return SendResult(ok=False, permanent=True, error=check_channel_url(url))
    if not allow_private:
        parts = urlsplit(url)
        if parts.hostname:
            bad = first_non_public_address(parts.hostname, parts.port or 443)
            if bad is not None:
                return SendResult(
                    ok=False,
                    permanent=True,
                    error=f"refused: {parts.hostname} is a private address ({bad})",
                )
    notifier = apprise.Apprise()
    notifier.add(service)  # one service object: add(str) would split the URL at commas
    html = urlsplit(url).scheme.lower() in _HTML_SCHEMES
    result = notifier.notify(
        body=message.html if html else message.text,
        title=message.title,
        body_format=apprise.NotifyFormat.HTML if html else apprise.NotifyFormat.TEXT,
        timeout=timeout,
    )
    if result:
        return SendResult(ok=True)
    lines = [entry.message for entry in result.logs() if entry.message]
    detail = "; ".join(dict.fromkeys(lines))[:500] or "the service did not accept the message"
    if result.timeout_count:
        detail = f"timed out after {timeout:g} s; {detail}"
    return SendResult(
        ok=False, permanent=bool(_PERMANENT.search(detail)), error=f"{masked(url)}: {detail}"
    )
