"""The words of the genre: categories, departments, units of plans, and the verbs and qualifier
words that say how to read a number."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from ezhou_recovery.drafting._review import TODO
from ezhou_recovery.model.people import Department
from ezhou_recovery.units import GENERIC_MEASURE_WORDS, zh_unit_words

#: Names of categories (工程) and the key drafted for them, most specific first.
CATEGORY_KEYS: Final = (
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
NOUN_UNITS: Final = {
    "产业园": "园区",
    "工业园": "园区",
    "科技园": "园区",
    "停保场": "场站",
    "首末站": "场站",
}
#: Venues whose size is given in seats: 3000座体育馆 is a gymnasium of 3000 seats.
SEATED: Final = ("体育馆", "体育场", "剧院", "剧场", "影院", "礼堂", "会堂", "会议中心")
_LETTER_AFTER: Final = re.compile(r"\d{1,4}[A-Za-z]")
DATE_UNITS: Final = frozenset({"年", "月", "日", "周"})
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
AT_MOST_WORDS: Final = (
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
AT_LEAST_WORDS: Final = (
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
HEDGE_WORDS: Final = ("力争", "争取", "争创")
LEVEL_WORDS: Final = ("达到", "达", "提高到", "提升到", "增加到", "保持", "稳定在", "控制在")
BUILD_VERBS: Final = (
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
MILESTONE_VERBS: Final = (
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
CIRCLES: Final = ("圈",)
LEVEL_NOUNS: Final = ("率", "比重", "比例", "密度", "标准", "水平", "人均", "平均")


@cache
def unit_words() -> tuple[frozenset[str], int]:
    """The unit words read after a number: the unit table's, less % and a measure word joined to
    another unit word (个 + 座位), with the nouns of :data:`NOUN_UNITS`; and the longest's length."""
    words = {
        w
        for w in zh_unit_words()
        if not (w[0] in GENERIC_MEASURE_WORDS and w[1:] in zh_unit_words()) and w != "%"
    }
    words |= set(NOUN_UNITS)
    return frozenset(words), max(len(w) for w in words)


@cache
def all_unit_words() -> frozenset[str]:
    """Every unit word of the unit table."""
    return zh_unit_words()


def head_unit(phrase: str) -> str | None:
    """The unit word a noun phrase ends on (its head): the known word that ends last, the longest."""
    words, longest = unit_words()
    best: tuple[int, int, str] | None = None
    for i in range(len(phrase)):
        for n in range(min(longest, len(phrase) - i), 0, -1):
            w = phrase[i : i + n]
            if w in words and w not in DATE_UNITS:
                cand = (i + n, n, w)
                if best is None or cand > best:
                    best = cand
    return None if best is None else NOUN_UNITS.get(best[2], best[2])


def noun_after(text: str, pos: int) -> str:
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


def noun_before(text: str, pos: int, floor: int) -> str:
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


def find_department(name: str, known: dict[str, Department]) -> tuple[Department, bool]:
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


#: Verbs before a count of one that make it a single build or a single thing won: a milestone.
ONE_OFF_VERBS: Final = ("建成", "争创")


def add_department(name: str, known: dict[str, Department], into: list[Department]) -> bool:
    """Add the department ``name`` to ``into`` (once); whether its name is one the vocabulary
    recognises (see :func:`find_department`)."""
    dept, recognised = find_department(name, known)
    if dept.key not in {d.key for d in into}:
        into.append(dept)
    return recognised
