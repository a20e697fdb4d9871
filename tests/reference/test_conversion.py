"""HS revision conversion: weights, chaining, and the Ibis conversion on DuckDB and Spark."""

from __future__ import annotations

import shutil

import ibis
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.errors import OptionError, QueryError
from corridor.reference import conversion_weights, convert, product_codes, unconverted_codes

REVISIONS = ("HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22")


def _sums(weights: pd.DataFrame) -> pd.Series:
    return weights.groupby("source_code")["weight"].sum()


@pytest.mark.parametrize("target", REVISIONS)
@pytest.mark.parametrize("source", ("HS92", "HS12", "HS22"))
def test_weights_of_each_source_code_sum_to_one(source, target):
    for level in ("hs6", "hs4"):
        weights = conversion_weights(source, target, level=level)
        assert (_sums(weights) - 1).abs().max() <= 1e-9
        assert not weights.duplicated(["source_code", "target_code"]).any()
        assert weights["weight"].gt(0).all()
        assert set(weights["target_code"].str[:2]) <= product_codes(target, "hs2")


def test_hand_checked_adjacent_weights():
    # atlas-common-data H4->H3: copper cooking ware 7418.10 (HS 2012) splits into
    # 7418.11 (pot scourers) and 7418.19 (other) of HS 2007
    weights = conversion_weights("HS12", "HS07").set_index(["source_code", "target_code"])["weight"]
    assert weights[("741810", "741811")] == pytest.approx(0.3254003628930094, abs=1e-15)
    assert weights[("741810", "741819")] == pytest.approx(0.6745996371069904, abs=1e-15)


def test_chained_weights_are_the_product_of_the_steps():
    """HS17 -> HS07 = (HS17 -> HS12) x (HS12 -> HS07), checked by hand on one code."""
    first = conversion_weights("HS17", "HS12")
    second = conversion_weights("HS12", "HS07").set_index(["source_code", "target_code"])["weight"]
    chained = conversion_weights("HS17", "HS07").set_index(["source_code", "target_code"])["weight"]
    code = "741810"
    expected: dict[str, float] = {}
    for _, row in first[first["source_code"] == code].iterrows():
        for (mid, target), weight in second[second.index.get_level_values(0) == row["target_code"]].items():
            expected[target] = expected.get(target, 0.0) + row["weight"] * weight
    assert {t: chained[(code, t)] for t in expected} == pytest.approx(expected, abs=1e-12)


def test_identity_and_aliases():
    same = conversion_weights("H4", "HS2012")
    assert (same["source_code"] == same["target_code"]).all() and (same["weight"] == 1).all()
    with pytest.raises(OptionError, match="hs4, hs6"):
        conversion_weights("HS12", "HS92", level="hs2")
    with pytest.raises(QueryError, match="classification 'TOTAL'"):
        conversion_weights("TOTAL", "HS92")


def test_hs4_weights_weight_the_children_equally():
    six = conversion_weights("HS12", "HS07")
    four = conversion_weights("HS12", "HS07", level="hs4").set_index(["source_code", "target_code"])["weight"]
    children = six[six["source_code"].str.startswith("7418")]
    n = children["source_code"].nunique()
    by_target = children.groupby(children["target_code"].str[:4])["weight"].sum() / n
    assert {("7418", t): w for t, w in by_target.items()} == pytest.approx(four[four.index.get_level_values(0) == "7418"].to_dict())


def _flows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "reporter": ["KAZ", "KAZ", "KAZ", "CHN"],
            "year": [2020, 2020, 2020, 2020],
            "classification": ["HS12"] * 4,
            "product_code": ["741810", "090121", "9999AA", "741810"],
            "value_usd": [1000.0, 10.0, 7.0, 500.0],
            "quantity": [2.0, None, None, 1.0],
        }
    )


def _check_conversion(result: pd.DataFrame) -> None:
    result = result.sort_values(["reporter", "product_code"]).reset_index(drop=True)
    kaz = result[result["reporter"] == "KAZ"].set_index("product_code")
    assert kaz.at["741811", "value_usd"] == pytest.approx(325.4003628930094)
    assert kaz.at["741819", "value_usd"] == pytest.approx(674.5996371069904)
    assert kaz.at["741811", "quantity"] == pytest.approx(2 * 0.3254003628930094)
    assert kaz.at["090121", "value_usd"] == pytest.approx(10.0)
    assert kaz.at["9999AA", "value_usd"] == 7.0  # kept unchanged
    assert (result["classification"] == "HS07").all()
    assert result["value_usd"].sum() == pytest.approx(_flows()["value_usd"].sum())
    assert list(result.columns) == list(_flows().columns)


def test_convert_on_duckdb():
    table = ibis.memtable(_flows())
    expr = convert(table, source="HS12", target="HS07", value_columns=("value_usd", "quantity"))
    _check_conversion(ibis.duckdb.connect().execute(expr))
    assert unconverted_codes(table, source="HS12", target="HS07").execute()["product_code"].tolist() == ["9999AA"]
    dropped = convert(table, source="HS12", target="HS07", unmatched="drop").execute()
    assert "9999AA" not in set(dropped["product_code"])


def test_convert_hs4_on_duckdb():
    table = ibis.memtable(pd.DataFrame({"product_code": ["7418", "0901"], "value_usd": [100.0, 5.0]}))
    result = convert(table, source="HS12", target="HS07", level="hs4").execute()
    assert result["value_usd"].sum() == pytest.approx(105.0)
    assert set(result["product_code"]) >= {"7418", "0901"}


def test_convert_refuses_missing_columns():
    table = ibis.memtable(pd.DataFrame({"code": ["741810"], "value_usd": [1.0]}))
    with pytest.raises(QueryError, match="product_code"):
        convert(table, source="HS12", target="HS07")


@pytest.mark.spark
@pytest.mark.slow
def test_convert_on_spark():
    """The same expression on PySpark (local session, memtables as temporary views)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Java is not on PATH (the pyspark engine needs Java 17)")
    from corridor.indicators.engines import connect

    con = connect("pyspark", driver_memory="1g")
    expr = convert(ibis.memtable(_flows()), source="HS12", target="HS07", value_columns=("value_usd", "quantity"))
    _check_conversion(con.execute(expr))


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_conversion_preserves_totals_per_reporter(data):
    """Property: converting any HS12 table to HS92 and to HS22 keeps each reporter's total."""
    codes = sorted(product_codes("HS12", "hs6"))
    rows = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from(["KAZ", "CHN"]),
                st.sampled_from(codes),
                st.floats(min_value=0, max_value=1e9, allow_nan=False),
            ),
            min_size=1,
            max_size=30,
        )
    )
    frame = pd.DataFrame(rows, columns=["reporter", "product_code", "value_usd"])
    expected = frame.groupby("reporter")["value_usd"].sum()
    for target in ("HS92", "HS22"):
        result = convert(ibis.memtable(frame), source="HS12", target=target).execute()
        assert set(result["product_code"]) <= product_codes(target, "hs6")
        totals = result.groupby("reporter")["value_usd"].sum()
        assert totals.to_dict() == pytest.approx(expected.to_dict(), rel=1e-9, abs=1e-6)
