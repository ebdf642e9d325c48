"""Stage 3, check: what the finished site and its prose must pass."""
