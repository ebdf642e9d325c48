"""`python -m evidence_site ...`: the same as the `evidence-site` command."""

import sys

from evidence_site.commands.cli import main

sys.exit(main())
