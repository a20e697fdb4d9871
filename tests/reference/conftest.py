"""Fixtures of the reference tests."""

from __future__ import annotations

import pytest


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
