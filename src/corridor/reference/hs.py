"""HS product codes and names for every HS revision, HS sections and WITS product groups.

Sources: ``atlas-common-data`` (Apache-2.0) product tables for HS92, HS12 and HS22 (codes and
English names at 2, 4 and 6 digits) and its conversion-weight tables between adjacent HS
revisions (H0..H6), from which the codes of HS96, HS02, HS07 and HS17 are derived; the
packaged ``hs_sections.tsv`` (WCO section titles, Russian titles of the EAEU nomenclature),
``hs_chapters_ru.tsv`` (Russian chapter names) and ``wits_groups.tsv`` (WITS' 16 groups).

Codes (:func:`product_codes`) are read from atlas' CSV files one or two columns at a time
(:mod:`._atlas`), without importing atlas-common-data; names (:func:`products`) come from its
pandas loaders, imported when first needed.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pyarrow as pa

from ..errors import QueryError, ReferenceDataError
from ._atlas import distinct_text, read_columns
from ._options import (
    ATLAS_CODES,
    ATLAS_PRODUCT_TABLES,
    HS_DIGITS,
    HS_REVISIONS,
    CodeLevel,
    classification_of,
)
from ..options import check
from ._tables import TableSpec, range_label, read_packaged, validate_table
from ..messages import Message

TOTAL_CODE = "TOTAL"

SECTIONS_SPEC = TableSpec(
    name="hs_sections.tsv",
    key=("section",),
    text=("name_en", "name_ru"),
    integer=("number",),
    unique=("number",),
    pattern=(("section", r"[IVX]+"), ("hs2_from", r"\d{2}"), ("hs2_to", r"\d{2}")),
)
GROUPS_SPEC = TableSpec(
    name="wits_groups.tsv",
    key=("code",),
    text=("label", "name_en", "name_ru"),
    unique=("label",),
    pattern=(("code", r"\d{2}-\d{2}"), ("hs2_from", r"\d{2}"), ("hs2_to", r"\d{2}")),
)
CHAPTERS_RU_SPEC = TableSpec(name="hs_chapters_ru.tsv", key=("code",), text=("name_ru",), pattern=(("code", r"\d{2}"),))
HEADINGS_RU_SPEC = TableSpec(name="hs4_names_ru.tsv", key=("code",), text=("name_ru",), pattern=(("code", r"\d{4}"),))
ATLAS_SPEC = TableSpec(
    name="atlas-common-data products",
    key=("code",),
    text=("name_en",),
    pattern=(("code", r"\d{2}|\d{4}|\d{6}"),),
)
ATLAS_CODES_SPEC = TableSpec(name="atlas-common-data product codes", key=("code",), pattern=ATLAS_SPEC.pattern)
#: Atlas' product levels that are HS codes (level 1 is atlas' own sectors).
ATLAS_HS_LEVELS = (2, 4, 6)
DIGITS = re.compile(r"\d+")
PRODUCTS_SPEC = TableSpec(name="products", key=("code",), text=("name_en",), optional_text=("name_ru", "parent"))


def _check_ranges(table: pd.DataFrame, name: str) -> pd.DataFrame:
    bad = table[table["hs2_from"] > table["hs2_to"]]
    if len(bad):
        raise ReferenceDataError(f"reference table {name!r}: row {int(bad.index[0]) + 1}: hs2_from > hs2_to")
    return table


@cache
def _sections() -> pd.DataFrame:
    return _check_ranges(validate_table(read_packaged("hs_sections.tsv"), SECTIONS_SPEC), "hs_sections.tsv")


@cache
def _groups() -> pd.DataFrame:
    return _check_ranges(validate_table(read_packaged("wits_groups.tsv"), GROUPS_SPEC), "wits_groups.tsv")


def hs_sections() -> pd.DataFrame:
    """The 21 HS sections: ``section`` (Roman numeral), ``number``, ``hs2_from``, ``hs2_to``
    (first and last chapter), ``name_en`` (WCO title), ``name_ru`` (EAEU TN VED title)."""
    return _sections().copy()


def wits_groups() -> pd.DataFrame:
    """WITS' 16 HS product groups: ``code`` (``01-05``), ``label`` (``Animal``, as in WITS
    downloads' ``01-05_Animal``), ``hs2_from``, ``hs2_to``, ``name_en``, ``name_ru``."""
    return _groups().copy()


def section_of(hs2: pd.Series) -> pd.Series:
    """HS section (Roman numeral) of each 2-digit chapter code (``None`` for 99)."""
    return range_label(hs2, _sections(), label="section", lo="hs2_from", hi="hs2_to")


def wits_group_of(hs2: pd.Series) -> pd.Series:
    """WITS product group code (``01-05``) of each 2-digit chapter code."""
    return range_label(hs2, _groups(), label="code", lo="hs2_from", hi="hs2_to")


@cache
def _atlas_products(revision: str) -> pd.DataFrame:
    """Digit codes (2/4/6) and English names of an atlas product table.

    Atlas' own placeholders (``XXXX``, ``XXXXXX``, ``9999AA``) and its level-1 sectors are
    dropped (the same rows as :func:`_atlas_codes`).
    """
    import atlas_common_data  # imports pandas' loaders, requests...: only when names are needed

    raw = atlas_common_data.load_products(ATLAS_PRODUCT_TABLES[revision])
    raw = raw[raw["product_level"].isin(ATLAS_HS_LEVELS) & raw["code"].astype(str).str.fullmatch(DIGITS.pattern)]
    table = raw.assign(code=raw["code"].astype(str), name_en=_mended(raw["name_en"]))[["code", "name_en"]]
    return validate_table(table, ATLAS_SPEC)


#: Upstream typos mended in atlas' English names: a text replacement of "eg" by "e.g." in the
#: HS12 and HS22 tables (atlas-common-data 1.1.1) turned heading 6406's "leggings" into
#: "le.g.ings"; HS92 has the right word.  Listed one by one (no pattern), each checked.
ATLAS_NAME_FIXES: tuple[tuple[str, str], ...] = (("le.g.ings", "leggings"),)


def _mended(names: pd.Series) -> pd.Series:
    for wrong, right in ATLAS_NAME_FIXES:
        names = names.str.replace(wrong, right, regex=False)
    return names


@cache
def _atlas_codes(revision: str) -> frozenset[str]:
    """Digit codes (2/4/6) of an atlas product table: the ``code`` and ``product_level``
    columns of ``classification/product/<hs92|hs12|hs22>.csv``, the rows of
    :func:`_atlas_products` (levels 2, 4, 6; placeholders such as ``XXXXXX`` dropped),
    validated (unique, 2, 4 or 6 digits)."""
    columns = read_columns(
        f"classification/product/{ATLAS_PRODUCT_TABLES[revision]}.csv",
        {"code": pa.string(), "product_level": pa.int64()},
    )
    codes = [
        code
        for code, level in zip(columns["code"], columns["product_level"])
        if level in ATLAS_HS_LEVELS and code is not None and DIGITS.fullmatch(code)
    ]
    return frozenset(validate_table(pd.DataFrame({"code": codes}), ATLAS_CODES_SPEC)["code"])


def _weights_file(source: str, target: str) -> str:
    return f"conversion_weights/conversion_weights_{source}_to_{target}.csv"


@cache
def _weight_codes(revision: str) -> frozenset[str]:
    """HS6 codes that are a *source* of an atlas conversion-weight table of ``revision``: the
    distinct values (leading zeros restored, zero weights included) of the source column of
    atlas' ``conversion_weights/conversion_weights_<source>_to_<neighbour>.csv`` (for HS17:
    column ``H5`` of ``..._H5_to_H4.csv`` and ``..._H5_to_H6.csv``), read alone."""
    position = HS_REVISIONS.index(revision)
    source = ATLAS_CODES[revision]
    codes: set[str] = set()
    for other in (position - 1, position + 1):
        if 0 <= other < len(HS_REVISIONS):
            filename = _weights_file(source, ATLAS_CODES[HS_REVISIONS[other]])
            found = distinct_text(filename, source)
            if None in found:
                raise ReferenceDataError(f"reference table 'atlas-common-data {filename}': empty {source} code")
            codes |= {c.zfill(6) for c in found}
    return frozenset(codes)


@cache
def _hs6_codes(revision: str) -> frozenset[str]:
    codes = set(_weight_codes(revision))
    if revision in ATLAS_PRODUCT_TABLES:
        codes |= {c for c in _atlas_codes(revision) if len(c) == 6}
    bad = sorted(c for c in codes if len(c) != 6 or not c.isdigit())
    if bad:
        raise ReferenceDataError(f"reference table 'HS codes {revision}': malformed hs6 code(s) {bad[:5]}")
    return frozenset(codes)


#: WITS' WTO product groupings (ProductCode ``WTO_H4_Aggri`` etc. in WITS downloads), stored
#: at level ``group`` beside the 16 chapter-range groups.  They overlap the chapter ranges:
#: never sum them together with those.
WTO_GROUPS: dict[str, str] = {
    "WTO-AGRI": "Agricultural products (WTO Agreement on Agriculture coverage)",
    "WTO-INDUS": "Non-agricultural (industrial) products",
    "WTO-PETRO": "Petroleum products",
}


@cache
def _codes(revision: str, level: str) -> frozenset[str]:
    if level == "total":
        return frozenset({TOTAL_CODE})
    if level == "section":
        return frozenset(_sections()["section"])
    if level == "group":
        return frozenset(_groups()["code"]) | frozenset(WTO_GROUPS)
    digits = HS_DIGITS[level]
    codes = {c[:digits] for c in _hs6_codes(revision)}
    if revision in ATLAS_PRODUCT_TABLES:
        codes |= {c for c in _atlas_codes(revision) if len(c) == digits}
    return frozenset(codes)


def product_codes(classification: str, level: CodeLevel) -> frozenset[str]:
    """Valid product codes of an HS revision at a level.

    ``classification``: ``HS92`` .. ``HS22`` (or ``H0``..``H6``, ``HS2012``...), or
    ``TOTAL`` (level ``total`` only). ``level``: ``total`` (``{'TOTAL'}``), ``section``
    (Roman numerals ``I``..``XXI``), ``group`` (WITS groups ``01-05``...), ``hs2``, ``hs4``,
    ``hs6``.

    HS6 codes of HS92, HS12 and HS22 are those of the atlas-common-data product tables
    (atlas placeholders such as ``XXXXXX`` excluded) together with the source codes of
    atlas' conversion-weight tables for the revision; HS96, HS02, HS07 and HS17, for which
    atlas ships no product table, are *derived* as the source codes (leading zeros
    restored) of atlas' weight tables from that revision to its neighbours (e.g. HS07 =
    source codes of ``H3->H2`` and ``H3->H4``). HS4 and HS2 codes are the prefixes of the HS6
    codes (plus atlas' own 2/4-digit codes). ``999999``/``9999``/``99`` ("not specified
    according to kind", used by UN Comtrade) are included where atlas lists them.
    """
    check(level, CodeLevel, field="level")
    revision = classification_of(classification)
    if revision == "TOTAL" and level != "total":
        raise QueryError(Message("ref_total_level", level=level))
    return _codes(revision, level)


def _nearest_atlas(revision: str) -> list[str]:
    """Atlas revisions by distance from ``revision`` (ties: the older first)."""
    position = HS_REVISIONS.index(revision)
    return sorted(ATLAS_PRODUCT_TABLES, key=lambda r: abs(HS_REVISIONS.index(r) - position))


def _unchanged_hs6(revision: str, atlas: str) -> frozenset[str]:
    """HS6 codes of ``revision`` that convert to the same code of ``atlas`` with weight ~1."""
    from .conversion import conversion_weights  # conversion depends on this module

    weights = conversion_weights(revision, atlas)
    same = weights[(weights["source_code"] == weights["target_code"]) & (weights["weight"] > 1 - 1e-6)]
    return frozenset(same["source_code"])


def _named_hs(revision: str, level: str) -> pd.DataFrame:
    """Codes of ``revision`` at ``level`` with English names.

    HS92/HS12/HS22 use their own atlas names. For HS96/HS02/HS07/HS17 names are borrowed
    from the nearest revision atlas names: HS2 and HS4 by equal code; an HS6 code only if it
    converts to the *same* code with weight ~1 (its scope did not change), otherwise it is
    named after its heading, e.g. "Horses, asses, mules and hinnies; live (subheading
    010110, HS07)". Codes named nowhere get "HS subheading <code> (no description ...)".
    """
    codes = pd.DataFrame({"code": sorted(_codes(revision, level))})
    nearest = _nearest_atlas(revision)
    own = _atlas_products(nearest[0]).rename(columns={"name_en": "own"})
    named = codes.merge(own, on="code", how="left")
    if revision not in ATLAS_PRODUCT_TABLES and level == "hs6":
        named.loc[~named["code"].isin(_unchanged_hs6(revision, nearest[0])), "own"] = None
    others = pd.concat([_atlas_products(r) for r in nearest], ignore_index=True).drop_duplicates("code")
    heading = named.assign(head=named["code"].str[:4]).merge(
        others.rename(columns={"code": "head", "name_en": "heading"}), on="head", how="left"
    )
    by_heading = heading["heading"] + " (subheading " + named["code"] + ", " + revision + ")"
    if level != "hs6" or revision in ATLAS_PRODUCT_TABLES:
        by_heading = named["code"].map(dict(zip(others["code"], others["name_en"])))
    fallback = "HS subheading " + named["code"] + " (no description in atlas-common-data)"
    return named.assign(name_en=named["own"].fillna(by_heading).fillna(fallback))[["code", "name_en"]]


@cache
def _products(revision: str, level: str) -> pd.DataFrame:
    from ._lookups import cached_frame

    return cached_frame(f"products-{revision}-{level}", lambda: _build_products(revision, level))


def _build_products(revision: str, level: str) -> pd.DataFrame:
    if level == "total":
        table = pd.DataFrame(
            {"code": [TOTAL_CODE], "name_en": ["All products"], "name_ru": ["Все товары"], "parent": [None]}
        )
    elif level in ("section", "group"):
        source = _sections().rename(columns={"section": "code"}) if level == "section" else _groups()
        table = source[["code", "name_en", "name_ru"]].assign(parent=TOTAL_CODE)
    else:
        table = _named_hs(revision, level)
        if level == "hs2":
            russian = validate_table(read_packaged("hs_chapters_ru.tsv"), CHAPTERS_RU_SPEC)
            table = table.merge(russian, on="code", how="left").assign(parent=section_of(table["code"]).to_numpy())
        elif level == "hs4":  # the team-written Russian heading names (every heading; see the file's header)
            russian = validate_table(read_packaged("hs4_names_ru.tsv"), HEADINGS_RU_SPEC)
            table = table.merge(russian, on="code", how="left").assign(parent=table["code"].str[:2].to_numpy())
        else:
            table = table.assign(name_ru=None, parent=table["code"].str[: HS_DIGITS[level] - 2])
    return validate_table(table[["code", "name_en", "name_ru", "parent"]], PRODUCTS_SPEC)


def products(classification: str, level: CodeLevel) -> pd.DataFrame:
    """Product codes of a classification and level with names: ``code``, ``name_en``,
    ``name_ru``, ``parent``.

    ``parent`` is the code one level up: an HS6 code's HS4, an HS4 code's HS2, an HS2
    chapter's section (``None`` for chapter 99), ``TOTAL`` for sections and WITS groups.
    ``name_ru`` is given for the total, sections, WITS groups and HS2 chapters, and is
    ``None`` at HS4 and HS6. See :func:`product_codes` for where the codes come from and
    ``_named_hs`` for how names of revisions without an atlas table are borrowed.
    """
    check(level, CodeLevel, field="level")
    revision = classification_of(classification)
    product_codes(revision, level)  # same checks as product_codes
    return _products(revision, level).copy()
