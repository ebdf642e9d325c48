"""Stage 1, read: load the project's files into validated records."""
