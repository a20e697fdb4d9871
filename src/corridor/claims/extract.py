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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

from .folded import Folded, fold
from .fx import to_usd
from .lexicon import (CAPITAL_STANDINS, GROUPS, INSTITUTION_AFTER, INSTITUTION_BEFORE, INSTITUTION_FILLER, OUR_COUNTRY,
                      PARTS, TOTAL_NOUNS_RU, TOTAL_WORDS_EN, lookup, patterns)
from .model import QUALIFIERS, Claim, Period
from .numbers import Amount, Percent, find_amounts, find_percents, quantity_at, spoken_over
from .periods import PeriodMention, find_bases, find_periods, resolve
from .products import BY_KEY, PRODUCTS

UP = (r"превысил\w*|превысила|превысило|вырос\w*|выраст\w*|возрос\w*|возраст\w*|увелич\w*|прибав\w*|нараст\w*|удвои\w*|подскоч\w*|прирост\w*|рост\w*|больше|выше|нарастил\w*|нарастить|вверх|плюс"
      r"|rose|rise[sn]?|rising|grew|grow(?:s|n|th)?|increas\w*|up|jump\w*|surg\w*|climb\w*|gain\w*|more|higher"
      r"|expand\w*|soar\w*|doubl\w*|tripl\w*|boost\w*")
DOWN = (r"снизи\w*|сниж\w*|сократ\w*|сокращ\w*|уменьш\w*|упал\w*|упад\w*|паден\w*|меньше|ниже|спад\w*|вниз|минус"
        r"|рухнул\w*|рухн[уе]\w*|обвал\w*|просел\w*|просе[дл]\w*|обрушил\w*"  # a collapse: "рухнул втрое" is a fall
        r"|collaps\w*|crash\w*|plummet\w*"
        r"|fell|fall(?:s|en|ing)?|drop\w*|declin\w*|decreas\w*|down|slump\w*|shr[aiu]nk\w*|contract(?:ed|ion)"
        r"|less|lower|plung\w*|slid\w*|slipp\w*|slip|slips|sank|sink\w*|tumbl\w*|halv\w*")

PERIOD_HINT = re.compile(r"\d|год|year|месяц|month|квартал|quarter|полугод|half", re.IGNORECASE)
CONTRAST = re.compile(r",\s+(?:а|но|однако|тогда\s+как|в\s+то\s+время\s+как|хотя|while|whereas|but|though|although"
                      r"|even\s+though|yet)\s+|;\s+"
                      # "…довести до 50 млрд к 2030 году, сейчас он составляет 44 млрд": the present is a fact
                      r"|,\s+(?=(?:а\s+|and\s+)?(?:сейчас|сегодня|ныне|в\s+настоящее\s+время|на\s+сегодня\w*|на\s+данный\s+момент"
                      r"|today|now|currently|at\s+present)\s)"
                      # "…to $80 billion by 2030, up from $41 billion last year", «…до 80 млрд к 2030 году,
                      # по сравнению с 41 млрд в прошлом году»: the level started from is a fact
                      r"|,\s+(?=(?:up|down)\s+from\s|по\s+сравнению\s+с\s)"
                      # "…we passed $41 billion, and I am confident we will reach $50 billion": a new
                      # clause with a speaker's own subject carries its own modality
                      r"|,\s+(?:and|и)\s+(?=(?:I|we|я|мы)\s)"
                      # "…reached $41 billion last year, and officials want it to hit $50 billion":
                      # a new subject of its own (officials, the sides) carries its own modality
                      r"|,\s+(?:and|и)\s+(?=(?:officials|the\s+authorities|authorities|the\s+government|the\s+(?:two\s+)?sides"
                      r"|both\s+sides|the\s+leaders|leaders|власти|стороны|правительство|руководство|лидеры|чиновники)\s)",
                      re.IGNORECASE)
#: An indicator word followed by these is not about trade ("поставил задачу": set a task).
NOT_INDICATOR = re.compile(r"\s+(?:задач\w*|цел[ьи]\b|вопрос\w*)", re.IGNORECASE)
#: A comma between digits is a decimal comma ("2,3 п.п."), not a clause break.
CLAUSE_BREAK = re.compile(r",(?!\d)|(?<!\d),|;|\s[—–-]\s")

ROLE_WORDS = {
    "в": "to", "во": "to", "на": "to", "to": "to", "into": "to", "in": "to",
    "из": "from", "from": "from",
    "с": "with", "со": "with", "with": "with",
    "и": "and", "and": "and", "-": "and", "у": "from",
}
#: Which roles may hold the reporter and the partner, by indicator family.
#: ``origin``: an economy's adjective before goods («импорт китайских товаров», "imports of
#: Chinese goods", «экспорт казахстанской продукции»): the partner of imports, the reporter
#: of exports.
#: ``owner``: «у» before an economy («дефицит в торговле с Китаем у Казахстана»): whose trade
#: it is, except for imports, where «закупил у Казахстана» is where from.
ROLES = {
    "exports": ({"none", "from", "origin", "owner"}, {"to", "with", "and"}),
    "imports": ({"none", "to"}, {"from", "with", "and", "origin", "owner"}),
    "trade": ({"none", "origin", "owner"}, {"with", "and", "to", "from"}),
    "money": ({"none", "from", "origin", "owner"}, {"to", "with", "and"}),
}
_GOODS_AFTER = re.compile(r"\s+(?:товар\w*|продукци\w*|продукт\w*|goods|products|produce)(?![\w])", re.IGNORECASE)
FAMILY = {
    "exports": "exports", "agri_exports": "exports", "product_exports": "exports",
    "imports": "imports", "product_imports": "imports",
    "turnover": "trade", "balance": "trade", "agri_trade": "trade", "agri_imports": "imports",
    "deal": "money", "investment": "money",
}
#: Codes of groups of economies (a scope, not a partner): see :data:`corridor.claims.lexicon.GROUPS`.
GROUP_CODES = tuple(code for code, _ru, _en in GROUPS)


@dataclass(frozen=True, slots=True)
class _Rx:
    up_down: Folded
    after: Folded
    role: Folded
    our_country: Folded
    target: Folded
    plan: Folded
    forecast: re.Pattern[str]
    qual_before: tuple[tuple[str, Folded], ...]
    exceeded: Folded
    record: Folded
    part: Folded
    negative: Folded
    cyr: re.Pattern[str]
    lat: re.Pattern[str]
    quick: Folded
    anaphor: Folded
    share: Folded
    inst_before: Folded
    inst_after: Folded
    inst_indicator: Folded
    inst_hint: Folded
    dateline: re.Pattern[str]
    change_by: Folded
    level_pct: Folded


#: A month in a dateline: Russian genitive or its abbreviation, English name or abbreviation.
_DATELINE_MONTH = (r"(?:январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]"
                   r"|ноябр[яь]|декабр[яь]|(?:янв|фев|мар|апр|авг|сен|сент|окт|ноя|дек)\.?"
                   r"|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
                   r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")


@cache
def _rx() -> _Rx:
    i = re.IGNORECASE
    return _Rx(
        up_down=Folded.compile(rf"(?<![\w])(?:(?P<up>{UP})|(?P<down>{DOWN}))(?![\w])", i),
        after=Folded.compile(r"\s*(?:(?P<up>больше|выше|more|higher)|(?P<down>меньше|ниже|less|lower))(?![\w])", i),
        role=Folded.compile(
            r"(?:(?<![\w])(?P<w>в|во|на|из|с|со|и|у|to|into|in|from|with|and)\s+"
            r"(?:(?:экономик\w*|рын\w*|the|сторон\w*|партн[её]р\w*|компани\w*|стран\w*|государств\w*|пят\w*|five"
            r"|все\w*|its|partner|neighbou?ring)\s+){0,2}|(?P<h>[-–]))$", i),
        target=Folded.compile(
            r"(?<![\w])(?:довести|доведени\w*|вывести|увеличить|нарастить|удвоить|утроить|учетверить|цел[ьи]|задач\w*|targets?"
            r"|targeted|goals?|aims?|aiming|to\s+(?:raise|expand|increase|boost|double|triple|quadruple|bring|lift)"
            # "to work toward doubling trade", "working towards $50 billion": an aim pursued
            r"|(?:work|works|working|worked|move|moving)\s+towards?"
            # "should grow to $50 billion", «должен вырасти до 50 млрд»: what is to be reached
            r"|should\s+(?:grow|rise|reach|increase|climb|double|expand|hit|top|exceed)"
            # "officials want it to hit $50 billion", «хотят, чтобы он достиг 50 млрд»: a wish for a level
            r"|(?:wants?|wanted|hopes?|hoped|seeks?|sought)\s+(?:\S+\s+){0,5}?to\s+(?:hit|reach|top|exceed|grow|rise)"
            r"|хот(?:ят|ел\w*|им|ите|ет)\s*,?\s+чтобы\s+(?:\S+\s+){0,5}?(?:достиг\w*|превысил\w*|вырос\w*|составил\w*)"
            r"|долж(?:ен|н\w*)\s+(?:вырасти|достичь|составить|увеличиться|превысить|удвоиться))(?![\w])", i),
        plan=Folded.compile(r"(?<![\w])(?:планир\w*|намерен\w*|намерева\w*|plans?|planned|planning|intends?|intended"
                        r"|инвестируют|инвестирует|will\s+invest"
                        # «готовы вложить», "ready to invest": an offer, not money spent
                        r"|готов[аыо]?\s+(?:вложить|инвестировать|закупить|закупать|поставить|поставлять|профинансировать)"
                        r"|(?:ready|willing|prepared)\s+to\s+(?:invest|buy|import|supply|finance|fund))(?![\w])", i),
        forecast=re.compile(
            r"(?<![\w])(?:прогноз\w*|ожида\w*|по\s+оценкам|(?:is|are)\s+estimated\s+to"
            r"|может|могут|достигнет|превысит|вырастет|составит"
            r"|увеличится|сократится|снизится|forecasts?|forecasted|expected|expects?|projected|projects?|could"
            r"|(?-i:may)|might|will\s+(?:reach|exceed|grow|rise|top)|is\s+set\s+to)(?![\w])", i),
        qual_before=(
            # «не менее» / "no less than" is at least (over), «не более» / "no more than" at most
            # (under): a negated comparative is kept from the plain one by the look-behinds
            ("over", Folded.compile(r"(?<![\w])(?<!не\s)(?<!no\s)(?<!not\s)(?:более(?:\s+чем)?|свыше|выше|больше\s+чем|over"
                                r"|more\s+than|above|in\s+excess\s+of|upwards\s+of|не\s+менее|не\s+меньше(?:\s+чем)?"
                                r"|(?:no|not)\s+less\s+than|at\s+least)\s+(?:на\s+|в\s+|by\s+|to\s+|до\s+)?$", i)),
            ("under", Folded.compile(r"(?<![\w])(?<!не\s)(?<!no\s)(?<!not\s)(?:менее|меньше\s+чем|ниже|less\s+than|under|below"
                                 r"|just\s+under|не\s+более|не\s+больше(?:\s+чем)?|(?:no|not)\s+more\s+than|at\s+most)"
                                 r"\s+(?:на\s+|by\s+|до\s+)?$", i)),
            ("nearly", Folded.compile(r"(?<![\w])(?:почти|nearly|almost|close\s+to|приблизил\w*\s+к|приближа\w*\s+к|approach\w*"
                                  # «почти достиг 1 млрд», "almost reached $1 billion": the verb between
                                  r"|(?:почти|едва\s+не|nearly|almost)\s+(?:достиг\w*|дотянул\w*|reached|hit|touched))"
                                  r"\s+(?:на\s+|в\s+|by\s+|to\s+|до\s+)?$", i)),
            ("about", Folded.compile(r"(?<![\w])(?:около|порядка|примерно|приблизительно|about|around|approximately|roughly"
                                 r"|some|circa)\s+(?:на\s+|в\s+|by\s+|to\s+|до\s+)?$|~\s*$", i)),
        ),
        # "topped the list of shipments": first of a ranking, no bound on the figure
        # «перевалил за отметку», «перешагнул рубеж», "crossed the mark": past the figure, as «превысил»
        exceeded=Folded.compile(r"(?<![\w])(?:превыс\w*|превыша\w*|exceed\w*|surpass\w*|top|tops|topped|topping"
                                r"|перевал(?:ил|ила|ило|ит|ивает)\s+за|перешагн\w*|crossed)(?![\w])"
                                r"(?!\s+(?:the\s+|a\s+)?(?:list|ranking|rankings|rating|chart|table|league)(?![\w]))", i),
        part=Folded.compile("|".join(rf"(?<![\w-])(?P<{k}>{rx})(?![\w])" for k, rx in PARTS), i),
        record=Folded.compile(r"(?<![\w])(?:рекорд\w*|record)(?![\w])", i),
        negative=Folded.compile(r"(?<![\w])(?:дефицит\w*|deficit|отрицательн\w*)(?![\w])", i),
        cyr=re.compile(r"[а-яё]", i),
        lat=re.compile(r"[a-z]", i),
        quick=Folded.compile(r"\d|%|вдвое|втрое|вчетверо|впятеро|удвои|doubl|tripl|fold|halv|треть|четверть|наполовину"
                         r"|third|quarter|fifth|half|пятую|половин|" + patterns().number_word_re, i),
        anaphor=Folded.compile(
            r"(?<![\w])(?:он|она|оно|они|это|этот|эта|данный|данная|показател\w*|объ[её]м\w*|сумм\w*|на\s+долю"
            r"|пришл\w+|приход\w+"
            r"|цифр\w*|следом|за\s+ним\w*\s+следу\w*"
            r"|it|this|that|they|the\s+(?:latter\s+|former\s+|same\s+|new\s+|official\s+|correct\s+|corrected\s+|revised\s+)?"
            r"(?:figure|number)s?|the\s+total"
            r"|the\s+value|the\s+indicator|account(?:ing|ed|s)?\s+for|followed"
            # a ranking after the pair: «За ним следуют Кыргызстан – …», "came next"
            r"|следу(?:ет|ют)|came\s+next|next\s+came|ranked\s+(?:second|third)"
            # a rate as the subject: «рост составил 2,3%», "growth came to 4%": the indicator before
            # a rate line of a post or table: «Рост г/г: +11%», "Growth y/y: 11%" (the indicator of the line before)
            r"|(?:при)?рост\s+(?:г/г|год\s+к\s+году)|(?:growth|change)\s+(?:yoy|y/y|year[\s-]on[\s-]year)"
            r"|(?:при)?рост\s+состав\w+|(?:снижение|падение|сокращение|уменьшение|увеличение)\s+состав\w+"
            r"|(?:growth|the\s+(?:increase|rise|decline|drop|fall))\s+(?:was|came\s+to|stood\s+at|amounted\s+to))(?![\w])", i),
        # a share («на эти позиции пришлось 40% поставок», "accounted for 21%") or a ratio of
        # two figures («разница более чем в четыре раза», "a gap of four times"): no growth
        share=Folded.compile(r"(?<![\w])(?:дол[яиюе]|долей|share|shares|proportion|пришл\w+|приход\w+|accounted\s+for"
                             r"|accounts\s+for|account\s+for|разниц\w*|разрыв\w*|difference|gap)(?![\w])", i),
        inst_before=Folded.compile(rf"(?<![\w]){INSTITUTION_BEFORE}(?:\s+{INSTITUTION_FILLER}){{0,4}}\s+$", i),
        inst_after=Folded.compile(rf"(?:\s+(?:же|ж|то))?\s+{INSTITUTION_AFTER}(?![\w])", i),
        our_country=Folded.compile(rf"(?<![\w])(?:{OUR_COUNTRY})(?![\w])", i),
        inst_hint=Folded.compile(
            r"министр|министерств|минторг|минсельхоз|минфин|минэк|мид|мнэ|кгд|мф|гту|тамож|управлен|комитет|департамент|банк|посол|бюро|ведомств"
            r"|правительств|пресс|статистик|агентств|ministr|customs|administration|embass|ambassador|bureau|committee"
            r"|government|office|agency|statistic|data|authorit|general|department|minister", i),
        inst_indicator=Folded.compile(r"(?<![\w])(?:министр\w*|министерств\w*|минист\w*)\s+$", i),
        # "вырос на 9,9 млрд долларов", "rose by $9.9 billion", "up $2 billion": an absolute change
        # "прибавил 2,1 млрд", "added $2.8 billion", "lost $1 billion": verbs whose object is the change
        change_by=Folded.compile(rf"(?<![\w])(?:(?:{UP}|{DOWN})\s+(?:на|by)|up|down|прибавил\w*|потерял\w*|added|adds|gained|gains"
                                 r"|lost|loses|shed|sheds)\s+(?:почти\s+|более\s+|около\s+"
                                 r"|nearly\s+|almost\s+|about\s+|over\s+|some\s+)?$", i),
        # "вырос до 25%", "from 10% to 25%": a level of a share or rate, not a growth
        level_pct=Folded.compile(r"(?<![\w])(?:до|с|со|to|from)\s+$", i),
        dateline=re.compile(
            r"^[ \t]*(?:(?:[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]{4,}(?:[ \t]+[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]+)?)(?:[ \t]*\([^)\n]{1,30}\))?[ \t]*(?:--|[–—-])"
            r"|[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]{2,}(?:[ \t]+[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]+)?,[^\n–—]{1,30}?(?:--|[–—]|\s-\s)"
            r"|[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]{2,}(?:[ \t]+[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]+)?,[^\n–—.]{1,25}\.(?=\s)"
            # "Астана, Казахстан, 15 февраля (Trend) –", "Алматы. 20 февраля. INTERFAX.KZ –", "Urumqi, Jan. 24 /Xinhua/ --":
            # a city in title case needs the date after it
            r"|[A-ZА-ЯЁ][a-zа-яё’'-]+(?:[ \t-][A-ZА-ЯЁ][a-zа-яё’'-]+)?(?:,[ \t]*[A-ZА-ЯЁ][a-zа-яё’'-]+){0,2}[,.][ \t]*"
            rf"(?:\d{{1,2}}[ \t]+{_DATELINE_MONTH}|{_DATELINE_MONTH}[ \t]+\d{{1,2}})(?:,?[ \t]+\d{{4}}(?:[ \t]*г(?:\.|ода)?)?)?"
            r"[.,]?[ \t]*(?:\([^)\n]{1,30}\)|/[^/\n]{1,30}/|[A-ZА-ЯЁ][A-ZА-ЯЁ.-]{2,}(?:[ \t]+[A-ZА-ЯЁ][\w.-]+)?)?"
            r"[ \t]*(?:--|[–—-]))"
            r"(?:[ \t]*(?:Kazinform|Казинформ|КазТАГ|ТАСС|Интерфакс-Казахстан|Xinhua|Синьхуа|Tengrinews|Trend|Reuters)"
            r"[ \t]*(?:--|[–—-]))?", re.MULTILINE),
    )


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    code: str
    role: str


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence analysed once: every list is sorted by position, so that the claims of
    a sentence are built by bisection (linear time in the number of amounts)."""

    text: str
    start: int
    lang: str
    #: the sentence with datelines blanked, and the same folded (:func:`corridor.claims.folded.fold`)
    masked: str
    low: str | None
    economies: tuple[_Mention, ...]
    periods: tuple[PeriodMention, ...]
    bases: tuple[tuple[int, int, str], ...]
    amounts: tuple[Amount, ...]
    growth: tuple[tuple[Percent, int], ...]
    products: tuple[tuple[int, int, str], ...]
    agri: tuple[int, ...]
    cuts: tuple[int, ...]
    index: dict[str, list[int]]
    modalities: dict[tuple, str]
    #: starts of trailing clauses that describe what comes before them (", a level analysts
    #: say could rise", ", when Chinese brands had…", «, что может…»): a clause of their own
    #: for modality, so that their words are not the figures' before them and a figure in one
    #: ("…, a level both sides aim to push to $50 billion") takes the clause's own
    tails: tuple[int, ...] = ()
    #: the currencies of the sentence's amounts, differences included («прибавил 2,1 млрд
    #: долларов и достиг 43,8 млрд»: the level's unit is the difference's)
    units: tuple[str, ...] = ()
    #: starts of the product mentions whose figure is of goods no group of the catalogue is
    #: («нефтяного оборудования», "wheat and barley" for one figure): see :func:`_narrowed`
    vague: tuple[int, ...] = ()

    def within(self, name: str, a: int, b: int) -> list:
        """The items of list ``name`` that start in ``[a, b)``."""
        starts = self.index[name]
        return list(getattr(self, name)[bisect_left(starts, a):bisect_left(starts, b)])


def _index(**lists) -> dict[str, list[int]]:
    """Start positions of each list (items are records with ``start``, or tuples whose
    first element is a start or a record)."""
    def start(x):
        x = x[0] if isinstance(x, tuple) else x
        return x if isinstance(x, int) else x.start
    return {name: [start(x) for x in items] for name, items in lists.items()}


@dataclass(slots=True)
class _State:
    """What the sentences of one document carry to the next (wire copy is written one
    sentence per line: a document runs until a blank line)."""

    period: Period | None = None
    #: whether ``period`` is the deadline of a target, plan or forecast (not the present's)
    coming: bool = False
    #: the last period of months a claim had (10 months, a half): what "за тот же период",
    #: "over the same period" means when it prints no year (a whole year is "the same year")
    main: Period | None = None
    economies: tuple[str | None, str | None] | None = None
    currency: str | None = None
    indicator: str | None = None
    product: str | None = None
    #: the indicator and product of a line ending with a colon, which the list items on the
    #: lines after it share ("Казахстан экспортировал в Китай:\n– медные руды – на 2,79 млрд…")
    lead: tuple[str, str | None] | None = None
    #: the reporter of the last claim about a group (China's trade with Central Asia): the
    #: economy whose next partners a ranking names («Следом идут Киргизия и Узбекистан»)
    hub: str | None = None
    #: the country «республика», «наша страна», "our country" stand for: China's partner in
    #: the document's first pair (a Kyrgyz outlet's «республика» is Kyrgyzstan); Kazakhstan
    #: until a pair is named
    home: str | None = None
    #: where the document starts in the text (a region «страны региона» looks back to it)
    start: int = 0


def extract(text: str, *, published: dt.date | None = None) -> list[Claim]:
    """Every quantitative trade claim in ``text``, in order of appearance.

    ``published`` resolves relative periods ("в прошлом году", "last year", "с начала
    года", "за 10 месяцев"); without it such periods keep ``year=None``.  Offsets in the
    claims index into ``text``.  Cost is linear in the length of the text.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if published is not None and not isinstance(published, dt.date):
        raise TypeError(f"published must be a datetime.date, got {type(published).__name__}")
    masked = mask_datelines(text)
    out: list[Claim] = []
    for start, end in _documents(masked):
        state = _State(start=start)
        lines = _lines(masked, start, end)
        claims: list[Claim] = []
        for l_start, l_end in lines:
            for s_start, s_end in sentences(masked, l_start, l_end):
                claims += _sentence_claims(text, masked, s_start, s_end, published, state)
        claims = _unfinished_years(_between_figures(claims, masked), masked, published)
        if _FIRST_PERSON.search(masked, start, end):
            claims = _first_person(claims, state.home or "KAZ")
        out += _headline(claims, masked, lines, published)
    return out


#: A figure so far («уже», «пока», «с начала года», "already", "so far", "to date"): a fact of
#: a year not yet over.
_SO_FAR = re.compile(r"(?<![\w])(?:уже|пока|с\s+начала|already|so\s+far|to\s+date|year\s+to\s+date|thus\s+far)(?![\w])",
                     re.IGNORECASE)
_FLOWS_OF_A_YEAR = frozenset({"deal", "investment"})


def _unfinished_years(claims: list[Claim], text: str, published: dt.date | None) -> list[Claim]:
    """A trade figure stated as a fact for a whole year printed as a year ("Kazakh officials
    see 2025 trade … in a range of $45-47 billion") that has not ended by the publication
    date, with no word of a figure so far, is a forecast: no year's total is known before
    its end (deals signed and money invested in the year are facts)."""
    if published is None:
        return claims
    out = []
    so_far: dict[tuple[int, int], bool] = {}  # per sentence: many claims may share one
    for c in claims:
        p = c.period
        if (c.modality == "fact" and c.indicator not in _FLOWS_OF_A_YEAR and p is not None and p.year is not None
                and not p.relative and p.kind == "year"
                and (p.year > published.year or p.year == published.year and published.month < 12)):
            if (c.start, c.end) not in so_far:
                so_far[(c.start, c.end)] = _SO_FAR.search(text, c.start, c.end) is not None
            if not so_far[(c.start, c.end)]:
                c = replace(c, modality="forecast")
        out.append(c)
    return out


#: A document speaking in the first person of its home country: «наша страна», «наша
#: статистика», «мы торговали», «у нас», "our exports", "we" (a minister's, a deputy's)
_FIRST_PERSON = re.compile(r"(?<![\w])(?:наш(?:а|е|и|у|ей|его|ему|им|их|ими|ем|ею)?|мы|нам|нас|нами|our|we)(?![\w])", re.IGNORECASE)


def _first_person(claims: list[Claim], home: str) -> list[Claim]:
    """A partner-only claim («товарооборот с Китаем», "exports to China") in a document
    speaking in the first person of its home country is the home country's: the reporter is
    ``home`` (the lead's labelling convention, docs/claims.md); without a first person it
    keeps no reporter."""
    out = []
    for c in claims:
        if c.reporter is None and c.partner is not None and c.partner != home:
            c = replace(c, reporter=home, carried=tuple(sorted(set(c.carried) | {"economies"})))
        out.append(c)
    return out


#: a comparative with no time base closing its clause («…27,95 млрд, то есть почти вдвое
#: больше.», «…11,29 млрд – на 65% больше.», "…$11.3 billion, 65% more.", "…, 13% more, a gap
#: that…») or comparing with another flow or count («на 13% больше экспорта», "13% more than
#: exports", «больше казахстанской цифры»)
_BARE_COMPARATIVE = re.compile(r"\s*(?:больше|меньше|выше|ниже|more|less|higher|lower|as\s+(?:much|many|high|large|big))"
                               r"(?:\s*(?:$|[.;!?),:]|\s[—–-]\s)"
                               r"|\s+(?:(?:чем|than)\s+)?(?:(?:the|its|their|казахстанск\w+|китайск\w+|kazakh|chinese)\s+)?"
                               r"(?:экспорт|импорт|export|import|показател|цифр|figure|оценк|данн|count|tally|statistic"
                               r"|статистик)\w*)", re.IGNORECASE)
_TRADE_FLOWS = frozenset({"exports", "imports"})


def _flow(c: Claim) -> tuple[str | None, str | None]:
    """Origin and destination of a flow claim (an import runs partner -> reporter)."""
    return (c.reporter, c.partner) if c.indicator == "exports" else (c.partner, c.reporter)


def _same_pair(a: Claim, b: Claim) -> bool:
    """True when two flows of the same goods join the same two economies (a missing economy
    agrees with any), in either direction: the mirror of a flow, the other side's count of
    it, or the opposite flow of the same pair."""
    if a.product != b.product:
        return False
    fa, fb = _flow(a), _flow(b)
    return (_agree(fa[0], fb[0]) and _agree(fa[1], fb[1])) or (_agree(fa[0], fb[1]) and _agree(fa[1], fb[0]))


def _agree(x: str | None, y: str | None) -> bool:
    """Two economies agree when they are the same or either is missing."""
    return x is None or y is None or x == y


def _span(p: Period | None) -> tuple[int | None, int, int] | None:
    return (p.year, p.first_month, p.last_month) if p is not None else None


def _between_figures(claims: list[Claim], text: str) -> list[Claim]:
    """A comparative with no time base («на 65% больше», «почти вдвое больше», "65% more",
    "twice as much") after a figure of the same period for a flow between the same two
    economies (the mirror flow, the other side's count) compares the two figures, not two
    periods: no growth (docs/claims.md, "A comparison between figures is no growth").
    «…43,8 млрд, что на 6,7% больше» after no such figure stays a growth."""
    out = list(claims)
    for k, c in enumerate(out):
        if (c.growth_pct is None or c.growth_base is not None or c.amount is None or c.period is None
                or c.indicator not in _TRADE_FLOWS or not c.growth_text):
            continue
        at = text.find(c.growth_text, c.value_end if c.value_end is not None else c.start, c.end)
        if at < 0 or not _BARE_COMPARATIVE.match(text, at + len(c.growth_text), c.end + 1):
            continue
        if any(e.amount is not None and e.growth_pct is None and _span(e.period) == _span(c.period)
               and e.indicator in _TRADE_FLOWS and _same_pair(e, c) for e in out[:k]):
            out[k] = _without_growth(c)
    return out


_HEADLINE_END = re.compile(r"[.!?…:;]\s*$")


def _headline(claims: list[Claim], text: str, lines: list[tuple[int, int]], published: dt.date | None) -> list[Claim]:
    """Claims of a document's headline (a first line without a closing full stop, followed
    by the body) take what the headline leaves to the body: the period of the body's first
    claim of the same flow when the headline names none («Экспорт меди в Китай вырос на
    41%» over «Казахстан в 2024 году поставил в КНР меди…»), or when it names the year so far
    («с начала года») and the body the months it means (January–June of that year); a
    missing economy where the other one agrees."""
    if len(lines) < 2 or _HEADLINE_END.search(text, lines[0][0], lines[0][1]):
        return claims
    head_end = lines[0][1]
    body = [c for c in claims if c.start >= head_end and c.period is not None and c.period.year is not None]
    out = []
    for c in claims:
        if c.start >= head_end:
            out.append(c)
            continue
        same = [b for b in body if FAMILY.get(b.indicator) == FAMILY.get(c.indicator)] or body
        if not same:
            out.append(c)
            continue
        b, carried = same[0], set(c.carried)
        if c.period is None or (c.period.relative and c.period.year == b.period.year and c.period.first_month == 1
                                 and b.period.first_month == 1 and b.period.last_month < c.period.last_month):
            c = replace(c, period=b.period)
            carried.add("period")
        if c.reporter is None and c.partner is not None and c.partner == b.partner and b.reporter is not None:
            c = replace(c, reporter=b.reporter)
            carried.add("economies")
        if tuple(sorted(carried)) != c.carried:
            c = replace(_with_currency(c, published), carried=tuple(sorted(carried)))
        out.append(c)
    return out


#: The start of a list item ("– медные руды – …", "• oil: …", "1) …").
_LIST_ITEM = re.compile(r"\s*(?:[–—•·▪*-]|\d{1,2}[).])\s*")


def mask_datelines(text: str) -> str:
    """``text`` with every dateline ("АСТАНА, 5 мая – Kazinform –", "ALMATY —", "BEIJING,
    Jan. 13 (Xinhua) --") blanked out, same length: a dateline's city is not an economy of
    the claims and its date not their period."""
    return _rx().dateline.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _documents(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _DOCUMENT.finditer(text) if m.group(0).strip()]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE.finditer(text, start, end) if m.group(0).strip()]


_DOCUMENT = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
_LINE = re.compile(r"[^\n]+")
_DIGIT = re.compile(r"\d")
_MINUS = re.compile(r"минус|minus|−\s*$|-\s*$", re.IGNORECASE)
_INVEST = re.compile(r"инвестировать|to\s+invest", re.IGNORECASE)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (razdel), re-joining splits after abbreviations
    that razdel takes for sentence ends ("млрд долл. США", "т.ч. экспорт")."""
    from razdel import sentenize

    end = len(text) if end is None else end
    spans: list[list[int]] = []
    for s in sentenize(text[start:end]):
        first = s.text[:1]
        if spans and (first.islower() or s.text.startswith(("США", "US ")) or first.isdigit() or first in "%$/"):
            spans[-1][1] = start + s.stop
        else:
            spans.append([start + s.start, start + s.stop])
    return [(a, b) for a, b in spans]


def _sentence_claims(text: str, masked: str, s_start: int, s_end: int, published: dt.date | None,
                     state: _State) -> list[Claim]:
    """The claims of one sentence; a list item after a line ending with a colon takes that
    line's indicator, and the lead passes on while list items follow."""
    sentence = masked[s_start:s_end]
    lead = state.lead if state.lead is not None and _LIST_ITEM.match(sentence) else None
    state.lead = None
    claims = _claims_of(text, masked, s_start, s_end, published, state, lead)
    if sentence.rstrip().endswith(":") and state.indicator:
        state.lead = (state.indicator, state.product)
    elif lead is not None:
        state.lead = lead
    return claims


def _claims_of(text: str, masked: str, s_start: int, s_end: int, published: dt.date | None,
               state: _State, lead: tuple[str, str | None] | None) -> list[Claim]:
    rx = _rx()
    sentence = masked[s_start:s_end]
    low = fold(sentence)
    quick = rx.quick.search(sentence, low) is not None
    segs = _segments(sentence, low) if quick else []
    group = ranked = None
    standin = not segs  # the indicator, when found, is the sentence before's (an anaphor, an ellipsis)
    if not segs and quick and lead is not None:
        segs = [(0, len(sentence), lead[0])]  # "– медные руды – на 2,79 млрд долларов;"
        state.indicator, state.product = lead  # a product is not carried from one item to the next
    elif not segs and state.indicator and quick and rx.anaphor.search(sentence, low):
        segs = [(0, len(sentence), state.indicator)]  # "он вырос на 8%", "the figure", "Kyrgyzstan followed with"
        # after a group ("China's trade with Central Asia…"), each economy named is a member:
        # "Kazakhstan accounted for $43.8 billion of the total, and Kyrgyzstan for $22.7 billion"
        group = state.economies if state.economies is not None and state.economies[1] in GROUP_CODES else None
        if group is None and state.hub is not None and _FOLLOWED.search(sentence):
            group = (state.hub, None)  # «…в регионе… на Казахстан – 43,8 млрд. Следом идут Киргизия (22,7 млрд)…»
        # after a pair ("Kazakhstan was China's largest partner … $43.9 billion"), a ranking of
        # others, each with its figure ("Kyrgyzstan followed with $22.7 billion and Uzbekistan
        # with $13.8 billion"): each economy named is a reporter with the same partner
        ranked = state.economies if group is None and state.economies is not None and all(state.economies) else None
    elif not segs and state.indicator and quick and _elliptical(sentence, low):
        segs = [(0, len(sentence), state.indicator)]  # "Годом ранее – 10,5 млрд.", "A year earlier: $10.5 billion."
    if not segs:
        _remember(sentence, low, published, state)
        return []
    info = _analyse(text[s_start:s_end], sentence, low, s_start, home=state.home or "KAZ")
    info, brackets = _without_bracket_periods(info)
    info = _with_region(info, masked, s_start, state)
    if group is None and ranked is None and _members_of_hub(info, state):
        group = (state.hub, None)  # "Turkmenistan's trade came to $4.8 billion and Tajikistan's to…"
    context_year = state.period.year if state.period else None
    claims: list[Claim] = []
    prev_econ: tuple[str | None, str | None] = (None, None)
    seg_claimed = True  # whether the previous segment stated a figure (else it only names the parties)
    pieces = _split_pair(info, _pieces(info, segs))
    respective = _respective(info, pieces)
    for k, (seg_start, seg_end, indicator, origin) in enumerate(pieces):
        amounts = info.within("amounts", seg_start, seg_end)
        growth = info.within("growth", seg_start, seg_end)
        if respective is not None:  # «экспорт и импорт составили 14,8 и 16,8 млрд соответственно»
            amounts, growth = respective[k]
        spans = _claim_spans(info, sentence, seg_start, seg_end, amounts or [g[0] for g in growth])
        named = _roles(indicator, info.within("economies", seg_start, seg_end))
        seg_econ = _complete(named, prev_econ) if seg_claimed else _follow(named, prev_econ)
        prev_econ = seg_econ
        seg_claimed = bool(amounts or growth)
        for j, (a, b) in enumerate(spans):
            amount = amounts[j] if amounts else None
            if amounts:
                mine = _span_growth(info, spans, amounts, j) if len(spans) > 1 else growth
            else:
                mine = [growth[j]] if growth else []
            if amount is None and not mine:
                continue
            if j == 0:
                # the first of several figures keeps a scope its own span names ("внешнеторговый
                # оборот Казахстана составил 141 млрд, из них на Китай пришлось 43,8 млрд")
                own = _roles(indicator, info.within("economies", a, b)) if len(spans) > 1 else (None, None)
                if own[1] in GROUP_CODES:
                    econ = _complete(own, seg_econ)
                elif own[1] is None and len(spans) > 1 and _part_for_partner(info, indicator, spans[1]):
                    # "Экспорт Казахстана составил 81,5 млрд, из них на Китай пришлось 14,9 млрд":
                    # the first figure is the whole the partner's part is taken from
                    econ = (own[0] or seg_econ[0], "WLD")
                else:
                    econ = seg_econ
            else:
                prev = (claims[-1].reporter, claims[-1].partner) if claims else seg_econ
                mentions = info.within("economies", a, b)
                bare = {m.code for m in mentions if m.role == "none"} - {prev[0]}
                if len(bare) == 1 and len(mentions) == 1 and prev[0] and prev[1] and prev[1] not in GROUP_CODES \
                        and _SHARE_OF.search(info.masked, spans[j - 1][0], spans[j - 1][1]):
                    # an item named by a bare name after a partner's share is another partner's
                    # share: «на долю Китая пришлось 14,9 млрд, Италии – 13 млрд»
                    econ = (prev[0], bare.pop())
                else:
                    econ = _follow(_roles(indicator, mentions), prev)
            if group is not None:
                members = [m.code for m in info.within("economies", a, b) if m.code not in GROUP_CODES + (group[0],)]
                econ = (group[0], members[0]) if members else group if group[1] is not None else econ
            elif ranked is not None:
                # the side that stays is China's (a ranking of China's partners), else the partner
                # each figure's economy is the one named between the figure before it and itself
                # («Кыргызстан – 19,8 млрд и Узбекистан – 13,7 млрд»)
                stays = 0 if ranked[0] == "CHN" or ranked[0].startswith("CN-") else 1
                here = (amount or mine[0][0]).start if (amount or mine) else b
                since = amounts[j - 1].end if amounts and j else seg_start
                others = [m.code for m in info.within("economies", since, here) if m.code != ranked[stays]]
                if others and others[-1] not in GROUP_CODES:
                    econ = (ranked[0], others[-1]) if stays == 0 else (others[-1], ranked[1])
            claims.append(_build(info, indicator, (seg_start, seg_end), (a, b), j, amount, mine[:1], econ,
                                 published, context_year, claims[-1] if claims else None, state, origin=origin))
            if j and amounts and len(claims) > 1 and _rate_against(info, amounts, j) is not None:
                claims[-2] = _against_earlier(claims[-2], claims[-1])
    claims = [c for c in claims if c.amount is not None or c.growth_pct is not None]
    if brackets:
        claims = _bracket_periods(claims, info, brackets, published, context_year)
    if not claims:
        _remember(sentence, low, published, state)
        return []
    _fill_currency(claims, published, info.units)
    if standin and lead is None:
        claims = [replace(c, carried=tuple(sorted(set(c.carried) | {"indicator"}))) for c in claims]
    if any(c.partner in GROUP_CODES and c.reporter is None for c in claims):
        source = _source_economy(sentence, low)  # "Trade with Belt and Road countries grew …, China's customs said."
        if source is not None:
            claims = [replace(c, reporter=source) if c.partner in GROUP_CODES and c.reporter is None else c
                      for c in claims]
    return _carry(claims, info, published, state)


#: The region a text is about, named by the word alone: «со странами региона», «с регионом»,
#: "the region's countries", "trade with the region".
_REGION = re.compile(r"(?<![\w])(?:(?:стран\w*|государств\w*)\s+(?:всего\s+|этого\s+|нашего\s+)?регион\w*"
                     r"|регион(?:ом|у)|(?:the\s+)?region'?s\s+(?:countries|states|nations)"
                     r"|(?:countries|states|nations)\s+of\s+the\s+region|with\s+the\s+region)(?![\w])", re.IGNORECASE)


def _with_region(info: _Sentence, masked: str, s_start: int, state: _State) -> _Sentence:
    """The sentence with «страны региона», «с регионом», "the region's countries" read as the
    group of economies the document named last before it (a summit «Центральная Азия – Китай»
    in its first line: Central Asia), when it names no group of its own; else unchanged.  The
    document before the sentence is read again only when the word is there."""
    found = list(_REGION.finditer(info.masked))
    if not found or any(m.code in GROUP_CODES for m in info.economies):
        return info
    before = masked[state.start:s_start]
    p = patterns()
    codes = [lookup(p.economy_codes, m.group(0)) for m in p.economy.finditer(before, fold(before))]
    group = next((c for c in reversed(codes) if c in GROUP_CODES and c != "WLD"), None)
    if group is None:
        return info
    extra = tuple(_Mention(m.start(), m.end(), group, "with" if m.group().lower().startswith("with")
                           else _role_at(info.masked, info.low, m.start())) for m in found)
    economies = tuple(sorted(info.economies + extra, key=lambda m: m.start))
    return replace(info, economies=economies, index=dict(info.index, economies=[m.start for m in economies]))


def _members_of_hub(info: _Sentence, state: _State) -> bool:
    """Whether a sentence after claims about a hub's trade with a group and its members
    ("China's trade with Central Asia reached…; Kazakhstan accounted for…") names other
    members only, each by a bare name or possessive ("Turkmenistan's trade came to $4.8
    billion and Tajikistan's to less than $1 billion", «Товарооборот Туркменистана составил…,
    Таджикистана – …»): each is the hub's partner, never the other's."""
    if state.hub is None or state.economies is None or state.economies[0] != state.hub:
        return False
    codes = {m.code for m in info.economies}
    if len(codes) < 2 or state.hub in codes or codes & set(GROUP_CODES) \
            or any(m.role not in ("none", "and") for m in info.economies):
        return False
    # each with a figure of its own before the next ("trade between Uzbekistan and Tajikistan
    # reached…" is one pair's)
    figures = sorted([a.start for a in info.amounts] + [g[0].start for g in info.growth])
    return all(any(a.end <= f < b.start for f in figures) for a, b in zip(info.economies, info.economies[1:]))


#: A parenthesis of a sentence (no nesting): «31,5 млрд долларов (2022 год: 14,04 млрд)».
_BRACKET = re.compile(r"\(([^()]*)\)")


def _comparison_brackets(info: _Sentence) -> list[tuple[int, int, PeriodMention | None]]:
    """The parentheses that print a comparison figure after a figure: «Товарооборот с КНР
    составил 31,5 млрд долларов (2022 год: 14,04 млрд), с Россией – 27,2 млрд (26,3 млрд)»,
    "exports reached $5.1 billion (2022: $4.2 billion)".  Each is (start, end, its period);
    a parenthesis without a period after one with it, in the same list of «current
    (previous)» pairs, shares that period.  Only sentences with at least one such
    parenthesis naming a period give any (a bare "(…$39.8 billion)" after a yuan figure is
    a conversion, not a comparison)."""
    found: list[tuple[int, int, PeriodMention | None]] = []
    shared: PeriodMention | None = None
    for m in _BRACKET.finditer(info.masked):
        inside = info.within("amounts", m.start(), m.end())
        before = info.within("amounts", found[-1][1] if found else 0, m.start())
        if not inside or not before:
            continue
        periods = info.within("periods", m.start(), m.end())
        if periods and periods[0].start < inside[0].start:
            shared = periods[0]
        elif periods or shared is None:
            continue
        found.append((m.start(), m.end(), periods[0] if periods else shared))
    return found if any(p is not None for _a, _b, p in found) else []


def _without_bracket_periods(info: _Sentence) -> tuple[_Sentence, list[tuple[int, int, PeriodMention | None]]]:
    """The sentence without the periods of its comparison parentheses (those are the
    bracketed figures' own, never the main figures': «… составил 31,5 млрд долларов (2022
    год: 14,04 млрд)» of a text about 2023), and the parentheses."""
    brackets = _comparison_brackets(info)
    if not brackets:
        return info, []
    periods = tuple(p for p in info.periods if not any(a <= p.start < b for a, b, _p in brackets))
    index = dict(info.index, periods=[p.start for p in periods])
    return replace(info, periods=periods, index=index), brackets


def _bracket_periods(claims: list[Claim], info: _Sentence, brackets: list[tuple[int, int, PeriodMention | None]],
                     published: dt.date | None, context_year: int | None) -> list[Claim]:
    """Each figure inside a comparison parenthesis takes that parenthesis's period."""
    out = []
    for c in claims:
        at = (c.value_start if c.value_start is not None else c.start) - info.start
        mine = next((p for a, b, p in brackets if a <= at < b), None)
        if mine is not None:
            c = replace(c, period=resolve(mine, published, context_year=context_year))
        out.append(c)
    return out


_FELL_ON = re.compile(r"\s*(?:пришл\w*|приход\w*)\s+на\s+", re.IGNORECASE)
_FELL_TO = re.compile(r"\s*(?:пришл\w*|приход\w*)(?![\w])", re.IGNORECASE)

_RESPECTIVELY = re.compile(r"(?<![\w])(?:соответственно|respectively)(?![\w])", re.IGNORECASE)


_FLOW_PAIR = re.compile(r"(?<![\w])(экспорт\w*|импорт\w*|exports?|imports?)\s+(?:и|and)\s+(экспорт\w*|импорт\w*|exports?|imports?)"
                        r"(?![\w])", re.IGNORECASE)


def _split_pair(info: _Sentence, pieces: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """«Экспорт и импорт выросли соответственно на 41% и в 4,7 раза", "exports and imports
    rose 41% and 370%, respectively": with "respectively", the pair is the two flows in the
    order printed, not turnover."""
    if len(pieces) != 1 or pieces[0][2] != "turnover" or not _RESPECTIVELY.search(info.masked):
        return pieces
    m = _FLOW_PAIR.search(info.masked)
    if m is None or m.group(1)[:3].lower() == m.group(2)[:3].lower():
        return pieces
    s, e, _ind, o = pieces[0]
    flow = lambda w: "exports" if w.lower().startswith(("экс", "exp")) else "imports"  # noqa: E731
    return [(s, e, flow(m.group(1)), o), (s, e, flow(m.group(2)), o)]


def _respective(info: _Sentence, pieces: list[tuple[int, int, str, int]]) -> list[tuple[list, list]] | None:
    """(amounts, growth rates) of each piece when the figures of several indicators are
    printed together after the last one, "respectively" («Экспорт … и импорт … составили
    14,8 и 16,8 млрд долларов соответственно»): the k-th figure is the k-th indicator's; else
    None.  Rates follow the same rule when there are as many."""
    if len(pieces) < 2 or not (_RESPECTIVELY.search(info.masked) or _one_list(info)):
        return None
    last = pieces[-1][0]
    if last > pieces[0][0] and (info.within("amounts", 0, last) or info.within("growth", 0, last)):
        return None
    amounts, growth = list(info.amounts), list(info.growth)
    n = len(pieces)
    if len(amounts) not in (0, n) or len(growth) not in (0, n) or not (amounts or growth):
        return None
    return [([amounts[k]] if amounts else [], [growth[k]] if growth else []) for k in range(n)]


#: What joins the figures of one printed list: a comma, «и», "and" (and a currency sign).
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:и|and)\s+)?|\s(?:и|and)\s)\s*(?:\$|US\$)?", re.IGNORECASE)


def _one_list(info: _Sentence) -> bool:
    """Whether the sentence's amounts are one printed list ("14,8, 16,8 и 31,5 млрд
    долларов", "$14.8, $16.8 and $31.6 billion"): after as many indicators, the k-th is the
    k-th indicator's even without "respectively"."""
    a = info.amounts
    return len(a) >= 2 and not info.growth and all(_LIST_GAP.fullmatch(info.masked, x.end, y.start) for x, y in zip(a, a[1:]))


#: The start of a part of the figure before ("из них", «в том числе», "of which").
_PART_OF_WHOLE = re.compile(r"\s*(?:[-–—]\s*)?(?:из\s+(?:них|которых|этого|этой\s+суммы|общего\s+объ[её]ма)|в\s+том\s+числе"
                            r"|в\s+т\.\s*ч\.|of\s+which|of\s+this|of\s+that|including)(?![\w])", re.IGNORECASE)


#: A partner's share of a figure before: «на Китай пришлось», «приходится на Китай», "with
#: China accounting for", «на долю Китая».
_SHARE_OF = re.compile(r"(?<![\w])(?:пришл\w*|приход\w*|account(?:ing|ed|s)?\s+for|на\s+долю|дол[яи]|share)(?![\w])",
                       re.IGNORECASE)


def _part_for_partner(info: _Sentence, indicator: str, span: tuple[int, int]) -> bool:
    """True when ``span`` opens with "из них", «в том числе», "of which", or holds a share
    («на Китай пришлось», "with China accounting for"), and names a partner country of its
    own («…, из них на Китай пришлось 14,9 млрд», "…, of which $14.9 billion went to China"):
    the figure before it, naming no partner, is the whole."""
    if not (_PART_OF_WHOLE.match(info.masked, span[0]) or _SHARE_OF.search(info.masked, span[0], span[1])):
        return False
    partner = _roles(indicator, info.within("economies", span[0], span[1]))[1]
    return partner is not None and partner not in GROUP_CODES and "-" not in partner


def _pieces(info: _Sentence, segs: list[tuple[int, int, str]]) -> list[tuple[int, int, str, int]]:
    """Segments cut again at a contrastive break (", а", ", but", "; ") where both sides
    hold a figure and they differ in modality or each names its own period: "Стороны
    намерены удвоить торговлю к 2030 году, а в 2024 году её объём составил 43,8 млрд" is
    a target for 2030 and a fact for 2024, not one claim.  Each piece keeps the start of
    its indicator's segment (``origin``): a piece after the break still reads the
    indicator's agricultural word and product («увеличить экспорт сельхозпродукции … до 3
    млрд, тогда как в 2024 году он составил 983 млн»)."""
    if not info.cuts:
        return [(s, e, indicator, s) for s, e, indicator in segs]
    out = []
    for s, e, indicator in segs:
        start = s
        cuts = info.cuts[bisect_right(info.cuts, s):bisect_left(info.cuts, e)]
        for k, c in enumerate(cuts):
            nxt = cuts[k + 1] if k + 1 < len(cuts) else e
            left, right = _first_item(info, start, c), _first_item(info, c, min(nxt, e))
            if left is None or right is None:
                continue
            modal = _modality(info, left, False) != _modality(info, right, False)
            if modal or (info.within("periods", start, c) and info.within("periods", c, min(nxt, e))):
                out.append((start, c, indicator, s))
                start = c
        out.append((start, e, indicator, s))
    return out


def _first_item(info: _Sentence, a: int, b: int) -> int | None:
    """The start of the first amount or growth rate in ``[a, b)``, or None."""
    amounts, growth = info.index["amounts"], info.index["growth"]
    k, j = bisect_left(amounts, a), bisect_left(growth, a)
    items = [x[n] for x, n in ((amounts, k), (growth, j)) if n < len(x) and x[n] < b]
    return min(items) if items else None


#: a ranking going on from the line before («Следом идут Киргизия (22,7 млрд) и…», "Kyrgyzstan
#: followed with…"): each economy named is the previous reporter's next partner
_FOLLOWED = re.compile(r"(?<![\w])(?:следом|за\s+ним\w*\s+следу\w*|followed|next\s+came|came\s+next)(?![\w])",
                       re.IGNORECASE)
#: a word of an elliptical line: letters, not a scale or currency word of its amount
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: how many words besides the amounts' an elliptical line may have («Годом ранее – 10,5 млрд.»)
ELLIPSIS_WORDS = 4
_ELLIPSIS_MARK = re.compile(r"\s[—–-]\s|:\s|[—–]\s*(?=\$?\d)")


def _elliptical(sentence: str, low: str | None) -> bool:
    """Whether a sentence without an indicator word is an elliptical line of wire copy: at
    most :data:`ELLIPSIS_WORDS` words besides its amounts of money, a dash or colon before
    the figure, no verb of its own («Годом ранее – 10,5 млрд.», "A year earlier: $10.5
    billion.", «В 2023-м — 15,7 млрд.»): the figure is the indicator of the line before."""
    if not _ELLIPSIS_MARK.search(sentence):
        return False
    amounts = find_amounts(sentence, lang="ru" if _rx().cyr.search(sentence) else "en", low=low)
    if not amounts:
        return False
    rest = sentence[:amounts[0].start] + " ".join(sentence[a.end:b.start] for a, b in zip(amounts, amounts[1:])) \
        + sentence[amounts[-1].end:]
    # whose count the figure is («По китайским данным — почти 44 млрд», "By our count: $30
    # billion") is no verb of the line's own
    return len(_WORD.findall(_WHOSE_COUNT.sub(" ", rest))) <= ELLIPSIS_WORDS


#: An attribution of a count: «по китайским данным», «по нашим подсчётам», «по нашим», "by our
#: count", "according to Chinese data", "on Kazakh figures", «сторона приводит … данные», "the
#: side gives … figures".
_WHOSE_COUNT = re.compile(r"(?<![\w])(?:по|by|on|according\s+to)\s+(?:the\s+)?(?:[^\W\d_]+\s+){0,2}?"
                          r"(?:данным|подсч[её]там|оценкам|расч[её]там|статистике|цифрам|count|tally|figures|data|numbers"
                          r"|statistics|estimates)(?![\w])|(?<![\w])по\s+(?:нашим|их|китайским|казахстанским)(?![\w])"
                          # a side giving its own count: «Казахстанская сторона приводит более скромные данные:
                          # около 30 млрд», "The Kazakh side gives lower figures: about $30 billion"
                          r"|(?<![\w])(?:сторона|статистика|таможня|side|statistics|customs)\s+(?:привод\w*|да[её]т|называ\w*"
                          r"|gives?|cites?|reports?|quotes?)\s+(?:[^\W\d_]+\s+){0,2}?(?:данные|цифр\w*|figures?|data|numbers?)(?![\w])",
                          re.IGNORECASE)


def _bare_month(p: PeriodMention) -> bool:
    """Whether a period mention is months printed without a year of their own («в августе»)."""
    return p.year is None and p.offset is None and not p.span and (p.first, p.last) != (1, 12)


def _remember(sentence: str, low: str | None, published: dt.date | None, state: _State) -> None:
    """A sentence without a claim still sets the period ("В прошлом году торговля шла
    хорошо.") and the parties ("Казахстан и СУАР наращивают торговлю.") of what follows,
    and the indicator a pronoun in the next sentence stands for ("В 2024 году торговля
    Казахстана с Китаем продолжает расти. За 10 месяцев её объём составил…")."""
    segs = _segments(sentence, low)
    if segs:
        state.indicator = _BASE.get(segs[0][2], segs[0][2])
        # one product named is what a pronoun after it means; several («медь, нефть и уран»)
        # name none of them (fresh13 ru-f13-021: «верная цифра экспорта — 14,76 млрд» after them)
        named = {lookup(patterns().product_codes, m.group(0)) for m in patterns().product.finditer(sentence, low)}
        state.product = named.pop() if len(named) == 1 else None
    if PERIOD_HINT.search(sentence):
        periods = find_periods(sentence, low=low)
        if periods and not segs and _bare_month(periods[-1]) and state.period is not None:
            # «…в августе национальная валюта подешевела почти на 30%», "in March the crossing
            # closed": a month of an event, no flow named, is no period of the figures after it
            # (fresh13 ru-f13-001, ru-f13-006); a year is («В 2023 году ситуация изменилась.»)
            periods = []
        if periods:
            state.period, state.coming = resolve(periods[-1], published, context_year=state.period.year if state.period else None), False
    codes = []
    mentions = _economy_mentions(sentence, low, home=state.home or "KAZ")
    for m in mentions:
        if m.code not in codes:
            codes.append(m.code)
    with_ = next((m.code for m in mentions if m.role in ("with", "to", "from")), None)
    owner = next((m.code for m in mentions if m.role == "owner"), None)
    if len(codes) >= 2 and owner is not None:
        # «Китай остаётся главным торговым партнёром Казахстана.»: the owner of the partnership
        # reports what follows, its partner (the subject) is the partner
        codes = [owner] + [c for c in codes if c != owner and c not in GROUP_CODES][:1]
    elif len(codes) >= 2 and with_ is not None and codes[0] == with_:
        # «С Китаем Казахстан наращивает торговлю»: the one a preposition makes a partner is
        # not the reporter
        codes = [c for c in codes if c != with_][:1] + [with_]
    if len(codes) >= 2:
        state.economies = (codes[0], codes[1])
        state.home = state.home or _home(state.economies)
    elif len(codes) == 1 and state.economies is None and segs and any(m.role in ("with", "to", "from") for m in mentions):
        # "Q: How did trade with China perform last year?": the partner of what follows, the
        # reporter left to the document (or the assumed pair), as in a sentence with a figure
        state.economies = (None, codes[0])


#: "The same period" without a year (find_periods drops it: it is no period of its own).
_SAME_BARE = re.compile(r"(?<![\w])(?:(?:аналогичн\w+|т(?:от|ом|ого)\s+же)\s+период|(?:same|corresponding|comparable)\s+period)",
                        re.IGNORECASE)


#: The whole year of the period before, without its number: "for the full (whole) year",
#: "full-year", «за весь год», «по итогам всего года», «за год в целом».
_FULL_YEAR = re.compile(r"(?<![\w])(?:(?:for|over|in)\s+the\s+(?:full|whole|entire)\s+year|full-year|(?:for\s+)?the\s+year\s+as\s+a\s+whole"
                        r"|(?:за|на)\s+(?:весь|целый)\s+год|по\s+итогам\s+(?:всего|целого)\s+года|за\s+год\s+в\s+целом)(?![\w])",
                        re.IGNORECASE)


#: A year printed as a number of its own (the years of a span «в 2015–2023 годах», "between
#: 2017 and 2023"; the year of a base of comparison).
_YEAR_NUMBER = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: The two levels of a change over a span of years: «с 14,3 до 41,1 млрд», "from $4.7
#: billion to $16.8 billion".
_FROM_END = re.compile(r"(?<![\w])(?:с|со|от|from)\s+(?:\$|US\$)?$", re.IGNORECASE)
_TO_END = re.compile(r"(?<![\w])(?:с|со|от|from)\s+\S+(?:\s+\S+){0,3}?\s+(?:до|to)\s+(?:\$|US\$)?$", re.IGNORECASE)


def _span_end(claim: Claim, info: _Sentence) -> Claim:
    """A level of a change over a span of years (an abstract's «в 2015–2023 годах … вырос с
    14,3 до 41,1 млрд», "between 2017 and 2023 … rose from $4.7 billion to $16.8 billion"):
    the level after «с» / "from" is the span's first year, the one after «до» / "to" its
    last (a rate of either is over the span: ``earlier_year``); any other figure of the span
    keeps no year."""
    period = claim.period
    if period is None or period.year is not None or claim.value_start is None:
        return claim
    years = _YEAR_NUMBER.findall(period.text)
    if len(years) != 2 or years[0] >= years[1]:
        return claim
    at = claim.value_start - info.start
    if _FROM_END.search(info.masked, max(0, at - 12), at):
        year = int(years[0])
    elif _TO_END.search(info.masked, max(0, at - 60), at):
        year = int(years[1])
    else:
        return claim
    # a rate of the level reached is over the whole span, never a year-on-year one
    base = "earlier_year" if claim.growth_pct is not None else claim.growth_base
    return replace(claim, period=Period(year, 1, 12, period.text), growth_base=base)


#: The present («сегодня», "currently"): a level now, never a deadline's.
_PRESENT = re.compile(r"(?<![\w])(?:сегодня|сейчас|ныне|в\s+настоящее\s+время|на\s+сегодня\w*|на\s+данный\s+момент"
                      r"|today|now|currently|at\s+present)(?![\w])", re.IGNORECASE)
_GROWTH_FIELDS = ("growth_pct", "growth_step", "growth_text", "growth_base", "growth_form")


def _without_growth(c: Claim) -> Claim:
    """The claim's level alone: its rate dropped, its qualifiers the level's."""
    return replace(c, **dict.fromkeys(_GROWTH_FIELDS), growth_qualifiers=(), qualifiers=c.value_qualifiers)


def _growth_to_reached(claims: list[Claim], info: _Sentence) -> list[Claim]:
    """A rate printed before the two levels of a change («вырос почти втрое – с 14,3 до 41,1
    млрд», "roughly tripled, from $14.3 billion to $43.9 billion") is the growth of the level
    reached, not of the level started from."""
    out = list(claims)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.growth_pct is None or b.growth_pct is not None or a.value_start is None or b.value_start is None:
            continue
        at, bt = a.value_start - info.start, b.value_start - info.start
        if not (_FROM_END.search(info.masked, max(0, at - 12), at) and _TO_END.search(info.masked, max(0, bt - 60), bt)):
            continue
        if a.growth_text is not None and info.text.find(a.growth_text, 0, at) < 0:
            continue  # the rate is printed after the level started from: that level's own
        moved = {f: getattr(a, f) for f in _GROWTH_FIELDS}
        out[k] = _without_growth(a)
        quals = set(b.value_qualifiers) | set(a.growth_qualifiers)
        out[k + 1] = replace(b, **moved, growth_qualifiers=a.growth_qualifiers,
                             qualifiers=tuple(q for q in QUALIFIERS if q in quals))
    return out


def _rate_before_when(claims: list[Claim], info: _Sentence, state: _State) -> list[Claim]:
    """A rate compared with a year, then that year's level in a clause «, когда» / ", when"
    («Это почти на 8,4% больше, чем в 2017 году, когда показатель был равен 17,9 млрд», "That
    is 8.4% more than in 2017, when trade stood at $17.9 billion"): two claims — the rate,
    of the period the text is about (carried; year-on-year when the year compared with is
    the one before it), and the level of the year compared with."""
    out: list[Claim] = []
    for c in claims:
        if c.growth_pct is None or c.amount is None or c.value_start is None or c.growth_text is None:
            out.append(c)
            continue
        at = c.value_start - info.start
        m = _WHEN_YEAR.search(info.masked, max(0, at - 120), at)
        if m is None or info.text.find(c.growth_text, 0, m.start()) < 0:
            out.append(c)
            continue
        before = state.period is not None and state.period.year == int(m.group(1)) + 1
        rate = replace(c, period=None, growth_base="yoy" if before else "earlier_year", amount=None, currency=None, amount_step=None, value_text=None, value_start=None,
                       value_end=None, value_usd=None, fx_rate=None, converted=False, value_qualifiers=(),
                       qualifiers=c.growth_qualifiers)
        level = _without_growth(c)
        out += [rate, level]
    return out


def _carry(claims: list[Claim], info: _Sentence, published: dt.date | None, state: _State) -> list[Claim]:
    """Fill what each claim lacks from the document so far, flag it in ``carried``, and
    update what the next sentences will carry."""
    out = []
    claims = _rate_before_when(_growth_to_reached(claims, info), info, state)
    full_year = _FULL_YEAR.search(info.masked) if any(c.period is None for c in claims) else None
    for claim in claims:
        carried = list(claim.carried)
        whole = full_year if claim.period is None else None
        if whole is not None and state.period is not None and state.period.year is not None:
            # "January–October … $20.3 billion. For the full year, the figure is expected to top
            # $25 billion": the whole year of the period before, not its months
            claim = replace(claim, period=Period(state.period.year, 1, 12, whole.group(0), state.period.relative))
            carried.append("period")
        elif claim.period is None and state.main is not None and _SAME_BARE.search(info.masked):
            # «Оборот за 10 месяцев… в 2023-м рост превышал 30%. Поставки за тот же период…»:
            # the period the text was about, not the last year it named in passing
            claim = replace(claim, period=state.main)
            carried.append("period")
        elif claim.period is None and state.period is not None and claim.indicator != "deal" \
                and not (state.coming and claim.modality == "fact" and _PRESENT.search(info.masked)):
            # «…довести до 80 млрд к 2030 году. Сегодня он составляет около 41 млрд»: the present
            # level takes no deadline of the target before it
            # a deal's date is its signing, never the period of the trade figures before it
            claim = replace(claim, period=state.period)
            carried.append("period")
        claim = _span_end(claim, info)
        if state.economies is not None and (claim.reporter is None or claim.partner is None) \
                and not (claim.indicator == "deal" and state.economies[1] in GROUP_CODES):
            # no group is a party to a deal ("China's trade with Central Asia grew… Deals worth…")
            econ = _follow((claim.reporter, claim.partner), state.economies)
            if econ != (claim.reporter, claim.partner):
                claim = replace(claim, reporter=econ[0], partner=econ[1])
                carried.append("economies")
                claim = _by_source(claim, info)
        if claim.amount is not None and claim.currency is None and state.currency is not None:
            claim = replace(claim, currency=state.currency)
            carried.append("unit")
        if tuple(sorted(carried)) != claim.carried:
            claim = replace(_with_currency(claim, published), carried=tuple(sorted(carried)))
        out.append(claim)
    if out:
        last = out[-1]
        state.main = next((c.period for c in reversed(out) if c.period is not None and c.period.kind != "year"),
                          state.main)
        latest = max((c.period for c in out if c.period is not None and c.period.year), default=None,
                     key=lambda p: (p.year, p.last_month or 12))
        if latest is not None and last.period is not None and last.period.year and latest.year > last.period.year:
            # «…снизился до 4,2 млрд в 2016 году против 5,5 млрд годом ранее. Импорт за год…»: a
            # figure of an earlier year printed for comparison is not what the next lines are about
            state.period = latest
            state.coming = any(c.period is latest and c.modality != "fact" for c in out)
        elif last.period is not None:
            state.period, state.coming = last.period, last.modality != "fact"
        if last.reporter or last.partner:
            state.economies = (last.reporter, last.partner)
        state.hub = next((c.reporter for c in reversed(out) if c.partner in GROUP_CODES and c.reporter), state.hub)
        state.home = state.home or _home((last.reporter, last.partner))
        state.currency = next((c.currency for c in reversed(out) if c.currency), state.currency)
        state.indicator = _BASE.get(last.indicator, last.indicator)
        state.product = last.product
    elif info.periods:
        state.period, state.coming = resolve(info.periods[-1], published, context_year=state.period.year if state.period else None), False
    return out


_BASE = {"product_exports": "exports", "product_imports": "imports"}
#: the same flow seen from the partner's side (the mirror: one's exports are the other's imports)
_MIRROR = {"exports": "imports", "imports": "exports", "product_exports": "product_imports",
           "product_imports": "product_exports", "agri_exports": "agri_imports", "agri_imports": "agri_exports",
           "turnover": "turnover", "agri_trade": "agri_trade"}


#: an attribution ("according to Chinese customs", «по данным китайской таможни»): the
#: source of the figure before, no side of its own
_ATTRIBUTION = re.compile(r"(?:according\s+to|by|по\s+(?:данным|сведениям|информации|оценкам?|подсч[её]там)|сообщ\w*"
                          r"|said|says|reported|data\s+from)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)


#: an attribution's opener and at most two words before an economy: the economy says whose
#: count the figure is («по подсчётам китайской стороны», "according to the Chinese side")
_SOURCE_OF = re.compile(r"(?:(?<![\w])according\s+to|(?<![\w])по\s+(?:данным|сведениям|оценк(?:ам|е)|подсч[её]там|расч[её]там))"
                        r"\s+(?:the\s+)?(?:[^\W\d]+\s+){0,2}$", re.IGNORECASE)


#: a count noun right after an economy: «китайским данным», «по казахстанским цифрам», "Chinese
#: count", "Kazakh figures", "by Chinese numbers"
_COUNT_AFTER = re.compile(r"\s+(?:данн(?:ым|ые|ых|ыми)|подсч[её]т\w*|оценк\w*|цифр(?:ам|ы|ах)|count|tally|figures|numbers"
                          r"|estimates?)(?![\w])", re.IGNORECASE)


def _without_sources(sentence: str, found: list[_Mention], sources: list[tuple[int, int]]) -> list[_Mention]:
    """An economy named only as whose count a figure is fills a party the sentence leaves
    open in its clause («торговля с Китаем, по казахстанским данным, …» is Kazakhstan's), but never
    outranks the parties it names («По китайским данным, дефицит Казахстана в торговле с
    Китаем…» is Kazakhstan's balance, the source only chooses the statistics) nor those a
    sentence naming none carries ("By the Chinese count it was about $31 billion")."""
    spans = set(sources)
    out = []
    for m in found:
        if (m.start, m.end) in spans:
            a, b = _clause_of(sentence, m.start)
            named = {o.code for o in found if (o.start, o.end) not in spans and a <= o.start < b}
            if len(named) != 1 or m.code in named:
                continue
        out.append(m)
    return out


#: where a clause of its own begins or ends: "…$2.4 billion: Chinese customs reported…" (not a
#: dash, a copula in «Китай — партнёр Казахстана»)
_CLAUSE_BREAK = re.compile(r"[;:]")


def _clause_of(sentence: str, at: int) -> tuple[int, int]:
    """The span of the clause (between «;» or «:») holding position ``at``."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, at):
        start = m.end()
    nxt = _CLAUSE_BREAK.search(sentence, at)
    return start, nxt.start() if nxt else len(sentence)


def _subject_source(info: _Sentence) -> str | None:
    """The country whose institution is the subject of a sentence, before its first figure
    («Однако китайская статистика показывает…», "Beijing's customs reported…"), not an
    attribution ("…, according to Chinese customs", «по данным китайской таможни»)."""
    p = patterns()
    first = min([a.start for a in info.amounts] + [g[0].start for g in info.growth], default=len(info.masked))
    for m in p.economy.finditer(info.masked, info.low):
        code = lookup(p.economy_codes, m.group(0))
        if m.start() >= first or code in GROUP_CODES or "-" in code:
            return None
        if _ATTRIBUTION.search(info.masked, max(0, m.start() - 40), m.start()):
            return None
        if _rx().inst_after.match(info.masked, info.low, m.end()) or _rx().inst_before.search(info.masked, info.low, 0, m.start()):
            return code
    return None


def _home(pair: tuple[str | None, str | None]) -> str | None:
    """China's partner country in ``pair`` (not a region or a group), or None."""
    a, b = pair
    other = b if a == "CHN" else a if b == "CHN" else None
    return other if other is not None and len(other) == 3 and other not in GROUP_CODES else None


def _by_source(claim: Claim, info: _Sentence) -> Claim:
    """A figure whose economies are carried from the sentences before, in a sentence naming
    no party but one side's institution as its source («Однако китайская статистика
    показывает свыше 31 млрд», "Kazakhstan's own statistics show…"), is that side's figure:
    the source is the reporter, and an export or import is seen from its side (the mirror)."""
    if info.economies or claim.indicator not in _MIRROR:
        return claim
    source = _subject_source(info)
    if source is None or source == claim.reporter or source != claim.partner:
        return claim
    return replace(claim, reporter=claim.partner, partner=claim.reporter, indicator=_MIRROR[claim.indicator])


def _economy_mentions(sentence: str, low: str | None, *, regions: bool = True, home: str = "KAZ") -> list[_Mention]:
    """Economies named in ``sentence`` with the role the word before gives them; names
    inside an institution or source ("Минторговли РК", "China's customs") and a country
    named beside its own region ("СУАР Китая") are left out."""
    rx = _rx()
    p = patterns()
    found = []
    institutions = rx.inst_hint.search(sentence, low) is not None
    sources: list[tuple[int, int]] = []
    for m in p.economy.finditer(sentence, low):
        if institutions and (rx.inst_before.search(sentence, low, max(0, m.start() - 60), m.start())
                             or rx.inst_after.match(sentence, low, m.end())) and not _acts(sentence, low, m.end()):
            continue
        if _SOURCE_OF.search(sentence, max(0, m.start() - 40), m.start()) or _COUNT_AFTER.match(sentence, m.end()):
            sources.append((m.start(), m.end()))  # «по китайским данным», "by the Chinese count": whose count
        role = _role_at(sentence, low, m.start())
        if role == "none" and _GOODS_AFTER.match(sentence, m.end()):
            role = "origin"
        elif (role == "to" and _FELL_TO.match(sentence, m.end()) and _NA_BEFORE.search(sentence, max(0, m.start() - 4), m.start())) \
                or _SHARE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            role = "with"  # «из них на Китай пришлось …», «на долю Китая»: the partner, whichever the flow
        elif role == "to" and m.group(0).lower() in p.locative and _V_BEFORE.search(sentence, max(0, m.start() - 4), m.start()):
            role = "at"  # «закупил в Казахстане»: a place, which fills the role the others leave
        code = lookup(p.economy_codes, m.group(0))
        if code in p.cities and _IN_BEFORE.search(sentence, max(0, m.start() - 5), m.start()) and (
                m.group(0).lower() in p.city_locative or not _CYRILLIC.match(m.group(0))):
            continue  # «на приёме в Астане», "officials in Astana": the place where, not a party
        if role == "from" and _U_BEFORE.search(sentence, max(0, m.start() - 3), m.start()):
            role = "owner"
        if _EVENT_AFTER.match(sentence, m.end()):
            continue  # «на Китайской международной импортной выставке», "at the China International Import Expo"
        if code == "WLD" and role == "none":
            role = "with"
        if code == "WLD" and _OPERATIONS.match(m.group(0)) and not p.economy.match(sentence, low, _SPACE.match(sentence, m.end()).end()):
            continue  # «импортно-экспортные операции» without an owner after them: the pair's, as any trade
        if code == "CAS" and _ONE_OF_GROUP.match(sentence, m.end()) and m.group(0).lower().endswith(_SINGULAR):
            continue  # "the Central Asian nation", «центральноазиатской республики»: one country, named before
        if code in GROUP_CODES and _RANKED_IN.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # "China's largest trading partner in Central Asia", «крупнейший партнёр в ЕАЭС»: where the rank holds
        if role in ("none", "and") and (_PARTNER_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
                                        or _PARTNER_AFTER.match(sentence, m.end())):
            role = "owner"  # «…крупнейшим торговым партнёром Китая», "China's largest trading partner": whose partner
        found.append(_Mention(m.start(), m.end(), code, role))
    if sources:
        found = _without_sources(sentence, found, sources)
    found = _standins(sentence, low, found, home=home)
    if found and ("«" in sentence or '"' in sentence or "“" in sentence):
        titles = _titles(sentence)
        found = [f for f in found if not any(a <= f.start < b for a, b in titles)]
    return _without_countries_of_regions(found) if regions else found


_U_BEFORE = re.compile(r"(?<![\w])у\s+$", re.IGNORECASE)
#: The rest of an event's name after a country's word (up to three words: adjectives, or
#: capitalised words of an English name), then the event: «Китайской международной
#: импортной выставке», "China International Import Expo": the event's name, not a party.
#: The nouns of an event, the head of its name (declared once for _EVENT_AFTER and _TITLE_NOUN).
_EVENT_NOUNS = r"выставк\w*|экспо|ярмарк\w*|форум\w*|саммит\w*|expo|fair|exhibition|forum|summit"
#: English nouns that a quoted name may stand before or after: "the «…» forum", "Expo «…»".
_TITLE_NOUNS_EN = r"expo|forum|fair|exhibition|summit|conference|company|project|programme|program|brand|terminal|hub|festival"
_EVENT_AFTER = re.compile(r"(?:[\s-]+(?:(?i:международн|импортн|экспортн|торгов|промышленн|инвестиционн|ярмарочн)\w*"
                          r"|[A-Z][\w-]*))" r"{0,3}[\s-]+(?i:" + _EVENT_NOUNS + r")(?![\w-])")
_TITLE = re.compile(r"[«\"“]([^«»\"“”\d]{1,60})[»\"”]")
_TITLE_NOUN = re.compile(r"(?:" + _EVENT_NOUNS + r"|компани\w*|проект\w*|программ\w*|фестивал\w*"
                         r"|конференци\w*|бренд\w*|терминал\w*|хаб\w*|" + _TITLE_NOUNS_EN +
                         # a published piece's title: «В материале «Китай стал главным партнёром» …»
                         r"|материал\w*|стать[яиеюй]\w*|публикаци\w*|заметк\w*|article|story|piece)\s*$", re.IGNORECASE)
_TITLE_NOUN_AFTER = re.compile(r"\s*(?:" + _TITLE_NOUNS_EN + r")(?![\w])", re.IGNORECASE)


def _titles(sentence: str) -> list[tuple[int, int]]:
    """Spans of quoted names of events, companies and projects (ЭКСПО «Китай – Евразия», the
    "China-Central Asia" summit's forum «…»): an economy named inside one is no party."""
    return [(m.start(), m.end()) for m in _TITLE.finditer(sentence)
            if _TITLE_NOUN.search(sentence, max(0, m.start() - 25), m.start()) or _TITLE_NOUN_AFTER.match(sentence, m.end())]


def _without_countries_of_regions(found: list[_Mention]) -> list[_Mention]:
    """A country named beside its own region ("СУАР Китая") is left out: the region is the party."""
    regions = {c.code.split("-")[0] for c in found if "-" in c.code}
    country_of = {"CN": "CHN", "KZ": "KAZ"}
    drop = {country_of[r] for r in regions if r in country_of}
    return [m for m in found if m.code not in drop] if drop else found


_CLAUSE_END = re.compile(r"[,;:]")
_SPACE = re.compile(r"\s*")
_OPERATIONS = re.compile(r"(?:импортно|экспортно|внешнеторгов)\S*\s+операци", re.IGNORECASE)


def _acts(sentence: str, low: str | None, at: int) -> bool:
    """True when an institution named just before ``at`` sets a target or a plan in its own
    clause («Правительство Казахстана поставило задачу увеличить экспорт…», "China's
    commerce ministry plans to raise imports…"): it speaks for its country, which is a
    party, not a source."""
    rx = _rx()
    brk = _CLAUSE_END.search(sentence, at, at + 40)
    end = brk.start() if brk else min(len(sentence), at + 40)
    return bool(rx.target.search(sentence, low, at, end) or rx.plan.search(sentence, low, at, end))


def _role_at(sentence: str, low: str | None, at: int) -> str:
    """The role the word before position ``at`` gives an economy ("из", "to", "with")."""
    m = _rx().role.search(sentence, low, max(0, at - 40), at)
    if m is None:
        return "none"
    return ROLE_WORDS["-"] if m.group("h") else ROLE_WORDS[m.group("w").lower()]


_NAME_AFTER = re.compile(r"\s+[А-ЯЁA-Z]")
#: An adjective other than «наш» before «республика» / «страна» makes it someone's country.
_ADJ_BEFORE = re.compile(r"(?<![\w-])(?!наш)[а-яё-]+(?:ая|ой|ую|ий|ый|ое|ые|ие|их|ым|ому|ого|ей|ых|ими|ыми)\s+$",
                         re.IGNORECASE)
#: A group's adjective before a singular noun stands for one member ("the resource-rich
#: Central Asian nation", «центральноазиатская республика»), not for the group.
_ONE_OF_GROUP = re.compile(r"\s+(?:nation|country|state|republic|neighbou?r|economy|partner"
                           r"|стран[аыеуо]й?|республик(?:а|и|е|у|ой)|государств(?:о|а|у|ом|е)|экономик(?:а|и|е|у|ой)"
                           r"|сосед(?:а|у|ом|е)?|партн[её]р(?:а|у|ом|е)?)(?![\w])", re.IGNORECASE)
_SINGULAR = ("asian", "ая", "ой", "ую", "ий", "ого", "ому", "ом", "ым", "ое")
_NA_BEFORE = re.compile(r"(?<![\w])на\s+$", re.IGNORECASE)
#: A partner's rank and where it holds: "largest trading partner in", «крупнейшим партнёром в (среди)».
_RANKED_IN = re.compile(r"(?:partner|партн[её]р\w*)(?:\s+[А-ЯЁA-Z][\w'’-]*)?\s+(?:in|among|within|в|во|среди)\s+(?:the\s+)?(?:countries\s+of\s+(?:the\s+)?"
                        r"|стран\w*\s+)?$", re.IGNORECASE)
#: The owner of a partnership, whose statistics rank its partners (the lead's convention,
#: docs/claims.md): the economy right after a partner noun («крупнейшим торговым партнёром
#: Китая», «среди торговых партнёров Казахстана») or before "'s … partner" ("China's largest
#: trading partner", "Kazakhstan's second-biggest trade partner").
_PARTNER_BEFORE = re.compile(r"(?<![\w])партн[её]р(?:а|у|ом|е|ов|ами|ам|ы)?\s+$", re.IGNORECASE)
_PARTNER_AFTER = re.compile(r"(?:(?<=['’]s)|(?<=['’])|['’]s?)\s+(?:[\w-]+\s+){0,3}?(?:trad(?:e|ing)\s+)?partners?(?![\w])", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"(?<![\w])на\s+дол[юи]\s+$", re.IGNORECASE)
_V_BEFORE = re.compile(r"(?<![\w])во?\s+$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"(?:в|во|in)\s+$", re.IGNORECASE)
_IN_BEFORE = re.compile(r"(?<![\w])(?:в|во|in|at)\s+$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _standins(sentence: str, low: str | None, found: list[_Mention], *, home: str = "KAZ") -> list[_Mention]:
    """Mentions of stand-ins resolved: "Beijing" / «Пекин» is China unless it is a place
    ("in Beijing"), and Astana beside it is Kazakhstan; «наша страна» / «республика» /
    "our country" is ``home`` (China's partner in the document's first pair; Kazakhstan
    until one is named) when the sentence names neither Kazakhstan nor another country
    beside China: where Kazakhstan is named the stand-in is someone else's country, and a
    sentence naming a neighbour may come from its press."""
    capital = [m for m in found if sentence[m.start:m.end].lower().startswith(CAPITAL_STANDINS)]
    if capital:
        found = [m for m in found if m not in capital or not _PLACE_BEFORE.search(sentence, max(0, m.start - 5), m.start)]
        if any(m in found for m in capital):
            found = [_Mention(m.start, m.end, "KAZ", m.role) if m.code == "KZ-71" else m for m in found]
    if any(m.code not in ("CHN", "CN-XJ") and m.code not in GROUP_CODES for m in found):
        return found
    rx = _rx()
    extra = []
    for m in rx.our_country.finditer(sentence, low):
        if _NAME_AFTER.match(sentence, m.end()) or _ADJ_BEFORE.search(sentence, max(0, m.start() - 30), m.start()):
            continue  # «Республика Корея», «республики Узбекистан», «центральноазиатскую республику»
        extra.append(_Mention(m.start(), m.end(), home, _role_at(sentence, low, m.start())))
    return sorted(found + extra, key=lambda m: m.start) if extra else found


def _source_economy(sentence: str, low: str | None) -> str | None:
    """The country whose institution is the source of a sentence ("China's customs said",
    «по данным ГТУ КНР»): the reporter of a scope it reports on (its trade with the Belt and
    Road countries), never a party otherwise."""
    p = patterns()
    kept = {(m.start, m.end) for m in _economy_mentions(sentence, low)}
    for m in p.economy.finditer(sentence, low):
        code = lookup(p.economy_codes, m.group(0))
        if (m.start(), m.end()) not in kept and code not in GROUP_CODES and "-" not in code:
            return code
    return None


def _analyse(original: str, sentence: str, low: str | None, offset: int, *, home: str = "KAZ") -> _Sentence:
    rx = _rx()
    p = patterns()
    lang = "ru" if len(rx.cyr.findall(sentence)) >= len(rx.lat.findall(sentence)) else "en"
    bases = find_bases(sentence, low)
    if any(_K_YEAR.match(sentence, a) for a, _b, _n in bases) and (
            rx.target.search(sentence, low) or rx.plan.search(sentence, low) or rx.forecast.search(sentence)):
        # "увеличить на 50% к 2030 году": in a target, plan or forecast «к» is "by", a period
        bases = [b for b in bases if not _K_YEAR.match(sentence, b[0])]
    periods = find_periods(sentence, masked=bases, low=low)
    printed = find_amounts(sentence, lang=lang, low=low)
    amounts = [a for a in printed if not _difference(sentence, low, a)
               and not _RETRACTED.search(sentence, max(0, a.start - _RETRACTED_REACH), a.start)]
    changes = [(m.start(), 1 if m.group("up") else -1) for m in rx.up_down.finditer(sentence, low)]
    shares = [m.start() for m in rx.share.finditer(sentence, low)]
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
    growth = []
    for pc in find_percents(sentence, lang=lang, low=low):
        if pc.form == "points" or _after_share(pc.start, shares, breaks) or (
                pc.form == "multiplier" and _RATIO_OF_FIGURES.match(sentence, pc.end)) or (
                pc.form == "percent" and (rx.level_pct.search(sentence, low, max(0, pc.start - 8), pc.start)
                                          or _part_of(sentence, low, pc))):
            continue
        if _company_rate(sentence, pc) or _quantity_rate(sentence, low, pc):
            continue
        sign = _growth_sign(sentence, low, pc, changes)
        if sign != 0 and not _against_another_scope(sentence, low, pc, periods, bases):
            growth.append((pc, sign))
    products = tuple((m.start(), m.end(), lookup(p.product_codes, m.group(0))) for m in p.product.finditer(sentence, low))
    products, narrowing = _narrowed(sentence, products)
    products = _without_causes(sentence, products, [a.start for a in amounts] + [g[0].start for g in growth])
    agri = tuple(m.start() for m in p.agri.finditer(sentence, low))
    cuts = tuple(m.start() for m in CONTRAST.finditer(sentence))
    figures = [a.start for a in amounts] + [g[0].start for g in growth]
    tails = tuple(m.start() for m in _TAIL.finditer(sentence, min(figures))) if figures else ()
    economies = _economy_mentions(sentence, low, regions=False, home=home)
    if figures and economies:
        # "…выросли до 472 млн долларов: китайские сталевары искали замену…": a clause with no figure
        # after a colon, once a party is named before it, describes the figures
        colons = [m.start() for m in _COLON_TAIL.finditer(sentence, min(figures)) if economies[0].start < m.start()]
        tails = tuple(sorted(set(tails) | set(colons))) if colons else tails
    if tails:
        # "…$1 million in 2019, when Chinese brands had almost no presence", "…, which made China its
        # second market": a clause describing the figures, holding none, names no party to them
        places = [(t, _clause_end(sentence, cuts, t)) for t in tails]
        places = [(a, b) for a, b in places if not any(a <= f < b for f in figures)]
        economies = [m for m in economies if not any(a <= m.start < b for a, b in places)]
    # after the describing clauses are left out: "…from China, official data show — a number few
    # traders in Almaty take at face value" keeps Kazakhstan
    economies = _without_countries_of_regions(economies)
    # «китайского оборудования», "Chinese machinery": a party, not a part of the group
    vague = tuple(at for w, at in narrowing if not any(e.start <= w < e.end for e in economies))
    lists = {"economies": tuple(economies), "periods": tuple(periods), "bases": tuple(bases),
             "amounts": tuple(amounts), "growth": tuple(growth), "products": products, "agri": agri}
    return _Sentence(original, offset, lang, sentence, low, cuts=cuts, index=_index(**lists), modalities={},
                     units=tuple(a.currency for a in printed if a.currency), tails=tails, vague=vague, **lists)


#: A clause naming the cause of a change: "driven by", "thanks to", "on the back of", «благодаря»,
#: «(в основном) за счёт»; it runs to the next comma, semicolon or the sentence's end.
_CAUSE = re.compile(r"(?<![\w])(?:driven\s+by|thanks\s+to|on\s+the\s+back\s+of|owing\s+to|due\s+to|fuell?ed\s+by"
                    r"|led\s+by|благодаря|за\s+сч[её]т|на\s+фоне)(?![\w])[^,;]*", re.IGNORECASE)


def _without_causes(sentence: str, products: tuple, figures: list[int]) -> tuple:
    """The product mentions outside a cause clause holding no figure of its own: "exports
    grew by more than half, driven by metals and grain" names no product of the claim
    (issue 14, fresh13 en-f13-005); «за счёт роста поставок нефти на 20%» keeps its own."""
    causes = [(m.start(), m.end()) for m in _CAUSE.finditer(sentence)
              if not any(m.start() <= f < m.end() for f in figures)]
    if not causes:
        return products
    return tuple(p for p in products if not any(a <= p[0] < b for a, b in causes))


#: What leads from a rate to the level it reaches: "…выросли на 12%, до 1,4 млн тонн", "rose 8%
#: to 2.1 million tonnes", «на 15% – до 320 тыс. контейнеров» (the level then read by
#: :func:`corridor.claims.numbers.quantity_at`).
_TO_LEVEL = re.compile(
    r"\s*(?:[,–—-]\s*)?(?:до|to|and\s+reached|достигнув|составив)\s+(?:(?:около|почти|более|about|nearly"
    r"|almost|over|some)\s+)?", re.IGNORECASE)


def _quantity_rate(sentence: str, low: str | None, pc: Percent) -> bool:
    """Whether a rate is the change of a physical quantity: the level it reaches, right
    after it, is in tonnes, containers, cars… (issue 14, fresh14 f14-ru02: «отгрузки через
    погранпереход Хоргос выросли на 12%, до 1,4 млн тонн» is no growth of a trade value)."""
    m = _TO_LEVEL.match(sentence, pc.end)
    return m is not None and quantity_at(sentence, m.end(), low=low)


#: A firm as the subject of its own clause ("but the company hopes to triple its sales",
#: «но компания рассчитывает утроить продажи»).
_FIRM = re.compile(r"(?<![\w])(?:the\s+(?:company|firm|producer|manufacturer|plant|factory|exporter|business)"
                   r"|(?:компани|фирм|предприяти|производител|завод|фабрик)\w*)(?![\w])", re.IGNORECASE)


def _company_rate(sentence: str, pc: Percent) -> bool:
    """Whether a rate is a firm's own, in a clause of its own after the trade figure
    ("Kazakhstan's honey exports to China were about $1.2 million last year, but the company
    hopes to triple its sales by 2025"): a business plan, not a claim about the trade."""
    starts = [m.end() for m in CONTRAST.finditer(sentence, 0, pc.start)]
    return bool(starts) and _FIRM.search(sentence, starts[-1], pc.start) is not None


def _covers(wide: tuple[str, ...], narrow: tuple[str, ...]) -> bool:
    """Whether HS prefixes ``wide`` hold every line of ``narrow`` (and are not the same)."""
    return wide != narrow and all(any(n.startswith(w) for w in wide) for n in narrow)


@cache
def _narrower_stems() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(stem, key, HS prefixes) of each one-word name of a product: the lemma or English
    word without its ending («телефон», «компьютер», "phone"), at least five letters."""
    out = []
    for prod in PRODUCTS:
        for name in prod.ru + prod.en:
            if " " not in name:
                stem = re.sub(r"(?:ь|а|я|s)$", "", name.lower())
                if len(stem) >= 5:
                    out.append((stem, prod.key, prod.hs))
    return tuple(out)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s-]+$")
#: What joins two goods named for one figure: «смартфонов и телефонного оборудования»,
#: "smartphones and telecom equipment" (one word may qualify the second).
_AND_GOODS = re.compile(r"\s*(?:,\s*(?:и\s+|and\s+)?|\s(?:и|and|&)\s)\s*(?:[^\W\d_]+\s+)?$", re.IGNORECASE)
#: A word that narrows a wide group to a part the catalogue has no group for («нефтяного
#: оборудования», "mining equipment"): a Russian adjective, or an English lowercase word that
#: is no verb form, plural or function word.
_RU_ADJECTIVE = re.compile(r"[а-яё]+(?:ое|ого|его|ая|яя|ой|ей|ую|юю|ые|ие|ых|их|ым|им|ыми|ими|ый|ий|ому|ему|ом|ем|ее)")
_EN_MODIFIER = re.compile(r"(?!(?:of|and|or|the|a|an|its|their|our|for|in|with|from|to|on|by|at|worth|some|all|other|new"
                          r"|modern|various|such|more|most|less|much|many|any|this|that|these|those|own)$)"
                          r"[a-z]+(?<!ed)(?<!s)")
#: Words before a group that do not narrow it («прочее оборудование», «новая техника»).
_RU_NOT_NARROWING = re.compile(r"(?:прочи|друг|ин|нов|современн|различн|разн|вс|так|эт|сам|наш|ваш|свой|сво|ег|е[её]"
                               r"|каждо|люб|основн|главн|крупн|значительн"
                               r"|импорт|экспорт|ввоз|вывоз|поставк|закупк|объ[её]м|рын|торгов|продаж)\w*")


def _narrowed(sentence: str, products: tuple[tuple[int, int, str], ...]
              ) -> tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int], ...]]:
    """The product mentions with each wide group narrowed to the product the text names in
    or beside it, and the groups the text names only a part of.

    A wide group named with a narrower product's word right before it is that product:
    «телефонного оборудования», "telephone equipment" are phones (8517), «компьютерная
    техника», "computer equipment" computers (8471), never the whole of machinery (84+85):
    a product the text names inside a wider word wins over the wider word (the narrower
    product's HS lines must lie within the group's: «нефтяное оборудование» is no oil).  So
    does a narrower product coordinated with it for one figure ("smartphones and telecom
    equipment": phones).  A group still qualified by a word of its own («нефтяного
    оборудования», "mining machinery"), and goods of different products coordinated for one
    figure ("wheat and barley": neither 1001 nor 1003), are returned as (word start,
    mention start): their figure is of goods no group of the catalogue is, and no verdict
    may rest on one."""
    out = []
    for a, b, key in products:
        m = _WORD_BEFORE.search(sentence, max(0, a - 30), a)
        if m is not None:
            word, wide = m.group(1).lower(), BY_KEY[key].hs
            narrow = next((k for stem, k, hs in _narrower_stems() if word.startswith(stem) and _covers(wide, hs)), None)
            if narrow is not None:
                a, key = m.start(1), narrow
        out.append([a, b, key])
    vague: list[tuple[int, int]] = []
    for first, second in zip(out, out[1:]):
        if first[2] == second[2] or not _AND_GOODS.match(sentence[first[1]:second[0]]):
            continue
        one, other = BY_KEY[first[2]].hs, BY_KEY[second[2]].hs
        if _covers(one, other) or _covers(other, one):
            narrow = second[2] if _covers(one, other) else first[2]
            first[2] = second[2] = narrow
        elif not _RESPECTIVELY.search(sentence):  # «нефть и газ – 3 и 1 млрд соответственно»: one figure each
            vague += [(first[0], first[0]), (second[0], second[0])]
    for a, _b, key in out:
        m = _WORD_BEFORE.search(sentence, max(0, a - 30), a)
        if m is None or not any(_covers(BY_KEY[key].hs, other.hs) for other in PRODUCTS):
            continue
        word = m.group(1)
        if (_RU_ADJECTIVE.fullmatch(word.lower()) and not _RU_NOT_NARROWING.fullmatch(word.lower())) \
                or _EN_MODIFIER.fullmatch(word):
            vague.append((m.start(1), a))
    return tuple((a, b, key) for a, b, key in out), tuple(vague)


#: A trailing clause that describes what comes before it: an apposition (", a level …"), a
#: relative clause (", which …", «, что …», «, который …») or a time or place (", when …",
#: «, когда …»).
_TAIL = re.compile(r"(?:,|\s[—–])\s+(?:a|an|the)\s+(?:level|figure|number|sum|amount|record|volume|result)(?![\w])"
                   r"|,\s+(?:which|that|when|where"
                   r"|что|котор\w+|когда|где)(?![\w])"
                   # a clause of cause or time, with a comma or not: "… after Beijing lifted
                   # restrictions on Kazakh elevators", «…, после того как Пекин снял ограничения»
                   r"|,?\s+(?:after|because|thanks\s+to|amid|после\s+того\s+как|благодаря|поскольку|так\s+как"
                   r"|на\s+фоне|из-за)(?![\w])"
                   # "…, with Kazakhstan its top partner", «, при этом крупнейшим партнёром остаётся
                   # Казахстан»: who ranks first among the partners, not a party to the figure
                   r"|,\s+with\s+(?=\S+(?:\s+\S+)?\s+(?:as\s+)?(?:its|their|the)\s+(?:top|main|largest|biggest|leading|key"
                   r"|second|third)\s)"
                   r"|,\s+(?:при\s+этом|причём|причем)\s+(?=(?:крупнейш|главн|основн|ведущ)\w*\s+(?:торгов\w+\s+)?партн)"
                   # what became of a part of the goods: "…, much of it re-exported to Russia",
                   # «…, значительная часть реэкспортирована в Россию»
                   r"|,\s+(?:much|most|part|half|the\s+bulk|a\s+(?:large|big|good|significant)\s+(?:part|share))\s+of\s+"
                   r"(?:it|them|which|this|that)(?![\w])"
                   r"|,\s+(?:значительн|больш|основн|львин|существенн)\w*\s+(?:част|дол)\w*(?![\w])",
                   re.IGNORECASE)


_COLON_TAIL = re.compile(r":\s+(?=[^\W\d_])")


def _clause_end(sentence: str, cuts: tuple[int, ...], at: int) -> int:
    """The next contrastive break after ``at``, else the sentence's end."""
    k = bisect_right(cuts, at)
    return cuts[k] if k < len(cuts) else len(sentence)




def _difference(sentence: str, low: str | None, a: Amount) -> bool:
    """True when an amount is a difference, not a level: a verb of change and «на»/"by"
    before it ("вырос на 9,9 млрд долларов", "rose by $9.9 billion", "up $2 billion") or a
    comparative right after it ("на 2,2 млрд больше, чем годом ранее", "$9.9 billion
    higher"): checked as a level it would be called wrong."""
    rx = _rx()
    return bool(rx.after.match(sentence, low, a.end)
                or rx.change_by.search(sentence, low, max(0, a.start - 40), a.start)
                or _EXCEEDED_BY.search(sentence, max(0, a.start - 60), a.start)
                or _GAP_OF.search(sentence, max(0, a.start - 40), a.start))


#: the gap between two counts of one flow («Расхождение почти в 14 млрд долларов», "a
#: discrepancy of nearly $14 billion"): a difference of two figures, not a flow
_GAP_OF = re.compile(r"(?<![\w])(?:расхождени\w*|discrepanc\w*)\s+(?:(?:почти|около|более|свыше|примерно|of|nearly|almost"
                     r"|about|some|over|more\s+than|в|на)\s+){0,3}$", re.IGNORECASE)


#: "импорт превысил экспорт на 2 млрд", "imports exceeded exports by $2 billion": a difference
_EXCEEDED_BY = re.compile(r"(?<![\w])(?:превыс\w*|превыша\w*|exceed\w*|outstrip\w*|surpass\w*)(?:\s+[^\s\d,.;]+){0,3}?"
                          r"\s+(?:на|by)\s+(?:почти\s+|более\s+|около\s+|nearly\s+|almost\s+|about\s+|over\s+|some\s+)?$",
                          re.IGNORECASE)


#: A figure being corrected: «…22,1 млрд, а не 12,1 млрд, как было указано ранее», "…$22.1bn,
#: not $12.1bn as previously reported", «ошибочно указано 12,1 млрд», "was wrongly given as
#: $12.1bn": the retracted figure is no claim, the corrected one is.
_RETRACTED = re.compile(r"(?:(?:,|\s[—–-])\s*(?:а\s+)?не|,\s*not|(?<![\w])(?:а\s+не|rather\s+than|instead\s+of))\s+(?:\$|US\$)?$"
                        r"|(?<![\w])(?:ошибочно|неверно|по\s+ошибке|ошибочн(?:ая|ый|ое|ые)|erroneously|incorrectly|mistakenly"
                        r"|wrongly)\s(?:[^.;!?]|\.(?=\d)){0,80}?(?:\$|US\$)?$", re.IGNORECASE)
#: How far before a figure :data:`_RETRACTED` is looked for: the longest marker word and the
#: 80 characters it allows before the figure («ошибочно указано, что экспорт Казахстана в
#: Китай в 2023 году составил 17,8 млрд»: 70 characters).
_RETRACTED_REACH = 100
_K_YEAR = re.compile(r"\s*к\s", re.IGNORECASE)
_PART_OF = re.compile(r"\s+(?:of|от|из)\s", re.IGNORECASE)
_BY = re.compile(r"(?:на|by)\s+$", re.IGNORECASE)


def _part_of(sentence: str, low: str | None, pc: Percent) -> bool:
    """True when a percentage is a part of a whole ("40 percent of which", «40% от общего
    объёма», «20% из них»), not a change ("на 23% от уровня 2022 года" is one)."""
    return bool(_PART_OF.match(sentence, pc.end) and not _BY.search(sentence, max(0, pc.start - 4), pc.start))


#: a multiplier comparing two figures, not two periods: «вдвое большую цифру», "double that
#: figure", "twice the number"
_RATIO_OF_FIGURES = re.compile(r"\s+(?:(?:больш|меньш|высок|низк)(?:ая|ую|ой|ей|ий|ое|ие|их)\s+(?:цифр|сумм|показател|значени|оценк)\w*"
                               r"|(?:that|the|this|their|its|Kazakhstan's|China's)\s+(?:figure|number|amount|sum|estimate)s?"
                               # "more than double what Kazakh statistics show": a ratio of two counts
                               r"|what|(?:(?:больше|меньше)\s+)?того,?\s+что"
                               r"(?![\w]))", re.IGNORECASE)


def _after_share(at: int, shares: list[int], breaks: list[int]) -> bool:
    """True when a share word ("доля", "share") stands before ``at`` in the same clause."""
    k = bisect_left(shares, at)
    if k == 0:
        return False
    clause_start = breaks[bisect_left(breaks, at) - 1] if bisect_left(breaks, at) else 0
    return shares[k - 1] >= clause_start


_PLUS_MINUS = re.compile(r"(?<![\w])(плюс|минус|plus|minus)\s+$", re.IGNORECASE)
_OPENING_RATE = re.compile(r"\s*(?:почти\s+|более\s+чем\s+|около\s+|nearly\s+|almost\s+|about\s+)?(?:на|by)\s+$",
                           re.IGNORECASE)


def _growth_sign(sentence: str, low: str | None, pc: Percent, changes: list[tuple[int, int]]) -> int:
    """+1 / -1 if the percentage is a change (a rise or a fall), 0 if it is something else
    (a share, a rate).  A comparative right after the number ("на 8% больше") decides
    first, then the nearest verb of change before it in the sentence, then one right after
    it ("На 15% вырос товарооборот")."""
    rx = _rx()
    if pc.multiplier and pc.falling:
        return -1
    if pc.form == "percent" and pc.start:  # "(+32%)", "(-3,5%)"; not a range "5-7%"
        sign_char, before = sentence[pc.start - 1], sentence[pc.start - 2:pc.start - 1]
        if sign_char == "+":
            return 1
        if sign_char in "-−–" and before in ("", " ", "("):
            return -1
    signed = _PLUS_MINUS.search(sentence, max(0, pc.start - 12), pc.start)
    if signed:  # «43,8 млрд долларов и плюс 6,8%», "minus 4%"
        return 1 if signed.group(1).lower() in ("плюс", "plus") else -1
    after = rx.after.match(sentence, low, pc.end)
    if after:
        return 1 if after.group("up") else -1
    k = bisect_left(changes, (pc.start, -2))
    if k:
        sign = changes[k - 1][1]
    else:
        nxt = changes[k] if k < len(changes) else None
        # "На 15% вырос…"; a rate opening the sentence may have an inserted level before its
        # verb («На 37% — до 17,9 млрд долларов — вырос товарооборот»)
        reach = 50 if _OPENING_RATE.match(sentence[:pc.start]) else 25
        sign = nxt[1] if nxt is not None and pc.end <= nxt[0] <= pc.end + reach else 0
    if sign == 0:
        return 1 if pc.multiplier else 0
    return sign


#: «подписано 18 документов на 1,4 млрд», "signed 12 documents worth…": a document is a deal
#: only right after a verb of signing.
_DOCUMENT_WORD = re.compile(r"документ|document", re.IGNORECASE)
_SIGNED = re.compile(r"(?:подписа\w*|заключ\w*|signed|inked)(?:\s+\S+){0,2}\s+$", re.IGNORECASE)


#: a relative clause commenting on the figure before it (", which I think undercounts imports",
#: «, что, по-моему, занижает импорт», «, которые не учитывают…»)
_COMMENT = re.compile(r",\s*(?:which|что|котор\w+)(?![\w])", re.IGNORECASE)


def _comment_after_figures(sentence: str, at: int) -> bool:
    """Whether an indicator word at ``at`` stands in a relative clause after the sentence's
    last figure ("$14 billion, which I think undercounts imports"): a comment on the
    figure, not its indicator (no digit follows it; one precedes the clause)."""
    if _DIGIT.search(sentence, at) is not None:
        return False
    clause = None
    for m in _COMMENT.finditer(sentence, 0, at):
        clause = m
    return clause is not None and _DIGIT.search(sentence, 0, clause.start()) is not None \
        and _DIGIT.search(sentence, clause.end(), at) is None


def _segments(sentence: str, low: str | None) -> list[tuple[int, int, str]]:
    """(start, end, indicator) per indicator mention; consecutive mentions
    of one indicator merge; the first segment starts at the sentence start."""
    p = patterns()
    rx = _rx()
    found = [(m.start(), m.end(), lookup(p.indicator_codes, m.group(0))) for m in p.indicator.finditer(sentence, low)
             if not rx.inst_indicator.search(sentence, low, max(0, m.start() - 20), m.start())
             and not NOT_INDICATOR.match(sentence, m.end())
             and (not _DOCUMENT_WORD.match(sentence, m.start())
                  or _SIGNED.search(sentence, max(0, m.start() - 40), m.start()) is not None)
             and not _comment_after_figures(sentence, m.start())]
    merged: list[list] = []
    for s, e, ind in found:
        if merged and merged[-1][2] == ind:
            continue
        if merged and merged[-1][2] == "balance" and ind == "turnover" and s - merged[-1][1] <= 25 \
                and not _DIGIT.search(sentence, merged[-1][1], s):
            continue  # "сальдо внешней торговли", "balance of trade": one balance mention
        if merged and merged[-1][2] == "deal" and ind in ("exports", "imports", "turnover") \
                and _DEAL_ON.fullmatch(sentence, merged[-1][1], s):
            continue  # «соглашения о поставках зерна на 200 млн», "deals on grain supplies": the deal's subject
        merged.append([s, e, ind])
    starts = [0] + [_clause_start(sentence, merged[i - 1][1], s) for i, (s, _e, _ind) in enumerate(merged) if i]
    return [(starts[i], starts[i + 1] if i + 1 < len(merged) else len(sentence), ind)
            for i, (_s, _e, ind) in enumerate(merged)]


def _clause_start(sentence: str, after: int, at: int) -> int:
    """Where the segment of the indicator mention at ``at`` starts: at the mention, or at a
    contrastive break before it with no figure between (", while China's exports to
    Kazakhstan…", «, тогда как китайский экспорт…»): the economies named after the break
    are the new clause's, not the figures' before it."""
    cut = None
    for m in CONTRAST.finditer(sentence, after, at):
        cut = m
    if cut is None or _DIGIT.search(sentence, cut.end(), at):
        return at
    return cut.end()


#: Between a deal noun and a flow noun that is its subject («соглашения о поставках», "contracts
#: on wheat exports", "agreements for the supply"): a preposition and at most one word.
_DEAL_ON = re.compile(r"\s+(?:о|об|по|на|on|for|covering)\s+(?:[^\W\d]+\s+)?", re.IGNORECASE)


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


def _follow(econ: tuple[str | None, str | None], prev: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """Economies of a claim that continues an earlier one: all of the earlier ones when it
    names none; one economy named where the earlier partner was a group is the member
    meant ("…с Центральной Азией… На долю Казахстана пришлось…"); a missing one from the
    earlier claim ("Uzbekistan's trade with China…, while Kyrgyzstan followed with…")."""
    if econ == (None, None):
        return prev
    named = econ[0] or econ[1]
    if (econ[0] is None or econ[1] is None) and prev[1] in GROUP_CODES and named != prev[0]:
        return prev[0], named
    if econ[0] is None and prev[0] != econ[1]:
        return prev[0], econ[1]
    if econ[1] is None and prev[1] != econ[0]:
        return econ[0], prev[1]
    return econ


def _rate_against(info: _Sentence, amounts: list, j: int):
    """The rate printed right before the ``j``-th figure as its base ("up 8.4 percent from
    $17.94 billion in 2017", "more than double the $19.4 billion recorded in 2018", «на 11%
    против 1,07 млрд»), when the figure before has none of its own: that figure's growth."""
    if not j:
        return None
    rates = info.within("growth", amounts[j - 1].end, amounts[j].start)
    if len(rates) != 1:
        return None
    pc = rates[0][0]
    return rates[0] if _COMPARED.search(info.masked, pc.start, amounts[j].start) else None


def _span_growth(info: _Sentence, spans: list[tuple[int, int]], amounts: list, j: int) -> list:
    """The rates of the ``j``-th of several figures: those of its span, less one whose base
    is this figure, plus one of the next span whose base is the next figure
    (:func:`_rate_against`; issue 14, fresh13 en-f13-018 and en-f13-011)."""
    a, b = spans[j]
    mine = [g for g in info.within("growth", a, b) if g is not _rate_against(info, amounts, j)]
    if not mine and j + 1 < len(amounts) and (back := _rate_against(info, amounts, j + 1)) is not None:
        mine = [back]
    return mine


def _against_earlier(main: Claim, base: Claim) -> Claim:
    """A rate against a figure of an earlier year of its own ("$41 billion in 2023, more
    than double the $19.4 billion recorded in 2018"): a change over a span of years
    (``earlier_year``), never year on year."""
    if main.growth_pct is None or main.period is None or base.period is None \
            or main.period.year is None or base.period.year is None or main.period.year - base.period.year <= 1:
        return main
    return replace(main, growth_base="earlier_year")


def _claim_spans(info: _Sentence, sentence: str, seg_start: int, seg_end: int, items: list) -> list[tuple[int, int]]:
    """One span per item (amount, or growth rate when there is no amount); consecutive
    items are cut at the last comma or semicolon between them ("$31.5 bn in 2023, | up from
    $24.1 bn in 2022"; "$14.8 billion in 2023, up 5%, | compared with $14.1 billion in 2022":
    the rate stays with the figure it follows), else at the first dash ("нефть – 1,89 млрд
    долларов | – …"), else after what is
    attached to the first ("$16.4 billion in 2023 | from $14.8 billion in 2022", "$185.7
    million of barley | and $147 million of wheat"), so each keeps its own product,
    economies and period."""
    if len(items) <= 1:
        return [(seg_start, seg_end)]
    cuts = [seg_start]
    for prev, nxt in zip(items, items[1:]):
        brk = _item_break(sentence, prev.end, nxt.start)
        cut = brk.end() if brk else _attached_end(info, sentence, prev.end, nxt.start)
        contrast = [c for c in info.cuts if prev.end <= c < nxt.start and info.within("growth", c, nxt.start)]
        if contrast:
            # «…достиг 2,68 млрд, а урана — на 40%, до 1,76 млрд»: a contrastive item carrying its
            # own rate begins at the contrast, not at the last comma (fresh13 ru-f13-033)
            cut = contrast[0]
        label = _label_product(info, sentence, prev.end, nxt.start)
        cuts.append(min(cut, label[0]) if label is not None else cut)
    cuts.append(seg_end)
    return [(cuts[k], cuts[k + 1]) for k in range(len(items))]


def _item_break(sentence: str, a: int, b: int) -> re.Match[str] | None:
    """The clause break that ends an item: the last comma or semicolon in ``[a, b)``, else
    the first dash (a later dash labels the next figure: «в 2024 году – 15 млрд»); an
    opening parenthesis that does not open on the figure comes before the dash: «14,8 млрд
    (годом ранее – 13,2 млрд)», the parenthesis is the next figure's (in "oil ($3.8 billion)
    and copper ores ($2.8 billion)" the word before it labels the figure)."""
    first = last = None
    for m in CLAUSE_BREAK.finditer(sentence, a, b):
        first = first or m
        if m.group() in ",;":
            last = m
    opening = _OPENING.search(sentence, a)  # the whole sentence: the look-ahead sees the figure at ``b``
    return last or (opening if opening is not None and opening.start() < b else None) or first


#: An opening parenthesis not followed by a figure (the match ends before it: the
#: parenthesis starts the next item).
_OPENING = re.compile(r"(?=\((?!\s*(?:US\$|\$|€|¥|£)?\s*\d))")


#: A label printed right before a figure ("телефоны – 938 млн", "oil: $3.1 billion",
#: "грузовых — 243 млн"): a word, then a dash or a colon (and «на»/"by"), then the figure.
_LABEL = re.compile(r"(?P<w>[^\W\d_][\w-]*)\s*(?::|\s[—–-]|[—–])\s*(?:на\s+|by\s+|of\s+)?$")


def _label_word(sentence: str, a: int, b: int) -> re.Match[str] | None:
    """The label word standing right before a figure starting at ``b`` (searched after ``a``)."""
    return _LABEL.search(sentence, max(a, b - 60), b)


def _label_product(info: _Sentence, sentence: str, a: int, b: int) -> tuple[int, int, str] | None:
    """The product that labels the figure starting at ``b`` («компьютеры – 684 млн»,
    "computers: $684 million"): a product named right before a dash or colon belongs to
    the figure after it, so the item before ends where that product begins."""
    m = _label_word(sentence, a, b)
    if m is None:
        return None
    found = [p for p in info.within("products", a, b) if p[1] == m.end("w")]
    return found[-1] if found else None


#: What may stand between a figure and a period or product attached to it ("in 2023",
#: "в 2023 году", "of barley"); a product needs "of" (English puts it after the figure).
_ATTACH_PERIOD = re.compile(r"\s*(?:(?:in|for|of|during|в|во|за|по\s+итогам)\s+)?", re.IGNORECASE)
_ATTACH_PRODUCT = re.compile(r"\s*(?:worth\s+)?of\s+(?:the\s+)?", re.IGNORECASE)
#: "$17.4 billion (worth) of goods from Russia | and $16.8 billion from China": the economy
#: right after a figure, behind a preposition, is that figure's.
_ATTACH_ECONOMY = re.compile(r"\s*(?:(?:worth\s+)?of\s+goods\s+)?(?=(?:from|to|with)\s)", re.IGNORECASE)


def _attached_end(info: _Sentence, sentence: str, at: int, limit: int) -> int:
    """The end of the periods and products attached right after a figure ending at ``at``
    (nothing but a preposition between), at most ``limit``."""
    for _ in range(3):
        moved = False
        for name, glue in (("periods", _ATTACH_PERIOD), ("products", _ATTACH_PRODUCT), ("economies", _ATTACH_ECONOMY)):
            m = glue.match(sentence, at)
            found = info.within(name, m.end(), m.end() + 8) if m and name == "economies" else \
                info.within(name, m.end(), m.end() + 1) if m else []
            if found:
                end = found[0][1] if name == "products" else found[0].end
                if end <= limit:
                    at, moved = end, True
        if not moved:
            break
    return at


def _period_near(info: _Sentence, span: tuple[int, int], at: int) -> PeriodMention | None:
    """The sentence's period for a claim whose span names none: the last one before the
    span, else the first after it unless a contrastive break ("…до 60 млрд, а в 2024 году
    он составил…") lies between.  The deadline of a target in a clause before is not the
    period of a fact after a break ("…до 50 млрд к 2030 году, сейчас он составляет 44 млрд")."""
    k = bisect_left(info.index["periods"], span[0])
    if k:
        last = info.periods[k - 1]
        if any(last.end <= c < at for c in info.cuts) and _modality(info, last.start, False) != _modality(info, at, False):
            return None
        return last
    if info.periods:
        first = info.periods[0]
        if not any(at <= c < first.start for c in info.cuts) and not _compared_between(info, at, first.start):
            return first
    return None


#: The words that make the figure after them the one compared with: «против», «по сравнению
#: с», "from", "compared with", "against", "versus", "the" after a multiplier ("double the $19.4 billion").
_COMPARED = re.compile(r"(?<![\w])(?:против|по\s+сравнению\s+с|в\s+сравнении\s+с|from|compared\s+(?:with|to)|against"
                       r"|versus|vs\.?|(?:double|triple|twice|thrice|times)\s+the)\s+(?:(?:about|around|almost|nearly"
                       r"|some|почти|около|порядка)\s+)?$", re.IGNORECASE)


def _compared_between(info: _Sentence, at: int, end: int) -> bool:
    """Whether a figure compared with («против 1,07 млрд», "from $17.94 billion") stands
    between the figure at ``at`` and ``end``: a year after it is that figure's own, never
    the main figure's (issue 14, fresh13 ru-f13-005)."""
    return any(_COMPARED.search(info.masked, max(at, a.start - 30), a.start)
               for a in info.within("amounts", at + 1, end))


def _roles(indicator: str, mentions: list[_Mention]) -> tuple[str | None, str | None]:
    owner = next((m.code for m in mentions if m.role == "owner"), None)
    if owner is not None and FAMILY.get(indicator, "trade") == "trade":
        # «X — крупнейший торговый партнёр Y», "X is Y's largest trading partner": Y, whose
        # statistics rank its partners, reports the trade; X is its partner
        others = [m for m in mentions if m.code not in (owner, "WLD")]
        # «Россия уступила Китаю место главного партнёра Казахстана: оборот с КНР…»: the one
        # traded with, before a bare name
        other = next((m.code for m in others if m.role in ("with", "and")), None) or next((m.code for m in others), None)
        if other is not None:
            return owner, other
    mentions = [_Mention(m.start, m.end, m.code, "none") if m.role == "owner" else m for m in mentions]
    rep_roles, par_roles = ROLES[FAMILY.get(indicator, "trade")]
    # a role a preposition gives ("into Kazakhstan") before a bare name ("Chinese cars")
    reporter = next((m.code for m in mentions if m.role in rep_roles and m.role != "none"), None) \
        or next((m.code for m in mentions if m.role == "none" and "none" in rep_roles), None)
    # the world is the partner only when no other one is named ("внешнеторговый оборот
    # Казахстана с Китаем" is trade with China)
    partner = next((m.code for m in mentions if m.role in par_roles and m.code not in (reporter, "WLD")), None) \
        or next((m.code for m in mentions if m.role in par_roles and m.code != reporter), None)
    if partner is None and reporter is not None:
        partner = next((m.code for m in mentions if m.role == "none" and m.code != reporter), None)
    # a place («Китай закупил в Казахстане», «в Казахстане экспорт в Китай») is the party the
    # others leave open
    place = next((m.code for m in mentions if m.role == "at" and m.code not in (reporter, partner)), None)
    if place is not None and (reporter is None) != (partner is None):
        reporter, partner = (place, partner) if reporter is None else (reporter, place)
    return reporter, partner


#: A flow noun, then at most two words (an adjective: «поставки казахстанской нефти», "exports
#: of Kazakh crude"), ending right where a product is named.
_PRODUCT_HEAD = re.compile(r"(?<![\w])(?:поставк|экспорт|импорт|ввоз|вывоз|закупк|продаж|exports|imports|shipments"
                           r"|sales|purchases)\w*(?:\s+(?:of\s+)?[^\W\d_][\w-]*){0,2}\s+(?:of\s+)?$", re.IGNORECASE)


#: An undated time ("когда-то", "once"): the figure after it has no year to check.
_WITHIN_YEARS = re.compile(r"(?<![\w])(?:within|in\s+the\s+next|over\s+the\s+next|в\s+течение|в\s+ближайшие|за)\s+"
                           r"(?:\w+\s+)?(?:years|лет|года|годы)(?![\w])", re.IGNORECASE)
_UNDATED = re.compile(r"(?<![\w])(?:когда-то|некогда|в\s+сво[её]\s+время|в\s+былые\s+времена|once|at\s+one\s+(?:time|point)"
                      r"|in\s+the\s+past)(?![\w])", re.IGNORECASE)


def _product_of(info: _Sentence, origin: int, span: tuple[int, int], j: int,
                amount: Amount | None) -> str | None:
    """The product of an item: the one named in its span (the nearest before the figure),
    else, for the first item of a piece cut at a contrastive break, the nearest one named
    before it in its indicator's segment (from ``origin``).  A product named in a later
    item's span is that item's, never the first's («экспорт сельхозпродукции вырос в 1,8
    раза, ячменя – в 3,3 раза»: the first rate is agricultural exports, not barley)."""
    mine = info.within("products", span[0], span[1])
    if mine:
        at = amount.start if amount is not None else span[1]
        before = [p for p in mine if p[0] < at]
        if before:
            return before[-1][2]
        # a product after the figure belongs to it unless a clause break lies between
        # ("$16.4 billion, nearly 40 percent of which was crude oil")
        if amount is None or not CLAUSE_BREAK.search(info.masked, amount.end, mine[0][0]) \
                or _PRODUCT_HEAD.search(info.masked, max(0, mine[0][0] - 40), mine[0][0]):
            # ...or the product is the complement of a flow noun right before it, past a
            # parenthesised figure: «В 2,2 раза — до 4,1 млрд долларов — выросли поставки нефти»
            return mine[0][2]
        return None
    if j == 0:
        before = info.within("products", origin, span[0])
        return before[-1][2] if before else None
    return None


def _item_product(info: _Sentence, span: tuple[int, int], amount: Amount | None,
                  previous: str) -> tuple[str | None, bool]:
    """(product, listed) of a later item of a list without a product of its own.  An item
    labelled by its own word («грузовых — 243 млн» after «легковых автомобилей — 1,2
    млрд») is not the previous item's product: the word with the previous product's last
    (head) word, when that is a product («грузовых автомобилей»: trucks), else unknown; a
    label naming an economy or a period («в Россию — 5 млрд», «в 2023 году — …») or no
    label at all keeps the previous item's product ("$3.1 billion in 2024, up from $2.5
    billion")."""
    if amount is None:
        return previous, False
    m = _label_word(info.masked, span[0], amount.start)
    if m is None or info.within("economies", m.start("w"), m.end("w") + 1) or any(
            p.start <= m.start("w") < p.end for p in info.within("periods", span[0], amount.start)):
        return previous, False
    shown = [c for c in info.within("products", 0, span[0]) if c[2] == previous]
    if shown:
        p = patterns()
        head = info.masked[shown[-1][0]:shown[-1][1]].split()[-1]
        phrase = f"{m.group('w')} {head}"
        hit = p.product.match(phrase, fold(phrase))
        if hit is not None and hit.end() == len(phrase):
            return lookup(p.product_codes, hit.group(0)), False
    return None, True


#: A base phrase that is the period of the figure after it («За аналогичный период прошлого
#: года он составлял…», "In the same period last year it was…"), not a comparison.
_BASE_AS_PERIOD = re.compile(r"(?:за|в)\s", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"годом\s+(?:ранее|раньше)|(?:a|one)\s+year\s+(?:earlier|before)"
                          r"|(?:(?:in|during)\s+)?the\s+(?:(?:previous|prior|preceding)\s+year|year\s+(?:before|earlier))",
                          re.IGNORECASE)
_BEFORE_BASE = re.compile(r"(?<![\w])(?<!than\s)(?:in|during|for|over)\s+$", re.IGNORECASE)


def _base_reference(info: _Sentence, base: tuple[int, int, str], j: int, amount: Amount | None,
                    growth: list, previous: Claim | None, state: _State) -> Period | None:
    """The period a base phrase of a claim's span is a year before: a later item's base
    refers to the item before it; a figure of its own whose span begins with «за
    аналогичный (тот же) период прошлого года» / "in the same period last year" (no
    growth rate, which the phrase would be the base of) refers to the period of the claim
    before, in the sentence or the previous ones.  The phrase must come before the figure
    ("$7 billion, higher than in the same period last year" compares the figure's own
    period)."""
    ref = None
    if growth and amount is not None and base[0] >= amount.end:
        # «…нефть – 1,89 млрд, вдвое меньше, чем годом ранее», "$1.9 billion, half as much as
        # a year earlier": after the figure, with a rate, the phrase is the base of the
        # comparison, never the figure's period
        return None
    if j and previous is not None:
        # «он составил 14,3 млрд против 22,45 млрд годом ранее»: the item before has no period
        # of its own yet, it takes the one carried from the sentences before
        ref = previous.period if previous.period is not None else state.period
    elif amount is not None and not growth and base[1] <= amount.start and (
            (base[2] == "same_period_last_year" and (_BASE_AS_PERIOD.match(info.masked, base[0])
                                                     or _BEFORE_BASE.search(info.masked, max(0, base[0] - 15), base[0])))
            or _YEAR_BEFORE.match(info.masked, base[0], base[1])):
        # «Годом ранее показатель равнялся 41,05 млрд», "A year earlier it stood at …"
        ref = previous.period if previous is not None else state.period
    return ref if ref is not None and ref.year else None


#: A word that makes a flow the whole of it: "overall", "in total", «в целом», «всего», «общий».
_WHOLE_WORD = re.compile(r"(?<![\w])(?:overall|in\s+total|total|в\s+целом|всего|общ(?:ий|его|ему|им|ем|ая|ей|ую|ее|ие|их)"
                         r"|совокупн\w+)(?![\w])", re.IGNORECASE)


def _whole_flow(info: _Sentence, seg: tuple[int, int]) -> bool:
    """Whether a sentence names its flow as a whole: a word of the whole ("Overall, …", «В
    целом экспорт…») or the flow's own economies ("Kazakhstan's exports to China fell 23
    percent", «экспорт Казахстана в Китай вырос»).  Such a flow never takes the product of
    the sentence before (issue 14, fresh13 en-f13-002 and en-f13-013)."""
    return bool(_WHOLE_WORD.search(info.masked, seg[0], seg[1]) or info.within("economies", seg[0], seg[1]))


def _vague_product(info: _Sentence, product: str, origin: int, span: tuple[int, int]) -> bool:
    """Whether the mention ``product`` was read from (in the claim's span, else before it in
    its segment) names goods no group of the catalogue is (:func:`_narrowed`)."""
    mine = [p for p in info.within("products", span[0], span[1]) if p[2] == product] \
        or [p for p in info.within("products", origin, span[0]) if p[2] == product][-1:]
    return any(p[0] in info.vague for p in mine)


_PRICE_OF = re.compile(r"(?:цен\w*|стоимост\w*|price\w*)\s+(?:на\s+|of\s+)?$", re.IGNORECASE)
_PRICE_AFTER = re.compile(r"\s+(?:price\w*|цен\w*)(?![\w])", re.IGNORECASE)


def _build(info: _Sentence, indicator: str, seg: tuple[int, int], span: tuple[int, int], j: int,
           amount: Amount | None, growth: list[tuple[Percent, int]], econ: tuple[str | None, str | None],
           published: dt.date | None, context_year: int | None, previous: Claim | None, state: _State, *,
           origin: int) -> Claim:
    rx = _rx()
    s = info.text
    product = _product_of(info, origin, span, j, amount)
    took = False  # whether the product is the sentence before's
    listed = False  # an item labelled by a word that names no product («грузовых — 243 млн»)
    if product is None and j and previous is not None and previous.product is not None:
        product, listed = _item_product(info, span, amount, previous.product)
    if product is not None and _vague_product(info, product, origin, span):
        product, listed = None, True  # the figure is of a part of a group, or of several products
    if product is None and seg == (0, len(s)) and indicator == state.indicator and not _whole_flow(info, seg):
        product = state.product  # an anaphoric sentence: "он вырос на 5%"
        took = product is not None
    agri = bool(info.within("agri", origin, seg[1]))
    part = _part_of_flow(info, seg if j == 0 else span, (amount or growth[0][0]).start if (amount or growth) else span[0],
                         span[1]) \
        if product is None and not agri else None
    if part is None and product is None and not agri and j == 0 and seg[0] != origin and (amount or growth):
        # a piece after a contrastive break shares its indicator's part, as its agricultural word:
        # «довести несырьевой экспорт до 5 млрд к 2025 году, тогда как в 2022 году он составил 1,9 млрд»
        part = _part_of_flow(info, (origin, seg[1]), (amount or growth[0][0]).start, span[1])
    if part is not None:
        product = part  # «несырьевой экспорт», «приграничная торговля»: a part, never the total
    if product is None and part is None and not agri and indicator in ("exports", "imports"):
        # «Экспорт казахстанского мёда … вырос вдвое», "exports of honey": goods the lexicon does
        # not know make a product claim of an unknown product, never the total
        goods = _unknown_goods(info, origin, (amount or growth[0][0]).start if (amount or growth) else span[1])
        if goods:
            # «Торговля подсолнечным маслом выросла: … отгрузил в КНР масла на 147 млн»: the head
            # word of a product named before it in the sentence is that product
            product = _named_by_head(info, origin, goods)
            listed = listed or product is None
    if indicator in ("exports", "imports") and (product or listed):
        indicator = f"product_{indicator}"  # a listed item of unknown product stays a product claim: not checkable
    elif agri and indicator in ("exports", "imports", "turnover"):
        indicator = {"exports": "agri_exports", "imports": "agri_imports", "turnover": "agri_trade"}[indicator]
        product = None
    elif part is None:  # a part of turnover or the balance keeps its key: verification leaves it unchecked
        # «торговля подсолнечным маслом выросла … на 147 млн (+17%)»: a product named with
        # turnover makes a product claim, never the total (verification leaves it unchecked)
        # ("the oil price crash", «цены на нефть» name a price, not the goods traded)
        product = product if indicator.startswith("product_") or (indicator == "turnover" and any(
            k == product and not _PRICE_OF.search(s, max(0, a - 12), a) and not _PRICE_AFTER.match(s, b)
            for a, b, k in info.within("products", seg[0], span[1]))) else None
    at = (amount or growth[0][0]).start if (amount or growth) else span[0]
    modality = _modality(info, at, indicator == "investment")
    coming = modality != "fact"  # "во втором квартале … превысит": the quarter to come
    periods = info.within("periods", span[0], span[1])
    bases = info.within("bases", span[0], span[1])
    if periods:
        period = resolve(periods[0], published, context_year=context_year, coming=coming)
        before = previous.period if previous is not None else state.period
        if periods[0].shift:
            period = _shifted(before, periods[0].shift, periods[0].text)
        elif periods[0].same:
            period = _same_months(period, before)
    elif (undated := _UNDATED.search(info.masked, span[0], (amount or growth[0][0]).start if (amount or growth) else span[1])):
        # «хотя когда-то мы с трудом выходили на 20 млрд», "trade once stood at $20 billion":
        # no year, neither the sentence's nor the document's
        period = Period(None, text=undated.group())
    elif coming and (within := _WITHIN_YEARS.search(info.masked, at, span[1])) is not None:
        # "should grow to $50 billion within three years", «в ближайшие пять лет»: a span of
        # years from an unstated start, no calendar year (not the year of the figure before)
        period = Period(None, text=within.group())
    elif bases and (p := _base_reference(info, bases[0], j, amount, growth, previous, state)) is not None:
        # "..., compared with the same period of last year when they were $14.8 billion"
        period = Period(p.year - 1, p.first_month, p.last_month, bases[0][2], relative=p.relative)
    elif (when := _when_year(info.masked, (amount or growth[0][0]).start if (amount or growth) else span[0])) is not None:
        period = Period(when, text=str(when))  # "the highest since 2013, when they reached $14.4 billion"
    elif (near := _period_near(info, span, (amount or growth[0][0]).start if (amount or growth) else span[0])) is not None:
        period = resolve(near, published, context_year=context_year, coming=coming)
    else:
        period = None
    base = bases[0][2] if bases else (info.bases[0][2] if info.bases else None)
    if growth and base in ("yoy", "same_period_last_year") and period is not None and period.year is not None:
        base = _multi_year(s, bases[0] if bases else info.bases[0], period.year) or base
    if growth and _YEARS_SPAN.search(info.masked, seg[0], seg[1]):
        base = "earlier_year"  # "has tripled over the past decade", «за пять лет вдвое»
    value_quals = _qualifiers(info, span, amount) if amount else set()
    growth_quals = _qualifiers(info, span, growth[0][0]) if growth else set()
    quals = value_quals | growth_quals
    if rx.record.search(info.masked, info.low, span[0], span[1]):
        quals.add("record")
        value_quals.add("record")
    kwargs: dict = {}
    if amount is not None:
        negative = indicator == "balance" and (rx.negative.search(info.masked, info.low, seg[0], seg[1])
                                                or _MINUS.search(s, max(seg[0], amount.start - 8), amount.start))
        value = -amount.value if negative else amount.value
        kwargs.update(amount=value, currency=amount.currency, amount_step=amount.step, value_text=amount.text,
                      value_start=info.start + amount.start, value_end=info.start + amount.end)
    if growth:
        pc, sign = growth[0]
        form = pc.form if pc.form in ("multiplier", "fraction") else "percent"
        kwargs.update(growth_pct=_signed_growth(pc, sign), growth_step=pc.step, growth_text=pc.text,
                      growth_base=base, growth_form=form)
    claim = Claim(
        text=s, start=info.start, end=info.start + len(s), indicator=indicator, reporter=econ[0], partner=econ[1],
        product=product, period=period, modality=modality,
        qualifiers=tuple(q for q in QUALIFIERS if q in quals), value_qualifiers=tuple(q for q in QUALIFIERS if q in value_quals),
        growth_qualifiers=tuple(q for q in QUALIFIERS if q in growth_quals), lang=info.lang,
        carried=("product",) if took and product is not None and indicator.startswith("product_") else (), **kwargs,
    )
    return _with_currency(claim, published)


#: A year and a clause about it: "since 2013, when…", «в 2013 году, когда…».
_WHEN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?:\s*(?:год\w*|г\.))?\s*,\s*(?:when|когда)\s[^,;]*$", re.IGNORECASE)


def _when_year(sentence: str, at: int) -> int | None:
    """The year a figure at ``at`` is told of in a clause opened by ", when" / «, когда»
    right after that year ("…the highest since 2013, when they reached $14.4 billion")."""
    m = _WHEN_YEAR.search(sentence, max(0, at - 120), at)
    return int(m.group(1)) if m else None


def _shifted(before: Period | None, years: int, text: str) -> Period | None:
    """«Годом позже», "a year later": the period before moved by ``years`` (none without one)."""
    if before is None or before.year is None:
        return None
    return Period(before.year + years, before.first_month, before.last_month, text, relative=before.relative)


def _same_months(period: Period, before: Period | None) -> Period:
    """"The same period of 2023" after a figure of January–September 2024: the months of
    the period before, in the year printed."""
    if before is None or before.kind == "year" or period.year is None:
        return period
    return Period(period.year, before.first_month, before.last_month, period.text, relative=period.relative)


#: A growth over several years: "over the past decade", «за последние пять лет», «с 2013 года».
_YEARS_SPAN = re.compile(
    r"(?<![\w])(?:(?:за|в\s+течение|over|in|during|within)\s+(?:the\s+)?(?:последн\w+\s+|past\s+|last\s+)?"
    r"(?:\d+|два|две|двух|три|тр[её]х|четыре|пять|пяти|шесть|семь|восемь|девять|десять|несколько|two|three|four|five"
    r"|six|seven|eight|nine|ten|several)\s+(?:лет|года|years)|(?:за\s+)?(?:последн\w+\s+)?десятилети\w*"
    # «с 2013 года» (since), not «по сравнению с 2023 годом» (compared with)
    r"|(?:the\s+)?(?:past|last)\s+decade|a\s+decade|(?:over|during|in)\s+the\s+decade|(?:с|since)\s+(?:19|20)\d\d(?!\d|\s*(?:[-–—]|годом|г\.\s*по)))",
    re.IGNORECASE)


_BREAK_CHARS = re.compile(r"[,.;:()]")


#: A flow noun and the words of its genitive complement: Russian («экспорт казахстанского
#: мёда»: up to two adjectives and the noun), English ("exports of Kazakh honey").
_FLOW_OF_RU = re.compile(r"(?<![\w-])(?:(?:экспорт|импорт|вывоз|ввоз|поставк|поставок|закупк|закупок|отгрузк|отгрузок)[а-яё]*"
                         # a verb of the flow, a direction between: «отгрузил в КНР масла», «продал Китаю шерсти»
                         r"|(?:отгрузил|поставил|экспортировал|продал|вывез|закупил|ввез|импортировал)[аио]?"
                         r"(?:\s+(?:(?:в|во|из)\s+)?[А-ЯЁA-Z][\w-]*)?)"
                         r"\s+((?:[а-яё-]+(?:ого|его|ой|ей|ых|их)\s+){0,2})([а-яё]+)(?![\w-])", re.IGNORECASE)
_FLOW_OF_EN = re.compile(r"(?<![\w-])(?:exports?|imports?|shipments|sales|supplies|deliveries|purchases)\s+of"
                         r"((?:\s+[a-z][a-z-]*){1,3})", re.IGNORECASE)
_EN_WORD = re.compile(r"[a-z][a-z-]*", re.IGNORECASE)
#: An English flow word, and a lower-case word right before it ("honey exports").
_FLOW_WORD_EN = re.compile(r"(?<![\w-])(?:exports?|imports?|shipments|supplies|deliveries|sales|purchases)(?![\w-])",
                           re.IGNORECASE)
_GOODS_BEFORE_EN = re.compile(r"(?:(?<![\w'’-])(?P<w>[a-z][a-z]+)|^(?P<w0>[A-Z][a-z]+))\s+$")
#: Words before a flow word that are no goods: function words, adjectives of kind, size,
#: time or record, participles, adverbs ("while imports", "total exports", "reported
#: shipments", "record exports").
_EN_NOT_GOODS = re.compile(r"\w+(?:ed|ing|al|ic|ive|ous|ly|ful|able|ible|ary|ern|ese|ish|ian|est|er|s)"
                           r"|while|whereas|but|and|or|as|so|yet|with|without|of|on|its|our|own|their|his|her|your"
                           r"|top|total|overall|annual|record|put|net|gross|main|key|big|new|all|any|both|each|every"
                           r"|such|other|more|less|most|few|many|much|non|per|via|into|onto|than|then|when|now|once"
                           r"|lost|low|high|raw|core|bulk|chief|prime|peak|half|full|past|next|last|first|third|fifth"
                           r"|why|how|what|who|whom|it|they|we|he|she|you|one|two|three|four|five|ten|hundred"
                           r"|say|says|said|see|sees|saw|expect|expects|make|makes|made|help|helps|let|lets"
                           # what data do: "China's own data show exports to Kazakhstan of $24.7 billion"
                           r"|show|shown|give|gave|given|cite|list|estimate|put|place"
                           r"|slow|fast|weak|strong|firm|soft|hard|huge|vast|tiny|small|large|long|short|early|late")
#: Verbs and auxiliaries that follow an economy after "exports of" ("exports of Kazakhstan
#: reached …"): the clause's verb, no goods.
_EN_VERB = re.compile(r"(?!\w*(?:seed|feed|weed)$)\w+ed|were|was|is|are|stood|hit|came|grew|rose|fell|totall?(?:ed|s)|amounts?|reach(?:es)?"
                      r"|stands?|tops?|exceeds?|will|would|could|may|might|has|have|had", re.IGNORECASE)


def _unknown_goods(info: _Sentence, origin: int, at: int) -> str | None:
    """The goods the lexicon does not know named with the first flow word after ``origin``
    and before the figure at ``at``: its genitive complement («экспорт казахстанского мёда»,
    "exports of honey") or, in English, the noun before it ("honey exports"), with no
    product, part, economy, period or amount there, and no word of the whole flow
    (:data:`corridor.claims.lexicon.TOTAL_NOUNS_RU`: «экспорт товаров», «экспорт
    казахстанской продукции», "exports of goods"); else None.  The flow word is looked for
    once per segment (a sentence of many figures costs linear time)."""
    key = ("goods", origin)
    if key not in info.modalities:
        info.modalities[key] = _goods_at(info, origin)
    found = info.modalities[key]
    return found[1] if found is not None and found[0] < at else None


def _goods_at(info: _Sentence, origin: int) -> tuple[int, str | None] | None:
    """(position of the first flow word after ``origin``, the unknown goods it names or None)."""
    s = info.masked
    if info.lang == "ru":
        m = _FLOW_OF_RU.search(s, origin)
        if m is None:
            return None
        if _named_there(info, m.start(2), m.end(2)):
            return m.start(), None
        if _goods_noun(m.group(2).lower()):
            return m.start(), m.group(2).lower()
        # an adjective standing for goods, no noun after it: «экспорт зерновых в Китай»,
        # «поставки масличных»; the last word before a preposition read as an adjective may be
        # the noun itself («энергоносителей в Китай»: «-ей» ends both)
        adjectives = m.group(1).lower().split()
        if adjectives and (_goods_noun(adjectives[-1]) or _goods_adjective(adjectives[-1])) \
                and not _named_there(info, m.start(1), m.end(1)):
            return m.start(), adjectives[-1]
        return m.start(), None
    flow = _FLOW_WORD_EN.search(s, origin)
    if flow is None:
        return None
    before = _GOODS_BEFORE_EN.search(s, max(origin, flow.start() - 30), flow.start())
    if before is not None and (before.group("w") or before.start() == 0):
        # "honey exports", "Kazakhstan's wool shipments", "Wool exports…": a goods noun before
        # the flow word (capitalised only as the sentence's first word)
        name = "w" if before.group("w") else "w0"
        word, a = before.group(name).lower(), before.start(name)
        if word not in TOTAL_WORDS_EN and not _EN_NOT_GOODS.fullmatch(word) and not _named_there(info, a, a + len(word)) \
                and not any(x.start <= a < x.end for x in info.economies):
            return flow.start(), word
    m = _FLOW_OF_EN.match(s, flow.start())
    if m is None:
        return flow.start(), None
    for w in _EN_WORD.finditer(m.group(1)):
        a, b = m.start(1) + w.start(), m.start(1) + w.end()
        if any(x.start <= a < x.end for x in info.economies):
            continue  # "exports of Kazakh flour"
        word = w.group(0).lower()
        if _EN_VERB.fullmatch(word) or _rx().up_down.match(word, word):
            return flow.start(), None  # "exports of Kazakhstan rose …", "… reached …": the verb, no goods
        return flow.start(), (word if word not in TOTAL_WORDS_EN and not _named_there(info, a, b) else None)
    return flow.start(), None


def _named_by_head(info: _Sentence, before: int, noun: str) -> str | None:
    """The product named earlier in the sentence whose last (head) word is ``noun`` in
    another form («подсолнечным маслом» … «масла»: sunflower oil), else None."""
    from .lexicon import morph

    lemma = {p.normal_form for p in morph().parse(noun)} if info.lang == "ru" else {noun}
    for a, b, key in reversed(info.within("products", 0, before)):
        head = info.masked[a:b].split()[-1].lower()
        if lemma & ({p.normal_form for p in morph().parse(head)} if info.lang == "ru" else {head}):
            return key
    return None


def _named_there(info: _Sentence, a: int, b: int) -> bool:
    """True when something the lexicon knows is named in ``[a, b)``: an economy, a product,
    an agricultural word, a period or a figure."""
    return any(info.within(kind, a, b) for kind in ("economies", "products", "agri", "periods", "amounts")) or any(
        a <= x.start < b or x.start <= a < x.end for x in info.economies)


@cache
def _goods_noun(word: str) -> bool:
    """True when the Russian ``word`` is first of all a noun, can be in the genitive (the
    complement of a flow noun: «экспорт мёда», not «экспорт при этом») and its lemma is no
    word of the whole flow (:data:`TOTAL_NOUNS_RU`)."""
    from .lexicon import morph

    every = morph().parse(word)
    parses = [p for p in every if p.tag.POS == "NOUN" and p.tag.case in ("gent", "gen2")]
    total = _total_lemmas()
    return bool(parses) and every[0].tag.POS == "NOUN" and not any(p.normal_form.replace("ё", "е") in total for p in parses) and not any(
        tag in parses[0].tag for tag in ("Geox", "Name", "Surn", "Orgn", "Abbr"))


@cache
def _goods_adjective(word: str) -> bool:
    """True when the Russian ``word`` is an adjective in the genitive plural that stands for
    goods alone («зерновых», «масличных», «бобовых»): not a determiner or an adjective of
    kind or origin (:data:`corridor.claims.lexicon.TOTAL_ADJECTIVES_RU`)."""
    from .lexicon import TOTAL_ADJECTIVES_RU, morph

    parses = [p for p in morph().parse(word) if p.tag.POS == "ADJF" and p.tag.case == "gent" and p.tag.number == "plur"]
    return bool(parses) and not any(p.normal_form in TOTAL_ADJECTIVES_RU for p in parses)


@cache
def _total_lemmas() -> frozenset[str]:
    return frozenset(w.replace("ё", "е") for w in TOTAL_NOUNS_RU)


def _part_of_flow(info: _Sentence, seg: tuple[int, int], at: int, end: int) -> str | None:
    """The part of a flow («несырьевой», "processed", «приграничная», «сырьё»;
    :data:`corridor.claims.lexicon.PARTS`) printed between the words just before ``seg``
    (the segment of the indicator for its first figure, a later item's own span; in the
    same clause) and the figure at ``at``, or after the figure up to ``end`` as «… 9 млрд
    пришлось на сырьевые товары»: each figure reads its own stretch of text."""
    s, rx = info.masked, _rx()
    begin = max(0, seg[0] - 30)
    for m in rx.part.finditer(s, info.low, begin, at):
        if m.start() >= seg[0] or not _BREAK_CHARS.search(s, m.end(), seg[0]):
            return next(k for k, v in m.groupdict().items() if v)
    amount = next((a for a in info.within("amounts", at, at + 1)), None)
    after = _FELL_ON.match(s, amount.end if amount is not None else at)
    if after is not None and after.end() < end and (m := rx.part.match(s, info.low, after.end(), end)) is not None:
        return next(k for k, v in m.groupdict().items() if v)
    return None


def _multi_year(sentence: str, base: tuple[int, int, str], year: int) -> str | None:
    """``earlier_year`` when a year-on-year base phrase names a year other than the one
    before ``year`` ("вырос вдвое по сравнению с 2019 годом" of 2024): the growth spans
    several years and is not checked as a year-on-year rate."""
    named = _YEAR_NUMBER.search(sentence, base[0], base[1])
    return "earlier_year" if named is not None and int(named.group()) != year - 1 else None


#: The words of a printed word fraction before the fraction itself ("by almost ", "rose nearly ").
_FRACTION_HEAD = re.compile(r".*\s(?=(?:(?:a|one)\s+(?:third|quarter|fifth)|half)\b)", re.IGNORECASE)


def _qualifiers(info: _Sentence, span: tuple[int, int], target) -> set[str]:
    """The qualifiers printed before one figure ("более", "почти", "превысил")."""
    rx = _rx()
    s, low, begin = info.masked, info.low, max(span[0], target.start - 40)
    end = target.start
    if getattr(target, "form", None) == "fraction" and (head := _FRACTION_HEAD.match(target.text)):
        end += head.end()  # "grew by almost a quarter": the qualifier is inside the printed rate
    quals = {name for name, pat in rx.qual_before if pat.search(s, low, begin, end)}
    if rx.exceeded.search(s, low, span[0], target.start) or spoken_over(target.text):
        quals.add("over")  # «превысил 41 млрд», «четырнадцать с лишним миллиардов»
    return quals


def _modality(info: _Sentence, at: int, investment: bool) -> str:
    """The modality of the clause around position ``at``, between contrastive breaks
    (", а", ", но", "; ", ", while", ", but"): "товарооборот превысил $41 млрд, а к 2030
    году мы намерены удвоить его" keeps the fact apart from the plan.  Each clause is read
    once (a sentence of many figures costs linear time)."""
    rx = _rx()
    k = bisect_right(info.cuts, at)
    t = bisect_right(info.tails, at)
    # a relative clause holding the figure is read alone, up to its comma: "trade, which hit
    # $41 billion in 2023, should grow to $50 billion" — the clause is a fact, the rest a target
    rel = _relative_clause(info, at)
    key = (k, t, investment, rel)
    if key not in info.modalities:
        start = info.cuts[k - 1] if k else 0
        end = info.cuts[k] if k < len(info.cuts) else len(info.text)
        if t < len(info.tails):
            end = min(end, info.tails[t])  # ", a level analysts say could rise further": not the figure's
        if t:
            start = max(start, info.tails[t - 1])  # "…, a level both sides aim to push to $50 billion"
        if rel is not None:
            start, end = max(start, rel[0]), min(end, rel[1])
        clause, s, low = info.text[start:end], info.masked, info.low
        modality = ("target" if rx.target.search(s, low, start, end) else "plan" if rx.plan.search(s, low, start, end)
                    else "forecast" if rx.forecast.search(s, start, end) else "fact")
        if investment and modality == "fact" and _INVEST.search(clause):
            modality = "plan"
        info.modalities[key] = modality
    return info.modalities[key]


_RELATIVE = re.compile(r",\s+(?:which|that|котор\w+)(?![\w])", re.IGNORECASE)


def _relative_clause(info: _Sentence, at: int) -> tuple[int, int] | None:
    """The span of a relative clause («, который …,», ", which …,") that holds position
    ``at`` and is closed by a comma after it, else None.  The openers and commas of the
    sentence are found once (a sentence of many figures costs linear time)."""
    marks = info.modalities.get(("relative",))
    if marks is None:
        marks = info.modalities[("relative",)] = (
            [(m.start(), m.end()) for m in _RELATIVE.finditer(info.text)],
            [k for k, ch in enumerate(info.text) if ch == ","])
    openers, commas = marks
    k = bisect_right(openers, (at, at)) - 1
    if k < 0:
        return None
    start, end = openers[k]
    c = bisect_left(commas, end)
    if c < len(commas) and commas[c] < at:
        return None  # a comma between the opener and the figure: the clause has ended
    c = bisect_left(commas, at)
    return (start, commas[c]) if c < len(commas) else None


_COMPARATIVE = re.compile(r"(?:меньше|больше|ниже|выше|less|more|lower|higher|smaller|larger|bigger)(?![\w])", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"\s*(?:(?:меньше|больше|ниже|выше|less|more|lower|higher|smaller|larger|bigger)(?![\w]))?"
                            r"\s*,?\s*(?:(?:чем|than|that\s+of|those\s+of)\s+)?(?:у\s+)?", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[,.;:!?()]")


def _against_another_scope(sentence: str, low: str | None, pc: Percent, periods, bases) -> bool:
    """True when a comparative rate compares the figure with another economy's or another
    scope's, not with an earlier period: «…22,7 млрд, что почти вдвое меньше показателя
    Казахстана», «в четыре раза меньше торговли с Китаем», "three times less than
    Kazakhstan's" — no growth of anything.  A period or a base after it («вдвое меньше, чем
    годом ранее») keeps the growth."""
    m = _COMPARED_WITH.match(sentence, pc.end)
    if not (_COMPARATIVE.search(pc.text) or _COMPARATIVE.match(sentence, _SPACE.match(sentence, pc.end).end())):
        return False
    stop = _CLAUSE_STOP.search(sentence, m.end())
    end = stop.start() if stop else len(sentence)
    if any(m.end() <= x.start < end for x in periods) or any(m.end() <= b[0] < end for b in bases):
        return False
    return patterns().economy.search(sentence, low, m.end(), end) is not None


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


def _fill_currency(claims: list[Claim], published: dt.date | None, units: tuple[str, ...] = ()) -> None:
    """An amount printed without a currency takes the currency of another amount in the
    same sentence ("экспорт — 7,8, импорт — 13,3 млрд долларов"), a claim's or else any
    printed one's (``units``: a difference's too)."""
    known = [c.currency for c in claims if c.currency] or list(units)
    if not known:
        return
    for k, c in enumerate(claims):
        if c.amount is not None and c.currency is None:
            claims[k] = _with_currency(replace(c, currency=known[0]), published)
