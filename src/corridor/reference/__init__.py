"""Reference tables: economies, HS products and their groups, HS revision conversion.

Every table is validated when first loaded (unique keys, types, non-empty names) and cached;
a failure raises :class:`~corridor.errors.ReferenceDataError` naming the table, row and
column. Nothing is loaded at import time.

Data come from ``atlas-common-data`` (Apache-2.0) and ``pycountry`` (LGPL-2.1), used as
dependencies, and from small hand-written tables in ``corridor/reference/data`` (see the
NOTICE file there and each table's header).
"""

from .conversion import conversion_weights, convert, unconverted_codes
from .economy import (
    economies,
    economy_aliases,
    economy_codes,
    economy_name,
    numeric_to_code,
    resolve_economy,
)
from .groups import product_groups
from .hs import hs_sections, product_codes, products, wits_groups

__all__ = [
    "conversion_weights",
    "convert",
    "economies",
    "economy_aliases",
    "economy_codes",
    "economy_name",
    "hs_sections",
    "numeric_to_code",
    "product_codes",
    "product_groups",
    "products",
    "resolve_economy",
    "unconverted_codes",
    "wits_groups",
]
