"""Stage 1, reading the text: sentences and lines, word lists, date mentions and their values."""
