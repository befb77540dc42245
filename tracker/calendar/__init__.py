"""Calendar feeds: rendering and the feed service (issue 7)."""
