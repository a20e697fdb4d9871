"""The monitor over months, January-N and regions, on a workspace loaded through the GACC
and BNS importers (tests/national_workspace.py; figures in the fixtures' make.py)."""

from __future__ import annotations

import json

import pytest

from corridor.errors import QueryError
from corridor.monitor import build_monitor
from corridor.answers.monitor import Query, answer
from corridor.reports.monitor import absent_sides


def to_document(rep):
    """The monitor's JSON document (English) of a report, as the CLI renders it."""
    import pandas as pd

    from corridor.answers.monitor import Query, Result
    from corridor.reports.registry import document

    q = Query(economy=rep.economy, partner=rep.partner, year_from=rep.years[0], year_to=rep.years[-1])
    return document(Result(query=q, report=rep, provenance=pd.DataFrame(), warnings=pd.DataFrame()), "en")
from corridor.store import Workspace
from tests.national_workspace import build


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "ws"
    build(path)
    with Workspace.open(path, read_only=True) as w:
        yield w


def _row(report, side, year, month=None):
    s = report.summary
    s = s[(s.reported_by == side) & (s.year == year)]
    return (s if month is None else s[s.month == month]).iloc[0]


def test_nine_months_both_sides_with_growth_over_the_same_months(ws):
    """Kazakhstan's own (BNS, January-September): turnover 18.0 bn (2023) -> 20.5 bn (2024),
    +13.9%; China's mirror (customs, Jan-Sep cumulative in CNY): imports side only."""
    rep = build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2023, year_to=2024, months=9)
    assert (rep.period_kind, rep.months) == ("ytd", 9)
    own = _row(rep, "economy", 2024)
    assert (own.exports, own.imports, own.period) == (11e9, 9.5e9, "2024-01..09")
    assert own.turnover_growth_pct == pytest.approx((20.5 / 18.0 - 1) * 100)
    assert own.origin == "published"
    mirror = _row(rep, "partner", 2024)
    before = _row(rep, "partner", 2023)
    assert mirror.imports_growth_pct == pytest.approx((mirror.imports / before.imports - 1) * 100)
    doc = answer(ws, Query(economy="KAZ", partner="CHN", year_from=2023, year_to=2024, months=9)).document()
    recs = [r for r in doc["series"] if r["side"] == "own" and r["year"] == 2024]
    assert {(r["period_kind"], r["months"], r["period"]) for r in recs} == {("ytd", 9, "2024-01..09")}
    assert doc["period_kind"] == "ytd" and doc["months"] == 9 and doc["absent_sides"] == []
    json.dumps(doc, default=str)


def test_months_summed_when_no_cumulative_table(ws):
    """Xinjiang (China's customs by province), January-September, from monthly rows:
    exports to KAZ 9 x 1.2 bn = 10.8 bn in 2024 (+20% over 9.0 bn), imports 9 x 0.25 bn."""
    rep = build_monitor(ws.flows(), economy="KAZ", partner="CN-XJ", year_from=2023, year_to=2024, months=9)
    r = _row(rep, "partner", 2024)
    # from KAZ's point of view: XJ's exports to KAZ are KAZ's imports
    assert (r.imports, r.exports) == (pytest.approx(10.8e9), pytest.approx(2.25e9))
    assert r.imports_growth_pct == pytest.approx(20.0) and r.turnover_growth_pct == pytest.approx((13.05 / 10.8 - 1) * 100)
    assert r.origin == "sum of months"
    assert rep.absent == (("economy", "KAZ", "CN-XJ", "partner_region"),)
    statement = absent_sides(rep, "en")[0]
    assert statement["reason"] == "partner_region" and "not as the regions of another country" in statement["statement"]


def test_monthly_series_and_differenced_revised_cumulative(ws):
    """BNS January-August 2024 revised to 9 750 000 thousand, January-September 11 000 000:
    September's exports are 1.25 bn (differenced); China's customs give September 1.0 mn."""
    rep = build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2024, year_to=2024, monthly=True)
    sep = _row(rep, "economy", 2024, 9)
    assert sep.exports == pytest.approx(1.25e9) and sep.imports == pytest.approx(1.1e9)
    assert sep.origin == "differenced" and sep.period == "2024-09"
    assert rep.structure.empty  # no product tables month by month
    recs = answer(ws, Query(economy="KAZ", partner="CHN", year_from=2024, year_to=2024, monthly=True)).document()["series"]
    assert {(r["period_kind"], r["months"]) for r in recs} == {("month", 1)}


def test_monthly_growth_over_the_same_month_a_year_earlier(ws):
    rep = build_monitor(ws.flows(), economy="KAZ", partner="CN-XJ", year_from=2023, year_to=2024, monthly=True)
    jan = _row(rep, "partner", 2024, 1)
    assert jan.imports == 1.2e9 and jan.imports_growth_pct == pytest.approx(20.0)
    assert len(rep.summary) == 24


def test_kazakh_region_as_economy(ws):
    """Almaty Region (KZ-19) with China, January-September: 0.70 -> 0.86 bn (+22.9%); China
    does not report by Kazakh region, and the monitor says so."""
    rep = build_monitor(ws.flows(), economy="KZ-19", partner="CHN", year_from=2023, year_to=2024, months=9)
    r = _row(rep, "economy", 2024)
    assert (r.exports, r.imports) == (360e6, 500e6)
    assert r.turnover_growth_pct == pytest.approx((860 / 700 - 1) * 100)
    assert rep.absent == (("partner", "CHN", "KZ-19", "partner_region"),)


def test_no_growth_across_a_territory_change(tmp_path):
    """Almaty Region (KZ-19) lost Jetisu in 2022: no growth 2021 -> 2022, and a note says
    why; South Kazakhstan 2016 -> 2017 (both before the 2018 change) keeps its growth."""
    import openpyxl

    from corridor.sources import bns
    from tests.national_workspace import FIXTURES

    wb = openpyxl.Workbook()
    sheet = wb.active
    for row in (("Внешнеторговый оборот регионов Республики Казахстан",), ("2022 г.",), (None, None, "тыс. долларов США"),
                ("Регионы", "Экспорт", None, "Импорт", None), (None, "2021 г.", "2022 г.", "2021 г.", "2022 г."),
                ("Алматинская область", 500.0, 400.0, 900.0, 700.0)):
        sheet.append(row)
    wb.save(tmp_path / "t.xlsx")
    with Workspace.open(tmp_path / "ws") as w:
        w.ingest(bns.parse(w.connection, tmp_path / "t.xlsx", release="2023-03-01"))
        w.ingest(bns.parse(w.connection, FIXTURES / "bns/bns_regions_2017.xlsx", release="2018-03-01"))
        rep = build_monitor(w.flows(), economy="KZ-19", partner="WLD", year_from=2021, year_to=2022)
        assert _row(rep, "economy", 2022).turnover == 1.1e6
        assert rep.summary["turnover_growth_pct"].isna().all()
        assert any("KZ-19's territory changed in 2022" in n.render("en") for n in rep.notes)
        # the Russian note says what changed in Russian (it quoted the table's English note)
        ru = [n.render("ru") for n in rep.notes if n.key == "territory_change"]
        assert ru == ["территория KZ-19 изменилась в 2022 г. (в 2022 г. из неё выделена область Жетісу): "
                      "рост между 2021 и 2022 гг. не приводится."]
        rep = build_monitor(w.flows(), economy="KZ-61", partner="WLD", year_from=2016, year_to=2017)
        assert _row(rep, "economy", 2017).turnover_growth_pct == pytest.approx((1650 / 1500 - 1) * 100)


def test_annual_monitor_uses_twelve_months_when_no_annual_rows(ws):
    rep = build_monitor(ws.flows(), economy="KAZ", partner="CN-XJ", year_from=2023, year_to=2024)
    r = _row(rep, "partner", 2024)
    assert r.imports == pytest.approx(14.4e9) and r.origin == "sum of months" and r.period == "2024"
    assert not rep.structure.empty  # HS6 lines summed over the twelve months


def test_months_and_monthly_exclude_each_other(ws):
    with pytest.raises(QueryError, match="exclude each other"):
        build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2024, year_to=2024, months=9, monthly=True)
    with pytest.raises(QueryError, match="1..12"):
        build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2024, year_to=2024, months=13)


def test_cli_months_json_and_region_terminal(ws):
    from typer.testing import CliRunner

    from corridor.cli.main import app

    runner = CliRunner()
    res = runner.invoke(app, ["monitor", "KAZ", "CHN", "--months", "9", "--from", "2023", "--to", "2024",
                              "--format", "json", "--workspace", str(ws.path)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["period_kind"] == "ytd" and doc["months"] == 9
    assert all({"period_kind", "months", "origin"} <= set(r) for r in doc["series"])
    res = runner.invoke(app, ["monitor", "KAZ", "CN-XJ", "--monthly", "--from", "2024", "--to", "2024",
                              "--workspace", str(ws.path), "--lang", "ru"])
    assert res.exit_code == 0, res.output
    assert "2024-09" in res.output and "по регионам другой страны" in res.output



def test_comtrade_monthly_flows_through_the_monitor_and_the_checker(tmp_path):
    """UN Comtrade monthly records (freqCode M) are months like any other: March 2024,
    KAZ exports to CHN 1.2 bn, imports 0.9 bn (tests/sources/fixtures/comtrade)."""
    from corridor.claims import extract
    from corridor.claims.verification import verify
    from corridor.sources import comtrade
    from tests.national_workspace import FIXTURES

    with Workspace.open(tmp_path / "ws") as w:
        w.ingest(comtrade.parse(w.connection, FIXTURES / "comtrade/kaz_chn_2024_monthly.json", release="r"))
        rep = build_monitor(w.flows(), economy="KAZ", partner="CHN", year_from=2024, year_to=2024, monthly=True)
        mar = _row(rep, "economy", 2024, 3)
        assert (mar.exports, mar.imports, mar.origin) == (pytest.approx(1.2e9), pytest.approx(0.9e9), "published")
        [cc] = verify(extract("В марте 2024 года товарооборот Казахстана и Китая составил 2,1 млрд долларов."), w.flows())
        assert cc.verdict.status == "supported" and cc.verdict.evidence[0].source == "comtrade"


def test_the_derived_figures_note_names_its_origins_in_the_readers_language(ws):
    """The note on figures computed from published ones names their origins as words of
    the one vocabulary (corridor.messages.WORDS), never the English codes in Russian."""
    from corridor.indicators.notes import render

    rep = build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2024, year_to=2024, monthly=True)
    (en,) = [n for n in render(rep.notes, "en") if "computed from the published" in n]
    (ru,) = [n for n in render(rep.notes, "ru") if "рассчитана из опубликованных" in n]
    assert "differenced from cumulative January–N tables" in en
    assert "разности нарастающих итогов" in ru and "differenced" not in ru


@pytest.mark.parametrize(("lang", "line"), [("en", "January–September of each year; growth over the same months"),
                                             ("ru", "Январь–сентябрь каждого года; рост к тем же месяцам")])
def test_the_terminal_names_the_months_of_a_january_n_period(ws, lang, line):
    """The heading names the months (it said «January–month 9»)."""
    from rich.console import Console

    from corridor.reports.monitor import render_terminal

    rep = build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2023, year_to=2024, months=9)
    con = Console(record=True, width=200)
    render_terminal(rep, lang=lang, console=con)
    assert line in con.export_text()


@pytest.mark.parametrize(("lang", "span"), [("en", "(January–March of each year)"), ("ru", "(январь–март каждого года)")])
def test_no_data_for_january_n_names_the_months(ws, lang, span):
    with pytest.raises(QueryError) as e:
        build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2010, year_to=2011, months=3)
    assert span in e.value.render(lang)


def test_a_differenced_month_names_both_cumulative_tables(ws):
    """September 2024 by BNS is January-September (the latest release holding it: the
    regions table of 2024-11-20, whose national rows supersede the partners table's) less
    the revised January-August (2024-12-15): its figure, series records, tables and
    provenance name both ingests, not only January-September's; the value is the
    difference (1.25 bn) and the release the newer of the two tables."""
    ids = dict(ws.connection.execute("SELECT file_name, ingest_id FROM provenance").fetchall())
    sep_ids = {ids["bns_regions_china_2024_01_09.xlsx"], ids["bns_partners_2024_01_08_rev.xlsx"]}
    rep = build_monitor(ws.flows(), economy="KAZ", partner="CHN", year_from=2024, year_to=2024, monthly=True)
    f = rep.figures
    own = f[(f.reported_by == "economy") & (f.month == 9) & f.primary]
    assert len(own) == 2 and all(set(i) == sep_ids for i in own.ingest_ids)
    assert sorted(own.value_usd) == [pytest.approx(1.1e9), pytest.approx(1.25e9)]
    assert set(own.release) == {"2024-12-15"} and set(own.origin) == {"differenced"}
    res = answer(ws, Query(economy="KAZ", partner="CHN", year_from=2024, year_to=2024, monthly=True))
    recs = [r for r in res.document()["series"] if r["side"] == "own" and r["month"] == 9]
    assert recs and all(set(r["ingest_ids"]) == sep_ids for r in recs)
    assert sep_ids <= set(res.provenance["ingest_id"])
    table = res.tables()["series"]
    assert all(set(s.split(";")) == sep_ids for s in table[(table.side == "own") & (table.month == 9)].ingest_ids)
