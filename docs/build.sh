#!/usr/bin/env bash
# Build the documentation site into docs/_build/html, warnings as errors.
# Needs the docs extra in the active environment: pip install ".[docs]"
set -euo pipefail
cd "$(dirname "$0")/.."
python -m sphinx -W --keep-going -b html docs docs/_build/html "$@"
