"""Periods of a relation's rows: one basis per period, so that nothing is counted twice.

The store holds figures of three period kinds (:data:`corridor.schema.PERIOD_KINDS`):
``year``, ``month`` and ``ytd`` (cumulative January-N, as Kazakhstan's BNS and China's
customs publish them).  For a period asked for, :func:`relation_periods_sql` keeps, for every
(year, side, flow, source, classification, product level), the rows of exactly one kind:

* January-N (``months = N``): the published cumulative figure (``ytd``, month N); else the
  sum of the months 1..N when every one of them is there; for N = 12 the annual figure
  comes first;
* month by month (``monthly``): the published month; else the cumulative figure of N less
  that of N-1 (``differenced``; January's cumulative figure is January's), when both are
  there.

Rows come out relabelled to the period asked for (``period_kind``, ``month``) with an
``origin`` column: ``annual``, ``published``, ``sum of months`` or ``differenced``.  Rows
that are summed keep their own ``ingest_id``; their ``release`` becomes the latest of the
group (a figure computed from several releases is as new as its newest part).

The whole choice is one DuckDB statement over the relation's rows
(:func:`relation_periods_sql`): the rows are read once, summed exactly (DECIMAL, see
:data:`VALUE`) and the periods chosen over those sums; no Ibis expression is compiled.

Quarters are month sums (:func:`quarter_of`).  Method: cumulative-to-discrete conversion
by first differences, as in IMF, *International Merchandise Trade Statistics: Compilers
Manual* (IMTS 2010-CM), ch. 21 on monthly and cumulative data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..schema import FLOW_COLUMNS, FLOW_DUCKDB_TYPES
from ..util import sql_str

if TYPE_CHECKING:  # pragma: no cover
    from .months import CachedMonths

GROUP: tuple[str, ...] = ("year", "reported_by", "econ_flow", "source", "classification", "product_level")
#: the columns of a period row (:func:`relation_periods_sql`), in order
COLUMNS: tuple[str, ...] = (*GROUP, "reporter", "partner", "flow", "product_code", "release", "ingest_id",
                            "period_kind", "month", "value", "lines", "valuation", "origin")
HS_WIDTH = {"hs2": 2, "hs4": 4, "hs6": 6}
#: exact sums: every value a DECIMAL with 4 decimal places (below a cent; up to 10^14 USD
#: a line) summed in DuckDB's 128-bit DECIMAL, so that the same rows give the same bits in
#: any order of addition
VALUE = "CAST(value_usd AS DECIMAL(18, 4))"  # sums of it are DECIMAL(38, 4)
_CARRIED = "reporter, partner, flow, product_code, release, ingest_id"
#: what a sum of the relation's rows is keyed by: ``partner`` follows from ``reporter``
#: (the relation has two economies), ``source`` and ``release`` from ``ingest_id`` (an
#: ingest is one release of one source), so they are not hashed over every row
_SUM_KEY = "year, classification, product_level, reporter, flow, product_code, ingest_id"
_SUM_CARRIED = "any_value(source) AS source, any_value(partner) AS partner, any_value(release) AS release"


def code_sql(level: str | None) -> str:
    """``product_code`` cut to ``level``'s width when it is finer (``None``: empty, every
    line summed)."""
    if level is None:
        return "''"
    width = HS_WIDTH[level]
    finer = ", ".join(sql_str(lv) for lv, w in HS_WIDTH.items() if w >= width)
    return f"CASE WHEN product_level IN ({finer}) THEN substr(product_code, 1, {width}) ELSE product_code END"


def pair_sql(economy: str, partner: str) -> tuple[tuple[str, str], ...]:
    """The (reporter, partner) literals of the relation's two sides."""
    e, p = sql_str(economy), sql_str(partner)
    return ((e, p), (p, e))


#: a query of the flow columns without rows
_NO_FLOWS = "SELECT " + ", ".join(f"CAST(NULL AS {FLOW_DUCKDB_TYPES[c]}) AS {c}" for c in FLOW_COLUMNS) + " WHERE false"

#: the bit of a row's month in a set of months (``have``)
MONTH_BIT = "CAST(1 AS INTEGER) << CAST(month AS INTEGER)"


def complete_months(n: int) -> int:
    """The set of months (``have``, bits of :data:`MONTH_BIT`) of a group holding every
    month 1..``n``."""
    return (1 << (n + 1)) - 2


def _relation(flows_sql: str, *, economy: str, partner: str, years: Sequence[int], period: str,
              level: str | None, cached: str | None = None) -> str:
    """Both sides' rows of the relation for ``years`` and the period kinds of ``period``
    (a SQL condition), product codes finer than ``level`` cut to its width (``None``:
    ``product_code`` empty, every line summed); each row counts one line (``lines``) and
    holds its month's bit (``have``).  ``cached``: the SQL of the relation's monthly rows
    already summed (:mod:`corridor.store.months`, same columns), added to them (``period``
    then leaves out the ``month`` rows of ``flows_sql``)."""
    code = code_sql(level)
    year_list = ", ".join(str(int(y)) for y in years)
    # one side after the other: an equality on reporter and partner is a filter the Parquet
    # reader applies itself (the stored rows are sorted by reporter and partner, so it
    # skips the row groups and vectors of other pairs); a disjunction of the two sides is
    # only used to skip row groups and evaluated row by row after every column is read
    parts = [f"""
    SELECT year, source, classification, product_level, reporter, partner, flow, {code} AS product_code,
           release, ingest_id, period_kind, month, {VALUE} AS value, 1 AS lines, {MONTH_BIT} AS have, valuation
    FROM ({flows_sql}) AS flows
    WHERE reporter = {a} AND partner = {b} AND flow IN ('export', 'import') AND year IN ({year_list})
      AND ({period})""" for a, b in pair_sql(economy, partner)]
    return "\n    UNION ALL".join(parts + ([cached] if cached is not None else []))


#: the group of a sum before ``reported_by`` and ``econ_flow`` are derived (they follow
#: from ``reporter`` and ``flow``: fewer keys to hash over every row)
_RAW_GROUP = "year, source, classification, product_level, reporter, flow"


def _sides(economy: str) -> str:
    """``reported_by`` (economy | partner) and ``econ_flow`` (the flow from the economy's
    point of view) of a row of the relation."""
    e = sql_str(economy)
    return (f"CASE WHEN reporter = {e} THEN 'economy' ELSE 'partner' END AS reported_by, "
            f"CASE WHEN reporter = {e} THEN flow WHEN flow = 'export' THEN 'import' ELSE 'export' END AS econ_flow")


def cumulative_sql(relation: str, *, economy: str, months: int, summed: str | None = None) -> str:
    """January-``months`` rows of every year (see the module docstring), relabelled
    ``period_kind = 'ytd'`` (``'year'`` for 12 months), ``month = months``.

    The months are summed away in the one aggregation over the relation's rows; a bit set
    of the months each sum holds (``bit_or(1 << month)``) tells whether a group (year,
    side, flow, source, classification, product level) has every month 1..N.  The choice
    per group is a grouping joined back to the sums (DuckDB's window operator, which sorts
    each partition, cost most of the statement).

    ``summed``: the relation's month rows already summed to January-``months`` by the
    stored monthly aggregate (:mod:`corridor.store.months`; one row per sum, the columns
    of the relation's rows): they join the sums as they are."""
    kind = "year" if months == 12 else "ytd"
    complete = complete_months(months)
    if relation is None:  # the stored sums only (no rows of other kinds to read and sum)
        sums = _summed(summed, cast=True)
    else:
        sums = f"""WITH rel AS ({relation}),
    sums AS (
        SELECT {_SUM_KEY}, CASE period_kind WHEN 'year' THEN 0 WHEN 'ytd' THEN 1 ELSE 2 END AS rank,
               {_SUM_CARRIED}, sum(value) AS value, CAST(sum(lines) AS BIGINT) AS lines,
               max(valuation) AS valuation, bit_or(have) AS have
        FROM rel GROUP BY {_SUM_KEY}, rank{_summed(summed)})"""
    return f"""
    {sums},
    -- per group: the best published rank (annual 0, cumulative 1), and the months'
    -- latest release and bit set (grouped and joined back: no window over the sums)
    g AS (
        SELECT {_RAW_GROUP}, min(rank) FILTER (WHERE rank < 2) AS published,
               max(release) FILTER (WHERE rank = 2) AS month_release, bit_or(have) FILTER (WHERE rank = 2) AS month_have
        FROM sums GROUP BY {_RAW_GROUP})
    SELECT year, {_sides(economy)}, source, classification, product_level, reporter, partner, flow, product_code,
           CASE WHEN rank = 2 THEN month_release ELSE release END AS release, ingest_id, '{kind}' AS period_kind,
           CAST({months} AS TINYINT) AS month, value, lines, valuation,
           CASE rank WHEN 0 THEN 'annual' WHEN 1 THEN 'published' ELSE 'sum of months' END AS origin
    FROM sums JOIN g USING ({_RAW_GROUP})
    WHERE rank = coalesce(published, CASE WHEN month_have = {complete} THEN 2 END)"""


def _summed(summed: str | None, *, cast: bool = False) -> str:
    """The stored sums as rows of ``sums``: added to the relation's sums (``UNION ALL``),
    or alone (``cast``: ``sums`` itself, the value typed as the relation's sums are)."""
    if summed is None:
        return ""
    value = "CAST(value AS DECIMAL(38, 4))" if cast else "value"
    select = (f"SELECT {_SUM_KEY}, 2 AS rank, source, partner, release, {value} AS value, "
              f"CAST(lines AS BIGINT) AS lines, valuation, have FROM ({summed})")
    return f"WITH sums AS ({select})" if cast else f"""
        UNION ALL
        {select}"""


def monthly_sql(relation: str, *, economy: str, differenced: bool = True) -> str:
    """Month-by-month rows: published months, else differenced cumulative figures
    (January's cumulative figure is January's; month N needs the group's cumulative
    figure of N-1).

    A differenced month is given as its two parts, summed by whoever sums the rows: the
    cumulative rows of N as they are and those of N-1 negated (``lines`` 0: the month
    counts the lines of N), each with its own ``ingest_id``, so that the month names both
    tables it comes from (the table subtracted is provenance too); both parts carry the
    newer release of the two (a figure is as new as its newest part).  The rows of N-1 are
    subtracted once per key, however many ingests hold N's.

    ``differenced=False``: the relation has no cumulative rows (the stored monthly aggregate
    alone): its published months, without the statement's differencing part (the same rows,
    planned in less time)."""
    key = ("year", "source", "classification", "product_level", "reporter", "partner", "flow", "product_code")
    on_key = " AND ".join(f"y.{c} = p.{c}" for c in key)
    on_group = " AND ".join(f"y.{c} = h.{c}" for c in _RAW_GROUP.split(", "))
    head = f"""
    WITH rel AS ({relation}),
    sums AS (
        SELECT {_SUM_KEY}, period_kind, CAST(month AS INTEGER) AS month, {_SUM_CARRIED},
               sum(value) AS value, CAST(sum(lines) AS BIGINT) AS lines, max(valuation) AS valuation
        FROM rel GROUP BY {_SUM_KEY}, period_kind, month)"""
    if not differenced:
        return head + f"""
    SELECT year, {_sides(economy)}, source, classification, product_level, {_CARRIED}, 'month' AS period_kind,
           CAST(month AS TINYINT) AS month, value, lines, valuation, 'published' AS origin
    FROM sums WHERE period_kind = 'month'"""
    return head + f""",
    ytd AS (SELECT * FROM sums WHERE period_kind = 'ytd'),
    have AS (SELECT DISTINCT {_RAW_GROUP}, month + 1 AS m FROM ytd),
    -- the cumulative rows of N that a month is taken from, and per key of N the rows of N-1
    -- subtracted (with the newest release of both)
    used AS (
        SELECT y.* FROM ytd y
        WHERE y.month = 1 OR EXISTS (SELECT 1 FROM have h WHERE {on_group} AND y.month = h.m)),
    newest AS (
        SELECT {', '.join(key)}, month, max(release) AS release FROM (
            SELECT {', '.join(key)}, month, release FROM used
            UNION ALL
            SELECT {', '.join(key)}, month + 1, release FROM ytd)
        GROUP BY ALL),
    subtracted AS (
        SELECT {', '.join('p.' + c for c in (*key, 'ingest_id', 'value'))}, y.month FROM ytd p
        JOIN (SELECT DISTINCT {', '.join(key)}, month FROM used) y ON {on_key} AND y.month = p.month + 1),
    cand AS (
        SELECT {_RAW_GROUP}, {_CARRIED}, month, 0 AS rank, value, lines, valuation FROM sums
        WHERE period_kind = 'month'
        UNION ALL
        SELECT {_RAW_GROUP}, reporter, partner, flow, product_code, n.release, ingest_id, month, 1, value, lines, valuation
        FROM used JOIN newest n USING ({', '.join(key)}, month)
        UNION ALL
        SELECT {_RAW_GROUP}, reporter, partner, flow, product_code, n.release, ingest_id, month, 1, -value, 0, NULL
        FROM subtracted JOIN newest n USING ({', '.join(key)}, month))
    SELECT year, {_sides(economy)}, source, classification, product_level, {_CARRIED}, 'month' AS period_kind,
           CAST(month AS TINYINT) AS month, value, lines, valuation,
           CASE rank WHEN 0 THEN 'published' ELSE 'differenced' END AS origin
    FROM cand QUALIFY rank = min(rank) OVER (PARTITION BY {_RAW_GROUP}, month)"""


def cached_only(cached: CachedMonths, *, months: int | None, monthly: bool) -> bool:
    """Whether the period rows asked for come from the stored monthly aggregate alone (the
    relation has no rows of the other period kinds that would be read for them)."""
    return not ({"ytd", *(["year"] if not monthly and months in (None, 12) else [])} & cached.kinds)


def relation_periods_sql(flows_sql: str, *, economy: str, partner: str, years: Sequence[int],
                         months: int | None = None, monthly: bool = False, level: str | None = None,
                         cached: CachedMonths | None = None) -> str:
    """The SQL of the relation's period rows (:data:`COLUMNS`, ``value`` an exact
    DECIMAL) for the period asked for: annual (default; annual figures first, then
    January-December cumulative, then twelve months), January-``months``, or month by
    month (``monthly``).  ``flows_sql`` is a query of the canonical flow columns; only
    the rows of the relation and of the period kinds needed are read from it.

    ``cached``: the relation's ``month`` rows already summed, from the stored monthly
    aggregate (:func:`corridor.store.months.cached_months`); the month rows of ``flows_sql``
    are then left out, and ``flows_sql`` is not read at all when the relation has no rows
    of the other kinds needed (``cached.kinds``)."""
    if cached is not None and cached_only(cached, months=months, monthly=monthly):
        flows_sql = _NO_FLOWS
    if monthly:
        relation = _relation(flows_sql, economy=economy, partner=partner, years=years,
                             period="period_kind IN ('ytd')" if cached else "period_kind IN ('month', 'ytd')", level=level,
                             cached=None if cached is None else cached.sql(None, level))
        return monthly_sql(relation, economy=economy, differenced=flows_sql != _NO_FLOWS)
    n = 12 if months is None else months
    if not 1 <= n <= 12:
        from ..errors import QueryError
        from ..messages import Message

        raise QueryError(Message("mon_months", n=n))
    # the kinds read from ``flows_sql`` as a list (a filter the Parquet reader checks against
    # each row group's statistics, skipping files and row groups without them)
    kinds = ["ytd", *([] if cached else ["month"]), *(["year"] if n == 12 else [])]
    period = (f"period_kind IN ({', '.join(sql_str(k) for k in kinds)}) AND (period_kind <> 'ytd' OR month = {n})"
              + ("" if cached else f" AND (period_kind <> 'month' OR month <= {n})"))
    relation = (None if flows_sql == _NO_FLOWS else
                _relation(flows_sql, economy=economy, partner=partner, years=years, period=period, level=level))
    return cumulative_sql(relation, economy=economy, months=n, summed=None if cached is None else cached.sql(n, level))


def stored_months_sql(flows_sql: str, *, economy: str, partner: str, years: Sequence[int]) -> str:
    """Per year and side of the relation (``year, reported_by, reporter``) among ``years``:
    the last month of its cumulative January-N figures (``ytd``, NULL without) and the bit
    set of its months (``have``, :data:`MONTH_BIT`; NULL without), for
    :func:`months_stored`.  ``flows_sql``: a query of flows, or of the catalogue's coverage
    (the same period columns, a row per ingest and cell)."""
    year_list = ", ".join(str(int(y)) for y in years)
    sides = " OR ".join(f"(reporter = {a} AND partner = {b})" for a, b in pair_sql(economy, partner))
    return f"""
    SELECT year, CASE WHEN reporter = {sql_str(economy)} THEN 'economy' ELSE 'partner' END AS reported_by, reporter,
           max(month) FILTER (WHERE period_kind = 'ytd') AS ytd, bit_or({MONTH_BIT}) FILTER (WHERE period_kind = 'month') AS have
    FROM ({flows_sql}) AS flows
    WHERE ({sides}) AND flow IN ('export', 'import') AND year IN ({year_list}) AND period_kind IN ('ytd', 'month')
    GROUP BY ALL ORDER BY ALL"""


def months_stored(ytd: int | None, have: int | None) -> int:
    """The longest January-N a year holds (0: none) from its last cumulative month ``ytd`` and
    the bit set ``have`` of its months (:func:`stored_months_sql`): the cumulative figure,
    or the months 1..N that are all there."""
    n = 0
    while have is not None and n < 12 and have >> (n + 1) & 1:
        n += 1
    return max(int(ytd or 0), n)


def quarter_of(month: int) -> int:
    """Calendar quarter (1..4) of a month (1..12)."""
    return (int(month) - 1) // 3 + 1
