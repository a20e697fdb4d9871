"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# $CORRIDOR_SHARED_DATA names the data where ../shared is not beside the checkout (a worktree).
SHARED_DATA = Path(os.environ.get("CORRIDOR_SHARED_DATA") or REPO.parent / "shared" / "data")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the repository; skips the test when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data not available: {SHARED_DATA} is absent (clone with ../shared beside the repo)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


# The suite builds the reference lookups from their sources (the code under test) rather
# than reading corridor's on-disk lookup cache; tests/reference/test_lookup_cache.py tests
# the cache itself in a folder of its own.
os.environ["CORRIDOR_REFERENCE_CACHE"] = "off"
