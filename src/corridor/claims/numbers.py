"""Amounts of money, percentages and growth multipliers as printed in Russian and English.

Decimal commas (``31,5``), space- or comma-grouped thousands (``19 883,6``, ``10,000``),
scale words (тыс./млн/млрд/трлн, thousand/million/billion, ``$1.3bn``), number words
(``восемнадцати миллиардов``, ``twelve billion``) and currencies before or after the number.
A number is an amount of money only if it has a currency or a scale word and is not
followed by a non-money unit (``6 млн тонн``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .folded import Folded, fold
from .lexicon import CURRENCY_AFTER, CURRENCY_BEFORE, NON_MONEY_UNITS, SCALES, alternation, patterns

NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"


@dataclass(frozen=True, slots=True)
class Amount:
    """A printed amount: ``value`` in ``currency`` units (already scaled), ``step`` one unit
    of the last printed digit, and its character span in the sentence."""

    value: float
    currency: str | None
    step: float
    start: int
    end: int
    text: str
    has_scale: bool


@dataclass(frozen=True, slots=True)
class Percent:
    """A printed percentage or growth multiplier, as a percent change if ``multiplier``."""

    value: float
    step: float
    start: int
    end: int
    text: str
    multiplier: bool = False
    falling: bool = False
    #: ``percent``, ``points`` (percentage points: a change of a share, never a growth),
    #: ``multiplier`` ("в 2 раза", "doubled") or ``fraction`` ("на треть", "by a quarter").
    form: str = "percent"


@dataclass(frozen=True, slots=True)
class NumberPatterns:
    money: Folded
    percent: Folded
    times: Folded
    fraction: Folded
    equivalent: re.Pattern[str]
    non_money: Folded
    currency_after: tuple[tuple[re.Pattern[str], str], ...]
    currency_before: tuple[tuple[re.Pattern[str], str], ...]
    scales: tuple[tuple[re.Pattern[str], float], ...]


@cache
def number_patterns() -> NumberPatterns:
    """Compile the number patterns once."""
    words = patterns().number_word_re
    spoken = _spoken(words)
    before = "|".join(p for p, _ in CURRENCY_BEFORE)
    after = "|".join(p for p, _ in CURRENCY_AFTER)
    long_scales = "|".join(p for p, _ in SCALES)
    money = Folded.compile(
        rf"(?:(?P<cur1>{before})\s?)?"
        rf"(?:(?<![\w.,])(?P<num>{NUM})|(?<![\w-])(?P<word>{spoken}))"
        r"(?:-(?:ти|ми|х|и|ью|ух|ёх|ех|ох|а|ой|го|му|м)(?![\w]))?"  # "5-ти млрд": a numeral's case ending
        rf"(?:\s*(?P<scale>{long_scales})(?![\w]))?"
        rf"(?:\s*(?P<cur2>{after})(?![\w]))?",
        re.IGNORECASE,
    )
    percent = Folded.compile(rf"(?:(?<![\w.,])(?P<num>{NUM})|(?<![\w-])(?P<word>{spoken})(?=\s+(?:процент|percent|per\s+cent)))\s*(?:%|процент\w*|percent|per\s+cent|pct\b\.?|(?P<pp>п\.\s?п\.?|pp\b|percentage\s+points?|процентн\w+\s+пункт\w*))",
                         re.IGNORECASE)
    times = Folded.compile(
        rf"(?:в\s+(?P<n>{NUM}|{words})\s+раз\w*(?:\s+(?P<less>меньше|ниже))?"
        r"|(?P<ru>вдвое|втрое|вчетверо|впятеро|удвои\w*|удвоени\w*|утрои\w*|утроени\w*)"
        r"|(?P<en>doubled|tripled|quadrupled|doubling|tripling|quadrupling|double|triple|halved|halve|halving)"
        rf"|(?<![\w.,])(?P<nf>{NUM}|{words})(?:-|\s)?fold"
        rf"|(?P<nt>{NUM}|{words})\s+times)(?![\w])",
        re.IGNORECASE,
    )
    fraction = Folded.compile(
        # "на треть", "by a third"; "up (nearly) a third", "rose almost a quarter": a verb of
        # change with no "by" (without one, "nearly a third of exports" is a part, no change)
        r"(?<![\w])(?:на\s+|by\s+(?:(?:nearly|almost|about|around|roughly|some|over|more\s+than|less\s+than"
        r"|just\s+over|just\s+under)\s+(?=(?:a|one)\s|half))?|(?<![\w])(?:up|down|rose|grew|jumped|climbed|increased|gained|surged"
        r"|fell|dropped|declined|decreased|slumped|shrank)\s+(?:(?:nearly|almost|about|around|roughly|some|over"
        r"|more\s+than|less\s+than|just\s+over|just\s+under)\s+)?(?=(?:a|one)\s|half))(?:(?P<third>треть|a\s+third|one\s+third)|(?P<quarter>четверть|a\s+quarter|one\s+quarter)"
        r"|(?P<fifth>пятую\s+часть|a\s+fifth|one\s+fifth)|(?P<half>половину|half))(?![\w])"
        r"|(?<![\w])(?P<half2>наполовину)(?![\w])",
        re.IGNORECASE,
    )
    return NumberPatterns(
        money=money,
        percent=percent,
        times=times,
        fraction=fraction,
        # "27,3 млрд юаней /3,9 млрд долл./", "(…)", «315 млрд юаней, или 43,9 млрд долларов», "or $43.9 billion"
        equivalent=re.compile(r"\s*(?:[/(\[]|,?\s*(?:или|or)\s)\s*(?:около|примерно|порядка|about|around|approximately|roughly"
                              r"|some|~|≈)?\s*$",
                              re.IGNORECASE),
        non_money=Folded.compile(rf"\s*(?:{NON_MONEY_UNITS})"),
        currency_after=tuple((re.compile(rf"(?:{p})$", re.IGNORECASE), c) for p, c in CURRENCY_AFTER),
        currency_before=tuple((re.compile(rf"(?:{p})$", re.IGNORECASE), c) for p, c in CURRENCY_BEFORE),
        scales=tuple((re.compile(rf"(?:{p})$", re.IGNORECASE), v) for p, v in SCALES),
    )


_GROUP_SPACE = re.compile(r"[ \u00a0\u202f]")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_number(text: str, *, lang: str) -> tuple[float, float]:
    """The value of a printed number and one unit of its last printed digit.

    ``31,5`` -> (31.5, 0.1); ``19 883,6`` -> (19883.6, 0.1); in English ``10,000`` ->
    (10000, 1) and ``1,234.5`` -> (1234.5, 0.1); in Russian a comma is always decimal.
    """
    t = _GROUP_SPACE.sub("", text)
    if lang == "en" and _EN_GROUPED.fullmatch(t):
        t = t.replace(",", "")
    elif "," in t and "." in t:
        t = t.replace(",", "") if t.index(",") < t.index(".") else t.replace(".", "").replace(",", ".")
    else:
        t = t.replace(",", ".")
    if t.count(".") > 1:
        raise ValueError(f"not a number: {text!r}")
    decimals = len(t.partition(".")[2])
    return float(t), 10.0 ** -decimals


_WORD_SPLIT = re.compile(r"[\s-]+")


def _spoken(words: str) -> str:
    """A number as it is spoken (parliament and government transcripts): one or two number
    words («сорок три», "forty-four"), then a decimal part in words («сорок три целых восемь
    десятых», «шесть целых две сотых») or a half («тридцать один с половиной»), and «с
    лишним» ("and more": the number is a lower bound, see :func:`spoken_over`); in English
    a decimal part read digit by digit ("forty-three point eight", "six point eight five")."""
    whole = rf"{words}(?:[\s-]+{words})?"
    return (rf"{whole}(?:\s+цел(?:ых|ая|ой|ую)\s+{whole}\s+(?:десят|сот)(?:ых|ая|ой|ую)"
            rf"|\s+point(?:\s+(?:{_DIGITS_EN})){{1,2}})?"
            r"(?:\s+с\s+половиной)?(?:\s+с\s+лишним)?")


_DIGITS_EN = "zero|one|two|three|four|five|six|seven|eight|nine"
_SPOKEN_POINT = re.compile(rf"\s+point(?P<digits>(?:\s+(?:{_DIGITS_EN}))+)", re.IGNORECASE)
_SPOKEN_PART = re.compile(r"\s+цел(?:ых|ая|ой|ую)\s+(?P<frac>.+?)\s+(?P<unit>десят|сот)\w*", re.IGNORECASE)
_SPOKEN_TAIL = re.compile(r"\s+с\s+(?P<half>половиной)|\s+с\s+лишним", re.IGNORECASE)


def spoken_over(text: str) -> bool:
    """Whether a number in words says «с лишним» (over the number: «четырнадцать с лишним»)."""
    return "лишн" in text.lower()


def number_word_value(text: str) -> tuple[float, float]:
    """The value of a number written in words and one unit of its last spoken digit: one
    word or a tens word and a unit («сорок четыре» 44, "forty-four" 44, «пять» 5); a second
    word that cannot follow the first (not a unit after a tens word) leaves the first
    alone; a spoken decimal part («сорок три целых восемь десятых» 43.8, step 0.1) or half
    («тридцать один с половиной» 31.5)."""
    text = text.lower().strip()
    half = 0.0
    for m in _SPOKEN_TAIL.finditer(text):
        half = 0.5 if m.group("half") else half
    text = _SPOKEN_TAIL.sub("", text)
    step = 0.5 if half else 1.0
    if (m := _SPOKEN_POINT.search(text)) is not None:
        digits = m.group("digits").split()
        step = 10.0 ** -len(digits)
        fraction = sum(_DIGITS_EN.split("|").index(d) * 10.0 ** -(k + 1) for k, d in enumerate(digits))
        return _whole_words(text[:m.start()]) + fraction, step
    if (m := _SPOKEN_PART.search(text)) is not None:
        step = 0.1 if m.group("unit").lower().startswith("десят") else 0.01
        return _whole_words(text[:m.start()]) + _whole_words(m.group("frac")) * step, step
    return _whole_words(text) + half, step


def _whole_words(text: str) -> float:
    words = patterns().number_words
    parts = [words[w] for w in _WORD_SPLIT.split(text.strip()) if w in words]
    if len(parts) == 2 and parts[0] >= 20 and parts[0] % 10 == 0 and parts[0] < 100 and parts[1] < 10:
        return parts[0] + parts[1]
    return parts[0]


def _classify(table: tuple[tuple[re.Pattern[str], object], ...], text: str):
    for pat, value in table:
        if pat.search(text):
            return value
    raise LookupError(text)  # pragma: no cover - the regexes above cover every alternative


def quantity_at(sentence: str, pos: int, *, low: str | None = None) -> bool:
    """Whether a physical quantity is printed at ``pos``: a number (and its scale) with no
    currency, followed by a non-money unit — the span :func:`find_amounts` leaves out
    ("1,4 млн тонн", "320 thousand containers")."""
    np_ = number_patterns()
    low = fold(sentence) if low is None else low
    m = np_.money.match(sentence, low, pos)
    return (m is not None and not (m.group("cur1") or m.group("cur2"))
            and np_.non_money.match(sentence, low, m.end()) is not None)


def find_amounts(sentence: str, *, lang: str, low: str | None = None) -> list[Amount]:
    """Every amount of money printed in ``sentence`` (offsets relative to it); ``low``:
    the folded sentence (:func:`corridor.claims.folded.fold`) if at hand."""
    np_ = number_patterns()
    words = patterns().number_words
    low = fold(sentence) if low is None else low
    out: list[Amount] = []
    for m in np_.money.finditer(sentence, low):
        cur_text = m.group("cur1") or m.group("cur2")
        scale_text = m.group("scale")
        if m.group("word"):
            if not scale_text:
                continue
            value, step = number_word_value(m.group("word"))
        else:
            if not (cur_text or scale_text):
                continue
            value, step = parse_number(m.group("num"), lang=lang)
        if scale_text and len(scale_text) <= 2 and not cur_text and not m.group("cur1"):
            # "5 m", "3 b": single-letter scales only count next to a currency sign
            continue
        if not cur_text and np_.non_money.match(sentence, low, m.end()):
            continue
        if m.group("num") and not scale_text and _YEAR.fullmatch(m.group("num")):
            continue
        scale = _classify(np_.scales, scale_text) if scale_text else 1.0
        currency = None
        if cur_text:
            table = np_.currency_before if m.group("cur1") else np_.currency_after
            currency = _classify(table, cur_text)
        end = m.end() - 1 if m.group(0).endswith(".") and not sentence[m.end():].strip() else m.end()
        if scale_text:
            out = _shared_scale(sentence, out, m.start(), scale, currency, lang)
        amount = _ranged(sentence, Amount(value * scale, currency, step * scale, m.start(), end,
                                          sentence[m.start():end], bool(scale_text)), value, scale, lang)
        if scale_text and amount.start == m.start():
            out = _level_from(sentence, out, m.start(), scale, currency, lang)
        out.append(amount)
    # a range's lower bound parsed as an amount of its own ("between $7.2 and $7.5 billion")
    # lies inside the next amount, the range
    return _printed_equivalents(sentence, _compounds(sentence, [a for a, b in zip(out, [*out[1:], None])
                                                                if b is None or not (b.start <= a.start and a.end < b.end)]))


#: A number of a list right before the next item ("14,8, 16,8 и 31,5 млрд", "$14.8, $16.8 and
#: $31.5 billion"): a currency sign, the number, and the separator (a comma, «и», "and").
_LIST_NUMBER = re.compile(rf"(?<![\w.,])(?P<cur>\$|US\$)?(?P<num>{NUM})(?:,\s+(?:(?:и|and)\s+)?|\s+(?:и|and)\s+)(?:\$|US\$)?$",
                          re.IGNORECASE)


def _shared_scale(sentence: str, out: list[Amount], start: int, scale: float, currency: str | None,
                  lang: str) -> list[Amount]:
    """The numbers of a list that print the scale word (and currency) once, after the last
    item starting at ``start`` ("экспорт, импорт и оборот — 14,8, 16,8 и 31,5 млрд
    долларов", "$14.8, $16.8 and $31.5 billion"): each takes that scale and currency.  A
    bare number, or a figure with the same currency sign and no scale already in ``out``,
    joined to the next item by a comma, «и» or "and", is an item; a year never is."""
    items: list[Amount] = []
    pos = start
    while (m := _LIST_NUMBER.search(sentence, max(0, pos - 40), pos)) is not None and not _YEAR.fullmatch(m.group("num")):
        prior = out[-1] if out and out[-1].end > m.start() else None
        if prior is not None and not (prior.start == m.start() and not prior.has_scale and prior.currency == currency):
            break
        if prior is None and m.group("cur"):
            break
        if prior is not None:
            out = out[:-1]
        value, step = parse_number(m.group("num"), lang=lang)
        end = m.start("num") + len(m.group("num"))
        items.insert(0, Amount(value * scale, currency, step * scale, m.start(), end, sentence[m.start():end], True))
        pos = m.start()
    return out + items


#: The level a change started from, printed bare before the level it reached, which prints
#: the scale once: «вырос с 14,3 до 41,1 млрд долларов», "rose from $14.3 to $41.1 billion"
#: (a bare «от 7,2 до 7,5 млрд» after a verb stays unread: see ``test_two_levels_are_no_range``).
_LEVEL_FROM = re.compile(rf"(?<![\w])(?:с|со|from)\s+(?P<cur>\$|US\$)?(?P<num>{NUM})\s+(?:до|to)\s+(?:\$|US\$)?$",
                         re.IGNORECASE)
#: A verb of change before «с A до B» / "from A to B" (at most 40 characters before it,
#: «вырос почти втрое – с 14,3 до 41,1 млрд»): without one, "from 5 to 7 billion" is no change.
_CHANGE_VERB = re.compile(r"(?<![\w])(?:вырос\w*|возрос\w*|увелич\w*|сократ\w*|снизи\w*|уменьш\w*|упал\w*|подскоч\w*"
                          r"|нарасти\w*|нарастил\w*|rose|grew|increased|jumped|surged|climbed|expanded|fell|dropped|declined"
                          r"|decreased|shrank|slumped|went\s+(?:up|down))(?![\w])[^.;:!?\n]{0,40}$", re.IGNORECASE)


def _level_from(sentence: str, out: list[Amount], start: int, scale: float, currency: str | None,
                lang: str) -> list[Amount]:
    """The bare starting level of a change printed before the amount at ``start`` («вырос с
    14,3 до 41,1 млрд», "rose from $14.3 to $41.1 billion"): an amount of the same scale and
    currency (a bare figure already read with a currency sign and no scale is replaced); a
    year never is one."""
    m = _LEVEL_FROM.search(sentence, max(0, start - 40), start)
    if m is None or _YEAR.fullmatch(m.group("num")) or not _CHANGE_VERB.search(sentence, max(0, m.start() - 80), m.start()):
        return out
    prior = out[-1] if out and out[-1].end > m.start() else None
    if prior is not None and (prior.has_scale or prior.start < m.start()):
        return out
    value, step = parse_number(m.group("num"), lang=lang)
    end = m.start("num") + len(m.group("num"))
    at = m.start("cur") if m.group("cur") else m.start("num")
    level = Amount(value * scale, currency, step * scale, at, end, sentence[at:end], True)
    return [*(out[:-1] if prior is not None else out), level]


def _compounds(sentence: str, amounts: list[Amount]) -> list[Amount]:
    """Join an amount printed in two scales («43 млрд 800 млн долларов», "1 трлн 200 млрд
    тенге"): a whole number of the larger scale without a currency, then, after a space
    only, less than one unit of it; one amount with the second part's currency and step."""
    out: list[Amount] = []
    for b in amounts:
        a = out[-1] if out else None
        if (a is not None and a.has_scale and b.has_scale and a.currency is None and not sentence[a.end:b.start].strip()
                and 0 < b.value < a.step and a.value % a.step == 0):
            out[-1] = Amount(a.value + b.value, b.currency, b.step, a.start, b.end, sentence[a.start:b.end], True)
        else:
            out.append(b)
    return out


#: A lower bound printed before an amount: "7,2-7,5 млрд", "от 7,2 до 7,5 млрд", "between
#: $7.2 and $7.5 billion", with its own scale and currency too ("between $45 billion and $48
#: billion", «от 45 млрд долларов до 48 млрд») ("from A to B" is left out: "grew from $31bn
#: to $41bn" is two levels).
_RANGE = re.compile(rf"(?:(?P<w>от|between)\s+)?(?:\$|US\$|USD\s*)?(?P<num>{NUM})"
                    rf"(?:\s*(?P<scale>{'|'.join(p for p, _ in SCALES)})(?![\w]))?"
                    rf"(?:\s*(?:{'|'.join(p for p, _ in CURRENCY_AFTER)})(?![\w]))?"
                    r"\s*(?:[-–—]|(?P<to>до|and))\s*(?:\$|US\$|USD\s*)?$", re.IGNORECASE)


#: A verb of change right before «от»: "увеличился от A до B" is from one level to another.
_CHANGED_FROM = re.compile(r"(?:вырос\w*|возрос\w*|увелич\w*|сократ\w*|снизи\w*|уменьш\w*|упал\w*|подскоч\w*)\s+$",
                           re.IGNORECASE)


def _ranged(sentence: str, a: Amount, upper: float, scale: float, lang: str) -> Amount:
    """An amount with the lower bound of a range printed before it stands for the whole
    range: its value is the middle and its step the width (plus one printed unit), so the
    checked interval runs from the lower bound to the upper one."""
    m = _RANGE.search(sentence, max(0, a.start - 40), a.start)
    if m is None or (m.group("to") or "").lower() == "до" and (m.group("w") or "").lower() != "от" \
            or (m.group("to") or "").lower() == "and" and (m.group("w") or "").lower() != "between":
        return a
    if _CHANGED_FROM.search(sentence, max(0, m.start() - 30), m.start()):
        return a  # "вырос от 31 млрд долларов до 41 млрд": two levels, not a range
    low, low_step = parse_number(m.group("num"), lang=lang)
    if m.group("scale"):  # "$45 billion and $48 billion": the bound in the upper one's unit
        low_scale = _classify(number_patterns().scales, m.group("scale"))
        if not a.has_scale or len(m.group("scale")) <= 2:
            return a
        low = low * low_scale / scale
    if not 0.3 * upper <= low < upper or _YEAR.fullmatch(m.group("num")):
        return a
    value, width = (low + upper) / 2 * scale, (upper - low) * scale
    # "$45-47 billion": the dollar sign before the lower bound is the whole range's currency
    currency = a.currency or ("USD" if _DOLLAR_FIRST.match(m.group(0)) else None)
    return Amount(value, currency, width + a.step, m.start(), a.end, sentence[m.start():a.end], a.has_scale)


_DOLLAR_FIRST = re.compile(r"(?:(?:от|between)\s+)?(?:\$|US\$|USD)", re.IGNORECASE)


def _printed_equivalents(sentence: str, amounts: list[Amount]) -> list[Amount]:
    """Drop an amount in another currency followed by its printed US-dollar equivalent
    ("27,3 млрд юаней /3,9 млрд долл./", "19.47 trillion yuan ($2.74 trillion)"): one claim,
    in the printed dollars."""
    eq = number_patterns().equivalent
    out = []
    for k, a in enumerate(amounts):
        nxt = amounts[k + 1] if k + 1 < len(amounts) else None
        if (nxt is not None and a.currency not in (None, "USD") and nxt.currency == "USD"
                and nxt.start - a.end <= 20 and eq.fullmatch(sentence, a.end, nxt.start)):
            continue
        out.append(a)
    return out


#: The lower bound of a range of percentages right before the upper one («8–10%», «от 8 до
#: 10%», "by 5 to 7 percent", "5%-7%"; not "from 5 to 7 percent", a change of a share).
_PCT_RANGE = re.compile(rf"(?:(?<![\w])(?P<w>от|на|by|between)\s+)?(?<![\w.,])(?P<num>{NUM})\s*(?:%|percent|процент\w*)?"
                        r"\s*(?:[-–—]|(?P<to>до|to|and))\s*$", re.IGNORECASE)


#: Words without which no multiplier or fraction can be printed (a cheap test first).
_TIMES_HINT = Folded.compile(r"раз|вдвое|втрое|вчетверо|впятеро|удво|утро|doubl|tripl|quadrupl|halv|fold|times|треть|четверть"
                              r"|пятую|половин|third|quarter|fifth|half")


def find_percents(sentence: str, *, lang: str, low: str | None = None) -> list[Percent]:
    """Every percentage and growth multiplier ("в 2,5 раза", "вдвое", "threefold") in ``sentence``.

    A multiplier *k* is a change of (k - 1) x 100 %; "в 2 раза меньше" is (1/k - 1) x 100 %.
    """
    np_ = number_patterns()
    words = patterns().number_words
    low = fold(sentence) if low is None else low
    out = []
    for m in np_.percent.finditer(sentence, low):
        value, step = parse_number(m.group("num"), lang=lang) if m.group("num") else number_word_value(m.group("word"))
        start = m.start()
        lo = _PCT_RANGE.search(sentence, max(0, start - 25), start)
        if lo is not None and lo.group("to") and not lo.group("w"):
            lo = None  # «вырос с 5 до 7%», "from 5 to 7 percent" of a share: a change, not a range
        if lo is not None and not m.group("pp"):
            # «на 8–10%», "by 5 to 7 percent": one rate, the middle of the range, as wide as it
            low_value, _ = parse_number(lo.group("num"), lang=lang)
            if 0 <= low_value < value:
                value, step, start = (low_value + value) / 2, max(step, (value - low_value) / 2), lo.start()
        out.append(Percent(value, step, start, m.end(), sentence[start:m.end()],
                           form="points" if m.group("pp") else "percent"))
    if not _TIMES_HINT.search(sentence, low):
        return sorted(out, key=lambda p: p.start)
    for m in np_.fraction.finditer(sentence, low):
        name = next(k for k, v in m.groupdict().items() if v)
        value = {"third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "half": 50.0, "half2": 50.0}[name]
        at = m.start(name) if not low.startswith(("на", "by"), m.start()) and name != "half2" else m.start()
        out.append(Percent(value, 5.0, at, m.end(), sentence[at:m.end()], form="fraction"))
    fixed = {"вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5, "doubled": 2, "double": 2,
             "tripled": 3, "triple": 3, "quadrupled": 4, "doubling": 2, "tripling": 3, "quadrupling": 4}
    for m in np_.times.finditer(sentence, low):
        if m.group("n"):
            n = m.group("n")
            k, step = (words[n.lower()], 1.0) if n.lower() in words else parse_number(n, lang=lang)
        elif m.group("nf") or m.group("nt"):
            n = m.group("nf") or m.group("nt")
            k, step = (words[n.lower()], 1.0) if n.lower() in words else parse_number(n, lang=lang)
        else:
            word = (m.group("ru") or m.group("en")).lower()
            k, step = fixed.get(word, 2 if word.startswith(("удво", "halv")) else 3), 1.0
        if k <= 0:
            continue
        falling = bool(m.group("less")) or (m.group("en") or "").lower().startswith("halv")
        change = (1.0 / k - 1.0) * 100.0 if falling else (k - 1.0) * 100.0
        out.append(Percent(change, step * 100.0, m.start(), m.end(), sentence[m.start():m.end()], multiplier=True, falling=falling,
                           form="multiplier"))
    return sorted(out, key=lambda p: p.start)
