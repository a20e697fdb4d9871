"""Issue 15: the group proxy's error, stated on every proxied answer, recomputed from the
2017 world HS4 matrix (real exports of 224 economies; economies' exports stand in for a
market's imports)."""

from __future__ import annotations

import pandas as pd
import pytest

from corridor.opportunities.data import GROUP_PROXY_ERROR, group_proxy_error


@pytest.mark.shared
def test_the_stated_proxy_error_is_what_the_world_matrix_gives(shared_data):
    raw = pd.read_parquet(shared_data / "world_hs4_2017" / "world_trade_2017.parquet").dropna()
    matrix = raw.rename(columns={"reporter_iso": "exporter", "product_code": "product", "export_value_usd": "value"})
    err = group_proxy_error(matrix)
    assert len(err) == 87
    med = err.median(numeric_only=True)
    assert f"{med.factor:.1f}" == GROUP_PROXY_ERROR["factor"] and f"{100 * med.off2x:.0f}" == GROUP_PROXY_ERROR["off2x"]
    assert f"{med.top_factor:.1f}" == GROUP_PROXY_ERROR["top_factor"]
    assert f"{100 * med.misplaced:.0f}" == GROUP_PROXY_ERROR["misplaced"] and f"{100 * med.overlap:.0f}" == GROUP_PROXY_ERROR["overlap"]
    chn = err.set_index("exporter").loc["chn"]
    assert f"{chn.factor:.1f}" == GROUP_PROXY_ERROR["china_factor"] and f"{chn.top_factor:.1f}" == GROUP_PROXY_ERROR["china_top_factor"]


def test_the_error_note_renders_in_both_languages():
    from corridor.indicators.notes import note

    from corridor.opportunities.data import proxy_error_params

    n = note("demand_proxy_error", **proxy_error_params())
    assert "ROUGH" in n.render("en") and "factor 5.7" in n.render("en")
    assert "ПРИБЛИЗИТЕЛЬНЫ" in n.render("ru") and "в 5,7 раза" in n.render("ru") and "5.7" not in n.render("ru")
