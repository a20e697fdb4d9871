"""A roadmap as a dataset of the workspace (:mod:`corridor.store.datasets`): the file is
read and validated (:func:`.parse.read_roadmap`), then stored as one release."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..messages import Message
from ..store.datasets import Dataset, StoredDataset, read_dataset
from .model import COLUMNS, Target
from .parse import parse_row, read_roadmap

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace

NAME = "roadmap"


def default_release(path: Path) -> str:
    """The file's modification time, ``YYYY-MM-DD.HHMMSS`` (UTC)."""
    t = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc)
    return t.strftime("%Y-%m-%d.%H%M%S")


def roadmap_dataset(path: str | Path, *, release: str | None = None) -> Dataset:
    """The roadmap file at ``path`` read, validated and ready to store."""
    path = Path(path)
    targets = read_roadmap(path)
    return Dataset(NAME, release or default_release(path), path, to_frame(targets),
                   (Message("targets", n=len(targets)),))


def to_frame(targets: Sequence[Target]) -> pd.DataFrame:
    """The targets as a table of :data:`COLUMNS` (text, as written in a file) plus ``line``."""
    import pandas as pd

    rows = []
    for t in targets:
        rec = {k: "" if v is None else (repr(v) if isinstance(v, float) else str(v)) for k, v in t.record().items()}
        rec["line"] = t.line
        rows.append(rec)
    return pd.DataFrame(rows, columns=[*COLUMNS, "line"]).astype({c: "string" for c in COLUMNS})


def from_frame(frame: pd.DataFrame) -> tuple[Target, ...]:
    """The targets of a stored table (validated again: a stored roadmap is read as it was written)."""
    out = []
    for rec in frame.to_dict(orient="records"):
        line = rec.pop("line", None)
        target, problems = parse_row({k: "" if v is None or v != v else str(v) for k, v in rec.items()},
                                     line=None if line is None or line != line else int(line))
        if target is None:  # pragma: no cover - stored roadmaps were validated on ingest
            raise ValueError("; ".join(p.render() for p in problems))
        out.append(target)
    return tuple(out)


def stored_roadmap(ws: Workspace, *, release: str | None = None) -> tuple[tuple[Target, ...], StoredDataset]:
    """The targets of the latest (or the given) stored roadmap release, and its record."""
    stored = read_dataset(ws, NAME, release=release)
    return from_frame(stored.table), stored
