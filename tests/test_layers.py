"""The package's structure, checked on its source: private names stay in their module, no module
imports the root package, the only imports that point up a layer are the presentation hooks, and
the import-linter contract fails on a backward import."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

# The source tree beside the tests (the installed copy may sit in site-packages, without them).
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ezhou_recovery"
PYPROJECT = ROOT / "pyproject.toml"
NAME = "ezhou_recovery"

#: The functions allowed to import from a higher layer (inside the function, never at module
#: level): presentation hooks of model and result classes, each one line calling a display function.
#: ``module:qualified name``; the test below finds them all and keeps this list and the contract's
#: ``ignore_imports`` in step with the source.
ALLOWED_HOOKS = frozenset(
    {
        "ezhou_recovery.analysis.attainment._results:Assessment.__str__",
        "ezhou_recovery.analysis.attainment._results:Assessment._repr_html_",
        "ezhou_recovery.analysis.attainment._results:Assessment.money_frame",
        "ezhou_recovery.analysis.attainment._results:Assessment.rollups_frame",
        "ezhou_recovery.analysis.attainment._results:Assessment.to_frame",
        "ezhou_recovery.analysis.attainment._results:Rollup.__str__",
        "ezhou_recovery.analysis.attainment._results:Rollup._repr_html_",
        "ezhou_recovery.analysis.attainment._results:Rollup.to_frame",
        "ezhou_recovery.analysis.attainment._results:TargetResult.__repr__",
        "ezhou_recovery.analysis.attainment._results:TargetResult.__str__",
        "ezhou_recovery.analysis.attainment._results:TargetResult._repr_html_",
        "ezhou_recovery.analysis.compliance._results:Compliance.__str__",
        "ezhou_recovery.analysis.compliance._results:Compliance._repr_html_",
        "ezhou_recovery.analysis.compliance._results:Compliance.laggards_frame",
        "ezhou_recovery.analysis.compliance._results:Compliance.to_frame",
        "ezhou_recovery.analysis.compliance._results:DeadlineStatus.__str__",
        "ezhou_recovery.analysis.compliance._results:DeadlineStatus._repr_html_",
        "ezhou_recovery.model.obligations:Deadlines.__str__",
        "ezhou_recovery.model.obligations:Deadlines._repr_html_",
        "ezhou_recovery.model.obligations:Deadlines.to_frame",
        "ezhou_recovery.model.programme:Category._repr_html_",
        "ezhou_recovery.model.programme:Category.to_frame",
        "ezhou_recovery.model.programme:Programme._repr_html_",
        "ezhou_recovery.model.programme:Programme.categories_frame",
        "ezhou_recovery.model.programme:Programme.deadlines_frame",
        "ezhou_recovery.model.programme:Programme.projects_frame",
        "ezhou_recovery.model.programme:Programme.targets_frame",
        "ezhou_recovery.model.targets:Target._repr_html_",
        "ezhou_recovery.model.targets:Targets.__str__",
        "ezhou_recovery.model.targets:Targets._repr_html_",
        "ezhou_recovery.model.targets:Targets.to_frame",
    }
)
HOOK_NAMES = frozenset({"__str__", "__repr__", "_repr_html_", "to_frame"})


@attrs.frozen
class Module:
    """A module of the package: its dotted name, file and parsed source."""

    name: str
    path: Path
    tree: ast.Module

    @property
    def package(self) -> str:
        """The package that relative imports start from."""
        return self.name if self.path.name == "__init__.py" else self.name.rpartition(".")[0]


def _modules() -> Iterator[Module]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield Module(".".join(parts), path, ast.parse(path.read_text(encoding="utf-8")))


MODULES = tuple(_modules())
MODULE_NAMES = frozenset(m.name for m in MODULES)


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.package.split(".")
    if node.level > 1:
        base = base[: -(node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _module_bindings(module: Module) -> dict[str, str]:
    """Names that the module binds to modules of the package (``import a.b as c``, ``from a import
    b`` where ``a.b`` is a module), anywhere in the file."""
    bound: dict[str, str] = {}
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(NAME):
                    bound[alias.asname or alias.name.partition(".")[0]] = (
                        alias.name if alias.asname else NAME
                    )
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            for alias in node.names:
                if f"{source}.{alias.name}" in MODULE_NAMES:
                    bound[alias.asname or alias.name] = f"{source}.{alias.name}"
    return bound


def _dotted(node: ast.expr) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]``; None for anything that is not a chain of names."""
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else [*head, node.attr]
    return None


def private_imports(module: Module) -> list[str]:
    """Private names of another module that ``module`` imports or reads, as ``file:line: what``."""
    found: list[str] = []
    where = f"{module.path.relative_to(PACKAGE.parent)}"
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            if not source.startswith(NAME):
                continue
            for alias in node.names:
                target = f"{source}.{alias.name}"
                if _is_private(alias.name) and target not in MODULE_NAMES:
                    found.append(f"{where}:{node.lineno}: from {source} import {alias.name}")
    bound = _module_bindings(module)
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Attribute) or not _is_private(node.attr):
            continue
        chain = _dotted(node)
        if chain is None or chain[0] not in bound:
            continue
        owner = ".".join([bound[chain[0]], *chain[1:-1]])
        if owner in MODULE_NAMES and f"{owner}.{node.attr}" not in MODULE_NAMES:
            found.append(f"{where}:{node.lineno}: {owner}.{node.attr}")
    return found


def _without_lines(found: list[str]) -> set[str]:
    return {re.sub(r":\d+:", ":", f) for f in found}


def test_no_module_takes_another_modules_private_names() -> None:
    found = _without_lines([f for m in MODULES for f in private_imports(m)])
    assert found == set()


def _sample(source: str, name: str = "ezhou_recovery.model.sample") -> Module:
    path = PACKAGE / "model" / "sample.py"
    return Module(name, path, ast.parse(source))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "from ezhou_recovery.units import _normalise",
            "from ezhou_recovery.units import _normalise",
        ),
        ("from ..units import _normalise", "from ezhou_recovery.units import _normalise"),
        ("from . import targets\ntargets._check()", "ezhou_recovery.model.targets._check"),
        (
            "import ezhou_recovery.units\nezhou_recovery.units._ZH_UNITS",
            "ezhou_recovery.units._ZH_UNITS",
        ),
        ("import ezhou_recovery.units as u\nu._ZH_UNITS", "ezhou_recovery.units._ZH_UNITS"),
        ("def f():\n    from ezhou_recovery.io import _arrow\n    _arrow._x", "io._arrow._x"),
    ],
)
def test_the_private_name_check_finds_each_form(source: str, expected: str) -> None:
    found = private_imports(_sample(source))
    assert len(found) == 1
    assert found[0].endswith(expected)


@pytest.mark.parametrize(
    "source",
    [
        "from ezhou_recovery.io import _arrow",  # a private module is the package's own interface
        "from ezhou_recovery._core import validators",
        "from ezhou_recovery.io._reading import read_text",
        "import attrs\nattrs._config",  # another library's names are not this test's business
        "from ezhou_recovery.units import __all__",
    ],
)
def test_the_private_name_check_allows_private_modules(source: str) -> None:
    assert private_imports(_sample(source)) == []


def test_no_module_imports_the_root_package() -> None:
    found = []
    for module in MODULES:
        if module.name == NAME:
            continue
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name == NAME]
            elif isinstance(node, ast.ImportFrom):
                names = [NAME] if _absolute(module, node) == NAME else []
            else:
                continue
            found += [f"{module.path.relative_to(PACKAGE.parent)}:{node.lineno}" for _ in names]
    assert found == []


def _contract() -> dict[str, object]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = (c for c in config["contracts"] if c["type"] == "layers")
    assert isinstance(contract, dict)
    return contract


def _layer_of(module: str, layers: list[str]) -> int | None:
    """The layer's position from the top (0 is the highest); None outside the layers."""
    top = module.removeprefix(f"{NAME}.").partition(".")[0]
    for index, layer in enumerate(layers):
        if top in (part.strip() for part in layer.split("|")):
            return index
    return None


@attrs.frozen
class UpwardImport:
    """An import inside a function that reaches a higher layer."""

    module: str
    function: str
    target: str
    type_checking: bool = False


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.AST]]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield f"{prefix}{node.name}", node
        elif isinstance(node, ast.If | ast.Try):
            yield from _functions(node, prefix)


def _imported(module: Module, node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (a.name for a in node.names if a.name.startswith(NAME))
    elif isinstance(node, ast.ImportFrom):
        source = _absolute(module, node)
        for alias in node.names:
            full = f"{source}.{alias.name}"
            yield full if full in MODULE_NAMES else source


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def upward_imports(module: Module, layers: list[str]) -> Iterator[UpwardImport]:
    """Imports of ``module`` that point at a higher layer than its own."""
    own = _layer_of(module.name, layers)
    if own is None:
        return

    def upward(node: ast.AST) -> Iterator[str]:
        for target in _imported(module, node):
            layer = _layer_of(target, layers)
            if target.startswith(NAME) and layer is not None and layer < own:
                yield target

    for function, node in _functions(module.tree):
        for inner in ast.walk(node):
            for target in upward(inner):
                yield UpwardImport(module.name, function, target)
    for node in module.tree.body:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for inner in ast.walk(node):
                for target in upward(inner):
                    yield UpwardImport(module.name, "TYPE_CHECKING", target, type_checking=True)


def _all_upward() -> list[UpwardImport]:
    layers = _contract()["layers"]
    assert isinstance(layers, list)
    return [u for m in MODULES for u in upward_imports(m, layers)]


def test_only_the_listed_presentation_hooks_import_upwards() -> None:
    hooks = {f"{u.module}:{u.function}" for u in _all_upward() if not u.type_checking}
    assert hooks == ALLOWED_HOOKS
    for hook in ALLOWED_HOOKS:
        name = hook.rpartition(".")[2]
        assert name in HOOK_NAMES or name.endswith("_frame"), hook


def test_each_upward_import_reaches_only_the_display_layer() -> None:
    for u in _all_upward():
        if not u.type_checking:
            assert u.target.startswith(f"{NAME}.display."), u


def test_ignore_imports_are_the_hooks_and_type_checking_imports() -> None:
    ignored = set(_contract()["ignore_imports"])  # type: ignore[call-overload]
    found = {f"{u.module} -> {u.target}" for u in _all_upward()}
    assert ignored == found


def test_the_hook_check_finds_an_upward_import_outside_a_hook() -> None:
    source = (
        "class Target:\n"
        "    def __str__(self):\n"
        "        from ezhou_recovery.display.text import target_text\n"
        "    def explain(self):\n"
        "        from ezhou_recovery.io import limits\n"
        "def helper():\n"
        "    from ezhou_recovery.model import people\n"  # the same layer: not upward
    )
    layers = _contract()["layers"]
    assert isinstance(layers, list)
    found = list(upward_imports(_sample(source, "ezhou_recovery.model.targets"), layers))
    assert [(u.function, u.target) for u in found] == [
        ("Target.__str__", "ezhou_recovery.display.text"),
        ("Target.explain", "ezhou_recovery.io.limits"),
    ]


def test_the_layer_contract_fails_on_a_backward_import(tmp_path: Path) -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        if os.environ.get("EZHOU_REQUIRE_IMPORT_LINTER"):
            pytest.fail("import-linter is required here (EZHOU_REQUIRE_IMPORT_LINTER is set)")
        pytest.skip("import-linter is not installed (it is in the test extra; CI runs it)")
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / NAME, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")

    def lint() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [lint_imports, "--config", str(tmp_path / "pyproject.toml"), "--no-cache"],
            cwd=tmp_path,
            env={"PYTHONPATH": str(copy), "PATH": str(Path(sys.executable).parent)},
            capture_output=True,
            text=True,
            check=False,
        )

    kept = lint()
    assert kept.returncode == 0, kept.stdout + kept.stderr
    periods = copy / NAME / "model" / "periods.py"
    source = periods.read_text(encoding="utf-8")
    periods.write_text(
        source.replace("import attrs\n", "import attrs\n\nimport ezhou_recovery.io.limits\n", 1),
        encoding="utf-8",
    )
    broken = lint()
    assert broken.returncode != 0
    assert "BROKEN" in broken.stdout
    assert "ezhou_recovery.model.periods -> ezhou_recovery.io.limits" in broken.stdout
