"""Weighted conversion of HS6/HS4 data between HS revisions (HS92 .. HS22).

Method: the conversion weights of the Atlas of Economic Complexity (Harvard Growth Lab),
shipped by ``atlas-common-data`` (Apache-2.0) for each pair of *adjacent* revisions in both
directions (``H0<->H1``, ..., ``H5<->H6``). A weight ``w(a, b)`` is the share of the trade
reported under source code ``a`` that is attributed to target code ``b``; the weights of each
source code sum to 1. They follow the trade-weighted concordance approach of Lukaszuk &
Torun, "Harmonizing the Harmonized System" (2022), and the Atlas' data-cleaning notes.

Distant revisions are reached by chaining adjacent steps (HS12 -> HS92 is H4 -> H3 -> H2 ->
H1 -> H0): ``w(a, c) = sum_b w1(a, b) * w2(b, c)``. Where a step's target code is not a
source code of the next step (atlas' ``H0->H1`` table uses HS2007-style ``2710.12..2710.99``
codes that its ``H1->H2`` table does not have), the weight is passed on equally to the next
step's source codes sharing the longest code prefix (5, then 4 digits) — the only such case
in atlas-common-data 1.1 is heading 27.10, 17 codes. Zero weights are dropped.

atlas-common-data and Ibis are imported by the functions that use them, not with this module:
importing ``corridor.reference`` for its economy and code lookups needs neither.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import QueryError, ReferenceDataError
from ._options import (
    ATLAS_CODES,
    HS_REVISIONS,
    ConversionLevel,
    Unmatched,
    classification_of,
)
from ..options import ConversionLevel, Unmatched, check
from ._tables import TableSpec, prefix_bridge, validate_table
from .hs import product_codes
from ..messages import Message

if TYPE_CHECKING:
    import ibis

#: Weights of one source code must sum to 1 within this tolerance.
SUM_TOLERANCE = 1e-9

WEIGHTS_SPEC = TableSpec(
    name="conversion weights",
    key=("source_code", "target_code"),
    text=("source_code", "target_code"),
    number=("weight",),
)


def check_weights(table: pd.DataFrame, *, name: str, digits: int = 6) -> pd.DataFrame:
    """Validate a weight table: unique (source, target) pairs, codes of ``digits`` digits,
    weights in (0, 1], and the weights of each source code summing to 1 (``SUM_TOLERANCE``).
    Raises :class:`~corridor.errors.ReferenceDataError` naming the table and the code."""
    spec = TableSpec(
        name=name,
        key=WEIGHTS_SPEC.key,
        text=WEIGHTS_SPEC.text,
        number=WEIGHTS_SPEC.number,
        pattern=(("source_code", rf"\d{{{digits}}}"), ("target_code", rf"\d{{{digits}}}")),
    )
    table = validate_table(table, spec)
    out_of_range = table[(table["weight"] <= 0) | (table["weight"] > 1 + SUM_TOLERANCE)]
    if len(out_of_range):
        row = out_of_range.iloc[0]
        raise ReferenceDataError(
            f"reference table {name!r}: row {int(out_of_range.index[0]) + 1}, column 'weight': "
            f"weight {row['weight']!r} of {row['source_code']}->{row['target_code']} is not in (0, 1]"
        )
    sums = table.groupby("source_code")["weight"].sum()
    off = sums[(sums - 1).abs() > SUM_TOLERANCE]
    if len(off):
        raise ReferenceDataError(
            f"reference table {name!r}: the weights of {len(off)} source code(s) do not sum to 1 "
            f"(tolerance {SUM_TOLERANCE:g}), e.g. {off.index[0]} sums to {off.iloc[0]!r}"
        )
    return table


@cache
def _step(source: str, target: str) -> pd.DataFrame:
    """Atlas weights between two adjacent revisions, leading zeros restored, zeros dropped."""
    import atlas_common_data

    src, tgt = ATLAS_CODES[source], ATLAS_CODES[target]
    raw = atlas_common_data.load_conversion_weights(src, tgt)
    table = pd.DataFrame(
        {
            "source_code": raw[src].astype(str).str.zfill(6),
            "target_code": raw[tgt].astype(str).str.zfill(6),
            "weight": raw[f"weight_{src}_{tgt}"].astype("float64"),
        }
    )
    table = table[table["weight"] > 0].reset_index(drop=True)
    return check_weights(table, name=f"atlas-common-data conversion_weights_{src}_to_{tgt}")


def _compose(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """``w(a, c) = sum_b w1(a, b) * w2(b, c)``, bridging codes missing from ``second``."""
    bridge = prefix_bridge(first["target_code"], second["source_code"], widths=(6, 5, 4))
    linked = first.merge(bridge, left_on="target_code", right_on="code")
    linked = linked.assign(weight=linked["weight"] * linked["share"])[["source_code", "next_code", "weight"]]
    chained = linked.merge(second, left_on="next_code", right_on="source_code", suffixes=("", "_2"))
    chained = chained.assign(weight=chained["weight"] * chained["weight_2"])
    result = chained.groupby(["source_code", "target_code"], as_index=False, sort=True)["weight"].sum()
    return result[result["weight"] > 0].reset_index(drop=True)


@cache
def _hs6_weights(source: str, target: str) -> pd.DataFrame:
    if source == target:
        codes = sorted(product_codes(source, "hs6"))
        return pd.DataFrame({"source_code": codes, "target_code": codes, "weight": 1.0})
    i, j = HS_REVISIONS.index(source), HS_REVISIONS.index(target)
    direction = 1 if j > i else -1
    path = [HS_REVISIONS[k] for k in range(i, j + direction, direction)]
    weights = _step(path[0], path[1])
    for a, b in zip(path[1:], path[2:]):
        weights = _compose(weights, _step(a, b))
    return check_weights(weights, name=f"conversion weights {source}->{target}")


@cache
def _hs4_weights(source: str, target: str) -> pd.DataFrame:
    """HS4 weights: ``w4(A, B) = (1 / n_A) * sum_{a in A} sum_{b in B} w6(a, b)``, where
    ``n_A`` is the number of HS6 children of ``A`` (equal weights for the children)."""
    six = _hs6_weights(source, target)
    frame = six.assign(source4=six["source_code"].str[:4], target4=six["target_code"].str[:4])
    children = frame.groupby("source4")["source_code"].nunique().rename("n_children")
    summed = frame.groupby(["source4", "target4"], as_index=False)["weight"].sum().join(children, on="source4")
    table = pd.DataFrame(
        {
            "source_code": summed["source4"],
            "target_code": summed["target4"],
            "weight": summed["weight"] / summed["n_children"],
        }
    )
    return check_weights(table, name=f"conversion weights {source}->{target} (hs4)", digits=4)


def conversion_weights(source: str, target: str, *, level: ConversionLevel = "hs6") -> pd.DataFrame:
    """Weights to convert product codes from HS revision ``source`` to ``target``.

    Returns ``source_code``, ``target_code``, ``weight``; the weights of each source code sum
    to 1 (validated, tolerance 1e-9). ``level='hs6'``: atlas-common-data's weights, chained
    over adjacent revisions as described in this module's docstring; the identity when
    ``source == target``. ``level='hs4'``: HS4 weights aggregated from the HS6 ones, the HS6
    children of a source heading weighted *equally* (used when data have no HS6 detail):
    ``w4(A, B) = (1 / n_A) * sum over children a of A and b of B of w6(a, b)``.
    """
    check(level, ConversionLevel, field="level")
    src = classification_of(source, allow_total=False)
    tgt = classification_of(target, allow_total=False)
    table = _hs6_weights(src, tgt) if level == "hs6" else _hs4_weights(src, tgt)
    return table.copy()


def _weights_memtable(source: str, target: str, level: str) -> ibis.Table:
    import ibis

    weights = conversion_weights(source, target, level=level)
    return ibis.memtable(
        weights.rename(columns={"source_code": "_cw_source", "target_code": "_cw_target", "weight": "_cw_weight"})
    )


def convert(
    table: ibis.Table,
    *,
    source: str,
    target: str,
    code_column: str = "product_code",
    value_columns: tuple[str, ...] = ("value_usd",),
    level: ConversionLevel = "hs6",
    unmatched: Unmatched = "keep",
) -> ibis.Table:
    """Convert an HS6 (or HS4) table from revision ``source`` to ``target``, as an Ibis
    expression that runs on any backend (DuckDB, PySpark).

    Each row is joined with the :func:`conversion_weights` of its code (passed as an Ibis
    memtable), its ``value_columns`` are multiplied by the weight, its code replaced by the
    target code, and the rows are re-aggregated (sum of the value columns) over all other
    columns. A ``classification`` column, if present, is set to ``target``.

    ``unmatched``: rows whose code is not a source code of the weights (``9999AA``, a code of
    another revision, a malformed code) are kept unchanged (``'keep'``: totals are preserved;
    list them with :func:`unconverted_codes`) or dropped (``'drop'``).
    """
    import ibis

    check(unmatched, Unmatched, field="unmatched")
    tgt = classification_of(target, allow_total=False)
    columns = tuple(table.columns)
    missing = [c for c in (code_column, *value_columns) if c not in columns]
    if missing:
        raise QueryError(Message("ref_convert_columns", missing=", ".join(missing), columns=", ".join(columns)))
    weights = _weights_memtable(source, target, level)
    how = "left" if unmatched == "keep" else "inner"
    joined = table.join(weights, table[code_column] == weights._cw_source, how=how)
    factor = joined._cw_weight.fill_null(1.0)
    mutations = {code_column: joined._cw_target.fill_null(joined[code_column])}
    mutations |= {c: joined[c] * factor for c in value_columns}
    if "classification" in columns:
        mutations["classification"] = ibis.literal(tgt)
    weighted = joined.mutate(**mutations)
    keys = [c for c in columns if c not in value_columns]
    summed = weighted.group_by(keys).aggregate(**{c: weighted[c].sum() for c in value_columns})
    return summed.select(*columns)


def unconverted_codes(
    table: ibis.Table,
    *,
    source: str,
    target: str,
    code_column: str = "product_code",
    level: ConversionLevel = "hs6",
) -> ibis.Table:
    """Distinct codes of ``table`` that :func:`convert` cannot convert (not a source code of
    the weights), as an Ibis expression with one column ``code_column``."""
    weights = _weights_memtable(source, target, level)
    codes = table.select(code_column).distinct()
    return codes.anti_join(weights, codes[code_column] == weights._cw_source)
