"""Multipart uploads streamed to a scratch folder, with a size limit.

Starlette's own form parser spools every file whole before the handler sees it; this
reader writes each file part straight to ``<scratch>/<random>/<name>`` as it arrives,
counts the bytes of the whole body and stops with :class:`~corridor.errors.LimitError`
(413) as soon as they pass the limit (or at once when ``Content-Length`` says so).  A
file part's name is only its base name, checked against a short alphabet: no client
names a path on the server.  Text parts (the options) are limited to 4 KiB each.
"""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header

from ..errors import ConfigError, InputError, LimitError, Problem
from ..messages import Message

#: the names an uploaded file may have (kept, because importers read release, year and flow
#: from them): letters and digits of any script (a China customs download is 出口.csv or
#: 进口.csv: its flow is in its name), '.', '_' and '-'; no separator, space or leading dot
FILE_NAME = re.compile(r"[^\W_][\w.-]{0,199}")
MAX_FIELD_BYTES = 4096


@dataclass(slots=True)
class Upload:
    """What a multipart body held: its files (saved under ``folder``) and text fields."""

    folder: Path
    files: dict[str, list[Path]] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def safe_name(raw: str) -> str:
    """The base name of an uploaded file, refused unless it is a plain short name."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    if not FILE_NAME.fullmatch(name) or name in (".", ".."):
        raise InputError(None, Problem(Message("web_file_name"), field="filename",
                                       value=raw[:200], expected=Message("web_file_name_expected")))
    return name


async def receive_upload(
    stream: AsyncIterator[bytes], *, content_type: str | None, content_length: str | None, scratch: Path, limit: int,
) -> Upload:
    """Parse a ``multipart/form-data`` body from ``stream`` into a new scratch folder."""
    ctype, params = parse_options_header(content_type or "")
    if ctype != b"multipart/form-data" or b"boundary" not in params:
        raise ConfigError(Message("web_multipart"))
    if content_length is not None and content_length.isdigit() and int(content_length) > limit:
        raise LimitError(Message("web_upload_size", size=int(content_length), limit=limit),
                         limit=limit, got=int(content_length))
    scratch.mkdir(parents=True, exist_ok=True)
    upload = Upload(folder=scratch / secrets.token_hex(8))
    upload.folder.mkdir()
    try:
        await _parse(stream, params[b"boundary"], upload, limit)
    except BaseException:
        upload.discard()
        raise
    return upload


async def _parse(stream: AsyncIterator[bytes], boundary: bytes, upload: Upload, limit: int) -> None:
    state: dict = {"headers": {}, "field": b"", "value": b"", "out": None, "text": None, "name": None}
    errors: list[BaseException] = []

    def on_part_begin() -> None:
        state["headers"] = {}

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].lower()] = state["value"]
        state["field"], state["value"] = b"", b""

    def on_headers_finished() -> None:
        _, disp = parse_options_header(state["headers"].get(b"content-disposition", b""))
        name = disp.get(b"name", b"").decode("utf-8", "replace")
        state["name"] = name
        if b"filename" in disp:
            try:
                fname = safe_name(disp[b"filename"].decode("utf-8", "replace"))
            except InputError as exc:
                errors.append(exc)
                state["out"] = None
                return
            target = upload.folder / f"{len(upload.files.get(name, []))}-{fname}"
            target.mkdir()
            path = target / fname
            upload.files.setdefault(name, []).append(path)
            state["out"] = path.open("wb")
            state["text"] = None
        else:
            state["out"] = None
            state["text"] = bytearray()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if state["out"] is not None:
            state["out"].write(data[start:end])
        elif state["text"] is not None:
            state["text"] += data[start:end]
            if len(state["text"]) > MAX_FIELD_BYTES:
                errors.append(LimitError(Message("web_option_size", name=state["name"], limit=MAX_FIELD_BYTES),
                                         limit=MAX_FIELD_BYTES))
                state["text"] = None

    def on_part_end() -> None:
        if state["out"] is not None:
            state["out"].close()
            state["out"] = None
        if state["text"] is not None:
            upload.fields[state["name"]] = state["text"].decode("utf-8", "replace")
            state["text"] = None

    parser = MultipartParser(boundary, callbacks={  # type: ignore[arg-type]
        "on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_headers_finished": on_headers_finished, "on_part_data": on_part_data,
        "on_part_end": on_part_end,
    })
    received = 0
    try:
        async for chunk in stream:
            received += len(chunk)
            if received > limit:
                raise LimitError(Message("web_upload_passed", limit=limit), limit=limit)
            parser.write(chunk)
            if errors:
                raise errors[0]
        parser.finalize()
    finally:
        if state["out"] is not None:
            state["out"].close()
    if errors:
        raise errors[0]
