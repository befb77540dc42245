"""Rebuilding the model from labelled articles (needs the ``train`` extra), and scoring it."""
