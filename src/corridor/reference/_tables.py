"""Reading packaged reference tables and validating every table on load.

A :class:`TableSpec` states what a valid table looks like (key, non-empty text columns,
integer and numeric columns, allowed values, patterns); :func:`validate_table` checks a
DataFrame against it with vectorised pandas masks, collects *every* failure (not only the
first) and raises :class:`~corridor.errors.ReferenceDataError` naming the table, the row,
the column and the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import pandas as pd

from ..errors import ReferenceDataError

MAX_SHOWN = 20


@dataclass(frozen=True, slots=True)
class TableSpec:
    """What a valid reference table looks like.

    ``key``: columns whose combination must be unique; ``text``: string columns that must be
    non-empty; ``optional_text``: string columns that may be empty (stored as ``None``);
    ``integer``/``optional_integer``: integer columns (nullable ``Int64`` for the optional
    ones); ``number``: finite float columns; ``unique``: columns unique among non-null
    values; ``allowed``: (column, allowed values); ``pattern``: (column, full-match regex).
    """

    name: str
    key: tuple[str, ...]
    text: tuple[str, ...] = ()
    optional_text: tuple[str, ...] = ()
    integer: tuple[str, ...] = ()
    optional_integer: tuple[str, ...] = ()
    number: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    allowed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    pattern: tuple[tuple[str, str], ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        ordered = (*self.key, *self.text, *self.optional_text, *self.integer,
                   *self.optional_integer, *self.number, *self.unique,
                   *(c for c, _ in self.allowed), *(c for c, _ in self.pattern))
        return tuple(dict.fromkeys(ordered))


@dataclass(frozen=True, slots=True)
class _Failure:
    row: int
    column: str
    message: str
    value: object


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | series.astype("string").str.strip().fillna("").eq("")


def _failures(frame: pd.DataFrame, mask: pd.Series, column: str, message: str) -> list[_Failure]:
    rows = frame.index[mask.fillna(True).to_numpy(dtype=bool)]
    return [_Failure(int(r) + 1, column, message, frame.at[r, column]) for r in rows]


def _coerce_integer(frame: pd.DataFrame, column: str, *, optional: bool) -> tuple[pd.Series, list[_Failure]]:
    raw = frame[column]
    blank = _blank(raw)
    numbers = pd.to_numeric(raw.where(~blank), errors="coerce")
    bad = (~blank & (numbers.isna() | (numbers % 1 != 0))) | (blank if not optional else False)
    fails = _failures(frame, bad, column, "is not an integer" if optional else "is empty or not an integer")
    return numbers.where(~bad).astype("Int64"), fails


def validate_table(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Check ``frame`` against ``spec``; return it with typed columns or raise.

    Rows are numbered from 1 in the order of the table (for a packaged file: the n-th data
    row after the header and comment lines).
    """
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing:
        raise ReferenceDataError(
            f"reference table {spec.name!r}: missing column(s) {', '.join(missing)}; "
            f"expected columns {', '.join(spec.columns)}"
        )
    frame = frame.reset_index(drop=True).copy()
    fails: list[_Failure] = []
    for column in spec.text:
        fails += _failures(frame, _blank(frame[column]), column, "is empty")
    for column in spec.optional_text:
        frame[column] = frame[column].where(~_blank(frame[column]), None)
    for column in spec.integer:
        frame[column], found = _coerce_integer(frame, column, optional=False)
        fails += found
    for column in spec.optional_integer:
        frame[column], found = _coerce_integer(frame, column, optional=True)
        fails += found
    for column in spec.number:
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() | ~numbers.abs().lt(float("inf"))
        fails += _failures(frame, bad, column, "is not a finite number")
        frame[column] = numbers.astype("float64")
    for column, values in spec.allowed:
        bad = ~frame[column].isin(values)
        fails += _failures(frame, bad, column, f"is not one of {', '.join(map(repr, values))}")
    for column, regex in spec.pattern:
        text = frame[column].astype("string")
        bad = text.notna() & ~text.str.fullmatch(regex).fillna(False)
        fails += _failures(frame, bad, column, f"does not match the pattern {regex!r}")
    for column in spec.unique:
        values = frame[column]
        bad = values.notna() & values.duplicated(keep=False)
        fails += _failures(frame, bad, column, "is not unique")
    duplicated = frame.duplicated(list(spec.key), keep=False)
    fails += _failures(frame, duplicated, spec.key[0], f"duplicate key ({', '.join(spec.key)})")
    if fails:
        raise ReferenceDataError(_render(spec.name, fails))
    return frame


def _render(name: str, fails: list[_Failure]) -> str:
    fails = sorted(fails, key=lambda f: (f.row, f.column))
    lines = [f"reference table {name!r} failed validation ({len(fails)} problem(s)):"]
    lines += [f"  - row {f.row}, column {f.column!r}: {f.message} (got {f.value!r})" for f in fails[:MAX_SHOWN]]
    if len(fails) > MAX_SHOWN:
        lines.append(f"  ... and {len(fails) - MAX_SHOWN} more")
    return "\n".join(lines)


def read_packaged(filename: str) -> pd.DataFrame:
    """Read a TSV from ``corridor/reference/data`` (``#`` lines are comments) as strings."""
    resource = files("corridor.reference").joinpath("data", filename)
    try:
        with resource.open("r", encoding="utf-8") as handle:
            return pd.read_csv(handle, sep="\t", comment="#", dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise ReferenceDataError(f"reference table {filename!r} cannot be read: {exc}") from exc


def range_matches(codes: pd.Series, ranges: pd.DataFrame, *, lo: str, hi: str) -> pd.DataFrame:
    """Pairs (code, range row) where the code's prefix of the range's width lies in [lo, hi].

    ``ranges`` holds same-width code prefixes per row (``01``-``24``, ``3501``-``3505``,
    ``290543``-``290544``); the distinct codes are cross-joined with the ranges of each width
    and compared as strings (vectorised; the loop runs over the two or three widths only).
    Returns columns ``code`` and ``range_index`` (the index label of the matching range row).
    """
    distinct = pd.DataFrame({"code": pd.Series(codes, dtype=object).drop_duplicates()})
    widths = ranges[lo].str.len()
    parts = []
    for width in sorted(widths.unique()):
        block = ranges[widths == width].rename_axis("range_index").reset_index()
        pairs = distinct.merge(block[["range_index", lo, hi]], how="cross")
        prefix = pairs["code"].str[:width]
        parts.append(pairs.loc[(prefix >= pairs[lo]) & (prefix <= pairs[hi]), ["code", "range_index"]])
    if not parts:
        return pd.DataFrame({"code": pd.Series(dtype=object), "range_index": pd.Series(dtype="int64")})
    return pd.concat(parts, ignore_index=True)


def range_label(codes: pd.Series, ranges: pd.DataFrame, *, label: str, lo: str, hi: str) -> pd.Series:
    """Label of the first range ``[lo, hi]`` containing each code (``None`` where none does)."""
    hits = range_matches(codes, ranges, lo=lo, hi=hi).sort_values("range_index").drop_duplicates("code")
    mapping = dict(zip(hits["code"], ranges.loc[hits["range_index"], label]))
    return pd.Series(codes, dtype=object).map(mapping).astype(object).where(lambda s: s.notna(), None)


def prefix_bridge(codes: pd.Series, known: pd.Series, *, widths: tuple[int, ...]) -> pd.DataFrame:
    """Map each code to the ``known`` codes sharing its longest prefix among ``widths``.

    Returns ``code``, ``next_code``, ``share`` (equal shares among the matches, summing to 1
    per code); a code equal to a known code maps to itself (when ``widths`` starts with the
    full width); codes with no relative are absent.
    """
    known_frame = pd.DataFrame({"next_code": pd.Series(known, dtype=object).drop_duplicates()})
    remaining = pd.DataFrame({"code": pd.Series(codes, dtype=object).drop_duplicates()})
    parts = []
    for width in widths:
        left = remaining.assign(prefix=remaining["code"].str[:width])
        right = known_frame.assign(prefix=known_frame["next_code"].str[:width])
        hits = left.merge(right, on="prefix")[["code", "next_code"]]
        parts.append(hits)
        remaining = remaining[~remaining["code"].isin(hits["code"])]
    bridge = pd.concat(parts, ignore_index=True)
    return bridge.assign(share=1.0 / bridge.groupby("code")["next_code"].transform("size"))
