# Memory for the large arrays of a pass: kept once nobody uses it, and handed to the next pass.
"""Large arrays whose memory is reused from one pass to the next.

A pass over a large batch fills tens of megabytes of new arrays ($z$, $a$ and $\\delta$ of every
layer: 49 MB for 10,000 examples through 784-128-64-10). Memory new to the process costs a page
fault, and the kernel's zeroing of the page, on first touch: a quarter of such a pass. So `empty`
keeps the last `KEEP` large arrays it made (`KEEP_BYTES` in all at most) and hands one out again,
for an array of the same size, once nobody holds it any more.

"Nobody holds it" is read from its reference count. Every view of an array, and every view of
those views, holds a reference to the array that owns the memory (numpy sets a view's `base` to
the owner), so an array in use, or any part of it, always counts more references than one that
only this module keeps.
"""

from __future__ import annotations

import math
import sys
import threading

import numpy as np

KEEP = 64  # arrays kept: those of the last two passes through a network of up to 10 layers
KEEP_BYTES = 1 << 28  # and 256 MB at most, so one huge pass does not leave gigabytes idle
SMALL = 1 << 16  # below 64 KB, new memory is cheap: the C library serves it from its own heap

_kept: list[np.ndarray] = []
_lock = threading.Lock()


def _references(arrays: list[np.ndarray], i: int) -> int:
    return sys.getrefcount(arrays[i])


# What _references counts for an array that only its list holds, on this interpreter (PyPy,
# which counts no references, reuses nothing)
_IDLE = _references([np.empty(0)], 0) if hasattr(sys, "getrefcount") else None


def empty(shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """Return an uninitialised array, as `np.empty(shape, dtype)`, in reused memory if large.

    Parameters:
        shape: The array's shape.
        dtype: Its dtype.

    Returns:
        A C-contiguous ndarray whose memory nobody else uses.
    """
    nbytes = math.prod(shape) * dtype.itemsize
    if not SMALL <= nbytes <= KEEP_BYTES or _IDLE is None:
        return np.empty(shape, dtype)
    with _lock:  # the view returned marks the memory as used before another thread looks
        for i in range(len(_kept)):  # by index: a loop variable would count as a reference
            if _kept[i].nbytes == nbytes and _references(_kept, i) == _IDLE:
                return _kept[i].view(dtype).reshape(shape)
        memory = np.empty(nbytes, np.uint8)
        _kept.insert(0, memory)
        # The oldest go, past KEEP arrays or KEEP_BYTES; one still in use stays alive for its users.
        total = 0
        for i in range(len(_kept)):
            total += _kept[i].nbytes
            if i == KEEP or total > KEEP_BYTES:
                del _kept[i:]
                break
        return memory.view(dtype).reshape(shape)
