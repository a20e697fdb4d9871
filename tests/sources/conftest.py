"""Fixtures of the importer tests."""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture
def con():
    """A fresh in-memory DuckDB connection for an importer to read with."""
    c = duckdb.connect()
    yield c
    c.close()


def frame(con, parsed):
    """The canonical rows of a parsed file as a pandas frame."""
    return con.execute(f"SELECT * FROM ({parsed.sql})").df()
