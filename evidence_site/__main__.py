"""`python -m evidence_site ...`: the same as the `evidence-site` command."""

from evidence_site.commands.cli import run

run()
