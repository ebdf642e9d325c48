"""Stage 2, present: turn records into pages, charts, cards and words."""
