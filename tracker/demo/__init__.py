"""Sample articles, written for this project, that ship with it: `tracker daemon --demo`."""

from __future__ import annotations

from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "articles"
"""The folder of demo articles (plain text, a `date YYYY-MM-DD` first line each)."""
