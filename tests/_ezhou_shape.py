"""A programme with the Ezhou plan's reporting structure, built by hand from the seed text.

Categories, leading officials and lead departments as the plan's headings give them (鄂州政发〔2020〕10号,
issued 2020-11-18); reporting duties as its 保障措施 write them. Targets and projects are left out:
only the reporting structure matters to the compliance tests.
"""

from __future__ import annotations

from datetime import date

from ezhou_recovery import Category, Department, Official, Period, Programme, ReportingObligation
from ezhou_recovery.model.obligations import DueRule, Frequency, ReporterScope


def dept(key: str, zh: str) -> Department:
    return Department(key, zh, key.replace("_", " ").title())


HEALTH = dept("health_commission", "市卫健委")
TRANSPORT = dept("transport_bureau", "市交通运输局")
WATER = dept("water_bureau", "市水利局")
NDRC = dept("development_reform", "市发改委")
EMERGENCY = dept("emergency_bureau", "市应急局")
HOUSING = dept("housing_bureau", "市住建局")
AGRICULTURE = dept("agriculture_bureau", "市农业农村局")
ECOLOGY = dept("ecology_bureau", "市生态环境局")
FINANCE = dept("finance_bureau", "市财政局")

CHENG = Official("程少云", "Cheng Shaoyun")
YUE = Official("岳劲", "Yue Jin")
JIANG = Official("姜飞轮", "Jiang Feilun")
LI = Official("李忠禄", "Li Zhonglu")

#: (key, number, name, leader, lead departments), in the order of the text.
CATEGORIES: tuple[tuple[str, str, Official, tuple[Department, ...]], ...] = (
    ("public_health", "公共卫生体系补短板工程", CHENG, (HEALTH,)),
    ("transport", "交通补短板工程", YUE, (TRANSPORT,)),
    ("water", "水利补短板工程", JIANG, (WATER,)),
    ("energy", "能源提升工程", LI, (NDRC,)),
    ("new_infrastructure", "新基建工程", LI, (NDRC,)),
    ("cold_chain", "冷链物流和应急储备设施补短板工程", LI, (NDRC, EMERGENCY)),
    ("urban", "城市补短板工程", LI, (HOUSING,)),
    ("industrial_parks", "产业园区提升工程", LI, (NDRC,)),
    ("agriculture", "农业农村补短板工程", JIANG, (AGRICULTURE,)),
    ("ecology", "生态环境补短板工程", LI, (ECOLOGY,)),
)

ISSUED = date(2020, 11, 18)
PERIOD = Period(date(2020, 1, 1), date(2022, 12, 31))


def ezhou_shape() -> Programme:
    categories = tuple(
        Category(key, n, zh, key.replace("_", " "), leader, depts)
        for n, (key, zh, leader, depts) in enumerate(CATEGORIES, start=1)
    )
    obligations = (
        ReportingObligation(
            "special_plan",
            "专项实施方案和项目清单",
            "Special implementation plan and project list",
            DueRule(Frequency.ONCE, due=date(2020, 11, 30)),
        ),
        ReportingObligation(
            "quarterly_progress",
            "工作进展情况",
            "Quarterly progress report",
            DueRule(Frequency.QUARTERLY, month_of_quarter=3, day=25),
            reporters=ReporterScope.LEAD_DEPARTMENTS,
            departments=(FINANCE,),
        ),
    )
    return Programme(
        key="ezhou_2020_2022",
        document_number="鄂州政发〔2020〕10号",
        title_zh="鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)",
        title_en="Ezhou Ten Major Projects plan (2020-2022)",
        issuer=dept("ezhou_government", "鄂州市人民政府"),
        issued=ISSUED,
        period=PERIOD,
        categories=categories,
        obligations=obligations,
    )
