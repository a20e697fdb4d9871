"""Texts of the Roadmap and Deals pages in English and Russian (checked complete when built)."""

from __future__ import annotations

from ..reports.i18n import Catalogue

text = Catalogue("dashboard_plans", {
    # roadmap
    "roadmap_title": {"en": "Roadmap: announced targets against both sides' statistics",
                      "ru": "Дорожная карта: объявленные цели и статистика обеих сторон"},
    "roadmap_lead": {"en": "Roadmap {file}, release {release}: {n} targets. Progress is the share of the way from the "
                           "baseline to the target; the fan is a projection of past trade, not a forecast of policy.",
                     "ru": "Дорожная карта {file}, выпуск {release}: целей — {n}. Прогресс — доля пути от базы до цели; "
                           "веер — проекция прошлой торговли, а не прогноз политики."},
    "roadmap_needs": {"en": "No roadmap is stored in this workspace. Ingest one with "
                            "`corridor ingest --source roadmap FILE`, then reload.",
                      "ru": "В этом рабочем пространстве нет дорожной карты. Загрузите её командой "
                            "`corridor ingest --source roadmap ФАЙЛ` и обновите страницу."},
    "progress_title": {"en": "Progress per target and side", "ru": "Прогресс по целям и сторонам"},
    "progress_axis": {"en": "Way from baseline to target", "ru": "Путь от базы к цели"},
    "trajectory_title": {"en": "{title}: trajectory, required path and projection",
                         "ru": "{title}: траектория, требуемый путь и проекция"},
    "targets_title": {"en": "Targets by side", "ru": "Цели по сторонам"},
    "alerts_title": {"en": "Alerts", "ru": "Сигналы"},
    "target": {"en": "Target", "ru": "Цель"},
    "status": {"en": "Status", "ru": "Статус"},
    "baseline": {"en": "Baseline", "ru": "База"},
    "latest": {"en": "Latest", "ru": "Последнее"},
    "observed_cagr": {"en": "Observed growth/yr", "ru": "Фактический рост в год"},
    "required_cagr": {"en": "Required growth/yr", "ru": "Требуемый рост в год"},
    "completion": {"en": "Progress", "ru": "Прогресс"},
    "probability": {"en": "Chance of reaching it", "ru": "Вероятность достичь"},
    "year_to_date": {"en": "Year to date", "ru": "С начала года"},
    "required": {"en": "required path", "ru": "требуемый путь"},
    "projection": {"en": "projection (median)", "ru": "проекция (медиана)"},
    "value": {"en": "value", "ru": "значение"},
    "year": {"en": "Year", "ru": "Год"},
    "side": {"en": "Statistics", "ru": "Статистика"},
    "own": {"en": "{name}'s own statistics", "ru": "собственная статистика: {name}"},
    "mirror": {"en": "{name}'s mirror statistics", "ru": "зеркальная статистика: {name}"},
    "own_side": {"en": "own statistics", "ru": "собственная статистика"},
    "mirror_side": {"en": "mirror statistics", "ru": "зеркальная статистика"},
    # deals
    "deals_title": {"en": "Deals: pledges followed into the statistics", "ru": "Сделки: обещания в торговой статистике"},
    "deals_lead": {"en": "Ledger {file}, release {release}: {n} deals at {events} events. Realised is the trade in the "
                         "deal's products over its horizon above the baseline before it, by each side's statistics.",
                   "ru": "Реестр {file}, выпуск {release}: сделок — {n}, мероприятий — {events}. Реализовано — торговля "
                         "товарами сделки за её срок сверх базы до неё, по статистике каждой стороны."},
    "deals_needs": {"en": "No deals ledger is stored in this workspace. Ingest one with "
                          "`corridor ingest --source deals FILE`, then reload.",
                    "ru": "В этом рабочем пространстве нет реестра сделок. Загрузите его командой "
                          "`corridor ingest --source deals ФАЙЛ` и обновите страницу."},
    "by_event_title": {"en": "Pledged against realised, by event", "ru": "Заявлено и реализовано, по мероприятиям"},
    "by_chapter_title": {"en": "Pledged against realised, by HS chapter",
                         "ru": "Заявлено и реализовано, по группам ТН ВЭД"},
    "timeline_title": {"en": "Timeline per deal: signing to end of horizon, trade before and after",
                       "ru": "Хронология сделок: от подписания до конца срока, торговля до и после"},
    "deals_table": {"en": "Deals by side", "ru": "Сделки по сторонам"},
    "events_table": {"en": "Events", "ru": "Мероприятия"},
    "event": {"en": "Event", "ru": "Мероприятие"},
    "chapter": {"en": "HS chapter", "ru": "Группа ТН ВЭД"},
    "deal": {"en": "Deal", "ru": "Сделка"},
    "deals_n": {"en": "Deals", "ru": "Сделок"},
    "signed": {"en": "Signed", "ru": "Подписана"},
    "horizon": {"en": "Horizon, months", "ru": "Срок, мес."},
    "time": {"en": "Signing to end of horizon", "ru": "От подписания до конца срока"},
    "pledged": {"en": "Pledged", "ru": "Заявлено"},
    "realised_own": {"en": "Realised, exporter's own statistics", "ru": "Реализовано, статистика экспортёра"},
    "realised_mirror": {"en": "Realised, importer's mirror statistics", "ru": "Реализовано, зеркальная статистика импортёра"},
    "before": {"en": "before", "ru": "до"},
    "after": {"en": "after", "ru": "после"},
    "baseline_usd": {"en": "Before (baseline)", "ru": "До (база)"},
    "after_usd": {"en": "After (horizon)", "ru": "После (срок)"},
    "excess_usd": {"en": "Realised (excess)", "ru": "Реализовано (прирост)"},
    "conversion": {"en": "Conversion", "ru": "Реализация"},
    "products": {"en": "HS codes", "ru": "Коды ТН ВЭД"},
    "deal_status_intention": {"en": "intention", "ru": "намерение"},
    "deal_status_contract": {"en": "contract", "ru": "контракт"},
    "deal_status_delivering": {"en": "delivering", "ru": "поставляется"},
    "deal_status_delivered": {"en": "delivered", "ru": "поставлено"},
    "deal_status_cancelled": {"en": "cancelled", "ru": "отменена"},
})
