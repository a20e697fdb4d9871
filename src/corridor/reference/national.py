"""Reference tables of national statistics: names of provinces, regions and partners as
China customs (GACC) and Kazakhstan's Bureau of National Statistics (BNS) print them, and
the monthly CNY/USD rates used to state customs values given in yuan in US dollars (computed
from the ECB's euro reference rates by :mod:`corridor.reference.ecb_rates`).

Packaged tables (each file's header names its sources): ``cn_provinces.tsv``,
``kz_regions.tsv``, ``national_names.tsv``, ``gacc_countries.tsv``, ``cny_usd_monthly.tsv``.
Each is validated on first load (:func:`corridor.reference._tables.validate_table`) and cached.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ..errors import ReferenceDataError
from ._tables import TableSpec, read_packaged, validate_table

if TYPE_CHECKING:
    import pandas as pd

PROVINCES_SPEC = TableSpec(name="cn_provinces.tsv", key=("code",), text=("gb_code", "short_zh", "short_en"),
                           unique=("gb_code",), pattern=(("code", r"CN-[A-Z]{2}"), ("gb_code", r"\d{2}")))
KZ_REGIONS_SPEC = TableSpec(name="kz_regions.tsv", key=("name",), text=("code",), integer=("changed_in",),
                            optional_text=("note",), pattern=(("code", r"KZ-\d{2}"),))
NAMES_SPEC = TableSpec(name="national_names.tsv", key=("name", "source"), text=("code",),
                       allowed=(("source", ("gacc", "bns")),))
GACC_SPEC = TableSpec(name="gacc_countries.tsv", key=("gacc_code",), text=("code", "name_zh"),
                      optional_text=("note",), pattern=(("gacc_code", r"\d{3}"),))
RATES_SPEC = TableSpec(name="cny_usd_monthly.tsv", key=("year", "month"), integer=("year", "month"),
                       number=("cny_per_usd",), optional_integer=("days",))

#: Words dropped when matching a Kazakh region name: "г." / "город" (city), "область".
_KZ_NOISE = re.compile(r"\b(?:г\.|город|гор\.|обл\.|область|region|oblast)(?=\s|$)|^г\.", re.IGNORECASE)
_FOOTNOTE = re.compile(r"(?:\s*\d\)|\s*\*+)+$")


def name_key(text: object) -> str:
    """Matching key of a printed name: case-folded, ``ё`` -> ``е``, footnote marks
    (``1)``, ``*``) and surrounding space dropped, inner space collapsed."""
    s = _FOOTNOTE.sub("", str(text).strip())
    return re.sub(r"\s+", " ", s).casefold().replace("ё", "е").strip(" .:,")


def kz_region_key(text: object) -> str:
    """:func:`name_key` without the words "г.", "город", "область" (``"г. Алматы"`` ->
    ``"алматы"``, ``"область Абай"`` -> ``"абай"``)."""
    return re.sub(r"\s+", " ", _KZ_NOISE.sub(" ", name_key(text))).strip()


@cache
def cn_province_index() -> dict[str, str]:
    """Key (:func:`name_key`) of every way GACC names a province -> ISO 3166-2 code: full
    Chinese names (``新疆维吾尔自治区``), short ones (``新疆``), English full and short names,
    and the two-digit GB/T 2260 code (``65``)."""
    provinces = validate_table(read_packaged("cn_provinces.tsv"), PROVINCES_SPEC)
    if len(provinces) != 31:
        raise ReferenceDataError(f"reference table 'cn_provinces.tsv': expected the 31 provinces; got {len(provinces)} rows")
    full = read_packaged("subdivision_names.tsv").set_index("code")
    index: dict[str, str] = {}
    for row in provinces.itertuples(index=False):
        if row.code not in full.index:
            raise ReferenceDataError(f"reference table 'cn_provinces.tsv': {row.code} is not in subdivision_names.tsv")
        for text in (row.gb_code, row.short_zh, row.short_en, full.at[row.code, "name_zh"], full.at[row.code, "name_en"],
                     row.code):
            index[name_key(text)] = row.code
    return index


@cache
def subdivision_names(country: str) -> tuple[tuple[str, str, str], ...]:
    """(ISO 3166-2 code, English name, Russian name) of every first-level subdivision of
    ``country`` ("CN" or "KZ") as ``subdivision_names.tsv`` writes them
    (``("CN-SC", "Sichuan", "Сычуань")``)."""
    table = read_packaged("subdivision_names.tsv")
    rows = table[table["code"].str.startswith(f"{country}-")]
    if rows.empty:
        raise ReferenceDataError(f"reference table 'subdivision_names.tsv': no subdivision of {country!r}")
    return tuple(zip(rows["code"], rows["name_en"], rows["name_ru"]))


@cache
def kz_region_names() -> tuple[tuple[str, str], ...]:
    """(name, ISO 3166-2:KZ code) of every way ``kz_regions.tsv`` names a Kazakh region or
    city, as written there (``("Южно-Казахстанская", "KZ-61")``, ``("Almaty region", "KZ-19")``)."""
    table = validate_table(read_packaged("kz_regions.tsv"), KZ_REGIONS_SPEC)
    return tuple(zip(table["name"], table["code"]))


@cache
def cn_provinces_short() -> dict[str, str]:
    """ISO 3166-2:CN code -> the short English name China customs prints (``Xinjiang``)."""
    provinces = validate_table(read_packaged("cn_provinces.tsv"), PROVINCES_SPEC)
    return dict(zip(provinces["code"], provinces["short_en"]))


def _kz_english_key(text: object) -> str:
    """:func:`name_key` of an English region name, "oblast" read as "region"."""
    return re.sub(r"\boblast\b", "region", name_key(text))


@cache
def _kz_regions() -> dict[str, tuple[str, int, str]]:
    """Key -> (code, changed_in, note): Russian names by :func:`kz_region_key`, English
    names (Latin letters) whole by :func:`_kz_english_key`."""
    table = validate_table(read_packaged("kz_regions.tsv"), KZ_REGIONS_SPEC)
    out: dict[str, tuple[str, int, str]] = {}
    for row in table.itertuples(index=False):
        key = _kz_english_key(row.name) if re.search("[A-Za-z]", row.name) else kz_region_key(row.name)
        if key in out and out[key][0] != row.code:
            raise ReferenceDataError(f"reference table 'kz_regions.tsv': {row.name!r} matches two codes")
        out[key] = (row.code, int(row.changed_in), row.note or "")
    return out


def kz_region(text: object) -> str | None:
    """ISO 3166-2:KZ code of a region as BNS prints it (``"Алматинская область"``,
    ``"г. Шымкент"``, ``"область Абай"``, ``"Южно-Казахстанская"``; in its English tables
    ``"Almaty region"``, ``"Shymkent city"``), else ``None``."""
    regions = _kz_regions()
    hit = regions.get(_kz_english_key(text)) if re.search("[A-Za-z]", str(text)) else None
    hit = hit or regions.get(kz_region_key(text))
    return hit[0] if hit else None


@cache
def region_changes() -> dict[str, tuple[int, str]]:
    """ISO code of a Kazakh region -> (year from which its territory is the present one,
    what changed), for the regions whose territory changed (Shymkent and Turkistan in 2018;
    Abai, Jetisu, Ulytau and the regions they came from in 2022)."""
    out: dict[str, tuple[int, str]] = {}
    for code, year, note in _kz_regions().values():
        if year and (code not in out or note):
            out[code] = (year, note or out.get(code, (year, ""))[1])
    return out


@cache
def _gacc_table() -> pd.DataFrame:
    return _known_codes(validate_table(read_packaged("gacc_countries.tsv"), GACC_SPEC), "gacc_countries.tsv")


@cache
def gacc_countries() -> dict[str, str]:
    """GACC's three-digit country (area) code -> economy code (``gacc_countries.tsv``,
    team-written; ``"145"`` -> ``"KAZ"``)."""
    table = _gacc_table()
    return dict(zip(table["gacc_code"], table["code"]))


def _known_codes(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """``table`` if every value of its ``code`` column is an economy code, else an error."""
    from ._lookups import economy_codes

    bad = table[~table["code"].isin(economy_codes())]
    if len(bad):
        raise ReferenceDataError(f"reference table {name!r}: row {int(bad.index[0]) + 1}: unknown economy code "
                                 f"{bad['code'].iloc[0]!r}")
    return table


@cache
def partner_names(source: str) -> dict[str, str]:
    """Key (:func:`name_key`) of the partner names ``source`` (``gacc``, ``bns``) prints
    that :func:`corridor.reference.resolve_economy` does not know -> economy code; for
    ``gacc`` also the Chinese names of ``gacc_countries.tsv``.  A name given two codes is an error."""
    table = _known_codes(validate_table(read_packaged("national_names.tsv"), NAMES_SPEC), "national_names.tsv")
    rows = table[table["source"] == source]
    pairs = list(zip(rows["name"], rows["code"]))
    if source == "gacc":
        gacc = _gacc_table()
        pairs += list(zip(gacc["name_zh"], gacc["code"]))
    out: dict[str, str] = {}
    for name, code in pairs:
        if out.setdefault(name_key(name), code) != code:
            raise ReferenceDataError(f"reference tables national_names.tsv / gacc_countries.tsv: {name!r} is given "
                                     f"two economies, {out[name_key(name)]} and {code}")
    return out


def partner_code(text: object, source: str) -> str | None:
    """Economy code of a partner name or code as ``source`` prints it, else ``None``."""
    from ..errors import QueryError
    from .economy import resolve_economy

    key = name_key(text)
    if not key:
        return None
    hit = partner_names(source).get(key)
    if hit is not None:
        return hit
    bare = _FOOTNOTE.sub("", str(text).strip()).strip()  # «Китай1)», «Китай*»: the footnote mark glued on
    try:
        return resolve_economy(bare)
    except QueryError:
        return None


@cache
def cny_per_usd() -> dict[tuple[int, int], float]:
    """(year, month) -> yuan per US dollar, monthly average of the ECB's daily cross rates via
    the euro (``cny_usd_monthly.tsv``, written by :func:`corridor.reference.ecb_rates.cny_usd_table`)."""
    table = validate_table(read_packaged("cny_usd_monthly.tsv"), RATES_SPEC)
    bad = table[(table["month"] < 1) | (table["month"] > 12) | (table["cny_per_usd"] <= 0)]
    if len(bad):
        raise ReferenceDataError(f"reference table 'cny_usd_monthly.tsv': row {int(bad.index[0]) + 1}: bad month or rate")
    return {(int(y), int(m)): float(r) for y, m, r in zip(table["year"], table["month"], table["cny_per_usd"])}


CNY_RATE_SOURCE = ("ECB euro foreign exchange reference rates, CNY per USD cross rate via the euro, monthly average "
                   "of the daily rates (corridor/reference/data/cny_usd_monthly.tsv)")
