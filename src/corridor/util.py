"""Small helpers every layer may use (no corridor imports)."""

from __future__ import annotations

import hashlib
from pathlib import Path

BUFFER = 1 << 20


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(BUFFER):
            h.update(chunk)
    return h.hexdigest()


def sql_str(value: str) -> str:
    """Quote a Python string as a SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"
