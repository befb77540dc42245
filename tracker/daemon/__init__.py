"""The daemon: APScheduler wiring and its jobs (issue 9)."""
