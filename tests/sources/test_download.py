"""The HTTP downloader and the BACI release downloader, against a local server."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from .httpserver import Route, serve

from corridor.errors import ConfigError, DownloadError
from corridor.sources.download import RetryPolicy, baci_url, download_baci, download_file

BODY = os.urandom(3 * (1 << 20) + 12345)  # several 1 MiB chunks and a ragged end
SHA = hashlib.sha256(BODY).hexdigest()


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def policy(attempts: int = 4) -> tuple[RetryPolicy, Sleeps]:
    sleeps = Sleeps()
    return RetryPolicy(attempts=attempts, backoff=0.5, max_wait=7.0, sleep=sleeps), sleeps


def test_download_writes_the_file_and_verifies_checksum(tmp_path):
    retry, sleeps = policy()
    with serve({"/f.bin": Route(body=BODY)}) as srv:
        out = download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, progress=False, retry=retry)
    assert out.read_bytes() == BODY
    assert not (tmp_path / "f.bin.part").exists()
    assert sleeps == []


def test_progress_bar_goes_to_stderr(tmp_path, capsys):
    with serve({"/f.bin": Route(body=BODY)}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", progress=True, retry=policy()[0])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "f.bin" in captured.err and "%" in captured.err


def test_server_errors_are_retried_with_backoff(tmp_path):
    retry, sleeps = policy()
    route = Route(body=BODY, fail_first=2, fail_status=503)
    with serve({"/f.bin": route}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, progress=False, retry=retry)
    assert route.hits == 3
    assert sleeps == [0.5, 1.0]
    assert (tmp_path / "f.bin").read_bytes() == BODY


def test_too_many_requests_waits_for_retry_after(tmp_path):
    retry, sleeps = policy()
    route = Route(body=BODY, fail_first=1, fail_status=429, retry_after="3")
    with serve({"/f.bin": route}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", progress=False, retry=retry)
    assert sleeps == [3.0]
    assert (tmp_path / "f.bin").read_bytes() == BODY


def test_cut_response_resumes_with_range(tmp_path):
    retry, _ = policy()
    route = Route(body=BODY, cut_first=1, cut_at=1_500_000)
    with serve({"/f.bin": route}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, progress=False, retry=retry)
        ranges = [r.headers.get("Range") for r in srv.requests]
    assert ranges[0] is None
    assert ranges[1] is not None and ranges[1].startswith("bytes=") and int(ranges[1][6:-1]) > 0
    assert (tmp_path / "f.bin").read_bytes() == BODY


def test_a_kept_part_file_is_resumed_across_calls(tmp_path):
    (tmp_path / "f.bin.part").write_bytes(BODY[:1000])
    route = Route(body=BODY)
    (tmp_path / "f.bin.part.json").write_text(json.dumps({"validator": route.tag()}))  # kept by the first call
    with serve({"/f.bin": route}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, progress=False, retry=policy()[0])
        assert srv.requests[0].headers["Range"] == "bytes=1000-"
        assert srv.requests[0].headers["If-Range"] == route.tag()
    assert (tmp_path / "f.bin").read_bytes() == BODY
    assert not (tmp_path / "f.bin.part.json").exists()


def test_a_resume_never_splices_a_file_that_changed_on_the_server(tmp_path):
    """The part holds the start of an older version: If-Range makes the server send the
    new version whole."""
    old = os.urandom(len(BODY))
    (tmp_path / "f.bin.part").write_bytes(old[:1000])
    (tmp_path / "f.bin.part.json").write_text(json.dumps({"validator": Route(body=old).tag()}))
    with serve({"/f.bin": Route(body=BODY)}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", progress=False, retry=policy()[0])
    assert (tmp_path / "f.bin").read_bytes() == BODY


def test_a_part_without_a_validator_is_fetched_again_from_zero(tmp_path):
    (tmp_path / "f.bin.part").write_bytes(b"who knows which version")
    with serve({"/f.bin": Route(body=BODY)}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", progress=False, retry=policy()[0])
        assert "Range" not in srv.requests[0].headers
    assert (tmp_path / "f.bin").read_bytes() == BODY


HTML = b"<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>"


def _zip_bytes() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("BACI_HS17_Y2022_V202401.csv", "t,i,j,k,v,q\n")
    return buf.getvalue()


def test_baci_refuses_an_html_error_page_and_saves_nothing(tmp_path):
    with serve({"/BACI_HS17_V202401.zip": Route(body=HTML, content_type="text/html")}) as srv:
        with pytest.raises(DownloadError, match="an HTML page.*nothing was saved as BACI_HS17_V202401.zip"):
            download_baci("V202401", dest=tmp_path, base_url=srv.url(), progress=False, retry=policy()[0])
    assert list(tmp_path.iterdir()) == []


def test_baci_fetches_again_a_saved_file_that_is_not_a_zip(tmp_path):
    (tmp_path / "BACI_HS17_V202401.zip").write_bytes(HTML)  # saved by an older corridor
    good = _zip_bytes()
    with serve({"/BACI_HS17_V202401.zip": Route(body=good)}) as srv:
        out = download_baci("V202401", dest=tmp_path, base_url=srv.url(), progress=False, retry=policy()[0])
    assert out.read_bytes() == good


def test_cli_download_baci_of_an_html_page_exits_non_zero(tmp_path):
    from typer.testing import CliRunner

    from corridor.cli.main import app

    with serve({"/BACI_HS17_V202401.zip": Route(body=HTML, content_type="text/html")}) as srv:
        res = CliRunner().invoke(app, ["download", "baci", "V202401", "--dest", str(tmp_path), "--base-url", srv.url()])
    assert res.exit_code != 0 and "HTML page" in res.output
    assert not (tmp_path / "BACI_HS17_V202401.zip").exists()


def test_server_ignoring_range_restarts_from_zero(tmp_path):
    (tmp_path / "f.bin.part").write_bytes(b"garbage that must not stay")
    with serve({"/f.bin": Route(body=BODY, ranges=False)}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, progress=False, retry=policy()[0])
    assert (tmp_path / "f.bin").read_bytes() == BODY


def test_checksum_mismatch_leaves_nothing(tmp_path):
    with serve({"/f.bin": Route(body=BODY)}) as srv:
        with pytest.raises(DownloadError, match="SHA-256 mismatch") as err:
            download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256="0" * 64, progress=False, retry=policy()[0])
    assert srv.url("/f.bin") in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_not_found_fails_at_once_naming_url_and_status(tmp_path):
    retry, sleeps = policy()
    with serve({}) as srv:
        with pytest.raises(DownloadError) as err:
            download_file(srv.url("/missing.zip"), tmp_path / "m.zip", progress=False, retry=retry)
        assert len(srv.requests) == 1
    assert "/missing.zip" in str(err.value) and "HTTP 404" in str(err.value)
    assert sleeps == [] and list(tmp_path.iterdir()) == []


def test_persistent_failure_gives_up_without_a_final_file(tmp_path):
    retry, sleeps = policy(attempts=3)
    route = Route(body=BODY, fail_first=99, fail_status=500)
    with serve({"/f.bin": route}) as srv:
        with pytest.raises(DownloadError, match=r"HTTP 500") as err:
            download_file(srv.url("/f.bin"), tmp_path / "f.bin", progress=False, retry=retry)
    assert "gave up after 3 attempt" in str(err.value)
    assert not (tmp_path / "f.bin").exists()


def test_persistently_cut_download_keeps_only_the_part_file(tmp_path):
    retry, _ = policy(attempts=2)
    route = Route(body=BODY, cut_first=99, cut_at=10)
    with serve({"/f.bin": route}) as srv:
        with pytest.raises(DownloadError, match="resumes"):
            download_file(srv.url("/f.bin"), tmp_path / "f.bin", progress=False, retry=retry)
    assert not (tmp_path / "f.bin").exists()
    assert (tmp_path / "f.bin.part").stat().st_size < len(BODY)


def test_connection_refused_is_a_download_error(tmp_path):
    with serve({}) as srv:
        url = srv.url("/f.bin")
    retry, sleeps = policy(attempts=2)
    with pytest.raises(DownloadError, match="connection failed"):
        download_file(url, tmp_path / "f.bin", progress=False, retry=retry)
    assert sleeps == [0.5]


def test_existing_file_is_kept_when_it_matches(tmp_path):
    (tmp_path / "f.bin").write_bytes(BODY)
    with serve({"/f.bin": Route(body=b"other")}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, progress=False)
        assert srv.requests == []


def test_baci_url_follows_cepii_pattern():
    assert baci_url("202401") == "https://www.cepii.fr/DATA_DOWNLOAD/baci/data/BACI_HS17_V202401.zip"
    assert baci_url("V202501", classification="HS92").endswith("/BACI_HS92_V202501.zip")
    with pytest.raises(ConfigError, match="HS92, HS96"):
        baci_url("202401", classification="HS2017")
    with pytest.raises(ConfigError, match="V202401"):
        baci_url("2024")


def test_download_baci_from_a_mirror(tmp_path):
    body = _zip_bytes()
    with serve({"/baci/BACI_HS12_V202401.zip": Route(body=body)}) as srv:
        out = download_baci("V202401", classification="HS12", dest=tmp_path, base_url=srv.url("/baci"),
                            sha256=hashlib.sha256(body).hexdigest(), progress=False)
    assert out == tmp_path / "BACI_HS12_V202401.zip"
    assert out.read_bytes() == body


def test_cli_download_baci_from_a_mirror(tmp_path):
    import typer
    from typer.testing import CliRunner

    from corridor.cli.download import register

    app = typer.Typer()
    register(app)
    body = _zip_bytes()
    with serve({"/d/BACI_HS17_V202401.zip": Route(body=body)}) as srv:
        res = CliRunner().invoke(app, ["download", "baci", "202401", "--dest", str(tmp_path), "--base-url", srv.url("/d"),
                                       "--sha256", hashlib.sha256(body).hexdigest(), "--quiet", "--lang", "ru"])
    assert res.exit_code == 0, res.output
    assert "сохранено" in res.output and "corridor ingest" in res.output
    assert (tmp_path / "BACI_HS17_V202401.zip").read_bytes() == body
    bad = CliRunner().invoke(app, ["download", "baci", "2024", "--dest", str(tmp_path)])
    assert bad.exit_code == 2 and "V202401" in bad.output


def test_complete_part_file_is_finished_without_downloading_again(tmp_path):
    (tmp_path / "f.bin.part").write_bytes(BODY)
    route = Route(body=BODY)
    (tmp_path / "f.bin.part.json").write_text(json.dumps({"validator": route.tag()}))
    with serve({"/f.bin": route}) as srv:
        download_file(srv.url("/f.bin"), tmp_path / "f.bin", sha256=SHA, progress=False, retry=policy()[0])
        assert [r.headers.get("Range") for r in srv.requests] == [f"bytes={len(BODY)}-"]  # answered 416
    assert (tmp_path / "f.bin").read_bytes() == BODY and not (tmp_path / "f.bin.part").exists()


def test_retry_after_accepts_seconds_and_http_dates():
    import email.utils
    import time

    import requests

    from corridor.sources.download.http import retry_after

    r = requests.Response()
    r.headers["Retry-After"] = "12"
    assert retry_after(r, 1.0) == 12.0
    r.headers["Retry-After"] = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after(r, 1.0) <= 31
    r.headers["Retry-After"] = "soon"
    assert retry_after(r, 1.5) == 1.5
