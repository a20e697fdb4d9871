"""Security of the server: headers on every response, the token on writes, no path
parameters, size limits, no stack trace."""

from __future__ import annotations

import pytest

from corridor.web.security import CONTENT_SECURITY_POLICY

from .conftest import TOKEN, auth


@pytest.fixture
def api(workspace, client_for):
    return client_for(workspace, token=TOKEN, max_text_bytes=2000, max_upload_bytes=5000)


def _is_error_document(r, status):
    assert r.status_code == status, r.text
    doc = r.json()
    assert doc["schema"] == "corridor.error/1" and doc["message"]
    assert "Traceback" not in r.text
    return doc


@pytest.mark.parametrize("path", ["/api/v1/provenance", "/api/v1/nothing", "/docs", "/api/v1/openapi.json", "/",
                                  "/docs.css"])
def test_every_response_carries_the_security_headers(api, path):
    r = api.get(path, follow_redirects=False)
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_writes_need_the_token(api):
    files = {"files": ("a.csv", b"x", "text/csv")}
    doc = _is_error_document(api.post("/api/v1/ingest", files=files), 401)
    assert doc["code"] == "access_denied"
    _is_error_document(api.post("/api/v1/ingest", files=files, headers=auth("wrong-token-wrong-token")), 403)
    _is_error_document(api.post("/api/v1/ingest", files=files, headers={"Authorization": TOKEN}), 403)


def test_writes_are_off_without_a_configured_token(workspace, client_for):
    c = client_for(workspace)
    doc = _is_error_document(c.post("/api/v1/ingest", files={"files": ("a.csv", b"x")}, headers=auth()), 403)
    assert "writes are off" in doc["message"] and "CORRIDOR_TOKEN" in doc["message"]


def test_a_refused_write_leaves_no_scratch_file(workspace, client_for, tmp_path):
    c = client_for(workspace, token=TOKEN, scratch=tmp_path / "scratch", max_upload_bytes=5000)
    c.post("/api/v1/ingest", files={"files": ("a.csv", b"x" * 10_000)}, headers=auth())
    c.post("/api/v1/ingest", files={"files": ("a.csv", b"rep,par\n")}, headers=auth())
    assert not any(p.is_file() for p in (tmp_path / "scratch").rglob("*"))


@pytest.mark.parametrize("params", [{"workspace": "/etc"}, {"path": "/etc/passwd"}, {"file": "../x"}])
def test_no_parameter_names_a_path(api, params):
    doc = _is_error_document(api.get("/api/v1/provenance", params=params), 400)
    assert "path" in doc["message"]


@pytest.mark.parametrize("field", ["files", "mapping"])
def test_ingest_refuses_paths_given_as_text(api, field):
    r = api.post("/api/v1/ingest", data={field: "/etc/passwd"}, files={"files": ("a.csv", b"x")}, headers=auth())
    doc = _is_error_document(r, 400)
    assert "uploaded file" in doc["message"]


@pytest.mark.parametrize("name", ["../../etc/passwd", "..", "a b.csv", "/abs/x.csv", ".hidden"])
def test_uploaded_file_names_are_plain_names(api, name, tmp_path):
    r = api.post("/api/v1/ingest", files={"files": (name, b"x")}, headers=auth())
    if "/" in name and name.rsplit("/", 1)[-1] not in ("", "..") and not name.rsplit("/", 1)[-1].startswith("."):
        # the base name is kept (passwd, x.csv): it cannot be ingested, but nothing escapes scratch
        assert r.status_code in (400, 422)
    else:
        _is_error_document(r, 422)


def test_uploads_over_the_limit_get_413(api):
    r = api.post("/api/v1/ingest", files={"files": ("a.csv", b"x" * 6000)}, headers=auth())
    doc = _is_error_document(r, 413)
    assert doc["code"] == "too_large"


def test_uploads_streamed_without_length_are_cut_at_the_limit(api):
    def body():
        yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.csv\"\r\n\r\n"
        for _ in range(100):
            yield b"y" * 1000
        yield b"\r\n--b--\r\n"

    r = api.post("/api/v1/ingest", content=body(), headers={**auth(), "Content-Type": "multipart/form-data; boundary=b"})
    _is_error_document(r, 413)


def test_check_texts_over_the_limit_get_413(api):
    _is_error_document(api.post("/api/v1/check", json={"text": "x" * 5000}), 413)


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b"{" * 100_0])
def test_check_bad_bodies_get_the_error_document(api, body):
    _is_error_document(api.post("/api/v1/check", content=body, headers={"Content-Type": "application/json"}), 400)


def test_unknown_routes_and_methods_get_the_error_document(api):
    _is_error_document(api.get("/api/v1/nothing"), 404)
    _is_error_document(api.get("/api/v1/ingest"), 405)
    _is_error_document(api.delete("/api/v1/provenance"), 405)


def test_a_failure_inside_an_answer_is_a_500_without_internals(workspace, client_for):
    import dataclasses

    from corridor.answers.base import Answer

    def broken(ws, q):
        raise ZeroDivisionError("secret internal detail /home/x")

    from corridor.web.api import default_backend

    real = default_backend()
    answers = {**real.answers, "provenance": Answer(name="provenance", query=real.answers["provenance"].query,
                                                    run=broken, schema="x")}
    c = client_for(workspace, backend=dataclasses.replace(real, answers=answers))
    r = c.get("/api/v1/provenance")
    doc = _is_error_document(r, 500)
    assert "secret" not in r.text and "ZeroDivision" not in r.text and doc["code"] == "internal"
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_host_header_checked_when_serving_loopback(workspace, client_for):
    c = client_for(workspace, allowed_hosts=("127.0.0.1", "localhost"))
    assert c.get("/api/v1/provenance", headers={"Host": "evil.example"}).status_code == 400
    assert c.get("/api/v1/provenance", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_docs_page_is_offline(api):
    r = api.get("/docs")
    assert r.status_code == 200 and "/api/v1/provenance" in r.text
    assert "http://" not in r.text.replace("http://testserver", "") and "https://" not in r.text
    assert "<script" not in r.text
    spec = api.get("/api/v1/openapi.json").json()
    assert "/api/v1/provenance" in spec["paths"] and "/api/v1/ingest" in spec["paths"]
