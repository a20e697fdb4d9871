"""Extraction: plain text (Russian, English or both) -> quantitative trade claims.

Method (rule-based, offline): the text is cut into paragraphs (lines) and sentences
(``razdel.sentenize``); in each sentence compiled patterns find indicator words, economies
(every grammatical form generated with pymorphy3, see :mod:`corridor.claims.lexicon`),
amounts of money, percentages and multipliers, periods and growth bases.  A sentence is
cut into *segments*, one per indicator mention (the first reaches back to the sentence
start); each amount (or, failing one, each growth rate) in a segment is a claim; a
segment with several amounts gives one claim per amount, each taking the economies and
period printed next to it.  What a claim lacks is taken, in order, from the previous
segment of the sentence, the sentence, and the previous sentences of the paragraph (the
last being flagged in ``Claim.carried``).  Roles of economies follow the preposition
before them: for exports the partner is the one after "в/to", for imports after "из/from",
for trade "с/with/и/and".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from .fx import to_usd
from .lexicon import lookup, patterns
from .model import QUALIFIERS, Claim, Period
from .numbers import Amount, Percent, find_amounts, find_percents
from .periods import PeriodMention, find_bases, find_periods, resolve

UP = (r"вырос\w*|выраст\w*|увелич\w*|прибав\w*|подскоч\w*|прирост\w*|рост\w*|больше|выше|нарастил\w*|нарастить"
      r"|rose|rise[sn]?|rising|grew|grow(?:s|n|th)?|increas\w*|up|jump\w*|surg\w*|climb\w*|gain\w*|more|higher"
      r"|expand\w*|soar\w*|doubl\w*|tripl\w*|boost\w*")
DOWN = (r"снизи\w*|сниж\w*|сократ\w*|сокращ\w*|уменьш\w*|упал\w*|упад\w*|паден\w*|меньше|ниже|спад\w*"
        r"|fell|fall(?:s|en|ing)?|drop\w*|declin\w*|decreas\w*|down|slump\w*|shr[aiu]nk\w*|contract(?:ed|ion)"
        r"|less|lower|plung\w*|slid\w*")

PERIOD_HINT = re.compile(r"\d|год|year|месяц|month|квартал|quarter|полугод|half", re.IGNORECASE)
CONTRAST = re.compile(r",\s+(?:а|но|однако|while|whereas|but)\s+|;\s+", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[,;]|\s[—–-]\s")

ROLE_WORDS = {
    "в": "to", "во": "to", "на": "to", "to": "to", "into": "to", "in": "to",
    "из": "from", "from": "from",
    "с": "with", "со": "with", "with": "with",
    "и": "and", "and": "and", "-": "and",
}
#: Which roles may hold the reporter and the partner, by indicator family.
ROLES = {
    "exports": ({"none", "from"}, {"to", "with", "and"}),
    "imports": ({"none", "to"}, {"from", "with", "and"}),
    "trade": ({"none"}, {"with", "and", "to", "from"}),
    "money": ({"none", "from"}, {"to", "with", "and"}),
}
FAMILY = {
    "exports": "exports", "agri_exports": "exports", "product_exports": "exports",
    "imports": "imports", "product_imports": "imports",
    "turnover": "trade", "balance": "trade", "deal": "money", "investment": "money",
}


@dataclass(frozen=True, slots=True)
class _Rx:
    up_down: re.Pattern[str]
    after: re.Pattern[str]
    role: re.Pattern[str]
    target: re.Pattern[str]
    plan: re.Pattern[str]
    forecast: re.Pattern[str]
    qual_before: tuple[tuple[str, re.Pattern[str]], ...]
    exceeded: re.Pattern[str]
    record: re.Pattern[str]
    negative: re.Pattern[str]
    cyr: re.Pattern[str]
    lat: re.Pattern[str]
    quick: re.Pattern[str]


@cache
def _rx() -> _Rx:
    i = re.IGNORECASE
    return _Rx(
        up_down=re.compile(rf"(?<![\w])(?:(?P<up>{UP})|(?P<down>{DOWN}))(?![\w])", i),
        after=re.compile(r"\s*(?:(?P<up>больше|выше|more|higher)|(?P<down>меньше|ниже|less|lower))(?![\w])", i),
        role=re.compile(
            r"(?:(?<![\w])(?P<w>в|во|на|из|с|со|и|to|into|in|from|with|and)\s+"
            r"(?:(?:экономик\w*|рын\w*|the|сторон\w*|партн[её]р\w*|компани\w*)\s+)?|(?P<h>-))$", i),
        target=re.compile(
            r"(?<![\w])(?:довести|доведени\w*|увеличить|нарастить|удвоить|цел[ьи]|задач\w*|targets?|targeted|goals?"
            r"|aims?|aiming|to\s+(?:raise|expand|increase|boost|double|bring|lift))(?![\w])", i),
        plan=re.compile(r"(?<![\w])(?:планир\w*|намерен\w*|намерева\w*|plans?|planned|planning|intends?|intended"
                        r"|инвестируют|инвестирует|will\s+invest)(?![\w])", i),
        forecast=re.compile(
            r"(?<![\w])(?:прогноз\w*|ожида\w*|по\s+оценкам|может|могут|достигнет|превысит|вырастет|составит"
            r"|увеличится|сократится|снизится|forecasts?|forecasted|expected|expects?|projected|projects?|could"
            r"|(?-i:may)|might|will\s+(?:reach|exceed|grow|rise|top)|is\s+set\s+to)(?![\w])", i),
        qual_before=(
            ("over", re.compile(r"(?<![\w])(?:более(?:\s+чем)?|свыше|больше\s+чем|over|more\s+than|above|in\s+excess\s+of"
                                r"|upwards\s+of)\s+(?:на\s+|в\s+|by\s+|to\s+|до\s+)?$", i)),
            ("under", re.compile(r"(?<![\w])(?:менее|меньше\s+чем|less\s+than|under|below|just\s+under)\s+(?:на\s+|by\s+|до\s+)?$", i)),
            ("nearly", re.compile(r"(?<![\w])(?:почти|nearly|almost|close\s+to)\s+(?:на\s+|в\s+|by\s+|to\s+|до\s+)?$", i)),
            ("about", re.compile(r"(?<![\w])(?:около|порядка|примерно|приблизительно|about|around|approximately|roughly"
                                 r"|some|circa)\s+(?:на\s+|в\s+|by\s+|to\s+|до\s+)?$|~\s*$", i)),
        ),
        exceeded=re.compile(r"(?<![\w])(?:превыс\w*|превыша\w*|exceed\w*|surpass\w*|top|tops|topped|topping)(?![\w])", i),
        record=re.compile(r"(?<![\w])(?:рекорд\w*|record)(?![\w])", i),
        negative=re.compile(r"(?<![\w])(?:дефицит\w*|deficit|отрицательн\w*)(?![\w])", i),
        cyr=re.compile(r"[а-яё]", i),
        lat=re.compile(r"[a-z]", i),
        quick=re.compile(r"\d|%|вдвое|втрое|вчетверо|впятеро|doubl|tripl|fold|" + patterns().number_word_re, i),
    )


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    code: str
    role: str


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    start: int
    lang: str
    economies: tuple[_Mention, ...]
    periods: tuple[PeriodMention, ...]
    bases: tuple[tuple[int, int, str], ...]
    amounts: tuple[Amount, ...]
    growth: tuple[tuple[Percent, float], ...]


def extract(text: str, *, published: dt.date | None = None) -> list[Claim]:
    """Every quantitative trade claim in ``text``, in order of appearance.

    ``published`` resolves relative periods ("в прошлом году", "last year"); without it
    such periods keep ``year=None``.  Offsets in the claims index into ``text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if published is not None and not isinstance(published, dt.date):
        raise TypeError(f"published must be a datetime.date, got {type(published).__name__}")
    out: list[Claim] = []
    for start, end in _paragraphs(text):
        out += _paragraph_claims(text, start, end, published)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (razdel), re-joining splits after abbreviations
    that razdel takes for sentence ends ("млрд долл. США", "т.ч. экспорт")."""
    from razdel import sentenize

    end = len(text) if end is None else end
    spans: list[list[int]] = []
    for s in sentenize(text[start:end]):
        first = s.text[:1]
        if spans and (first.islower() or s.text.startswith(("США", "US ")) or first.isdigit() or first in "%$"):
            spans[-1][1] = start + s.stop
        else:
            spans.append([start + s.start, start + s.stop])
    return [(a, b) for a, b in spans]


def _paragraph_claims(text: str, start: int, end: int, published: dt.date | None) -> list[Claim]:
    out: list[Claim] = []
    last_period: Period | None = None
    last_economies: tuple[str | None, str | None] | None = None
    last_currency: str | None = None
    for s_start, s_end in sentences(text, start, end):
        sentence = text[s_start:s_end]
        found, periods = _sentence_claims(sentence, s_start, published)
        for claim in found:
            carried = []
            if claim.period is None and last_period is not None:
                claim = replace(claim, period=last_period)
                carried.append("period")
            if claim.reporter is None and claim.partner is None and last_economies is not None:
                claim = replace(claim, reporter=last_economies[0], partner=last_economies[1])
                carried.append("economies")
            if claim.amount is not None and claim.currency is None and last_currency is not None:
                claim = _with_currency(replace(claim, currency=last_currency), published)
                carried.append("unit")
            out.append(replace(claim, carried=tuple(sorted(carried))))
        if found:
            claim = out[-1]
            if claim.period is not None:
                last_period = claim.period
            if claim.reporter or claim.partner:
                last_economies = (claim.reporter, claim.partner)
            last_currency = next((c.currency for c in reversed(out[-len(found):]) if c.currency), last_currency)
        elif periods:
            last_period = resolve(periods[-1], published)
    return out


def _analyse(sentence: str, offset: int) -> _Sentence:
    rx = _rx()
    lang = "ru" if len(rx.cyr.findall(sentence)) >= len(rx.lat.findall(sentence)) else "en"
    p = patterns()
    economies = []
    for m in p.economy.finditer(sentence):
        role_m = rx.role.search(sentence[max(0, m.start() - 30):m.start()])
        role = "none"
        if role_m:
            role = ROLE_WORDS["-"] if role_m.group("h") else ROLE_WORDS[role_m.group("w").lower()]
        economies.append(_Mention(m.start(), m.end(), lookup(p.economy_codes, m.group(0)), role))
    bases = find_bases(sentence)
    periods = find_periods(sentence, masked=bases)
    amounts = find_amounts(sentence, lang=lang)
    growth = tuple((pc, _growth_sign(sentence, pc)) for pc in find_percents(sentence, lang=lang))
    growth = tuple((pc, sign) for pc, sign in growth if sign != 0)
    return _Sentence(sentence, offset, lang, tuple(economies), tuple(periods), tuple(bases), tuple(amounts), growth)


def _growth_sign(sentence: str, pc: Percent) -> int:
    """+1 / -1 if the percentage is a change (a rise or a fall), 0 if it is something else
    (a share, a rate).  A comparative right after the number ("на 8% больше") decides
    first, else the nearest verb of change before it in the sentence."""
    rx = _rx()
    if pc.multiplier:
        if pc.falling:
            return -1
    after = rx.after.match(sentence, pc.end)
    if after:
        return 1 if after.group("up") else -1
    last = None
    for m in rx.up_down.finditer(sentence, 0, pc.start):
        last = m
    if last is None:
        return 1 if pc.multiplier else 0
    if pc.multiplier and last.group("down"):
        return -1
    return 1 if last.group("up") else -1


def _segments(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, indicator) per indicator mention; consecutive mentions
    of one indicator merge; the first segment starts at the sentence start."""
    p = patterns()
    found = [(m.start(), m.end(), lookup(p.indicator_codes, m.group(0))) for m in p.indicator.finditer(sentence)]
    merged: list[list] = []
    for s, e, ind in found:
        if merged and merged[-1][2] == ind:
            continue
        if merged and merged[-1][2] == "balance" and ind == "turnover" and s - merged[-1][1] <= 25 \
                and not re.search(r"\d", sentence[merged[-1][1]:s]):
            continue  # "сальдо внешней торговли", "balance of trade": one balance mention
        merged.append([s, e, ind])
    segs = []
    for i, (s, _e, ind) in enumerate(merged):
        seg_start = 0 if i == 0 else s
        seg_end = merged[i + 1][0] if i + 1 < len(merged) else len(sentence)
        segs.append((seg_start, seg_end, ind))
    return segs


def _sentence_claims(sentence: str, offset: int, published: dt.date | None) -> tuple[list[Claim], list[PeriodMention]]:
    rx = _rx()
    segs = _segments(sentence) if rx.quick.search(sentence) else []
    if not segs:  # no claim here, but its period may carry over to the next sentence
        return [], (find_periods(sentence) if PERIOD_HINT.search(sentence) else [])
    info = _analyse(sentence, offset)
    claims: list[Claim] = []
    prev_econ: tuple[str | None, str | None] = (None, None)
    for seg_start, seg_end, indicator in segs:
        amounts = [a for a in info.amounts if seg_start <= a.start < seg_end]
        growth = [g for g in info.growth if seg_start <= g[0].start < seg_end]
        spans = _claim_spans(sentence, seg_start, seg_end, amounts)
        seg_econ = _complete(_roles(indicator, [m for m in info.economies if seg_start <= m.start < seg_end]), prev_econ)
        prev_econ = seg_econ
        for j, (a, b) in enumerate(spans):
            amount = amounts[j] if amounts else None
            if amount is None and not growth:
                continue
            mine = [g for g in growth if a <= g[0].start < b] if len(spans) > 1 else growth
            econ = _roles(indicator, [m for m in info.economies if a <= m.start < b]) if j else seg_econ
            if econ == (None, None):
                econ = seg_econ if j == 0 else (claims[-1].reporter, claims[-1].partner) if claims else seg_econ
            claims.append(_build(info, indicator, (seg_start, seg_end), (a, b), amount, mine[:1], econ, published))
    claims = [c for c in claims if c.amount is not None or c.growth_pct is not None]
    _fill_currency(claims, published)
    return claims, list(info.periods)


def _complete(econ: tuple[str | None, str | None], prev: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """Fill a segment's economies from the previous segment of the same sentence: all of
    them when it names none, the missing one when the named one agrees ("экспорт
    Казахстана в КНР ..., импорт из КНР — ...")."""
    if econ == (None, None):
        return prev
    if econ[0] is None and econ[1] == prev[1] and prev[0] != econ[1]:
        return prev[0], econ[1]
    if econ[1] is None and econ[0] == prev[0] and prev[1] != econ[0]:
        return econ[0], prev[1]
    return econ


def _claim_spans(sentence: str, seg_start: int, seg_end: int, amounts: list[Amount]) -> list[tuple[int, int]]:
    """One span per amount; consecutive amounts are cut at the first clause break between
    them ("$31.5 bn in 2023, | up from $24.1 bn in 2022"), so each keeps its own period."""
    if len(amounts) <= 1:
        return [(seg_start, seg_end)]
    cuts = [seg_start]
    for prev, nxt in zip(amounts, amounts[1:]):
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(sentence, prev.end, nxt.start)]
        cuts.append(breaks[0] if breaks else prev.end)
    cuts.append(seg_end)
    return [(cuts[k], cuts[k + 1]) for k in range(len(amounts))]


def _roles(indicator: str, mentions: list[_Mention]) -> tuple[str | None, str | None]:
    rep_roles, par_roles = ROLES[FAMILY[indicator]]
    reporter = next((m.code for m in mentions if m.role in rep_roles), None)
    partner = next((m.code for m in mentions if m.role in par_roles and m.code != reporter), None)
    if partner is None and reporter is not None:
        partner = next((m.code for m in mentions if m.role == "none" and m.code != reporter), None)
    return reporter, partner


def _build(info: _Sentence, indicator: str, seg: tuple[int, int], span: tuple[int, int],
           amount: Amount | None, growth: list[tuple[Percent, int]], econ: tuple[str | None, str | None],
           published: dt.date | None) -> Claim:
    rx = _rx()
    p = patterns()
    s = info.text
    seg_text = s[seg[0]:seg[1]]
    product = p.product.search(seg_text)
    if indicator in ("exports", "imports") and product:
        indicator = f"product_{indicator}"
        product_key = lookup(p.product_codes, product.group(0))
    else:
        product_key = None
    if indicator == "exports" and p.agri.search(seg_text):
        indicator = "agri_exports"
    periods = [m for m in info.periods if span[0] <= m.start < span[1]] or list(info.periods[:1])
    period = resolve(periods[0], published) if periods else None
    base = next((b[2] for b in info.bases if span[0] <= b[0] < span[1]), info.bases[0][2] if info.bases else None)
    quals = set()
    targets = ([amount] if amount else []) + [g[0] for g in growth]
    for t in targets:
        before = s[max(span[0], t.start - 40):t.start]
        quals.update(name for name, pat in rx.qual_before if pat.search(before))
        if rx.exceeded.search(s[span[0]:t.start]):
            quals.add("over")
    if rx.record.search(s[span[0]:span[1]]):
        quals.add("record")
    clause = _contrast_clause(s, (amount or growth[0][0]).start if (amount or growth) else span[0])
    modality = ("target" if rx.target.search(clause) else "plan" if rx.plan.search(clause)
                else "forecast" if rx.forecast.search(clause) else "fact")
    if indicator == "investment" and modality == "fact" and re.search(r"инвестировать|to\s+invest", clause, re.I):
        modality = "plan"
    kwargs: dict = {}
    if amount is not None:
        value = -amount.value if indicator == "balance" and rx.negative.search(seg_text) else amount.value
        kwargs.update(amount=value, currency=amount.currency, amount_step=amount.step, value_text=amount.text,
                      value_start=info.start + amount.start, value_end=info.start + amount.end)
    if growth:
        pc, sign = growth[0]
        kwargs.update(growth_pct=_signed_growth(pc, sign), growth_step=pc.step, growth_text=pc.text, growth_base=base)
    claim = Claim(
        text=s, start=info.start, end=info.start + len(s), indicator=indicator, reporter=econ[0], partner=econ[1],
        product=product_key, period=period, modality=modality,
        qualifiers=tuple(q for q in QUALIFIERS if q in quals), lang=info.lang, **kwargs,
    )
    return _with_currency(claim, published)


def _contrast_clause(sentence: str, at: int) -> str:
    """The part of ``sentence`` around position ``at`` between contrastive breaks
    (", а", ", но", "; ", ", while", ", but"): "товарооборот превысил $41 млрд, а к 2030
    году мы намерены удвоить его" keeps the fact apart from the plan."""
    cuts = [m.start() for m in CONTRAST.finditer(sentence)]
    start = max((c for c in cuts if c <= at), default=0)
    end = min((c for c in cuts if c > at), default=len(sentence))
    return sentence[start:end]


def _signed_growth(pc: Percent, sign: int) -> float:
    """A percentage with the sign of its verb; a multiplier *k* with a verb of decline
    ("сократился в 2 раза") is a change of (1/k - 1) x 100 %."""
    if not pc.multiplier:
        return sign * abs(pc.value)
    if sign < 0 and not pc.falling:
        return (1.0 / (1.0 + pc.value / 100.0) - 1.0) * 100.0
    return pc.value


def _with_currency(claim: Claim, published: dt.date | None) -> Claim:
    """Set ``value_usd`` (and the rate) from ``amount``, ``currency`` and the period year."""
    if claim.amount is None or claim.currency is None:
        return claim
    year = claim.period.year if claim.period and claim.period.year else (published.year if published else None)
    usd, rate = to_usd(claim.amount, claim.currency, year)
    return replace(claim, value_usd=usd, fx_rate=rate if claim.currency != "USD" else None,
                   converted=usd is not None and claim.currency != "USD")


def _fill_currency(claims: list[Claim], published: dt.date | None) -> None:
    """An amount printed without a currency takes the currency of another amount in the
    same sentence ("экспорт — 7,8, импорт — 13,3 млрд долларов")."""
    known = [c.currency for c in claims if c.currency]
    if not known:
        return
    for k, c in enumerate(claims):
        if c.amount is not None and c.currency is None:
            claims[k] = _with_currency(replace(c, currency=known[0]), published)
