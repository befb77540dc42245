"""Where a subscription's feeds live: the addresses printed by the CLI and linked by pages."""

from __future__ import annotations


def feed_url(base_url: str, token: str) -> str:
    """The https (or http) address of a feed."""
    return f"{base_url}/feeds/{token}.ics"


def changes_url(base_url: str, token: str, *, as_json: bool = False) -> str:
    """The address of a subscription's feed of changes: Atom, or JSON Feed."""
    return f"{base_url}/feeds/{token}.{'json' if as_json else 'atom'}"


def webcal_url(base_url: str, token: str) -> str:
    """The same feed for calendar apps: webcal://, which they open as a subscription."""
    return "webcal://" + feed_url(base_url, token).split("://", 1)[1]
