"""Periods as printed: years, the first N months, month ranges, quarters, halves, months,
and relative periods ("в прошлом году", "last year", "в прошлом месяце") resolved against
the publication date.  Growth bases ("по сравнению с аналогичным периодом прошлого
года", "year on year") are recognised first so that "прошлого года" in a base is not
taken for the claim's period.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from .folded import Folded, fold
from .lexicon import patterns
from .model import Period

YEAR = r"(?P<y>(?:19[89]|20[0-4])\d)(?!\d)(?:\s*(?:год\w*|г\.?)(?![\w]))?"
REL_YEAR = (
    r"(?P<rel>прошл\w+\s+год\w*|минувш\w+\s+год\w*|прошедш\w+\s+год\w*|последн\w+\s+год\w*"
    r"|текущ\w+\s+год\w*|эт\w+\s+год\w*|нынешн\w+\s+год\w*|следующ\w+\s+год\w*"
    r"|конц\w*\s+(?:текущего\s+|этого\s+)?год\w*|by\s+(?:the\s+)?end\s+of\s+(?:the|this)\s+year|by\s+year[-\s]end"
    r"|last\s+year|the\s+past\s+year|this\s+year|next\s+year|the\s+current\s+year|current\s+year)"
)
ANY_YEAR = rf"(?:{YEAR}|{REL_YEAR})"
SINCE = re.compile(r"(?<![\w])(?:с|со|since|начиная\s+с)\s+$", re.IGNORECASE)
ORDINALS = {
    "перв": 1, "втор": 2, "трет": 3, "четв": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4,
    "1": 1, "2": 2, "3": 3, "4": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

BASES = (
    (r"(?:по\s+сравнению\s+с\s+|относительно\s+|против\s+)?(?:за\s+|с\s+|в\s+)?(?:аналогичн\w+|т(?:от|ого|ом|ем)\s+же)\s+период\w*\s+(?:прошл\w+|предыдущ\w+)\s+год\w*"
     r"|(?:the\s+)?(?:same|corresponding)\s+period\s+(?:of\s+|in\s+)?(?:last|the\s+previous|previous)\s+year"
     # "compared with the same period of 2023", «по сравнению с аналогичным периодом 2023 года»
     r"|(?:по\s+сравнению\s+с|относительно|против)\s+(?:аналогичн\w+|т(?:ем|ого|ом)\s+же)\s+период\w*\s+(?:19|20)\d\d"
     r"(?:\s*(?:год\w*|г\.))?"
     r"|(?:compared\s+(?:with|to)|from|against|versus|vs\.?|over|on)\s+(?:the\s+)?(?:same|corresponding)\s+period"
     r"\s+(?:of|in)\s+(?:19|20)\d\d"
     # «на 2,1% больше, чем за январь–март 2024 года», "higher than in the first quarter of 2024":
     # the months compared with, not the claim's period
     r"|(?:выше|ниже|больше|меньше|higher|lower|more|less)(?:\s*,)?\s+(?:чем|than)\s+(?:за|в|во|in|during|for)\s+"
     r"(?:the\s+)?(?:[а-яёa-z]+(?:\s*[–—-]\s*|\s+)){1,3}?(?:19|20)\d\d(?:\s*(?:год\w*|г\.))?", "same_period_last_year"),
    (r"в\s+годовом\s+(?:выражении|исчислении)|год\s+к\s+году|годом\s+(?:ранее|раньше)|по\s+сравнению\s+с\s+(?:прошлым|предыдущим)\s+годом"
     r"|year[\s-]on[\s-]year|year[\s-]over[\s-]year|y/y|yoy|(?:from|than)\s+a\s+year\s+(?:earlier|ago)"
     r"|(?:on|over|from)\s+the\s+previous\s+year|(?:from\s+)?(?:a|one)\s+year\s+(?:earlier|ago|before)"
     r"|(?:(?:in|during)\s+)?the\s+(?:(?:previous|prior|preceding)\s+year|year\s+(?:before|earlier))"
     r"|(?:по\s+сравнению\s+с|по\s+отношению\s+к|относительно|против|уров(?:ен|н)\w+|compared\s+(?:with|to)|from|against"
     r"|than\s+in|over|on|versus|vs\.?)"
     r"\s+(?:the\s+)?(?:19|20)\d\d(?:\s*(?:год\w*|г\.))?(?:\s+(?:level|figure)s?)?"
     # "выше показателя 2023 года", "больше, чем в 2023 году", "above the 2023 level"
     r"|(?:выше|ниже|больше|меньше|превыси\w*|превыша\w*|above|below|exceed\w*)(?:\s*,)?\s+(?:чем\s+)?(?:в\s+|the\s+)?"
     r"(?:(?:показател\w*|уров(?:ен|н)\w*|объ[её]м\w*|значени\w*|итог\w*|результат\w*)\s+(?:за\s+)?)?(?:19|20)\d\d"
     # "below the 2013 peak of $28.6 billion", "below 2013's record": the year is that of
     # the figure's own noun phrase (the claim's period), not a base of comparison
     r"(?!\d|['’]s\s|\s+(?:peak|record|high|low|level|figure|total|result)s?\s+(?:of|at)\s)"
     r"(?:\s*(?:год\w*|г\.))?(?:\s+(?:level|figure)s?)?"
     r"|the\s+(?:19|20)\d\d\s+(?:level|figure)s?"
     # "рост на 32% к 2022 году", "в 1,5 раза к 2022 году": after a rate, «к» is a base, not "by"
     r"|(?:(?<=%)|(?<=раза))\s*к\s+(?:19|20)\d\d(?:\s*(?:год\w*|г\.))?", "yoy"),
)


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period printed in a sentence: months ``first``..``last`` of an absolute ``year``
    or of a year ``offset`` from the publication year (``rel_text`` set)."""

    start: int
    end: int
    text: str
    first: int
    last: int
    year: int | None
    offset: int | None = None
    month_offset: int | None = None
    #: "с начала года", "since the beginning of the year": months 1..(publication month - 1).
    to_date: bool = False
    #: several years ("between 2020 and 2023", "в 2020-2023 годах"): no one year to check against.
    span: bool = False
    #: "the same period of 2023", «в прошлом году за аналогичный период»: the months of the
    #: period named before, in this mention's year.
    same: bool = False
    #: «годом позже», "a year later": the year after the period named before (its months).
    shift: int = 0


@dataclass(frozen=True, slots=True)
class PeriodPatterns:
    rules: tuple[tuple[str, Folded, Folded], ...]
    bases: tuple[tuple[Folded, str], ...]
    base_hint: Folded


#: The number of years of a shift ("two years later", «тремя годами ранее»), by the word's first three letters.
_SHIFT_N = r"[2-9]|два|две|двух|двумя|три|тр[её]х|тремя|четыре|четырьмя|пять|пятью|two|three|four|five"
_SHIFT_YEARS = {"два": 2, "две": 2, "дву": 2, "три": 3, "тре": 3, "трё": 3, "чет": 4, "пят": 5,
                "two": 2, "thr": 3, "fou": 4, "fiv": 5}


#: A cheap test per rule: the rule cannot match a sentence without it (the rules' month
#: and number-word alternations are costly to try at every position).
_MONTH_STEMS = r"январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_ONE = lambda rx: (rx,) * 4  # noqa: E731
HINTS = {
    "months": _ONE(r"месяц|month"),
    "range": (rf"(?:{_MONTH_STEMS})\w*\.?\s*[-–—]", rf"(?:from|с)\s+(?:{_MONTH_STEMS})"),
    "to_date": _ONE(r"начала|beginning|start|date|so\s+far"),
    "quarter": _ONE(r"квартал|quarter|q[1-4]|[1-4]q"), "quarters": _ONE(r"квартал|quarters"), "half": _ONE(r"полугод|половин|half|h[12]"),
    "month": (rf"(?:{_MONTH_STEMS})\w*\.?\s+(?:\d|прошл|текущ|этого|нынешн|last|this|next|следующ)",
              rf"(?:\bin|\bв)\s+(?:{_MONTH_STEMS})"),
    "rel_month": _ONE(r"месяц|month"), "year": _ONE(r"\d|год|year"),
    "years": _ONE(r"\d\d\s*(?:[-–—]|год\w*\s+(?:по|до)|\s(?:and|to|through|по|до)\s)"),
    "same": _ONE(r"период|period"),
    "shift": (r"позже|позднее|через\s+год|спустя|later|following",
              r"позже|позднее|ранее|раньше|через|спустя|later|earlier|before"),
}


def _numbered(rules):
    """(k, rule): k counts the rules of the same name (their hints are in that order)."""
    seen: dict[str, int] = {}
    for name, rx in rules:
        k = seen.get(name, 0)
        seen[name] = k + 1
        yield k, (name, rx)
BASE_HINT = (r"сравнени|аналогичн| же\s+период|относительно|против|годом|году|выражени|исчислени|уровн|уровен|year|y/y|yoy|previous"
             r"|from|against|than|over|earlier|ago|before|level|figure|\bon\s|versus|vs|выше|ниже|больше|меньше|превы"
             r"|above|below|exceed|compared")


@cache
def period_patterns() -> PeriodPatterns:
    """Compile the period patterns once; longer forms are tried before shorter ones."""
    p = patterns()
    month, words = p.month_re, p.number_word_re
    flags = re.IGNORECASE
    rules = (
        # "between 2020 and 2023", "с 2020 по 2023 год", "в 2020-2023 годах": several years, no one year
        ("years", r"(?:between|from|с)\s+(?P<y1>(?:19|20)\d\d)(?:\s*год\w*)?\s+(?:and|to|through|по|до)\s+"
                  r"(?P<y2>(?:19|20)\d\d)(?!\d)(?:\s*(?:год\w*|гг\.?))?"
                  r"|(?P<y3>(?:19|20)\d\d)\s*[-–—]\s*(?P<y4>(?:19|20)?\d\d)(?!\d)(?:\s*(?:год\w*|гг\.?))?"),
        ("months", rf"(?:первые\s+)?(?P<n>\d{{1,2}}|{words})\s+(?:месяц\w*|months?)(?:\s+(?:of\s+)?{ANY_YEAR})?"),
        ("range", rf"(?P<m1>{month})\s*[-–—]\s*(?P<m2>{month})(?:\s+(?:of\s+)?{ANY_YEAR})?"),
        ("range", rf"(?:from|с)\s+(?P<m1>{month})\s+(?:to|through|till|until|по|до)\s+(?P<m2>{month})"
                  rf"(?:,?\s+(?:of\s+)?{ANY_YEAR})?"),
        # «с начала 2024 года», "since the start of 2024": to date in that year (not the whole year)
        ("to_date", rf"(?:с\s+начала|since\s+the\s+(?:beginning|start)\s+of)\s+{YEAR}"),
        ("to_date", r"с\s+начала\s+(?:текущего\s+|этого\s+)?года|since\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year"
                    r"|year[-\s]to[-\s]date|so\s+far\s+this\s+year"),
        # «за (первые) три квартала 2024 года», "the first three quarters of 2024": months 1..3n
        # (in English only after "first": "three quarters of exports" is a share)
        ("quarters", rf"(?:перв\w+\s+)?(?P<nq>два|двух|три|тр[её]х|2|3)(?:-?х)?\s+квартал(?:а|ов|ах)"
                     rf"(?:\s+{ANY_YEAR})?"),
        ("quarters", rf"first\s+(?P<nqe>two|three|2|3)\s+quarters(?:\s+of\s+{ANY_YEAR})?"),
        ("quarter", rf"(?P<q>перв\w*|втор\w*|трет\w*|четв[её]рт\w*|IV|I{{1,3}}|[1-4])(?:-?м)?\s+квартал\w*(?:\s+{ANY_YEAR})?"),
        ("quarter", rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+{ANY_YEAR})?"),
        ("quarter", rf"\bQ(?P<q>[1-4])(?:\s+{ANY_YEAR})?"),
        ("quarter", rf"\b(?P<q>[1-4])Q(?:\s+{ANY_YEAR})?"),
        ("half", rf"(?P<h>перв\w*|втор\w*)?\s*(?:полугоди\w*|половин\w+\s+год\w*)(?:\s+{ANY_YEAR})?"),
        ("half", rf"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+{ANY_YEAR})?"),
        ("half", rf"\bH(?P<h>[12])\s+{ANY_YEAR}"),
        # "in the same period of 2023", «за аналогичный период 2023 года»: the months named before
        ("same", rf"(?:(?:за|в)\s+)?(?:аналогичн\w+|т(?:от|ом|ого)\s+же)\s+период\w*(?:\s+{ANY_YEAR})?"),
        ("same", rf"(?:(?:in|during|for|over)\s+)?(?:the\s+)?(?:same|corresponding|comparable)\s+period"
                 rf"(?:\s+(?:of|in)\s+{ANY_YEAR})?"),
        ("shift", r"годом\s+(?:позже|позднее)|через\s+год|спустя\s+год|год\s+спустя|(?:a|one)\s+year\s+later"
                  r"|the\s+following\s+year"),
        # «двумя годами позже», «три года спустя», «через пять лет», "two years later", "three years earlier"
        ("shift", rf"(?:(?:через|спустя)\s+(?P<sn1>{_SHIFT_N})\s+(?:года|лет)"
                  rf"|(?P<sn2>{_SHIFT_N})\s+(?:года|годами|лет|years)\s+(?P<sd>спустя|позже|позднее|ранее|раньше|later|earlier|before))"),
        ("month", rf"(?P<m>{month})\s+{ANY_YEAR}"),
        ("month", rf"(?<=\bin\s)(?P<m>{month})\b|(?<=\bв\s)(?P<mru>{month})\b"),
        ("rel_month", r"(?:в\s+)?прошл\w+\s+месяц\w*|last\s+month|в\s+текущем\s+месяце|this\s+month"),
        ("year", ANY_YEAR),
    )
    return PeriodPatterns(
        rules=tuple((name, Folded.compile(rf"(?<![\w]){rx}", flags), Folded.compile(HINTS[name][k], flags))
                    for k, (name, rx) in _numbered(rules)),
        bases=tuple((Folded.compile(rx, flags), name) for rx, name in BASES),
        base_hint=Folded.compile(BASE_HINT, flags),
    )


def _year_of(m: re.Match[str]) -> tuple[int | None, int | None]:
    """(absolute year, relative offset) of a match with the ANY_YEAR groups."""
    if m.groupdict().get("y"):
        return int(m.group("y")), None
    rel = (m.groupdict().get("rel") or "").lower()
    if not rel:
        return None, None
    if rel.startswith(("прошл", "last", "минувш", "прошедш", "последн", "the past")):
        return None, -1
    if rel.startswith(("следующ", "next")):
        return None, 1
    return None, 0


def _mention(name: str, m: re.Match[str], sentence: str) -> PeriodMention | None:
    """The period of match ``m`` of rule ``name`` (groups may be lower-cased: the printed
    text is taken from ``sentence``)."""
    g = m.groupdict()
    printed = sentence[m.start():m.end()]
    words = patterns().number_words
    months = patterns().month_codes
    year, offset = _year_of(m) if name != "rel_month" else (None, None)
    if name == "years":
        return PeriodMention(m.start(), m.end(), printed, 1, 12, None, span=True)
    if name == "months":
        n = g["n"]
        count = int(n) if n.isdigit() else words.get(n.lower())
        if count is None or not 1 <= count <= 12 or count != int(count):
            return None
        first, last = 1, int(count)
    elif name == "range":
        first, last = months[g["m1"].lower()], months[g["m2"].lower()]
        if last < first:
            return None
    elif name == "quarters":
        n = (g.get("nq") or g.get("nqe") or "").lower()
        first, last = 1, 6 if n.startswith(("дв", "two", "2")) else 9
    elif name == "quarter":
        q = (g.get("q") or "").lower().replace("ё", "е")
        n = ORDINALS.get(q) or ORDINALS.get(q[:4])
        if n is None:
            return None
        first, last = 3 * n - 2, 3 * n
    elif name == "half":
        h = (g.get("h") or "перв").lower()
        first, last = (7, 12) if h.startswith(("втор", "second", "2")) else (1, 6)
    elif name == "month":
        first = last = months[(g.get("m") or g.get("mru")).lower()]
    elif name == "shift":
        n = (g.get("sn1") or g.get("sn2") or "").lower()
        back = (g.get("sd") or "").lower().startswith(("ран", "earl", "bef"))
        years = _SHIFT_YEARS.get(n[:3], int(n) if n.isdigit() else 1)
        return PeriodMention(m.start(), m.end(), printed, 1, 12, None, shift=-years if back else years)
    elif name == "same":
        return PeriodMention(m.start(), m.end(), printed, 1, 12, year, offset, same=True)
    elif name == "to_date":
        return PeriodMention(m.start(), m.end(), printed, 1, 0, year, None if year else 0, to_date=True)
    elif name == "rel_month":
        text = printed.lower()
        return PeriodMention(m.start(), m.end(), printed, 0, 0, None, 0,
                             month_offset=-1 if ("прошл" in text or "last" in text) else 0)
    else:
        if year is None and offset is None:
            return None
        first, last = 1, 12
    return PeriodMention(m.start(), m.end(), printed, first, last, year, offset)


def find_bases(sentence: str, low: str | None = None) -> list[tuple[int, int, str]]:
    """Spans of growth-base phrases and their kind (``yoy`` or ``same_period_last_year``);
    ``low`` is the folded sentence (:func:`corridor.claims.folded.fold`) if at hand."""
    pp = period_patterns()
    low = fold(sentence) if low is None else low
    if not pp.base_hint.search(sentence, low):
        return []
    out = []
    for pat, name in pp.bases:
        out += [(m.start(), m.end(), name) for m in pat.finditer(sentence, low)]
    return sorted(out)


def find_periods(sentence: str, *, masked: list[tuple[int, int, str]] | None = None,
                 low: str | None = None) -> list[PeriodMention]:
    """Period mentions in ``sentence`` not overlapping a base phrase; overlapping
    candidates resolve to the earliest, then the longest."""
    low = fold(sentence) if low is None else low
    masked = masked if masked is not None else find_bases(sentence, low)
    cands = []
    ends = [e for _, e, _ in masked]
    hinted: dict[str, bool] = {}  # rules of one kind share a hint: test it once
    for name, pat, hint in period_patterns().rules:
        ok = hinted.get(hint.pattern)
        if ok is None:
            ok = hinted[hint.pattern] = hint.search(sentence, low) is not None
        if not ok:
            continue
        for m in pat.finditer(sentence, low):
            k = bisect_right(ends, m.start())  # the first base ending after the match starts
            if k < len(masked) and masked[k][0] < m.end():
                continue
            if name == "year" and SINCE.search(sentence, max(0, m.start() - 20), m.start()):
                continue  # "с 2005 года", "since 2005": a cumulative total, not a period
            mention = _mention(name, m, sentence)
            if mention is not None and mention.end > mention.start:
                cands.append(mention)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[PeriodMention] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return _join_same(sentence, out) if any(c.same for c in out) else out


_BETWEEN = re.compile(r"[\s,]*")


def _join_same(sentence: str, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """A "same period" mention without a year takes the year printed right beside it («в
    прошлом году за аналогичный период»: the previous year's same months); without one it
    is no period of its own (the figure keeps the period of the text around it)."""
    out: list[PeriodMention] = []
    k = 0
    while k < len(mentions):
        c = mentions[k]
        if c.same and c.year is None and c.offset is None:
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            prev = out[-1] if out else None
            for other, a, b in ((prev, prev.end if prev else 0, c.start), (nxt, c.end, nxt.start if nxt else 0)):
                if other is not None and other.first == 1 and other.last == 12 and not (other.same or other.span
                        or other.to_date or other.month_offset is not None) and _BETWEEN.fullmatch(sentence, a, b):
                    joined = PeriodMention(min(c.start, other.start), max(c.end, other.end),
                                           sentence[min(c.start, other.start):max(c.end, other.end)], 1, 12,
                                           other.year, other.offset, same=True)
                    if other is prev:
                        out[-1] = joined
                    else:
                        out.append(joined)
                        k += 1
                    break
        else:
            out.append(c)
        k += 1
    return out


def resolve(mention: PeriodMention, published: dt.date | None, *, context_year: int | None = None,
            coming: bool = False) -> Period:
    """A :class:`Period` from a mention; relative years and months use ``published``.

    Months, quarters or halves printed without a year ("за 10 месяцев", "в первом
    квартале") take ``context_year`` (the year of the text around them), else the latest
    year in which they are over by ``published`` — or, for a forecast, target or plan
    (``coming``: "во втором квартале … превысит" published in April), the first year in
    which they are not yet over; "с начала года" is months 1 to the month before
    ``published``."""
    if mention.span:
        return Period(None, 1, 12, mention.text)
    if mention.to_date and mention.year is not None:
        # «с начала 2024 года»: months 1 to the month before ``published`` in that year; in
        # another year (or in January) where it ends is not printed
        if published is not None and published.year == mention.year and published.month > 1:
            return Period(mention.year, 1, published.month - 1, mention.text, relative=True)
        return Period(None, 1, 12, mention.text, relative=True)
    if mention.to_date:
        if published is None:
            return Period(None, 1, 12, mention.text, relative=True)
        if published.month == 1:
            return Period(published.year - 1, 1, 12, mention.text, relative=True)
        return Period(published.year, 1, published.month - 1, mention.text, relative=True)
    if mention.year is None and mention.offset is None and mention.month_offset is None:
        if context_year is not None:
            return Period(context_year, mention.first, mention.last, mention.text)
        if published is not None:
            if coming:
                year = published.year if mention.last >= published.month else published.year + 1
            else:
                year = published.year if mention.last < published.month else published.year - 1
            return Period(year, mention.first, mention.last, mention.text, relative=True)
        return Period(None, mention.first, mention.last, mention.text)
    if mention.month_offset is not None:
        if published is None:
            return Period(None, 1, 12, mention.text, relative=True)
        index = published.year * 12 + published.month - 1 + mention.month_offset
        month = index % 12 + 1
        return Period(index // 12, month, month, mention.text, relative=True)
    if mention.offset is not None:
        year = published.year + mention.offset if published is not None else None
        return Period(year, mention.first, mention.last, mention.text, relative=True)
    return Period(mention.year, mention.first, mention.last, mention.text)
