"""Whole curves: a kernel evaluated over an array of steps, in blocks, shared out to threads.

The values do not depend on how the work is cut up: every block runs the same kernel fill on
its own slice, and equals the per-step path bit for bit.
"""

from __future__ import annotations

import math
import os
import threading
from typing import TYPE_CHECKING, Any

import numpy as np

from ..syntax.errors import EvaluationError
from ..syntax.limits import MAX_STEPS
from ..syntax.printer import format_step
from .kernels import Kernel

if TYPE_CHECKING:  # imported when the first pool starts: it costs import time
    from concurrent.futures import ThreadPoolExecutor

_INF = math.inf
# Whole-curve evaluation goes through the kernels in blocks of this many steps, so that the
# temporaries of a formula stay small (in cache, and under malloc's mmap threshold, so that
# they cost no page faults) however long the array is.
_BLOCK = 1 << 14
# Long arrays are shared out to threads, block range by block range (NumPy releases the GIL in
# its loops; the values do not depend on how the work is shared).
_PARALLEL_BLOCKS = 32
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def check_step(t: float) -> None:
    """Raise an EvaluationError unless ``t`` is a step: a number in the step domain, from 0 to
    2**53 (``MAX_STEPS``; past it, floats are no longer whole steps apart)."""
    if t != t:
        raise EvaluationError("a step must be a number >= 0, got nan")
    if t < 0:
        raise EvaluationError(f"a step must be >= 0, got {t:g}")
    if t == _INF:
        raise EvaluationError("a step must be finite, got inf")
    if t > MAX_STEPS:
        raise EvaluationError(f"a step must be at most 2**53, got {format_step(t)}")


def evaluate_array(kernel: Kernel, steps: Any) -> np.ndarray:
    """The kernel's values at ``steps`` (an array or a sequence of numbers), as float64."""
    try:
        t = np.asarray(steps)
    except (ValueError, TypeError, OverflowError) as error:  # a ragged list, ...
        raise EvaluationError(
            f"steps must be numbers or a regular array of numbers, got a "
            f"{type(steps).__name__} NumPy cannot read as one ({error.__class__.__name__})"
        ) from None
    if t.dtype.kind not in "iuf":
        raise EvaluationError(f"steps must be numbers, got an array of {t.dtype}")
    out = np.empty(t.shape, dtype=np.float64)
    if t.size == 0:
        return out
    flat = t.reshape(-1)
    ordered = _is_ordered(flat)
    _check_steps(flat, ordered)
    flat_out = out.reshape(-1)
    stop = flat.size
    length = kernel.length
    if ordered and math.isfinite(length):
        # Everything from the first step >= length holds the final value: fill, not compute.
        key = math.ceil(length) if flat.dtype.kind in "iu" else length
        stop = int(np.searchsorted(flat, key, "left"))
        flat_out[stop:] = kernel.scalar(length)
    as_is = flat.dtype == np.float64

    def fill(lo: int, hi: int) -> None:
        # errstate is per thread: unpicked branches of a formula may overflow harmlessly.
        with np.errstate(all="ignore"):
            for start in range(lo, hi, _BLOCK):
                end = min(start + _BLOCK, hi)
                block = flat[start:end] if as_is else flat[start:end].astype(np.float64)
                kernel.fill(block, flat_out[start:end], ordered)

    workers = _workers()
    if stop < _PARALLEL_BLOCKS * _BLOCK or workers < 2:
        fill(0, stop)
    else:
        share = -(-stop // workers // _BLOCK) * _BLOCK  # whole blocks per worker
        ranges = [(lo, min(lo + share, stop)) for lo in range(0, stop, share)]
        for done in [_thread_pool().submit(fill, lo, hi) for lo, hi in ranges]:
            done.result()  # waits, and raises what a worker raised
    return out


def _workers() -> int:
    return min(4, os.cpu_count() or 1)


def _thread_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            from concurrent.futures import ThreadPoolExecutor

            _pool = ThreadPoolExecutor(max_workers=_workers(), thread_name_prefix="lrspec")
    return _pool


def _is_ordered(flat: np.ndarray) -> bool:
    """Whether the steps never decrease (checked block by block: no array-sized temporary)."""
    for lo in range(0, flat.size - 1, _BLOCK):
        hi = min(lo + _BLOCK, flat.size - 1)
        if not (flat[lo + 1 : hi + 1] >= flat[lo:hi]).all():
            return False
    return True


def _check_steps(flat: np.ndarray, ordered: bool) -> None:
    """Raise an EvaluationError naming the first step that is not in the step domain (an
    ordered array holds no NaN, and its ends are its least and greatest steps)."""
    low, high = (flat[0], flat[-1]) if ordered else (flat.min(), flat.max())
    if low >= 0 and high <= MAX_STEPS:  # NaN fails both comparisons
        return
    bad = int(np.flatnonzero(~((flat >= 0) & (flat <= MAX_STEPS)))[0])
    value = float(flat[bad])
    try:
        check_step(value)
    except EvaluationError as error:
        raise EvaluationError(f"{error.message} (at index {bad})") from None
