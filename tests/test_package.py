"""The package's public names: lazily loaded, all resolvable, listed by dir(), and import is light."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import pint
import pytest

import ezhou_recovery
from ezhou_recovery.units._registry import new_registry

INIT = Path(ezhou_recovery.__file__)


def test_every_name_in_all_resolves() -> None:
    for name in ezhou_recovery.__all__:
        assert getattr(ezhou_recovery, name) is not None, name


def test_dir_lists_every_public_name() -> None:
    listed = dir(ezhou_recovery)
    assert set(ezhou_recovery.__all__) <= set(listed)
    assert listed == sorted(listed)


def _isort_key(name: str) -> tuple[int, str]:
    """The order of ruff's RUF022: CONSTANTS, then Classes, then the rest, each alphabetical."""
    if name.isupper():
        return (0, name)
    return (1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_has_no_repeats() -> None:
    names = list(ezhou_recovery.__all__)
    assert len(set(names)) == len(names)
    assert names == sorted(names, key=_isort_key)


def test_lazy_table_matches_the_type_checking_imports() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ezhou_recovery."):
            assert node.module is not None
            for alias in node.names:
                imported[alias.asname or alias.name] = node.module.removeprefix("ezhou_recovery.")
    lazy = ezhou_recovery._LAZY  # type: ignore[attr-defined]
    assert imported == lazy
    assert set(lazy) == set(ezhou_recovery.__all__) - {"__version__"}


def test_each_name_comes_from_its_module() -> None:
    for name, module in ezhou_recovery._LAZY.items():  # type: ignore[attr-defined]
        source = importlib.import_module(f"ezhou_recovery.{module}")
        assert getattr(ezhou_recovery, name) is getattr(source, name), name


def test_a_submodule_does_not_hide_the_function_of_the_same_name() -> None:
    importlib.import_module("ezhou_recovery.bulletins.contents")
    from ezhou_recovery import bulletin

    assert isinstance(bulletin, types.FunctionType)
    assert ezhou_recovery.bulletin is bulletin


def test_submodules_are_reachable_as_attributes() -> None:
    assert isinstance(ezhou_recovery.analysis, types.ModuleType)  # type: ignore[attr-defined]


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        ezhou_recovery.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_reading_the_plan_imports_no_computation_module() -> None:
    code = (
        "import sys, ezhou_recovery; ezhou_recovery.load_ezhou_plan(); "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('ezhou_recovery'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(INIT.parent.parent)},
    ).stdout.split()
    assert "ezhou_recovery.model.programme" in out
    heavy_modules = (
        "analysis.attainment",
        "evidence.table",
        "analysis.compliance",
        "analysis.schedule",
        "io.xlsx.forms",
        "analysis.calendar",
    )
    for heavy in heavy_modules:  # each name is a real module, so that its absence means something
        assert importlib.util.find_spec(f"ezhou_recovery.{heavy}") is not None, heavy
    for heavy in heavy_modules:
        assert f"ezhou_recovery.{heavy}" not in out, heavy


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

    assert pickle.loads(pickle.dumps(ezhou_recovery)) is ezhou_recovery
    cloudpickle = pytest.importorskip("cloudpickle")
    namespace: dict[str, object] = {"er": ezhou_recovery}
    exec("def key(plan):\n    return er.load_ezhou_plan().key + plan\n", namespace)
    function = pickle.loads(cloudpickle.dumps(namespace["key"]))
    assert function("!") == ezhou_recovery.load_ezhou_plan().key + "!"
