"""Fixtures of the reference tests."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def shared_reference_data() -> Path:
    """``../shared/data`` beside the repository; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared/data is absent ({SHARED.resolve()}): real-data checks skipped")
    return SHARED.resolve()


@pytest.fixture
def fresh_caches():
    """Clear every functools cache of corridor.reference before and after the test."""
    from corridor.reference import conversion, economy, groups, hs

    def clear() -> None:
        for module in (conversion, economy, groups, hs):
            for value in vars(module).values():
                if hasattr(value, "cache_clear"):
                    value.cache_clear()

    clear()
    yield
    clear()
