"""Importer registry: source names -> importer modules, and format detection."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from ..errors import ConfigError, InputError, Problem
from ..messages import Message

#: user-facing name -> module under corridor.sources
IMPORTERS: dict[str, str] = {
    "baci": "baci",
    "wits": "wits",
    "comtrade": "comtrade",
    "gacc": "gacc",
    "bns": "bns",
    "table": "generic",
}


def importer(name: str) -> ModuleType:
    """The importer module for a source name (``baci``, ``wits``, ``comtrade``, ``gacc``, ``bns``, ``table``)."""
    if name not in IMPORTERS:
        raise ConfigError(Message("err_unknown_source", name=name, allowed=", ".join(IMPORTERS)))
    return importlib.import_module(f"corridor.sources.{IMPORTERS[name]}")


def detect(path: Path) -> str:
    """Guess the source of a file from its name and header; InputError if none fits."""
    for name in ("baci", "wits", "comtrade", "gacc", "bns"):
        mod = importer(name)
        det = getattr(mod, "detect", None)
        if det is not None and det(path):
            return name
    raise InputError(
        path,
        Problem(Message("err_unrecognised_format")),
    )
