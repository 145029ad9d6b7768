"""The embedded Ezhou plan (鄂州政发〔2020〕10号) checked against the published text it was read from.

The plan's source text is not part of the repository. The tests that compare with it find it through
the environment variable ``EZHOU_PLAN_TEXT`` (a path to the UTF-8 text) or in ``shared/seeds/`` beside
the repository, and are skipped with a reason that says how to provide it when neither is there.
``.ci/run`` provides it and sets ``EZHOU_REQUIRE_PLAN_TEXT=1``, under which a missing text fails
instead of skipping. Every check that needs no source text (counts, totals, each target's value, unit,
comparator and deadline) runs everywhere.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pint
import pytest

import ezhou_recovery as er
from _plan_text import plan_text
from ezhou_recovery import TargetKind
from ezhou_recovery.model.obligations import DueRule, Frequency, ReporterScope
from ezhou_recovery.model.projects import ProjectLevel, ProjectStatus
from ezhou_recovery.model.targets import (
    Baseline,
    BaselineQualifier,
    Comparator,
    MilestoneEvent,
    Section,
)

END = date(2022, 12, 31)


@pytest.fixture(scope="module")
def seed() -> str:
    return plan_text("run the tests that compare the embedded plan with it")


@pytest.fixture(scope="module")
def plan() -> er.Programme:
    return er.load_ezhou_plan()


# The document ------------------------------------------------------------------------------------


def test_document(plan: er.Programme, seed: str) -> None:
    assert plan.key == "ezhou_2020_2022"
    assert plan.document_number == "鄂州政发〔2020〕10号"
    assert plan.document_number in seed
    assert plan.title_zh == "鄂州市推进疫后重振补短板强功能“十大工程”实施方案(2020—2022年)"
    assert f"《{plan.title_zh}》" in seed
    assert plan.title_en
    assert plan.issuer == er.Department("ezhou_government", "鄂州市人民政府", plan.issuer.name_en)
    assert plan.issued == date(2020, 11, 18)
    assert "2020年11月18日" in seed
    assert plan.published == date(2021, 1, 18)
    assert "日期:2021-01-18" in seed
    assert plan.period == er.Period(date(2020, 1, 1), END)
    assert plan.source_url is None  # the seed names the site (鄂州政府网), not an address


# Categories: order, names, leaders, lead departments ----------------------------------------------

CATEGORY_KEYS = [
    "public_health",
    "transport",
    "water",
    "energy",
    "new_infrastructure",
    "cold_chain",
    "urban",
    "industrial_parks",
    "farmland",
    "ecology",
]

DEPARTMENTS = {
    "市卫健委": "health_commission",
    "市交通运输局": "transport_bureau",
    "市水利局": "water_bureau",
    "市发改委": "development_reform",
    "市应急局": "emergency_bureau",
    "市住建局": "housing_construction_bureau",
    "市农业农村局": "agriculture_rural_bureau",
    "市生态环境局": "ecology_environment_bureau",
}

PINYIN = {
    "程少云": "Cheng Shaoyun",
    "岳劲": "Yue Jin",
    "姜飞轮": "Jiang Feilun",
    "李忠禄": "Li Zhonglu",
}

# (一)公共卫生体系补短板工程(分管领导:程少云;牵头部门:市卫健委); (七) has no colon after 分管领导.
HEADER = re.compile(
    r"^\((?P<n>[一二三四五六七八九十])\)(?P<name>\S+?)"
    r"\(分管领导:?(?P<leader>\S+?);牵头部门:(?P<departments>\S+?)\)$"
)
NUMERALS = "一二三四五六七八九十"


def seed_headers(seed: str) -> list[re.Match[str]]:
    return [m for line in seed.splitlines() if (m := HEADER.match(line.strip()))]


def test_ten_categories_in_order(plan: er.Programme) -> None:
    assert [c.key for c in plan.categories] == CATEGORY_KEYS
    assert [c.number for c in plan.categories] == list(range(1, 11))
    assert all(c.name_en for c in plan.categories)


def test_category_headers_match_the_seed(plan: er.Programme, seed: str) -> None:
    headers = seed_headers(seed)
    assert len(headers) == 10
    for category, header in zip(plan.categories, headers, strict=True):
        assert NUMERALS.index(header["n"]) + 1 == category.number
        assert category.name_zh == header["name"]
        assert category.leader == er.Official(header["leader"], PINYIN[header["leader"]])
        names = header["departments"].split("、")
        assert [d.name_zh for d in category.lead_departments] == names
        assert [d.key for d in category.lead_departments] == [DEPARTMENTS[n] for n in names]


@pytest.mark.parametrize(
    ("key", "name_zh", "leader", "departments"),
    [
        ("public_health", "公共卫生体系补短板工程", "程少云", ["health_commission"]),
        ("transport", "交通补短板工程", "岳劲", ["transport_bureau"]),
        ("water", "水利补短板工程", "姜飞轮", ["water_bureau"]),
        ("energy", "能源提升工程", "李忠禄", ["development_reform"]),
        ("new_infrastructure", "新基建工程", "李忠禄", ["development_reform"]),
        (
            "cold_chain",
            "冷链物流和应急储备设施补短板工程",
            "李忠禄",
            ["development_reform", "emergency_bureau"],
        ),
        ("urban", "城市补短板工程", "李忠禄", ["housing_construction_bureau"]),
        ("industrial_parks", "产业园区提升工程", "李忠禄", ["development_reform"]),
        ("farmland", "新一轮高标准农田建设", "姜飞轮", ["agriculture_rural_bureau"]),
        ("ecology", "生态环境补短板工程", "李忠禄", ["ecology_environment_bureau"]),
    ],
)
def test_category_leader_and_departments(
    plan: er.Programme, key: str, name_zh: str, leader: str, departments: list[str]
) -> None:
    category = plan.category(key)
    assert category.name_zh == name_zh
    assert category.leader.name_zh == leader
    assert category.leader.name_en == PINYIN[leader]
    assert [d.key for d in category.lead_departments] == departments


def test_one_key_per_department(plan: er.Programme) -> None:
    seen: dict[str, er.Department] = {}
    for category in plan.categories:
        for department in category.lead_departments:
            assert seen.setdefault(department.key, department) == department
    for obligation in plan.obligations:
        for department in obligation.departments:
            assert seen.setdefault(department.key, department) == department
    by_name = {d.name_zh: d.key for d in seen.values()}
    assert len(by_name) == len(seen)
    assert {k: v for k, v in by_name.items() if k in DEPARTMENTS} == DEPARTMENTS
    assert by_name["市财政局"] == "finance_bureau"


# Portfolios ---------------------------------------------------------------------------------------

PORTFOLIOS = [
    ("public_health", 28, "46.71", "5.8", False),
    ("transport", 24, "549.9", "65.2", True),
    ("water", 9, "58.3", "5.9", True),
    ("energy", 8, "20", "1", False),
    ("new_infrastructure", 50, "828.1", "49.6", False),
    ("cold_chain", 4, "28.3", "0.8", False),
    ("urban", 61, "254.6", "24.3", False),
    ("industrial_parks", 12, "333", "21.5", False),
    ("ecology", 10, "5.9", "1", False),
]

PORTFOLIO_TEXT = re.compile(
    r"拟实施(?:项目)?(\d+)个(?:项目)?,估算总投资(约)?([\d.]+)亿元,2020年估算投资([\d.]+)亿元"
)


@pytest.mark.parametrize(("key", "count", "total", "first", "approximate"), PORTFOLIOS)
def test_portfolio(
    plan: er.Programme, key: str, count: int, total: str, first: str, approximate: bool
) -> None:
    portfolio = plan.category(key).portfolio
    assert portfolio is not None
    assert portfolio.project_count == count
    assert portfolio.total_investment.to("yi_yuan").magnitude == Decimal(total)
    assert portfolio.first_year_investment.to("yi_yuan").magnitude == Decimal(first)
    assert portfolio.first_year == 2020
    assert portfolio.approximate is approximate


def test_portfolios_match_the_seed(seed: str) -> None:
    found = [(int(m[1]), m[3], m[4], m[2] == "约") for m in PORTFOLIO_TEXT.finditer(seed)]
    assert found == [(count, total, first, about) for _, count, total, first, about in PORTFOLIOS]


def test_totals(plan: er.Programme) -> None:
    assert plan.project_count == 206
    assert plan.total_investment.to("yi_yuan").magnitude == Decimal("2124.81")
    assert plan.first_year_investment.to("yi_yuan").magnitude == Decimal("175.1")
    assert [c.key for c in plan.categories if c.portfolio is None] == ["farmland"]


# Tasks --------------------------------------------------------------------------------------------

TASK_COUNTS = {
    "public_health": 5,
    "transport": 8,
    "water": 4,
    "energy": 2,
    "new_infrastructure": 3,
    "cold_chain": 3,
    "urban": 8,
    "industrial_parks": 3,
    "farmland": 1,
    "ecology": 5,
}


@pytest.mark.parametrize(("key", "count"), TASK_COUNTS.items())
def test_tasks_are_word_for_word(plan: er.Programme, seed: str, key: str, count: int) -> None:
    tasks = plan.category(key).tasks
    assert [t.number for t in tasks] == list(range(1, count + 1))
    for task in tasks:
        assert task.text_zh in seed, (key, task.number)
        assert task.title_zh in task.text_zh
        assert task.title_en


def test_numbered_tasks_are_whole_items(plan: er.Programme, seed: str) -> None:
    """Each "(n)…" item of a 主要任务 is a task, from its heading to the end of its line."""
    lines = [line.strip() for line in seed.splitlines()]
    for category in plan.categories:
        if category.key in ("energy", "farmland"):
            continue
        for task in category.tasks:
            assert f"({task.number}){task.text_zh}" in lines, (category.key, task.number)
            if (category.key, task.number) != ("industrial_parks", 2):  # no heading in the text
                assert task.text_zh.startswith(f"{task.title_zh}。"), (category.key, task.number)


def test_energy_tasks_are_yi_shi_er_shi(plan: er.Programme, seed: str) -> None:
    first, second = plan.category("energy").tasks
    assert f"2. 主要任务。一是{first.text_zh};二是{second.text_zh}" in seed


# Farmland -----------------------------------------------------------------------------------------


def test_farmland(plan: er.Programme, seed: str) -> None:
    farmland = plan.category("farmland")
    assert farmland.portfolio is None
    assert not [t for t in farmland.targets if t.kind.quantitative]
    assert farmland.leader == er.Official("姜飞轮", "Jiang Feilun")
    assert [d.name_zh for d in farmland.lead_departments] == ["市农业农村局"]
    (task,) = farmland.tasks
    assert f"主要任务:{task.text_zh}" in seed


# Targets ------------------------------------------------------------------------------------------


def test_every_clause_is_in_the_seed(plan: er.Programme, seed: str) -> None:
    missing = [t.key for t in plan.targets if t.clause_zh is None or t.clause_zh not in seed]
    assert missing == []


def test_target_keys_and_fields(plan: er.Programme) -> None:
    assert 60 <= len(plan.targets) <= 140
    for category in plan.categories:
        for target in category.targets:
            assert re.fullmatch(rf"{category.key}\.[a-z0-9][a-z0-9_]*", target.key)
            assert target.description_zh
            assert target.description_en
            if target.kind.quantitative:
                assert target.value is not None
                assert target.value.units != er.ureg.piece, target.key


def test_every_kind_is_present(plan: er.Programme) -> None:
    kinds = {t.kind for t in plan.targets}
    assert kinds == set(TargetKind)
    goals = [t for t in plan.targets if t.section is Section.GOALS]
    assert {t.kind for t in goals} == set(TargetKind)


# A number in the value may be written differently in the clause.
CLAUSE_NUMBER = {
    "public_health.district_cdcs": "鄂城区、梁子湖区、临空经济区",
    "energy.gas_storage_days": "三天",
    "new_infrastructure.sensing_units": "10万",
    # 全覆盖: full coverage, 100%.
    "new_infrastructure.key_area_5g_coverage": "全覆盖",
    "ecology.village_sewage_coverage": "全覆盖",
}


def test_quantitative_values_come_from_their_clause(plan: er.Programme) -> None:
    for target in plan.targets:
        if not target.kind.quantitative:
            continue
        assert target.value is not None
        assert target.clause_zh is not None
        number = CLAUSE_NUMBER.get(target.key, er.format_quantity(target.value, lang="en"))
        number = number.split(" ")[0].rstrip("%")
        assert number in target.clause_zh, target.key


COMPARATORS = {">=": Comparator.AT_LEAST, "<=": Comparator.AT_MOST}
BEFORE_COVID = "疫情前"

# key, value ("magnitude unit", "" for none), comparator, kind, other fields the text gives
TARGETS: list[tuple[str, str, str, str, dict[str, str]]] = [
    ("transport.high_grade_waterway", "77.6 km", ">=", "level", {}),
    ("transport.collection_expressways", "3 expressway", ">=", "cumulative", {}),
    ("transport.first_class_highway", "30 km", ">=", "cumulative", {}),
    ("transport.trunk_road_grade_ii_share", "80 percent", ">=", "level", {}),
    ("transport.rural_roads", "60 km", ">=", "cumulative", {}),
    ("transport.rural_road_safety", "130 km", ">=", "cumulative", {}),
    ("transport.dangerous_bridges", "30 bridge", ">=", "cumulative", {}),
    # One named build is a milestone, not a 0-or-1 count.
    ("transport.civil_airport", "", ">=", "milestone", {}),
    ("transport.bus_depot", "", ">=", "milestone", {}),
    ("transport.bus_charging_piles", "200 charging_pile", ">=", "cumulative", {}),
    ("public_health.convertible_ward_beds", "1600 bed", ">=", "level", {"less_than": "200"}),
    ("public_health.icu_beds", "80 bed", ">=", "level", {"about": "20"}),
    (
        "public_health.emergency_circle_central",
        "10 minute",
        "<=",
        "level",
        {"scope": "中心城区、葛店开发区、临空经济区"},
    ),
    (
        "public_health.emergency_circle_non_central",
        "15 minute",
        "<=",
        "level",
        {"scope": "非中心城区"},
    ),
    ("public_health.emergency_circle_district", "30 minute", "<=", "level", {"scope": "区级"}),
    ("public_health.district_cdcs", "3 cdc", ">=", "cumulative", {}),
    ("public_health.township_health_centre_equipment", "31 health_centre", ">=", "cumulative", {}),
    ("public_health.air_rescue_circle", "", ">=", "milestone", {}),
    ("public_health.village_clinic_health_kits", "313 clinic", ">=", "cumulative", {}),
    ("public_health.clinical_centre", "", ">=", "milestone", {}),
    (
        "water.flood_standard_airport_zone",
        "100 return_period_year",
        ">=",
        "level",
        {"scope": "临空经济区"},
    ),
    (
        "water.drainage_standard_airport_zone",
        "50 return_period_year",
        ">=",
        "level",
        {"scope": "临空经济区"},
    ),
    (
        "water.flood_standard_other_urban_areas",
        "50 return_period_year",
        ">=",
        "level",
        {"scope": "其余重要城市建设区"},
    ),
    (
        "water.drainage_standard_other_urban_areas",
        "20 return_period_year",
        ">=",
        "level",
        {"scope": "其余重要城市建设区"},
    ),
    ("water.tap_water_coverage", "90 percent", ">=", "level", {}),
    ("water.irrigation_districts_restored", "98 irrigation_district", ">=", "cumulative", {}),
    ("water.drainage_pumping_stations_renewed", "72 site", ">=", "cumulative", {}),
    ("water.huarong_township_pipes", "5 township", ">=", "cumulative", {"scope": "华容区"}),
    ("water.liangzihu_town_pipes", "5 market_town", ">=", "cumulative", {"scope": "梁子湖区"}),
    ("energy.gas_storage_days", "3 day", ">=", "level", {}),
    ("energy.sanjiang_lng_storage", "", ">=", "milestone", {"deadline": "2020-12-31"}),
    ("new_infrastructure.base_stations_5g", "2000 base_station", ">=", "cumulative", {}),
    ("new_infrastructure.sensing_units", "100000 sensing_unit", ">=", "cumulative", {}),
    ("new_infrastructure.smart_city_scenarios", "10 scenario", ">=", "cumulative", {}),
    ("new_infrastructure.major_science_facility", "", ">=", "milestone", {}),
    ("new_infrastructure.innovation_platforms", "10 platform", ">=", "cumulative", {}),
    ("new_infrastructure.research_institutions", "3 institution", ">=", "cumulative", {}),
    ("urban.sludge_safe_disposal_rate", "99 percent", ">=", "level", {}),
    ("urban.household_waste_safe_treatment_rate", "100 percent", ">=", "level", {}),
    ("urban.road_density", "8 km_per_km2", ">=", "level", {}),
    ("urban.utility_tunnels_started", "6 km", ">=", "cumulative", {}),
    ("urban.sponge_city_area_share", "40 percent", ">=", "level", {}),
    ("urban.old_neighbourhoods_started", "277 neighbourhood", ">=", "cumulative", {}),
    ("urban.old_neighbourhoods_completed", "277 neighbourhood", ">=", "cumulative", {}),
    (
        "urban.old_neighbourhoods_echeng",
        "277 neighbourhood",
        ">=",
        "cumulative",
        {"scope": "鄂城区"},
    ),
    ("urban.park_green_space_per_person", "12 m**2/person", ">=", "level", {}),
    ("urban.green_space_ratio", "40 percent", ">=", "level", {}),
    ("urban.water_supply_coverage", "99 percent", ">=", "level", {}),
    ("urban.gas_coverage", "98 percent", ">=", "level", {}),
    ("urban.water_pipe_leakage", "10 percent", "<=", "level", {}),
    *(
        (f"urban.{facility}_{district}", value, ">=", "level", {"scope": scope})
        for district, scope in (
            ("echeng", "鄂城区"),
            ("huarong", "华容区"),
            ("liangzihu", "梁子湖区"),
        )
        for facility, value in (
            ("stadium", "1 stadium"),
            ("gymnasium", "1 gymnasium"),
            ("gymnasium_seats", "3000 seat"),
            ("swimming_pool", "1 swimming_pool"),
        )
    ),
    ("urban.old_neighbourhoods_huarong", "1 project", ">=", "cumulative", {"scope": "华容区"}),
    ("urban.old_neighbourhoods_liangzihu", "1 project", ">=", "cumulative", {"scope": "梁子湖区"}),
    ("urban.water_environment_ppp_started", "", ">=", "milestone", {"deadline": "2020-12-31"}),
    ("urban.water_supply_renovation_started", "", ">=", "milestone", {"deadline": "2020-12-31"}),
    ("urban.black_odorous_water", "", ">=", "qualitative", {}),
    ("industrial_parks.infrastructure_upgrade_projects", "7 project", ">=", "cumulative", {}),
    ("industrial_parks.smart_park_projects", "2 project", ">=", "cumulative", {}),
    ("industrial_parks.science_technology_parks", "3 park", ">=", "cumulative", {}),
    ("ecology.village_living_environment", "12 village", ">=", "annual_rate", {}),
    (
        "ecology.riverside_chemical_firms_within_1km",
        "",
        ">=",
        "milestone",
        {"scope": "沿江1公里范围内"},
    ),
]


@pytest.mark.parametrize(
    ("key", "value", "comparator", "kind", "other"), TARGETS, ids=[row[0] for row in TARGETS]
)
def test_target(
    plan: er.Programme, key: str, value: str, comparator: str, kind: str, other: dict[str, str]
) -> None:
    target = plan.target(key)
    assert target.kind is TargetKind(kind)
    assert target.comparator is COMPARATORS[comparator]
    assert target.deadline == date.fromisoformat(other.get("deadline", "2022-12-31"))
    assert target.scope_zh == other.get("scope")
    assert (target.scope_en is None) == ("scope" not in other)
    if value:
        magnitude, unit = value.split(" ")
        assert target.value is not None
        assert target.value.magnitude == Decimal(magnitude)
        assert target.value.units == er.ureg.Unit(unit)
    else:
        assert target.value is None
    qualifiers = [q for q in BaselineQualifier if q.value in other]
    if not qualifiers:
        assert target.baseline is None
        return
    (qualifier,) = qualifiers
    assert target.value is not None
    assert target.baseline == Baseline(
        er.Q_(Decimal(other[qualifier.value]), target.value.units), qualifier, None, BEFORE_COVID
    )


def test_early_deadlines_are_the_2020_ones(plan: er.Programme) -> None:
    early = {t.key: t.deadline for t in plan.targets if t.deadline != END}
    assert early == {
        "energy.sanjiang_lng_storage": date(2020, 12, 31),
        "urban.water_environment_ppp_started": date(2020, 12, 31),
        "urban.water_supply_renovation_started": date(2020, 12, 31),
    }
    for key in early:
        clause = plan.target(key).clause_zh
        assert clause is not None
        assert "2020年" in clause


def test_at_most_targets(plan: er.Programme) -> None:
    at_most = {t.key for t in plan.targets if t.comparator is Comparator.AT_MOST}
    assert at_most == {
        "public_health.emergency_circle_central",
        "public_health.emergency_circle_non_central",
        "public_health.emergency_circle_district",
        "urban.water_pipe_leakage",
    }


def test_counted_things_do_not_mix(plan: er.Programme) -> None:
    beds = plan.target("public_health.convertible_ward_beds").value
    stations = plan.target("new_infrastructure.base_stations_5g").value
    waterway = plan.target("transport.high_grade_waterway").value
    assert beds is not None
    assert stations is not None
    assert waterway is not None
    with pytest.raises(pint.DimensionalityError):
        beds + stations
    with pytest.raises(pint.DimensionalityError):
        beds + waterway
    icu = plan.target("public_health.icu_beds").value
    assert beds + icu == er.Q_(Decimal(1680), "bed")


# Projects -----------------------------------------------------------------------------------------


def test_projects(plan: er.Programme, seed: str) -> None:
    projects = plan.projects
    assert len(projects) >= 60
    assert len({p.name_zh for p in projects}) == len(projects)  # each named once
    for project in projects:
        assert project.clause_zh is not None
        assert project.clause_zh in seed, project.key
        assert project.investment is None  # the plan gives no per-project figures
        assert project.name_en


@pytest.mark.parametrize(
    ("key", "name_zh", "level", "status", "completion"),
    [
        ("transport.ezhou_xianning_expressway", "鄂咸高速", "city", "implementation", "2022-12-31"),
        (
            "transport.wuyang_expressway_ezhou_section",
            "武阳高速公路鄂州段",
            "city",
            "implementation",
            "2022-12-31",
        ),
        (
            "transport.airport_expressway_phase1",
            "鄂州机场高速公路一期工程",
            "city",
            "implementation",
            "2022-12-31",
        ),
        (
            "transport.airport_expressway_phase2",
            "鄂州机场高速公路二期工程",
            "city",
            "identification",
            None,
        ),
        ("transport.wuhan_metropolitan_ring", "武汉都市区环线", "city", "identification", None),
        ("energy.luozhuang_220kv_substation", "罗庄220千伏变电站", "city", "implementation", None),
        ("energy.guantang_220kv_substation", "官塘220千伏变电站", "city", "implementation", None),
        ("energy.huarong_substation_expansion", "华容变增容", "city", "implementation", None),
        (
            "energy.sanjiang_lng_emergency_storage",
            "三江港LNG应急储气设施",
            "city",
            "implementation",
            "2020-12-31",
        ),
        (
            "water.huama_lake_flood_control",
            "花马湖防洪能力提升工程",
            "city",
            "implementation",
            None,
        ),
        ("water.yanglan_lake_pumping_station", "洋澜湖泵站改扩建工程", "city", "preparation", None),
        (
            "water.huarong_rural_drinking_water",
            "华容区农村饮水安全巩固提升工程",
            "district",
            "preparation",
            None,
        ),
        (
            "water.liangzihu_water_supply",
            "梁子湖区饮水供水保障工程",
            "district",
            "implementation",
            None,
        ),
        ("urban.utility_tunnel_sunquan_avenue", "孙权大道综合管廊", "city", "implementation", None),
        ("urban.utility_tunnel_wudu_avenue", "吴都大道综合管廊", "city", "identification", None),
        (
            "urban.water_environment_ppp_phase1",
            "水环境综合治理一期PPP项目",
            "city",
            "preparation",
            None,
        ),
        (
            "cold_chain.sanjiang_cold_chain_base",
            "三江港冷链物流基地项目",
            "city",
            "implementation",
            None,
        ),
        (
            "industrial_parks.honglian_lake_cloud_computing_park",
            "红莲湖大数据云计算产业园",
            "city",
            "implementation",
            None,
        ),
        (
            "industrial_parks.whu_fourth_generation_synchrotron",
            "武汉大学第四代同步辐射光源项目",
            "city",
            "identification",
            None,
        ),
    ],
)
def test_project(
    plan: er.Programme, key: str, name_zh: str, level: str, status: str, completion: str | None
) -> None:
    project = plan.project(key)
    assert project.name_zh == name_zh
    assert project.level is ProjectLevel(level)
    assert project.status is ProjectStatus(status)
    assert project.planned_completion == (date.fromisoformat(completion) if completion else None)


def test_only_dated_projects_have_dates(plan: er.Programme) -> None:
    dated = {p.key: p.planned_completion for p in plan.projects if p.planned_completion}
    assert dated == {
        "energy.sanjiang_lng_emergency_storage": date(2020, 12, 31),
        # 全面建成鄂咸高速、武阳高速公路鄂州段、鄂州机场高速公路一期工程; 建成鄂州民用机场及机场航油码头
        # 连接线、机场导航台道路等配套工程: within the three years.
        "transport.ezhou_xianning_expressway": END,
        "transport.wuyang_expressway_ezhou_section": END,
        "transport.airport_expressway_phase1": END,
        "transport.ezhou_civil_airport": END,
        "transport.fuel_wharf_link_road": END,
        "transport.navigation_station_road": END,
    }
    assert not [p.key for p in plan.projects if p.planned_start]
    starts = {p.key: [m.due for m in p.milestones] for p in plan.projects if p.milestones}
    assert starts == {
        "water.emergency_standby_water_source": [date(2020, 12, 31)],
        "urban.water_environment_ppp_phase1": [date(2020, 12, 31)],
        "urban.main_city_water_network_renovation": [date(2020, 12, 31)],
    }


# Reporting duties and deadlines -------------------------------------------------------------------

RECIPIENT = "市推进重大项目建设扩大有效投资工作领导小组办公室"


def test_obligations(plan: er.Programme, seed: str) -> None:
    special = plan.obligation("special_plan")
    assert special.name_zh == "专项实施方案和项目清单"
    assert special.rule == DueRule(Frequency.ONCE, due=date(2020, 11, 30))
    assert special.reporters is ReporterScope.LEAD_DEPARTMENTS
    assert special.departments == ()
    quarterly = plan.obligation("quarterly_progress")
    assert quarterly.name_zh == "工作进展情况"
    assert quarterly.rule == DueRule(Frequency.QUARTERLY, month_of_quarter=3, day=25)
    assert quarterly.reporters is ReporterScope.LEAD_DEPARTMENTS
    assert [(d.key, d.name_zh) for d in quarterly.departments] == [("finance_bureau", "市财政局")]
    for obligation in (special, quarterly):
        assert obligation.recipient_zh == RECIPIENT
        assert obligation.recipient_en
        assert obligation.clause_zh is not None
        assert obligation.clause_zh in seed
        assert obligation.name_zh in obligation.clause_zh
    assert "于11月底前" in (special.clause_zh or "")
    assert "每季度最后一个月的25日前" in (quarterly.clause_zh or "")


LEADS = [
    (category, department)
    for category, departments in [
        ("public_health", ["health_commission"]),
        ("transport", ["transport_bureau"]),
        ("water", ["water_bureau"]),
        ("energy", ["development_reform"]),
        ("new_infrastructure", ["development_reform"]),
        ("cold_chain", ["development_reform", "emergency_bureau"]),
        ("urban", ["housing_construction_bureau"]),
        ("industrial_parks", ["development_reform"]),
        ("farmland", ["agriculture_rural_bureau"]),
        ("ecology", ["ecology_environment_bureau"]),
    ]
    for department in departments
]
QUARTER_DUES = [
    date(2020, 12, 25),
    date(2021, 3, 25),
    date(2021, 6, 25),
    date(2021, 9, 25),
    date(2021, 12, 25),
    date(2022, 3, 25),
    date(2022, 6, 25),
    date(2022, 9, 25),
    date(2022, 12, 25),
]


def test_every_deadline(plan: er.Programme) -> None:
    expected = [
        (date(2020, 11, 30), "special_plan", category, department, "2020-01-01..2022-12-31")
        for category, department in LEADS
    ]
    # The quarterly report is owed once per department (eight lead departments and 市财政局),
    # the special plan once per category and lead department.
    reporting = dict.fromkeys(department for _, department in LEADS)
    for due in QUARTER_DUES:
        quarter = er.quarter_of(due).label
        expected += [
            (due, "quarterly_progress", None, department, quarter) for department in reporting
        ]
        expected.append((due, "quarterly_progress", None, "finance_bureau", quarter))
    deadlines = plan.deadlines()
    got = [(d.due, d.obligation, d.category, d.department.key, d.period.label) for d in deadlines]
    assert len(LEADS) == 11
    assert len(reporting) == 8
    assert len(deadlines) == 11 + 9 * 9 == 92
    assert sorted(got, key=repr) == sorted(expected, key=repr)
    assert [d.due for d in deadlines] == sorted(d.due for d in deadlines)


@pytest.mark.parametrize(
    ("due", "count"), [(date(2020, 11, 30), 11), *((due, 9) for due in QUARTER_DUES)]
)
def test_deadlines_by_date(plan: er.Programme, due: date, count: int) -> None:
    assert len(plan.deadlines(start=due, end=due)) == count


# Commitments beyond the numbered goals: each with its clause word for word -----------------------

# key, kind, the clause's words that make it checkable, district
COMMITMENTS: list[tuple[str, str, str, str | None]] = [
    ("new_infrastructure.key_area_5g_coverage", "level", "实现5G网络重点区域全覆盖", None),
    (
        "new_infrastructure.iot_sensing_network",
        "qualitative",
        "基本建成覆盖全市的物联感知网络体系",
        None,
    ),
    (
        "transport.scenic_areas_grade_ii_roads",
        "milestone",
        "全市4A级以上景区通达二级及以上公路",
        None,
    ),
    (
        "transport.liangzihu_model_county_application",
        "milestone",
        "启动梁子湖区申报创建全省“四好农村公路”示范县工作",
        "liangzihu",
    ),
    ("transport.bridge_management", "qualitative", "危桥加固改造科学化", None),
    (
        "industrial_parks.gedian_national_ranking",
        "qualitative",
        "力争实现国家开发区排名稳步提升",
        "gedian",
    ),
    (
        "industrial_parks.echeng_zone_expansion",
        "milestone",
        "鄂城区做好省级开发区扩区调区工作",
        "echeng",
    ),
    (
        "industrial_parks.echeng_high_tech_zone_application",
        "milestone",
        "申报省级高新技术开发区",
        "echeng",
    ),
    (
        "ecology.village_sewage_coverage",
        "level",
        "实现重点流域周边、水源地重点地区及环境敏感区的村庄生活污水治理设施全覆盖",
        None,
    ),
    ("ecology.toilet_revolution", "milestone", "全面完成省定“厕所革命”任务", None),
    (
        "ecology.village_video_surveillance",
        "qualitative",
        "逐步实现村庄进出口、居民集聚区视频监控全覆盖",
        None,
    ),
    ("ecology.rural_waste_system", "qualitative", "逐步建立农村垃圾", None),
    ("ecology.hazardous_waste_manifests_database", "milestone", "危险废物管理基础数据库", None),
    (
        "ecology.warning_film_rectification_list",
        "milestone",
        "建立生态环境警示片突出问题整改清单",
        None,
    ),
    ("public_health.medical_group", "milestone", "成立并发挥市医疗集团、紧密型医共体", None),
    (
        "public_health.devices_connected",
        "milestone",
        "所有车载医疗设备、智能服务包与医院联通",
        None,
    ),
    ("public_health.air_rescue_circle", "milestone", "融入航空医学救护“1小时急救圈”", None),
    ("public_health.health_data_platforms", "milestone", "全生命周期的健康数据平台", None),
    ("water.yanglan_lake_pumping_station_started", "milestone", "启动洋澜湖泵站改扩建工程", None),
    (
        "water.huarong_rural_drinking_water_started",
        "milestone",
        "启动华容区农村饮水安全巩固提升工程",
        "huarong",
    ),
    ("ecology.incineration_facilities_renovated", "milestone", "水泥窑处置设施进行改造", None),
]


@pytest.mark.parametrize(
    ("key", "kind", "words", "district"), COMMITMENTS, ids=[c[0] for c in COMMITMENTS]
)
def test_commitment_clause_is_the_text(
    plan: er.Programme, seed: str, key: str, kind: str, words: str, district: str | None
) -> None:
    target = plan.target(key)
    assert target.kind is TargetKind(kind)
    assert target.clause_zh is not None
    assert words in target.clause_zh
    assert target.clause_zh in seed
    assert target.district == district


def test_gradual_and_hedged_commitments_are_not_figures(plan: er.Programme) -> None:
    """逐步 (gradually), 基本 (basically) and 力争 (strive) promise no figure by a date."""
    hedged_keys = []
    for target in plan.targets:
        clause = target.clause_zh or ""
        hedged = next(
            (w for w in ("逐步实现", "逐步建立", "基本建成覆盖", "力争实现") if w in clause), None
        )
        if hedged:
            hedged_keys.append(target.key)
            assert target.kind is TargetKind.QUALITATIVE, (target.key, hedged)
    assert "ecology.village_video_surveillance" in hedged_keys
    assert "industrial_parks.gedian_national_ranking" in hedged_keys


def test_coverage_commitments_are_full_coverage(plan: er.Programme) -> None:
    for key in ("new_infrastructure.key_area_5g_coverage", "ecology.village_sewage_coverage"):
        target = plan.target(key)
        assert target.value == er.Q_(Decimal(100), "percent")
        assert target.scope_zh is not None
        assert "全覆盖" in (target.clause_zh or "")


PROJECTS_ADDED = [
    ("industrial_parks.hust_ezhou_institute", "华中科技大学鄂州工研院"),
    ("ecology.rural_xueliang_project", "农村“雪亮工程”"),
    ("ecology.integrated_information_platform", "安全、环保、应急救援和公共服务一体化信息管理平台"),
    ("transport.bus_dispatch_system", "公交调度系统"),
    ("transport.fuel_wharf_link_road", "机场航油码头连接线"),
    ("transport.navigation_station_road", "机场导航台道路"),
]


@pytest.mark.parametrize(("key", "name_zh"), PROJECTS_ADDED)
def test_added_project_is_named_in_its_clause(
    plan: er.Programme, seed: str, key: str, name_zh: str
) -> None:
    project = plan.project(key)
    assert project.name_zh == name_zh
    assert project.clause_zh is not None
    assert project.clause_zh in seed
    assert name_zh in project.clause_zh


# Districts ---------------------------------------------------------------------------------------

DISTRICTS = [
    ("echeng", "鄂城区", "district"),
    ("huarong", "华容区", "district"),
    ("liangzihu", "梁子湖区", "district"),
    ("gedian", "葛店开发区", "zone"),
    ("airport_zone", "临空经济区", "zone"),
]


def test_districts_are_those_the_notice_is_addressed_to(plan: er.Programme, seed: str) -> None:
    assert [(d.key, d.name_zh, d.kind.value) for d in plan.districts] == DISTRICTS
    assert "各区人民政府,葛店开发区、临空经济区管委会" in seed
    for district in plan.districts:
        assert district.name_zh in seed
        assert district.name_en


def test_per_district_commitments(plan: er.Programme) -> None:
    # 其他各区至少开工1个老旧小区改造项目: the districts other than 鄂城区, one target each.
    others = {
        t.district for t in plan.targets if t.clause_zh == "其他各区至少开工1个老旧小区改造项目"
    }
    assert others == {"huarong", "liangzihu"}
    # 各区按照“一场两馆”标准: every district (not the zones), four targets each.
    sports = [t for t in plan.targets if "一场两馆" in (t.clause_zh or "")]
    assert len(sports) == 12
    assert {t.district for t in sports} == {"echeng", "huarong", "liangzihu"}
    for target in plan.targets:
        if target.district is not None:
            assert target.scope_zh == plan.district(target.district).name_zh, target.key
    assert [t.key for t in plan.district_targets("gedian")] == [
        "industrial_parks.gedian_national_ranking"
    ]


def test_start_milestones_display_as_start(plan: er.Programme) -> None:
    starts = {t.key for t in plan.targets if t.event is MilestoneEvent.START}
    assert starts == {
        "urban.water_environment_ppp_started",
        "urban.water_supply_renovation_started",
        "transport.liangzihu_model_county_application",
        "water.yanglan_lake_pumping_station_started",
        "water.huarong_rural_drinking_water_started",
    }
    for key in starts:
        target = plan.target(key)
        assert "启动" in (target.clause_zh or "")
        assert target.describe_value().endswith("前启动")
        assert "完成" not in target.describe_value()
        assert target.describe_value("en").startswith("started by ")


def test_labels_say_what_is_counted(plan: er.Programme) -> None:
    def zh(key: str) -> str:
        return plan.target(key).describe_value()

    assert zh("water.drainage_pumping_stations_renewed") == "≥ 72处点位"
    assert zh("water.liangzihu_town_pipes") == "≥ 5个集镇"
    assert zh("public_health.township_health_centre_equipment").endswith(
        "乡镇卫生院和社区卫生服务中心"
    )
    assert zh("public_health.village_clinic_health_kits").endswith("村卫生室和社区卫生服务站")


# 三、保障措施: supervision rules beyond the dated duties ---------------------------------------------


def test_supervision_clauses_are_the_text(plan: er.Programme, seed: str) -> None:
    clauses = [
        *(d.clause_zh for d in plan.event_duties),
        *(d.clause_zh for d in plan.standing_duties),
        *(i.clause_zh for o in plan.obligations for i in o.contents),
        plan.accountability.clause_zh if plan.accountability else None,
    ]
    assert len(clauses) == 2 + 8 + 8 + 1
    for clause in clauses:
        assert clause is not None
        assert clause in seed
    feedback, to_leadership = plan.event_duties
    assert "重大情况随时反馈" in (feedback.clause_zh or "")
    assert "重大情况及时报告市委、市政府" in (to_leadership.clause_zh or "")
    funding, tracking, bulletins, meetings, bonds, budget, finance, land = plan.standing_duties
    assert "定期召开协调推进会" in (meetings.clause_zh or "")
    assert [d.key for d in meetings.owners_named] == ["leading_group"]
    assert [d.name_zh for d in (*bonds.owners_named, *budget.owners_named)] == [
        "市财政局",
        "市发改委",
    ]
    assert [d.name_zh for d in (*finance.owners_named, *land.owners_named)] == [
        "市地方金融工作局",
        "市自然资源和规划局",
    ]
    assert "筹资方案" in (funding.clause_zh or "")
    assert "跟踪督办" in (tracking.clause_zh or "")
    assert "定期通报进展情况" in (bulletins.clause_zh or "")
    for item in plan.obligation("special_plan").contents:
        words = item.name_zh.split("(")[0].removeprefix("项目")
        assert words in (item.clause_zh or ""), item.key


def test_totals_are_flagged_approximate(plan: er.Programme) -> None:
    """约549.9亿元 and 约58.3亿元 are parts of the sums: the totals are about, and say so."""
    assert [c.key for c in plan.categories if c.portfolio and c.portfolio.approximate] == [
        "transport",
        "water",
    ]
    assert plan.totals_approximate
    from ezhou_recovery.display.overview import render_overview

    text = render_overview(plan, as_of=date(2021, 1, 1))
    assert "估算总投资 约2124.81亿元 (about" in text
    assert "约2124.81亿元" in plan._repr_html_()


def test_english_names_and_words(plan: er.Programme) -> None:
    """工程 of a category is a programme area; units show as words in English."""
    for category in plan.categories:
        if category.name_zh.endswith("工程"):
            assert category.name_en.endswith("programme area"), category.key
        assert "project" not in category.name_en.lower(), category.key
    # A single named 工程 stays a project.
    assert plan.project("transport.airport_expressway_phase1").name_en.endswith("phase 1")
    assert plan.target("transport.dangerous_bridges").description_en.startswith("Renovate")

    def en(key: str) -> str:
        return plan.target(key).describe_value("en")

    assert en("public_health.district_cdcs") == "≥ 3 CDCs"
    assert en("water.flood_standard_airport_zone") == "≥ 100-year standard"
    assert en("urban.road_density") == "≥ 8 km/km²"
    assert en("urban.park_green_space_per_person") == "≥ 12 m² per person"
    assert en("public_health.emergency_circle_central") == "≤ 10 minutes"
    assert en("water.drainage_pumping_stations_renewed") == "≥ 72 sites"
    for target in plan.targets:
        shown = target.describe_value("en")
        assert "_" not in shown, (target.key, shown)


def test_duty_owners_are_the_same_departments(plan: er.Programme) -> None:
    known = {d.key: d for d in plan.departments}
    for duty in (*plan.event_duties, *plan.standing_duties):
        for department in duty.owners_named:
            assert known.setdefault(department.key, department) == department, duty.key
    assert {d.key for d in plan.departments} <= set(known)
