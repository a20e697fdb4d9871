"""Numbers for people, in English and Russian: one helper for every renderer.

- :func:`number`: ``1,234.5`` / ``1 234,5`` (Russian: a no-break space between thousands
  and a decimal comma, as GOST 8.417 and the Russian statistical office print them);
- :func:`money`: an amount with its scale word, ``$43.9 bn`` / ``43,9 млрд $`` (``bn``,
  ``m``, ``k`` / ``млрд``, ``млн``, ``тыс.``);
- :func:`percent`: ``+31.7%`` / ``+31,7 %``;
- :func:`scale_word`: the word of a chosen scale, for axis titles ("USD bn" / "млрд долл.").

A missing value (``None``, NaN) is ``n/a`` / ``н/д``.
"""

from __future__ import annotations

import math
from typing import Any

NBSP = "\u00a0"

MISSING = {"en": "n/a", "ru": "н/д"}

#: Scales from the largest; the first whose size the amount reaches is used.
SCALES: dict[str, tuple[tuple[float, str], ...]] = {
    "en": ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")),
    "ru": ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"), (1e3, "тыс.")),
}

#: Axis and column unit titles of USD amounts at a scale.
UNITS: dict[str, dict[float, str]] = {
    "en": {1e12: "USD tn", 1e9: "USD bn", 1e6: "USD m", 1e3: "USD k", 1.0: "USD"},
    "ru": {1e12: "трлн долл.", 1e9: "млрд долл.", 1e6: "млн долл.", 1e3: "тыс. долл.", 1.0: "долл."},
}


def missing(value: Any) -> bool:
    """True for ``None`` and NaN (and pandas' missing markers, which are not numbers)."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def number(value: Any, lang: str = "en", *, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and grouped thousands in the language's style."""
    if missing(value):
        return MISSING[lang]
    text = f"{float(value):,.{digits}f}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text.replace("-", "−")


def scale_of(value: float) -> float:
    """The scale (1e12, 1e9, 1e6, 1e3 or 1) at which ``value`` is shown."""
    v = abs(value)
    for size in (1e12, 1e9, 1e6, 1e3):
        if v >= size:
            return size
    return 1.0


def money(value: Any, lang: str = "en", *, digits: int = 1, scale: float | None = None) -> str:
    """A USD amount with its scale word: ``$43.9 bn`` in English, ``43,9 млрд $`` in Russian.

    ``scale`` fixes the scale (e.g. 1e9 for a column of billions); by default the largest
    scale the amount reaches."""
    if missing(value):
        return MISSING[lang]
    size = scale if scale is not None else scale_of(float(value))
    word = dict((s, w) for s, w in SCALES[lang]).get(size, "")
    figure = number(float(value) / size, lang, digits=digits if size > 1 else 0)
    if lang == "ru":
        return f"{figure}{NBSP}{word}{NBSP}$" if word else f"{figure}{NBSP}$"
    if figure.startswith("−"):
        return f"−${figure[1:]}{NBSP}{word}" if word else f"−${figure[1:]}"
    return f"${figure}{NBSP}{word}" if word else f"${figure}"


def percent(value: Any, lang: str = "en", *, digits: int = 1, signed: bool = True) -> str:
    """A percentage: ``+31.7%`` / ``+31,7 %`` (``signed`` adds the plus sign)."""
    if missing(value):
        return MISSING[lang]
    figure = number(value, lang, digits=digits)
    if signed and float(value) > 0:
        figure = "+" + figure
    return f"{figure}{NBSP}%" if lang == "ru" else f"{figure}%"


def unit(scale: float, lang: str = "en") -> str:
    """The unit title of USD amounts shown at ``scale`` ("USD bn" / "млрд долл.")."""
    return UNITS[lang][scale]
