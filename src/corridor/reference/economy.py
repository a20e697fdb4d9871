"""Economies: countries, sub-national regions and trade-statistics groups, in three languages.

Sources, merged into one validated table by :func:`economies`:

* ISO 3166-1 countries from ``pycountry`` (LGPL-2.1), Russian and Chinese names from the
  iso-codes translations it ships (gettext domains ``iso3166-1``, ``ru`` and ``zh_CN``);
* first-level subdivisions (ISO 3166-2) of Kazakhstan and China from ``pycountry``, named
  from the packaged ``subdivision_names.tsv`` (pycountry's translations cover only some);
* former countries and the groups / "nes" areas of UN Comtrade, WITS and CEPII BACI from the
  packaged ``trade_economies.tsv``;
* other codes and names (WITS' ``ROM``, ``SER``, Comtrade's ``S19``, pre-2020 ``KZ-ALA``...)
  from ``economy_aliases.tsv``, and BACI/Comtrade numeric codes that are not ISO numeric
  codes (``842`` USA incl. Puerto Rico, ``490`` Other Asia nes) from ``numeric_codes.tsv``.
"""

from __future__ import annotations

import difflib
import gettext
import re
from functools import cache

import pandas as pd
import pycountry

from ..errors import QueryError, ReferenceDataError
from ._options import LANGUAGES, Language
from ..options import check
from ._tables import TableSpec, read_packaged, validate_table
from ..messages import Message

#: Countries whose sub-national regions corridor knows.
REGION_COUNTRIES: dict[str, str] = {"KZ": "KAZ", "CN": "CHN"}

ECONOMIES_SPEC = TableSpec(
    name="economies",
    key=("code",),
    text=("kind", "name_en", "name_ru", "name_zh"),
    optional_text=("iso2", "parent"),
    optional_integer=("iso_numeric",),
    unique=("iso_numeric",),
    allowed=(("kind", ("country", "region", "group")),),
    pattern=(("code", r"[A-Z]{3}|X\d{3}|[A-Z]{2}-[A-Z0-9]{1,3}"),),
)
SUBDIVISIONS_SPEC = TableSpec(name="subdivision_names.tsv", key=("code",), text=("name_en", "name_ru", "name_zh"))
TRADE_SPEC = TableSpec(
    name="trade_economies.tsv",
    key=("code",),
    text=("kind", "name_en", "name_ru", "name_zh", "source"),
    optional_text=("iso2",),
    optional_integer=("iso_numeric",),
)
ALIASES_SPEC = TableSpec(name="economy_aliases.tsv", key=("alias",), text=("code", "source"))
NUMERIC_SPEC = TableSpec(name="numeric_codes.tsv", key=("numeric",), integer=("numeric",), text=("code", "note"))

COLUMNS = ("code", "kind", "iso_numeric", "iso2", "name_en", "name_ru", "name_zh", "parent")


def _translator(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _countries() -> pd.DataFrame:
    ru, zh = _translator("iso3166-1", "ru"), _translator("iso3166-1", "zh_CN")
    records = [
        {
            "code": c.alpha_3, "kind": "country", "iso_numeric": c.numeric, "iso2": c.alpha_2,
            "name_en": getattr(c, "common_name", None) or c.name,
            "name_ru": ru.gettext(c.name), "name_zh": zh.gettext(c.name), "parent": None,
        }
        for c in pycountry.countries
    ]
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def _regions() -> pd.DataFrame:
    names = validate_table(read_packaged("subdivision_names.tsv"), SUBDIVISIONS_SPEC)
    listed = pd.DataFrame.from_records(
        [
            {"code": s.code, "parent": REGION_COUNTRIES[s.country_code]}
            for alpha2 in REGION_COUNTRIES
            for s in pycountry.subdivisions.get(country_code=alpha2)
            if s.parent_code is None
        ],
        columns=["code", "parent"],
    )
    merged = listed.merge(names, on="code", how="outer", indicator=True)
    unknown = merged[merged["_merge"] != "both"]
    if len(unknown):
        rows = ", ".join(
            f"{code} ({'not in subdivision_names.tsv' if side == 'left_only' else 'not an ISO 3166-2 code in pycountry'})"
            for code, side in zip(unknown["code"], unknown["_merge"])
        )
        raise ReferenceDataError(f"reference table 'subdivision_names.tsv': subdivisions do not match pycountry: {rows}")
    merged = merged.drop(columns="_merge").assign(kind="region", iso_numeric=None, iso2=None)
    return merged[list(COLUMNS)]


def _trade_economies() -> pd.DataFrame:
    table = validate_table(read_packaged("trade_economies.tsv"), TRADE_SPEC)
    return table.assign(parent=None)[list(COLUMNS)]


@cache
def _economies() -> pd.DataFrame:
    from ._lookups import cached_frame

    return cached_frame("economies", _build_economies)


def _build_economies() -> pd.DataFrame:
    frame = pd.concat([_countries(), _regions(), _trade_economies()], ignore_index=True)
    frame["iso_numeric"] = pd.to_numeric(frame["iso_numeric"]).astype("Int64")
    table = validate_table(frame, ECONOMIES_SPEC)
    parents = table["parent"].dropna()
    orphans = parents[~parents.isin(table["code"])]
    if len(orphans):
        raise ReferenceDataError(f"reference table 'economies': unknown parent(s) {sorted(set(orphans))}")
    return table


def economies() -> pd.DataFrame:
    """All economies corridor knows: ISO 3166-1 countries, former countries, trade groups
    and the ISO 3166-2 regions of Kazakhstan and China.

    Columns: ``code`` (ISO alpha-3, ISO 3166-2 such as ``CN-XJ`` / ``KZ-75``, or a group
    code such as ``WLD``), ``kind`` (``country``, ``region``, ``group``), ``iso_numeric``
    (nullable Int64, UN M49 / Comtrade numeric, unique), ``iso2``, ``name_en``, ``name_ru``,
    ``name_zh``, ``parent`` (the country of a region).
    """
    return _economies().copy()


@cache
def economy_codes() -> frozenset[str]:
    """The canonical economy codes (``economies()['code']``); aliases are not included."""
    return frozenset(_economies()["code"])


@cache
def _aliases() -> pd.DataFrame:
    table = validate_table(read_packaged("economy_aliases.tsv"), ALIASES_SPEC)
    codes = economy_codes()
    for column, bad, what in (
        ("code", ~table["code"].isin(codes), "is not a known economy code"),
        ("alias", table["alias"].isin(codes), "is itself a canonical economy code"),
    ):
        if bad.any():
            row = int(table.index[bad][0])
            raise ReferenceDataError(
                f"reference table 'economy_aliases.tsv': row {row + 1}, column {column!r}: "
                f"{table.at[row, column]!r} {what}"
            )
    return table


def economy_aliases() -> dict[str, str]:
    """Alternative codes and names (``ROM``, ``S19``, ``KZ-ALA``, ``Russia``) -> canonical code."""
    table = _aliases()
    return dict(zip(table["alias"], table["code"]))


@cache
def _numeric_to_code() -> dict[int, str]:
    table = _economies()
    known = table.dropna(subset=["iso_numeric"])
    mapping = dict(zip(known["iso_numeric"].astype(int), known["code"]))
    extra = validate_table(read_packaged("numeric_codes.tsv"), NUMERIC_SPEC)
    clash = extra[extra["numeric"].astype(int).isin(mapping) | ~extra["code"].isin(table["code"])]
    if len(clash):
        raise ReferenceDataError(
            f"reference table 'numeric_codes.tsv': row {int(clash.index[0]) + 1}: numeric "
            f"{int(clash['numeric'].iloc[0])} is already an ISO numeric code or {clash['code'].iloc[0]!r} is unknown"
        )
    mapping.update(zip(extra["numeric"].astype(int), extra["code"]))
    return mapping


def numeric_to_code() -> dict[int, str]:
    """UN M49 / ISO numeric codes as used by BACI and UN Comtrade -> economy code.

    Includes the codes of groups (``0`` -> ``WLD``, ``490`` -> ``OAS``, ``899`` -> ``UNS``)
    and the BACI/Comtrade codes of customs territories that differ from the ISO numeric
    code (``842`` -> ``USA``, ``251`` -> ``FRA``, ``579`` -> ``NOR``, ``699`` -> ``IND``,
    ``757`` -> ``CHE``), mapped as BACI's ``country_codes`` file maps them.
    """
    return dict(_numeric_to_code())


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


@cache
def _index() -> dict[str, str]:
    """Lookup key -> code; earlier sources win (codes, aliases, ISO2, numeric, names)."""
    table = _economies()
    countries = table[table["kind"] == "country"]
    official = [
        (getattr(c, attr), c.alpha_3)
        for c in pycountry.countries
        for attr in ("name", "official_name")
        if getattr(c, attr, None)
    ]
    numeric = _numeric_to_code()
    pairs: list[tuple[str, str]] = [
        *zip(table["code"], table["code"]),
        *economy_aliases().items(),
        *zip(countries["iso2"].dropna(), countries.dropna(subset=["iso2"])["code"]),
        *((str(n), c) for n, c in numeric.items()),
        *((f"{n:03d}", c) for n, c in numeric.items()),
        *zip(table["name_en"], table["code"]),
        *official,
        *zip(table["name_ru"], table["code"]),
        *zip(table["name_zh"], table["code"]),
    ]
    index: dict[str, str] = {}
    for text, code in pairs:
        index.setdefault(_key(text), code)
    return index


def resolve_economy(text: str) -> str:
    """Canonical economy code of a code, ISO2, ISO3, numeric code or English/Russian/Chinese
    name, case-insensitively (``'kaz'``, ``'KZ'``, ``'398'``, ``'Казахстан'``, ``'ROM'``,
    ``'KZ-ALA'`` -> ``'KZ-75'``).

    Raises :class:`~corridor.errors.QueryError` listing close matches when unknown.
    """
    key = _key(text)
    index = _index()
    if key in index:
        return index[key]
    close = difflib.get_close_matches(key, index, n=5, cutoff=0.6)
    hint = Message("ref_close_matches", matches=", ".join(f"{k!r} ({index[k]})" for k in close)) if close else ""
    raise QueryError(Message("ref_unknown_economy", text=text, hint=hint))


@cache
def _by_code() -> pd.DataFrame:
    return _economies().set_index("code")


def economy_name(code: str, *, lang: Language = "en") -> str:
    """Name of an economy in English, Russian or Chinese.

    ``code`` is a canonical code or an alias code (``ROM``); raises QueryError if unknown.
    """
    check(lang, Language, field="lang")
    table = _by_code()
    canonical = code if code in table.index else economy_aliases().get(code)
    if canonical is None:
        raise QueryError(Message("ref_unknown_economy_code", code=code))
    return str(table.at[canonical, f"name_{lang}"])
