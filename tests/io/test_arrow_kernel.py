"""The compiled plain-number kernel (``io/_arrow/_numbers.c``) against Arrow's compute functions,
which the reader uses without it: the same rows found plain, the same numbers to the bit."""

from __future__ import annotations

import os
import threading
from contextlib import nullcontext
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")

from _kernel_switch import without_kernel  # noqa: E402
from ezhou_recovery.io._arrow import _kernel  # noqa: E402
from ezhou_recovery.io._arrow import values as arrow_values  # noqa: E402

KERNEL = _kernel.KERNEL

needs_kernel = pytest.mark.skipif(
    KERNEL is None and os.environ.get("EZHOU_REQUIRE_KERNEL") != "1",
    reason="the package was installed without its compiled kernel (no C compiler at install)",
)


def test_the_kernel_is_installed_where_it_is_required() -> None:
    # CI installs from a fresh clone with a C compiler: a kernel that failed to build fails here.
    if os.environ.get("EZHOU_REQUIRE_KERNEL") == "1":
        assert _kernel.library_path().is_file(), f"not built: {_kernel.library_path()}"
        assert KERNEL is not None
    elif KERNEL is None:
        pytest.skip("the package was installed without its compiled kernel")


# Texts near the grammar of a plain number (^[0-9]+(\.[0-9]+)?$, at most 15 characters): digits,
# points, signs, exponents, spaces, a unit, a full-width digit, and any text at all.
_NEAR = st.text(alphabet="0123456789.eE+- 公里１\x00", max_size=18)
_DECIMAL = st.builds(
    lambda whole, fraction: whole + ("." + fraction if fraction else ""),
    st.text(alphabet="0123456789", min_size=1, max_size=16),
    st.text(alphabet="0123456789", max_size=14),
)
WORDS = ["false", "true", "in_progress", "false ", "", " ", "是", "77.6公里"]
TEXTS = st.lists(st.one_of(_NEAR, _DECIMAL, st.text(max_size=20)), max_size=60)


def _column(texts: list[str], chunks: int) -> Any:
    """``texts`` as a text column of about ``chunks`` chunks."""
    size = -(-len(texts) // chunks) if texts else 1
    return pa.chunked_array(
        [pa.array(texts[i : i + size], pa.string()) for i in range(0, len(texts), size)],
        pa.string(),
    )


def _both(texts: list[str], want: list[bool], chunks: int, start: int) -> tuple[object, object]:
    """The kernel's and Arrow's reading of ``texts[start:]`` (in ``chunks`` chunks)."""
    column = _column(texts, chunks).slice(start)
    rows = np.array(want[start:], bool)
    read = []
    for kernel in (True, False):
        magnitude = np.full(len(column), -1.0)
        if kernel:
            plain = arrow_values.read_plain(column, rows, magnitude)
        else:
            with without_kernel():
                plain = arrow_values.read_plain(column, rows, magnitude)
        read.append((plain.tolist(), magnitude.view(np.int64).tolist()))
    return read[0], read[1]


@needs_kernel
@settings(max_examples=400, deadline=None)
@given(TEXTS, st.data(), st.integers(1, 4))
def test_the_kernel_finds_and_converts_what_arrow_does(
    texts: list[str], data: st.DataObject, chunks: int
) -> None:
    want = data.draw(st.lists(st.booleans(), min_size=len(texts), max_size=len(texts)))
    start = data.draw(st.integers(0, len(texts)))
    by_kernel, by_arrow = _both(texts, want, chunks, start)
    assert by_kernel == by_arrow


@needs_kernel
@settings(max_examples=400, deadline=None)
@given(_DECIMAL.filter(lambda text: len(text) <= 15))
def test_a_plain_number_is_pythons_float_to_the_bit(text: str) -> None:
    magnitude = np.zeros(1)
    plain = arrow_values.read_plain(pa.array([text]), np.ones(1, bool), magnitude)
    assert plain.tolist() == [True]
    assert magnitude.view(np.int64)[0] == np.float64(float(text)).view(np.int64)


@needs_kernel
@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("0", True),
        ("007", True),
        ("999999999999999", True),  # 15 digits
        ("1000000000000000", False),  # 16 characters
        ("0.0000000000001", True),  # 13 digits after the point
        ("1.5", True),
        ("1.", False),
        (".5", False),
        ("1..5", False),
        ("1.5.1", False),
        ("-1", False),
        ("+1", False),
        ("1e5", False),
        (" 1", False),
        ("1 ", False),
        ("", False),
        ("１", False),  # a full-width digit
        ("1\x00", False),
        ("77.6公里", False),
    ],
)
def test_the_grammar_of_a_plain_number(text: str, plain: bool) -> None:
    magnitude = np.zeros(1)
    found = arrow_values.read_plain(pa.array([text]), np.ones(1, bool), magnitude)
    assert found.tolist() == [plain]
    with without_kernel():
        assert arrow_values.read_plain(pa.array([text]), np.ones(1, bool), magnitude).tolist() == [
            plain
        ]


@needs_kernel
def test_a_large_string_column_is_left_to_arrow() -> None:
    assert KERNEL is not None
    column = pa.array(["1.5", "x"], pa.large_string())
    assert KERNEL.plain_numbers(column, np.ones(2, bool), np.zeros(2)) is None
    magnitude = np.zeros(2)
    assert arrow_values.read_plain(column, np.ones(2, bool), magnitude).tolist() == [True, False]
    assert magnitude.tolist() == [1.5, 0.0]


@needs_kernel
def test_offsets_outside_the_data_are_never_read() -> None:
    # An array handed over from elsewhere may be malformed. Its data here are the digits 67890,
    # with more digits on both sides in memory: a text read outside them would be plain.
    assert KERNEL is not None
    data = pa.py_buffer(b"1234567890123").slice(5, 5)
    offsets = pa.py_buffer(np.array([0, 2, 7, 3, -2, 3, 5], np.int32).tobytes())
    column = pa.Array.from_buffers(pa.string(), 6, [None, offsets, data])
    magnitude = np.zeros(6)
    plain = KERNEL.plain_numbers(column, np.ones(6, bool), magnitude)
    assert plain is not None
    # 67 and 90 lie within the data; 890+12 (past its end), a backward text and 45+678 (before
    # its start) are not plain.
    assert plain.tolist() == [True, False, False, False, False, True]
    assert magnitude.tolist() == [67.0, 0.0, 0.0, 0.0, 0.0, 90.0]


@needs_kernel
def test_mismatched_lengths_are_refused() -> None:
    assert KERNEL is not None
    with pytest.raises(ValueError, match="3 values"):
        KERNEL.plain_numbers(pa.array(["1", "2", "3"]), np.ones(2, bool), np.zeros(3))
    with pytest.raises(ValueError, match="contiguous float64"):
        KERNEL.plain_numbers(pa.array(["1", "2"]), np.ones(2, bool), np.zeros(4)[::2])


def _encoded(texts: list[str], want: list[bool], chunks: int, start: int, kernel: bool) -> Any:
    """Which rows of ``texts[start:]`` are plain, their numbers, and per other row its text (by
    its code) and the row where that code first appears."""
    column = _column(texts, chunks).slice(start)
    rows = np.array(want[start:], bool)
    magnitude = np.full(len(column), -1.0)
    codes = np.full(len(column), -7, np.int32)
    with nullcontext() if kernel else without_kernel():
        plain, distinct = arrow_values.read_values(column, rows, magnitude, codes)
    listed = distinct.to_pylist()
    first: dict[int, int] = {}
    return (
        plain.tolist(),
        magnitude.view(np.int64).tolist(),
        [None if c < 0 else (listed[c], first.setdefault(int(c), i)) for i, c in enumerate(codes)],
        (codes < 0).tolist() == plain.tolist(),
    )


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_NEAR, _DECIMAL, st.sampled_from(WORDS)), max_size=80), st.data())
def test_the_kernel_encodes_the_other_texts_as_arrow_does(
    texts: list[str], data: st.DataObject
) -> None:
    want = data.draw(st.lists(st.booleans(), min_size=len(texts), max_size=len(texts)))
    start = data.draw(st.integers(0, len(texts)))
    chunks = data.draw(st.integers(1, 4))
    by_kernel = _encoded(texts, want, chunks, start, kernel=True)
    assert by_kernel == _encoded(texts, want, chunks, start, kernel=False)
    assert by_kernel[3]  # the code -1 marks exactly the plain numbers


@needs_kernel
def test_a_crowded_table_gives_the_work_back_to_arrow() -> None:
    # 200 distinct texts in 16 slots: the search for a free slot stops after its longest run, and
    # the reader encodes with Arrow (which gives the same codes).
    assert KERNEL is not None
    column = pa.array([f"t{i}" for i in range(200)])
    codes = np.zeros(200, np.int32)
    args = (column, np.zeros(200, bool), np.zeros(200), codes)
    # In a thread of its own, so that a search that never stops fails the test.
    crowded: list[object] = []
    worker = threading.Thread(
        target=lambda: crowded.append(KERNEL.read_values(*args, capacity=16)), daemon=True
    )
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the search for a free slot did not stop"
    assert crowded == [None]
    first = KERNEL.read_values(*args)
    assert first is not None
    assert first.tolist() == list(range(200))
    assert codes.tolist() == list(range(200))
    with pytest.raises(ValueError, match="power of two"):
        KERNEL.read_values(*args, capacity=24)


@needs_kernel
def test_malformed_offsets_give_the_encoding_back_to_arrow() -> None:
    assert KERNEL is not None
    data = pa.py_buffer(b"1234567890123").slice(5, 5)
    offsets = pa.py_buffer(np.array([0, 7, 5], np.int32).tobytes())  # 67890 + 12
    column = pa.Array.from_buffers(pa.string(), 2, [None, offsets, data])
    codes = np.zeros(2, np.int32)
    assert KERNEL.read_values(column, np.ones(2, bool), np.zeros(2), codes) is None


@needs_kernel
def test_a_null_slot_with_bytes_under_it_is_left_to_arrow() -> None:
    # Arrow allows bytes under a null slot (if_else makes one): the kernel reads no validity
    # bitmap, so a column with a null is not given to it.
    assert KERNEL is not None
    words = pc.if_else(pa.array([True, False]), pa.array(["4", "5"]), pa.scalar(None, pa.string()))
    assert words.null_count == 1
    assert KERNEL.plain_numbers(words, np.ones(2, bool), np.zeros(2)) is None
    assert KERNEL.read_values(words, np.ones(2, bool), np.zeros(2), np.zeros(2, np.int32)) is None


def test_a_null_value_in_a_dictionary_frame_is_a_missing_value() -> None:
    """A dictionary value column whose dictionary holds a null (with bytes under it) reads as the
    per-object reader reads it: the row's value is missing."""
    import ezhou_recovery as er
    from ezhou_recovery.io.frames import observations_from_frame

    plan = er.load_ezhou_plan()
    words = pc.if_else(pa.array([True, False]), pa.array(["4", "5"]), pa.scalar(None, pa.string()))
    value = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), words)
    frame = pa.table(
        {
            "target": ["transport.high_grade_waterway"] * 2,
            "as_of": ["2021-03-31"] * 2,
            "value": value,
        }
    )
    missing = r"row 1\.value: required field missing"
    for kernel in (True, False):
        with (
            nullcontext() if kernel else without_kernel(),
            pytest.raises(er.LoadError, match=missing),
        ):
            observations_from_frame(frame, plan)
    with pytest.raises(er.LoadError, match=r"row 1\.value: required field missing"):
        observations_from_frame(frame, plan, columnar=False)
