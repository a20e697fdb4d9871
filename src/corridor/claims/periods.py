"""Periods as printed: years, the first N months, month ranges, quarters, halves, months,
and relative periods ("в прошлом году", "last year", "в прошлом месяце") resolved against
the publication date.  Growth bases ("по сравнению с аналогичным периодом прошлого
года", "year on year") are recognised first so that "прошлого года" in a base is not
taken for the claim's period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import patterns
from .model import Period

YEAR = r"(?P<y>(?:19[89]|20[0-4])\d)(?!\d)(?:\s*(?:год\w*|г\.?)(?![\w]))?"
REL_YEAR = (
    r"(?P<rel>прошл\w+\s+год\w*|текущ\w+\s+год\w*|эт\w+\s+год\w*|нынешн\w+\s+год\w*|следующ\w+\s+год\w*"
    r"|last\s+year|this\s+year|next\s+year|the\s+current\s+year|current\s+year)"
)
ANY_YEAR = rf"(?:{YEAR}|{REL_YEAR})"
SINCE = re.compile(r"(?<![\w])(?:с|со|since|начиная\s+с)\s+$", re.IGNORECASE)
ORDINALS = {
    "перв": 1, "втор": 2, "трет": 3, "четв": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4,
    "1": 1, "2": 2, "3": 3, "4": 4, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

BASES = (
    (r"(?:по\s+сравнению\s+с\s+|относительно\s+|против\s+)?(?:за\s+|с\s+)?аналогичн\w+\s+период\w*\s+(?:прошл\w+|предыдущ\w+)\s+год\w*"
     r"|(?:the\s+)?(?:same|corresponding)\s+period\s+(?:of\s+|in\s+)?(?:last|the\s+previous|previous)\s+year", "same_period_last_year"),
    (r"в\s+годовом\s+(?:выражении|исчислении)|год\s+к\s+году|годом\s+ранее|по\s+сравнению\s+с\s+(?:прошлым|предыдущим)\s+годом"
     r"|year[\s-]on[\s-]year|year[\s-]over[\s-]year|y/y|yoy|(?:from|than)\s+a\s+year\s+(?:earlier|ago)"
     r"|(?:on|over|from)\s+the\s+previous\s+year", "yoy"),
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


@dataclass(frozen=True, slots=True)
class PeriodPatterns:
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    bases: tuple[tuple[re.Pattern[str], str], ...]


@cache
def period_patterns() -> PeriodPatterns:
    """Compile the period patterns once; longer forms are tried before shorter ones."""
    p = patterns()
    month, words = p.month_re, p.number_word_re
    flags = re.IGNORECASE
    rules = (
        ("months", rf"(?:первые\s+)?(?P<n>\d{{1,2}}|{words})\s+(?:месяц\w*|months?)(?:\s+(?:of\s+)?{ANY_YEAR})?"),
        ("range", rf"(?P<m1>{month})\s*[-–—]\s*(?P<m2>{month})(?:\s+(?:of\s+)?{ANY_YEAR})?"),
        ("quarter", rf"(?P<q>перв\w*|втор\w*|трет\w*|четв[её]рт\w*|IV|I{{1,3}}|[1-4])(?:-?м)?\s+квартал\w*(?:\s+{ANY_YEAR})?"),
        ("quarter", rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+{ANY_YEAR})?"),
        ("quarter", rf"\bQ(?P<q>[1-4])(?:\s+{ANY_YEAR})?"),
        ("quarter", rf"\b(?P<q>[1-4])Q(?:\s+{ANY_YEAR})?"),
        ("half", rf"(?P<h>перв\w*|втор\w*)?\s*(?:полугоди\w*|половин\w+\s+год\w*)(?:\s+{ANY_YEAR})?"),
        ("half", rf"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+{ANY_YEAR})?"),
        ("half", rf"\bH(?P<h>[12])\s+{ANY_YEAR}"),
        ("month", rf"(?P<m>{month})\s+{ANY_YEAR}"),
        ("month", rf"(?<=\bin\s)(?P<m>{month})\b|(?<=\bв\s)(?P<mru>{month})\b"),
        ("rel_month", r"(?:в\s+)?прошл\w+\s+месяц\w*|last\s+month|в\s+текущем\s+месяце|this\s+month"),
        ("year", ANY_YEAR),
    )
    return PeriodPatterns(
        rules=tuple((name, re.compile(rf"(?<![\w]){rx}", flags)) for name, rx in rules),
        bases=tuple((re.compile(rx, flags), name) for rx, name in BASES),
    )


def _year_of(m: re.Match[str]) -> tuple[int | None, int | None]:
    """(absolute year, relative offset) of a match with the ANY_YEAR groups."""
    if m.groupdict().get("y"):
        return int(m.group("y")), None
    rel = (m.groupdict().get("rel") or "").lower()
    if not rel:
        return None, None
    if rel.startswith(("прошл", "last")):
        return None, -1
    if rel.startswith(("следующ", "next")):
        return None, 1
    return None, 0


def _mention(name: str, m: re.Match[str]) -> PeriodMention | None:
    g = m.groupdict()
    words = patterns().number_words
    months = patterns().month_codes
    year, offset = _year_of(m) if name != "rel_month" else (None, None)
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
    elif name == "rel_month":
        text = m.group(0).lower()
        return PeriodMention(m.start(), m.end(), m.group(0), 0, 0, None, 0,
                             month_offset=-1 if ("прошл" in text or "last" in text) else 0)
    else:
        if year is None and offset is None:
            return None
        first, last = 1, 12
    return PeriodMention(m.start(), m.end(), m.group(0), first, last, year, offset)


def find_bases(sentence: str) -> list[tuple[int, int, str]]:
    """Spans of growth-base phrases and their kind (``yoy`` or ``same_period_last_year``)."""
    out = []
    for pat, name in period_patterns().bases:
        out += [(m.start(), m.end(), name) for m in pat.finditer(sentence)]
    return sorted(out)


def find_periods(sentence: str, *, masked: list[tuple[int, int, str]] | None = None) -> list[PeriodMention]:
    """Period mentions in ``sentence`` not overlapping a base phrase; overlapping
    candidates resolve to the earliest, then the longest."""
    masked = masked if masked is not None else find_bases(sentence)
    cands = []
    for name, pat in period_patterns().rules:
        for m in pat.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e, _ in masked):
                continue
            if name == "year" and SINCE.search(sentence, 0, m.start()):
                continue  # "с 2005 года", "since 2005": a cumulative total, not a period
            mention = _mention(name, m)
            if mention is not None and mention.end > mention.start:
                cands.append(mention)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[PeriodMention] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def resolve(mention: PeriodMention, published: dt.date | None) -> Period:
    """A :class:`Period` from a mention; relative years and months use ``published``."""
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
