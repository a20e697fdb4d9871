"""The dashboard's static files, the Vega bundle, its Content-Security-Policy and table downloads.

The Vega, Vega-Lite and Vega-Embed JavaScript is the bundle that ships inside the
``vl-convert-python`` wheel (:func:`vl_convert.javascript_bundle`); building it takes a
few seconds, so it is written once to ``$CORRIDOR_WEB_CACHE`` (default: the user's cache
directory), under a name holding the wheel's version, and read from there afterwards.
Its licences are served beside it (``static/vendor/LICENSES.txt``).
"""

from __future__ import annotations

import functools
import io
import os
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ENV_CACHE = "CORRIDOR_WEB_CACHE"

#: Everything from this origin; Vega draws SVG and sets styles from script (allowed);
#: chart specs are JSON data blocks, never inline scripts.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
       "form-action 'self'")

MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}

BUNDLE = "vendor/vega.js"
LICENCES = "vendor/LICENSES.txt"


def _own_files() -> dict[str, Path]:
    root = resources.files("corridor.web") / "static"
    return {p.name: Path(str(p)) for p in root.iterdir() if p.is_file()}


def vl_convert_version() -> str:
    return metadata.version("vl-convert-python")


def cache_dir() -> Path:
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    from platformdirs import user_cache_path

    return user_cache_path("corridor", appauthor=False) / "web"


@functools.cache
def vega_bundle() -> bytes:
    """The Vega + Vega-Lite + Vega-Embed bundle of the installed vl-convert-python wheel."""
    path = cache_dir() / f"vega-bundle-vl-convert-{vl_convert_version()}.js"
    if path.is_file():
        return path.read_bytes()
    import vl_convert

    body = vl_convert.javascript_bundle().encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(body)
    tmp.replace(path)
    return body


@functools.cache
def licences() -> bytes:
    """The licences of the bundled JavaScript: vl-convert's own and the notice of the Vega projects."""
    dist = metadata.distribution("vl-convert-python")
    texts = [(resources.files("corridor.web") / "static" / "vega-NOTICE.txt").read_text(encoding="utf-8")]
    for f in dist.files or ():
        if "licenses" in str(f).lower() or Path(str(f)).name.upper().startswith("LICENSE"):
            texts.append(f"--- vl-convert-python {dist.version}: {f} ---\n" + (f.read_text(encoding="utf-8") or ""))
    return "\n\n".join(texts).encode("utf-8")


def static_file(name: str) -> tuple[bytes, str] | None:
    """``(body, media type)`` of a static file by its name, or None (a fixed list: no path from a request)."""
    if name == BUNDLE:
        return vega_bundle(), MEDIA[".js"]
    if name == LICENCES:
        return licences(), MEDIA[".txt"]
    own = _own_files()
    if name in own:
        return own[name].read_bytes(), MEDIA.get(own[name].suffix, "application/octet-stream")
    return None


def static_names() -> list[str]:
    """Every static file's name (what a saved copy of the pages needs beside it)."""
    return [BUNDLE, LICENCES, *sorted(_own_files())]


def locale(lang: str) -> dict[str, object]:
    """d3-format locale of the charts' numbers (Russian: decimal comma, no-break space)."""
    if lang == "ru":
        return {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0$"],
                "minus": "\u2212"}
    return {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""], "minus": "\u2212"}


def table_bytes(frame: pd.DataFrame, fmt: str, *, sheet: str) -> bytes:
    """``frame`` as CSV (UTF-8) or XLSX bytes."""
    from ..reports.tabular import csv_text

    if fmt == "csv":
        return csv_text(frame).encode("utf-8")
    import pandas as pd

    buf = io.BytesIO()
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
        elif out[col].dtype == object:
            out[col] = out[col].map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    with pd.ExcelWriter(buf, engine="xlsxwriter") as xw:
        out.to_excel(xw, sheet_name=sheet[:31], index=False)
    return buf.getvalue()
