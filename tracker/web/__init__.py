"""The web app: feeds, health, a small page (issue 7)."""
