"""Many programmes assessed on Dask: a Parquet dataset, one partition per programme.

``assess`` works on one programme at a time, so a national roll-up partitions naturally: each
worker reads one programme's observations (a partition of a Parquet dataset), builds an
:class:`~ezhou_recovery.ObservationTable` from it and assesses it. The programmes go to the
workers and the assessments come back by pickle, so the same code runs on a laptop's processes or
on a ``distributed`` cluster (pass its client's scheduler).

Run it (needs ``pip install "ezhou-recovery[arrow]" "dask[dataframe]"``)::

    python examples/dask_partitions.py            # 6 programmes, 4 processes

It writes a small generated province to a temporary folder, assesses it with Dask's processes
scheduler and in this process, and says whether every result is the same.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import ezhou_recovery as er
from ezhou_recovery.io.frames import observations_from_frame

AS_OF = date(2021, 9, 30)


def programmes(count: int) -> list[er.Programme]:
    """``count`` programmes shaped like the Ezhou plan, each under its own key."""
    plan = er.load_ezhou_plan()
    return [attrs.evolve(plan, key=f"city_{i:02d}") for i in range(count)]


def write_dataset(
    folder: Path, programmes: Sequence[er.Programme], per_programme: int, seed: int = 1
) -> list[Path]:
    """One Parquet file of observations per programme (target, as_of, value as text)."""
    rng = np.random.default_rng(seed)
    paths = []
    for programme in programmes:
        targets = [t for t in programme.targets if t.value is not None]
        start = programme.period.start.toordinal()
        days = programme.period.end.toordinal() - start + 1
        rows: dict[str, list[Any]] = {"target": [], "as_of": [], "value": []}
        for target in targets:
            k = per_programme // len(targets)
            chosen = np.sort(rng.choice(days, size=min(k, days), replace=False)) + start
            goal = float(target.value.magnitude)  # type: ignore[union-attr]
            share = (chosen - start) / days
            rows["target"] += [target.key] * len(chosen)
            rows["as_of"] += [date.fromordinal(int(d)) for d in chosen]
            rows["value"] += [f"{goal * s * rng.uniform(0.6, 1.1):.2f}" for s in share]
        path = folder / f"observations_{programme.key}.parquet"
        pq.write_table(pa.table(rows), path)
        paths.append(path)
    return paths


def assess_partition(programme: er.Programme, frame: Any, as_of: date) -> er.Assessment:
    """Assess one programme from its partition (any dataframe: pandas from Dask here)."""
    table = observations_from_frame(frame, programme, source=f"partition of {programme.key}")
    return er.assess(programme, table, as_of=as_of)


def assess_with_dask(
    programmes: Sequence[er.Programme],
    paths: Sequence[Path],
    as_of: date,
    scheduler: Any = "processes",
    **options: Any,
) -> list[er.Assessment]:
    """Assess each programme in a Dask task over its partition of the Parquet dataset."""
    import dask
    import dask.dataframe as dd

    frame = dd.read_parquet([str(p) for p in paths])
    partitions = frame.to_delayed()
    if len(partitions) != len(programmes):
        raise ValueError(f"{len(partitions)} partitions for {len(programmes)} programmes")
    tasks = [
        dask.delayed(assess_partition)(programme, partition, as_of)
        for programme, partition in zip(programmes, partitions, strict=True)
    ]
    return list(dask.compute(*tasks, scheduler=scheduler, **options))


def assess_in_one_process(
    programmes: Sequence[er.Programme], paths: Sequence[Path], as_of: date
) -> list[er.Assessment]:
    """The same, without Dask: each file read in this process."""
    return [
        er.assess(programme, er.load_observations(path, programme, columnar=True), as_of=as_of)
        for programme, path in zip(programmes, paths, strict=True)
    ]


def main(argv: Sequence[str] = ()) -> int:
    count = int(argv[0]) if argv else 6
    chosen = programmes(count)
    with tempfile.TemporaryDirectory(prefix="dask-province-") as tmp:
        paths = write_dataset(Path(tmp), chosen, per_programme=5_000)
        on_dask = assess_with_dask(chosen, paths, AS_OF, num_workers=4)
        here = assess_in_one_process(chosen, paths, AS_OF)
    same = on_dask == here
    for a in on_dask:
        print(f"{a.programme}: {a.overall.share_attained:.0%} of targets attained")
    print("identical to the single-process run:", "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
