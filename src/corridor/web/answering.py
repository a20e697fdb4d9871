"""The dashboard's one door to the answers: ``answer(name, workspace, params) -> Result``.

The pages never compute: they name an answer, pass the view's query parameters (named as
the CLI's arguments and options and the HTTP API's query parameters) and draw the
result's ``document()`` and ``tables()``.  When :mod:`corridor.answers.registry` is
installed, every answer it holds is taken from it (``ANSWERS[name].run(workspace,
parse_query(name, params))``); the answers it does not hold yet are served by the bridges
below, thin wrappers of the library functions the CLI calls today, each returning a
result with the same two methods.  A bridge is deleted once its answer is registered.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace


@dataclass(frozen=True, slots=True)
class BridgedResult:
    """A result built by a bridge: its JSON document and its named tables."""

    doc: dict[str, Any]
    frames: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        return self.doc

    def tables(self) -> Mapping[str, pd.DataFrame]:
        return self.frames


def _registry() -> tuple[Mapping[str, Any], Callable[[str, Mapping[str, str]], Any]] | None:
    try:
        mod = importlib.import_module("corridor.answers.registry")
    except ModuleNotFoundError as exc:  # the answers layer not installed yet: bridges only
        if exc.name != "corridor.answers.registry":
            raise
        return None
    return mod.ANSWERS, mod.parse_query


def answer(name: str, workspace: Workspace, params: Mapping[str, str]) -> Any:
    """The result of answer ``name`` for the view's ``params`` (a bridge's or the registry's)."""
    if name in BRIDGES:
        return BRIDGES[name](workspace, params)
    reg = _registry()
    if reg is not None and name in reg[0]:
        answers, parse_query = reg
        return answers[name].run(workspace, parse_query(name, dict(params)))
    raise QueryError(f"no answer named {name!r}; expected one of {', '.join(sorted(BRIDGES))}")


# -- parameters ------------------------------------------------------------------------

def _int(params: Mapping[str, str], key: str, default: int | None = None) -> int:
    raw = params.get(key)
    if raw in (None, ""):
        if default is None:
            raise QueryError(f"parameter {key!r} is required")
        return default
    try:
        return int(raw)
    except ValueError:
        raise QueryError(f"parameter {key}={raw!r} is not a whole number") from None


def _float(params: Mapping[str, str], key: str, default: float) -> float:
    raw = params.get(key)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError:
        raise QueryError(f"parameter {key}={raw!r} is not a number") from None


def _choice(params: Mapping[str, str], key: str, allowed: tuple[str, ...]) -> str:
    value = params.get(key) or allowed[0]
    if value not in allowed:
        raise QueryError(f"parameter {key}={value!r} is not allowed; expected one of: {', '.join(allowed)}")
    return value


def _economy(params: Mapping[str, str], key: str, default: str) -> str:
    from .. import reference

    return reference.resolve_economy(params.get(key) or default)


LEVELS = ("hs4", "hs2", "hs6")


# -- bridges ---------------------------------------------------------------------------

def _monitor(ws: Workspace, params: Mapping[str, str]) -> BridgedResult:
    from ..indicators.plausibility import mirror_warnings
    from ..monitor import build_monitor
    from ..reports import monitor as render
    from ..reports.tabular import json_records

    e, p = _economy(params, "economy", "KAZ"), _economy(params, "partner", "CHN")
    rep = build_monitor(ws.flows(), economy=e, partner=p, year_from=_int(params, "from", 2015),
                        year_to=_int(params, "to", 2024), level=_choice(params, "level", LEVELS),
                        top=_int(params, "top", 10),
                        months=_int(params, "months") if params.get("months") not in (None, "") else None,
                        monthly=str(params.get("monthly", "")).lower() in ("1", "true", "yes"))
    doc = render.to_document(rep)
    doc.pop("generated_at", None)
    warnings = mirror_warnings(rep.gaps, rep.structure)
    doc["warnings"] = json_records(warnings)
    frames = {"summary": rep.summary, "gaps": rep.gaps, "structure": rep.structure, "sections": rep.sections,
              "top_products": rep.top_products, "changes": rep.changes, "warnings": warnings,
              "series": render.series(rep).assign(ingest_ids=lambda d: d["ingest_ids"].map(";".join))}
    return BridgedResult(doc, frames)


def complexity_years(ws: Workspace, *, min_exporters: int = 20) -> list[int]:
    """Years with product-level exports of at least ``min_exporters`` reporters (a world matrix)."""
    cov = ws.coverage()
    t = cov.filter(cov.flow == "export", cov.product_level.isin(["hs2", "hs4", "hs6"]), cov.period_kind == "year")
    counted = t.group_by("year").aggregate(n=t.reporter.nunique()).execute()
    return sorted(int(y) for y in counted.loc[counted["n"] >= min_exporters, "year"])


def _years(ws: Workspace, _params: Mapping[str, str]) -> BridgedResult:
    return BridgedResult({"schema": "corridor.web.years/1", "years": complexity_years(ws)})


def _complexity(ws: Workspace, params: Mapping[str, str]) -> BridgedResult:
    """The complexity of ``year`` (eigenvector ECI/PCI, binary presence, Atlas normalisation;
    ``countries`` and ``products`` as in ``corridor complexity --format json``) and its
    product space: edges (:func:`corridor.indicators.product_space.product_space`) and
    nodes (PCI, and the presence ``mcp`` and density of ``exporter``), from one suite."""
    import numpy as np
    import pandas as pd

    from ..cli.complexity import _classification, _economy_names, _product_names  # until the complexity answer exists
    from ..indicators.complexity import presence_matrices
    from ..indicators.inputs import export_matrix, inclusion
    from ..indicators.product_space import product_space
    from ..indicators.proximity import complexity_suite
    from ..reports.tabular import json_records

    year = _int(params, "year")
    level = _choice(params, "level", LEVELS)
    lang = _choice(params, "lang", ("en", "ru"))
    exporter = _economy(params, "exporter", "KAZ")
    source = params.get("source") or None
    min_exports = _float(params, "min_exports", 0.0)
    flows = ws.flows()
    matrix = inclusion(export_matrix(flows, years=year, level=level, source=source, window=1),
                       min_exporter_value=min_exports, min_product_value=0.0)
    suite = complexity_suite(presence_matrices(matrix, rule="binary"))
    countries = suite.countries().drop(columns=["coi_raw"]).sort_values(["rank", "exporter"]).rename(
        columns={"exporter": "code"})
    products = suite.products().sort_values(["rank", "product"]).rename(columns={"product": "code"})
    countries.insert(2, "name", _economy_names(countries.code, lang))
    classification = _classification(flows, level=level, year=year, source=source)
    products.insert(2, "name", _product_names(products.code, classification, level, lang))
    rel = suite.relatedness[0]
    row = np.flatnonzero(rel.exporters == exporter)
    names = dict(zip(products["code"], products["name"]))
    pci = dict(zip(products["code"], products["pci"]))
    nodes = pd.DataFrame({"product": rel.products, "name": [names.get(c, "") for c in rel.products],
                          "pci": [pci.get(c) for c in rel.products],
                          "mcp": rel.mcp[row[0]] if len(row) else np.zeros(len(rel.products)),
                          "density": rel.density[row[0]] if len(row) else np.nan})
    nodes["section"] = _sections(nodes["product"])
    edges = product_space(suite.proximity[0])
    doc = {"schema": "corridor.complexity/1", "year": year, "method": "eigenvector", "level": level,
           "classification": classification, "presence": "binary", "window": 1, "min_exports": min_exports,
           "exporter": exporter, "countries": json_records(countries, integer_columns=("rank", "year")),
           "products": json_records(products, integer_columns=("rank", "year"))}
    return BridgedResult(doc, {"countries": countries, "products": products, "space_nodes": nodes,
                               "space_edges": edges})


def _sections(codes: pd.Series) -> pd.Series:
    from ..reference.hs import section_of

    return section_of(codes.astype(str).str[:2])


def _opportunities(ws: Workspace, params: Mapping[str, str]) -> BridgedResult:
    from ..opportunities import opportunities_from_flows
    from ..opportunities.explain import product_kind
    from ..reports.tabular import json_records

    e, m = _economy(params, "exporter", "KAZ"), _economy(params, "market", "CHN")
    year, level = _int(params, "year"), _choice(params, "level", LEVELS)
    res = opportunities_from_flows(
        ws.flows(), exporter=e, market=m, year=year, level=level,
        strategy=params.get("strategy") or "balanced_portfolio", rank_by=params.get("rank_by") or "balanced",
        top=_int(params, "top", 50))
    df = res.to_pandas()
    df["kind"] = [product_kind(r) for r in df.to_dict("records")]
    doc = {"schema": "corridor.opportunities/1", "exporter": e, "market": m, "year": year, "level": level,
           "strategy": res.strategy, "rank_by": res.rank_by, "ease": res.ease, "candidates": res.candidates,
           "opportunities": json_records(df), "notes": list(res.notes), "notes_ru": list(res.notes_ru)}
    return BridgedResult(doc, {"opportunities": df})


def _check(ws: Workspace | None, params: Mapping[str, str]) -> BridgedResult:
    import pandas as pd

    from ..claims import extract
    from ..claims.report import explain, to_document
    from ..claims.verification import verify

    text = params.get("text") or ""
    date = params.get("date") or None
    try:
        published = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise QueryError(f"parameter date={date!r} is not a date; expected YYYY-MM-DD") from None
    claims = extract(text, published=published)
    checked = verify(claims, ws.flows() if ws is not None else None, assume_pair=("KAZ", "CHN"))
    doc = to_document(checked, published=published)
    doc["text"] = text
    lang = params.get("lang") or "en"
    for cc, rec in zip(checked, doc["claims"]):  # the verdicts' words in the page's language
        for key, verdict in (("verdict", cc.verdict), ("growth_verdict", cc.growth_verdict)):
            if verdict is not None:
                rec[key]["text"], rec[key]["needs_text"] = explain(verdict, lang)
    rows = [{"claim": i + 1, "text": c["text"].strip(), "indicator": c["indicator"],
             "period": (c["period"] or {}).get("label"), "value_usd": c["value_usd"], "growth_pct": c["growth_pct"],
             "verdict": c["verdict"]["status"], "explanation": c["verdict"]["explanation"]}
            for i, c in enumerate(doc["claims"])]
    evidence = [{"claim": i + 1, **e} for i, c in enumerate(doc["claims"]) for e in c["evidence"]]
    return BridgedResult(doc, {"claims": pd.DataFrame(rows), "evidence": pd.DataFrame(evidence)})


def _provenance(ws: Workspace, _params: Mapping[str, str]) -> BridgedResult:
    from ..reports.tabular import json_records

    prov = ws.provenance().order_by("ingested_at").execute()
    cov = ws.coverage()
    coverage = (cov.group_by(["source", "release", "reporter", "partner", "flow", "classification", "product_level"])
                .aggregate(year_from=cov.year.min(), year_to=cov.year.max(), rows=cov.rows.sum(),
                           value_usd=cov.value_usd.sum())
                .order_by(["source", "reporter", "partner", "flow", "product_level"]).execute())
    releases = (prov.groupby(["source", "release"], as_index=False)
                .agg(ingests=("ingest_id", "count"), rows_stored=("rows_stored", "sum"),
                     first_ingested=("ingested_at", "min"), last_ingested=("ingested_at", "max")))
    prov = prov.drop(columns=["file_path"], errors="ignore")
    for frame in (prov, releases):
        for col in frame.columns:
            if str(frame[col].dtype).startswith("datetime"):
                frame[col] = frame[col].astype(str)
    doc = {"schema": "corridor.provenance/1", "ingests": json_records(prov), "releases": json_records(releases),
           "coverage": json_records(coverage)}
    return BridgedResult(doc, {"ingests": prov, "releases": releases, "coverage": coverage})


#: Answers served by a bridge (deleted from here once registered in corridor.answers.registry).
BRIDGES: dict[str, Callable[[Any, Mapping[str, str]], BridgedResult]] = {
    "monitor": _monitor,
    "complexity_years": _years,
    "complexity": _complexity,
    "opportunities": _opportunities,
    "check": _check,
    "provenance": _provenance,
}
