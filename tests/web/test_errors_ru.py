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
