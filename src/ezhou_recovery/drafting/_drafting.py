"""Drafting a programme from the text of a plan (实施方案), for a person to review.

:func:`draft_programme` reads the usual structure and wording of a Chinese implementation plan with
rules (no model, no network): the notice's number, issuer and date; the categories (（一）…工程) with
their leader (分管领导), lead departments (牵头部门) and portfolio (项目N个, 估算总投资X亿元, 2020年估算
投资Y亿元); each category's goals (三年目标) and main tasks (主要任务); every quantity with its comparator
(达到, 以上, 不低于, 控制在…以下, 力争), baseline (从…增加到…, 由…提高到…), deadline (到2022年, 2020年底前,
三年内) and kind (每年…: a yearly rate; 建成/完成/启动: a milestone); and the reporting duties (每季度最后一
个月25日前报送, 11月底前报送). Quantities are read by the library's own
:func:`~ezhou_recovery.parse_quantity`; Chinese numerals (三天, 二十八个) by cn2an (the ``draft``
extra), imported only here.

The result is a :class:`Draft`: a :class:`~ezhou_recovery.Programme` that validates, and a review
list that says, for every item, where in the text it came from, what was inferred and why, and what
could not be read. :meth:`Draft.to_toml` writes the programme file with each item's source sentence
beside it and ``TODO`` wherever a person must decide.
"""

from __future__ import annotations

import bisect
import calendar
import codecs
import enum
import json
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Final

import attrs

from ezhou_recovery._core import validators as v
from ezhou_recovery.errors import DraftError, EzhouRecoveryError, UnitError
from ezhou_recovery.model.obligations import DueRule, Frequency, ReporterScope, ReportingObligation
from ezhou_recovery.model.people import Department, Official
from ezhou_recovery.model.periods import Period
from ezhou_recovery.model.programme import Category, Programme, Task
from ezhou_recovery.model.projects import Portfolio
from ezhou_recovery.model.targets import (
    Baseline,
    BaselineQualifier,
    Comparator,
    Section,
    Target,
    TargetKind,
)
from ezhou_recovery.units import (
    GENERIC_MEASURE_WORDS,
    Quantity,
    format_quantity,
    is_money,
    parse_quantity,
    parse_unit,
    ureg,
    zh_unit_words,
)

__all__ = [
    "MAX_SENTENCE_CHARS",
    "MAX_TARGETS",
    "MAX_TEXT_CHARS",
    "Draft",
    "DraftError",
    "DraftScore",
    "FieldScore",
    "ReviewItem",
    "ReviewSubject",
    "SourceSpan",
    "decode_plan_text",
    "draft_differences",
    "draft_programme",
    "score_draft",
]

#: The longest text drafted (characters); a plan is a few tens of thousands.
MAX_TEXT_CHARS: Final = 1_000_000
#: The longest sentence read for targets (characters); a plan's are a few hundred at most.
MAX_SENTENCE_CHARS: Final = 1000
#: The most targets drafted; a plan has a few hundred at most.
MAX_TARGETS: Final = 5000
#: Written wherever a person must supply or confirm a value.
TODO: Final = "TODO"


def decode_plan_text(raw: bytes, *, source: str = "plan") -> str:
    """Decode a plan's bytes: UTF-8 (with or without a byte-order mark), else GB18030; UTF-16 when
    the bytes begin with its byte-order mark (a text saved as "Unicode" on Windows).

    Raises:
        DraftError: The bytes are neither, or the text is longer than :data:`MAX_TEXT_CHARS`.
    """
    encodings = ("utf-16",) if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ()
    for encoding in (*encodings, "utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(text) > MAX_TEXT_CHARS:
            raise DraftError(
                f"{source}: the text has {len(text)} characters; at most {MAX_TEXT_CHARS}"
            )
        return text
    raise DraftError(f"{source}: not UTF-8 or GB18030 text")


# The model of the result ---------------------------------------------------------------------------


class ReviewSubject(enum.StrEnum):
    """What a review item is about."""

    DOCUMENT = "document"
    CATEGORY = "category"
    PORTFOLIO = "portfolio"
    TARGET = "target"
    TASK = "task"
    DUTY = "duty"
    #: Text with a number or a rule that became nothing in the programme.
    UNREAD = "unread"


@attrs.frozen
class SourceSpan:
    """Where in the text an item was read.

    Attributes:
        line: The line, from 1.
        start: The first character within the line, from 0.
        end: One past the last character within the line (within ``end_line`` if given).
        text: The text of the span, as written (a paragraph cut over lines joined).
        end_line: The last line, when the span runs over several lines of a wrapped paragraph.
    """

    line: int = attrs.field(validator=v.non_negative_int)
    start: int = attrs.field(validator=v.non_negative_int)
    end: int = attrs.field(validator=v.non_negative_int)
    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    end_line: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(v.non_negative_int)
    )

    def __str__(self) -> str:
        if self.end_line is not None:
            return f"lines {self.line}-{self.end_line}, character {self.start} to {self.end}"
        return f"line {self.line}, characters {self.start}-{self.end}"


@attrs.frozen
class ReviewItem:
    """One thing the draft read, or could not read, and why.

    Attributes:
        subject: What it is about.
        key: The key of the drafted item (a target's, a category's), if one was drafted.
        span: Where in the text it was read, if anywhere.
        inferred: What was read, as ``(field, value)`` pairs (value, unit, comparator, ...).
        reasons: Why each inference was made, in words.
        todo: What a person must decide or supply.
    """

    subject: ReviewSubject = attrs.field(validator=attrs.validators.instance_of(ReviewSubject))
    key: str | None
    span: SourceSpan | None
    inferred: tuple[tuple[str, str], ...] = ()
    reasons: tuple[str, ...] = ()
    todo: tuple[str, ...] = ()

    def value(self, field: str) -> str | None:
        """The inferred value of ``field``, or None."""
        return dict(self.inferred).get(field)

    def __str__(self) -> str:
        where = f"L{self.span.line}" if self.span else "-"
        what = ", ".join(f"{k}={val}" for k, val in self.inferred)
        head = f"{where} {self.subject.value} {self.key or ''}".rstrip()
        tail = f"; TODO: {'; '.join(self.todo)}" if self.todo else ""
        reasons = f" ({'; '.join(self.reasons)})" if self.reasons else ""
        return f"{head}: {what}{reasons}{tail}"


@attrs.frozen
class Draft:
    """A programme drafted from a plan's text, with its review list.

    Attributes:
        programme: The drafted programme; it validates, but its TODO texts must be filled in.
        review: One item per drafted item and per piece of text that could not be read.
        source: The name of the text (a file name).
    """

    programme: Programme = attrs.field(validator=attrs.validators.instance_of(Programme))
    review: tuple[ReviewItem, ...] = attrs.field(validator=v.instances_of(ReviewItem))
    source: str = "plan"

    @property
    def empty(self) -> bool:
        """Whether nothing of a programme was read (no category)."""
        return not self.programme.categories

    def items(self, subject: ReviewSubject) -> tuple[ReviewItem, ...]:
        """The review items about ``subject``."""
        return tuple(i for i in self.review if i.subject is subject)

    def item(self, key: str) -> ReviewItem:
        """The review item of the drafted item ``key``.

        Raises:
            KeyError: No drafted item has that key.
        """
        for i in self.review:
            if i.key == key:
                return i
        raise KeyError(f"the draft has no item {key!r}")

    @property
    def todo_count(self) -> int:
        """How many decisions are left to a person."""
        return sum(len(i.todo) for i in self.review)

    def summary(self) -> str:
        """The review in a few lines: counts, then every TODO and every unread piece of text."""
        p = self.programme
        lines = [
            f"{self.source}: {len(p.categories)} categories, {len(p.targets)} targets "
            f"({sum(1 for t in p.targets if t.kind.quantitative)} with a value), "
            f"{sum(len(c.tasks) for c in p.categories)} tasks, "
            f"{sum(1 for c in p.categories if c.portfolio)} portfolios, "
            f"{len(p.obligations)} reporting duties; {self.todo_count} TODO, "
            f"{len(self.items(ReviewSubject.UNREAD))} pieces of text not read"
        ]
        if self.empty:
            lines.append("no category was found: this does not read as an implementation plan")
        for i in self.review:
            if i.todo or i.subject is ReviewSubject.UNREAD:
                lines.append(f"  {i}")
        return "\n".join(lines) + "\n"

    def to_toml(self) -> str:
        """The programme file (TOML): each item's source sentence beside it, TODO where to decide."""
        return _write_toml(self)


# Text: lines, normalised punctuation, sentences -----------------------------------------------------

#: Full-width punctuation and digits to ASCII, character for character (spans stay valid).
_NORMAL: Final = str.maketrans(
    {
        "，": ",",
        "；": ";",
        "：": ":",
        "（": "(",
        "）": ")",
        "\uff0e": ".",
        "\uff05": "%",
        "\uff5e": "~",
        "\uff0d": "-",
        "　": " ",
        "！": "!",
        "？": "?",
        "\uff0f": "/",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
_SENTENCE_END: Final = frozenset("。;!?")


@attrs.frozen
class _Line:
    """A paragraph: one line of the text, or lines a wrapped paragraph was cut into, joined."""

    number: int
    text: str
    normal: str
    #: Where each joined line begins: (offset in ``text``, its line number, its first column).
    segments: tuple[tuple[int, int, int], ...] = ()

    def place(self, offset: int) -> tuple[int, int]:
        """The line number and column of the character at ``offset``."""
        if not self.segments:
            return self.number, offset
        i = bisect.bisect_right([s[0] for s in self.segments], offset) - 1
        at, number, column = self.segments[max(i, 0)]
        return number, column + offset - at


@attrs.frozen
class _Piece:
    """A stretch of one line: a sentence, a clause."""

    line: _Line
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]

    @property
    def normal(self) -> str:
        return self.line.normal[self.start : self.end]

    def span(self) -> SourceSpan:
        line, start = self.line.place(self.start)
        end_line, end = self.line.place(max(self.start, self.end - 1))
        if end_line == line:
            return SourceSpan(line, start, end + 1 if self.end > self.start else start, self.text)
        return SourceSpan(line, start, end + 1, self.text, end_line)

    def sub(self, start: int, end: int) -> _Piece:
        """The piece from ``start`` to ``end`` (offsets within this piece)."""
        return _Piece(self.line, self.start + start, self.start + end)


def _pieces(piece: _Piece, ends: frozenset[str]) -> list[_Piece]:
    out: list[_Piece] = []
    text = piece.normal
    begin = 0
    for i, ch in enumerate(text):
        if ch in ends:
            out.append(piece.sub(begin, i + 1))
            begin = i + 1
    if begin < len(text):
        out.append(piece.sub(begin, len(text)))
    return [p for p in (_trimmed(p) for p in out) if p.normal.strip("。;!?,: ")]


def _trimmed(piece: _Piece) -> _Piece:
    text = piece.normal
    lo, hi = 0, len(text)
    while lo < hi and text[lo] in " \t":
        lo += 1
    while hi > lo and text[hi - 1] in " \t。;!?,:":
        hi -= 1
    return piece.sub(lo, hi)


def _cn_number(text: str) -> int | None:
    """A Chinese numeral (三, 二十八, 两) as an integer, by cn2an; None if it is not one."""
    import cn2an  # the ``draft`` extra: imported only when drafting

    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(value) if isinstance(value, (int, float)) and value == int(value) else None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else _cn_number(text)


# Vocabulary of the genre --------------------------------------------------------------------------

#: Names of categories (工程) and the key drafted for them, most specific first.
_CATEGORY_KEYS: Final = (
    ("公共卫生", "public_health"),
    ("冷链", "cold_chain"),
    ("新基建", "new_infrastructure"),
    ("新型基础设施", "new_infrastructure"),
    ("产业园", "industrial_parks"),
    ("园区", "industrial_parks"),
    ("农田", "farmland"),
    ("生态", "ecology"),
    ("环境", "ecology"),
    ("交通", "transport"),
    ("水利", "water"),
    ("能源", "energy"),
    ("应急", "emergency"),
    ("物流", "logistics"),
    ("城市", "urban"),
    ("城镇", "urban"),
    ("教育", "education"),
    ("医疗", "health"),
    ("卫生", "health"),
    ("养老", "elderly_care"),
    ("文化", "culture"),
    ("旅游", "tourism"),
    ("体育", "sports"),
    ("农业", "agriculture"),
    ("乡村", "rural"),
    ("农村", "rural"),
    ("住房", "housing"),
    ("数字", "digital"),
    ("信息", "digital"),
    ("产业", "industry"),
    ("民生", "livelihood"),
)

#: Departments as plans name them (without 市/区/县), their key and English name.
_DEPARTMENTS: Final = (
    (
        ("发改委", "发展和改革委员会", "发展改革委", "发展改革局", "发改局"),
        "development_reform",
        "Development and Reform Commission",
    ),
    (("财政局",), "finance_bureau", "Finance Bureau"),
    (("交通运输局", "交通局"), "transport_bureau", "Transport Bureau"),
    (
        ("卫健委", "卫生健康委员会", "卫生健康委", "卫生健康局"),
        "health_commission",
        "Health Commission",
    ),
    (("水利局", "水利和湖泊局", "水务局"), "water_resources_bureau", "Water Resources Bureau"),
    (
        ("住建局", "住房和城乡建设局", "住房城乡建设局", "住建委"),
        "housing_construction_bureau",
        "Housing and Urban-Rural Development Bureau",
    ),
    (
        ("生态环境局", "环保局", "环境保护局"),
        "ecology_environment_bureau",
        "Ecology and Environment Bureau",
    ),
    (("农业农村局", "农业局"), "agriculture_rural_bureau", "Agriculture and Rural Affairs Bureau"),
    (("应急局", "应急管理局"), "emergency_management_bureau", "Emergency Management Bureau"),
    (
        ("自然资源和规划局", "自然资源局", "自然资源规划局"),
        "natural_resources_bureau",
        "Natural Resources and Planning Bureau",
    ),
    (
        ("经信局", "经济和信息化局", "经济信息化局", "工信局"),
        "economy_information_bureau",
        "Economy and Information Technology Bureau",
    ),
    (("教育局",), "education_bureau", "Education Bureau"),
    (("科技局", "科学技术局"), "science_technology_bureau", "Science and Technology Bureau"),
    (("商务局",), "commerce_bureau", "Commerce Bureau"),
    (
        ("文旅局", "文化和旅游局", "文化旅游局"),
        "culture_tourism_bureau",
        "Culture and Tourism Bureau",
    ),
    (
        ("城管执法委", "城市管理执法局", "城管局", "城市管理局", "城管委"),
        "urban_management_bureau",
        "Urban Management Bureau",
    ),
    (("公安局",), "public_security_bureau", "Public Security Bureau"),
    (("民政局",), "civil_affairs_bureau", "Civil Affairs Bureau"),
    (
        ("人社局", "人力资源和社会保障局"),
        "human_resources_bureau",
        "Human Resources and Social Security Bureau",
    ),
    (("市场监管局", "市场监督管理局"), "market_regulation_bureau", "Market Regulation Bureau"),
    (("林业局", "园林局"), "forestry_bureau", "Forestry Bureau"),
    (("体育局",), "sports_bureau", "Sports Bureau"),
    (("统计局",), "statistics_bureau", "Statistics Bureau"),
    (("审计局",), "audit_bureau", "Audit Bureau"),
    (("国资委",), "state_assets_commission", "State-owned Assets Commission"),
    (("数据局", "大数据局", "政务服务和大数据管理局"), "data_bureau", "Data Bureau"),
    (
        ("地方金融工作局", "金融局", "金融办"),
        "financial_affairs_bureau",
        "Financial Affairs Bureau",
    ),
    (("督查考评办",), "inspection_office", "Inspection and Evaluation Office"),
)

#: Nouns of plans that name a counted thing the unit table knows by another word.
#: (These belong in the unit table itself once it grows; kept here until then.)
_NOUN_UNITS: Final = {
    "产业园": "园区",
    "工业园": "园区",
    "科技园": "园区",
    "停保场": "场站",
    "首末站": "场站",
}
#: Venues whose size is given in seats: 3000座体育馆 is a gymnasium of 3000 seats.
_SEATED: Final = ("体育馆", "体育场", "剧院", "剧场", "影院", "礼堂", "会堂", "会议中心")
_LETTER_AFTER: Final = re.compile(r"\d{1,4}[A-Za-z]")
_DATE_UNITS: Final = frozenset({"年", "月", "日", "周"})
_STOP_VERBS: Final = (
    "进行",
    "开展",
    "配置",
    "配备",
    "实现",
    "达到",
    "覆盖",
    "纳入",
    "提供",
    "完成",
    "参与",
    "享受",
    "建成",
    "投入",
)
_PHRASE_BREAK: Final = frozenset(",;。:、()“”\"'!?和及与或等")
_AT_MOST_WORDS: Final = (
    "控制在",
    "不超过",
    "不高于",
    "不多于",
    "低于",
    "少于",
    "降至",
    "降到",
    "下降到",
    "降低到",
    "减少到",
    "压减到",
    "压减至",
    "降低至",
    "下降至",
    "减少至",
    "缩短到",
    "缩短至",
)
_AT_LEAST_WORDS: Final = (
    "不低于",
    "不少于",
    "至少",
    "达到",
    "超过",
    "增加到",
    "增加至",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增长到",
    "扩大到",
    "增至",
    "力争",
    "争取",
    "争创",
    "确保",
    "达",
)
_HEDGE_WORDS: Final = ("力争", "争取", "争创")
_LEVEL_WORDS: Final = ("达到", "达", "提高到", "提升到", "增加到", "保持", "稳定在", "控制在")
_BUILD_VERBS: Final = (
    "新改建",
    "新建",
    "改建",
    "建成",
    "建设",
    "完成",
    "改造",
    "开工",
    "完工",
    "部署",
    "配置",
    "配备",
    "购置",
    "实施",
    "组建",
    "新增",
    "培育",
    "引进",
    "争创",
    "打造",
    "创建",
    "推进",
    "累计",
    "为",
)
_MILESTONE_VERBS: Final = (
    "完成",
    "建成",
    "启动",
    "开工",
    "打造",
    "组建",
    "改造",
    "投入使用",
    "投运",
)
_CIRCLES: Final = ("圈",)
_LEVEL_NOUNS: Final = ("率", "比重", "比例", "密度", "标准", "水平", "人均", "平均")


@cache
def _unit_words() -> tuple[frozenset[str], int]:
    words = {
        w
        for w in zh_unit_words()
        if not (w[0] in GENERIC_MEASURE_WORDS and w[1:] in zh_unit_words()) and w != "%"
    }
    words |= set(_NOUN_UNITS)
    return frozenset(words), max(len(w) for w in words)


@cache
def _all_unit_words() -> frozenset[str]:
    return zh_unit_words()


def _head_unit(phrase: str) -> str | None:
    """The unit word a noun phrase ends on (its head): the known word that ends last, the longest."""
    words, longest = _unit_words()
    best: tuple[int, int, str] | None = None
    for i in range(len(phrase)):
        for n in range(min(longest, len(phrase) - i), 0, -1):
            w = phrase[i : i + n]
            if w in words and w not in _DATE_UNITS:
                cand = (i + n, n, w)
                if best is None or cand > best:
                    best = cand
    return None if best is None else _NOUN_UNITS.get(best[2], best[2])


def _noun_after(text: str, pos: int) -> str:
    """The noun phrase from ``pos``: up to a break, a number or a verb, at most 16 characters."""
    prefix = re.compile(
        r"(?:以上|以下|左右|以内)?的?(?:不少于|不低于|不超过|至少)?(?:\d{1,9}[座个张])?"
    )
    m = prefix.match(text, pos)
    start = m.end() if m else pos
    out = []
    window = text[start : start + 16]
    for i, ch in enumerate(window):
        if ch in _PHRASE_BREAK or (ch.isdigit() and not _LETTER_AFTER.match(window, i)):
            break
        out.append(ch)
    phrase = "".join(out)
    for verb in _STOP_VERBS:
        cut = phrase.find(verb)
        if cut >= 0:
            phrase = phrase[:cut]
    return phrase


def _noun_before(text: str, pos: int, floor: int) -> str:
    """The words before ``pos`` back to a break or ``floor``, at most 16 characters."""
    out: list[str] = []
    i = pos - 1
    while i >= floor and len(out) < 16:
        ch = text[i]
        if ch in ',;。:、()“”"' or ch.isdigit():
            break
        out.append(ch)
        i -= 1
    return "".join(reversed(out))


def _department(name: str, known: dict[str, Department]) -> tuple[Department, bool]:
    """A department for ``name``; whether its name is one the vocabulary recognises."""
    if name in known:
        return known[name], True
    bare = re.sub(r"^(?:市|区|县|州|省)", "", name)
    level = {"市": "Municipal ", "区": "District ", "县": "County "}.get(name[:1], "")
    for names, key, en in _DEPARTMENTS:
        if bare in names:
            dept = Department(key, name, f"{level}{en}")
            known[name] = dept
            return dept, True
    dept = Department(f"department_{len(known) + 1}", name, TODO)
    known[name] = dept
    return dept, False


# Patterns (each linear: bounded repetition, no nested quantifiers) ----------------------------------

_PART = re.compile(r"^([一二三四五六七八九十]{1,3})[、.]\s*(.{0,60})$")
_CATEGORY = re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*([^()]{1,60})(.*)$")
_SUBHEAD = re.compile(
    r"^(?:(\d{1,2})\s*[.、]|\(([一二三四五六七八九十]{1,3})\))\s*([^。:.()]{1,30}?)\s*(?:[。:]|$)(.*)$"
)
_SECTION_LINE = re.compile(
    r"^(三年目标|主要目标|工作目标|发展目标|总体目标|目标任务|主要任务|重点任务|工作任务|重点工作|"
    r"重大项目及投资\S{0,4}|投资\S{0,4})\s*[:。](.*)$"
)
_META = re.compile(r"分管(?:市|区|县)?领导|(?:牵头|责任|主责)(?:部门|单位)")
#: Names that say a heading is a category of works even without a leader line.
_CATEGORY_NAME = re.compile(r"(?:工程|行动|建设|项目|计划|专项|提升|补短板)$")
_ITEM = re.compile(r"^(?:\((\d{1,2})\)|(\d{1,2})\s*[.、])\s*(.*)$")
_LEADER = re.compile(
    r"分管(?:市|区|县)?领导(?:同志)?\s*:?\s*([\u4e00-\u9fff·、]{2,24}?)(?=\s*(?:[;,)。]|牵头|责任|配合|主责|$))"
)
_LEADER_TITLE = re.compile(
    r"(?:常务副市长|副市长|市长|副区长|区长|副县长|县长|副秘书长|秘书长|同志)$"
)
_LEAD_DEPARTMENTS = re.compile(
    r"(?:牵头|责任|主责)(?:部门|单位)\s*:?\s*([^;)。]{2,80}?)(?=\s*(?:[;)。]|配合|协办|分管|$))"
)
_PORTFOLIO_COUNT = re.compile(
    r"项目\s*(\d{1,5}|[零一二两三四五六七八九十百]{1,6})\s*个|(\d{1,5}|[零一二两三四五六七八九十百]{1,6})\s*个(?:重大|重点)?项目"
)
_PORTFOLIO_TOTAL = re.compile(
    r"(?:总投资|投资概算|投资估算|投资测算|概算总投资)[^\d,;。]{0,6}?(约|大约|近)?(\d{1,9}(?:\.\d{1,6})?)(亿元|万元|元)"
)
_PORTFOLIO_FIRST = re.compile(
    r"((?:19|20)\d\d)年度?[^\d,;。]{0,8}?投资[^\d,;。]{0,4}?(约|大约)?(\d{1,9}(?:\.\d{1,6})?)(亿元|万元|元)"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,10}[〔\[\uff3b][12]\d{3}[〕\]\uff3d]\d{1,4}号")
_TITLE = re.compile(
    r"^(.{2,80}?(?:实施方案|行动方案|工作方案|行动计划|实施意见|规划)(?:\(\d{4}\s*[—\-\u2013~至]{1,2}\s*\d{4}年?\))?)$"
)
_QUOTED_TITLE = re.compile(r"《([^《》]{2,80}?)》")
_PERIOD = re.compile(r"((?:19|20)\d\d)\s*[—\-\u2013~至]{1,2}\s*((?:19|20)\d\d)年?")
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:人民政府|政府|办公室|办公厅|委员会)$")
_ZH_DATE = re.compile(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$")
_PUBLISHED = re.compile(r"(?:日期|发布时间|发布日期)\s*:\s*((?:19|20)\d\d)-(\d{2})-(\d{2})")
_ISSUER_IN_NOTICE = re.compile(r"^([\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办公室|办公厅))关于印发")
_ARABIC = re.compile(r"(?<![A-Za-z0-9.])\d{1,12}(?:\.\d{1,6})?(?![\d.]{0,20}[A-Za-z])")
_CHINESE = re.compile(r"(?<![第“\"])[零〇一二两三四五六七八九十百千]{1,6}")
_RANGE_AFTER = re.compile(r"[—\-\u2013~至到]{1,2}\d")
_BASELINE = re.compile(
    r"(?:从|由)((?:(?:19|20)\d\d年(?:底|末)?)?[^,;。从由\d]{0,12}?)(不足|不到|少于|大约|约|近|超过|多于)?(\d{1,12}(?:\.\d{1,6})?)"
    r"([^\d,;。]{0,6}?)(增加到|增长到|提高到|提升到|扩大到|增至|提高至|提升至|增加至|达到|"
    r"降低到|下降到|减少到|降至|降低至|下降至|减少至|压减到|压减至|缩短到|缩短至)"
)
_DEADLINE = re.compile(
    r"((?:19|20)\d\d)年(?:(\d{1,2})月(?:(\d{1,2})日|(底|末))?|(底|末))?(前|以前|之前)?"
)
_WITHIN_YEARS = re.compile(r"(?:[一二三四五两]|\d)年(?:内|之内|时间)")
_ANNUAL = re.compile(r"每年度?|年均|每一年")
_QUARTERLY = re.compile(
    r"每季度(最后一个月|末月|第三个月|第一个月|首月|第二个月)?的?(\d{1,2})日(?:前|之前|以前)"
)
_QUARTER_END = re.compile(r"每季度(?:末|最后一天)")
_ONCE = re.compile(r"(?:((?:19|20)\d\d)年)?(\d{1,2})月(?:(\d{1,2})日|(底|末))(?:前|之前|以前)")
_MONTHLY = re.compile(r"每月(?:\d{1,2}日|底|末)")
_YEARLY = re.compile(r"每年(?:\d{1,2}月|底|末|年底)")
_ANYTIME = re.compile(r"(?:随时|及时)(?:报告|反馈|报送|上报)")
_REPORT_VERB = re.compile(r"报送|上报|报告|提交|报备|反馈")
_RECIPIENT = re.compile(
    r"(?:报送至|报送到|上报至|报至|报送给|向)([^,;。向]{2,40}?)(?=报送|上报|报告|提交|[,;。]|$)"
)
_WHAT_BEFORE = re.compile(r"将([^,;。]{2,40}?)(?:报送|上报|提交|报)")
_WHAT_AFTER = re.compile(r"(?:报送|上报|提交)([^,;。至到给]{2,30})$")
_DEPT_NAME = re.compile(
    r"^(?:市|区|县|省)?[\u4e00-\u9fff]{1,20}?(?:局|委|办|办公室|委员会|中心|厅|部)$"
)


# Drafting -----------------------------------------------------------------------------------------


class _Part(enum.Enum):
    PREAMBLE = "preamble"
    GENERAL = "general"
    BODY = "body"
    SUPERVISION = "supervision"


@attrs.define
class _CategoryDraft:
    number: int
    name: _Piece
    heading: _Line
    meta: list[_Piece] = attrs.Factory(list)
    goals: list[_Piece] = attrs.Factory(list)
    tasks: list[tuple[int, _Piece]] = attrs.Factory(list)
    task_text: list[_Piece] = attrs.Factory(list)
    portfolio: list[_Piece] = attrs.Factory(list)


def _section_of(title: str) -> str | None:
    if len(title) > 16:
        return None
    if re.search(r"重大项目|项目及投资|项目安排|投资(?:测算|概算|估算|安排|计划)", title):
        return "portfolio"
    if "目标" in title:
        return "goals"
    if re.search(r"任务|重点工作|建设内容|主要内容|工作措施", title):
        return "tasks"
    return None


_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\(?\d{1,2}[).、]|第[一二三四五六七八九十]{1,3}[章条节部]|附件)"
)


def _unclosed(text: str) -> bool:
    return text.count("(") > text.count(")")


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the paragraph ``previous`` that a line break cut (text from PDF)."""
    prev = previous.strip()
    return (
        len(prev) >= 15
        and (prev[-1] not in "。;:!?)”」』" or _unclosed(prev))
        and not prev.endswith("通知")
        and not (_HEADING_START.match(prev) and "。" not in prev and not _unclosed(prev))
        and not _HEADING_START.match(line)
        and not _SECTION_LINE.match(line)
        and not _DOC_NUMBER.fullmatch(line)
        and not _ZH_DATE.match(line)
        and not _ISSUER_LINE.match(line)
    )


def _split(text: str) -> list[_Line]:
    """The paragraphs of a text: its lines, with the lines of a wrapped paragraph joined."""
    out: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        normal = raw.translate(_NORMAL)
        stripped = normal.strip()
        if out and stripped and out[-1].normal.strip() and _continues(out[-1].normal, stripped):
            last = out.pop()
            segments = last.segments or ((0, last.number, 0),)
            keep = len(last.normal.rstrip())
            lead = len(normal) - len(normal.lstrip())
            out.append(
                _Line(
                    last.number,
                    last.text[:keep] + raw[lead:].rstrip(),
                    last.normal[:keep] + normal[lead:].rstrip(),
                    (*segments, (keep, number, lead)),
                )
            )
            continue
        out.append(_Line(number, raw, normal))
    return out


def _stripped(line: _Line) -> _Piece:
    return _trimmed(_Piece(line, 0, len(line.text)))


@attrs.define
class _State:
    review: list[ReviewItem] = attrs.Factory(list)
    departments: dict[str, Department] = attrs.Factory(dict)
    targets: int = 0
    districts: tuple[str, ...] = ()

    def add(
        self,
        subject: ReviewSubject,
        key: str | None,
        span: SourceSpan | None,
        inferred: Sequence[tuple[str, str]] = (),
        reasons: Sequence[str] = (),
        todo: Sequence[str] = (),
    ) -> None:
        self.review.append(
            ReviewItem(subject, key, span, tuple(inferred), tuple(reasons), tuple(todo))
        )


def draft_programme(
    text: str,
    *,
    key: str | None = None,
    period: Period | None = None,
    source: str = "plan",
) -> Draft:
    """Draft a programme from the text of a plan.

    Args:
        text: The plan's text (a :class:`str`; :func:`decode_plan_text` reads UTF-8 or GB18030 bytes).
        key: The programme's key; by default ``draft_<first year>_<last year>``.
        period: The years the programme covers; by default the years the title gives
            (``(2020—2022年)``), else the issue year (a TODO).
        source: The text's name, for the review.

    Returns:
        The draft: a programme that validates, and the review list. A text that reads as no plan
        gives a programme without categories and a review that says so.

    Raises:
        DraftError: The text is longer than :data:`MAX_TEXT_CHARS`, ``key`` is not a lower-case
            identifier, or cn2an (the ``draft`` extra) is not installed.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise DraftError(f"{source}: the text has {len(text)} characters; at most {MAX_TEXT_CHARS}")
    if key is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", key):
        raise DraftError(f"key must be a lower-case identifier ([a-z][a-z0-9_]*): {key!r}")
    try:
        import cn2an  # noqa: F401  (the ``draft`` extra; imported only when drafting)
    except ImportError:
        raise DraftError(
            "drafting reads Chinese numerals with cn2an: pip install 'ezhou-recovery[draft]'"
        ) from None
    state = _State()
    lines = _split(text)
    state.districts = _district_names("\n".join(ln.normal for ln in lines))
    categories, general, first_body = _structure(lines, state)
    header = _header(lines[:first_body] if first_body else lines, lines, period, state)
    drafted: list[Category] = []
    used_keys: dict[str, int] = {}
    for cat in categories:
        built = _category(cat, header.period, header.issued, used_keys, state)
        if built is not None:
            drafted.append(built)
    duties = _duties(general, header.period, header.issued, state)
    p = header.period
    programme = Programme(
        key=key or f"draft_{p.start.year}_{p.end.year}",
        document_number=header.document_number,
        title_zh=header.title,
        title_en=TODO,
        issuer=header.issuer,
        issued=header.issued,
        period=p,
        categories=tuple(drafted),
        obligations=tuple(duties),
        published=header.published,
    )
    if not drafted:
        state.add(
            ReviewSubject.DOCUMENT,
            None,
            None,
            reasons=("no category heading (（一）…) with a leader or lead department was found",),
            todo=("this does not read as an implementation plan: nothing was drafted",),
        )
    return Draft(programme, tuple(state.review), source)


def _structure(lines: list[_Line], state: _State) -> tuple[list[_CategoryDraft], list[_Piece], int]:
    """Cut the text into parts and categories; categories' lines go into their sections."""
    part = _Part.PREAMBLE
    categories: list[_CategoryDraft] = []
    general: list[_Piece] = []
    current: _CategoryDraft | None = None
    section = "goals"
    first_body = 0
    for index, line in enumerate(lines):
        piece = _stripped(line)
        norm = piece.normal
        if not norm:
            continue
        m = _PART.match(norm)
        if m and len(m.group(2)) <= 30:
            title = m.group(2)
            if re.search(r"保障|措施|组织实施|督查|考核|要求$|工作要求", title):
                part = _Part.SUPERVISION
            elif re.search(r"总体要求|指导思想|基本原则|总体思路", title):
                part = _Part.GENERAL
            else:
                part = _Part.BODY
            if first_body == 0:
                first_body = line.number - 1
            current = None
            continue
        if part is _Part.BODY or (part is _Part.PREAMBLE and _CATEGORY.match(norm)):
            m = _CATEGORY.match(norm)
            ahead = " ".join(ln.normal for ln in lines[index + 1 : index + 3])
            if (
                m
                and (n := _cn_number(m.group(1))) is not None
                and (
                    _META.search(norm)
                    or _META.search(ahead)
                    or _CATEGORY_NAME.search(m.group(2).strip(" 。:;,"))
                )
            ):
                name_end = m.start(3)
                name = piece.sub(m.start(2), name_end)
                current = _CategoryDraft(n, _trimmed(name), line)
                if m.group(3):
                    current.meta.append(piece.sub(m.start(3), len(norm)))
                categories.append(current)
                section = "goals"
                part = _Part.BODY
                if first_body == 0:
                    first_body = line.number - 1
                continue
        if current is None:
            general.append(piece)
            continue
        m = _SUBHEAD.match(norm) or _SECTION_LINE.match(norm)
        if m:
            title = m.group(3) if m.re is _SUBHEAD else m.group(1)
            found = _section_of(title)
            if found is not None:
                section = found
                rest_at = m.start(4) if m.re is _SUBHEAD else m.start(2)
                rest = _trimmed(piece.sub(rest_at, len(norm)))
                if rest.normal:
                    _place(current, section, rest, state)
                continue
        if re.search(r"分管(?:市|区|县)?领导|牵头(?:部门|单位)|责任(?:部门|单位)", norm) and not (
            current.goals or current.tasks or current.task_text or current.portfolio
        ):
            current.meta.append(piece)
            continue
        _place(current, section, piece, state)
    return categories, general, first_body


def _place(cat: _CategoryDraft, section: str, piece: _Piece, state: _State) -> None:
    if section == "portfolio":
        cat.portfolio.append(piece)
    elif section == "tasks":
        m = _ITEM.match(piece.normal)
        if m:
            number = int(m.group(1) or m.group(2))
            cat.tasks.append((number, piece.sub(m.start(3), len(piece.normal))))
        else:
            cat.task_text.append(piece)
    else:
        cat.goals.append(piece)


@attrs.frozen
class _Header:
    document_number: str
    title: str
    issuer: Department
    issued: date
    published: date | None
    period: Period


def _header(head: list[_Line], lines: list[_Line], period: Period | None, state: _State) -> _Header:
    texts = [ln.normal.strip() for ln in head]
    document_number = next((m.group(0) for ln in head if (m := _DOC_NUMBER.search(ln.text))), None)
    title = None
    title_line: _Line | None = None
    for ln in lines[:400]:
        s = ln.text.strip()
        if s and "关于印发" not in s and "通知" not in s and _TITLE.match(s.translate(_NORMAL)):
            title, title_line = s, ln
            break
    if title is None:
        m = next((m for ln in head if (m := _QUOTED_TITLE.search(ln.text))), None)
        title = m.group(1) if m else None
    issuer_name = None
    issued = None
    for i, s in enumerate(texts):
        if _ISSUER_LINE.match(s):
            for nxt in texts[i + 1 : i + 3]:
                d = _ZH_DATE.match(nxt)
                if d:
                    issuer_name, issued = s, _safe_date(*map(int, d.groups()))
                    break
        if issued is not None:
            break
    if issued is None:
        for s in texts:
            d = _ZH_DATE.match(s)
            if d:
                issued = _safe_date(*map(int, d.groups()))
                break
    if issuer_name is None:
        m = next((m for s in texts if (m := _ISSUER_IN_NOTICE.match(s))), None)
        issuer_name = m.group(1) if m else None
    years = _PERIOD.search(title.translate(_NORMAL)) if title else None
    if years is None:
        years = next((m for s in texts if (m := _PERIOD.search(s))), None)
    todo: list[str] = []
    reasons: list[str] = []
    if period is None:
        if years and int(years.group(1)) <= int(years.group(2)):
            period = Period(date(int(years.group(1)), 1, 1), date(int(years.group(2)), 12, 31))
            reasons.append(f"period from the years {years.group(0)}")
        else:
            year = issued.year if issued else 2000
            period = Period(date(year, 1, 1), date(year, 12, 31))
            todo.append("period: no years (2020—2022年) found; the issue year is assumed")
    else:
        reasons.append("period given by the caller")
    if issued is None or issued > period.end:
        issued = period.start
        todo.append("issued: no date of issue found; the period's first day is assumed")
    published = None
    for s in texts:
        m = _PUBLISHED.search(s)
        if m:
            day = _safe_date(*map(int, m.groups()))
            if day is not None and day >= issued:
                published = day
                break
    if document_number is None:
        todo.append("document_number: no number such as 鄂州政发〔2020〕10号 found")
    if title is None:
        todo.append("title_zh: no title (…实施方案) found")
    if issuer_name is None:
        todo.append("issuer: no issuing authority found")
    todo.append("title_en, issuer.name_en: English names")
    state.add(
        ReviewSubject.DOCUMENT,
        None,
        _stripped(title_line).span() if title_line else None,
        inferred=[
            ("document_number", document_number or TODO),
            ("title_zh", title or TODO),
            ("issuer", issuer_name or TODO),
            ("issued", issued.isoformat()),
            ("period", f"{period.start.isoformat()} to {period.end.isoformat()}"),
            ("published", published.isoformat() if published else "-"),
        ],
        reasons=reasons,
        todo=todo,
    )
    return _Header(
        document_number or TODO,
        title or TODO,
        Department("issuer", issuer_name or TODO, TODO),
        issued,
        published,
        period,
    )


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


# A category ---------------------------------------------------------------------------------------


def _category_key(name: str, used: dict[str, int], number: int) -> str:
    base = next((k for word, k in _CATEGORY_KEYS if word in name), f"category_{number}")
    key = base
    while key in used:
        used[base] = used.get(base, 1) + 1
        key = f"{base}_{used[base]}"
    used[key] = used.get(key, 1)
    return key


def _category(
    cat: _CategoryDraft, period: Period, issued: date, used: dict[str, int], state: _State
) -> Category | None:
    name = re.sub(r"[。:;,]+$", "", cat.name.text.strip()) or TODO
    key = _category_key(cat.name.normal, used, cat.number)
    meta = " ".join(p.normal for p in cat.meta)
    todo: list[str] = ["name_en: English name"]
    reasons: list[str] = []
    leader_match = _LEADER.search(meta)
    leader_name = None
    if leader_match:
        names = [n for n in re.split(r"[、]", leader_match.group(1)) if n]
        leader_name = _LEADER_TITLE.sub("", names[0]) if names else None
        reasons.append(f"leader from {leader_match.group(0)!r}")
        if len(names) > 1:
            todo.append(f"leader: the text names {len(names)} leaders; the first is drafted")
    if not leader_name:
        todo.append("leader: no 分管领导 found")
    todo.append("leader.name_en: the leader's name in pinyin")
    depts: list[Department] = []
    dm = _LEAD_DEPARTMENTS.search(meta)
    if dm:
        reasons.append(f"lead departments from {dm.group(0)!r}")
        for raw in re.split(r"[、,/和]", dm.group(1)):
            raw = raw.strip()
            if not raw:
                continue
            dept, known = _department(raw, state.departments)
            if dept.key not in {d.key for d in depts}:
                depts.append(dept)
            if not known:
                todo.append(
                    f"department {raw!r} is not one the drafter recognises: key and name_en"
                )
    if not depts:
        todo.append("lead_departments: no 牵头部门 found")
        depts.append(Department("department_unknown", TODO, TODO))
    portfolio = _portfolio(cat, key, state)
    targets = _targets(cat, key, period, state)
    tasks = _tasks(cat, key, state)
    state.add(
        ReviewSubject.CATEGORY,
        key,
        _stripped(cat.heading).span(),
        inferred=[
            ("number", str(cat.number)),
            ("name_zh", name),
            ("leader", leader_name or TODO),
            ("lead_departments", "、".join(d.name_zh for d in depts)),
        ],
        reasons=reasons,
        todo=todo,
    )
    return Category(
        key=key,
        number=cat.number,
        name_zh=name,
        name_en=TODO,
        leader=Official(leader_name or TODO, TODO),
        lead_departments=tuple(depts),
        targets=tuple(targets),
        tasks=tuple(tasks),
        portfolio=portfolio,
    )


def _portfolio(cat: _CategoryDraft, key: str, state: _State) -> Portfolio | None:
    pieces = cat.portfolio or [
        p for p in [*cat.goals, *cat.task_text] if "总投资" in p.normal and "项目" in p.normal
    ]
    if not pieces:
        return None
    for piece in pieces:
        text = piece.normal
        count_m = _PORTFOLIO_COUNT.search(text)
        total_m = _PORTFOLIO_TOTAL.search(text)
        first_m = _PORTFOLIO_FIRST.search(text)
        if not (count_m or total_m):
            continue
        todo = []
        count = _number(count_m.group(1) or count_m.group(2)) if count_m else None
        total = parse_quantity(total_m.group(2) + total_m.group(3)) if total_m else None
        first = parse_quantity(first_m.group(3) + first_m.group(4)) if first_m else None
        inferred = [
            ("project_count", str(count) if count is not None else TODO),
            ("total_investment", format_quantity(total) if total is not None else TODO),
            ("first_year_investment", format_quantity(first) if first is not None else TODO),
            ("first_year", first_m.group(1) if first_m else TODO),
            ("approximate", "true" if total_m and total_m.group(1) else "false"),
        ]
        if count is None or total is None or first is None:
            todo.append(
                "portfolio: the project count, total and first-year investment are all needed"
            )
            state.add(ReviewSubject.PORTFOLIO, key, piece.span(), inferred, (), todo)
            return None
        try:
            portfolio = Portfolio(
                count,
                total,
                first,
                int(first_m.group(1)) if first_m else 2020,
                bool(total_m and total_m.group(1)),
            )
        except EzhouRecoveryError as exc:
            state.add(ReviewSubject.PORTFOLIO, key, piece.span(), inferred, (), (str(exc),))
            return None
        state.add(
            ReviewSubject.PORTFOLIO,
            key,
            piece.span(),
            inferred,
            (
                f"from {count_m.group(0) if count_m else ''!r}, {total_m.group(0) if total_m else ''!r}",
            ),
        )
        return portfolio
    return None


def _tasks(cat: _CategoryDraft, key: str, state: _State) -> list[Task]:
    out: list[Task] = []
    items = list(cat.tasks)
    if not items and cat.task_text:
        items = [(1, cat.task_text[0])]
    seen: set[int] = set()
    for number, piece in items:
        text = piece.text.strip()
        if not text or number in seen:
            continue
        seen.add(number)
        title = re.split(r"[。;；:：,，]", text, maxsplit=1)[0].strip() or text
        out.append(Task(number, title, TODO, text))
        state.add(
            ReviewSubject.TASK,
            f"{key}#{number}",
            piece.span(),
            [("number", str(number)), ("title_zh", title)],
            todo=("title_en: English title",),
        )
    return out


# Targets ------------------------------------------------------------------------------------------


@attrs.frozen
class _Found:
    """A quantity in a sentence: where, what, and the words that say how to read it."""

    start: int
    end: int
    number: Decimal
    unit_word: str
    quantity: Quantity
    reasons: tuple[str, ...]
    unit_guessed: bool


def _quantities(sentence: _Piece, skip: list[tuple[int, int]], state: _State) -> list[_Found]:
    """The quantities of a sentence that can be targets, in order; others go to the review."""
    text = sentence.normal
    candidates: list[tuple[int, int, Decimal]] = []
    for m in _ARABIC.finditer(text):
        candidates.append((m.start(), m.end(), Decimal(m.group(0))))
    quoted = _quoted(text)
    for m in _CHINESE.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        value = _cn_number(m.group(0))
        if value is not None:
            candidates.append((m.start(), m.end(), Decimal(value)))
    candidates.sort()
    found: list[_Found] = []
    for start, end, number in candidates:
        if any(a <= start < b for a, b in skip):
            continue
        item = _read_quantity(text, start, end, number, found)
        if isinstance(item, str):
            if item:
                state.add(
                    ReviewSubject.UNREAD,
                    None,
                    sentence.sub(start, min(len(text), end + 6)).span(),
                    [("number", text[start:end])],
                    (item,),
                )
            continue
        found.append(item)
    return found


def _quoted(text: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"“[^“”]{0,30}”|\"[^\"]{0,30}\"", text):
        out.append((m.start(), m.end()))
    return out


def _read_quantity(
    text: str, start: int, end: int, number: Decimal, before: list[_Found]
) -> _Found | str:
    """Read the unit after a number; a string says why it is not a target ('' for silence)."""
    chinese = not text[start].isdigit()
    if start > 0 and text[start - 1] in "第":
        return ""
    if _RANGE_AFTER.match(text, end) or (start > 0 and text[start - 1] in "—-\u2013~"):
        return "a range of numbers: not read as a target"
    pos = end
    multiplier = Decimal(1)
    if text[pos : pos + 1] in ("万", "亿") and not text.startswith(("亿元", "万元"), pos):
        multiplier = Decimal(10_000) if text[pos] == "万" else Decimal(100_000_000)
        pos += 1
    words, longest = _unit_words()
    reasons: list[str] = []
    value = number * multiplier
    nxt = text[pos : pos + 1]
    if not nxt:
        return "" if chinese else "a number without a unit"
    if nxt in GENERIC_MEASURE_WORDS:
        after = pos + 1
        if nxt == "座" and value >= 100 and any(text.startswith(s, after) for s in _SEATED):
            return _Found(
                start,
                after,
                value,
                "个座位",
                _q(value, "个座位"),
                ("座 before a venue: seats",),
                False,
            )
        noun = _noun_after(text, after)
        head = _head_unit(noun) if noun else None
        if head:
            reasons.append(f"unit from the noun after the number ({noun})")
            return _Found(start, after, value, head, _q(value, head), tuple(reasons), False)
        floor = before[-1].end if before else 0
        noun = _noun_before(text, start, floor)
        head = _head_unit(noun) if noun else None
        if head:
            reasons.append(f"unit from the noun before the number ({noun})")
            return _Found(start, after, value, head, _q(value, head), tuple(reasons), False)
        prev = next((f for f in reversed(before) if f.quantity.units != ureg.piece), None)
        if prev is not None and not chinese and before[-1].end >= start - 12:
            reasons.append(f"unit of the count before it ({prev.unit_word})")
            return _Found(
                start,
                after,
                value,
                prev.unit_word,
                _q(value, prev.unit_word),
                tuple(reasons),
                False,
            )
        if chinese:
            return ""
        reasons.append(f"{nxt}: a count of unnamed things")
        return _Found(start, after, value, nxt, _q(value, "个"), tuple(reasons), True)
    if text.startswith("%", pos):
        return _Found(start, pos + 1, value, "%", _q(value, "%"), (), False)
    word = None
    for n in range(min(longest + 8, len(text) - pos), 0, -1):
        cand = text[pos : pos + n]
        if (cand in words or cand in _all_unit_words()) and cand not in _NOUN_UNITS:
            word = cand
            break
    if word is None:
        return (
            "" if chinese else f"no unit the library knows after the number ({text[pos : pos + 4]})"
        )
    if word in _DATE_UNITS:
        return ""
    e = pos + len(word)
    if word == "公里" and text.startswith("/平方公里", e):
        word, e = "公里/平方公里", e + 5
    floor = before[-1].end if before else 0
    if "人均" in text[max(floor, start - 16) : start] and word in (
        "平方米",
        "平方公里",
        "公顷",
        "亩",
    ):
        word = f"{word}/人"
        reasons.append("人均: per person")
    q = _q(value, word)
    if q.dimensionality == ureg.year.dimensionality and word in ("年",):
        return ""
    if is_money(q) and not re.search(r"完成|累计|到位|争取", text[max(0, start - 12) : start]):
        return "an amount of money (a cost, not a target)"
    tail = text[e : e + 8]
    if (
        tail[:1]
        and ("\u4e00" <= tail[0] <= "\u9fff")
        and not re.match(r"以上|以下|以内|之内|左右|的|和|及|或|、", tail)
    ):
        noun = _noun_after(text, e)
        if noun.endswith(_CIRCLES) and q.dimensionality == ureg.minute.dimensionality:
            return _Found(start, e, value, word, q, ("a circle of this radius: at most",), False)
        if "能力" in noun:
            return _Found(start, e, value, word, q, (f"a capacity ({word}{noun})",), False)
        if "范围" in tail:
            return "an area (…范围内): read as a scope, not a target"
        return f"describes a thing ({word}{noun}), not a target"
    return _Found(start, e, value, word, q, tuple(reasons), False)


@cache
def _unit_text(unit: Any) -> str:
    return f"{unit:~P}" or "1"


def _q(value: Decimal, word: str) -> Quantity:
    text = format(value.normalize(), "f")
    try:
        return parse_quantity(f"{text}{word}")
    except UnitError:
        return parse_quantity(text, unit=parse_unit(word)) if word else parse_quantity(text)


def _comparator(
    text: str, f: _Found, floor: int, previous: Comparator | None
) -> tuple[Comparator, str | None, bool]:
    """The comparator of a quantity, the word that says it, and whether it is a hedge (力争)."""
    after = text[f.end : f.end + 3]
    if after.startswith(("以上", "及以上")):
        return Comparator.AT_LEAST, "以上", False
    if after.startswith(("以下", "以内", "之内")):
        return Comparator.AT_MOST, after[:2], False
    if any("圈" in r or "at most" in r for r in f.reasons):
        return Comparator.AT_MOST, "…圈", False
    window = text[max(floor, f.start - 14) : f.start]
    best: tuple[int, Comparator, str] | None = None
    for words, comparator in (
        (_AT_MOST_WORDS, Comparator.AT_MOST),
        (_AT_LEAST_WORDS, Comparator.AT_LEAST),
    ):
        for w in words:
            i = window.rfind(w)
            if i >= 0 and (
                best is None
                or i + len(w) > best[0]
                or (i + len(w) == best[0] and len(w) > len(best[2]))
            ):
                best = (i + len(w), comparator, w)
    hedge = any(h in text[max(0, f.start - 30) : f.start] for h in _HEDGE_WORDS)
    if best is not None:
        return best[1], best[2], hedge
    if previous is not None:
        return previous, None, hedge
    return Comparator.AT_LEAST, None, hedge


def _deadline(
    sentence: str, pos: int, skip: list[tuple[int, int]], period: Period
) -> tuple[date | None, str | None]:
    """The deadline a sentence gives the item at ``pos``: the nearest date before it, else after."""
    return _pick_deadline(_deadline_hits(sentence, skip), sentence, pos, period)


def _deadline_hits(sentence: str, skip: list[tuple[int, int]]) -> list[tuple[int, date, str]]:
    """The dates a sentence names (到2022年, 2020年底前, 2021年6月底), in order."""
    hits: list[tuple[int, date, str]] = []
    for m in _DEADLINE.finditer(sentence):
        if any(a <= m.start() < b for a, b in skip):
            continue
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        when = None
        if month and day:
            when = _safe_date(year, month, day)
        elif month:
            when = _month_end(year, month)
        else:
            when = date(year, 12, 31)
        if when is not None:
            hits.append((m.start(), when, m.group(0)))
    return hits


def _pick_deadline(
    hits: list[tuple[int, date, str]], sentence: str, pos: int, period: Period
) -> tuple[date | None, str | None]:
    i = bisect.bisect_left([h[0] for h in hits], pos)
    chosen = hits[i - 1] if i else (hits[0] if hits else None)
    if chosen is not None:
        return chosen[1], chosen[2]
    w = _WITHIN_YEARS.search(sentence)
    if w:
        return period.end, w.group(0)
    return None, None


def _targets(cat: _CategoryDraft, key: str, period: Period, state: _State) -> list[Target]:
    out: list[Target] = []
    counters = {"goals": 0, "tasks": 0}

    def next_key(section: str) -> str:
        counters[section] += 1
        prefix = "goal" if section == "goals" else "task"
        return f"{key}.{prefix}_{counters[section]:02d}"

    pieces = [("goals", p) for p in cat.goals]
    tasks = [p for _, p in cat.tasks] + cat.task_text
    pieces += [("tasks", p) for p in sorted(tasks, key=lambda p: (p.line.number, p.start))]
    pending = iter(range(1, 1 << 62))
    for section, piece in pieces:
        for sentence in _pieces(piece, _SENTENCE_END):
            if state.targets >= MAX_TARGETS:
                state.add(
                    ReviewSubject.UNREAD,
                    None,
                    sentence.span(),
                    reasons=(f"{MAX_TARGETS} targets drafted: the rest of the text is not read",),
                )
                return out
            if len(sentence.normal) > MAX_SENTENCE_CHARS:
                state.add(
                    ReviewSubject.UNREAD,
                    None,
                    sentence.sub(0, 40).span(),
                    reasons=(
                        f"a sentence of {len(sentence.normal)} characters: longer than "
                        f"{MAX_SENTENCE_CHARS}, not read",
                    ),
                )
                continue
            if _PORTFOLIO_TOTAL.search(sentence.normal) and _PORTFOLIO_COUNT.search(
                sentence.normal
            ):
                continue
            mark = len(state.review)
            made = sorted(
                _sentence_targets(
                    sentence,
                    section,
                    period,
                    lambda _: f"{key}.pending_{next(pending)}",
                    state,
                ),
                key=lambda pair: pair[0],
            )
            # keys follow the order of the text
            rename = {t.key: next_key(section) for _, t in made}
            out.extend(attrs.evolve(t, key=rename[t.key]) for _, t in made)
            state.targets += len(made)
            state.review[mark:] = [
                attrs.evolve(i, key=rename[i.key]) if i.key in rename else i
                for i in state.review[mark:]
            ]
    return out


def _sentence_targets(
    sentence: _Piece,
    section: str,
    period: Period,
    next_key: Callable[[str], str],
    state: _State,
) -> Iterator[tuple[int, Target]]:
    text = sentence.normal
    baselines: list[tuple[re.Match[str], int, int]] = []
    skip: list[tuple[int, int]] = []
    for m in _BASELINE.finditer(text):
        baselines.append((m, m.start(), m.end()))
        skip.append((m.start(), m.end()))
    found = _quantities(sentence, skip, state)
    found = sorted([*found, *_enumerations(sentence, found)], key=lambda f: f.start)
    hits = _deadline_hits(text, skip)
    baseline_ends = {b[2]: b for b in baselines}
    sec = Section.GOALS if section == "goals" else Section.TASKS
    covered: list[tuple[int, int]] = []
    previous: Comparator | None = None
    clause_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in ",:"]
    for i, f in enumerate(found):
        clause_start = clause_starts[bisect.bisect_right(clause_starts, f.start) - 1]
        floor = max(clause_start, found[i - 1].end if i else 0)
        comparator, word, hedge = _comparator(
            text, f, floor, previous if i and found[i - 1].end >= clause_start else None
        )
        previous = comparator
        reasons = list(f.reasons)
        todo: list[str] = ["description_en: English description", "key: rename"]
        reasons.append(
            f"comparator {comparator.value} from {word!r}"
            if word
            else f"no comparator word: {comparator.value}"
        )
        if hedge:
            reasons.append("力争/争取: an aspiration, drafted as a promise")
        if f.unit_guessed:
            todo.append("value: the unit is a count of unnamed things (个, 座…); name it")
        baseline = None
        base_match = next(
            (baseline_ends[e] for e in range(f.start - 2, f.start + 1) if e in baseline_ends), None
        )
        if base_match is not None:
            bm = base_match[0]
            qual = {
                "不足": BaselineQualifier.LESS_THAN,
                "不到": BaselineQualifier.LESS_THAN,
                "少于": BaselineQualifier.LESS_THAN,
                "大约": BaselineQualifier.ABOUT,
                "约": BaselineQualifier.ABOUT,
                "近": BaselineQualifier.ABOUT,
                "超过": BaselineQualifier.MORE_THAN,
                "多于": BaselineQualifier.MORE_THAN,
            }.get(bm.group(2) or "", BaselineQualifier.EXACT)
            note = re.sub(r"的$", "", bm.group(1).strip()) or None
            try:
                bq = _q(Decimal(bm.group(3)), bm.group(4).strip() or f.unit_word)
                if bq.dimensionality != f.quantity.dimensionality:
                    bq = _q(Decimal(bm.group(3)), f.unit_word)
                as_of = None
                if note and (y := re.fullmatch(r"((?:19|20)\d\d)年(?:底|末)?", note)):
                    as_of = date(int(y.group(1)), 12, 31)
                baseline = Baseline(bq, qual, as_of, note)
                verb = bm.group(5)
                if re.search(r"降|减|压|缩", verb):
                    comparator = Comparator.AT_MOST
                reasons.append(f"baseline from {bm.group(0)!r}")
            except EzhouRecoveryError:
                todo.append(f"baseline: {bm.group(0)!r} could not be read")
        deadline, said = _pick_deadline(hits, text, f.start, period)
        if deadline is None:
            deadline = period.end
            reasons.append("no date: due at the end of the period")
        elif not period.start <= deadline <= period.end:
            todo.append(f"deadline: {said!r} lies outside the period; the period's end is drafted")
            deadline = period.end
        else:
            reasons.append(f"deadline from {said!r}")
        kind, why = _kind(text, f, clause_start, baseline is not None)
        districts, why_districts = _each_district(text[: f.start], state.districts)
        if _one_off_build(text[clause_start : f.start], f, kind, districts):
            kind, why = TargetKind.MILESTONE, "one named build (建成…1个): a milestone"
        reasons.append(why)
        description = _description(sentence, clause_start, f)
        t_key = next_key(section)
        value = None if kind is TargetKind.MILESTONE else f.quantity
        try:
            target = Target(
                key=t_key,
                description_zh=description.text.strip() or sentence.text,
                description_en=TODO,
                kind=kind,
                deadline=deadline,
                value=value,
                comparator=comparator,
                baseline=baseline,
                section=sec,
                clause_zh=sentence.text.strip(),
            )
        except EzhouRecoveryError as exc:
            state.add(ReviewSubject.UNREAD, None, sentence.span(), (), (str(exc),))
            continue
        covered.append((clause_start, f.end))
        inferred = [
            ("kind", kind.value),
            ("value", "-" if value is None else format_quantity(f.quantity)),
            ("unit", "-" if value is None else _unit_text(f.quantity.units)),
            ("comparator", comparator.value),
            ("baseline", str(baseline) if baseline else "-"),
            ("deadline", deadline.isoformat()),
            ("section", sec.value),
            ("clause", description.text.strip()),
        ]
        if not districts:
            state.add(ReviewSubject.TARGET, t_key, sentence.span(), inferred, reasons, todo)
            yield f.start, target
            continue
        for district in districts:
            copy = attrs.evolve(target, key=next_key(section), scope_zh=district, scope_en=TODO)
            state.add(
                ReviewSubject.TARGET,
                copy.key,
                sentence.span(),
                [*inferred, ("scope", district)],
                [*reasons, why_districts],
                [*todo, "scope_en: the district's English name"],
            )
            yield f.start, copy
    yield from _worded_targets(sentence, section, found, period, skip, next_key, state)


_EACH_DISTRICT = re.compile(r"(其他|其余)?各(?:区|县\(市、区\)|县\(市区\)|县市区)(?!人民政府|政府)")


def _each_district(before: str, districts: tuple[str, ...]) -> tuple[list[str], str]:
    """The districts a target stated once for 各区 (each district) holds for, and why."""
    matches = list(_EACH_DISTRICT.finditer(before))
    m = matches[-1] if matches else None
    if m is None or not districts:
        return [], ""
    if m.group(1):
        named = [d for d in districts if d in before[: m.start()]]
        rest = [d for d in districts if d not in named]
        return (
            rest,
            f"其他各区: one target for each district the text names but this sentence ({'、'.join(rest)})",
        )
    return list(
        districts
    ), f"各区: one target for each district the text names ({'、'.join(districts)})"


#: Words ending in 区 that name a kind of area, not a district.
_AREA_WORDS: Final = (
    "经济区",
    "开发区",
    "建成区",
    "建设区",
    "示范区",
    "保护区",
    "集聚区",
    "聚集区",
    "敏感区",
    "空白区",
    "都市区",
    "功能区",
    "试验区",
    "实验区",
    "小区",
    "病区",
    "港区",
    "园区",
    "社区",
    "景区",
    "灌区",
    "山区",
    "库区",
    "辖区",
    "片区",
    "街区",
    "厂区",
    "校区",
    "营区",
    "地区",
    "垸区",
    "中心城区",
    "主城区",
    "老城区",
    "旧城区",
    "市区",
    "各区",
    "全区",
    "本区",
    "该区",
    "城区",
    "新区",
)


def _district_names(text: str) -> tuple[str, ...]:
    """The districts a plan names: names of three or four characters ending in 区 that recur with
    the same characters before them and are not words for a kind of area (建成区, 开发区, 小区)."""
    two: dict[str, int] = {}
    three: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in re.finditer("区", text):
        i = m.start()
        for n, counts in ((2, two), (3, three)):
            name = text[max(0, i - n) : i + 1]
            if len(name) == n + 1 and all("\u4e00" <= c <= "\u9fff" for c in name):
                counts[name] = counts.get(name, 0) + 1
                first.setdefault(name, i)
    names = []
    for short, count in two.items():
        if count < 2:
            continue
        longer = [(k, c) for k, c in three.items() if k.endswith(short)]
        best = max(longer, key=lambda kc: kc[1], default=None)
        name = best[0] if best is not None and best[1] == count else short
        # 鄂城区 is a district although 城区 is a word for an area; 中心城区 and 老旧城区 are not
        if name in _AREA_WORDS or name.endswith(tuple(w for w in _AREA_WORDS if w != "城区")):
            continue
        names.append(name)
    return tuple(sorted(names, key=lambda n: first[n]))


_ENUMERATION = re.compile(
    r"(?:组建|新建|建成|设立|创建)((?:[^、,;。等]{2,12}、){1,9}[^、,;。等]{2,20})$"
)


def _enumerations(sentence: _Piece, found: list[_Found]) -> list[_Found]:
    """Clauses that list the things to set up by name without a number (组建A、B、C区级疾控中心)."""
    out: list[_Found] = []
    offset = sentence.start
    for clause in _pieces(sentence, frozenset(",:")):
        a, b = clause.start - offset, clause.end - offset
        if any(a <= f.start < b for f in found):
            continue
        m = _ENUMERATION.search(clause.normal)
        if not m:
            continue
        items = m.group(1).split("、")
        head = _head_unit(items[-1])
        if head is None or not items[-1].endswith(head):
            continue
        value = Decimal(len(items))
        reason = f"no number: the {len(items)} names listed are counted"
        out.append(_Found(a + m.start(1), b, value, head, _q(value, head), (reason,), False))
    return out


def _description(sentence: _Piece, clause_start: int, f: _Found) -> _Piece:
    text = sentence.normal
    end = f.end
    while end < len(text) and text[end] not in ",;。:、(":
        end += 1
    start = clause_start
    while start < len(text) and text[start] == " ":
        start += 1
    lead = _DEADLINE.match(text, start)
    if lead and text[lead.end() : lead.end() + 1] == ",":
        start = lead.end() + 1
    return sentence.sub(start, max(end, f.end))


#: Verbs before a count of one that make it a single build or a single thing won: a milestone.
_ONE_OFF_VERBS: Final = ("建成", "争创")


def _one_off_build(before: str, f: _Found, kind: TargetKind, districts: Sequence[str]) -> bool:
    """A count of exactly one thing built or won (建成民用机场1个, 争创1个重大科技基础设施), not stated
    per district: a milestone, not a 0-or-1 count."""
    return (
        kind is TargetKind.CUMULATIVE
        and f.number == 1
        and not districts
        and not _EACH_DISTRICT.search(before)
        and any(verb in before for verb in _ONE_OFF_VERBS)
    )


def _kind(text: str, f: _Found, clause_start: int, has_baseline: bool) -> tuple[TargetKind, str]:
    before = text[clause_start : f.start]
    if _ANNUAL.search(text[clause_start : f.end]):
        return TargetKind.ANNUAL_RATE, "每年: a yearly amount"
    if has_baseline:
        return TargetKind.LEVEL, "a value reached from a baseline: a level"
    q = f.quantity
    dim = q.dimensionality
    if (
        q.units == ureg.percent
        or dim == ureg.minute.dimensionality
        or "/" in _unit_text(q.units)
        or f.unit_word in ("年一遇",)
        or any(n in before for n in _LEVEL_NOUNS)
    ):
        return TargetKind.LEVEL, "a rate, ratio, standard or time: a level"
    if any(verb in before for verb in _BUILD_VERBS):
        return TargetKind.CUMULATIVE, "a verb of building before it: an amount to build"
    if any(w in before for w in _LEVEL_WORDS):
        return TargetKind.LEVEL, "达到: a level"
    if (
        str(dim) == "dimensionless"
        or dim == ureg.piece.dimensionality
        or f.unit_word in _all_unit_words()
    ):
        if dim == ureg.km.dimensionality or is_money(q):
            return TargetKind.CUMULATIVE, "an amount without a verb: drafted as an amount to build"
        return TargetKind.CUMULATIVE, "a count: an amount to build"
    return TargetKind.LEVEL, "a measure without a verb: drafted as a level"


def _worded_targets(
    sentence: _Piece,
    section: str,
    found: list[_Found],
    period: Period,
    skip: list[tuple[int, int]],
    next_key: Callable[[str], str],
    state: _State,
) -> Iterator[tuple[int, Target]]:
    """Goals without a number: milestones (建成, 完成, 启动) and goals in words."""
    sec = Section.GOALS if section == "goals" else Section.TASKS
    clauses = _pieces(sentence, frozenset(",:"))
    offset = sentence.start
    hits = _deadline_hits(sentence.normal, skip)
    groups: list[list[_Piece]] = []
    for clause in clauses:
        a, b = clause.start - offset, clause.end - offset
        if any(a <= f.start < b for f in found) or any(a <= s < b for s, _ in skip):
            groups.append([])
            continue
        norm = clause.normal
        if _DEADLINE.fullmatch(norm.replace("到", "", 1).replace("于", "", 1)) or len(norm) < 4:
            continue
        if section == "tasks":
            deadline, said = _deadline(norm, len(norm), [], period)
            if said is None or (
                not norm.lstrip("于在将").startswith(tuple(_MILESTONE_VERBS))
                and not re.search(r"(?:底|前|将)(?:" + "|".join(_MILESTONE_VERBS) + ")", norm)
            ):
                continue
            groups.append([clause])
            groups.append([])
            continue
        starts_milestone = norm.startswith(_MILESTONE_VERBS)
        if not groups or not groups[-1] or starts_milestone or _starts_milestone(groups[-1][0]):
            groups.append([clause])
        else:
            groups[-1].append(clause)
    for group in groups:
        if not group:
            continue
        piece = sentence.sub(group[0].start - offset, group[-1].end - offset)
        norm = piece.normal
        deadline, said = _pick_deadline(hits, sentence.normal, group[0].start - offset, period)
        milestone = _starts_milestone(group[0]) or bool(
            re.search(r"(?:底|前|将)(?:" + "|".join(_MILESTONE_VERBS) + ")", norm)
        )
        kind = TargetKind.MILESTONE if milestone else TargetKind.QUALITATIVE
        reasons = [
            "starts with a verb of completion (建成, 完成, 启动…): a milestone"
            if milestone
            else "a goal in words: qualitative"
        ]
        todo = ["description_en: English description", "key: rename"]
        if deadline is None or not period.start <= deadline <= period.end:
            if deadline is not None:
                todo.append(f"deadline: {said!r} lies outside the period")
            deadline = period.end
            reasons.append("no date: due at the end of the period")
        else:
            reasons.append(f"deadline from {said!r}")
        t_key = next_key(section)
        target = Target(
            key=t_key,
            description_zh=piece.text.strip(),
            description_en=TODO,
            kind=kind,
            deadline=deadline,
            section=sec,
            clause_zh=piece.text.strip(),
        )
        state.add(
            ReviewSubject.TARGET,
            t_key,
            piece.span(),
            [
                ("kind", kind.value),
                ("deadline", deadline.isoformat()),
                ("section", sec.value),
                ("clause", piece.text.strip()),
            ],
            reasons,
            todo,
        )
        yield group[0].start - offset, target


def _starts_milestone(clause: _Piece) -> bool:
    return clause.normal.lstrip("于在将").startswith(_MILESTONE_VERBS)


# Reporting duties ---------------------------------------------------------------------------------


def _duties(
    pieces: list[_Piece], period: Period, issued: date, state: _State
) -> list[ReportingObligation]:
    out: list[ReportingObligation] = []
    counters: dict[str, int] = {}
    for piece in pieces:
        for sentence in _pieces(piece, _SENTENCE_END):
            for clause in (
                _pieces(sentence, frozenset(","))
                if _ANYTIME.search(sentence.normal)
                else [sentence]
            ):
                duty = _duty(clause, period, issued, counters, state)
                if duty is not None:
                    out.append(duty)
    return out


def _duty(
    sentence: _Piece, period: Period, issued: date, counters: dict[str, int], state: _State
) -> ReportingObligation | None:
    text = sentence.normal
    if not _REPORT_VERB.search(text):
        return None
    rule = None
    why = ""
    m = _QUARTERLY.search(text)
    at = None
    if m:
        month = {
            "最后一个月": 3,
            "末月": 3,
            "第三个月": 3,
            "第一个月": 1,
            "首月": 1,
            "第二个月": 2,
        }.get(m.group(1) or "", 3)
        day = int(m.group(2))
        if 1 <= day <= 28:
            rule = DueRule(Frequency.QUARTERLY, month_of_quarter=month, day=day)
        elif 29 <= day <= 31 and month == 3:
            rule = DueRule(Frequency.QUARTERLY, month_of_quarter=3, day=-1)
        why, at = m.group(0), m.start()
    elif (m := _QUARTER_END.search(text)) is not None:
        rule = DueRule(Frequency.QUARTERLY, month_of_quarter=3, day=-1)
        why, at = m.group(0), m.start()
    elif _MONTHLY.search(text) or _YEARLY.search(text):
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=(
                "a monthly or yearly report: the programme format states duties due once or quarterly",
            ),
        )
        return None
    elif (m := _ONCE.search(text)) is not None:
        year = int(m.group(1)) if m.group(1) else None
        month = int(m.group(2))
        due = None
        for y in [year] if year else [issued.year, issued.year + 1]:
            d = _safe_date(y, month, int(m.group(3))) if m.group(3) else _month_end(y, month)
            if d is not None and d > issued:
                due = d
                break
        if due is not None and due <= period.end:
            rule = DueRule(Frequency.ONCE, due=due)
        why, at = m.group(0), m.start()
    elif _ANYTIME.search(text):
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=("a report without a date (随时, 及时): not a duty the format can state",),
        )
        return None
    else:
        return None
    if rule is None:
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=(f"a due date that cannot be used: {why!r}",),
        )
        return None
    subject = re.sub(r"(?:于|在|要|须|应|必须|均)$", "", text[:at].split(",")[-1].strip())
    leads = bool(re.search(r"各(?:牵头|责任)(?:部门|单位)", subject))
    named: list[Department] = []
    todo: list[str] = ["name_en, recipient_en: English", "key: rename"]
    for raw in re.split(r"和|、|及|会同|与", subject):
        raw = raw.strip()
        if not raw or re.search(r"各(?:牵头|责任)", raw):
            continue
        if _DEPT_NAME.match(raw):
            dept, known = _department(raw, state.departments)
            if dept.key not in {d.key for d in named}:
                named.append(dept)
            if not known:
                todo.append(f"department {raw!r} is not one the drafter recognises")
        else:
            todo.append(f"reporter {raw!r} is not a department the format can name")
    if not leads and not named:
        state.add(
            ReviewSubject.UNREAD,
            None,
            sentence.span(),
            reasons=(f"a duty ({why}) without a reporter the drafter can read",),
        )
        return None
    recipient = _RECIPIENT.search(text)
    what = _WHAT_BEFORE.search(text) or _WHAT_AFTER.search(text)
    name = what.group(1).strip() if what else TODO
    if what is None:
        todo.append("name_zh: what is to be reported")
    freq = rule.frequency.value
    counters[freq] = counters.get(freq, 0) + 1
    key = f"{freq}_{counters[freq]}"
    duty = ReportingObligation(
        key=key,
        name_zh=name,
        name_en=TODO,
        rule=rule,
        reporters=ReporterScope.LEAD_DEPARTMENTS if leads else ReporterScope.NAMED,
        departments=tuple(named),
        recipient_zh=recipient.group(1).strip() if recipient else None,
        recipient_en=TODO if recipient else None,
        clause_zh=sentence.text.strip(),
    )
    state.add(
        ReviewSubject.DUTY,
        key,
        sentence.span(),
        [
            ("rule", rule.describe()),
            ("reporters", duty.reporters.value),
            ("departments", "、".join(d.name_zh for d in named) or "-"),
            ("recipient", duty.recipient_zh or "-"),
            ("name_zh", name),
        ],
        (f"due date from {why!r}",),
        todo,
    )
    return duty


# Writing the programme file -----------------------------------------------------------------------


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _comment(text: str) -> str:
    return "".join(" " if ord(c) < 0x20 or c == "\x7f" else c for c in text)


def _qt(q: Quantity) -> str:
    text = format_quantity(q)
    try:
        if parse_quantity(text) == q:
            return text
    except UnitError:
        pass
    return f"{format(q.magnitude, 'f')} {q.units:~}"


def _dept(d: Department) -> str:
    return f"{{ key = {_s(d.key)}, name_zh = {_s(d.name_zh)}, name_en = {_s(d.name_en)} }}"


def _write_toml(draft: Draft) -> str:
    p = draft.programme
    by_key = {i.key: i for i in draft.review if i.key}
    doc = next(
        (i for i in draft.review if i.subject is ReviewSubject.DOCUMENT and i.key is None), None
    )
    out: list[str] = [
        f"# Drafted from {_comment(draft.source)} by `ezhou-recovery draft`: a draft to review.",
        "# Every TODO is a decision or a text a person must supply; keys are generated and can be",
        "# renamed. The comment above each item is the sentence it was read from (line number first).",
        'format = "ezhou-recovery/programme"',
        "format_version = 1",
        "",
    ]
    if doc:
        out += [f"# TODO: {_comment(t)}" for t in doc.todo]
    out += [
        f"key = {_s(p.key)}",
        f"document_number = {_s(p.document_number)}",
        f"title_zh = {_s(p.title_zh)}",
        f"title_en = {_s(p.title_en)}",
        f"issuer = {_dept(p.issuer)}",
        f"issued = {p.issued.isoformat()}",
    ]
    if p.published:
        out.append(f"published = {p.published.isoformat()}")
    out.append(
        f"period = {{ start = {p.period.start.isoformat()}, end = {p.period.end.isoformat()} }}"
    )
    if not p.categories:
        out.append("categories = []  # TODO: nothing of a programme was read")
    for c in p.categories:
        item = by_key.get(c.key)
        out += ["", "#" * 99]
        if item and item.span:
            out.append(f"# L{item.span.line}: {_comment(item.span.text)}")
        out += [f"# TODO: {_comment(t)}" for t in (item.todo if item else ())]
        out += [
            "#" * 99,
            "[[categories]]",
            f"key = {_s(c.key)}",
            f"number = {c.number}",
            f"name_zh = {_s(c.name_zh)}",
            f"name_en = {_s(c.name_en)}",
            *(
                [
                    f"leader = {{ name_zh = {_s(c.leader.name_zh)}, name_en = {_s(c.leader.name_en)} }}"
                ]
                if c.leader is not None
                else []  # the text names no leader: left out, not a placeholder person
            ),
            "lead_departments = [",
            *(f"  {_dept(d)}," for d in c.lead_departments),
            "]",
        ]
        if c.portfolio:
            pf = c.portfolio
            pitem = next(
                (
                    i
                    for i in draft.review
                    if i.subject is ReviewSubject.PORTFOLIO and i.key == c.key
                ),
                None,
            )
            if pitem and pitem.span:
                out.append(f"# L{pitem.span.line}: {_comment(pitem.span.text)}")
            out.append(
                f"portfolio = {{ project_count = {pf.project_count}, total_investment = "
                f"{_s(_qt(pf.total_investment))}, first_year_investment = "
                f"{_s(_qt(pf.first_year_investment))}, first_year = {pf.first_year}"
                f"{', approximate = true' if pf.approximate else ''} }}"
            )
        for t in c.targets:
            titem = by_key.get(t.key)
            out.append("")
            if titem and titem.span:
                out.append(f"# L{titem.span.line}: {_comment(titem.span.text)}")
            if titem:
                out += [
                    f"# TODO: {_comment(x)}"
                    for x in titem.todo
                    if not x.startswith(("key:", "description_en"))
                ]
            out += [
                "[[categories.targets]]",
                f"key = {_s(t.key)}  # TODO: rename",
                f"description_zh = {_s(t.description_zh)}",
                f"description_en = {_s(t.description_en)}",
                f"kind = {_s(t.kind.value)}",
            ]
            if t.value is not None:
                out.append(f"comparator = {_s(t.comparator.value)}")
                out.append(f"value = {_s(_qt(t.value))}")
            if t.baseline is not None:
                b = t.baseline
                parts = [f"value = {_s(_qt(b.value))}", f"qualifier = {_s(b.qualifier.value)}"]
                if b.as_of:
                    parts.append(f"as_of = {b.as_of.isoformat()}")
                if b.note_zh:
                    parts.append(f"note_zh = {_s(b.note_zh)}")
                out.append(f"baseline = {{ {', '.join(parts)} }}")
            if t.scope_zh is not None and t.scope_en is not None:
                out.append(f"scope_zh = {_s(t.scope_zh)}")
                out.append(f"scope_en = {_s(t.scope_en)}")
            if t.deadline != p.period.end:
                out.append(f"deadline = {t.deadline.isoformat()}")
            out.append(f"section = {_s(t.section.value)}")
            if t.clause_zh:
                out.append(f"clause_zh = {_s(t.clause_zh)}")
        for task in c.tasks:
            out += [
                "",
                "[[categories.tasks]]",
                f"number = {task.number}",
                f"title_zh = {_s(task.title_zh)}",
                f"title_en = {_s(task.title_en)}",
                f"text_zh = {_s(task.text_zh)}",
            ]
    for o in p.obligations:
        oitem = by_key.get(o.key)
        out.append("")
        if oitem and oitem.span:
            out.append(f"# L{oitem.span.line}: {_comment(oitem.span.text)}")
        out += [
            f"# TODO: {_comment(x)}"
            for x in (oitem.todo if oitem else ())
            if not x.startswith("key:")
        ]
        rule = o.rule
        if rule.frequency is Frequency.ONCE:
            assert rule.due is not None
            rule_text = f'{{ frequency = "once", due = {rule.due.isoformat()} }}'
        else:
            rule_text = f'{{ frequency = "quarterly", month_of_quarter = {rule.month_of_quarter}, day = {rule.day} }}'
        out += [
            "[[obligations]]",
            f"key = {_s(o.key)}  # TODO: rename",
            f"name_zh = {_s(o.name_zh)}",
            f"name_en = {_s(o.name_en)}",
            f"rule = {rule_text}",
            f"reporters = {_s(o.reporters.value)}",
        ]
        if o.departments:
            out.append(f"departments = [{', '.join(_dept(d) for d in o.departments)}]")
        if o.recipient_zh:
            out.append(f"recipient_zh = {_s(o.recipient_zh)}")
            out.append(f"recipient_en = {_s(o.recipient_en or TODO)}")
        if o.clause_zh:
            out.append(f"clause_zh = {_s(o.clause_zh)}")
    unread = [i for i in draft.review if i.subject is ReviewSubject.UNREAD]
    if unread:
        out += ["", "# Not read (a number or a rule that became nothing above):"]
        out += [f"#   {_comment(str(i))}" for i in unread]
    return "\n".join(out) + "\n"


# Measuring a draft against a programme encoded by hand ----------------------------------------------


@attrs.frozen
class FieldScore:
    """How well one field was drafted.

    Attributes:
        name: The field (value, unit, comparator, baseline, deadline, kind, ...).
        correct: Reference items whose matched draft has the same value of the field.
        reference: Reference items that have the field.
        drafted: Drafted items that have the field.
    """

    name: str
    correct: int
    reference: int
    drafted: int

    @property
    def recall(self) -> float:
        """Share of the reference's items drafted with the same value (1 when there are none)."""
        return self.correct / self.reference if self.reference else 1.0

    @property
    def precision(self) -> float:
        """Share of the drafted items that carry the reference's value (1 when there are none)."""
        return min(1.0, self.correct / self.drafted) if self.drafted else 1.0


@attrs.frozen
class DraftScore:
    """A draft compared with a programme encoded by hand from the same text.

    Matching rule: a drafted target matches a reference target of the category with the same number
    when the reference's clause lies within the drafted target's clause (its source sentence), or
    the two share most of their characters (Dice coefficient of their characters at least 0.6); each
    target matches at most one, the pairs that agree on most fields first.

    Attributes:
        fields: Recall and precision per target field.
        quantitative: Reference targets with a value that were drafted with the same value, unit,
            comparator, baseline and deadline, and how many there are.
        unmatched: Drafted targets that match no reference target, and how many were drafted.
        categories: Per category field (name, leader, lead departments, portfolio): recall and
            precision over the categories.
        duties: Reference reporting duties drafted with the same rule, reporters, departments and
            recipient, and how many there are.
    """

    fields: tuple[FieldScore, ...]
    quantitative: tuple[int, int]
    unmatched: tuple[int, int]
    categories: tuple[FieldScore, ...]
    duties: tuple[int, int]

    def field(self, name: str) -> FieldScore:
        """The score of the field ``name``.

        Raises:
            KeyError: No such field.
        """
        for f in (*self.fields, *self.categories):
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def quantitative_recall(self) -> float:
        """Share of the reference's quantitative targets recovered whole."""
        got, total = self.quantitative
        return got / total if total else 1.0

    @property
    def unmatched_share(self) -> float:
        """Share of the drafted targets that match nothing in the reference."""
        none, total = self.unmatched
        return none / total if total else 0.0

    def table(self) -> str:
        """The scores as a Markdown table."""
        rows = [
            "| Field | Recall | Precision | Correct | Reference | Drafted |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in (*self.fields, *self.categories):
            rows.append(
                f"| {f.name} | {f.recall:.1%} | {f.precision:.1%} | {f.correct} | {f.reference} | {f.drafted} |"
            )
        got, total = self.quantitative
        rows.append(
            f"| quantitative target, all five fields | {self.quantitative_recall:.1%} | | {got} | {total} | |"
        )
        dgot, dtotal = self.duties
        rows.append(
            f"| reporting duty | {dgot / dtotal if dtotal else 1:.1%} | | {dgot} | {dtotal} | |"
        )
        none, drafted = self.unmatched
        rows.append(
            f"| drafted targets matching nothing | {self.unmatched_share:.1%} | | {none} | | {drafted} |"
        )
        return "\n".join(rows) + "\n"


def _plain(text: str | None) -> str:
    return re.sub(r"\s+", "", (text or "").translate(_NORMAL))


def _dice(a: str, b: str) -> float:
    from collections import Counter

    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def _same_baseline(a: Baseline | None, b: Baseline | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.value == b.value and a.qualifier is b.qualifier)


def _target_fields(t: Target) -> dict[str, Any]:
    fields: dict[str, Any] = {"deadline": t.deadline, "kind": t.kind}
    if t.value is not None:
        fields.update(value=t.value, unit=t.value.units, comparator=t.comparator)
    if t.baseline is not None:
        fields["baseline"] = t.baseline
    return fields


def _equal(name: str, a: Any, b: Any) -> bool:
    if name == "baseline":
        return _same_baseline(a, b)
    if name == "value":
        return bool(a.units == b.units and a == b)
    return bool(a == b)


_TARGET_FIELDS: Final = ("value", "unit", "comparator", "baseline", "deadline", "kind")


def _pairs(drafted: Programme, reference: Programme) -> list[tuple[Target, Target]]:
    """Drafted and reference targets matched one to one (the rule of :class:`DraftScore`)."""
    names = _TARGET_FIELDS
    pairs: list[tuple[Target, Target]] = []
    ref_by_number = {c.number: c for c in reference.categories}
    for dc in drafted.categories:
        rc = ref_by_number.get(dc.number)
        if rc is None:
            continue
        scored = []
        for d in dc.targets:
            dn = _plain(d.clause_zh or d.description_zh)
            for r in rc.targets:
                rn = _plain(r.clause_zh or r.description_zh)
                within = bool(rn) and rn in dn
                dice = _dice(rn, dn)
                if not (within or dice >= 0.6):
                    continue
                df, rf = _target_fields(d), _target_fields(r)
                agree = sum(1 for n in names if n in df and n in rf and _equal(n, df[n], rf[n]))
                agree += sum(1 for n in names if (n in df) == (n in rf))
                scored.append((agree, within, dice, d.key, r.key, d, r))
        scored.sort(key=lambda s: (-s[0], -s[1], -s[2], s[3], s[4]))
        used_d: set[str] = set()
        used_r: set[str] = set()
        for _, _, _, dk, rk, d, r in scored:
            if dk not in used_d and rk not in used_r:
                used_d.add(dk)
                used_r.add(rk)
                pairs.append((d, r))
    return pairs


def _whole(d: Target, r: Target) -> bool:
    """Whether a drafted target has the reference's value, unit, comparator, baseline and deadline."""
    return (
        r.value is not None
        and d.value is not None
        and d.value.units == r.value.units
        and d.value == r.value
        and d.comparator is r.comparator
        and d.deadline == r.deadline
        and _same_baseline(d.baseline, r.baseline)
    )


def draft_differences(drafted: Programme, reference: Programme) -> tuple[list[str], list[Target]]:
    """The reference's quantitative targets not recovered whole (each with what was drafted for
    it), and the drafted targets that match nothing."""
    pairs = _pairs(drafted, reference)
    by_ref = {r.key: d for d, r in pairs}
    missed = []
    for r in reference.targets:
        if r.value is None:
            continue
        d = by_ref.get(r.key)
        if d is None:
            missed.append(f"{r.key} ({r.describe_value()}): nothing drafted for {r.clause_zh!r}")
        elif not _whole(d, r):
            missed.append(f"{r.key} ({r.describe_value()}): drafted {d.key} ({d.describe_value()})")
    matched = {d.key for d, _ in pairs}
    return missed, [d for d in drafted.targets if d.key not in matched]


def score_draft(drafted: Programme, reference: Programme) -> DraftScore:
    """Compare a drafted programme with one encoded by hand from the same text (see :class:`DraftScore`)."""
    names = _TARGET_FIELDS
    pairs = _pairs(drafted, reference)
    fields = []
    for n in names:
        correct = 0
        for d, r in pairs:
            df, rf = _target_fields(d), _target_fields(r)
            if n in df and n in rf and _equal(n, df[n], rf[n]):
                correct += 1
        fields.append(
            FieldScore(
                n,
                correct,
                sum(1 for r in reference.targets if n in _target_fields(r)),
                sum(1 for d in drafted.targets if n in _target_fields(d)),
            )
        )
    whole = sum(1 for d, r in pairs if _whole(d, r))
    quantitative = (whole, sum(1 for r in reference.targets if r.value is not None))
    matched = {d.key for d, _ in pairs}
    unmatched = (sum(1 for d in drafted.targets if d.key not in matched), len(drafted.targets))
    cats = _category_scores(drafted, reference)
    duty_hits = 0
    for ro in reference.obligations:
        for o in drafted.obligations:
            if (
                o.rule == ro.rule
                and o.reporters is ro.reporters
                and {x.name_zh for x in o.departments} == {x.name_zh for x in ro.departments}
                and o.recipient_zh == ro.recipient_zh
            ):
                duty_hits += 1
                break
    return DraftScore(
        tuple(fields), quantitative, unmatched, cats, (duty_hits, len(reference.obligations))
    )


def _category_scores(drafted: Programme, reference: Programme) -> tuple[FieldScore, ...]:
    def views(c: Category) -> dict[str, Any]:
        out: dict[str, Any] = {
            "category name": c.name_zh,
            "leader": None if c.leader is None else c.leader.name_zh,
            "lead departments": frozenset(d.name_zh for d in c.lead_departments),
        }
        if c.portfolio is not None:
            out["portfolio"] = c.portfolio
        return out

    by_number = {c.number: c for c in drafted.categories}
    out = []
    for name in ("category name", "leader", "lead departments", "portfolio"):
        correct = 0
        for r in reference.categories:
            d = by_number.get(r.number)
            rv = views(r).get(name)
            if d is not None and rv is not None and views(d).get(name) == rv:
                correct += 1
        out.append(
            FieldScore(
                name,
                correct,
                sum(1 for r in reference.categories if name in views(r)),
                sum(1 for d in drafted.categories if name in views(d)),
            )
        )
    return tuple(out)
