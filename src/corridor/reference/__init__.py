"""Reference tables: economies, HS products and their groups, HS revision conversion.

Every table is validated when first loaded (unique keys, types, non-empty names) and cached;
a failure raises :class:`~corridor.errors.ReferenceDataError` naming the table, row and
column. Nothing is loaded at import time.

Data come from ``atlas-common-data`` (Apache-2.0) and ``pycountry`` (LGPL-2.1), used as
dependencies, and from small hand-written tables in ``corridor/reference/data`` (see the
NOTICE file there and each table's header).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..util import lazy_exports

if TYPE_CHECKING:
    from ._lookups import economy_aliases, economy_codes, economy_names, numeric_to_code, product_codes, product_names
    from .conversion import conversion_weights, convert, unconverted_codes
    from .economy import economies, economy_name, resolve_economy
    from .groups import product_groups
    from .hs import hs_sections, products, wits_groups

#: Where each public name lives.  The modules are imported on first use, so that the code
#: lookups an ingest needs (cached by :mod:`._lookups`) do not import pandas and the
#: table builders.
_HOMES: dict[str, str] = {
    "conversion_weights": "conversion", "convert": "conversion", "unconverted_codes": "conversion",
    "economies": "economy", "economy_name": "economy", "resolve_economy": "economy",
    "economy_aliases": "_lookups", "economy_codes": "_lookups", "economy_names": "_lookups",
    "numeric_to_code": "_lookups", "product_codes": "_lookups", "product_names": "_lookups",
    "product_groups": "groups",
    "hs_sections": "hs", "products": "hs", "wits_groups": "hs",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, globals())


__all__ = [
    "conversion_weights",
    "convert",
    "economies",
    "economy_aliases",
    "economy_codes",
    "economy_name",
    "economy_names",
    "hs_sections",
    "numeric_to_code",
    "product_codes",
    "product_groups",
    "product_names",
    "products",
    "resolve_economy",
    "unconverted_codes",
    "wits_groups",
]
