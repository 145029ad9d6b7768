"""The shipped Hypothesis strategies: valid, consistent, typed options, registered, light to import."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import ezhou_recovery as er
from ezhou_recovery import strategies as ers
from ezhou_recovery.units import Quantity

ROOT = Path(__file__).parents[2]
SRC = ROOT / "src"


def run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
        check=True,
    )
    return result.stdout.strip()


def test_importing_the_library_does_not_import_hypothesis() -> None:
    assert run("import sys, ezhou_recovery; print('hypothesis' in sys.modules)") == "False"


def test_the_entry_point_hook_imports_nothing_heavy() -> None:
    out = run(
        "import sys, hypothesis, _ezhou_recovery_hypothesis as h; h._hypothesis_setup_hook(); "
        "print('ezhou_recovery' in sys.modules, 'pint' in sys.modules)"
    )
    assert out == "False False"


@pytest.mark.parametrize(
    "order",
    [
        # hypothesis first: importing the library registers its strategies
        "import hypothesis, ezhou_recovery as er",
        # the library first: hypothesis's entry point hook registers them
        "import ezhou_recovery as er, hypothesis, _ezhou_recovery_hypothesis as h; "
        "h._hypothesis_setup_hook()",
    ],
)
def test_from_type_works_whichever_is_imported_first(order: str) -> None:
    out = run(
        f"{order}\nfrom hypothesis import strategies as st\n"
        "t = st.from_type(er.Target).example()\nprint(type(t).__name__, t.key.count('.'))"
    )
    assert out == "Target 1"


def test_the_entry_point_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = project["project"]["entry-points"]["hypothesis"]["ezhou_recovery"]
    module, _, function = hook.partition(":")
    assert (SRC / f"{module}.py").is_file()
    assert function == "_hypothesis_setup_hook"
    assert "jsonschema" in " ".join(project["project"]["optional-dependencies"]["test"])


@pytest.mark.parametrize("cls", list(ers.type_strategies()), ids=lambda c: c.__name__)
@given(data=st.data())
def test_from_type_draws_valid_objects(cls: type, data: st.DataObject) -> None:
    obj = data.draw(st.from_type(cls))
    assert type(obj) is cls
    # valid by construction: rebuilding it through its validators gives it back
    rebuilt = cls(
        **{a.alias or a.name: getattr(obj, a.name) for a in cls.__attrs_attrs__ if a.init}
    )  # type: ignore[attr-defined]
    assert rebuilt == obj


@pytest.mark.parametrize("kind", list(er.TargetKind))
@pytest.mark.parametrize("comparator", list(er.Comparator))
@given(data=st.data())
def test_targets_of_each_kind_and_direction(
    kind: er.TargetKind, comparator: er.Comparator, data: st.DataObject
) -> None:
    target = data.draw(ers.targets(kind=kind, comparator=comparator, category="transport"))
    assert (target.kind, target.comparator, target.category) == (kind, comparator, "transport")
    assert (target.value is not None) is kind.quantitative


@pytest.mark.parametrize("qualifier", list(er.BaselineQualifier))
@given(data=st.data())
def test_baselines_with_each_qualifier(
    qualifier: er.BaselineQualifier, data: st.DataObject
) -> None:
    baseline = data.draw(ers.baselines(unit="km", qualifier=qualifier))
    assert baseline.qualifier is qualifier
    assert baseline.value.units == er.ureg.km


@pytest.mark.parametrize("unit", ers.UNITS)
@given(data=st.data())
def test_quantities_in_a_unit_and_their_texts(unit: str, data: st.DataObject) -> None:
    q = data.draw(ers.quantities(unit=unit))
    assert q.units == er.ureg.Unit(unit)
    text = data.draw(ers.quantities(unit=unit, as_text=True))
    assert isinstance(text, str)
    assert er.parse_quantity(text).units == er.ureg.Unit(unit)


@given(ers.quantities(dimension="[length]"))
def test_quantities_of_a_dimension(q: Quantity) -> None:
    assert q.dimensionality == er.ureg.km.dimensionality


def test_an_unknown_dimension_is_refused() -> None:
    with pytest.raises(ValueError, match="no unit"):
        ers.quantities(dimension="[luminosity]")


def test_chinese_text_forms_are_drawn() -> None:
    area = ers.quantities(unit="m**2/person", as_text=True)
    assert find(area, lambda t: t.endswith("平方米/人"), settings=SHRINK) == "0平方米/人"
    money = ers.quantities(unit="yi_yuan", as_text=True)
    assert find(money, lambda t: t.endswith("亿元"), settings=SHRINK) == "0亿元"


@given(ers.projects(with_milestones=True))
def test_projects_with_milestones(project: er.Project) -> None:
    assert project.milestones


@given(ers.projects(with_milestones=False))
def test_projects_without_milestones(project: er.Project) -> None:
    assert project.milestones == ()


@given(ers.programmes(min_categories=2, max_categories=3))
def test_programme_size(programme: er.Programme) -> None:
    assert 2 <= len(programme.categories) <= 3
    leads = {d.key: d for c in programme.categories for d in c.lead_departments}
    assert len(leads) == len({d for c in programme.categories for d in c.lead_departments})


# Hypothesis's explain phase (which marks the parts of a failing example that do not matter) costs
# seconds on nested objects; shrinking itself is quick.
SHRINK = settings(database=None, phases=(Phase.generate, Phase.shrink))


def test_shrinks_to_small_readable_examples() -> None:
    programme = find(
        ers.programmes(), lambda p: any(c.targets for c in p.categories), settings=SHRINK
    )
    assert len(programme.categories) == 1
    (target,) = programme.categories[0].targets
    assert target.key == "a.a"
    assert (target.description_zh, target.description_en) == ("一", "a")
    quantity = find(ers.quantities(), lambda q: q.magnitude >= 1, settings=SHRINK)
    assert quantity == er.Q_(1, "piece")


def test_world_strategies_shrink_to_small_readable_examples() -> None:
    sample = er.load_programme(ROOT / "docs" / "examples" / "small_programme.toml")
    one = find(ers.observations(), lambda o: True, settings=SHRINK)
    assert one.source is None
    assert len(one.target) <= 8
    assert len(repr(one)) < 160
    reports = find(ers.submissions(programme=sample), lambda subs: len(subs) >= 1, settings=SHRINK)
    assert len(reports) == 1  # one deadline answered, the rest missing
    (report,) = reports
    assert type(report.submitted_at) is date
    owed = {d.key: d for d in sample.deadlines()}
    deadline = owed[
        f"{report.obligation}/{report.category or '-'}/{report.department}/{report.period}"
    ]
    assert report.submitted_at == deadline.due  # on its due day


#: Functions of the private modules that build strategies for the others, not for users.
INTERNAL_HELPERS = {"memo", "decimal_magnitudes", "department_pools"}


def test_all_lists_every_public_strategy_and_nothing_else() -> None:
    # The package re-exports its private modules' public names: __all__ is the whole list.
    import importlib
    import inspect
    import pkgutil

    import ezhou_recovery.strategies as package

    submodules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    exported = {n for n in vars(package) if not n.startswith("_")} - submodules - {"annotations"}
    assert set(package.__all__) == exported
    functions = set()
    for name in submodules - {"_plugin"}:  # _plugin: the entry point's hook
        module = importlib.import_module(f"{package.__name__}.{name}")
        functions |= {
            n
            for n, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__
        }
    public = {n for n in functions if not n.startswith("_")} - INTERNAL_HELPERS
    assert public <= set(package.__all__)
    assert functions >= INTERNAL_HELPERS
