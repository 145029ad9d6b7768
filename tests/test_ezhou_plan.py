"""The embedded Ezhou plan (鄂州政发〔2020〕10号) checked against the published text it was read from.

The plan's source text is not part of the repository. The tests that compare with it find it through
the environment variable ``EZHOU_PLAN_TEXT`` (a path to the UTF-8 text) or in ``shared/seeds/`` beside
the repository, and are skipped with a reason that says how to provide it when neither is there.
``.ci/run`` provides it and sets ``EZHOU_REQUIRE_PLAN_TEXT=1``, under which a missing text fails
instead of skipping. Every check that needs no source text (counts, totals, each target's value, unit,
comparator and deadline) runs everywhere.
"""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pint
import pytest

import ezhou_recovery as er
from ezhou_recovery import Comparator, Section, TargetKind

SEED_NAME = "000_f51d655266ac6fb6.txt"
BESIDE = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / SEED_NAME
END = date(2022, 12, 31)


def seed_path() -> Path | None:
    """The plan's source text: ``$EZHOU_PLAN_TEXT``, else the copy beside the repository, else None."""
    named = os.environ.get("EZHOU_PLAN_TEXT")
    if named:
        return Path(named)
    return BESIDE if BESIDE.is_file() else None


@pytest.fixture(scope="module")
def seed() -> str:
    path = seed_path()
    if path is None or not path.is_file():
        where = path if path is not None else BESIDE
        message = (
            f"the Ezhou plan's source text is not at {where}: set EZHOU_PLAN_TEXT to the path of "
            f"its UTF-8 text ({SEED_NAME}) to run the tests that compare the embedded plan with it"
        )
        if os.environ.get("EZHOU_REQUIRE_PLAN_TEXT"):
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


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
    assert 60 <= len(plan.targets) <= 120
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
    ("water.drainage_pumping_stations_renewed", "72 pumping_station", ">=", "cumulative", {}),
    ("water.huarong_township_pipes", "5 township", ">=", "cumulative", {"scope": "华容区"}),
    ("water.liangzihu_town_pipes", "5 township", ">=", "cumulative", {"scope": "梁子湖区"}),
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
    ("urban.district_gymnasium_seats", "3000 seat", ">=", "level", {"scope": "各区体育馆"}),
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
    qualifiers = [q for q in er.BaselineQualifier if q.value in other]
    if not qualifiers:
        assert target.baseline is None
        return
    (qualifier,) = qualifiers
    assert target.value is not None
    assert target.baseline == er.Baseline(
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
        "public_health.air_rescue_circle",
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
        ("transport.ezhou_xianning_expressway", "鄂咸高速", "city", "implementation", None),
        (
            "transport.wuyang_expressway_ezhou_section",
            "武阳高速公路鄂州段",
            "city",
            "implementation",
            None,
        ),
        (
            "transport.airport_expressway_phase1",
            "鄂州机场高速公路一期工程",
            "city",
            "implementation",
            None,
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
    assert project.level is er.ProjectLevel(level)
    assert project.status is er.ProjectStatus(status)
    assert project.planned_completion == (date.fromisoformat(completion) if completion else None)


def test_only_dated_projects_have_dates(plan: er.Programme) -> None:
    dated = {p.key for p in plan.projects if p.planned_completion or p.planned_start}
    assert dated == {"energy.sanjiang_lng_emergency_storage"}
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
    assert special.rule == er.DueRule(er.Frequency.ONCE, due=date(2020, 11, 30))
    assert special.reporters is er.ReporterScope.LEAD_DEPARTMENTS
    assert special.departments == ()
    quarterly = plan.obligation("quarterly_progress")
    assert quarterly.name_zh == "工作进展情况"
    assert quarterly.rule == er.DueRule(er.Frequency.QUARTERLY, month_of_quarter=3, day=25)
    assert quarterly.reporters is er.ReporterScope.LEAD_DEPARTMENTS
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
