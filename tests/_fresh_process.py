"""Running a short script in a fresh Python process, with a pickled value on its standard input."""

from __future__ import annotations

import pickle
import subprocess
import sys
from typing import Any


def output_in_fresh_process(script: str, value: Any) -> str:
    """What ``script`` prints in a new interpreter that reads ``pickle.dumps(value)`` from its
    standard input (as ``pickle.loads(sys.stdin.buffer.read())``)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps(value),
        capture_output=True,
        check=True,
        timeout=120,
    )
    return done.stdout.decode("utf-8")
