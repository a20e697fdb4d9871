from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def kz_cn_totals() -> Path:
    """``../shared/data/kz_cn_totals`` (real UN Comtrade totals); skips when absent."""
    path = SHARED / "kz_cn_totals"
    if not path.is_dir():
        pytest.skip(f"../shared/data is absent: {path.resolve()} not found")
    return path
