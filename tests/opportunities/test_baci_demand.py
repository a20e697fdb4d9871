"""Issue 15: on a BACI workspace (HS6 only) the opportunities at HS4 use the market's real
bilateral imports (other economies' exports to it, summed up from HS6), not the group proxy."""

from __future__ import annotations

import pytest

from corridor.synthetic.baci import generate


@pytest.mark.slow
def test_opportunities_on_baci_use_chinas_bilateral_imports(tmp_path):
    from corridor.indicators.engines import to_arrow
    from corridor.opportunities.data import opportunity_inputs
    from corridor.sources import baci
    from corridor.store import Workspace

    z = generate(tmp_path / "BACI_HS17_V202401.zip", year=[2018, 2019], n_rows=30_000, n_countries=60, n_products=300,
                 seed=4, cepii_codes=True)
    with Workspace.open(tmp_path / "ws") as ws:
        baci.ingest_release(ws, z)
        inputs = opportunity_inputs(ws.flows(), exporter="KAZ", market="CHN", year=2019, level="hs4")
        demand = to_arrow(inputs.demand).to_pandas().set_index("product").value
        con = ws.connection
        real = dict(con.execute(
            "SELECT left(product_code, 4), sum(value_usd) FROM flows_all WHERE partner = 'CHN' AND year = 2019 "
            "AND reporter <> 'CHN' GROUP BY 1").fetchall())
    text = "\n".join(inputs.notes)
    assert "mirror demand" in text and "ROUGH" not in text and "WITS product group" not in text
    assert set(demand.index) == set(real) and all(len(p) == 4 for p in demand.index)
    for product, value in real.items():
        assert demand[product] == pytest.approx(value, rel=1e-9)
