"""Reading a file's bytes within the limits: into Python bytes, or into a buffer given."""

from __future__ import annotations

from pathlib import Path

import pytest

import ezhou_recovery as er
from ezhou_recovery.io._reading import read_bytes, read_into
from ezhou_recovery.io.limits import raised_limits


def _read_into(path: Path, allocate: object = bytearray) -> bytes | None:
    found = read_into(path, str(path), allocate)  # type: ignore[arg-type]
    if found is None:
        return None
    buffer, size = found
    return bytes(memoryview(buffer)[:size])


@pytest.mark.parametrize("size", [0, 1, 5, 70_000])
def test_a_file_is_read_whole_into_the_buffer(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    assert _read_into(path) == read_bytes(path, str(path)) == path.read_bytes()


def test_a_file_that_grows_while_it_is_read_is_not_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n")

    def allocate(size: int) -> bytearray:
        with path.open("ab") as file:  # the file grows after its size was taken
            file.write(b"3,4\n")
        return bytearray(size)

    assert _read_into(path, allocate) is None


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
