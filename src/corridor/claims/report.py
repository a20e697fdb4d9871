"""Checked claims -> plain data (the stable JSON document) and a readable text report.

JSON document (``schema: "corridor.claims/1"``; fields are only ever added):

``{"schema", "published", "summary": {status: count}, "claims": [claim, ...]}`` where each
claim has ``text, start, end`` (sentence offsets), ``indicator, product, reporter, partner,
period`` (``{label, year, first_month, last_month, kind, text, relative}`` or null),
``amount, currency, value_usd, converted, fx_rate, value_text, value_start, value_end,
growth_pct, growth_base, modality, qualifiers, carried, verdict`` (``{status, part,
explanation, needs, low, high, reason, params}``; ``reason``/``params`` as in
:class:`corridor.claims.model.Verdict`), ``growth_verdict`` (same shape or null), ``evidence``
(list of ``{part, reported_by, reporter, source, release, period, value, definition,
deviation_pct, matches, implausible}``; ``value`` is USD for a level, percent for a growth
rate), ``notes`` (English) and ``note_keys`` (``[{key, params}]``, for other languages).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence

from .messages import missing_text, name, product_name, reason_text, term
from ..options import Lang, check
from .model import STATUSES, CheckedClaim, Verdict
from .verification import usd

SCHEMA = "corridor.claims/1"

LABELS = {
    "en": {
        "supported": "SUPPORTED", "within_spread": "WITHIN THE SPREAD OF SOURCES", "contradicted": "CONTRADICTED",
        "not_checkable": "NOT CHECKABLE", "claim": "Claim", "indicator": "indicator", "period": "period",
        "economies": "economies", "value": "value", "growth": "growth", "modality": "modality",
        "verdict": "Verdict", "growth_verdict": "Growth verdict", "needs": "would need", "evidence": "evidence",
        "summary": "Summary", "none": "No quantitative trade claims found.", "converted": "converted at",
        "carried": "taken from the previous sentence", "notes": "assumed", "matches": "matches",
        "title": "Claim check", "chars": "chars", "own": "own statistics", "mirror": "mirror statistics",
        "implausible": "implausible: incomplete reporting",
    },
    "ru": {
        "supported": "ПОДТВЕРЖДАЕТСЯ", "within_spread": "В ПРЕДЕЛАХ РАСХОЖДЕНИЯ ИСТОЧНИКОВ",
        "contradicted": "ОПРОВЕРГАЕТСЯ", "not_checkable": "НЕ ПРОВЕРЯЕМО", "claim": "Утверждение",
        "indicator": "показатель", "period": "период", "economies": "страны", "value": "значение",
        "growth": "рост", "modality": "модальность", "verdict": "Вердикт", "growth_verdict": "Вердикт по росту",
        "needs": "нужны данные", "evidence": "данные", "summary": "Итого",
        "none": "Количественных утверждений о торговле не найдено.", "converted": "пересчёт по курсу",
        "carried": "взято из предыдущего предложения", "notes": "допущение", "matches": "совпадает",
        "title": "Проверка утверждений", "chars": "символы", "own": "собственная статистика", "mirror": "зеркальная статистика",
        "implausible": "неправдоподобно: неполная отчётность",
    },
}

def _verdict(v: Verdict | None) -> dict | None:
    if v is None:
        return None
    return {"status": v.status, "part": v.part, "reason": v.reason, "params": dict(v.params),
            "explanation": v.explanation, "needs": v.needs, "low": v.low, "high": v.high}


def _evidence(v: Verdict | None) -> list[dict]:
    if v is None:
        return []
    return [{"part": v.part, "reported_by": e.reported_by, "reporter": e.reporter, "source": e.source,
             "release": e.release, "period": e.period, "value": e.value_usd, "definition": e.definition,
             "deviation_pct": e.deviation_pct, "matches": e.matches, "implausible": e.implausible} for e in v.evidence]


def claim_record(cc: CheckedClaim) -> dict:
    """One claim of the JSON document."""
    c = cc.claim
    p = c.period
    period = None if p is None else {"label": p.label, "year": p.year, "first_month": p.first_month,
                                     "last_month": p.last_month, "kind": p.kind, "text": p.text, "relative": p.relative}
    return {
        "text": c.text, "start": c.start, "end": c.end, "indicator": c.indicator, "product": c.product,
        "reporter": c.reporter, "partner": c.partner, "period": period, "amount": c.amount, "currency": c.currency,
        "value_usd": c.value_usd, "converted": c.converted, "fx_rate": c.fx_rate, "value_text": c.value_text,
        "value_start": c.value_start, "value_end": c.value_end, "growth_pct": c.growth_pct,
        "growth_base": c.growth_base, "modality": c.modality, "qualifiers": list(c.qualifiers),
        "carried": list(c.carried), "verdict": _verdict(cc.verdict), "growth_verdict": _verdict(cc.growth_verdict),
        "evidence": _evidence(cc.verdict) + _evidence(cc.growth_verdict), "notes": list(cc.notes),
        "note_keys": [{"key": k, "params": dict(p)} for k, p in cc.note_keys],
        "targets": cc.targets.record() if cc.targets is not None else None,
    }


def to_document(checked: Sequence[CheckedClaim], *, published: dt.date | None = None) -> dict:
    """The stable JSON-ready document of a check (see the module docstring)."""
    counts = Counter(cc.verdict.status for cc in checked)
    return {
        "schema": SCHEMA,
        "published": published.isoformat() if published else None,
        "summary": {s: counts.get(s, 0) for s in STATUSES},
        "claims": [claim_record(cc) for cc in checked],
    }


def to_json(checked: Sequence[CheckedClaim], *, published: dt.date | None = None) -> str:
    return json.dumps(to_document(checked, published=published), ensure_ascii=False, indent=2)


def _term(value: str, lang: str) -> str:
    return term(value, lang)


def money(v: float, lang: str) -> str:
    """``$41.06 bn`` / ``41,06 млрд долл.``."""
    if lang == "en":
        return usd(v)
    big = abs(v) >= 1e9
    text = f"{v / (1e9 if big else 1e6):,.{2 if big else 1}f}".replace(",", "\u00a0").replace(".", ",")
    return f"{text} {'млрд' if big else 'млн'} долл."


def signed(x: float, lang: str, *, digits: int = 1) -> str:
    """``+30.6`` / ``+30,6``: a signed number with the language's decimal mark."""
    text = f"{x:+.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def pct(g: float, lang: str) -> str:
    return signed(g, lang) + "%"


NOTES = {
    "assumed_both": {"en": "economies not stated; assumed {a} and {b}", "ru": "страны не указаны; приняты {a} и {b}"},
    "assumed_reporter": {"en": "reporter not stated; assumed {code}", "ru": "отчитывающаяся страна не указана; принята {code}"},
    "assumed_partner": {"en": "partner not stated; assumed {code}", "ru": "страна-партнёр не указана; принята {code}"},
}


def note_text(key: str, params, lang: str) -> str:
    return NOTES[key][lang].format(**dict(params))


def explain(v: Verdict, lang: str) -> tuple[str, str | None]:
    """(explanation, needs) of a verdict in ``lang``: English as stored; Russian rendered
    from the reason code, its params and the evidence."""
    if lang == "en":
        return v.explanation, v.needs
    params = dict(v.params)
    if v.status == "not_checkable":
        return reason_text(v.reason, params, lang)
    fmt = (lambda x: money(x, lang)) if v.part == "level" else (lambda g: pct(g, lang))
    unit = "%" if v.part == "level" else " п.п."
    items = [f"{term(e.reported_by, lang)} {name(e.reporter, lang)} ({e.source}) = {fmt(e.value_usd)}" for e in v.evidence]
    if v.reason == "match":
        text = "совпадает: " + "; ".join(i for i, e in zip(items, v.evidence) if e.matches)
    elif v.reason == "near":
        how = {"truncated": "усечение опубликованной цифры", "edge": f"чуть вне {fmt(v.low)}..{fmt(v.high)}"}.get(
            params.get("how", ""), f"расхождение {signed(float(params['deviation']), 'ru', digits=2)}{unit}"
            if params.get("deviation") is not None else "расхождение")
        text = ("совпадает с точностью публикации: " + "; ".join(i for i, e in zip(items, v.evidence) if e.matches)
                + f" ({how}; опубликованные цифры усекаются или расходятся до "
                  f"{params['near_pct'].replace('.', ',')}%)")  # the tolerance used (verification._judge)
    elif v.reason == "spread":
        text = f"между источниками ({'; '.join(items)}), но ни один не попадает в {fmt(v.low)}..{fmt(v.high)}"
    else:
        text = f"вне {fmt(v.low)}..{fmt(v.high)} по всем источникам: " + "; ".join(
            f"{i} ({signed(e.deviation_pct, lang)}{unit})" for i, e in zip(items, v.evidence))
    if "implausible_reporter" in params:
        text += (f" (примечание: данные {name(params['implausible_reporter'], lang)} "
                 f"({term(params['implausible_flow'] + 's', lang)}) составляют {float(params['implausible_ratio']):.0%}"
                 f" от данных другой стороны: неполная отчётность)")
    missing = {k[len("missing_"):]: val for k, val in params.items() if k.startswith("missing_")}
    if missing:
        text += f" (нет в рабочем пространстве: {missing_text('side_missing', missing, lang)})"
    return text, None


def render_text(checked: Sequence[CheckedClaim], *, lang: str = "en") -> str:
    """A readable report: each claim quoted, its reading, its verdict and evidence."""
    check(lang, Lang, field="lang")
    L = LABELS[lang]
    lines = [L["title"], "=" * len(L["title"])]
    if not checked:
        return "\n".join(lines + [L["none"]]) + "\n"
    for n, cc in enumerate(checked, start=1):
        c = cc.claim
        lines.append("")
        lines.append(f"[{n}] {L['claim']} ({L['chars']} {c.start}-{c.end}): «{c.text.strip()}»")
        what = _term(c.indicator, lang) + (f" ({product_name(c.product, lang)})" if c.product else "")
        econ = f"{c.reporter or '?'} → {c.partner or '?'}"
        period = (c.period.label or c.period.text) if c.period else "?"
        lines.append(f"    {L['indicator']}: {what}; {L['economies']}: {econ}; {L['period']}: {period}; "
                     f"{L['modality']}: {_term(c.modality, lang)}")
        tags = f" [{', '.join(_term(q, lang) for q in c.qualifiers)}]" if c.qualifiers else ""
        if c.amount is not None:
            value = f"{c.value_text}"
            if c.value_usd is not None:
                value += f" = {money(c.value_usd, lang)}"
            if c.converted:
                value += f" ({L['converted']} {c.fx_rate} {c.currency}/USD)"
            lines.append(f"    {L['value']}: {value}{tags}")
        if c.growth_pct is not None:
            lines.append(f"    {L['growth']}: {pct(c.growth_pct, lang)}" + (f" ({_term(c.growth_base, lang)})" if c.growth_base else "")
                         + ("" if c.amount is not None else tags))
        if c.carried:
            lines.append(f"    {L['carried']}: {', '.join(_term(x, lang) for x in c.carried)}")
        notes = [note_text(k, p, lang) for k, p in cc.note_keys] if cc.note_keys else list(cc.notes)
        for note in notes:
            lines.append(f"    {L['notes']}: {note}")
        if cc.targets is not None:
            from .targets import render_lines

            lines += render_lines(cc.targets, lang)
        for key, v in (("verdict", cc.verdict), ("growth_verdict", cc.growth_verdict)):
            if v is None:
                continue
            why, needs = explain(v, lang)
            lines.append(f"    {L[key]}: {L[v.status]} — {why}")
            if needs:
                lines.append(f"      {L['needs']}: {needs}")
            for e in v.evidence:
                val = money(e.value_usd, lang) if v.part == "level" else pct(e.value_usd, lang)
                mark = f" ✓ {L['matches']}" if e.matches else ""
                mark += f" ({L['implausible']})" if e.implausible else ""
                side = L["own"] if e.reported_by == "economy" else L["mirror"]
                lines.append(f"      {L['evidence']}: {e.reporter} ({side}), {e.source} [{e.release}] {e.period}: {val}{mark}")
    counts = Counter(cc.verdict.status for cc in checked)
    lines += ["", f"{L['summary']}: " + ", ".join(f"{L[s].lower()} {counts[s]}" for s in STATUSES if counts[s])]
    return "\n".join(lines) + "\n"
