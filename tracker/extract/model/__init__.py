"""Stage 4, the model: weights learned from labelled real news, read without any ML library."""
