"""HTTP machinery: retrying requests and a resumable, checksummed file download.

* Connection errors, time-outs, responses cut mid-way and HTTP 5xx are retried with
  exponential backoff (``RetryPolicy``); HTTP 429 waits for the server's ``Retry-After``.
* Any other HTTP error stops at once with a :class:`DownloadError` naming the URL and the
  status; nothing is swallowed.
* A file is written to ``<name>.part`` and renamed atomically on success, so a final file
  is always complete; an interrupted download resumes from the ``.part`` file with a
  ``Range`` request (a server that ignores ``Range`` restarts the file from zero).
* A SHA-256 given by the caller is verified before the rename; on mismatch the partial
  file is removed and nothing is left at the final path.  A ``check`` given by the caller
  (e.g. :func:`zip_check`: zip magic and a readable central directory, not an HTML error
  page) judges the downloaded bytes, and an existing file, the same way.
* A resume sends ``If-Range`` with the ETag (else Last-Modified) of the first response,
  kept beside the ``.part`` file: a file that changed on the server is fetched again from
  zero instead of being spliced.
* Redirects are followed by hand: headers named in :data:`SECRET_HEADERS` (the Comtrade
  subscription key) are never sent to another origin (scheme, host, port).
"""

from __future__ import annotations

import email.utils
import json
import os
import sys
import time
from urllib.parse import urljoin, urlsplit
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import requests

from ...errors import ConfigError, DownloadError
from ..base import sha256_file
from ...messages import Message, library_detail

CHUNK = 1 << 20
#: request headers that carry a secret: never sent across origins, never shown
SECRET_HEADERS = frozenset({"ocp-apim-subscription-key", "authorization"})
MAX_REDIRECTS = 10


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry.

    ``attempts`` counts every request (the first included); the wait before retry ``n``
    (1-based) is ``min(backoff * 2 ** (n - 1), max_wait)`` seconds, and a ``Retry-After``
    of a 429 answer is honoured up to ``max_wait``.  ``sleep`` is the waiting function
    (tests pass a recorder).
    """

    attempts: int = 5
    backoff: float = 1.0
    max_wait: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.backoff < 0 or self.max_wait < 0:
            raise ConfigError(Message("dl_retry_policy"))

    def wait(self, attempt: int) -> float:
        return min(self.backoff * 2 ** (attempt - 1), self.max_wait)


def retry_after(response: requests.Response, default: float) -> float:
    """Seconds asked by a ``Retry-After`` header (delta-seconds or HTTP date), else ``default``."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return default
    if value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def describe(response: requests.Response) -> str:
    """``HTTP 404 Not Found`` plus the server's message when the body is short text/JSON."""
    text = f"HTTP {response.status_code} {response.reason or ''}".rstrip()
    try:
        body = response.json()
    except ValueError:
        return text
    if isinstance(body, dict):
        msg = body.get("message") or body.get("error") or body.get("Message")
        if msg:
            text += f": {str(msg).strip()}"
    return text


def request(
    session: requests.Session,
    url: str,
    *,
    params: Mapping[str, object] | None = None,
    headers: Mapping[str, str] | None = None,
    retry: RetryPolicy = RetryPolicy(),
    timeout: float = 60.0,
    stream: bool = False,
    ok: tuple[int, ...] = (200,),
) -> requests.Response:
    """GET ``url``; retry connection errors, 5xx and 429; return a response whose status is
    in ``ok``; raise :class:`DownloadError` naming the URL and status otherwise."""
    last: str | Message = Message("dl_no_attempt")
    for attempt in range(1, retry.attempts + 1):
        try:
            response = _get_following(session, url, params=params, headers=dict(headers or {}), timeout=timeout,
                                      stream=stream)
        except (requests.ConnectionError, requests.Timeout) as exc:
            last = Message("dl_connection_failed", detail=library_detail(exc))
        else:
            if response.status_code in ok:
                return response
            last = describe(response)
            response.close()
            if response.status_code == 429:
                if attempt < retry.attempts:
                    retry.sleep(min(retry_after(response, retry.wait(attempt)), retry.max_wait))
                continue
            if response.status_code < 500:
                raise DownloadError(Message("dl_failed", url=_shown(response.url or url), last=last))
        if attempt < retry.attempts:
            retry.sleep(retry.wait(attempt))
    raise DownloadError(Message("dl_gave_up", url=url, n=retry.attempts, last=last))


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _get_following(session: requests.Session, url: str, *, params: Mapping[str, object] | None,
                   headers: dict[str, str], timeout: float, stream: bool) -> requests.Response:
    """GET following redirects by hand, dropping :data:`SECRET_HEADERS` when a redirect
    leads to another origin (and keeping them dropped after it)."""
    here, hdrs = url, headers
    for _ in range(MAX_REDIRECTS + 1):
        response = session.get(here, params=params if here == url else None, headers=hdrs, timeout=timeout,
                               stream=stream, allow_redirects=False)
        if not response.is_redirect:
            return response
        there = urljoin(response.url or here, response.headers.get("Location", ""))
        response.close()
        if _origin(there) != _origin(here):
            hdrs = {k: v for k, v in hdrs.items() if k.lower() not in SECRET_HEADERS}
        here = there
    raise DownloadError(Message("dl_redirects", url=_shown(url), n=MAX_REDIRECTS))


def zip_check(path: Path) -> str | None:
    """None when ``path`` is a zip archive (local-file magic and a readable central
    directory), else what it is instead (an HTML or JSON error page saved as the file)."""
    import zipfile

    with open(path, "rb") as fh:
        head = fh.read(512)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06") and zipfile.is_zipfile(path):
        return None
    text = head.lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:200]:
        return Message("dl_html_not_zip")
    if text.startswith((b"{", b"[")):
        return Message("dl_json_not_zip")
    return Message("dl_not_zip")


def _shown(url: str) -> str:
    """The URL without any subscription key in its query string."""
    import re

    return re.sub(r"(subscription-key=)[^&]+", r"\1***", url)


def download_file(
    url: str,
    dest: str | Path,
    *,
    sha256: str | None = None,
    progress: bool = True,
    session: requests.Session | None = None,
    retry: RetryPolicy = RetryPolicy(),
    timeout: float = 60.0,
    headers: Mapping[str, str] | None = None,
    check: Callable[[Path], str | None] | None = None,
) -> Path:
    """Download ``url`` to ``dest`` (resuming ``dest.part``), verify it, rename it; return ``dest``.

    An existing ``dest`` is kept when it passes ``check`` and no ``sha256`` is given or it
    matches the given one (otherwise it is downloaded again).  ``check(path)`` returns
    None for good content, else what is wrong: the download is then refused
    (:class:`DownloadError`) and nothing is left at ``dest``.  The progress bar goes to stderr.
    """
    dest = Path(dest)
    want = sha256.lower() if sha256 else None
    if dest.exists() and (check is None or check(dest) is None) and (want is None or sha256_file(dest) == want):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    session = session or requests.Session()
    last: str | Message = Message("dl_no_attempt")
    for attempt in range(1, retry.attempts + 1):
        try:
            complete = _fetch_into(session, url, part, headers=headers, retry=retry, timeout=timeout, progress=progress)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            complete, last = False, Message("dl_connection_lost", detail=library_detail(exc))
        else:
            if not complete:
                last = Message("dl_ended_early")
        if complete:
            break
        if attempt < retry.attempts:
            retry.sleep(retry.wait(attempt))
    else:
        raise DownloadError(Message("dl_gave_up_kept", url=url, n=retry.attempts, last=last, part=part.name))
    _meta(part).unlink(missing_ok=True)
    if check is not None and (wrong := check(part)) is not None:
        part.unlink(missing_ok=True)
        raise DownloadError(Message("dl_server_sent", url=_shown(url), wrong=wrong, dest=dest.name))
    if want is not None:
        got = sha256_file(part)
        if got != want:
            part.unlink(missing_ok=True)
            raise DownloadError(Message("dl_sha_mismatch", url=url, want=want, got=got))
    os.replace(part, dest)
    return dest


def _meta(part: Path) -> Path:
    """Where the validators (ETag, Last-Modified) of a partial download are kept."""
    return part.with_name(part.name + ".json")


def _fetch_into(
    session: requests.Session,
    url: str,
    part: Path,
    *,
    headers: Mapping[str, str] | None,
    retry: RetryPolicy,
    timeout: float,
    progress: bool,
) -> bool:
    """One ranged GET appending to ``part``; True when the file is complete."""
    offset = part.stat().st_size if part.exists() else 0
    hdrs = dict(headers or {})
    if offset:
        try:
            validator = json.loads(_meta(part).read_text(encoding="utf-8")).get("validator")
        except (OSError, ValueError):
            validator = None
        if validator:
            hdrs["Range"] = f"bytes={offset}-"
            hdrs["If-Range"] = validator  # a changed file comes back whole (200), never spliced
        else:  # nothing to tell the same file from a changed one: start again
            offset = 0
    response = request(session, url, headers=hdrs, retry=retry, timeout=timeout, stream=True, ok=(200, 206, 416))
    with response:
        validator = response.headers.get("ETag") or response.headers.get("Last-Modified")
        if response.status_code in (200, 206) and validator and not (response.headers.get("ETag", "").startswith("W/")):
            _meta(part).write_text(json.dumps({"validator": validator}), encoding="utf-8")
        if response.status_code == 416:  # nothing left to send: the part may already be whole
            total = response.headers.get("Content-Range", "").rpartition("/")[2]
            if total.isdigit() and int(total) == offset:
                return True
            part.unlink(missing_ok=True)
            return False
        if response.status_code == 200 and offset:
            offset = 0  # the server ignored Range: start again
        length = response.headers.get("Content-Length")
        expected = offset + int(length) if length and length.isdigit() else None
        from tqdm import tqdm

        with open(part, "ab" if offset else "wb") as fh, tqdm(
            total=expected, initial=offset, unit="B", unit_scale=True, unit_divisor=1024,
            desc=part.name[:-5], file=sys.stderr, disable=not progress, leave=False,
        ) as bar:
            for chunk in response.iter_content(CHUNK):
                fh.write(chunk)
                bar.update(len(chunk))
    size = part.stat().st_size
    return expected is None or size == expected


__all__ = ["RetryPolicy", "SECRET_HEADERS", "describe", "download_file", "request", "retry_after", "zip_check"]
