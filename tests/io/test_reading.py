"""Reading a file's bytes within the limits: into Python bytes, or into a buffer given."""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import ezhou_recovery as er
from ezhou_recovery.io import _arrow
from ezhou_recovery.io._reading import read_bytes, read_into
from ezhou_recovery.io.limits import raised_limits


def _read_into(path: Path, allocate: object = bytearray) -> bytes:
    buffer, size = read_into(path, str(path), allocate)  # type: ignore[arg-type]
    return bytes(memoryview(buffer)[:size])


@pytest.mark.parametrize("size", [0, 1, 5, 70_000])
def test_a_file_is_read_whole_into_the_buffer(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    assert _read_into(path) == read_bytes(path, str(path)) == path.read_bytes()


def test_a_file_that_grows_while_it_is_read_is_read_to_its_end(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n")

    def allocate(size: int) -> bytearray:
        if size < 20:  # the file grows after its size was taken
            with path.open("ab") as file:
                file.write(b"3,4\n" * 5)
        return bytearray(size)

    assert _read_into(path, allocate) == b"a,b\n1,2\n" + b"3,4\n" * 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_once_by_every_reader(tmp_path: Path) -> None:
    """A pipe has no size and can be read only once: each reader reads it from one opening (a
    reader that opened it again would wait for a writer for ever)."""
    plan = er.load_ezhou_plan()
    waterway = plan.target("transport.high_grade_waterway").key
    deadline = plan.deadlines()[0].key
    observations = f"target,as_of,value\n{waterway},2021-01-01,50\n".encode()
    submissions = f"deadline,submitted_at\n{deadline},2020-11-20\n".encode()
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    cases: list[tuple[bytes, Any, Any]] = [
        (observations, lambda: read_into(pipe, str(pipe), bytearray), lambda f: f[1]),
        (observations, lambda: er.load_observations(pipe, plan, columnar=True), len),
        (observations, lambda: _arrow.observations_file(pipe, plan), len),
        (submissions, lambda: er.load_submissions(pipe, plan), len),
        (submissions, lambda: _arrow.submissions_file(pipe, plan, columnar=True), len),
    ]
    for text, read, measure in cases:
        writer = threading.Thread(target=pipe.write_bytes, args=(text,))
        writer.start()
        pool = ThreadPoolExecutor(1)
        try:
            found = pool.submit(read).result(timeout=20)
        finally:
            writer.join(timeout=20)
            _release(pipe)
            pool.shutdown(wait=False)
        assert measure(found) == (len(text) if measure is not len else 1)


def _release(pipe: Path) -> None:
    """Let a reader still waiting on the pipe reach its end (an opening for writing, closed)."""
    with contextlib.suppress(OSError):  # no reader is waiting
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.parametrize("reader", [read_bytes, lambda p, s: read_into(p, s, bytearray)])
def test_both_readers_refuse_alike(tmp_path: Path, reader: object) -> None:
    missing = tmp_path / "missing.csv"
    with pytest.raises(er.LoadError, match="cannot read the file: no such file") as caught:
        reader(missing, str(missing))  # type: ignore[operator]
    assert str(missing) in str(caught.value)
    with pytest.raises(er.LoadError, match=r"cannot read the file \(Is a directory\)"):
        reader(tmp_path, str(tmp_path))  # type: ignore[operator]
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 11)
    with raised_limits(max_file_bytes=10), pytest.raises(er.LoadError, match="max_file_bytes"):
        reader(big, str(big))  # type: ignore[operator]
    # The size is checked before the file is opened: a directory over the limit is too big.
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    size = folder.stat().st_size
    with raised_limits(max_file_bytes=size - 1), pytest.raises(er.LoadError, match="max_file"):
        reader(folder, str(folder))  # type: ignore[operator]


def test_the_columnar_readers_check_the_size_first_too(tmp_path: Path) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    plan = er.load_ezhou_plan()
    with raised_limits(max_file_bytes=folder.stat().st_size - 1):
        for read in (
            lambda: er.load_observations(folder, plan),
            lambda: _arrow.observations_file(folder, plan),
            lambda: er.load_submissions(folder, plan),
        ):
            with pytest.raises(er.LoadError, match="max_file_bytes"):
                read()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("reader", [read_bytes, lambda p, s: read_into(p, s, bytearray)])
def test_a_pipe_longer_than_the_limit_is_refused(tmp_path: Path, reader: Any) -> None:
    """A pipe has no size to check first: it is read no further than the limit allows."""
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=(b"x" * 1000,))
    writer.start()
    try:
        with (
            raised_limits(max_file_bytes=100),
            pytest.raises(er.LoadError, match=r"more than 100 bytes.*max_file_bytes=100"),
        ):
            reader(pipe, str(pipe))
    finally:
        writer.join(timeout=20)
        _release(pipe)
