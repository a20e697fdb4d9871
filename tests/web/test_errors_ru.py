"""Errors of the HTTP API and the dashboard in the request's language (``lang=``, else the
server's ``CORRIDOR_LANG``), checked with the strict English-word check of
tests/reports/test_error_messages.py."""

from __future__ import annotations

import re

import pytest

from tests.reports.test_error_messages import english_words

from .conftest import TOKEN


# -- the HTTP API and the dashboard ---------------------------------------------------------

@pytest.fixture
def web(workspace, client_for):
    return client_for(workspace, token=TOKEN)


@pytest.mark.parametrize("path", [
    "/api/v1/monitor?economy=KAZ&partner=Atlantis&lang=ru",
    "/api/v1/monitor?economy=KAZ&partner=CHN&from=2024&to=2020&lang=ru",
    "/api/v1/monitor?economy=KAZ&partner=CHN&level=hs9&lang=ru",
    "/api/v1/monitor?economy=KAZ&colour=red&lang=ru",
    "/api/v1/nothing?lang=ru",
    "/no-such-page?lang=ru",
])
def test_api_errors_are_russian_documents(web, path):
    r = web.get(path)
    doc = r.json()
    assert r.status_code >= 400 and doc["schema"] == "corridor.error/1", (path, r.text)
    texts = [doc["message"], *(p["message"] for p in doc["problems"]), *(p["expected"] or "" for p in doc["problems"])]
    assert all(not english_words(t) for t in texts), (path, texts)


def test_an_api_write_without_the_token_is_refused_in_russian(web):
    r = web.post("/api/v1/ingest?lang=ru", files={"files": ("a.csv", b"x")})
    assert r.status_code == 401
    assert r.json()["message"] == "этот запрос изменяет рабочее пространство и требует заголовка «Authorization: Bearer <token>»"
    assert web.post("/api/v1/ingest", files={"files": ("a.csv", b"x")}).json()["message"] == (
        "this request changes the workspace and needs 'Authorization: Bearer <token>'")


def test_the_server_language_is_used_when_the_request_names_none(workspace, client_for):
    doc = client_for(workspace, lang="ru").get("/api/v1/monitor?economy=KAZ&partner=CHN&level=hs9").json()
    assert doc["message"].startswith("недопустимое значение «level»")


def test_dashboard_error_pages_are_russian(web):
    r = web.get("/composition", params={"side": "nobody", "lang": "ru"})
    body = re.sub(r"<[^>]+>", " ", r.text).replace("&#39;", "'")
    assert r.status_code == 200 and "side='nobody'" in body, body[:2000]
    error = re.search(r"side=\S+ flow=\S+ ожидалось[^<\n]*", body)
    assert error is not None and not english_words(error.group(0)), body[:2000]
    r = web.get("/download/monitor/x.pdf", params={"lang": "ru"})
    assert r.status_code == 400 and r.text == "формат 'pdf': ожидался csv или xlsx"


# -- the request-validation library's refusals, and parameters as a query string names them ----

def test_a_request_the_validation_library_refuses_is_told_in_keyed_texts(web):
    """FastAPI's own English ("Input should be a valid integer, unable to parse string as an
    integer") was passed through; now the field, the value and the expectation are keyed.
    No route of corridor declares typed parameters, so one is added for the test."""
    def typed(year: int, flag: bool = False) -> dict:
        return {"year": year}

    web.app.add_api_route("/typed-for-the-test", typed)
    r = web.get("/typed-for-the-test", params={"year": "abc", "flag": "maybe", "lang": "ru"})
    doc = r.json()
    assert r.status_code == 400 and doc["schema"] == "corridor.error/1"
    assert doc["message"] == "неверный запрос: параметр «year»: значение не принято; ожидалось: целое число"
    assert [(p["field"], p["got"], p["expected"], p["reason"]) for p in doc["problems"]] == [
        ("year", "abc", "целое число", "not_an_integer"), ("flag", "maybe", "true или false", "not_a_boolean")]
    texts = [doc["message"], *(p["message"] for p in doc["problems"]), *(p["expected"] for p in doc["problems"])]
    assert all(not english_words(t) for t in texts), texts
    doc = web.get("/typed-for-the-test").json()
    assert doc["message"] == "bad request: parameter 'year': missing value; expected a value"
    assert "Traceback" not in str(doc) and "/" not in doc["message"] and "Input should" not in str(doc)


@pytest.mark.parametrize(("query", "en", "ru"), [
    ({"months": "3", "monthly": "true"}, "months=N (January-N of each year) and monthly=true (every month)",
     "months=N (январь–N каждого года) и monthly=true (каждый месяц)"),
    ({"partner": "KGZ"}, "ingest data first (POST /api/v1/ingest), or use a workspace that has them "
                         "(`corridor serve --workspace PATH`)",
     "сначала загрузите данные (POST /api/v1/ingest)"),
])
def test_the_api_names_query_parameters_not_command_line_flags(web, query, en, ru):
    params = {"economy": "KAZ", "partner": "CHN", **query}
    doc = web.get("/api/v1/monitor", params=params).json()
    assert en in doc["message"] and "--months" not in doc["message"], doc
    doc = web.get("/api/v1/monitor", params={**params, "lang": "ru"}).json()
    assert ru in doc["message"] and "--months" not in doc["message"] and not english_words(doc["message"]), doc


def test_the_dashboard_names_query_parameters_too(web):
    r = web.get("/download/monitor/x.csv", params={"economy": "KAZ", "partner": "CHN", "months": "3",
                                                   "monthly": "true", "lang": "ru"})
    assert r.status_code == 400 and r.text.startswith("months=N (январь–N каждого года) и monthly=true"), r.text
