"""Renderers of the roadmap answer (:mod:`corridor.answers.roadmap`): JSON document,
terminal text, CSV and XLSX, in English or Russian.

Terminal: the targets whose sides disagree first, then one block per target with a
progress bar per side (the share of the way from the baseline to the target), the
figures, the projection (labelled as such) and the alerts.
"""

from __future__ import annotations

import io
import json
import math
from typing import TYPE_CHECKING, Any

from .i18n import Catalogue

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from ..answers.roadmap import AlertsResult, RoadmapResult

TEXTS = Catalogue("roadmap", {
    "title": {"en": "Roadmap: {file} (release {release})", "ru": "Дорожная карта: {file} (выпуск {release})"},
    "title_file": {"en": "Roadmap: {file} (not stored)", "ru": "Дорожная карта: {file} (не сохранена)"},
    "disagree": {"en": "THE TWO SIDES' STATISTICS DISAGREE", "ru": "СТАТИСТИКА СТОРОН РАСХОДИТСЯ"},
    "target": {"en": "Target: {value} by {year} (baseline {baseline})",
               "ru": "Цель: {value} к {year} году (база {baseline})"},
    "growth_target": {"en": "Target: {pct:+.0f}% over the baseline by {year} (baseline {baseline})",
                      "ru": "Цель: {pct:+.0f}% к базе к {year} году (база {baseline})"},
    "announced": {"en": "Announced {when} by {who}; source: {source}",
                  "ru": "Объявлено {when}, {who}; источник: {source}"},
    "side_reporter": {"en": "{who}'s own statistics", "ru": "собственная статистика: {who}"},
    "side_partner": {"en": "{who}'s mirror statistics", "ru": "зеркальная статистика: {who}"},
    "status_achieved": {"en": "achieved", "ru": "достигнута"},
    "status_on_track": {"en": "on track", "ru": "по графику"},
    "status_acceleration_needed": {"en": "progress, acceleration needed", "ru": "прогресс, нужно ускорение"},
    "status_limited_progress": {"en": "limited progress", "ru": "ограниченный прогресс"},
    "status_deterioration": {"en": "deterioration", "ru": "ухудшение"},
    "status_no_data": {"en": "no data", "ru": "нет данных"},
    "figures": {"en": "baseline {by} {bv} → latest {ly} {lv}; observed growth {obs}/yr, required {req}/yr, R = {r}",
                "ru": "база {by} {bv} → последнее {ly} {lv}; фактический рост {obs} в год, требуемый {req} в год, R = {r}"},
    "needed": {"en": "growth still needed: {g}/yr to {year}", "ru": "ещё нужен рост: {g} в год до {year}"},
    "unprecedented": {"en": "more than any year of the history (max {m})",
                      "ru": "больше, чем в любой год истории (макс. {m})"},
    "projection": {"en": "Projection ({method}, not a forecast of policy): {year} median {med}, 80% {lo}–{hi}; "
                         "probability of reaching the target {p}",
                   "ru": "Проекция ({method}, не прогноз политики): {year} медиана {med}, 80% {lo}–{hi}; "
                         "вероятность достичь цели {p}"},
    "ytd": {"en": "year to date, {m#january_to} {year}: {v} ({g} on the same months of {prev})",
            "ru": "с начала года, {m#january_to} {year} г.: {v} ({g} к тем же месяцам {prev} г.)"},
    "pace_true": {"en": "on pace for the target", "ru": "темп достаточен для цели"},
    "pace_false": {"en": "below the pace the target needs", "ru": "темп ниже нужного для цели"},
    "reason_no_baseline": {"en": "no figure in or after the baseline year", "ru": "нет данных за базовый год и позже"},
    "reason_single_year": {"en": "only one year of figures", "ru": "данные только за один год"},
    "reason_sign_change": {"en": "values of opposite signs: no compound growth", "ru": "значения разных знаков: среднегодовой рост не определён"},
    "reason_zero_required": {"en": "the target equals the baseline", "ru": "цель равна базовому значению"},
    "method_damped_trend": {"en": "damped-trend exponential smoothing", "ru": "экспоненциальное сглаживание с затухающим трендом"},
    "method_log_linear": {"en": "log-linear trend", "ru": "лог-линейный тренд"},
    "method_naive": {"en": "naive random walk", "ru": "наивная модель случайного блуждания"},
    "alerts": {"en": "Alerts", "ru": "Сигналы"},
    "no_alerts": {"en": "No alerts.", "ru": "Сигналов нет."},
    "since_roadmap_release": {"en": "since roadmap release {release}", "ru": "с выпуска дорожной карты {release}"},
    "since_flows_ingest": {"en": "compared with the workspace before ingest {ingest_id} (release {release})",
                           "ru": "по сравнению с состоянием до загрузки {ingest_id} (выпуск {release})"},
    "since_stored_roadmap": {"en": "against the stored roadmap (release {release})",
                             "ru": "по сравнению с сохранённой дорожной картой (выпуск {release})"},
    "since_none": {"en": "no earlier state to compare with", "ru": "нет более раннего состояния для сравнения"},
    "alert_sides_disagree": {"en": "{target}: the sides disagree ({detail})", "ru": "{target}: стороны расходятся ({detail})"},
    "alert_now_achieved": {"en": "{target}: {who} now says achieved (was {before})",
                           "ru": "{target}: по данным {who} цель теперь достигнута (было: {before})"},
    "alert_status_changed": {"en": "{target}: {who} status {before} → {after}",
                             "ru": "{target}: статус по данным {who}: {before} → {after}"},
    "alert_required_growth_unprecedented": {
        "en": "{target}: by {who}'s statistics the growth still needed ({g}/yr) exceeds every year of the history (max {m})",
        "ru": "{target}: по данным {who} нужный рост ({g} в год) выше, чем в любой год истории (макс. {m})"},
    "alert_target_added": {"en": "{target}: new target", "ru": "{target}: новая цель"},
    "alert_target_removed": {"en": "{target}: target removed", "ru": "{target}: цель исключена"},
    "alert_target_revised": {"en": "{target}: target revised ({detail})", "ru": "{target}: цель изменена ({detail})"},
    "na": {"en": "n/a", "ru": "н/д"},
    "bn": {"en": "${v} bn", "ru": "{v} млрд долл."},
    "mn": {"en": "${v} mn", "ru": "{v} млн долл."},
})


def status_text(status: str, lang: str) -> str:
    return TEXTS(f"status_{status}", lang)


def to_json(result: RoadmapResult | AlertsResult) -> str:
    return json.dumps(result.document(), ensure_ascii=False, indent=2)


def to_csv(result: RoadmapResult | AlertsResult) -> str:
    """The first table (``targets``, one row per target and side; or ``alerts``) as CSV."""
    from .tabular import csv_text

    tables = result.tables()
    return csv_text(next(iter(tables.values())))


def to_xlsx(result: RoadmapResult | AlertsResult, *, lang: str = "en") -> bytes:
    """Every table of the result, one sheet each (openpyxl), numbers as numbers."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in result.tables().items():
            frame.to_excel(xw, sheet_name=name[:31], index=False)
    return buf.getvalue()


def ytd_text(y: dict, unit: str, lang: str) -> str:
    """A side's year to date (:func:`corridor.roadmap.series.year_to_date`) in words:
    ``year to date, January–September 2024: $21.00 bn (+16.7% on the same months of 2023);
    on pace for the target``."""
    line = TEXTS("ytd", lang, year=y["year"], m=y["last_month"], v=fmt_value(y["value"], unit, lang),
                 g=fmt_pct(y["growth"], lang), prev=y["year"] - 1)
    if y.get("on_pace") is not None:
        line += "; " + TEXTS(f"pace_{str(y['on_pace']).lower()}", lang)
    return line


def fmt_value(v: float | None, unit: str, lang: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return TEXTS("na", lang)
    num = (lambda t: _ru_digits(t) if lang == "ru" else t)  # noqa: E731
    if unit == "usd":
        return TEXTS("bn", lang, v=num(f"{v / 1e9:,.2f}")) if abs(v) >= 1e9 else TEXTS("mn", lang, v=num(f"{v / 1e6:,.1f}"))
    return num(f"{v:,.0f}" if unit == "count" else f"{v:.3f}")


def fmt_pct(v: float | None, lang: str, *, signed: bool = True) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return TEXTS("na", lang)
    text = f"{v * 100:+.1f}%" if signed else f"{v * 100:.0f}%"
    return _ru_digits(text) if lang == "ru" else text


def _ru_digits(text: str) -> str:
    """Russian number format: thin space for thousands, comma for decimals."""
    return text.replace(",", "\u202f").replace(".", ",")


def _bar(completion: float | None, width: int = 20) -> str:
    if completion is None:
        return "·" * width
    n = int(round(completion * width))
    return "█" * n + "░" * (width - n)


def render_terminal(result: RoadmapResult, *, lang: str = "en", console: Console | None = None,
                    names: dict[str, str] | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape

    con = console or Console()
    names = names or {}
    info = result.roadmap
    head = (TEXTS("title", lang, file=info.get("file"), release=info.get("release")) if info.get("stored")
            else TEXTS("title_file", lang, file=info.get("file")))
    con.print(f"[bold]{escape(head)}[/]")
    for r in result.targets:
        t = r.target
        title = t.title_ru if lang == "ru" and t.title_ru else t.title
        con.print()
        con.print(f"[bold]{escape(t.id)}[/]: {escape(title)}")
        if r.disagree:
            con.print(f"  [bold red]{TEXTS('disagree', lang)}[/]")
        if t.target_value is not None:
            con.print("  " + TEXTS("target", lang, value=fmt_value(t.target_value, t.unit, lang), year=t.target_year,
                                   baseline=t.baseline_year))
        else:
            con.print("  " + TEXTS("growth_target", lang, pct=t.target_growth_pct, year=t.target_year,
                                   baseline=t.baseline_year))
        con.print("  " + escape(TEXTS("announced", lang, when=t.announced, who=t.announced_by, source=t.source)))
        for s in r.sides:
            p = s.progress
            who = names.get(s.reported_by, s.reported_by)
            side = TEXTS(f"side_{s.side}", lang, who=who)
            con.print(f"  {_bar(p.completion)} [bold]{status_text(p.status, lang)}[/] — {escape(side)}")
            if p.latest_year is None:
                continue
            ratio = TEXTS("na", lang) if p.ratio is None else (f"{p.ratio:.2f}" if lang == "en" else f"{p.ratio:.2f}".replace(".", ","))
            con.print("      " + TEXTS("figures", lang, by=p.baseline_year or TEXTS("na", lang),
                                       bv=fmt_value(p.baseline_value, t.unit, lang), ly=p.latest_year,
                                       lv=fmt_value(p.latest_value, t.unit, lang), obs=fmt_pct(p.observed_cagr, lang),
                                       req=fmt_pct(p.required_cagr, lang), r=ratio))
            if p.reason:
                con.print("      " + TEXTS(f"reason_{p.reason}", lang))
            if p.growth_needed is not None:
                line = TEXTS("needed", lang, g=fmt_pct(p.growth_needed, lang), year=t.target_year)
                if s.unprecedented:
                    line += "; " + TEXTS("unprecedented", lang, m=fmt_pct(s.max_growth, lang))
                con.print("      " + line)
            if s.projection is not None:
                pr = s.projection
                con.print("      " + TEXTS("projection", lang, method=TEXTS(f"method_{pr.method}", lang),
                                           year=pr.years[-1], med=fmt_value(pr.median[-1], t.unit, lang),
                                           lo=fmt_value(pr.lo80[-1], t.unit, lang),
                                           hi=fmt_value(pr.hi80[-1], t.unit, lang),
                                           p=fmt_pct(pr.probability, lang, signed=False)))
            if s.ytd:
                con.print("      " + ytd_text(s.ytd, t.unit, lang))
    con.print()
    render_alerts(result, lang=lang, console=con, names=names)


def render_alerts(result: RoadmapResult | AlertsResult, *, lang: str = "en", console: Console | None = None,
                  names: dict[str, str] | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape

    con = console or Console()
    names = names or {}
    prev = result.previous
    since = TEXTS("since_none", lang) if not prev else TEXTS(f"since_{prev['event']}", lang, **prev)
    con.print(f"[bold]{TEXTS('alerts', lang)}[/] ({escape(since)})")
    if not result.alerts:
        con.print("  " + TEXTS("no_alerts", lang))
    for a in result.alerts:
        con.print("  - " + escape(alert_text(a, lang, names)))


def alert_text(a: Any, lang: str, names: dict[str, str] | None = None) -> str:
    names = names or {}
    p = dict(a.params)
    who = names.get(a.reported_by, a.reported_by or "")
    if a.kind == "sides_disagree":
        detail = ", ".join(f"{names.get(k, k)}: {status_text(v, lang)}" for k, v in p.items())
        return TEXTS("alert_sides_disagree", lang, target=a.target, detail=detail)
    if a.kind in ("now_achieved", "status_changed"):
        return TEXTS(f"alert_{a.kind}", lang, target=a.target, who=who, before=status_text(p["before"], lang),
                     after=status_text(p["after"], lang))
    if a.kind == "required_growth_unprecedented":
        return TEXTS("alert_required_growth_unprecedented", lang, target=a.target, who=who,
                     g=fmt_pct(p["growth_needed"], lang), m=fmt_pct(p["max_growth"], lang))
    if a.kind == "target_revised":
        return TEXTS("alert_target_revised", lang, target=a.target, detail="; ".join(f"{k}: {v}" for k, v in p.items()))
    return TEXTS(f"alert_{a.kind}", lang, target=a.target)


#: the table a plain CSV export gives (the reports registry's convention)
MAIN = "targets"


def terminal(result: Any, lang: str, width: int = 100, names: dict[str, str] | None = None) -> str:
    """The terminal text of a roadmap (or alerts) result as a string."""
    from rich.console import Console

    con = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    names = names if names is not None else economy_names(result, lang)
    if hasattr(result, "targets"):
        render_terminal(result, lang=lang, console=con, names=names)
    else:
        render_alerts(result, lang=lang, console=con, names=names)
    return con.export_text()


def economy_names(result: Any, lang: str) -> dict[str, str]:
    """Names in ``lang`` of the economies a roadmap or alerts result speaks of."""
    from .. import reference

    codes = {s.reported_by for r in getattr(result, "targets", ()) for s in r.sides}
    codes |= {a.reported_by for a in result.alerts if a.reported_by}
    codes |= {k for a in result.alerts if a.kind == "sides_disagree" for k, _ in a.params}
    return {c: reference.economy_name(c, lang=lang) for c in codes}
