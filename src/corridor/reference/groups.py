"""Product groups: HS section, WITS group, agricultural and natural-resource products.

* Agricultural products: WTO Agreement on Agriculture (Marrakesh, 1994), Annex 1 "Product
  Coverage": HS chapters 1-24 less fish and fish products, plus listed headings and
  subheadings of chapters 29, 33, 35, 38, 41, 43, 50-53 (packaged ``wto_agriculture.tsv``,
  whose header gives the rules and the fish definition).
* Natural resources ("commodities") vs processed goods: the natural-resource flag of SITC
  Rev. 2 products of the Atlas of Economic Complexity (``atlas-common-data``
  ``load_sitc_natural_resource_products()``; Hausmann, Hidalgo et al., *The Atlas of Economic
  Complexity*, 2014), carried to HS through atlas' conversion weights H0 -> SITC3 -> SITC2:
  ``share(h) = sum_s w(h, s) * is_natural_resource(s)``, then to other HS revisions through
  :func:`~corridor.reference.conversion.conversion_weights` to HS92.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..errors import ReferenceDataError
from ._options import GROUP_LEVELS, HS_DIGITS, HS_REVISIONS, GroupLevel, classification_of
from ..options import check
from ._tables import TableSpec, prefix_bridge, range_matches, read_packaged, validate_table
from .conversion import check_weights, conversion_weights
from .hs import product_codes, section_of, wits_group_of

#: A product is "agricultural" / "natural resource" when at least this share of it is.
MAJORITY = 0.5

AGRICULTURE_SPEC = TableSpec(
    name="wto_agriculture.tsv",
    key=("rule", "hs_from", "hs_to", "revisions"),
    text=("description",),
    allowed=(("rule", ("include", "exclude")),),
    pattern=(("hs_from", r"\d{2}|\d{4}|\d{6}"), ("hs_to", r"\d{2}|\d{4}|\d{6}")),
)
NATURAL_RESOURCE_SPEC = TableSpec(
    name="atlas-common-data sitc_natural_resources",
    key=("sitc_product_code",),
    text=("sitc_product_code",),
    allowed=(("is_natural_resource", (True, False)),),
)


@cache
def _agriculture_rules() -> pd.DataFrame:
    rules = validate_table(read_packaged("wto_agriculture.tsv"), AGRICULTURE_SPEC)
    allowed = {*HS_REVISIONS, "all"}
    listed = rules["revisions"].str.split(",").explode().str.strip()
    bad = listed[~listed.isin(allowed)]
    if len(bad) or (rules["hs_from"].str.len() != rules["hs_to"].str.len()).any():
        raise ReferenceDataError(
            "reference table 'wto_agriculture.tsv': each row needs hs_from/hs_to of equal width and "
            f"revisions among {', '.join(sorted(allowed))}; bad revisions: {sorted(set(bad))}"
        )
    return rules


def agricultural_hs6(revision: str, codes: pd.Series) -> pd.Series:
    """Whether each HS6 code of ``revision`` is agricultural (WTO AoA Annex 1; see the
    module docstring): it matches an ``include`` rule and no ``exclude`` rule."""
    rules = _agriculture_rules()
    applies = rules["revisions"].eq("all") | rules["revisions"].str.contains(rf"(?:^|,)\s*{revision}\s*(?:,|$)")
    rules = rules[applies]
    hits = range_matches(codes, rules, lo="hs_from", hi="hs_to")
    hits = hits.assign(rule=rules.loc[hits["range_index"], "rule"].to_numpy())
    included = set(hits.loc[hits["rule"] == "include", "code"])
    excluded = set(hits.loc[hits["rule"] == "exclude", "code"])
    return codes.isin(included) & ~codes.isin(excluded)


def _sitc_weights(source: str, target: str) -> pd.DataFrame:
    import atlas_common_data  # imported when first needed, not with corridor.reference

    raw = atlas_common_data.load_conversion_weights(source, target)
    table = pd.DataFrame(
        {
            "source_code": raw[source].astype(str),
            "target_code": raw[target].astype(str),
            "weight": raw[f"weight_{source}_{target}"].astype("float64"),
        }
    )
    return table[table["weight"] > 0]


def _repair_sitc(to_s3: pd.DataFrame, known: pd.Series) -> pd.DataFrame:
    """Make the SITC3 targets of ``to_s3`` match the ``known`` SITC3 codes of the next step.

    A target that is not known is first read with its leading zero restored (``341`` ->
    ``0341``), then without it (``0621`` -> ``621``, as the ``S3->S2`` table writes some
    codes); if still unknown, its weight is shared equally among the known codes with the
    same 3-digit prefix (``0621`` -> ``0620``...). Every such code in atlas-common-data 1.1 is
    a food product (SITC section 0), none of which is a natural resource.
    """
    known_set = set(known)
    code = to_s3["target_code"]
    padded, stripped = code.str.zfill(4), code.str.lstrip("0")
    fixed = code.where(code.isin(known_set) | ~padded.isin(known_set), padded)
    fixed = fixed.where(fixed.isin(known_set) | ~stripped.isin(known_set), stripped)
    to_s3 = to_s3.assign(target_code=fixed)
    bridge = prefix_bridge(to_s3["target_code"], known, widths=(4, 3))
    bridged = to_s3.merge(bridge, left_on="target_code", right_on="code")
    bridged = bridged.assign(target_code=bridged["next_code"], weight=bridged["weight"] * bridged["share"])
    return bridged.groupby(["source_code", "target_code"], as_index=False)["weight"].sum()


@cache
def _natural_resource_hs92() -> pd.DataFrame:
    """Natural-resource share of each HS92 HS6 code (H0 -> SITC3 -> SITC2 weights).

    Atlas' ``H0->S3`` table drops the leading zero of some SITC codes (``341`` for ``0341``)
    and has a few SITC3 codes its ``S3->S2`` table lacks; see :func:`_repair_sitc`.
    """
    import atlas_common_data

    flags = atlas_common_data.load_sitc_natural_resource_products()
    flags = validate_table(flags, NATURAL_RESOURCE_SPEC)
    natural = set(flags.loc[flags["is_natural_resource"].astype(bool), "sitc_product_code"])
    to_s3 = _sitc_weights("H0", "S3").assign(source_code=lambda t: t["source_code"].str.zfill(6))
    to_s2 = _sitc_weights("S3", "S2")
    to_s3 = _repair_sitc(to_s3, to_s2["source_code"])
    chained = to_s3.merge(to_s2, left_on="target_code", right_on="source_code", suffixes=("", "_s2"))
    share = chained.assign(
        nr=chained["weight"] * chained["weight_s2"] * chained["target_code_s2"].isin(natural),
        total=chained["weight"] * chained["weight_s2"],
    ).groupby("source_code", as_index=False)[["nr", "total"]].sum()
    lost = share[(share["total"] - 1).abs() > 1e-9]
    if len(lost):
        raise ReferenceDataError(
            f"reference table 'atlas-common-data H0->S3->S2 weights': {len(lost)} HS92 code(s) "
            f"lose weight in the chain, e.g. {lost['source_code'].iloc[0]}"
        )
    missing = natural - set(to_s2["target_code"])
    if missing:
        raise ReferenceDataError(
            f"reference table 'atlas-common-data sitc_natural_resources': natural-resource SITC2 code(s) "
            f"{sorted(missing)[:5]} are never reached from HS"
        )
    return share.rename(columns={"source_code": "code", "nr": "natural_resource_share"})[
        ["code", "natural_resource_share"]
    ]


def natural_resource_hs6(revision: str) -> pd.DataFrame:
    """``code``, ``natural_resource_share`` for the HS6 codes of ``revision`` that have
    conversion weights (HS92 directly; other revisions through their weights to HS92)."""
    hs92 = _natural_resource_hs92()
    if revision == "HS92":
        return hs92.copy()
    weights = check_weights(conversion_weights(revision, "HS92"), name=f"conversion weights {revision}->HS92")
    joined = weights.merge(hs92, left_on="target_code", right_on="code", how="left")
    joined = joined.assign(part=joined["weight"] * joined["natural_resource_share"].fillna(0.0))
    share = joined.groupby("source_code", as_index=False)["part"].sum()
    return share.rename(columns={"source_code": "code", "part": "natural_resource_share"})


@cache
def _hs6_groups(revision: str) -> pd.DataFrame:
    codes = pd.Series(sorted(product_codes(revision, "hs6")), dtype=object)
    frame = pd.DataFrame({"hs6": codes, "agricultural_share": agricultural_hs6(revision, codes).astype("float64")})
    frame = frame.merge(natural_resource_hs6(revision).rename(columns={"code": "hs6"}), on="hs6", how="left")
    return frame


@cache
def _groups(revision: str, level: str) -> pd.DataFrame:
    from ._lookups import cached_frame

    return cached_frame(f"groups-{revision}-{level}", lambda: _build_groups(revision, level))


def _build_groups(revision: str, level: str) -> pd.DataFrame:
    hs6 = _hs6_groups(revision)
    digits = HS_DIGITS[level]
    shares = (
        hs6.assign(code=hs6["hs6"].str[:digits])
        .groupby("code", as_index=False)[["agricultural_share", "natural_resource_share"]]
        .mean()
    )
    hs2 = shares["code"].str[:2]
    table = shares.assign(
        hs2=hs2,
        section=section_of(hs2).to_numpy(),
        wits_group=wits_group_of(hs2).to_numpy(),
        is_agricultural=shares["agricultural_share"] >= MAJORITY,
        is_natural_resource=(shares["natural_resource_share"] >= MAJORITY).where(
            shares["natural_resource_share"].notna(), pd.NA
        ).astype("boolean"),
    )
    return table[
        [
            "code", "hs2", "section", "wits_group", "is_agricultural", "agricultural_share",
            "is_natural_resource", "natural_resource_share",
        ]
    ]


def product_groups(classification: str = "HS12", level: GroupLevel = "hs4") -> pd.DataFrame:
    """Group memberships of every product code of an HS revision at ``hs2``/``hs4``/``hs6``.

    Columns: ``code``, ``hs2``, ``section`` (Roman numeral; ``None`` for chapter 99),
    ``wits_group`` (``01-05``...), ``is_agricultural``, ``agricultural_share``,
    ``is_natural_resource``, ``natural_resource_share``.

    * ``agricultural_share``: at HS6, 1.0 if the code is agricultural by the WTO Agreement on
      Agriculture, Annex 1, else 0.0; at HS4/HS2, the share of the HS6 children that are
      (each child counts equally; e.g. 2905 is partly agricultural: only 2905.43 and 2905.44).
    * ``natural_resource_share``: at HS6, the Atlas SITC2 natural-resource flag carried to HS
      through the conversion weights (a weighted share in [0, 1]); at HS4/HS2, the mean over
      the HS6 children (equal weights). Missing (``NA``) for the few HS6 codes that have no
      weights (e.g. HS92 380993).
    * ``is_agricultural`` / ``is_natural_resource``: share >= 0.5.
    """
    check(level, GroupLevel, field="level")
    revision = classification_of(classification, allow_total=False)
    return _groups(revision, level).copy()
