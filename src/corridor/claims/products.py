"""Product groups the claim checker recognises, with the HS codes they stand for.

Each group lists Russian lemmas (inflected by :mod:`corridor.claims.lexicon`), English
words and the HS prefixes (chapters, headings) whose lines make it up, with the label
shown to users.  Headings are stable since HS 1992 (World Customs Organization, *Harmonized
System Nomenclature*); a journalist's "copper" is refined copper (7403: cathodes), "copper
ores" are ores and concentrates (2603) — never the whole of chapter 74.

Agricultural products are HS chapters 01-24 (a common simple definition; the WTO
Agreement on Agriculture, Annex 1, leaves out fish (ch. 03) and adds a few headings).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Product:
    key: str
    ru: tuple[str, ...]
    en: tuple[str, ...]
    hs: tuple[str, ...]

    @property
    def label(self) -> str:
        """``1001``, ``8471+8517`` or ``50-63`` (a run of whole chapters)."""
        return _label(self.hs)


def _label(codes: tuple[str, ...]) -> str:
    if len(codes) > 2 and all(len(c) == 2 for c in codes):
        return f"{codes[0]}-{codes[-1]}"
    return "+".join(codes)


def _chapters(first: int, last: int) -> tuple[str, ...]:
    return tuple(f"{c:02d}" for c in range(first, last + 1))


PRODUCTS: tuple[Product, ...] = (
    Product("wheat", ("пшеница",), ("wheat",), ("1001",)),
    Product("barley", ("ячмень",), ("barley",), ("1003",)),
    Product("grain", ("зерно",), ("grain", "grains", "cereals"), ("10",)),
    Product("flaxseed", ("льняное семя", "семя льна", "лён"), ("flaxseed", "flax seed", "linseed", "flax"), ("1204",)),
    Product("sunflower_oil", ("подсолнечное масло",), ("sunflower oil",), ("1512",)),
    Product("oil", ("нефть", "сырая нефть"), ("oil", "crude", "crude oil"), ("2709",)),
    Product("gas", ("газ", "природный газ"), ("gas", "natural gas"), ("2711",)),
    Product("coal", ("уголь",), ("coal",), ("2701",)),
    Product("iron_ore", ("железная руда",), ("iron ore", "iron ores"), ("2601",)),
    Product("copper_ore", ("медная руда", "медный концентрат", "концентрат меди"),
            ("copper ore", "copper ores", "copper concentrate", "copper concentrates"), ("2603",)),
    Product("copper", ("медь", "медный катод", "рафинированная медь"),
            ("copper", "refined copper", "copper cathodes"), ("7403",)),
    Product("zinc", ("цинк",), ("zinc",), ("7901",)),
    Product("ferroalloys", ("ферросплав",), ("ferroalloys", "ferroalloy", "ferro-alloys", "ferro-alloy"), ("7202",)),
    Product("uranium", ("уран",), ("uranium",), ("2844",)),
    Product("cars", ("автомобиль", "легковой автомобиль", "легковушка"), ("cars", "passenger cars", "vehicles"), ("8703",)),
    Product("trucks", ("грузовик", "грузовой автомобиль"), ("trucks", "lorries"), ("8704",)),
    Product("phones", ("смартфон", "телефон", "мобильный телефон"), ("smartphones", "phones", "mobile phones", "telephones"),
            ("8517",)),
    Product("computers", ("компьютер", "ноутбук"), ("computers", "laptops"), ("8471",)),
    Product("electronics", ("электроника",), ("electronics",), ("8471", "8517", "8528")),
    Product("meat", ("мясо", "говядина", "баранина"), ("meat", "beef", "mutton", "lamb"),
            ("0201", "0202", "0203", "0204", "0207")),
    Product("textiles", ("текстиль", "ткань", "одежда"), ("textiles", "clothing", "garments"), _chapters(50, 63)),
    Product("machinery", ("оборудование", "техника"), ("machinery", "equipment"), ("84", "85")),
)
BY_KEY: dict[str, Product] = {p.key: p for p in PRODUCTS}

AGRI_HS: tuple[str, ...] = _chapters(1, 24)
AGRI_LABEL = _label(AGRI_HS)


def hs_of(indicator: str, product: str | None) -> tuple[str, ...] | None:
    """The HS prefixes a claim's figure is made of; ``None`` for totals."""
    if indicator in ("agri_exports", "agri_imports", "agri_trade"):
        return AGRI_HS
    if indicator.startswith("product_") and product in BY_KEY:
        return BY_KEY[product].hs
    return None


def hs_label(indicator: str, product: str | None) -> str | None:
    codes = hs_of(indicator, product)
    return None if codes is None else _label(codes)
