"""Renderers of the claim-checking answer (:mod:`corridor.answers.check`)."""

from __future__ import annotations

from typing import Any

from .i18n import Catalogue

MAIN = "claims"


def terminal(result: Any, lang: str, width: int) -> str:
    from ..claims.report import render_text

    text = render_text(list(result.checked), lang=lang)
    if result.deal_verdicts:
        text = text.rstrip("\n") + "\n\n" + "\n".join(deal_line(v, lang) for v in result.deal_verdicts) + "\n"
    return text


DEAL_TEXTS = Catalogue("deal claims", {
    "head": {"en": "Deals: \"{text}\"", "ru": "Сделки: «{text}»"},
    "supported": {"en": "  SUPPORTED by the ledger of {events}: {ledger} in {n} deal(s) against {claimed} claimed ({diff:+.1f}%)",
                  "ru": "  ПОДТВЕРЖДАЕТСЯ реестром «{events}»: {ledger} по сделкам ({n}) против заявленных {claimed} ({diff:+.1f}%)"},
    "contradicted": {"en": "  CONTRADICTED by the ledger of {events}: {ledger} in {n} deal(s), the claim {claimed} is {diff:+.1f}% off",
                     "ru": "  ОПРОВЕРГАЕТСЯ реестром «{events}»: {ledger} по сделкам ({n}), заявлено {claimed} — расхождение {diff:+.1f}%"},
    "no_ledger": {"en": "  NOT CHECKABLE: no deal ledger in the workspace; ingest the event's ledger with "
                        "`corridor ingest --source deals FILE`",
                  "ru": "  НЕ ПРОВЕРЯЕМО: в рабочей области нет реестра сделок; загрузите реестр мероприятия: "
                        "`corridor ingest --source deals FILE`"},
    "no_ledger_for_event": {"en": "  NOT CHECKABLE: no ledger for this event; ingest its ledger with `corridor ingest --source deals FILE`",
                            "ru": "  НЕ ПРОВЕРЯЕМО: нет реестра этого мероприятия; загрузите его: `corridor ingest --source deals FILE`"},
    "no_deals_of_signers": {"en": "  NOT CHECKABLE: the ledger of {events} has no deals of the signers named",
                            "ru": "  НЕ ПРОВЕРЯЕМО: в реестре «{events}» нет сделок названных участников"},
    "no_rate": {"en": "  NOT CHECKABLE: no exchange rate for the claim's currency and year",
                "ru": "  НЕ ПРОВЕРЯЕМО: нет курса валюты утверждения за этот год"},
})


def deal_line(v: Any, lang: str) -> str:
    """Two lines: the deal claim and its verdict in ``lang``."""
    from .deals import money

    head = DEAL_TEXTS("head", lang, text=v.claim.text[:160])
    key = v.status if v.status in ("supported", "contradicted") else v.reason
    body = DEAL_TEXTS(key, lang, events=", ".join(v.events), ledger=money(v.ledger_usd, lang), n=len(v.deal_ids),
                      claimed=money(v.claimed_usd, lang), diff=v.difference_pct or 0.0)
    return head + "\n" + body


def localise(doc: dict[str, Any], result: Any, lang: str) -> dict[str, Any]:
    """Each verdict's explanation (``text``) and what would make it checkable
    (``needs_text``) in ``lang``."""
    from ..claims.report import explain

    for cc, rec in zip(result.checked, doc["claims"]):
        for key, verdict in (("verdict", cc.verdict), ("growth_verdict", cc.growth_verdict)):
            if verdict is not None:
                rec[key]["text"], rec[key]["needs_text"] = explain(verdict, lang)
    for v, rec in zip(result.deal_verdicts, doc.get("deal_claims", [])):
        rec["text"] = deal_line(v, lang).split("\n", 1)[1].strip()
    return doc
