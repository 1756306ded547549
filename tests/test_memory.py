"""Tests for propagation._memory: large arrays are reused only once nobody holds them."""

import threading

import numpy as np
import pytest

from propagation import _memory

LARGE = (64, 1024)  # 512 KB of float64: above _memory.SMALL
F8 = np.dtype(np.float64)


def address(array: np.ndarray) -> int:
    return array.__array_interface__["data"][0]


@pytest.fixture(autouse=True)
def no_kept_arrays():
    """Start and end each test with nothing kept, so tests do not see each other's memory."""
    _memory._kept.clear()
    yield
    _memory._kept.clear()


def test_returns_an_empty_like_array_of_the_shape_and_dtype():
    for dtype in (np.float64, np.float32):
        array = _memory.empty(LARGE, np.dtype(dtype))
        assert array.shape == LARGE and array.dtype == dtype
        assert array.flags.c_contiguous and array.flags.writeable
        array[...] = 1.5  # all of it is usable memory
        assert array.sum() == 1.5 * array.size


def test_memory_nobody_holds_is_handed_out_again():
    first = _memory.empty(LARGE, F8)
    where = address(first)
    del first
    second = _memory.empty(LARGE, F8)
    assert address(second) == where
    assert len(_memory._kept) == 1  # one buffer made, given twice (not malloc's own reuse)


@pytest.mark.parametrize(
    "keep",
    [
        lambda a: a,
        lambda a: a[3:5],
        lambda a: a.T[::2],
        lambda a: a.reshape(-1)[10:],
        lambda a: a.view(np.uint8),
        lambda a: memoryview(a),
    ],
    ids=["array", "rows", "view-of-a-view", "reshape", "dtype-view", "memoryview"],
)
def test_memory_still_held_is_never_handed_out(keep):
    array = _memory.empty(LARGE, F8)
    array[...] = 7.0
    held = keep(array)
    before = np.array(held, copy=True)
    del array
    other = _memory.empty(LARGE, F8)
    other[...] = -1.0
    assert not np.shares_memory(np.asarray(held), other)
    np.testing.assert_array_equal(np.asarray(held), before)


def test_memory_of_another_size_is_not_handed_out():
    first = _memory.empty(LARGE, F8)
    where = address(first)
    del first
    assert address(_memory.empty((LARGE[0] + 1, LARGE[1]), F8)) != where
    assert len(_memory._kept) == 2


def test_small_arrays_are_not_kept():
    _memory.empty((4, 4), F8)
    assert _memory._kept == []


def test_no_more_than_keep_arrays_are_kept():
    held = [_memory.empty(LARGE, F8) for _ in range(_memory.KEEP + 5)]
    assert len(_memory._kept) == _memory.KEEP
    assert len({address(a) for a in held}) == len(held)  # all different, all still usable


def test_no_more_than_keep_bytes_are_kept(monkeypatch):
    size = np.prod(LARGE) * F8.itemsize
    monkeypatch.setattr(_memory, "KEEP_BYTES", 3 * size + size // 2)
    held = [_memory.empty(LARGE, F8) for _ in range(5)]
    assert [address(a) for a in _memory._kept] == [address(a) for a in held[:1:-1]]  # newest 3
    big = _memory.empty((4 * LARGE[0], LARGE[1]), F8)  # larger than KEEP_BYTES: never kept
    assert len(_memory._kept) == 3 and not any(np.shares_memory(big, a) for a in _memory._kept)
    assert len({address(a) for a in held}) == len(held)


def test_threads_never_share_memory():
    results: list[np.ndarray] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(50):
            array = _memory.empty(LARGE, F8)
            with lock:
                results.append(array)  # held: must not be handed to anyone else

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({address(a) for a in results}) == len(results)
