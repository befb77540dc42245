"""Alerts: message composition, Apprise delivery, the outbox relay (issue 8)."""
