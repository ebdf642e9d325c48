"""The default theme's templates compiled by Jinja ahead of any build (render.ThemeLoader).

Made by `python3 dev.py theme`; tests/test_render.py checks they are the theme's templates now.
"""
