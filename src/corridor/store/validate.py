"""Content checks applied to every ingest, whatever its source.

Each check is a SQL predicate over the canonical columns that is true for a *bad* row.
The rules that need no reference table are first tried against the statistics DuckDB
gathers while it writes the staged file (:func:`proven_by_statistics`): a file they
prove clean needs no scan for them.  The others, and all of them for a file the
statistics do not prove clean, run on the staged Parquet file (fast, columnar); when one fails, the same predicate runs once more over the importer's query
to name the lines of the first offending rows.  All problems are collected, not only
the first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import numpy as np

from ..errors import Problem
from ..schema import (
    CLASSIFICATIONS,
    FLOWS,
    KEY_COLUMNS,
    PERIOD_KINDS,
    PRODUCT_LEVELS,
)
from ..messages import Message

REQUIRED = (
    "source", "release", "reporter", "partner", "flow", "year", "period_kind", "month",
    "classification", "product_level", "product_code", "value_usd",
)

HS: tuple[str, ...] = tuple(c for c in CLASSIFICATIONS if c != "TOTAL")

#: How many offending rows of one check are located and shown.
SHOW = 5


def _in_list(values: tuple[str, ...]) -> str:
    return "(" + ", ".join("'" + v + "'" for v in values) + ")"


@dataclass(frozen=True, slots=True)
class Check:
    """A named content rule: ``predicate`` selects the *bad* rows."""

    code: str
    field: str
    predicate: str
    message: str | Message
    expected: str | Message


def row_checks(*, allow_unknown_codes: bool) -> tuple[Check, ...]:
    """The per-row rules.  Unknown codes are checked against the reference tables
    registered as ``_ref_economies(code)`` and ``_ref_products(classification, level, code)``."""
    checks: list[Check] = [
        Check("missing", col, f"{col} IS NULL", Message("err_missing_value"), Message("err_a_value")) for col in REQUIRED
    ]
    checks += [
        Check("flow", "flow", f"flow NOT IN {_in_list(FLOWS)}", Message("val_unknown_flow"), " | ".join(FLOWS)),
        Check("period_kind", "period_kind", f"period_kind NOT IN {_in_list(PERIOD_KINDS)}",
              Message("val_unknown_period_kind"), " | ".join(PERIOD_KINDS)),
        Check("month", "month",
              "(period_kind = 'year' AND month <> 12) OR month < 1 OR month > 12",
              Message("val_month_range"), Message("val_month_expected")),
        Check("year", "year", "year < 1948 OR year > 2100", Message("val_year_range"), Message("val_year_expected")),
        Check("classification", "classification", f"classification NOT IN {_in_list(CLASSIFICATIONS)}",
              Message("val_unknown_classification"), " | ".join(CLASSIFICATIONS)),
        Check("product_level", "product_level", f"product_level NOT IN {_in_list(PRODUCT_LEVELS)}",
              Message("val_unknown_level"), " | ".join(PRODUCT_LEVELS)),
        Check("total", "product_code",
              "(product_level = 'total') <> (product_code = 'TOTAL')",
              Message("val_total"), Message("val_total_expected")),
        Check("value", "value_usd", "value_usd < 0 OR isnan(value_usd) OR isinf(value_usd)",
              Message("val_negative_value"), Message("val_value_expected")),
        Check("quantity", "quantity", "quantity < 0 OR isnan(quantity) OR isinf(quantity)",
              Message("val_negative_quantity"), Message("val_quantity_expected")),
    ]
    if not allow_unknown_codes:
        checks += [
            Check("economy", "reporter",
                  "reporter IS NOT NULL AND reporter NOT IN (SELECT code FROM _ref_economies)",
                  Message("val_unknown_economy_code"), Message("val_economy_expected")),
            Check("economy", "partner",
                  "partner IS NOT NULL AND partner NOT IN (SELECT code FROM _ref_economies)",
                  Message("val_unknown_economy_code"), Message("val_economy_expected")),
            Check("product", "product_code",
                  "product_level <> 'total' AND EXISTS (SELECT 1 FROM _unknown_products u WHERE "
                  "u.classification = t.classification AND u.level = t.product_level AND u.code = t.product_code)",
                  Message("val_unknown_product"),
                  Message("val_product_expected")),
        ]
    return tuple(checks)


def _is_simple(check: Check) -> bool:
    """A rule that needs no reference table (no subquery)."""
    return "SELECT" not in check.predicate


def simple_checks(*, allow_unknown_codes: bool = True) -> tuple[Check, ...]:
    """The per-row rules that need no reference table (no subquery)."""
    return tuple(c for c in row_checks(allow_unknown_codes=allow_unknown_codes) if _is_simple(c))


def proven_by_statistics(stats: Mapping[str, Mapping[str, str]], constants: Mapping[str, object]) -> bool:
    """True when the staged file's column statistics (DuckDB's ``COPY ... RETURN_STATS``:
    per column ``null_count``, exact ``min``/``max``, ``has_nan``) and the per-file
    ``constants`` (as stored, i.e. cast to the canonical types) prove that no row breaks
    any of :func:`simple_checks`; then their scan
    is not needed.  False whenever a statistic is missing, inexact or does not prove a
    rule (the rules are then checked row by row, and their problems named by line).

    The statistics are those of the whole file: a column whose minimum is >= 0 has no
    negative value, one whose ``null_count`` is 0 no missing value, and so on; a column
    that is constant over the file is checked once, as the constant it is stored as.
    """
    def bounds(column: str) -> tuple[object, object] | None:
        if column in constants:
            return constants[column], constants[column]
        st = stats.get(column)
        if not st or st.get("min_is_exact") != "true" or st.get("max_is_exact") != "true":
            return None
        return st.get("min"), st.get("max")

    def no_nulls(column: str) -> bool:
        if column in constants:
            return constants[column] is not None
        st = stats.get(column)
        return bool(st) and st.get("null_count") == "0"

    def number_bounds(column: str, *, optional: bool) -> bool:
        """min >= 0, no NaN, max finite (or no values at all, where allowed)."""
        if column in constants:
            v = constants[column]
            return (v is None and optional) or (
                isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < math.inf
            )
        st = stats.get(column)
        if not st:
            return False
        if optional and st.get("num_values") == st.get("null_count"):
            return True  # every value missing: allowed for an optional column
        b = bounds(column)
        if b is None or st.get("has_nan") != "false":
            return False
        try:
            lo, hi = float(b[0]), float(b[1])  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return lo >= 0 and math.isfinite(hi)

    def one_of(column: str, allowed: tuple[str, ...]) -> str | None:
        """The column's single value when it is one and allowed, else None."""
        b = bounds(column)
        if b is None or b[0] != b[1] or b[0] not in allowed:
            return None
        return str(b[0])

    if not all(no_nulls(c) for c in REQUIRED):
        return False
    if one_of("flow", FLOWS) is None or one_of("classification", CLASSIFICATIONS) is None:
        return False
    kind, level = one_of("period_kind", PERIOD_KINDS), one_of("product_level", PRODUCT_LEVELS)
    if kind is None or level is None:
        return False
    months, years = bounds("month"), bounds("year")
    if months is None or years is None:
        return False
    try:  # statistics are text, constants (as stored) integers; anything else proves nothing
        m0, m1, y0, y1 = (x if type(x) is int else int(x) if isinstance(x, str) and x.lstrip("-").isdecimal() else None
                          for x in (*months, *years))
    except ValueError:
        return False
    if None in (m0, m1, y0, y1):
        return False
    if (kind == "year" and (m0, m1) != (12, 12)) or m0 < 1 or m1 > 12 or y0 < 1948 or y1 > 2100:
        return False
    codes = bounds("product_code")
    if codes is None:
        return False
    if level == "total":
        if codes != ("TOTAL", "TOTAL"):
            return False
    elif str(codes[0]) <= "TOTAL" <= str(codes[1]):
        return False  # 'TOTAL' might be among the codes
    return number_bounds("value_usd", optional=False) and number_bounds("quantity", optional=True)


def _count(con: duckdb.DuckDBPyConnection, relation: str, predicate: str) -> int:
    return con.execute(f"SELECT count(*) FROM {relation} AS t WHERE {predicate}").fetchall()[0][0]


def find_problems(
    con: duckdb.DuckDBPyConnection,
    *,
    staged: str,
    located: str,
    allow_unknown_codes: bool,
    constant_columns: frozenset[str] = frozenset(),
    groups: str | None = None,
    prechecked: bool = False,
    release_products: tuple[str, ...] = (),
) -> tuple[list[Problem], int]:
    """Run every check on ``staged`` (a relation over the staged rows); for failing
    checks, name the lines from ``located`` (a relation with ``_line``).

    ``groups``, when given, is the staged rows already counted by (at least) reporter and
    partner, with the count in a column ``rows`` (the store's coverage of the ingest): the
    unknown-economy rules then read those few thousand rows instead of every row.
    ``prechecked`` says that every row is known to hold the rules without a subquery
    (:func:`proven_by_statistics`): their scan is skipped.
    ``release_products`` are product codes the release's own code table vouches for
    although the HS revision does not list them (:attr:`ParsedSource.release_products`):
    they are not unknown.
    Returns the problems to show and the total number of bad rows found.
    """
    problems: list[Problem] = []
    total = 0
    checks = row_checks(allow_unknown_codes=allow_unknown_codes)
    # the very Check objects of ``checks``: their counts are looked up by identity below
    simple = [c for c in checks if _is_simple(c)]
    if prechecked:
        counting = f"SELECT coalesce(sum(rows), 0) FROM {groups}" if groups else f"SELECT count(*) FROM {staged}"
        counts = (con.execute(counting).fetchall()[0][0], *([0] * len(simple)))
    else:
        # one scan for every row rule without a subquery; the reference rules scan on their own
        counts = con.execute(
            "SELECT count(*), " + ", ".join(f"count_if(coalesce({c.predicate}, false))" for c in simple)
            + f" FROM {staged} AS t"
        ).fetchall()[0]
    if counts[0] == 0:
        return [Problem(Message("val_no_rows"), expected=Message("val_one_row"))], 1
    bad_of = {id(c): n for c, n in zip(simple, counts[1:])}
    if groups is not None and not allow_unknown_codes:
        for check in checks:
            if check.code == "economy":
                bad_of[id(check)] = con.execute(
                    f"SELECT coalesce(sum(rows), 0) FROM {groups} AS t WHERE {check.predicate}"
                ).fetchall()[0][0]
    if not allow_unknown_codes:
        # distinct codes first (a few thousand), so that the row-level rule only runs when needed
        # with classification and level constant over the file, the distinct codes are
        # grouped by the code alone (hashing the constant columns too took twice as long)
        codes = (
            f"SELECT any_value(classification) AS classification, any_value(product_level) AS level, product_code AS code "
            f"FROM {staged} GROUP BY product_code"
            if {"classification", "product_level"} <= constant_columns
            else f"SELECT DISTINCT classification, product_level AS level, product_code AS code FROM {staged}"
        )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _unknown_products AS "
            f"SELECT * FROM ({codes}) WHERE level <> 'total' AND classification IN {_in_list(HS)} "
            "EXCEPT SELECT classification, level, code FROM _ref_products"
        )
        if release_products:
            con.execute("DELETE FROM _unknown_products WHERE code IN (SELECT unnest(?::VARCHAR[]))", [list(release_products)])
        if not con.execute("SELECT count(*) FROM _unknown_products").fetchall()[0][0]:
            bad_of.update({id(c): 0 for c in checks if c.code == "product"})
    for check in checks:
        bad = bad_of[id(check)] if id(check) in bad_of else _count(con, staged, check.predicate)
        if not bad:
            continue
        total += bad
        rows = con.execute(
            f"SELECT _line, CAST({check.field} AS VARCHAR) FROM {located} AS t "
            f"WHERE {check.predicate} ORDER BY _line NULLS LAST LIMIT {SHOW}"
        ).fetchall()
        for line, value in rows:
            problems.append(Problem(check.message, line=line, field=check.field, value=value,
                                    expected=check.expected))
        if bad > len(rows):
            problems.append(Problem(Message("val_more_rows", n=bad - len(rows)), field=check.field))
    if check_unknown_summary := _unknown_code_summary(con, groups or staged, allow_unknown_codes):
        problems.append(check_unknown_summary)
    dup = _duplicates(con, staged, located, tuple(k for k in KEY_COLUMNS if k not in constant_columns))
    if dup:
        total += dup[1]
        problems += dup[0]
    return problems, total


def _unknown_code_summary(con: duckdb.DuckDBPyConnection, staged: str, allow_unknown: bool) -> Problem | None:
    """One line listing the distinct unknown codes, so that a user sees them all at once."""
    if allow_unknown:
        return None
    eco = con.execute(
        f"SELECT c, count(*) OVER () FROM (SELECT DISTINCT c FROM (SELECT reporter AS c FROM {staged} UNION ALL "
        f"SELECT partner FROM {staged}) WHERE c IS NOT NULL AND c NOT IN (SELECT code FROM _ref_economies)) "
        "ORDER BY c LIMIT 30"
    ).fetchall()
    if not eco:
        return None
    more = Message("val_and_more", n=eco[0][1] - len(eco)) if eco[0][1] > len(eco) else ""
    return Problem(Message("val_unknown_economies", codes=", ".join(r[0] for r in eco), more=more),
                   expected=Message("val_unknown_economies_expected"))


def _duplicates(con: duckdb.DuckDBPyConnection, staged: str, located: str,
                key_columns: tuple[str, ...] = KEY_COLUMNS) -> tuple[list[Problem], int] | None:
    """Rows sharing a key; columns constant over the whole file are left out of the grouping."""
    keys = ", ".join(key_columns)
    # 64-bit hashes of the keys, sorted in NumPy (a radix sort: ~0.2 s for 10M rows) are far
    # cheaper than grouping the keys; only when a hash repeats (a duplicate, or very rarely a
    # collision) is the exact key grouped
    hashes = np.ascontiguousarray(con.execute(f"SELECT hash({keys}) AS h FROM {staged}").fetchnumpy()["h"], dtype=np.uint64)
    hashes.sort()  # in place: no copy of the 10M-element array
    if not bool(np.any(hashes[1:] == hashes[:-1])):
        return None
    del hashes
    n = con.execute(
        f"SELECT count(*) FROM (SELECT {keys} FROM {staged} GROUP BY ALL HAVING count(*) > 1)"
    ).fetchall()[0][0]
    if not n:
        return None
    rows = con.execute(
        f"SELECT list(_line ORDER BY _line), any_value(reporter), any_value(partner), any_value(flow), "
        f"any_value(year), any_value(product_code) FROM {located} GROUP BY {keys} HAVING count(*) > 1 "
        f"ORDER BY min(_line) NULLS LAST LIMIT {SHOW}"
    ).fetchall()
    problems = [
        Problem(
            Message("val_duplicate_key", reporter=r[1], partner=r[2], flow=r[3], year=r[4], product=r[5],
                    lines=", ".join(str(x) for x in r[0] if x is not None)),
            field="key",
            expected=Message("val_one_row_per_key"),
        )
        for r in rows
    ]
    if n > len(rows):
        problems.append(Problem(Message("val_more_duplicates", n=n - len(rows)), field="key"))
    return problems, n
