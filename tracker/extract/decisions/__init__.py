"""Stage 5, decisions: keep what the model believes, merge restatements into announcements."""
