"""No loader executes code or reads other files through its input.

Inputs carry the payloads that break unsafe loaders (Python expressions for eval, YAML tags, file
references, pickle bytes); every loader must refuse them with its own LoadError, and none of them may
have a side effect (the marker file must never appear).
"""

from __future__ import annotations

import json
import pickle
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ezhou_recovery as er

ROOT = Path(__file__).parents[2]
SRC = ROOT / "src" / "ezhou_recovery"
SAMPLE = ROOT / "docs" / "examples" / "small_programme.toml"


def payloads(marker: Path) -> list[str]:
    return [
        f"__import__('pathlib').Path({str(marker)!r}).touch()",
        f"1 * __import__('os').system('touch {marker}')",
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"file://{marker}",
        "@/etc/passwd",
        "${file:/etc/passwd}",
        "/etc/passwd",
        "eval('1+1')",
        "lambda: 1",
    ]


def _programme_with(value: str, tmp_path: Path) -> Path:
    data: dict[str, Any] = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))
    data["categories"][0]["targets"][0]["value"] = value
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def _observations_with(value: str, tmp_path: Path) -> Path:
    path = tmp_path / "observations.csv"
    path.write_text(
        "target,as_of,value,source,quality\n"
        f'transport.rural_roads,2021-06-30,"{value.replace(chr(34), chr(34) * 2)}",x,reported\n',
        encoding="utf-8",
    )
    return path


def _submissions_with(value: str, tmp_path: Path) -> Path:
    path = tmp_path / "submissions.json"
    entry = {"obligation": "special_plan", "department": "transport_bureau", "submitted_at": value}
    document = {
        "format": "ezhou-recovery/submissions",
        "format_version": 1,
        "submissions": [entry],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


#: A valid value for each loader's field, so the tests know the payload is what gets refused.
VALID = {
    "programme": "60公里",
    "observations": "32公里",
    "observations (columnar)": "32公里",
    "submissions": "2020-11-27",
}

LOADERS: dict[str, tuple[Callable[[str, Path], Path], Callable[[Path], object]]] = {
    "programme": (_programme_with, er.load_programme),
    "observations": (
        _observations_with,
        lambda p: er.load_observations(p, er.load_programme(SAMPLE)),
    ),
    "observations (columnar)": (
        _observations_with,
        lambda p: er.load_observations(p, er.load_programme(SAMPLE), columnar=True),
    ),
    "submissions": (_submissions_with, lambda p: er.load_submissions(p, er.load_ezhou_plan())),
}


@pytest.mark.parametrize("loader", LOADERS, ids=list(LOADERS))
def test_payloads_are_refused_without_side_effects(loader: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write, load = LOADERS[loader]
    load(write(VALID[loader], tmp_path))  # the same file with a valid value loads
    for payload in payloads(marker):
        with pytest.raises(er.LoadError):
            load(write(payload, tmp_path))
        assert not marker.exists(), payload


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_pickled_data_is_not_unpickled(suffix: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(pickle.dumps({"format": "ezhou-recovery/programme", "touch": str(marker)}))
    with pytest.raises(er.LoadError):
        er.load_programme(path)
    assert not marker.exists()


def test_the_package_has_no_code_executing_or_unpickling_calls() -> None:
    risky = re.compile(
        r"(?<![.\w])(eval|exec|compile|__import__)\(|\bimport (pickle|marshal|shelve|yaml)\b"
    )
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if risky.search(line) and not line.lstrip().startswith("#")
    ]
    assert found == []
