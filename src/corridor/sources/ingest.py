"""Turn files named by a user into :class:`ParsedSource` objects, choosing importers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, InputError, Problem
from .base import ParsedSource
from .registry import detect, importer
from ..messages import Message

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Workspace


def parse_files(
    ws: Workspace,
    files: Sequence[Path],
    *,
    source: str = "auto",
    mapping: Path | None = None,
    release: str | None = None,
) -> list[ParsedSource]:
    """Parse every file with the named importer (or the detected one)."""
    if mapping is not None and source == "auto":
        source = "table"
    if source == "table" and mapping is None:
        raise ConfigError(Message("err_table_needs_mapping"))
    out: list[ParsedSource] = []
    for f in files:
        f = Path(f)
        if not f.exists():
            raise InputError(f, Problem(Message("err_no_such_file")))
        name = detect(f) if source == "auto" else source
        mod = importer(name)
        opts = {"mapping": mapping} if name == "table" else {}
        out.append(mod.parse(ws.connection, f, release=release, **opts))
    return out


def release_zips(files: Sequence[Path], *, source: str = "auto", mapping: Path | None = None) -> tuple[list[Path], list[Path]]:
    """The BACI release zips among ``files`` (ingested one year file at a time, see
    :func:`corridor.sources.baci.ingest_release`) and the other files, in order."""
    from . import baci

    zips, others = [], []
    for f in map(Path, files):
        is_zip = f.suffix.lower() == ".zip" and mapping is None and source in ("auto", "baci") and f.exists()
        (zips if is_zip and baci.detect(f) else others).append(f)
    return zips, others
