"""The columnar path gives exactly the per-object path's results, and reads files as strictly."""

from __future__ import annotations

import math
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from _province import province
from ezhou_recovery.analysis.attainment import assessment
from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.evidence.table import ObservationTable

PLAN = er.load_ezhou_plan()
DATES = (
    date(2019, 12, 31),
    date(2020, 3, 31),
    date(2020, 12, 31),
    date(2021, 9, 30),
    date(2022, 6, 30),
    date(2022, 12, 31),
    date(2023, 6, 30),
)


def _same_float(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b) and type(a) is type(b)


def assert_same_results(a: er.Assessment, b: er.Assessment) -> None:
    assert len(a.results) == len(b.results)
    for x, y in zip(a.results, b.results, strict=True):
        for field in attrs.fields(er.TargetResult):
            u, w = getattr(x, field.name), getattr(y, field.name)
            if isinstance(u, float) or isinstance(w, float):
                assert _same_float(u, w), (x.key, field.name, u, w)
            else:
                assert u == w, (x.key, field.name, u, w)
        assert x.reason == y.reason
        assert x.reason_zh == y.reason_zh
    assert a == b  # roll-ups, money and all


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[er.Programme, Path]]:
    """A small generated province: two programmes, 6,000 observations each."""
    rng = np.random.default_rng(7)
    folder = tmp_path_factory.mktemp("province")
    out = []
    for programme in province.province_programmes(2, 300):
        path = folder / f"{programme.key}.csv"
        province.write_observations(rng, programme, 6_000, path)
        out.append((programme, path))
    return out


def test_the_generated_province_takes_both_kinds_of_value(
    generated: list[tuple[er.Programme, Path]],
) -> None:
    text = generated[0][1].read_text(encoding="utf-8")
    assert "公里" in text or "个" in text  # some values are written with their unit
    assert ",true" in text
    assert ",false" in text


def test_a_generated_province_is_assessed_identically(
    generated: list[tuple[er.Programme, Path]],
) -> None:
    for programme, path in generated:
        with warnings.catch_warnings(record=True) as by_columns:
            warnings.simplefilter("always")
            table = er.load_observations(path, programme, columnar=True)
        with warnings.catch_warnings(record=True) as by_rows:
            warnings.simplefilter("always")
            objects = er.load_observations(path, programme)
        assert [str(w.message) for w in by_columns] == [str(w.message) for w in by_rows]
        assert len(table) == len(objects)
        statuses = set()
        for as_of in DATES:
            by_table = er.assess(programme, table, as_of=as_of)
            by_object = er.assess(programme, objects, as_of=as_of, columnar=False)
            assert_same_results(by_table, by_object)
            statuses |= {r.status for r in by_table.results}
            assert (
                any(r.projected_value is not None for r in by_table.results)
                or as_of >= date(2022, 12, 31)  # the deadline day is final: no projection
                or as_of < date(2020, 1, 2)
            )
        assert len(statuses) >= 5  # the comparison covers most statuses, not only no data


def test_table_magnitudes_are_the_values_in_the_target_unit(
    generated: list[tuple[er.Programme, Path]],
) -> None:
    programme, path = generated[0]
    table = er.load_observations(path, programme, columnar=True)
    objects = er.load_observations(path, programme)
    targets = list(programme.targets)
    for row in range(0, len(objects), 7):
        o = objects[row]
        assert targets[int(table.target[row])].key == o.target
        assert date.fromordinal(int(table.day[row])) == o.as_of
        assert table.observation(row) == o
        value = o.value
        expected = (
            float(value)
            if isinstance(value, bool)
            else float(value.rank)
            if isinstance(value, QualitativeLevel)
            else float(value.magnitude)
        )
        assert table.magnitude[row] == expected


def test_a_long_list_takes_the_columnar_path_with_the_same_results(
    generated: list[tuple[er.Programme, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    programme, path = generated[1]
    objects = er.load_observations(path, programme)
    per_object = er.assess(programme, objects, as_of=DATES[3], columnar=False)
    built: list[int] = []
    real = ObservationTable.from_observations

    def spy(cls: Any, p: er.Programme, obs: Any) -> ObservationTable:
        built.append(len(obs))
        return real(p, obs)

    monkeypatch.setattr(ObservationTable, "from_observations", classmethod(spy))
    monkeypatch.setattr(assessment, "BATCH_MIN_OBSERVATIONS", 100)
    automatic = er.assess(programme, objects, as_of=DATES[3])
    assert built == [len(objects)]
    assert_same_results(automatic, per_object)
    er.assess(programme, objects[:99], as_of=DATES[3])
    assert built == [len(objects)]  # a short list stays on the per-object path


def test_a_table_assessed_object_by_object_gives_the_same(
    generated: list[tuple[er.Programme, Path]],
) -> None:
    programme, path = generated[0]
    table = er.load_observations(path, programme, columnar=True)
    assert_same_results(
        er.assess(programme, table, as_of=DATES[4], columnar=False),
        er.assess(programme, table, as_of=DATES[4]),
    )


# Observations given as objects, in other units, repeated ----------------------------------------

WATERWAY = PLAN.target("transport.high_grade_waterway")  # km, a level
QUANTITATIVE = [
    t for t in PLAN.targets if t.kind in (er.TargetKind.LEVEL, er.TargetKind.CUMULATIVE)
]
MILESTONES = [t for t in PLAN.targets if t.kind is er.TargetKind.MILESTONE]
QUALITATIVE = [t for t in PLAN.targets if t.kind is er.TargetKind.QUALITATIVE]
ANNUAL = [t for t in PLAN.targets if t.kind is er.TargetKind.ANNUAL_RATE]


def _value(target: er.Target, number: float, in_metres: bool) -> Any:
    if target.kind is er.TargetKind.MILESTONE:
        return number > 0.5
    if target.kind is er.TargetKind.QUALITATIVE:
        return list(QualitativeLevel)[int(number * 3.99)]
    q = er.Q_(number * 100, target.unit)
    return q.to("m") if in_metres and str(target.unit) == "kilometer" else q


observation_lists = st.lists(
    st.tuples(
        st.sampled_from([WATERWAY, *QUANTITATIVE[:8], *MILESTONES[:3], *QUALITATIVE[:3], *ANNUAL]),
        st.dates(date(2019, 6, 1), date(2023, 6, 1)),
        st.floats(0, 1),
        st.booleans(),
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(observation_lists, st.sampled_from(DATES))
def test_any_observations_are_assessed_identically(
    rows: list[tuple[er.Target, date, float, bool]], as_of: date
) -> None:
    seen: dict[tuple[str, date], er.Observation] = {}
    for target, day, number, in_metres in rows:
        seen.setdefault(
            (target.key, day), er.Observation(target.key, day, _value(target, number, in_metres))
        )
    objects = list(seen.values())
    table = ObservationTable.from_observations(PLAN, objects)
    assert_same_results(
        er.assess(PLAN, table, as_of=as_of),
        er.assess(PLAN, objects, as_of=as_of, columnar=False),
    )


def test_an_annual_rate_with_a_year_unreported_is_assessed_identically() -> None:
    villages = PLAN.target("ecology.village_living_environment")
    objects = [
        er.Observation.for_target(villages, date(2020, 12, 31), 12),
        er.Observation.for_target(villages, date(2022, 2, 1), 3),
    ]
    table = ObservationTable.from_observations(PLAN, objects)
    for as_of in (date(2022, 3, 1), date(2023, 1, 1)):
        by_table = er.assess(PLAN, table, as_of=as_of)
        assert_same_results(by_table, er.assess(PLAN, objects, as_of=as_of, columnar=False))
        assert by_table.target(villages.key).status is not er.Status.NO_DATA


def test_a_repeated_date_with_the_same_value_counts_once() -> None:
    day = date(2021, 6, 30)
    objects = [
        er.Observation(WATERWAY.key, day, er.Q_(50, "km"), source="first"),
        er.Observation(WATERWAY.key, day, er.Q_(50000, "m"), source="second"),
        er.Observation(WATERWAY.key, date(2021, 3, 31), er.Q_(40, "km")),
    ]
    table = ObservationTable.from_observations(PLAN, objects)
    by_table = er.assess(PLAN, table, as_of=DATES[3])
    assert_same_results(by_table, er.assess(PLAN, objects, as_of=DATES[3], columnar=False))
    result = by_table.target(WATERWAY.key)
    assert result.observations == 2
    assert result.latest is not None
    assert result.latest.source == "first"


def test_a_repeated_date_with_another_value_is_the_same_error() -> None:
    day = date(2021, 6, 30)
    objects = [
        er.Observation(WATERWAY.key, day, er.Q_(50, "km")),
        er.Observation(WATERWAY.key, day, er.Q_(51, "km")),
    ]
    with pytest.raises(er.InvariantError) as per_object:
        er.assess(PLAN, objects, as_of=DATES[3], columnar=False)
    table = ObservationTable.from_observations(PLAN, objects)
    with pytest.raises(er.InvariantError) as columnar:
        er.assess(PLAN, table, as_of=DATES[3])
    assert str(columnar.value) == str(per_object.value)
    assert "disagrees" in str(columnar.value)


def test_of_two_disagreements_the_first_in_input_order_is_named() -> None:
    early, late = [t for t in PLAN.targets if t.kind is er.TargetKind.LEVEL][:2]
    day = date(2021, 6, 30)
    objects = [  # the later target disagrees first
        er.Observation(late.key, day, er.Q_(1, late.unit)),
        er.Observation(late.key, day, er.Q_(2, late.unit)),
        er.Observation(early.key, day, er.Q_(1, early.unit)),
        er.Observation(early.key, day, er.Q_(2, early.unit)),
    ]
    with pytest.raises(er.InvariantError) as per_object:
        er.assess(PLAN, objects, as_of=DATES[3], columnar=False)
    assert late.key in str(per_object.value)
    with pytest.raises(er.InvariantError) as columnar:
        er.assess(PLAN, objects, as_of=DATES[3], columnar=True)
    assert str(columnar.value) == str(per_object.value)


@pytest.mark.parametrize(
    "bad",
    [
        "not an observation",
        er.Observation("transport.no_such_target", date(2021, 1, 1), er.Q_(1, "km")),
        er.Observation(WATERWAY.key, date(2021, 1, 1), True),
        er.Observation(WATERWAY.key, date(2021, 1, 1), er.Q_(3, "hour")),
        er.Observation(MILESTONES[0].key, date(2021, 1, 1), er.Q_(3, "km")),
        er.Observation(QUALITATIVE[0].key, date(2021, 1, 1), True),
    ],
)
def test_a_bad_observation_is_the_same_error(bad: Any) -> None:
    objects = [er.Observation(WATERWAY.key, date(2021, 1, 1), er.Q_(1, "km")), bad]
    with pytest.raises(er.EzhouRecoveryError) as per_object:
        er.assess(PLAN, objects, as_of=DATES[3], columnar=False)
    with pytest.raises(er.EzhouRecoveryError) as columnar:
        er.assess(PLAN, objects, as_of=DATES[3], columnar=True)
    assert type(columnar.value) is type(per_object.value)
    assert str(columnar.value) == str(per_object.value)


def test_a_table_of_another_programme_is_refused() -> None:
    other = attrs.evolve(PLAN, key="another_city")
    table = ObservationTable.from_observations(other, [])
    with pytest.raises(er.InvariantError, match="another_city"):
        er.assess(PLAN, table, as_of=DATES[3])


def test_an_empty_table_gives_no_data_everywhere() -> None:
    table = ObservationTable.from_observations(PLAN, [])
    assessment = er.assess(PLAN, table, as_of=DATES[3])
    assert_same_results(assessment, er.assess(PLAN, [], as_of=DATES[3]))
    for r in assessment.results:  # no data, or overdue once the deadline has come
        due = DATES[3] >= r.target.deadline
        assert r.status is (er.Status.OVERDUE if due else er.Status.NO_DATA)


def test_table_dates_and_rows() -> None:
    objects = [er.Observation(WATERWAY.key, date(2021, 3, 31), er.Q_(40, "km"))]
    table = ObservationTable.from_observations(PLAN, objects)
    assert table.dates.tolist() == [date(2021, 3, 31)]
    assert "1 observations" in repr(table)
    with pytest.raises(IndexError):
        table.observation(1)


# Reading CSV files: the same errors ---------------------------------------------------------------

GOOD = f"{WATERWAY.key},2021-03-31,40.5"


@pytest.mark.parametrize(
    "lines",
    [
        ["target,as_of,value", GOOD, "transport.nope,2021-03-31,4"],
        ["target,as_of,value", GOOD, f"{WATERWAY.key},2021-3-31,4"],
        ["target,as_of,value", GOOD, f"{WATERWAY.key},2021-02-30,4"],
        ["target,as_of,value", GOOD, f"{WATERWAY.key},2021-03-31,-4"],
        ["target,as_of,value", GOOD, f"{WATERWAY.key},2021-03-31,4小时"],
        ["target,as_of,value", GOOD, f"{WATERWAY.key},2021-03-31,lots"],
        ["target,as_of,value", GOOD, f"{MILESTONES[0].key},2021-03-31,maybe"],
        ["target,as_of,value", GOOD, f"{QUALITATIVE[0].key},2021-03-31,great"],
        ["target,as_of,value,quality", GOOD + ",reported", f"{WATERWAY.key},2021-06-30,4,guess"],
        ["target,as_of,value", GOOD, f"{WATERWAY.key},2021-03-31"],
        ["target,as_of,value", GOOD, f"{WATERWAY.key},,4"],
        ["target,as_of,value,colour", GOOD + ",red"],
        ["target,as_of,value", f"{WATERWAY.key},2021-03-31,4小时", "x,y"],  # the shape first
        ["target,value", "x,1"],
        [""],
    ],
)
def test_a_bad_csv_row_is_the_same_error(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "observations.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(er.LoadError) as per_object:
        er.load_observations(path, PLAN)
    with pytest.raises(er.LoadError) as columnar:
        er.load_observations(path, PLAN, columnar=True)
    assert str(columnar.value) == str(per_object.value)
    assert columnar.value.path == per_object.value.path


def test_csv_with_units_sources_and_blank_lines_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "observations.csv"
    path.write_text(
        "target,as_of,value,source,quality\n"
        f"{WATERWAY.key},2021-03-31,40.5,port office,official_statistics\n"
        "\n"
        f'{WATERWAY.key},2021-06-30,"41,000米",,\n'
        f"{WATERWAY.key}, 2021-09-30 , 42.25 公里,port office,estimate\n"
        f"{MILESTONES[0].key},2021-06-30,是,,\n"
        f"{QUALITATIVE[0].key},2021-06-30,推进中,,reported\n",
        encoding="utf-8",
    )
    objects = er.load_observations(path, PLAN)
    table = er.load_observations(path, PLAN, columnar=True)
    assert [table.observation(i) for i in range(len(table))] == list(objects)
    assert_same_results(
        er.assess(PLAN, table, as_of=DATES[4]),
        er.assess(PLAN, objects, as_of=DATES[4], columnar=False),
    )


def test_a_json_file_reads_into_a_table(tmp_path: Path) -> None:
    path = tmp_path / "observations.json"
    path.write_text(
        f'[{{"target": "{WATERWAY.key}", "as_of": "2021-03-31", "value": "40公里"}}]',
        encoding="utf-8",
    )
    table = er.load_observations(path, PLAN, columnar=True)
    assert isinstance(table, ObservationTable)
    assert table.magnitude.tolist() == [40.0]
