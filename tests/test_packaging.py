"""The built wheel carries what an installed library needs: data, types, commands, the plugin."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import ezhou_recovery as er

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("ezhou_recovery-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_ships_data_types_and_the_plugin(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for needed in (
        "ezhou_recovery/py.typed",
        "ezhou_recovery/data/ezhou_2020_2022.toml",
        "ezhou_recovery/data/fonts/WenQuanYiMicroHei-subset.ttf",
        "ezhou_recovery/data/fonts/LICENSE-WenQuanYiMicroHei.txt",
        "ezhou_recovery/data/examples/ezhou_progress.csv",
        "ezhou_recovery/data/examples/ezhou_submissions.csv",
        "_ezhou_recovery_hypothesis.py",
    ):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tests/", "docs/", "benchmarks/"))]


def test_the_wheel_metadata(wheel: zipfile.ZipFile) -> None:
    info = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = Parser().parsestr(wheel.read(info).decode("utf-8"))
    assert metadata["Name"] == "ezhou-recovery"
    assert metadata["Version"] == er.__version__
    assert metadata["Requires-Python"] == ">=3.11"
    required = {
        r.split(">")[0].split("=")[0].split(";")[0].strip().lower()
        for r in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in r
    }
    assert {"attrs", "cattrs", "python-dateutil", "pint", "hypothesis"} <= required
    assert not required & {"pandas", "numpy", "openpyxl", "matplotlib"}
    entry_points = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = wheel.read(entry_points).decode("utf-8")
    assert "ezhou-recovery = ezhou_recovery.cli:main" in text
    assert "[hypothesis]" in text
