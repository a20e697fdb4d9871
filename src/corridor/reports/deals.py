"""Renderers of :class:`corridor.answers.deals.Result`: terminal text in English or
Russian, and the texts of its flags and reasons for the JSON document (``localise``)."""

from __future__ import annotations

import io
from typing import Any

from . import numbers
from .i18n import Catalogue

MAIN = "deals"

label = Catalogue("deals", {
    "title": {"en": "Pledges followed into the statistics: {n} deal(s), ledger release {release}",
              "ru": "Соглашения в торговой статистике: сделок — {n}, выпуск реестра {release}"},
    "event": {"en": "Event {event}: {n} deal(s), pledged {usd}", "ru": "Мероприятие «{event}»: сделок — {n}, заявлено {usd}"},
    "deal": {"en": "{id} ({status}) signed {signed}, {exporter} -> {importer}, HS {codes}: pledged {usd} over {h} months",
             "ru": "{id} ({status}), подписано {signed}, {exporter} -> {importer}, ТН ВЭД {codes}: заявлено {usd} на {h} мес."},
    "side": {"en": "  by {who}'s statistics ({granularity}): before {before}, after {after}, excess {excess}, conversion {conv}",
             "ru": "  по данным {who} ({granularity}): до {before}, после {after}, прирост {excess}, реализация {conv}"},
    "estimate": {"en": "  PPML difference in differences by {who}'s statistics: excess {usd} (95% CI {lo} .. {hi}), "
                       "conversion {conv} ({clo} .. {chi}); smallest detectable {mde}; {t} treated, {c} control products",
                 "ru": "  Разность разностей (PPML) по данным {who}: прирост {usd} (95% ДИ {lo} .. {hi}), "
                       "реализация {conv} ({clo} .. {chi}); минимально обнаружимый {mde}; товаров: {t} в сделках, {c} контрольных"},
    "not_estimated": {"en": "  no estimate by {who}'s statistics: {reason}", "ru": "  нет оценки по данным {who}: {reason}"},
    "month": {"en": "monthly", "ru": "помесячно"},
    "year": {"en": "annual, pro-rated by months", "ru": "годовые, пропорционально месяцам"},
    "none": {"en": "no statistics", "ru": "нет статистики"},
    # flags and reasons
    "no_statistics": {"en": "no statistics of this side for the pair", "ru": "нет статистики этой стороны по паре стран"},
    "codes_not_in_statistics": {"en": "some HS codes of the deal are not in the statistics",
                                "ru": "часть кодов ТН ВЭД сделки отсутствует в статистике"},
    "broader_than_deal": {"en": "the statistics are coarser than the deal's codes", "ru": "статистика грубее кодов сделки"},
    "horizon_not_covered": {"en": "the statistics do not yet cover the whole horizon", "ru": "статистика ещё не охватывает весь горизонт"},
    "baseline_not_covered": {"en": "the statistics do not cover the whole baseline", "ru": "статистика не охватывает весь базовый период"},
    "products_too_broad": {"en": "the deal is small against its products' flows: not visible in the statistics",
                           "ru": "сделка мала по сравнению с потоками её товаров: в статистике не видна"},
    "too_few_controls": {"en": "too few comparable products outside the deals", "ru": "слишком мало сопоставимых товаров вне сделок"},
    "no_baseline_periods": {"en": "no period before the deals", "ru": "нет периода до сделок"},
    "not_identified": {"en": "the model cannot be estimated on these data", "ru": "модель не оценивается на этих данных"},
    "all_cancelled": {"en": "every deal of the event is cancelled", "ru": "все сделки мероприятия отменены"},
    "flags": {"en": "  flags: {text}", "ru": "  отметки: {text}"},
    # a deal's status (corridor.deals.model.Status)
    "status_intention": {"en": "intention", "ru": "намерение"},
    "status_contract": {"en": "contract", "ru": "контракт"},
    "status_delivering": {"en": "delivering", "ru": "исполняется"},
    "status_delivered": {"en": "delivered", "ru": "исполнена"},
    "status_cancelled": {"en": "cancelled", "ru": "отменена"},
})


def money(v: float | None, lang: str) -> str:
    """A USD amount in the reader's format (:func:`corridor.reports.numbers.money`, 2 digits)."""
    return numbers.money(v, lang, digits=2)


def share(v: float | None, lang: str) -> str:
    """A conversion (a fraction) as a percentage in the reader's format."""
    return numbers.percent(None if v is None else 100.0 * v, lang, signed=False)


def terminal(result: Any, lang: str, width: int = 100) -> str:
    out = io.StringIO()
    out.write(label("title", lang, n=len(result.deals), release=result.ledger.get("release")) + "\n")
    for e in result.events:
        out.write("\n" + label("event", lang, event=e.event, n=e.deals, usd=money(e.pledged_usd, lang)) + "\n")
        for x in e.estimates:
            out.write(label("estimate", lang, who=x.reported_by, usd=money(x.excess_usd, lang),
                            lo=money(x.excess_low_usd, lang), hi=money(x.excess_high_usd, lang),
                            conv=share(x.conversion, lang), clo=share(x.conversion_low, lang),
                            chi=share(x.conversion_high, lang), mde=money(x.mde_excess_usd, lang),
                            t=x.treated_products, c=x.control_products) + "\n")
        for who, reason in e.not_estimated:
            out.write(label("not_estimated", lang, who=who or "-", reason=label(reason, lang)) + "\n")
        for f in (f for f in result.deals if f.deal.event == e.event):
            d = f.deal
            out.write(label("deal", lang, id=d.id, status=label(f"status_{d.status}", lang), signed=d.signed.isoformat(), exporter=d.exporter,
                            importer=d.importer, codes=",".join(c.code for c in d.hs_codes),
                            usd=money(d.pledged_usd, lang), h=d.horizon_months) + "\n")
            for s in f.sides:
                gran = label(s.granularity, lang) if s.granularity else label("none", lang)
                out.write(label("side", lang, who=s.reported_by, granularity=gran, before=money(s.baseline_usd, lang),
                                after=money(s.after_usd, lang), excess=money(s.excess_usd, lang),
                                conv=share(s.conversion, lang)) + "\n")
                if s.flags:
                    out.write(label("flags", lang, text="; ".join(label(k, lang) for k in s.flags)) + "\n")
    return out.getvalue()


def localise(doc: dict[str, Any], result: Any, lang: str) -> dict[str, Any]:
    """Add the text of every flag and reason in ``lang`` beside its key."""
    for d in doc["deals"]:
        for s in d["sides"]:
            s["flag_texts"] = [label(k, lang) for k in s["flags"]]
    for e in doc["events"]:
        for n in e["not_estimated"]:
            n["reason_text"] = label(n["reason"], lang)
    return doc
