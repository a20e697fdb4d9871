"""The code lookups every ingest needs, and the built reference tables, kept in a small
on-disk cache.

Building the economy table (pycountry, corridor's packaged tables, validation) and the
HS code sets takes about half a second and pandas (another 0.4 s to import) in every new
process; an ingest only needs four plain lookups derived from them: economy codes, their
aliases, numeric codes, and the product codes of one HS revision.  These are derived once
and written as JSON to ``<user cache dir>/corridor/reference/`` (or the folder named by
``CORRIDOR_REFERENCE_CACHE``; ``off`` disables the cache).  A file's name carries a key
hashed from everything the lookups derive from -- corridor's version, the versions of
pycountry, atlas-common-data, pandas and pyarrow, and the bytes of corridor's reference code and data
files -- so a change to any of them is a new file, never a stale one.  A cache file that
cannot be read or does not decode is rebuilt; a cache folder that cannot be written is
skipped.  This module imports neither pandas nor the modules that build the tables
unless a lookup has to be built.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ENV = "CORRIDOR_REFERENCE_CACHE"
HERE = Path(__file__).resolve().parent
#: Product code levels (as :data:`corridor.reference.hs.CodeLevel`).
LEVELS = ("total", "section", "group", "hs2", "hs4", "hs6")
#: Distributions whose data the lookups derive from (and, for the cached tables, the
#: libraries that write and read them back).
DISTRIBUTIONS = ("pycountry", "atlas-common-data", "pandas", "pyarrow")


def cache_folder() -> Path | None:
    """Where the lookups are cached, or None when ``CORRIDOR_REFERENCE_CACHE=off``."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("corridor")) / "reference"


@cache
def cache_key() -> str:
    """Hash of everything the cached lookups are derived from (see the module docstring)."""
    from .. import __version__

    h = hashlib.sha256(f"corridor {__version__}\n".encode())
    for dist in DISTRIBUTIONS:
        try:
            h.update(f"{dist} {metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} missing\n".encode())
    for path in sorted([*HERE.glob("*.py"), *(HERE / "data").glob("*")]):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:24]


def _through_cache(file_name: str, build: Callable[[], T], read: Callable[[Path], T],
                   write: Callable[[T, Path], None], unwritable: tuple[type[BaseException], ...]) -> T:
    """``read`` the cache file ``file_name`` (keyed by :func:`cache_key`), or ``build`` the
    value and ``write`` it there: atomically (a temporary file, then a rename), never
    failing the caller.  A file that cannot be read or decoded is built again; a value
    that cannot be written (``unwritable``, e.g. a read-only folder) only costs the build."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / file_name.format(key=cache_key())
    try:
        return read(path)
    except Exception:  # noqa: BLE001 - absent, unreadable or not what it should be: build it again
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        write(value, tmp)
        os.replace(tmp, path)
    except unwritable:
        pass
    return value


def cached(name: str, build: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]) -> T:
    """The lookup ``name``: decoded from its JSON cache file, or built (and then written)."""
    return _through_cache(
        f"{name}-{{key}}.json", build,
        lambda path: decode(json.loads(path.read_text(encoding="utf-8"))),
        lambda value, path: path.write_text(json.dumps(encode(value), sort_keys=True), encoding="utf-8"),
        (OSError,),
    )


def cached_frame(name: str, build: Callable[[], Any]) -> Any:
    """The reference table ``name`` (a pandas DataFrame): read from its Parquet cache
    file, or built (validated, by ``build``) and then written.  Same keys, folder and
    failure rules as :func:`cached`; the table read back is the table built (types
    included: Parquet keeps pandas' dtypes), which the tests check for every table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    return _through_cache(
        f"{name}-{{key}}.parquet", build,
        lambda path: pq.read_table(path).to_pandas(),
        lambda frame, path: pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path),
        (OSError, ValueError, pa.ArrowException),  # also a table Parquet cannot hold
    )


def _strings(data: Any) -> list[str]:
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        raise TypeError("expected a list of strings")
    return data


def _string_map(data: Any) -> dict[str, str]:
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise TypeError("expected an object of strings")
    return data


def _economy(name: str) -> Any:
    """A builder of :mod:`corridor.reference.economy`, imported only when it has to run."""
    from . import economy

    return getattr(economy, name)()


@cache
def _numeric_to_code() -> dict[int, str]:
    return cached(
        "numeric_to_code", lambda: _economy("numeric_to_code"),
        lambda m: {str(k): v for k, v in m.items()},
        lambda d: {int(k): v for k, v in _string_map(d).items()},
    )


@cache
def _economy_codes() -> frozenset[str]:
    return cached("economy_codes", lambda: _economy("economy_codes"), sorted, lambda d: frozenset(_strings(d)))


@cache
def _economy_aliases() -> dict[str, str]:
    return cached("economy_aliases", lambda: _economy("economy_aliases"), dict, _string_map)


@cache
def _product_codes(classification: str, level: str) -> frozenset[str]:
    def build() -> frozenset[str]:
        from . import hs

        return hs.product_codes(classification, level)

    return cached(f"product_codes-{classification}-{level}", build, sorted, lambda d: frozenset(_strings(d)))


@cache
def _economy_names(lang: str) -> dict[str, str]:
    def build() -> dict[str, str]:
        from . import economy

        table = economy._by_code()
        return {str(code): str(name) for code, name in zip(table.index, table[f"name_{lang}"])}

    return cached(f"economy_names-{lang}", build, dict, _string_map)


@cache
def _product_names(classification: str, level: str) -> dict[str, list[str | None]]:
    def build() -> dict[str, list[str | None]]:
        from . import hs

        p = hs.products(classification, level)
        return {str(c): [_text(en), _text(ru)] for c, en, ru in zip(p["code"], p["name_en"], p["name_ru"])}

    return cached(f"product_names-{classification}-{level}", build, dict, _name_pairs)


def _text(value: Any) -> str | None:
    """A name cell as text, or None for a missing one (None or NaN)."""
    return value if isinstance(value, str) else None


def _name_pairs(data: Any) -> dict[str, list[str | None]]:
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and len(v) == 2 and all(x is None or isinstance(x, str) for x in v) for v in data.values()
    ):
        raise TypeError("expected an object of [English name, Russian name or null] pairs")
    return data


def economy_names(lang: str = "en") -> dict[str, str]:
    """Every canonical economy code's name in ``lang`` (``en``, ``ru`` or ``zh``), as
    :func:`corridor.reference.economy.economy_name` gives it (cached lookup: no pandas once
    cached).  Alias codes are not keys; resolve them with :func:`economy_aliases`."""
    from ._options import Language
    from ..options import check

    check(lang, Language, field="lang")
    return dict(_economy_names(lang))


def product_names(classification: str, level: str) -> dict[str, tuple[str | None, str | None]]:
    """``code -> (English name, Russian name or None)`` of a classification and level, as
    :func:`corridor.reference.hs.products` gives them (cached lookup: no pandas once
    cached; arguments checked, and aliases resolved, as :func:`product_codes` does)."""
    from ..schema import HS_REVISION_ALIASES

    canonical = HS_REVISION_ALIASES.get(str(classification).upper())
    if canonical is None or level not in LEVELS:
        from . import hs

        hs.product_codes(classification, level)  # raises the error that says what is allowed
    return {c: (en, ru) for c, (en, ru) in _product_names(canonical, level).items()}


def numeric_to_code() -> dict[int, str]:
    """See :func:`corridor.reference.economy.numeric_to_code` (cached lookup)."""
    return dict(_numeric_to_code())


def economy_codes() -> frozenset[str]:
    """See :func:`corridor.reference.economy.economy_codes` (cached lookup)."""
    return _economy_codes()


def economy_aliases() -> dict[str, str]:
    """See :func:`corridor.reference.economy.economy_aliases` (cached lookup)."""
    return dict(_economy_aliases())


def product_codes(classification: str, level: str) -> frozenset[str]:
    """See :func:`corridor.reference.hs.product_codes` (cached lookup; the arguments are
    checked, and aliases such as ``H5`` resolved, by that function on a miss)."""
    from ..schema import HS_REVISION_ALIASES

    canonical = HS_REVISION_ALIASES.get(str(classification).upper())
    if canonical is None or level not in LEVELS:
        from . import hs

        return hs.product_codes(classification, level)  # raises the error that says what is allowed
    return _product_codes(canonical, level)
