"""Read-side services: what is coming, what changed, what we know of a work, watch lists."""
