"""``python -m tracker.extract.training``: rebuild the weights and print cross-validated figures."""

from __future__ import annotations

import sys

from tracker.extract.training.train import main

sys.exit(main())
