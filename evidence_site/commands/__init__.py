"""The command line: build, serve, new, check, stamp, init."""
