"""export_matrix: world rows vs bilateral sums, sub-national reporters, windows, mixed sources."""

from __future__ import annotations

import pandas as pd
import pytest

from corridor.errors import ConfigError, QueryError
from corridor.indicators.inputs import export_matrix

from .worlds import flow_rows


def _cells(table) -> dict[tuple[int, str, str], float]:
    df = table.to_pandas()
    return {(int(y), c, p): v for y, c, p, v in zip(df.year, df.exporter, df["product"], df.export_value)}


def test_world_rows_win_over_bilateral_and_are_never_added(duckdb_engine):
    flows = flow_rows(
        [
            ("KAZ", "WLD", 2020, "2601", 100), ("KAZ", "CHN", 2020, "2601", 60), ("KAZ", "RUS", 2020, "2601", 30),
            ("CHN", "KAZ", 2020, "8471", 5), ("CHN", "RUS", 2020, "8471", 7), ("CHN", "RUS", 2020, "2601", 1),
            ("CHN", "KZ-ALA", 2020, "8471", 3),  # sub-national partner: inside KAZ already
            ("KAZ", "CHN", 2020, "2601", 999, "import"),
        ]
    )
    got = _cells(export_matrix(duckdb_engine.table(flows), level="hs4"))
    assert got == {(2020, "KAZ", "2601"): 100.0, (2020, "CHN", "8471"): 12.0, (2020, "CHN", "2601"): 1.0}


def test_world_rule_is_per_reporter_year(duckdb_engine):
    flows = flow_rows([("KAZ", "WLD", 2020, "2601", 100), ("KAZ", "CHN", 2021, "2601", 60), ("KAZ", "RUS", 2021, "2601", 10)])
    got = _cells(export_matrix(duckdb_engine.table(flows), level="hs4"))
    assert got == {(2020, "KAZ", "2601"): 100.0, (2021, "KAZ", "2601"): 70.0}


def test_subnational_reporters_only_when_asked(duckdb_engine):
    flows = flow_rows([("KAZ", "WLD", 2020, "2601", 100), ("CN-XJ", "KAZ", 2020, "8471", 5), ("WLD", "KAZ", 2020, "8471", 9)])
    t = duckdb_engine.table(flows)
    assert {c for _, c, _ in _cells(export_matrix(t))} == {"KAZ"}
    assert {c for _, c, _ in _cells(export_matrix(t, include_subnational=True))} == {"KAZ", "CN-XJ"}


def test_window_mean_over_reported_years(duckdb_engine):
    flows = flow_rows(
        [
            ("KAZ", "WLD", 2018, "2601", 30), ("KAZ", "WLD", 2019, "2601", 60), ("KAZ", "WLD", 2019, "7202", 9),
            ("KAZ", "WLD", 2020, "2601", 90),
            ("UZB", "WLD", 2020, "5201", 12), ("UZB", "WLD", 2018, "5201", 6),  # UZB did not report 2019
        ]
    )
    got = _cells(export_matrix(duckdb_engine.table(flows), years=2020, window=3))
    # KAZ reported 2018-2020: (30+60+90)/3; 7202 only in 2019: 9/3 (absent = zero in a reported year)
    # UZB reported 2018 and 2020: (6+12)/2
    assert got == {(2020, "KAZ", "2601"): 60.0, (2020, "KAZ", "7202"): 3.0, (2020, "UZB", "5201"): 9.0}


def test_level_and_year_filter(duckdb_engine):
    flows = pd.concat(
        [flow_rows([("KAZ", "WLD", 2020, "26", 100)], level="hs2"), flow_rows([("KAZ", "WLD", 2020, "2601", 100), ("KAZ", "WLD", 2021, "2601", 7)])]
    )
    got = _cells(export_matrix(duckdb_engine.table(flows), years=[2021], level="hs4"))
    assert got == {(2021, "KAZ", "2601"): 7.0}


def test_mixed_sources_are_refused_with_the_fix(duckdb_engine):
    flows = pd.concat([flow_rows([("KAZ", "WLD", 2020, "2601", 1)], source="BACI"), flow_rows([("KAZ", "WLD", 2020, "2601", 1)], source="WITS")])
    t = duckdb_engine.table(flows)
    with pytest.raises(QueryError, match="BACI/HS12, WITS/HS12.*source="):
        export_matrix(t)
    assert _cells(export_matrix(t, source="WITS")) == {(2020, "KAZ", "2601"): 1.0}


@pytest.mark.parametrize("kw, message", [({"level": "hs8"}, "hs2, hs4, hs6"), ({"window": 0}, "window"), ({"years": "2020"}, "years")])
def test_bad_arguments(duckdb_engine, kw, message):
    t = duckdb_engine.table(flow_rows([("KAZ", "WLD", 2020, "2601", 1)]))
    with pytest.raises(ConfigError, match=message):
        export_matrix(t, **kw)
