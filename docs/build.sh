#!/usr/bin/env bash
# Build the documentation site into docs/_build/html, warnings as errors.
# Needs the docs extra in the active environment: pip install ".[docs]"
set -euo pipefail
cd "$(dirname "$0")/.."
# The example bulletin (2021Q2 against 2021Q1) and a screenshot of its first page for
# docs/bulletin.md, made in headless Chromium (scripts/example_bulletin.py); nothing of it is
# committed.
python scripts/example_bulletin.py docs/_generated/bulletin --screenshot docs/_generated/bulletin/first-page.png >/dev/null
python -m sphinx -W --keep-going -b html docs docs/_build/html "$@"
