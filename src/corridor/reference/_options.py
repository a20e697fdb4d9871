"""The option values corridor.reference uses (declared once, in :mod:`corridor.options`) and
the parsing of classification names."""

from __future__ import annotations

from ..errors import QueryError
from ..options import CodeLevel, ConversionLevel, HSRevision, Unmatched, values
from ..options import Level as GroupLevel
from ..options import NameLanguage as Language
from ..schema import HS_REVISION_ALIASES
from ..messages import Message

LANGUAGES: tuple[str, ...] = values(Language)
HS_REVISIONS: tuple[str, ...] = values(HSRevision)

#: corridor revision -> the code atlas-common-data (and UN Comtrade) use for it.
ATLAS_CODES: dict[str, str] = dict(zip(HS_REVISIONS, ("H0", "H1", "H2", "H3", "H4", "H5", "H6")))
#: revisions for which atlas-common-data ships a product table with names.
ATLAS_PRODUCT_TABLES: dict[str, str] = {"HS92": "hs92", "HS12": "hs12", "HS22": "hs22"}

CODE_LEVELS: tuple[str, ...] = values(CodeLevel)
GROUP_LEVELS: tuple[str, ...] = values(GroupLevel)
CONVERSION_LEVELS: tuple[str, ...] = values(ConversionLevel)
UNMATCHED: tuple[str, ...] = values(Unmatched)

HS_DIGITS: dict[str, int] = {"hs2": 2, "hs4": 4, "hs6": 6}


def classification_of(value: str, *, allow_total: bool = True) -> str:
    """corridor's name of a classification (``HS12``) from any alias (``H4``, ``hs2012``)."""
    allowed = (*HS_REVISIONS, "TOTAL") if allow_total else HS_REVISIONS
    name = HS_REVISION_ALIASES.get(str(value).strip().upper()) if isinstance(value, str) else None
    if name is None or name not in allowed:
        raise QueryError(Message("ref_classification", value=value, allowed=", ".join(allowed)))
    return name
