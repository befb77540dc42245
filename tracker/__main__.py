"""`python -m tracker`: the same as the `tracker` command."""

from __future__ import annotations

import sys

from tracker.cli.entry import main

if __name__ == "__main__":
    sys.exit(main())
