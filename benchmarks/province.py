"""Province-scale benchmark: a synthetic province, generated reproducibly, assessed and timed.

The province: 17 programmes shaped like the embedded Ezhou plan (its categories, targets and
obligations, with other keys and issuers and its projects repeated up to 20,000 in all), 1,000,000
observations (on distinct days per target, in shuffled file order; most values plain numbers, one
in a hundred written with its unit) and 200,000 submissions answering the programmes' deadlines.
Everything comes from one seeded numpy generator.

Measured, each for all 17 programmes: reading the observations from CSV (columnar), and
``pyarrow.csv.read_csv`` on the same files (their ratio is the reader's overhead for its checks),
the same for files that also have ``source`` and ``quality`` columns and for the submissions,
``assess``
(first call on fresh tables, then again), a plain numpy computation of the same progress formulas
on the same arrays, the roll-ups, reading the submissions, ``compliance``, a single-target
assessment (the per-object path), and a fresh ``import ezhou_recovery; load_ezhou_plan()``.
Each read (by ``er`` and by pyarrow) runs five times, the two alternating so that both meet the
same state of the machine, and its median counts; the first run is shown beside it
(``first_run``), as it also fills the reader's caches of distinct texts (dates, unit texts,
deadline keys), which later files of the same process share. Submissions are read as a
``SubmissionTable`` (``columnar=True``), which ``compliance`` then judges.
Wall time is ``time.perf_counter``; peak Python memory is ``tracemalloc`` in a second, traced
run of each step (tracing slows Python down, so it is not used for timing); the process's peak
resident memory is ``ru_maxrss``.

Usage, with the package installed (so that the columnar reader has its compiled kernel)::

    python benchmarks/province.py            # the full province
    python benchmarks/province.py --small    # a small one, in seconds (CI)
    python benchmarks/province.py --out results.json

The table is printed and written as JSON to ``--out`` or ``benchmarks/results/<timestamp>.json``.
It states goals, and says whether they were met; it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import numpy as np

import ezhou_recovery as er
from ezhou_recovery.analysis.attainment import formulas as f
from ezhou_recovery.evidence.observations import QualitativeLevel
from ezhou_recovery.evidence.table import ObservationTable

AS_OF = date(2021, 9, 30)
SEED = 20200101


@dataclass(frozen=True)
class Size:
    programmes: int
    projects: int
    observations: int
    submissions: int
    startup_runs: int


FULL = Size(17, 20_000, 1_000_000, 200_000, 15)
SMALL = Size(3, 600, 20_000, 3_000, 3)


# Generating -------------------------------------------------------------------------------------


def province_programmes(count: int, projects: int) -> list[er.Programme]:
    """``count`` programmes shaped like the Ezhou plan, with ``projects`` projects in all."""
    plan = er.load_ezhou_plan()
    originals = [(c.key, p) for c in plan.categories for p in c.projects]
    out = []
    for i in range(count):
        share = projects // count + (1 if i < projects % count else 0)
        by_category: dict[str, list[er.Project]] = {c.key: [] for c in plan.categories}
        for n in range(share):
            category, project = originals[n % len(originals)]
            copy = n // len(originals)
            key = project.key if copy == 0 else f"{project.key}_{copy}"
            by_category[category].append(attrs.evolve(project, key=key))
        issuer = er.Department(
            f"city_{i:02d}_government",
            f"第{i + 1}市人民政府",
            f"People's Government of City {i + 1}",
        )
        out.append(
            attrs.evolve(
                plan,
                key=f"city_{i:02d}",
                document_number=f"第{i + 1}市政发〔2020〕10号",
                issuer=issuer,
                categories=tuple(
                    attrs.evolve(c, projects=tuple(by_category[c.key])) for c in plan.categories
                ),
            )
        )
    return out


def _values(rng: np.random.Generator, target: er.Target, share: np.ndarray[Any, Any]) -> list[str]:
    """Texts of values of ``target`` at time shares ``share`` (0 at the start, 1 at the deadline)."""
    kind = target.kind
    noisy = np.clip(share * rng.uniform(0.6, 1.2) + rng.normal(0, 0.05, len(share)), 0, None)
    if kind is er.TargetKind.MILESTONE:
        return ["true" if s >= 0.9 else "false" for s in noisy]
    if kind is er.TargetKind.QUALITATIVE:
        levels = list(QualitativeLevel)
        return [levels[min(3, int(s * 3.2))].value for s in noisy]
    assert target.value is not None
    goal = float(target.value.magnitude)
    base = float(target.baseline.value.to(target.unit).magnitude) if target.baseline else 0.0
    if kind is er.TargetKind.ANNUAL_RATE:
        base = 0.0
    numbers = np.round(np.clip(base + (goal - base) * noisy, 0, None), 2)
    texts = [f"{x:.2f}" for x in numbers]
    written = rng.random(len(texts)) < 0.01  # one in a hundred with its unit
    for j in np.flatnonzero(written):
        texts[j] = er.format_quantity(er.Q_(float(numbers[j]), target.unit))
    return texts


SOURCES = ("统计局", "交通运输局", "port office", "")
QUALITIES = ("reported", "official_statistics", "estimate", "")


def write_observations(
    rng: np.random.Generator,
    programme: er.Programme,
    count: int,
    path: Path,
    provenance: Path | None = None,
) -> None:
    """Observations of ``programme`` (target, as_of, value) to ``path``; with ``provenance``, the
    same rows with source and quality columns to that file too."""
    targets = list(programme.targets)
    start = programme.period.start.toordinal()
    days = programme.period.end.toordinal() - start + 1
    per = np.full(len(targets), count // len(targets))
    per[: count % len(targets)] += 1
    rows: list[tuple[str, str, str]] = []
    for target, k in zip(targets, per, strict=True):
        k = min(int(k), days)
        chosen = np.sort(rng.choice(days, size=k, replace=False)) + start
        span = max(1, target.deadline.toordinal() - start + 1)
        texts = _values(rng, target, (chosen - start + 1) / span)
        rows.extend(
            (target.key, date.fromordinal(int(d)).isoformat(), t)
            for d, t in zip(chosen, texts, strict=True)
        )
    order = rng.permutation(len(rows))
    with path.open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["target", "as_of", "value"])
        w.writerows(rows[i] for i in order)
    if provenance is not None:
        sources = rng.integers(0, len(SOURCES), len(rows))
        qualities = rng.integers(0, len(QUALITIES), len(rows))
        with provenance.open("w", encoding="utf-8", newline="") as out:
            w = csv.writer(out)
            w.writerow(["target", "as_of", "value", "source", "quality"])
            w.writerows(
                (*rows[i], SOURCES[sources[n]], QUALITIES[qualities[n]])
                for n, i in enumerate(order)
            )


def write_submissions(
    rng: np.random.Generator, programme: er.Programme, count: int, path: Path
) -> None:
    deadlines = programme.deadlines()
    picks = rng.integers(0, len(deadlines), count)
    shifts = rng.integers(-30, 25, count)
    with path.open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["deadline", "submitted_at"])
        for i, shift in zip(picks, shifts, strict=True):
            d = deadlines[int(i)]
            w.writerow([d.key, (d.due + timedelta(days=int(shift))).isoformat()])


# Measuring --------------------------------------------------------------------------------------


@dataclass
class Row:
    step: str
    seconds: float
    python_peak_mb: float | None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def traced_peak(fn: Callable[[], Any]) -> float:
    """Peak of Python allocations while ``fn`` runs, in MB (a second run, traced)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


#: Each read is timed this many times, alternating with pyarrow's; the median counts (the first
#: run is reported too: it fills the caches of distinct texts that later files share). A read of
#: the submissions takes a few hundredths of a second, so a few runs let a pause of the machine
#: move the ratio by a tenth or more.
READ_RUNS = 11


def measure(
    rows: list[Row],
    step: str,
    fn: Callable[[], Any],
    note: str = "",
    *,
    trace: bool = True,
) -> Any:
    seconds, out = timed(fn)
    row = Row(step, seconds, None, note)
    row.python_peak_mb = traced_peak(fn) if trace else None
    rows.append(row)
    return out


def compare_reads(
    rows: list[Row], step: str, read: Callable[[], Any], paths: Sequence[Path]
) -> Any:
    """Time ``read`` (the library's reader) and ``pyarrow.csv.read_csv`` (its defaults: types
    inferred, threads) on the same ``paths``, their runs alternating, so that both meet the same
    state of the machine; the median of each counts. Returns what ``read`` gave."""
    import pyarrow.csv as pacsv

    def theirs() -> Any:
        return [pacsv.read_csv(path) for path in paths]

    ours_times, their_times = [], []
    out = None
    for _ in range(READ_RUNS):
        seconds, out = timed(read)
        ours_times.append(seconds)
        their_times.append(timed(theirs)[0])
    for name, times in ((step, ours_times), ("pyarrow.csv.read_csv, same files", their_times)):
        row = Row(name, statistics.median(times), None)
        row.extra["first_run"] = round(times[0], 3)
        row.extra["runs"] = READ_RUNS
        rows.append(row)
    rows[-2].python_peak_mb = traced_peak(read)
    return out


def ratio(rows: list[Row], step: str) -> float:
    """The time of ``step`` over the pyarrow step that follows it."""
    at = next(i for i, r in enumerate(rows) if r.step == step)
    found = rows[at].seconds / rows[at + 1].seconds
    rows[at].extra["over_pyarrow"] = round(found, 2)
    return found


def numpy_progress(programme: er.Programme, table: ObservationTable) -> np.ndarray[Any, Any]:
    """The progress formulas of the quantitative targets, in plain numpy on the table's arrays:
    sort by target and date, latest value at or before the assessment date and the deadline,
    progress, attainment, time progress and status codes."""
    targets = list(programme.targets)
    order = np.lexsort((table.day, table.target))
    keys = (table.target[order].astype(np.int64) << 32) | table.day[order].astype(np.int64)
    values = table.magnitude[order]
    quantitative = [
        j
        for j, t in enumerate(targets)
        if t.kind in (er.TargetKind.LEVEL, er.TargetKind.CUMULATIVE)
    ]
    chosen = [targets[j] for j in quantitative]
    codes = np.array(quantitative, np.int64) << 32
    deadline = np.array([t.deadline.toordinal() for t in chosen], np.float64)
    start = np.array([programme.period.start.toordinal()] * len(chosen), np.float64)
    goal = np.array([float(t.value.magnitude) for t in chosen])  # type: ignore[union-attr]
    base = np.array(
        [
            float(t.baseline.value.to(t.unit).magnitude)
            if t.baseline
            else (0.0 if t.kind is er.TargetKind.CUMULATIVE else np.nan)
            for t in chosen
        ]
    )
    higher = np.array([t.higher_is_better for t in chosen])
    comparator = np.array(
        [{"at_least": 1, "at_most": -1}.get(t.comparator.value, 0) for t in chosen]
    )
    day = AS_OF.toordinal()
    lo = np.searchsorted(keys, codes, "left")
    cut = np.searchsorted(keys, codes | np.minimum(deadline.astype(np.int64), day), "right")
    has = cut > lo
    actual = np.where(has, values[np.maximum(cut - 1, 0)], np.nan)
    progress = f.progress(actual, goal, base, higher)
    attained = f.meets(actual, goal, comparator)
    expected = f.elapsed_share(start, deadline, np.full(len(chosen), float(day)))
    status = f.status_code(has, attained, deadline <= day, progress, expected, 0.95, 0.60)
    return np.asarray(status)


def startup(runs: int) -> dict[str, float]:
    code = "import ezhou_recovery; ezhou_recovery.load_ezhou_plan()"
    env = {**os.environ, "PYTHONPATH": str(Path(er.__file__).parent.parent)}
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - t)
    return {"min": min(times), "median": statistics.median(times), "runs": runs}


def machine() -> dict[str, Any]:
    cpu = ""
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "memory": memory,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
    }


def run(size: Size, workdir: Path) -> dict[str, Any]:
    # Both readers are timed warm: importing is not reading. (pyarrow imports pandas, when it is
    # installed, on its first conversion of Python objects: about 0.3 s once per process.)
    import pyarrow as pa
    import pyarrow.compute
    import pyarrow.csv

    pa.array([0]).to_numpy()

    rng = np.random.default_rng(SEED)
    t0 = time.perf_counter()
    programmes = province_programmes(size.programmes, size.projects)
    obs_paths, sub_paths, full_paths = [], [], []
    per_obs = size.observations // size.programmes
    per_sub = size.submissions // size.programmes
    for i, p in enumerate(programmes):
        extra_obs = size.observations - per_obs * size.programmes if i == 0 else 0
        extra_sub = size.submissions - per_sub * size.programmes if i == 0 else 0
        obs_paths.append(workdir / f"observations_{p.key}.csv")
        full_paths.append(workdir / f"observations_sourced_{p.key}.csv")
        sub_paths.append(workdir / f"submissions_{p.key}.csv")
        write_observations(rng, p, per_obs + extra_obs, obs_paths[-1], full_paths[-1])
        write_submissions(rng, p, per_sub + extra_sub, sub_paths[-1])
    generated = time.perf_counter() - t0
    pairs = list(zip(programmes, obs_paths, strict=True))
    full_pairs = list(zip(programmes, full_paths, strict=True))
    rows: list[Row] = []

    tables: list[ObservationTable] = compare_reads(
        rows,
        "load observations (CSV, columnar)",
        lambda: [er.load_observations(path, p, columnar=True) for p, path in pairs],
        obs_paths,
    )
    n_obs = sum(len(t) for t in tables)
    del tables  # the same rows with source and quality, read and dropped, then these again
    compare_reads(
        rows,
        "load observations with source, quality (CSV)",
        lambda: [er.load_observations(path, p, columnar=True) for p, path in full_pairs],
        full_paths,
    )
    tables = [er.load_observations(path, p, columnar=True) for p, path in pairs]

    def fresh() -> None:
        for t in tables:
            t.sorted_rows.clear()  # forget the sorted order: the first assessment computes it

    def assess_all() -> list[er.Assessment]:
        return [er.assess(p, t, as_of=AS_OF) for p, t in zip(programmes, tables, strict=True)]

    fresh()
    assessments: list[er.Assessment] = measure(
        rows, "assess, first call (sorts each table)", assess_all, trace=False
    )
    fresh()
    rows[-1].python_peak_mb = traced_peak(assess_all)
    measure(rows, "assess, again (sorted order kept)", assess_all)
    measure(
        rows,
        "plain numpy: same formulas, same arrays",
        lambda: [numpy_progress(p, t) for p, t in zip(programmes, tables, strict=True)],
    )

    def rollups() -> list[tuple[Any, ...]]:
        out = []
        for a in assessments:
            for r in (a.overall, *a.categories, *a.officials, *a.departments):
                out.append((r.counts, r.share_attained, r.mean_progress))
        return out

    measure(rows, "roll-ups (counts, shares, mean progress)", rollups)

    target = programmes[0].target("transport.high_grade_waterway")
    table0 = tables[0]
    rows_of_target = np.flatnonzero(table0.target == list(programmes[0].targets).index(target))
    single = [table0.observation(int(i)) for i in rows_of_target]
    measure(
        rows,
        "single-target assessment (per-object path)",
        lambda: er.assess(programmes[0], single, as_of=AS_OF).target(target.key),
        f"{len(single)} observations",
    )

    submissions = compare_reads(
        rows,
        "load submissions (CSV)",
        lambda: [
            er.load_submissions(path, programme, columnar=True)
            for path, programme in zip(sub_paths, programmes, strict=True)
        ],
        sub_paths,
    )
    measure(
        rows,
        "compliance",
        lambda: [er.compliance(p, s, AS_OF) for p, s in zip(programmes, submissions, strict=True)],
    )

    # The per-object path on one programme, for comparison.
    scalar_obs = measure(
        rows,
        "per-object: load observations, 1 programme",
        lambda: er.load_observations(obs_paths[0], programmes[0]),
        trace=False,
    )
    scalar = measure(
        rows,
        "per-object: assess, 1 programme",
        lambda: er.assess(programmes[0], scalar_obs, as_of=AS_OF, columnar=False),
        f"{len(scalar_obs)} observations",
        trace=False,
    )
    same = scalar.results == assessments[0].results
    rows[-1].extra["identical_to_columnar"] = same

    start = startup(size.startup_runs)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    by = {r.step: r for r in rows}
    assess_s = by["assess, first call (sorts each table)"].seconds
    numpy_s = by["plain numpy: same formulas, same arrays"].seconds
    compliance_s = by["compliance"].seconds
    ratios = {
        "observations": ratio(rows, "load observations (CSV, columnar)"),
        "observations_with_source_quality": ratio(
            rows, "load observations with source, quality (CSV)"
        ),
        "submissions": ratio(rows, "load submissions (CSV)"),
    }
    goals = {
        "assess_under_2s": assess_s < 2.0,
        "assess_within_5x_numpy": assess_s / numpy_s <= 5.0,
        "compliance_under_1s": compliance_s < 1.0,
        "peak_memory_under_1_5GB": maxrss_mb < 1536,
        "startup_under_0_5s": start["median"] < 0.5,
        **{f"read_{k}_within_2x_pyarrow": v <= 2.0 for k, v in ratios.items()},
    }
    return {
        "size": size.__dict__,
        "observations": n_obs,
        "as_of": AS_OF.isoformat(),
        "seed": SEED,
        "generate_seconds": generated,
        "steps": [r.__dict__ for r in rows],
        "assess_over_numpy": assess_s / numpy_s,
        "read_over_pyarrow": ratios,
        "startup_seconds": start,
        "process_peak_rss_mb": maxrss_mb,
        "goals_met": goals,
        "machine": machine(),
    }


def show(report: dict[str, Any]) -> str:
    lines = [
        f"{'step':48} {'seconds':>9} {'py peak MB':>11}  note",
        "-" * 84,
    ]
    for r in report["steps"]:
        peak = "" if r["python_peak_mb"] is None else f"{r['python_peak_mb']:.1f}"
        note = r["note"] + "".join(f" {k}={v}" for k, v in r["extra"].items())
        lines.append(f"{r['step']:48} {r['seconds']:9.3f} {peak:>11}  {note}")
    s = report["startup_seconds"]
    lines += [
        "-" * 84,
        f"observations: {report['observations']:,}; assess / numpy: "
        f"{report['assess_over_numpy']:.1f}x",
        "read / pyarrow.csv.read_csv: "
        + ", ".join(f"{k} {v:.2f}x" for k, v in report["read_over_pyarrow"].items()),
        f"fresh import + load_ezhou_plan: min {s['min']:.3f} s, median {s['median']:.3f} s "
        f"({s['runs']} runs)",
        f"process peak resident memory: {report['process_peak_rss_mb']:.0f} MB",
        (
            "goals (set for the full province, not for --small): "
            if report.get("mode") == "small"
            else "goals: "
        )
        + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in report["goals_met"].items()),
        "machine: " + ", ".join(f"{k} {v}" for k, v in report["machine"].items()),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="a small province (seconds)")
    parser.add_argument("--out", type=Path, help="JSON file to write the results to")
    args = parser.parse_args(argv)
    size = SMALL if args.small else FULL
    with tempfile.TemporaryDirectory(prefix="province-") as tmp:
        report = run(size, Path(tmp))
    report["mode"] = "small" if args.small else "full"
    print(show(report))
    out = args.out
    if out is None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        out = Path(__file__).parent / "results" / f"{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
