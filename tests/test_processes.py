"""Objects that cross processes, and a shared plan that no caller can change."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from _fresh_process import output_in_fresh_process
from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.evidence.table import ObservationTable
from ezhou_recovery.examples import (
    example_investment_reports,
    example_observations,
    example_submissions,
)
from ezhou_recovery.io.limits import current_limits
from ezhou_recovery.strategies import type_strategies

PLAN = er.load_ezhou_plan()
AS_OF = date(2021, 6, 30)
SUBMITTED = date(2021, 7, 15)


def _quantities(value: Any, seen: set[int] | None = None) -> list[pint.Quantity[Any]]:
    """Every quantity reachable from ``value``."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, pint.Quantity):
        return [value]
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return [q for f in fields for q in _quantities(getattr(value, f.name), seen)]
    if isinstance(value, tuple | list):
        return [q for item in value for q in _quantities(item, seen)]
    return []


def _round_trip(value: Any) -> Any:
    copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == value
    assert all(q._REGISTRY is er.ureg for q in _quantities(copy))
    return copy


def _assessment() -> er.Assessment:
    return er.assess(
        PLAN, example_observations(), as_of=AS_OF, investment=example_investment_reports()
    )


def test_the_main_objects_pickle_into_the_library_registry() -> None:
    assessment = _assessment()
    found = _quantities(_round_trip(PLAN))
    assert any(q.units == er.ureg.cdc for q in found)  # the unit pint's own registry lacks
    _round_trip(example_observations())
    _round_trip(example_submissions())
    _round_trip(assessment)
    _round_trip(er.compliance(PLAN, example_submissions(), SUBMITTED))
    _round_trip(er.validate(PLAN))
    _round_trip(er.Q_(3, "cdc"))
    _round_trip(er.ureg.Unit("yi_yuan"))
    _round_trip(current_limits())


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: er.Q_(40, "kW"), id="prefixed"),  # pint defines it once parsed
        pytest.param(lambda: er.Q_(3, "MW") / er.Q_(1, "km"), id="compound"),
        pytest.param(lambda: er.Q_(50, "kW").units, id="unit"),
        pytest.param(lambda: er.parse_quantity("50万千瓦"), id="chinese"),
    ],
)
def test_a_quantity_unpickled_in_a_fresh_process_prints(make: Any) -> None:
    value = make()
    code = (
        "import pickle, sys\n"
        "value = pickle.loads(sys.stdin.buffer.read())\n"
        "print(value)\n"
        "print(f'{value:~P}')\n"
    )
    shown = output_in_fresh_process(code, value)
    assert shown == f"{value}\n{value:~P}\n"


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_every_model_class_pickles_equal(data: st.DataObject) -> None:
    for cls, factory in type_strategies().items():
        _round_trip(data.draw(factory(), label=cls.__name__))


def test_an_observation_table_pickles_and_assesses_the_same(tmp_path: Path) -> None:
    observations = example_observations()
    path = tmp_path / "o.csv"
    rows = [f"{o.target},{o.as_of.isoformat()},{_text(o.value)}" for o in observations]
    path.write_text("target,as_of,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for table in (
        ObservationTable.from_observations(PLAN, observations),
        er.load_observations(path, PLAN, columnar=True),
    ):
        copy = pickle.loads(pickle.dumps(table))
        assert er.assess(PLAN, copy, as_of=AS_OF) == er.assess(PLAN, table, as_of=AS_OF)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, QualitativeLevel):
        return value.value
    return f"{value.magnitude}{value.units:~}".replace(" ", "")


def _assess(programme: er.Programme, observations: tuple[er.Observation, ...]) -> er.Assessment:
    return er.assess(programme, observations, as_of=AS_OF)


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_process_pool_gives_the_serial_assessment(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"this platform has no {method} start method")  # pragma: no cover
    observations = example_observations()
    serial = _assess(PLAN, observations)
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        parallel = pool.submit(_assess, PLAN, observations).result(timeout=120)
        programme = pool.submit(er.load_ezhou_plan).result(timeout=120)
    assert parallel == serial
    assert programme == PLAN
    assert all(q._REGISTRY is er.ureg for q in _quantities(parallel))


# The shared plan --------------------------------------------------------------------------------


def test_a_caller_cannot_change_the_cached_plan() -> None:
    plan = er.load_ezhou_plan()
    key = next(t.key for t in plan.targets if t.value is not None and t.value.units == er.ureg.km)
    before = er.to_json(plan)
    with pytest.raises(TypeError, match=r"cannot be changed in place: use \.to\(\.\.\.\)"):
        plan.target(key).value.ito("meter")
    for name in ("ito_base_units", "ito_root_units", "ito_reduced_units"):
        with pytest.raises(TypeError):
            getattr(plan.target(key).value, name)()
    assert er.load_ezhou_plan().target(key).value.units == er.ureg.km
    assert er.to_json(er.load_ezhou_plan()) == before
    own = plan.target(key).value.to("meter")  # a new quantity, the caller's own
    own.ito("kilometer")
    assert own == plan.target(key).value


def test_a_quantity_the_caller_made_still_converts_in_place() -> None:
    q = er.Q_(1500, "meter")
    q.ito("kilometer")
    assert q == er.Q_(1.5, "kilometer")
