"""Names of products, HS sections and economies in the reader's language.

Russian names of HS sections, chapters and (part of the) headings are packaged
(``reference/data``).  A product whose own Russian name is not in the packaged tables is
never shown silently in English: a subheading gets its heading's Russian name, marked
``(поз. NNNN)``, a heading its chapter's, marked ``(гл. NN)`` — the marked fallbacks.
"""

from __future__ import annotations

import textwrap
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Mark of a product name that is its chapter's (no Russian name of the heading itself).
FALLBACK_MARK = "гл."
#: Mark of a subheading's name that is its heading's.
HEADING_MARK = "поз."


@cache
def section_names(lang: str) -> dict[str, str]:
    from .. import reference

    sec = reference.hs_sections()
    return dict(zip(sec["section"], sec["name_ru" if lang == "ru" else "name_en"]))


@cache
def _names(classification: str, level: str, lang: str) -> dict[str, str]:
    from .. import reference
    from ..errors import CorridorError, ReferenceDataError

    try:
        p = reference.product_names(classification, level)  # a cached lookup: no pandas
    except ReferenceDataError:  # a broken or missing reference table is an error, not codes for names
        raise
    except CorridorError:  # a classification or language the tables do not name
        return {}
    if lang != "ru":
        return {code: en or "" for code, (en, _) in p.items()}
    chapters = {} if level == "hs2" else _names(classification, "hs2", "ru") if level in ("hs4", "hs6") else {}
    headings = _headings_ru(classification) if level == "hs6" else {}
    out = {}
    for code, (_, name) in p.items():
        if name:
            out[code] = name
        elif code[:4] in headings:  # a subheading: its heading's Russian name, marked
            out[code] = f"{headings[code[:4]]} ({HEADING_MARK} {code[:4]})"
        elif level in ("hs4", "hs6") and code[:2] in chapters:
            out[code] = f"{chapters[code[:2]]} ({FALLBACK_MARK} {code[:2]})"
        else:
            out[code] = f"({FALLBACK_MARK} {code[:2]})"
    return out


@cache
def _headings_ru(classification: str) -> dict[str, str]:
    from .. import reference

    return {c: ru for c, (_, ru) in reference.product_names(classification, "hs4").items() if ru}


def name_map(classification: str | None, level: str, lang: str) -> dict[str, str]:
    """code -> name at ``level`` of ``classification`` (HS12 when unknown) in ``lang``."""
    return _names(classification or "HS12", level, lang)


def product_names(frame: pd.DataFrame, lang: str, *, classification: str | None = None, level: str | None = None,
                  fallback: Any = None) -> list[str]:
    """Names of ``frame.code`` (level from the code's length unless given) in ``lang``."""
    cls = classification
    if cls is None and "classification" in frame:
        found = frame["classification"].dropna().unique()
        cls = str(found[0]) if len(found) == 1 else None
    out = []
    for i, code in enumerate(frame["code"].astype(str)):
        lvl = level or {2: "hs2", 4: "hs4", 6: "hs6"}.get(len(code))
        name = name_map(cls, lvl, lang).get(code) if lvl else None
        if name is None and fallback is not None:
            name = fallback.iloc[i] if lang == "en" else None
        out.append(name or "")
    return out


def economy_name(code: str, lang: str) -> str:
    """An economy's name in ``lang``, or its code when it has none."""
    names = _economy_names(lang)
    if code in names:
        return names[code]
    from .. import reference

    canonical = reference.economy_aliases().get(code)
    return names.get(canonical, code) if canonical is not None else code


@cache
def _economy_names(lang: str) -> dict[str, str]:
    """Canonical code -> name in ``lang`` (a cached lookup: no pandas); empty for a
    language the reference tables do not name economies in."""
    from .. import reference
    from ..errors import CorridorError, ReferenceDataError

    try:
        return reference.economy_names(lang)
    except ReferenceDataError:  # a broken or missing reference table is an error, not codes for names
        raise
    except CorridorError:  # a classification or language the tables do not name
        return {}


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words (or after a
    hyphen of a word); a single word longer than ``width`` starts a line of its own and is
    hyphenated (``Товаро-`` / ``оборот``) — never cut off."""
    return _Hyphenating(width=max(2, width), break_long_words=True, break_on_hyphens=True).wrap(text) or [""]


class _Hyphenating(textwrap.TextWrapper):
    """A :class:`textwrap.TextWrapper` that starts a word longer than the line on a line of
    its own and marks where it is broken with a hyphen."""

    def _handle_long_word(self, chunks, cur_line, cur_len, width):  # noqa: ANN001 - textwrap's hook
        if cur_line:  # the long word goes on a line of its own
            return
        cut = max(1, width - 1)
        cur_line.append(chunks[-1][:cut] + "-")
        chunks[-1] = chunks[-1][cut:]
