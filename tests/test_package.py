"""The package's public tiers: the root's names, the moved names' aliases, and a light import."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
import types
import warnings
from pathlib import Path

import pint
import pytest

import ezhou_recovery
from ezhou_recovery.units._registry import new_registry

INIT = Path(ezhou_recovery.__file__)
PACKAGE = INIT.parent

#: Optional dependencies (extras) that ``import ezhou_recovery`` must not import.
OPTIONAL = ("numpy", "pandas", "pyarrow", "polars", "openpyxl", "matplotlib", "docx", "cn2an")


def _isort_key(name: str) -> tuple[int, str]:
    """The order of ruff's RUF022: CONSTANTS, then Classes, then the rest, each alphabetical."""
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def test_every_name_in_all_is_bound_at_import() -> None:
    namespace = vars(ezhou_recovery)
    for name in ezhou_recovery.__all__:
        assert name in namespace, name  # imported explicitly, not found by __getattr__


def test_all_is_sorted_has_no_repeats_and_is_about_forty_names() -> None:
    names = list(ezhou_recovery.__all__)
    assert len(set(names)) == len(names)
    assert names == sorted(names, key=_isort_key)
    assert 35 <= len(names) <= 50


def test_the_root_imports_each_name_explicitly_once() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    imported: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ezhou_recovery."):
            imported.extend(alias.asname or alias.name for alias in node.names)
    assert sorted(imported) == sorted(set(ezhou_recovery.__all__) - {"__version__"})


def test_the_root_names_are_the_notebook_tier() -> None:
    for name in ("Programme", "load_ezhou_plan", "assess", "compliance", "Status", "Q_"):
        assert name in ezhou_recovery.__all__, name
    for name in ("LoadError", "UnitError", "InvariantError", "EzhouRecoveryError"):
        assert issubclass(getattr(ezhou_recovery, name), Exception), name


def test_bulletin_is_the_function() -> None:
    assert isinstance(ezhou_recovery.bulletin, types.FunctionType)


def test_a_submodule_does_not_hide_the_function_of_the_same_name() -> None:
    importlib.import_module("ezhou_recovery.bulletins.contents")
    from ezhou_recovery import bulletin

    assert isinstance(bulletin, types.FunctionType)
    assert ezhou_recovery.bulletin is bulletin


@pytest.mark.parametrize("name", sorted(ezhou_recovery.MOVED))
def test_a_moved_name_warns_naming_its_module_and_gives_the_object(name: str) -> None:
    module = ezhou_recovery.MOVED[name]
    assert not module.rpartition(".")[2].startswith("_"), module  # a public module
    expected = getattr(importlib.import_module(module), name)
    with pytest.warns(DeprecationWarning, match=rf"ezhou_recovery\.{name} has moved.*{module}"):
        value = getattr(ezhou_recovery, name)
    assert value is expected


def test_moved_names_are_not_in_all() -> None:
    assert not set(ezhou_recovery.MOVED) & set(ezhou_recovery.__all__)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        namespace: dict[str, object] = {}
        exec("from ezhou_recovery import *", namespace)  # star-import takes no moved name
    assert not set(ezhou_recovery.MOVED) & set(namespace)


def test_public_submodules_are_reachable_as_attributes() -> None:
    for name in sorted(ezhou_recovery.PUBLIC_MODULES):
        module = getattr(ezhou_recovery, name)
        assert isinstance(module, types.ModuleType), name
        assert module.__name__ == f"ezhou_recovery.{name}"
    assert ezhou_recovery.analysis.schedule.earned_schedule is not None  # type: ignore[attr-defined]


def test_dir_lists_the_public_names_and_modules() -> None:
    listed = dir(ezhou_recovery)
    assert set(ezhou_recovery.__all__) | ezhou_recovery.PUBLIC_MODULES <= set(listed)
    assert listed == sorted(listed)


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        ezhou_recovery.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)},
    ).stdout


def test_import_loads_no_optional_dependency_of_its_own() -> None:
    """numpy (and dask) may come with pint itself, when installed; nothing else may come."""
    code = "import sys; import {first}; print(' '.join(m for m in {optional} if m in sys.modules))"
    with_pint = set(_run(code.format(first="pint", optional=OPTIONAL)).split())
    with_package = set(_run(code.format(first="ezhou_recovery", optional=OPTIONAL)).split())
    assert with_package <= with_pint
    assert not with_package & {"pandas", "pyarrow", "polars", "openpyxl", "matplotlib", "docx"}


def test_import_and_assess_work_without_the_optional_dependencies() -> None:
    blocked = (*OPTIONAL, "dask")
    code = (
        "import sys, datetime\n"
        f"sys.modules.update(dict.fromkeys({blocked!r}))  # import x raises ImportError\n"
        "import ezhou_recovery as er\n"
        "plan = er.load_ezhou_plan()\n"
        "print(len(er.assess(plan, (), as_of=datetime.date(2021, 6, 30)).results))\n"
    )
    assert int(_run(code)) == len(ezhou_recovery.load_ezhou_plan().targets)


def test_the_registry_is_built_without_a_usable_cache_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = pint.UnitRegistry
    calls: list[object] = []

    def no_cache(*args: object, **kwargs: object) -> object:
        calls.append(kwargs.get("cache_folder"))
        if kwargs.get("cache_folder") is not None:
            raise PermissionError("read-only cache folder")
        return real(*args, **kwargs)

    monkeypatch.setattr(pint, "UnitRegistry", no_cache)
    registry = new_registry()
    assert calls == [":auto:", None]
    assert registry.Quantity(1, "km").to("m").magnitude == 1000


def test_the_package_pickles_by_name() -> None:
    """A function pickled by value (a notebook's, sent to a Dask cluster) refers to the package."""
    import pickle

    cloudpickle = pytest.importorskip("cloudpickle")
    namespace: dict[str, object] = {"er": ezhou_recovery}
    exec("def key(plan):\n    return er.load_ezhou_plan().key + plan\n", namespace)
    function = pickle.loads(cloudpickle.dumps(namespace["key"]))
    assert function("!") == ezhou_recovery.load_ezhou_plan().key + "!"
