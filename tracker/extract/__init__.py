"""The extractor: news text and a publication date in, release announcements out (issue 4)."""
