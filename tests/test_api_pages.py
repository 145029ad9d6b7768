"""Every public module has a page in the API reference; every private one has an underscore."""

from __future__ import annotations

import re
from pathlib import Path

import ezhou_recovery

# The source tree beside the tests (the installed copy may sit in site-packages, without them).
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ezhou_recovery"
DOCS = ROOT / "docs"


def _public_modules() -> set[str]:
    names = set()
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts[-1] == "__main__" or any(part.startswith("_") for part in parts):
            continue
        names.add(".".join(parts))
    return names


def _documented() -> set[str]:
    pages = [DOCS / "api.md", *sorted((DOCS / "api").glob("*.md"))]
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    return set(re.findall(r"^\.\. automodule:: ([\w.]+)$", text, re.MULTILINE))


def test_every_public_module_has_a_page() -> None:
    public = _public_modules()
    assert {"ezhou_recovery", "ezhou_recovery.model.targets", "ezhou_recovery.io.frames"} <= public
    assert public - _documented() == set(), "run scripts/api_pages.py"


def test_no_page_documents_a_private_or_missing_module() -> None:
    assert _documented() - _public_modules() == set()


def test_the_public_subpackages_are_the_roots_public_modules() -> None:
    top = {name.split(".")[1] for name in _public_modules() if name.count(".") >= 1}
    assert top == set(ezhou_recovery.PUBLIC_MODULES)
