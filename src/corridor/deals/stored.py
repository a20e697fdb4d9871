"""A pledge ledger as a dataset of the workspace (:mod:`corridor.store.datasets`): read and
validated (:func:`.ledger.read_ledger`), then stored as one release; a corrected ledger is
a new release, the older ones stay beside it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..messages import Message
from ..store.datasets import Dataset, StoredDataset, read_dataset
from .ledger import read_ledger
from .model import Deal, ProductCode

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..store import Workspace

NAME = "deals"
_FIELDS = ("id", "event", "signed", "exporter", "importer", "hs_codes", "value", "currency", "pledged_usd",
           "usd_rate", "rate_basis", "horizon_months", "status", "kind", "exporter_company", "importer_company",
           "region", "description", "description_ru", "source", "line")


def default_release(path: Path) -> str:
    """A label from the content: ``ledger-<first 12 hex of the file's SHA-256>`` (a copied
    or touched file is the same release; a corrected one a new release)."""
    return "ledger-" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def ledger_dataset(path: str | Path, *, release: str | None = None) -> Dataset:
    """The ledger at ``path`` read, validated and ready to store."""
    path = Path(path)
    deals = read_ledger(path)
    return Dataset(NAME, release or default_release(path), path, to_frame(deals), (Message("deals", n=len(deals)),))


def to_frame(deals: Sequence[Deal]) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for d in deals:
        rec = {f: getattr(d, f) for f in _FIELDS}
        rec["signed"] = d.signed.isoformat()
        rec["hs_codes"] = ";".join(c.code if c.revision is None else f"{c.revision}:{c.code}" for c in d.hs_codes)
        rows.append(rec)
    return pd.DataFrame(rows, columns=list(_FIELDS))


def from_frame(frame: pd.DataFrame) -> tuple[Deal, ...]:
    out = []
    for rec in frame.to_dict(orient="records"):
        rec = {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}
        codes = tuple(ProductCode(*reversed(c.split(":"))) if ":" in c else ProductCode(c)
                      for c in str(rec["hs_codes"]).split(";"))
        out.append(Deal(**{**rec, "signed": dt.date.fromisoformat(rec["signed"]), "hs_codes": codes,
                           "horizon_months": int(rec["horizon_months"]),
                           "line": None if rec["line"] is None else int(rec["line"])}))
    return tuple(out)


def stored_ledger(ws: Workspace, *, release: str | None = None) -> tuple[tuple[Deal, ...], StoredDataset]:
    stored = read_dataset(ws, NAME, release=release)
    return from_frame(stored.table), stored
