"""Parametrising the pattern tables: each case by its opening words, strict xfail where noted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest


def parametrized(
    cases: Sequence[tuple[str, Any]], decided_otherwise: Mapping[str, str]
) -> list[Any]:
    """One ``pytest.param`` per (text, want), ids from the text's first 40 characters.

    A case listed in ``decided_otherwise`` (by that id) is a strict xfail with its reason, so
    that one that passes again fails the suite.
    """
    return [
        pytest.param(
            text,
            want,
            id=text[:40],
            marks=[pytest.mark.xfail(strict=True, reason=decided_otherwise[text[:40]])]
            if text[:40] in decided_otherwise
            else [],
        )
        for text, want in cases
    ]
