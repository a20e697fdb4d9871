"""The monitor's computations on small hand-made tables (no workspace needed)."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest

from corridor.monitor import build_monitor
from corridor.schema import FLOW_COLUMNS


def _row(reporter, partner, flow, year, value, *, source="s", level="total", code="TOTAL", cls="TOTAL",
         release="r1", valuation="FOB"):
    return dict(source=source, release=release, reporter=reporter, partner=partner, flow=flow, year=year,
                period_kind="year", month=12, classification=cls, product_level=level, product_code=code,
                value_usd=float(value), quantity=None, quantity_unit=None, valuation=valuation, ingest_id=f"{source}-{release}")


def _flows(rows) -> ibis.Table:
    df = pd.DataFrame(rows)[list(FLOW_COLUMNS)].astype({"year": "int16", "month": "int8"})
    return ibis.memtable(df)


def test_both_sides_gap_and_growth_by_hand() -> None:
    rows = [
        _row("KAZ", "CHN", "export", 2022, 100), _row("KAZ", "CHN", "import", 2022, 50),
        _row("KAZ", "CHN", "export", 2023, 150), _row("KAZ", "CHN", "import", 2023, 40),
        _row("CHN", "KAZ", "import", 2023, 165, valuation="CIF"), _row("CHN", "KAZ", "export", 2023, 80),
    ]
    rep = build_monitor(_flows(rows), economy="KAZ", partner="CHN", year_from=2022, year_to=2023)
    s = rep.summary.set_index(["reported_by", "year"])
    assert s.loc[("economy", 2023), "turnover"] == 190 and s.loc[("economy", 2023), "balance"] == 110
    assert s.loc[("economy", 2023), "exports_growth_pct"] == pytest.approx(50.0)
    assert s.loc[("economy", 2023), "turnover_growth_pct"] == pytest.approx((190 / 150 - 1) * 100)
    # mirror: China's imports from KAZ are KAZ's exports; China's exports are KAZ's imports
    assert s.loc[("partner", 2023), "exports"] == 165 and s.loc[("partner", 2023), "imports"] == 80
    g = rep.gaps.set_index(["year", "flow"])
    assert g.loc[(2023, "export"), "gap_pct"] == pytest.approx(10.0)
    assert g.loc[(2023, "import"), "gap_usd"] == 40


def test_no_growth_across_a_change_of_source_or_basis() -> None:
    rows = [
        _row("KAZ", "CHN", "export", 2022, 100),  # a reported total
        _row("KAZ", "CHN", "export", 2023, 60, source="w", level="hs4", code="0101", cls="HS12"),  # a sum of lines
        _row("KAZ", "CHN", "export", 2023, 5, source="w", level="hs4", code="0102", cls="HS12"),
    ]
    rep = build_monitor(_flows(rows), economy="KAZ", partner="CHN", year_from=2022, year_to=2023)
    s = rep.summary.set_index(["reported_by", "year"])
    assert s.loc[("economy", 2023), "exports"] == 65
    assert pd.isna(s.loc[("economy", 2023), "exports_growth_pct"])


def test_growth_on_the_current_years_own_source_when_the_primary_source_changes() -> None:
    """Kazakhstan's 2024 imports only from WITS's lines, 2023's from Comtrade's reported total
    (primary) and WITS's lines: the growth of 2024 is against WITS's 2023 lines, the same
    source and basis (it was missing: the demo's Kazakh-side 2024 turnover growth read n/a)."""
    lines = dict(source="w", level="hs4", cls="HS12")
    rows = [
        _row("KAZ", "CHN", "export", 2023, 100), _row("KAZ", "CHN", "export", 2024, 110),
        _row("KAZ", "CHN", "export", 2023, 99, code="0101", **lines), _row("KAZ", "CHN", "export", 2024, 108, code="0101", **lines),
        _row("KAZ", "CHN", "import", 2023, 200),  # Comtrade's total; no total for 2024
        _row("KAZ", "CHN", "import", 2023, 190, code="0101", **lines), _row("KAZ", "CHN", "import", 2023, 8, code="0102", **lines),
        _row("KAZ", "CHN", "import", 2024, 150, code="0101", **lines), _row("KAZ", "CHN", "import", 2024, 30, code="0102", **lines),
    ]
    rep = build_monitor(_flows(rows), economy="KAZ", partner="CHN", year_from=2023, year_to=2024)
    s = rep.summary.set_index(["reported_by", "year"])
    assert s.loc[("economy", 2024), "imports"] == 180 and s.loc[("economy", 2023), "imports"] == 200
    assert s.loc[("economy", 2024), "imports_growth_pct"] == pytest.approx((180 / 198 - 1) * 100)
    assert s.loc[("economy", 2024), "exports_growth_pct"] == pytest.approx(10.0)  # totals both years
    assert s.loc[("economy", 2024), "turnover_growth_pct"] == pytest.approx((290 / 298 - 1) * 100)


def test_top_product_growth_only_between_comparable_years_and_zero_values_do_not_crash() -> None:
    rows = [
        _row("KAZ", "CHN", "export", 2022, 10, level="hs4", code="2709", cls="HS12"),
        _row("KAZ", "CHN", "export", 2023, 30, level="hs4", code="2709", cls="HS17"),
    ]
    rep = build_monitor(_flows(rows), economy="KAZ", partner="CHN", year_from=2022, year_to=2023)
    top = rep.top_products.set_index("year")
    assert pd.isna(top.loc[2023, "growth_pct"])  # HS12 -> HS17: not comparable
    zero = [_row("KAZ", "CHN", "export", 2023, 0, level="hs4", code="2709", cls="HS12")]
    rep = build_monitor(_flows(zero), economy="KAZ", partner="CHN", year_from=2023, year_to=2023)
    assert rep.structure.empty and rep.top_products.empty


def test_an_economy_with_itself_is_refused_by_the_monitor_and_the_figures() -> None:
    from corridor.errors import QueryError
    from corridor.store.figures import bilateral_figures

    flows = _flows([_row("KAZ", "CHN", "export", 2020, 1.0)])
    for run in (lambda: build_monitor(flows, economy="KAZ", partner="KAZ", year_from=2020, year_to=2020),
                lambda: bilateral_figures(flows, economy="KAZ", partner="KAZ")):
        with pytest.raises(QueryError, match=r"economy and partner are the same \(KAZ\)"):
            run()


def test_sections_shares_and_hhi_do_not_depend_on_the_order_of_the_product_lines() -> None:
    """The treemap's sections and shares, the structure's totals and HHI: the same product
    lines in any order give the same bits (order-independent sums, store.sums.exact_fsum)."""
    import numpy as np

    from corridor.monitor import product_indicators

    rng = np.random.default_rng(3)
    codes = [f"{c:02d}{n:02d}" for c in range(1, 98) for n in range(1, 12)]
    values = rng.lognormal(12, 3, len(codes)) + rng.random(len(codes))
    lines = pd.DataFrame({"year": 2023, "reported_by": "economy", "flow": "export", "source": "s",
                          "classification": "HS12", "code": codes, "value_usd": values, "level": "hs4"})
    tables = []
    for seed in range(6):
        shuffled = lines.sample(frac=1.0, random_state=seed).reset_index(drop=True)
        structure, sections, _, _ = product_indicators(shuffled, top=10)
        sections = sections.sort_values(["section"], na_position="last").reset_index(drop=True)
        tables.append((structure.to_json(double_precision=15), [float(v).hex() for v in sections["value_usd"]],
                       [float(v).hex() for v in sections["share"]], float(structure["hhi"].iloc[0]).hex(),
                       float(structure["total_usd"].iloc[0]).hex()))
    assert len(sections) > 15
    assert all(t == tables[0] for t in tables[1:])


def test_the_terminal_names_top_products_in_their_own_classification() -> None:
    """HS22's heading 8524 (flat panel display modules) is not in HS12: the Russian table
    showed the lookup's English name, as it named every product from HS12."""
    from corridor.reports.console import console
    from corridor.reports.monitor import render_terminal
    from corridor.reports.names import name_map

    rows = [_row("CHN", "KAZ", "export", 2023, 30, level="hs4", code="8524", cls="HS22"),
            _row("CHN", "KAZ", "export", 2023, 10, level="hs4", code="8517", cls="HS22")]
    rep = build_monitor(_flows(rows), economy="KAZ", partner="CHN", year_from=2023, year_to=2023)
    for lang in ("ru", "en"):
        con = console(200)
        render_terminal(rep, lang=lang, console=con)
        out = " ".join(con.file.getvalue().split())
        name = name_map("HS22", "hs4", lang)["8524"]
        assert " ".join(name.split()[:3]) in out, out
