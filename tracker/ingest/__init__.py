"""Sources, fetching and the ingest service (issue 5)."""
