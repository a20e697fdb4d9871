"""Properties every indicator must have on any small world (Hypothesis, DuckDB)."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.indicators.concentration import export_diversification, hhi, theil
from corridor.indicators.dynamics import growth_decomposition
from corridor.indicators.tidy import to_world
from corridor.indicators.trade import hummels_klenow, trade_complementarity

CON = ibis.duckdb.connect()

rows = st.lists(
    st.tuples(
        st.sampled_from([2020, 2021]),
        st.sampled_from(["A", "B", "C"]),
        st.sampled_from(["X", "Y"]),
        st.sampled_from(["p1", "p2", "p3", "p4"]),
        st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=1e9, allow_nan=False)),
    ),
    min_size=1,
    max_size=30,
)
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def world(data) -> ibis.Table:
    df = pd.DataFrame(data, columns=["year", "exporter", "importer", "product", "value"])
    return ibis.memtable(df.groupby(["year", "exporter", "importer", "product"], as_index=False).value.sum())


@SETTINGS
@given(rows)
def test_concentration_bounds(data):
    t = world(data)
    h = CON.execute(hhi(t))
    assert ((h.hhi >= 1 / h.n_items - 1e-12) & (h.hhi <= 1 + 1e-12)).all()
    assert ((h.hhi_normalized >= -1e-12) & (h.hhi_normalized <= 1 + 1e-12)).all()
    th = CON.execute(theil(t))
    assert (th.theil >= -1e-9).all() and (th.theil_between >= -1e-12).all() and (th.theil_within >= -1e-9).all()
    assert ((th.theil - th.theil_between - th.theil_within).abs() < 1e-9).all()


@SETTINGS
@given(rows)
def test_similarity_indices_bounds(data):
    t = world(data)
    dx = CON.execute(export_diversification(to_world(t)))
    assert ((dx.dx >= -1e-12) & (dx.dx <= 1 + 1e-12)).all()
    tc = CON.execute(trade_complementarity(t))
    assert ((tc.tc >= -1e-9) & (tc.tc <= 100 + 1e-9)).all()
    hk = CON.execute(hummels_klenow(t))
    assert ((hk.extensive > 0) & (hk.extensive <= 1 + 1e-12)).all()
    assert ((hk.market_share - hk.extensive * hk.intensive).abs() < 1e-12).all()


@SETTINGS
@given(rows)
def test_growth_decomposition_identity(data):
    g = CON.execute(growth_decomposition(world(data), start=2020, end=2021))
    scale = g[["value_start", "value_end"]].abs().max(axis=1) + 1.0
    assert ((g.new + g.lost + g.intensive - g.change).abs() <= 1e-9 * scale).all()
    assert (g.new >= 0).all() and (g.lost <= 0).all()
    assert ((g.intensive - g.intensive_growth - g.intensive_decline).abs() <= 1e-9 * scale).all()


@pytest.mark.parametrize("fn", [hhi, theil])
def test_empty_or_all_zero_table_gives_no_rows(fn):
    t = world([(2020, "A", "X", "p1", 0.0)])
    assert CON.execute(fn(t)).empty
