"""evidence-site: turn curated trial figures and plain-language commentary into a static site."""
