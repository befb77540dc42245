"""What a harness test does when an outside tool (node, npm, chromium) is missing."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


class ToolUnavailable(Exception):
    """An outside program the harness needs is missing or could not be set up."""


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the test outside CI; fail it under ``CI=true`` (as ``require_postgres`` does)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true requires it: {reason}")
    pytest.skip(reason)
