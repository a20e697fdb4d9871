"""Notes that say which data stand for what, in English and Russian.

Indicator reports and opportunity rankings record every data choice and proxy they make
as a keyed note; :func:`render` turns the keys into text in either language, so that the
CLI's ``--lang ru`` output has no English left in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


TEXT: dict[str, dict[str, str]] = {
    "coverage_lines_export": {
        "en": "coverage break: {reporter}'s {year} report of its exports to {partner} ({source}) sums {value} product "
              "lines against {typical} in its other years; changes to or from {year} compare reports of different coverage",
        "ru": "разрыв охвата: отчёт {reporter} об экспорте в {partner} за {year} год ({source}) даёт товарных позиций: "
              "{value} против {typical} в другие годы; изменения к {year} году и от него сравнивают отчёты разного охвата",
    },
    "coverage_lines_import": {
        "en": "coverage break: {reporter}'s {year} report of its imports from {partner} ({source}) sums {value} product "
              "lines against {typical} in its other years; changes to or from {year} compare reports of different coverage",
        "ru": "разрыв охвата: отчёт {reporter} об импорте из {partner} за {year} год ({source}) даёт товарных позиций: "
              "{value} против {typical} в другие годы; изменения к {year} году и от него сравнивают отчёты разного охвата",
    },
    "coverage_mirror_export": {
        "en": "coverage break: in {year} {reporter} reported its exports to {partner} at {value} times {partner}'s "
              "mirror figure against {typical} in other years: {reporter}'s report for {year} is likely incomplete",
        "ru": "разрыв охвата: в {year} году {reporter} отразил экспорт в {partner} в размере {value} от зеркальных "
              "данных {partner} против {typical} в другие годы: отчёт {reporter} за {year} год, вероятно, неполон",
    },
    "coverage_mirror_import": {
        "en": "coverage break: in {year} {reporter} reported its imports from {partner} at {value} times {partner}'s "
              "mirror figure against {typical} in other years: {reporter}'s report for {year} is likely incomplete",
        "ru": "разрыв охвата: в {year} году {reporter} отразил импорт из {partner} в размере {value} от зеркальных "
              "данных {partner} против {typical} в другие годы: отчёт {reporter} за {year} год, вероятно, неполон",
    },
    "rank_balanced": {
        "en": "ranking: balanced = {ws} x strategy score + {wv} x z(ln(1 + untapped potential)) over the candidates "
              "(the strategy score alone: --rank-by score)",
        "ru": "ранжирование: сбалансированный балл = {ws} x балл стратегии + {wv} x z(ln(1 + неосвоенный потенциал)) "
              "по кандидатам (только балл стратегии: --rank-by score)",
    },
    "rank_score": {
        "en": "ranking: the strategy score (Atlas preset on the product space, plus the market term)",
        "ru": "ранжирование: балл стратегии (пресет Атласа по продуктовому пространству плюс рыночная составляющая)",
    },
    "rank_untapped": {"en": "ranking: untapped potential in USD", "ru": "ранжирование: неосвоенный потенциал в долларах США"},
    "rank_potential": {"en": "ranking: export potential in USD", "ru": "ранжирование: экспортный потенциал в долларах США"},
    "strengths": {
        "en": "left out {n} that are existing strengths (RCA >= 1: not new diversification; keep them with "
              "--include-strengths)",
        "ru": "исключено: {n}, где уже есть сильная позиция (RCA >= 1: это не новая диверсификация; "
              "оставить их: --include-strengths)",
    },
    "natural": {
        "en": "left out {n} (processed goods only)",
        "ru": "исключено: {n} (только продукты переработки)",
    },
    "small": {
        "en": "left out {n} with untapped potential below {usd} (max of {share} of actual exports to the "
              "market and a floor of {floor})",
        "ru": "исключено: {n} с неосвоенным потенциалом ниже {usd} (наибольшее из {share} фактического "
              "экспорта на рынок и порога {floor})",
    },
    "synthetic": {
        "en": "SYNTHETIC DATA: these numbers are generated for the demo and are NOT real statistics.",
        "ru": "СИНТЕТИЧЕСКИЕ ДАННЫЕ: эти цифры сгенерированы для демонстрации и НЕ являются реальной статистикой.",
    },
    "baci_reconciled": {
        "en": "BACI figures are CEPII's reconciled flows (exporter-side, FOB), not either side's own report.",
        "ru": "данные BACI — согласованные потоки CEPII (по стороне экспортёра, ФОБ), а не собственная статистика "
              "одной из сторон.",
    },
    "territory_change": {
        "en": "{code}'s territory changed in {year} ({what#_}): no growth is given between {previous} and {year}.",
        "ru": "территория {code} изменилась в {year} г. ({what#_}): рост между {previous} и {year} гг. не приводится.",
    },
    "derived_figures": {
        "en": "Some figures are computed from the published ones: {origins} (see the origin of each series record).",
        "ru": "часть показателей рассчитана из опубликованных: {origins} (см. происхождение каждой записи ряда).",
    },
    "partial_years": {
        "en": "Left out of the annual figures (only part of the year is stored): {spans}. For the same months of each "
              "year ask for {@months _}{n}.",
        "ru": "Не вошли в годовые данные (хранится только часть года): {spans}. Те же месяцы каждого года: "
              "{@months _}{n}.",
    },
    "exporter_source": {
        "en": "{exporter}'s exports as {exporter} reports them ({source}, {classification}, {level})",
        "ru": "экспорт {exporter} по его собственной статистике ({source}, {classification}, {level})",
    },
    "theil_universe": {
        "en": "Theil universe: {n} of {classification} at {level} (Cadot et al. 2011)",
        "ru": "универсум индекса Тейла: {n} {classification} уровня {level} (Cadot et al. 2011)",
    },
    "tc_groups": {
        "en": "tc: at WITS product-group level ({market}'s imports are by group only)",
        "ru": "ИТК: на уровне товарных групп WITS (импорт {market} есть только по группам)",
    },
    "no_market_imports": {
        "en": "tc, tii: no imports of {market} from the world in the workspace",
        "ru": "ИТК, ИИТ: в рабочей области нет импорта {market} из мира",
    },
    "world_some_years": {
        "en": "dx, tii: only for years with a world export matrix in the workspace",
        "ru": "ИД, ИИТ: только за годы, для которых есть мировая матрица экспорта",
    },
    "world_missing": {
        "en": "dx, tii: need a world export matrix (e.g. BACI) for the same years",
        "ru": "ИД, ИИТ: нужна мировая матрица экспорта (например, BACI) за те же годы",
    },
    "world": {
        "en": "world: export matrix of {n}, {source} {classification}, {year}",
        "ru": "мир: матрица экспорта {n}, {source} {classification}, {year}",
    },
    "world_other_year": {
        "en": "world shares and the product space are those of {wyear}, the nearest year to {year} with a world matrix",
        "ru": "мировые доли и продуктовое пространство взяты за {wyear} — ближайший к {year} год с мировой матрицей",
    },
    "no_world": {
        "en": "no world export matrix at {level} (fewer than {n} exporters in any source)",
        "ru": "нет мировой матрицы экспорта уровня {level} (экспортёров меньше {n} в любом источнике)",
    },
    "space": {
        "en": "product space: {n}, {year}; {exporter} ECI {eci}, COI {coi} (eigenvector ECI/PCI, Atlas "
              "normalisation; RCA >= 1 presence; min-conditional proximity)",
        "ru": "продуктовое пространство: {n}, {year}; {exporter}: ECI {eci}, COI {coi} (ECI/PCI методом "
              "собственного вектора, нормировка Атласа; присутствие RCA >= 1; близость по минимуму условных вероятностей)",
    },
    "space_absent": {
        "en": "product space: {exporter} is not in the world matrix; feasibility, PCI and COG count as 0",
        "ru": "продуктовое пространство: {exporter} нет в мировой матрице; осуществимость, PCI и COG приняты равными 0",
    },
    "no_space": {
        "en": "no product-space data (world export matrix) for this year: feasibility, PCI and COG count as 0",
        "ru": "нет данных продуктового пространства (мировой матрицы): осуществимость, PCI и COG приняты равными 0",
    },
    "supply_own": {
        "en": "supply: {exporter}'s own exports to the world, {year}, {level} ({source}, {classification})",
        "ru": "предложение: собственный экспорт {exporter} в мир, {year}, {level} ({source}, {classification})",
    },
    "supply_world": {
        "en": "supply: {exporter}'s row of the world export matrix (it reports no {level} exports for {year})",
        "ru": "предложение: строка {exporter} в мировой матрице (нет собственного экспорта уровня {level} за {year})",
    },
    "actual_own": {
        "en": "actual: {exporter}'s exports to {market} as {exporter} reports them",
        "ru": "факт: экспорт {exporter} в {market} по статистике {exporter}",
    },
    "actual_mirror": {
        "en": "actual: {market}'s imports from {exporter} (mirror statistics; {exporter} reports none at {level})",
        "ru": "факт: импорт {market} из {exporter} (зеркальная статистика; у {exporter} нет данных уровня {level})",
    },
    "demand_own": {
        "en": "demand: {market}'s own imports from the world at {level}, {year}",
        "ru": "спрос: собственный импорт {market} из мира, {level}, {year}",
    },
    "demand_mirror": {
        "en": "demand: exports to {market} reported by {n} at {level}, {year} (mirror demand)",
        "ru": "спрос: экспорт в {market} по данным {n}, {level}, {year} (зеркальный спрос)",
    },
    "demand_groups": {
        "en": "demand: {market}'s imports by WITS product group, {year}, distributed over {level} products in "
              "proportion to world exports (proxy: no {level} import data of {market}); growth = the group's",
        "ru": "спрос: импорт {market} по товарным группам WITS, {year}, распределён по товарам {level} пропорционально "
              "мировому экспорту (замена: нет импорта {market} уровня {level}); рост — рост группы",
    },
    "no_tariffs": {
        "en": "tariffs and distance are not modelled separately: the bilateral ease factor absorbs them",
        "ru": "тарифы и расстояние отдельно не учитываются: их поглощает коэффициент лёгкости двусторонней торговли",
    },
    "demand_proxy_error": {
        "en": "the demand sizes are ROUGH: the group proxy is far from real product values (on the 2017 world matrix, "
              "with economies' real exports standing in: a product's size is off by a factor {factor} for the median "
              "economy, {off2x}% of products by more than 2x, its 20 largest by a factor {top_factor}; {misplaced}% of "
              "the value lands on other products; only {overlap}% of the proxy's top 20 are in the real top 20; "
              "for China factor {china_factor}, top 20 {china_top_factor}); rankings that use demand size rank on "
              "this proxy: load BACI for China's real bilateral imports",
        "ru": "размеры спроса ПРИБЛИЗИТЕЛЬНЫ: групповая оценка далека от реальных значений по товарам (на мировой "
              "матрице 2017 г., где реальный экспорт экономик заменяет импорт: у медианной экономики размер товара "
              "ошибается в {factor} раза, {off2x}% товаров — более чем вдвое, 20 крупнейших — в {top_factor} раза; "
              "{misplaced}% стоимости попадает на другие товары; лишь {overlap}% из первых 20 по оценке входят в "
              "реальные первые 20; для Китая — в {china_factor} раза, первые 20 — в {china_top_factor}); рейтинги по "
              "размеру спроса опираются на эту оценку: загрузите BACI, чтобы взять реальный двусторонний импорт Китая",
    },
    "baci": {
        "en": "a full BACI load adds the market's bilateral HS6 imports from every partner (exact demand by product, "
              "no group proxy), world market shares from the same source and year, and a world matrix for the "
              "product space; tariffs and distance are not included in either",
        "ru": "полная загрузка BACI добавит двусторонний импорт рынка на уровне HS6 от всех партнёров (точный спрос "
              "по товарам без замены группами), мировые доли из того же источника и года и мировую матрицу для "
              "продуктового пространства; тарифов и расстояний нет ни там, ни здесь",
    },
}

_SCALES = {
    "en": ((1e9, "bn"), (1e6, "m"), (1e3, "k")),
    "ru": ((1e9, "млрд"), (1e6, "млн"), (1e3, "тыс.")),
}

def number(value: float, lang: str, digits: int = 2) -> str:
    """A number with ``digits`` decimals; Russian uses a decimal comma."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "ru" else text

def usd(value: float, lang: str) -> str:
    """USD amount with a scale word: ``$3.2 bn`` / ``$3,2 млрд``."""
    for size, word in _SCALES[lang]:
        if abs(value) >= size:
            return f"${number(value / size, lang, 1)} {word}"
    return f"${number(value, lang, 0)}"

@dataclass(frozen=True, slots=True)
class Num:
    """A number parameter of a note, written in the reader's language (decimal comma in Russian)."""

    value: float
    digits: int = 2

    def render(self, lang: str) -> str:
        return number(self.value, lang, self.digits)

@dataclass(frozen=True, slots=True)
class Usd:
    """A USD amount parameter of a note (``$3.2 bn`` / ``$3,2 млрд``)."""

    value: float

    def render(self, lang: str) -> str:
        return usd(self.value, lang)

@dataclass(frozen=True, slots=True)
class Pct:
    """A share (0..1) parameter of a note, written as a percentage without trailing zeros."""

    value: float

    def render(self, lang: str) -> str:
        return number(100.0 * self.value, lang, 4).rstrip("0").rstrip(".,") + "%"


@dataclass(frozen=True, slots=True)
class Words:
    """A list of words of the one vocabulary (:data:`corridor.messages.WORDS`) as a note
    parameter, written in the reader's language."""

    value: tuple[str, ...]

    def render(self, lang: str) -> str:
        from ..messages import WORDS

        return ", ".join(WORDS[w][lang] if w in WORDS else w for w in self.value)


@dataclass(frozen=True, slots=True)
class Spans:
    """Years and sides that hold only January-N figures, ``(year, N, reporters)``, as a note
    parameter: ``2024: January–September (reported by KAZ)`` in the reader's language."""

    value: tuple[tuple[int, int, str], ...]

    def render(self, lang: str) -> str:
        from ..messages import say

        return "; ".join(say("mon_span", lang, year=y, n=n, reporter=r) for y, n, r in self.value)


@dataclass(frozen=True, slots=True)
class Note:
    """One keyed note with its parameters (plain values, or :class:`Num` / :class:`Usd` /
    :class:`Pct` rendered in the reader's language)."""

    key: str
    params: tuple[tuple[str, object], ...] = field(default_factory=tuple)

    def render(self, lang: str = "en") -> str:
        """The text in ``lang``; ``{x#_}`` shows a plain parameter as its word of
        :data:`corridor.messages.WORDS` (as the keyed messages do)."""
        from ..messages import prepared  # a caller's parameter spelled as the adapter rendering the note names it

        text, worded = prepared(TEXT[self.key][lang], lang)
        return text.format(**{
            k: v.render(lang) if hasattr(v, "render") else Words((v,)).render(lang) if k in worded else v
            for k, v in self.params})

class KeyedNotes:
    """Mixin of a result that holds its notes as keys (``note_keys``): ``notes`` and
    ``notes_ru`` render them in English and Russian, for library callers."""

    __slots__ = ()
    note_keys: tuple[Note, ...]

    @property
    def notes(self) -> tuple[str, ...]:
        """The notes in English (the result carries them as keys: ``note_keys``)."""
        return render(self.note_keys, "en")

    @property
    def notes_ru(self) -> tuple[str, ...]:
        """The notes in Russian."""
        return render(self.note_keys, "ru")

def note(key: str, **params: object) -> Note:
    """A :class:`Note`; raises ``KeyError`` at once for an unknown key (a bug)."""
    made = Note(key, tuple(params.items()))
    made.render("en")
    return made

def render(notes: tuple[Note, ...] | list[Note], lang: str = "en") -> tuple[str, ...]:
    """The notes as text in ``lang`` (``en`` or ``ru``)."""
    return tuple(n.render(lang) for n in notes)
