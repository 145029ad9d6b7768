"""Sphinx configuration: MyST Markdown pages, furo theme, API reference from the docstrings."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import ezhou_recovery  # noqa: E402

project = "ezhou_recovery"
author = "ezhou_recovery developers"
copyright = "ezhou_recovery developers"  # noqa: A001
release = ezhou_recovery.__version__
version = release
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "percent_notebook",
]
source_suffix = {".md": "markdown"}
# The example bulletin (docs/build.sh) is there for its screenshot; its Markdown is no page.
exclude_patterns = ["_build", "_ext", "examples", "_generated/bulletin/*.md", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The example notebook (a jupytext percent script), run at every build into a generated page with
# its outputs and charts (docs/_ext/percent_notebook.py).
percent_notebooks = {"_generated/walkthrough": "../examples/walkthrough.py"}

# Google-style docstrings; "Attributes:" become instance-variable fields, so that attrs fields are
# not described twice.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": False}

html_theme = "furo"
html_title = f"ezhou_recovery {release}"
