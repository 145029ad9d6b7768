"""examples/dask_partitions.py: programmes assessed as partitions on Dask's processes scheduler
give the same assessments as one process."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("dask.dataframe")

ROOT = Path(__file__).resolve().parents[2]


def _example() -> Any:
    spec = importlib.util.spec_from_file_location(
        "dask_partitions", ROOT / "examples" / "dask_partitions.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dask_partitions"] = module
    spec.loader.exec_module(module)
    return module


example = _example()
# The example's functions go to the workers by value, as those of a script or a notebook do (the
# workers cannot import a module loaded from a path).
cloudpickle = pytest.importorskip("cloudpickle")
cloudpickle.register_pickle_by_value(example)


def test_partitions_on_processes_give_the_single_process_results(tmp_path: Path) -> None:
    programmes = example.programmes(3)
    paths = example.write_dataset(tmp_path, programmes, per_programme=3_000)
    here = example.assess_in_one_process(programmes, paths, example.AS_OF)
    # The processes scheduler pickles the programmes to the workers and the assessments back.
    on_dask = example.assess_with_dask(
        programmes, paths, example.AS_OF, scheduler="processes", num_workers=2
    )
    assert [a.programme for a in on_dask] == ["city_00", "city_01", "city_02"]
    assert on_dask == here
    assert all(len(a.results) == len(programmes[0].targets) for a in on_dask)
    assert sum(r.observations for a in on_dask for r in a.results) > 3_000


def test_a_partition_per_programme_is_checked(tmp_path: Path) -> None:
    programmes = example.programmes(2)
    paths = example.write_dataset(tmp_path, programmes, per_programme=500)
    with pytest.raises(ValueError, match="1 partitions for 2 programmes"):
        example.assess_with_dask(programmes, paths[:1], example.AS_OF, scheduler="sync")
