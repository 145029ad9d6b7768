"""Write docs/api/<subpackage>.md: one page per public subpackage or module, an automodule for each
public module in it (run from the repository's root after adding, moving or renaming a module;
tests/test_api_pages.py checks that every public module has its page)."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

SRC = Path("src/ezhou_recovery")
sys.path.insert(0, str(SRC.parent))
OUT = Path("docs/api")
OUT.mkdir(exist_ok=True)
TOP = [
    "model",
    "evidence",
    "analysis",
    "io",
    "display",
    "units",
    "errors",
    "bulletins",
    "bulletin",
    "drafting",
    "strategies",
    "examples",
    "cli",
]
TITLES = {
    "model": "The model: the plan as data",
    "evidence": "The evidence: what happened",
    "analysis": "Computations",
    "io": "Reading and writing files",
    "display": "Presentation",
    "units": "Units",
    "errors": "Errors",
    "bulletins": "The quarterly bulletin",
    "bulletin": "The quarterly bulletin",
    "drafting": "Drafting a programme from a plan's text",
    "strategies": "Hypothesis strategies",
    "examples": "The example dataset",
    "cli": "The command line",
}
NOTES = {
    "display": "`ezhou_recovery.display.charts` needs matplotlib (the `charts` extra); the other modules are what "
    "the results' `__str__`, `_repr_html_` and `*_frame` methods call (`to_frame` and the frames need pandas).",
    "io": "`ezhou_recovery.io.frames` needs the `arrow` extra (pyarrow and numpy); `ezhou_recovery.io.xlsx` needs "
    "openpyxl (the `xlsx` extra).",
    "evidence": "`ObservationTable` and `SubmissionTable` hold columns and need numpy (the `arrays` extra).",
    "bulletins": "`er.bulletin` makes the bulletin; see [the bulletin](../bulletin.md). The Word "
    "document needs python-docx (the `bulletin` extra).",
    "strategies": "`import ezhou_recovery` does not import Hypothesis; see "
    "[Testing rules with the shipped strategies](../strategies.md).",
    "drafting": "See [drafting a programme](../drafting.md); Chinese numerals need cn2an (the `draft` extra).",
}


def public(path: Path) -> bool:
    """No part of the module's dotted name starts with an underscore."""
    rel = path.relative_to(SRC.parent)
    return not any(part.startswith("_") for part in rel.with_suffix("").parts if part != "__init__")


def name_of(path: Path) -> str:
    """The module's dotted name."""
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def documented_elsewhere(module: str) -> list[str]:
    """Names in the module's ``__all__`` defined in another public module (documented there)."""
    loaded = importlib.import_module(module)
    names = []
    for name in getattr(loaded, "__all__", ()):
        value = getattr(loaded, name)
        home = getattr(value, "__module__", "") if callable(value) else ""
        public_home = home.startswith("ezhou_recovery.") and not any(
            part.startswith("_") for part in home.split(".")
        )
        if public_home and home != module and not home.startswith(module + "."):
            names.append(name)
    return sorted(names)


pages: list[str] = []
for top in TOP:
    pkg = SRC / top
    if pkg.is_dir():
        files = sorted((p for p in pkg.rglob("*.py") if public(p)), key=name_of)
    elif (SRC / f"{top}.py").exists():
        files = [SRC / f"{top}.py"]
    else:
        continue
    lines = [f"# {TITLES[top]}: `ezhou_recovery.{top}`", ""]
    if top in NOTES:
        lines += [NOTES[top], ""]
    for f in files:
        mod = name_of(f)
        tree = ast.parse(f.read_text())
        has_all = any(
            isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)
            for n in tree.body
        )
        lines += [f"## `{mod}`", "", "```{eval-rst}", f".. automodule:: {mod}"]
        if f.name == "__init__.py" and not has_all:
            lines += ["   :no-members:"]
        elsewhere = documented_elsewhere(mod)
        if elsewhere:
            lines += [f"   :exclude-members: {', '.join(elsewhere)}"]
        lines += ["```", ""]
    (OUT / f"{top}.md").write_text("\n".join(lines).rstrip() + "\n")
    pages.append(top)
print("wrote", ", ".join(f"docs/api/{page}.md" for page in pages))
