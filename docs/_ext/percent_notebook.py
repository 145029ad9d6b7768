"""Render a jupytext "percent" script as a page: its cells run when the site is built.

Markdown cells (``# %% [markdown]``) become text; code cells become code blocks followed by what
they printed and the PNG files they saved into the output folder (the environment variable
``EZHOU_WALKTHROUGH_OUT`` points the script there). An error or a UserWarning while a cell runs
fails the build, so a broken example or a chart drawn with missing glyphs cannot be published.

Configuration: ``percent_notebooks = {"_generated/walkthrough": "../examples/walkthrough.py"}``
maps a page (without ``.md``, relative to ``docs/``) to a script (relative to ``docs/``).
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import time
import warnings
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

OUT_VARIABLE = "EZHOU_WALKTHROUGH_OUT"


def split_cells(text: str) -> list[tuple[str, str]]:
    """The cells of a percent script as (kind, source); kind is ``markdown`` or ``code``.

    Whatever comes before the first ``# %%`` (the jupytext header) is not a cell.
    """
    cells: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("# %%"):
            kind = "markdown" if "[markdown]" in line else "code"
            cells.append((kind, []))
        elif cells:
            cells[-1][1].append(line)
    out = []
    for kind, lines in cells:
        if kind == "markdown":
            lines = [ln[2:] if ln.startswith("# ") else ln.lstrip("#") for ln in lines]
        source = "\n".join(lines).strip("\n")
        if source.strip():
            out.append((kind, source))
    return out


def render(script: Path, page: Path) -> float:
    """Run ``script`` cell by cell and write the page; returns the seconds the cells took."""
    images = page.parent / page.stem
    images.mkdir(parents=True, exist_ok=True)
    for old in images.glob("*.png"):
        old.unlink()
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": str(script)}
    parts: list[str] = []
    seen: dict[Path, float] = {}
    took = 0.0
    previous = os.environ.get(OUT_VARIABLE)
    os.environ[OUT_VARIABLE] = str(images)
    try:
        for n, (kind, source) in enumerate(split_cells(script.read_text(encoding="utf-8"))):
            if kind == "markdown":
                parts.append(source)
                if n == 0:
                    parts.append(
                        f"*This page is `examples/{script.name}`, run when the documentation is "
                        "built: the outputs and charts below come from that run.*"
                    )
                continue
            parts.append(f"```python\n{source}\n```")
            printed = io.StringIO()
            start = time.perf_counter()
            try:
                code = compile(ast.parse(source), f"{script.name}, cell {n + 1}", "exec")
                with warnings.catch_warnings(), contextlib.redirect_stdout(printed):
                    warnings.simplefilter("error", UserWarning)
                    exec(code, namespace)
            except Exception as exc:
                raise ExtensionError(f"{script}: cell {n + 1} failed: {exc!r}") from exc
            took += time.perf_counter() - start
            if printed.getvalue().strip():
                parts.append(f"```text\n{printed.getvalue().rstrip()}\n```")
            for png in sorted(images.glob("*.png")):
                stamp = png.stat().st_mtime
                if seen.get(png) != stamp:
                    seen[png] = stamp
                    parts.append(f"```{{image}} {images.name}/{png.name}\n:alt: {png.stem}\n```")
    finally:
        if previous is None:
            del os.environ[OUT_VARIABLE]
        else:
            os.environ[OUT_VARIABLE] = previous
    page.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return took


def _build(app: Sphinx) -> None:
    docs = Path(app.srcdir)
    for page, script in app.config.percent_notebooks.items():
        took = render((docs / script).resolve(), docs / f"{page}.md")
        logger.info("percent_notebook: ran %s in %.1f s", script, took)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("percent_notebooks", {}, "env")
    app.connect("builder-inited", _build)
    return {"version": "1", "parallel_read_safe": True}
