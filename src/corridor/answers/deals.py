"""Deals: pledges signed at expos and forums followed into both sides' statistics.

Document ``corridor.deals/1`` (docs/deals.md): ``deals`` (each with ``id``,
``pledged_usd`` and ``sides``: ``reported_by``, ``baseline_usd``, ``after_usd``,
``excess_usd``, ``conversion``, ``granularity``...), ``events`` (``event``,
``pledged_usd``, ``deals``, ``by_status``, ``estimates``) and ``ledger`` (release, file,
SHA-256).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .base import Answer
from ..messages import Message

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..deals.event import EventEstimate
    from ..deals.followup import SideFollowUp
    from ..deals.model import Deal
    from ..store import Workspace

SCHEMA = "corridor.deals/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    """``event``: only the deals of this event (as written in the ledger, case-insensitive);
    ``release``: the ledger release (default: the latest); ``estimate``: run the event-level
    difference in differences (slower)."""

    event: str | None = None
    release: str | None = None
    estimate: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class DealFollowUp:
    deal: Deal
    sides: tuple[SideFollowUp, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSummary:
    event: str
    pledged_usd: float
    deals: int
    by_status: tuple[tuple[str, int, float], ...]
    estimates: tuple[EventEstimate, ...]
    not_estimated: tuple[tuple[str, str], ...]  # (reported_by, reason key)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Result:
    name: ClassVar[str] = "deals"
    query: Query
    ledger: dict[str, Any]
    deals: tuple[DealFollowUp, ...]
    events: tuple[EventSummary, ...]
    totals: pd.DataFrame  # event, status, chapter, deals, pledged_usd

    def tables(self) -> dict[str, pd.DataFrame]:
        import pandas as pd

        rows = []
        for f in self.deals:
            for s in f.sides:
                rows.append({"id": f.deal.id, "event": f.deal.event, "signed": f.deal.signed.isoformat(),
                             "exporter": f.deal.exporter, "importer": f.deal.importer,
                             "hs_codes": ";".join(c.code for c in f.deal.hs_codes), "status": f.deal.status,
                             "pledged_usd": f.deal.pledged_usd, "reported_by": s.reported_by, "side": s.side,
                             "granularity": s.granularity, "baseline_usd": s.baseline_usd, "after_usd": s.after_usd,
                             "excess_usd": s.excess_usd, "conversion": s.conversion,
                             "covered_fraction": s.covered_fraction, "flags": ";".join(s.flags)})
        est = [{"event": e.event, **{k: v for k, v in dataclasses.asdict(x).items() if k != "event"}}
               for e in self.events for x in e.estimates]
        return {"deals": pd.DataFrame(rows), "events": self.totals.copy(), "estimates": pd.DataFrame(est)}

    def document(self) -> dict[str, Any]:
        def side(s: SideFollowUp) -> dict[str, Any]:
            d = dataclasses.asdict(s)
            d["overlap"] = [{"year": y, "horizon_months": a, "baseline_months": b} for y, a, b in s.overlap]
            d["codes_not_found"], d["flags"] = list(s.codes_not_found), list(s.flags)
            return d

        def deal(f: DealFollowUp) -> dict[str, Any]:
            d = f.deal
            return {"id": d.id, "event": d.event, "signed": d.signed.isoformat(), "exporter": d.exporter,
                    "importer": d.importer, "hs_codes": [c.code if c.revision is None else f"{c.revision}:{c.code}"
                                                         for c in d.hs_codes],
                    "value": d.value, "currency": d.currency, "pledged_usd": d.pledged_usd, "usd_rate": d.usd_rate,
                    "rate_basis": d.rate_basis, "horizon_months": d.horizon_months, "status": d.status,
                    "kind": d.kind, "exporter_company": d.exporter_company, "importer_company": d.importer_company,
                    "sides": [side(s) for s in f.sides]}

        return {
            "schema": SCHEMA,
            "query": dataclasses.asdict(self.query),
            "ledger": self.ledger,
            "deals": [deal(f) for f in self.deals],
            "events": [{"event": e.event, "pledged_usd": e.pledged_usd, "deals": e.deals,
                        "by_status": [{"status": s, "deals": n, "pledged_usd": v} for s, n, v in e.by_status],
                        "estimates": [dataclasses.asdict(x) for x in e.estimates],
                        "not_estimated": [{"reported_by": r, "reason": k} for r, k in e.not_estimated]}
                       for e in self.events],
        }


def deal_flows(ws: Workspace, deals: Sequence[Deal]) -> pd.DataFrame:
    """The flows the deals need: each pair's exports (exporter's statistics) and imports
    (importer's mirror) at HS2/HS4/HS6, latest releases."""
    import ibis

    pairs = {(d.exporter, d.importer) for d in deals}
    t = ws.flows()
    cond = ibis.literal(False)
    for e, i in sorted(pairs):
        cond |= ((t.reporter == e) & (t.partner == i) & (t.flow == "export"))
        cond |= ((t.reporter == i) & (t.partner == e) & (t.flow == "import"))
    cols = ["source", "reporter", "partner", "flow", "year", "period_kind", "month", "classification",
            "product_level", "product_code", "value_usd"]
    from ..store.figures import in_order

    # in a fixed order: the sums over these rows follow it (same input, same bytes)
    return in_order(t.filter(cond & t.product_level.isin(["hs2", "hs4", "hs6"])).select(*cols).execute(), cols)


def evaluate(ws: Workspace, deals: Sequence[Deal], query: Query, *, ledger: dict[str, Any]) -> Result:
    """The answer for ``deals`` (stored or read from a file by the CLI)."""
    from ..deals.followup import event_totals, follow_up
    from ..errors import QueryError

    if query.event is not None:
        chosen = [d for d in deals if d.event.casefold() == query.event.casefold()]
        if not chosen:
            events = sorted({d.event for d in deals})
            raise QueryError(Message("err_no_deals_of_event", event=query.event, events=", ".join(events)))
        deals = chosen
    flows = deal_flows(ws, deals)
    followed = tuple(DealFollowUp(deal=d, sides=follow_up(d, flows)) for d in deals)
    totals = event_totals(deals)
    events = []
    for event in sorted({d.event for d in deals}):
        mine = [d for d in deals if d.event == event]
        by_status = tuple((s, sum(1 for d in mine if d.status == s), sum(d.pledged_usd for d in mine if d.status == s))
                          for s in sorted({d.status for d in mine}))
        estimates, skipped = _estimates(mine, deals, flows) if query.estimate else ((), ())
        events.append(EventSummary(event=event, pledged_usd=sum(d.pledged_usd for d in mine), deals=len(mine),
                                   by_status=by_status, estimates=estimates, not_estimated=skipped))
    return Result(query=query, ledger=ledger, deals=followed, events=tuple(events), totals=totals)


def _estimates(event_deals: Sequence[Deal], all_deals: Sequence[Deal], flows: pd.DataFrame
               ) -> tuple[tuple[EventEstimate, ...], tuple[tuple[str, str], ...]]:
    """The PPML DiD of the event for each side of its main pair (the pair with most pledged)."""
    from ..deals.event import estimate
    from ..deals.panel import event_panel

    live = [d for d in event_deals if d.status != "cancelled"]
    if not live:
        return (), (("", "all_cancelled"),)
    pairs: dict[tuple[str, str], float] = {}
    for d in live:
        pairs[(d.exporter, d.importer)] = pairs.get((d.exporter, d.importer), 0.0) + d.pledged_usd
    exporter, importer = max(pairs, key=pairs.get)
    mine = [d for d in live if (d.exporter, d.importer) == (exporter, importer)]
    out, skipped = [], []
    for side, reported_by in (("exporter", exporter), ("importer", importer)):
        panel, reason = event_panel(mine, all_deals, flows, side=side)
        if panel is None:
            skipped.append((reported_by, reason))
            continue
        try:
            out.append(estimate(panel, event=mine[0].event, reported_by=reported_by,
                                pledged_usd=sum(d.pledged_usd for d in mine)))
        except ValueError:
            skipped.append((reported_by, "not_identified"))
    return tuple(out), tuple(skipped)


def answer(ws: Workspace, query: Query) -> Result:
    from ..deals.stored import stored_ledger

    deals, stored = stored_ledger(ws, release=query.release)
    ledger = {"release": stored.release, "ingest_id": stored.ingest_id, "file_name": stored.file_name,
              "sha256": stored.sha256, "stored": True}
    return evaluate(ws, deals, query, ledger=ledger)


ANSWER = Answer(name="deals", query=Query, run=answer, schema=SCHEMA)
