"""The UN Comtrade API client against a local fake of the API."""

from __future__ import annotations

import json
import warnings

import duckdb
import pytest
from .httpserver import Route, serve

from corridor.errors import ConfigError, DownloadError
from corridor.sources.download import ComtradeClient, RetryPolicy
from corridor.sources.download.comtrade import KEY_HEADER, TruncatedWarning, expand_periods

PREVIEW = "/public/v1/preview/C/A/HS"
FULL = "/data/v1/get/C/A/HS"


def record(period: str, flow: str, value: float) -> dict:
    return {
        "typeCode": "C", "freqCode": "A", "refYear": int(period[:4]), "refMonth": 52, "period": period,
        "reporterCode": 398, "reporterISO": "KAZ", "flowCode": flow, "partnerCode": 156, "partnerISO": "CHN",
        "partner2Code": 0, "classificationCode": "H6", "cmdCode": "TOTAL", "customsCode": "C00", "motCode": 0,
        "qtyUnitAbbr": "N/A", "qty": 0, "cifvalue": None, "fobvalue": value, "primaryValue": value,
    }


def fake_api(records_per_period: int = 2):
    """An API answering ``records_per_period`` records for every asked period."""

    def respond(query):
        periods = query["period"][0].split(",")
        cap = int(query["maxRecords"][0])
        data = [record(p, "XM"[n % 2], 1000.0 * (n + 1)) for p in periods for n in range(records_per_period)][:cap]
        return 200, json.dumps({"elapsedTime": "0.1 secs", "count": len(data), "data": data, "error": ""}).encode()

    return respond


def client(srv, **kw) -> tuple[ComtradeClient, list]:
    sleeps: list[float] = []
    retry = RetryPolicy(attempts=3, backoff=0.25, max_wait=5.0, sleep=sleeps.append)
    return ComtradeClient(base_url=srv.url(), retry=retry, **{"min_interval": 1.0, **kw}), sleeps


def test_preview_chunks_periods_by_twelve_and_saves_importable_json(tmp_path):
    route = Route(respond=fake_api())
    with serve({PREVIEW: route}) as srv:
        c, sleeps = client(srv)
        files = c.fetch(tmp_path, reporter=398, partner=156, period="2000-2024", flow=["X", "M"])
        asked = [r.query for r in srv.requests]
    assert [len(q["period"][0].split(",")) for q in asked] == [12, 12, 1]
    assert asked[0]["reporterCode"] == ["398"] and asked[0]["partnerCode"] == ["156"]
    assert asked[0]["flowCode"] == ["X,M"] and asked[0]["cmdCode"] == ["TOTAL"]
    assert asked[0]["maxRecords"] == ["500"]
    assert asked[0]["partner2Code"] == ["0"] and asked[0]["customsCode"] == ["C00"] and asked[0]["motCode"] == ["0"]
    assert all(KEY_HEADER not in r.headers for r in srv.requests)
    assert sleeps == [1.0, 1.0]  # the rate limit between the three calls
    assert [f.name for f in files] == [
        "comtrade_A_HS_r398_p156_X_M_TOTAL_2000-2011.json",
        "comtrade_A_HS_r398_p156_X_M_TOTAL_2012-2023.json",
        "comtrade_A_HS_r398_p156_X_M_TOTAL_2024.json",
    ]
    con = duckdb.connect()
    from corridor.sources import comtrade

    parsed = comtrade.parse(con, files[0])
    assert con.execute(f"SELECT count(*), min(year), max(year) FROM ({parsed.sql})").fetchall() == [(24, 2000, 2011)]


def test_full_api_sends_the_key_in_the_header(tmp_path):
    with serve({FULL: Route(respond=fake_api())}) as srv:
        c, _ = client(srv, api_key="secret-key")
        c.fetch(tmp_path, reporter="398", period=2023)
        req = srv.requests[0]
    assert req.headers[KEY_HEADER] == "secret-key"
    assert req.query["maxRecords"] == ["100000"]
    assert "subscription-key" not in req.query


def test_from_env_reads_comtrade_api_key():
    assert ComtradeClient.from_env({"COMTRADE_API_KEY": "k"}).api_key == "k"
    assert ComtradeClient.from_env({}).preview


def test_capped_chunk_is_split_and_asked_again(tmp_path):
    with serve({PREVIEW: Route(respond=fake_api(records_per_period=300))}) as srv:
        c, _ = client(srv, min_interval=0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", TruncatedWarning)
            files = c.fetch(tmp_path, reporter=398, period=[2021, 2022])
        asked = [r.query["period"][0] for r in srv.requests]
    assert asked == ["2021,2022", "2021", "2022"]
    assert len(files) == 2  # per-period files (each 300 records, under the cap)


def test_single_period_over_the_cap_warns(tmp_path):
    with serve({PREVIEW: Route(respond=fake_api(records_per_period=800))}) as srv:
        c, _ = client(srv, min_interval=0)
        with pytest.warns(TruncatedWarning, match="500 records.*COMTRADE_API_KEY"):
            files = c.fetch(tmp_path, reporter=398, period=2022)
    assert len(json.loads(files[0].read_bytes())["data"]) == 500


def test_rate_limit_429_waits_retry_after(tmp_path):
    body = b'{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 2 seconds."}'
    route = Route(respond=fake_api(), fail_first=1, fail_status=429, fail_body=body, retry_after="2")
    with serve({PREVIEW: route}) as srv:
        c, sleeps = client(srv)
        files = c.fetch(tmp_path, reporter=398, period=2023)
    assert sleeps == [2.0] and len(files) == 1


def test_http_error_json_is_reported_with_its_message(tmp_path):
    body = b'{ "statusCode": 401, "message": "Access denied due to invalid subscription key." }'
    route = Route(respond=fake_api(), fail_first=99, fail_status=401, fail_body=body)
    with serve({FULL: route}) as srv:
        c, sleeps = client(srv, api_key="bad")
        with pytest.raises(DownloadError, match="HTTP 401.*invalid subscription key") as err:
            c.fetch(tmp_path, reporter=398, period=2023)
    assert "/data/v1/get/C/A/HS" in str(err.value) and "bad" not in str(err.value).split("key.")[-1]
    assert sleeps == [] and list(tmp_path.iterdir()) == []


def test_api_error_field_is_a_download_error(tmp_path):
    def respond(query):
        return 200, b'{"elapsedTime": "0.01 secs", "count": 0, "data": [], "error": "Parameter \'period\' is invalid"}'

    with serve({PREVIEW: Route(respond=respond)}) as srv:
        c, _ = client(srv)
        with pytest.raises(DownloadError, match="period' is invalid"):
            c.fetch(tmp_path, reporter=398, period=2023)
    assert list(tmp_path.iterdir()) == []


def test_empty_answers_are_not_saved(tmp_path):
    with serve({PREVIEW: Route(respond=fake_api(records_per_period=0))}) as srv:
        c, _ = client(srv)
        with pytest.warns(UserWarning, match="no records"):
            assert c.fetch(tmp_path, reporter=398, period=2023) == []


def test_monthly_years_expand_to_months_and_bad_options_are_refused():
    assert expand_periods("2023", "M")[:2] == ("202301", "202302")
    assert len(expand_periods([2022, 2023], "M")) == 24
    with pytest.raises(ConfigError, match="YYYY"):
        expand_periods("23", "A")
    with pytest.raises(ConfigError, match="annual"):
        expand_periods("202301", "A")
    with pytest.raises(ConfigError, match="A, M"):
        ComtradeClient().fetch("/nonexistent", reporter=398, period=2023, freq="Q")


def test_cli_download_comtrade_saves_files(tmp_path, monkeypatch):
    import typer
    from typer.testing import CliRunner

    from corridor.cli.download import register

    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    app = typer.Typer()
    register(app)
    with serve({PREVIEW: Route(respond=fake_api())}) as srv:
        res = CliRunner().invoke(app, ["download", "comtrade", "-r", "398", "--partner", "156", "-p", "2023",
                                       "--dest", str(tmp_path), "--base-url", srv.url()])
    assert res.exit_code == 0, res.output
    assert "public preview API" in res.output
    assert (tmp_path / "comtrade_A_HS_r398_p156_all_TOTAL_2023.json").exists()
    assert "corridor ingest" in res.output


def test_the_key_is_never_sent_to_another_origin_on_a_redirect(tmp_path):
    with serve({FULL: Route(respond=fake_api())}) as other:
        with serve({FULL: Route(redirect=other.url(FULL) + "?period=2023&maxRecords=100000")}) as srv:
            c, _ = client(srv, api_key="secret-key")
            c.fetch(tmp_path, reporter="398", period=2023)
            assert srv.requests[0].headers[KEY_HEADER] == "secret-key"  # its own origin gets it
        assert other.requests and all(KEY_HEADER not in r.headers for r in other.requests)


@pytest.mark.parametrize("key", ["secret-key\n", " secret-key", "sec ret", ""])
def test_a_malformed_key_is_refused_and_never_echoed(key, tmp_path):
    with pytest.raises(ConfigError, match="subscription key") as err:
        ComtradeClient.from_env({"COMTRADE_API_KEY": key}) if key else ComtradeClient(api_key=key)
    assert "secret" not in str(err.value)
    assert "secret" not in repr(ComtradeClient(api_key="secret-key"))
