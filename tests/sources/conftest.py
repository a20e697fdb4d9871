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


def refusal(parse, con, path, **kw):
    """The (line, field, value) of each problem of the InputError that parsing ``path``
    with ``parse`` raises (the test fails when it does not raise)."""
    from corridor.errors import InputError

    with pytest.raises(InputError) as err:
        parse(con, path, **kw)
    return [(p.line, p.field, p.value) for p in err.value.problems]
