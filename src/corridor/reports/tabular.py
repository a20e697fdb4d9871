"""Plain tables to JSON-ready records and CSV text, one way for every command.

``json_value`` and ``json_records`` live in :mod:`corridor.util` (the answers build their
documents with them); they are re-exported here."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..util import json_records, json_value

__all__ = ["csv_text", "json_records", "json_value"]

if TYPE_CHECKING:  # the tables are pandas frames; this module does not import pandas itself
    import pandas as pd


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text with a header and ``\\n`` line ends, no index."""
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()
