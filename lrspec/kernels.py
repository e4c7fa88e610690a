"""Compiled schedules: a scalar closure and a segment-aware array filler per schedule.

A :class:`Kernel` evaluates local steps ``t >= 0``:

- ``scalar(t)`` for one Python float (the per-step path; tight closures, no dispatch);
- ``fill(t, out, ordered)`` for a 1-D float64 array, writing into ``out``. When ``ordered`` the
  steps are non-decreasing, so pieces are found by binary search and each piece is evaluated
  only on its own contiguous slice; otherwise pieces gather their elements by index.

Every finite kernel holds its final value for ``t >= length`` in both paths, decided by the
same comparison ``t < length``, so the held region is filled, never computed.
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_right
from collections.abc import Callable, Sequence

import numpy as np

from ._math import ARRAY, SCALAR
from .errors import EvaluationError

ScalarFn = Callable[[float], float]
FillFn = Callable[[np.ndarray, np.ndarray, bool], None]


class Kernel:
    """A compiled schedule; see the module docstring."""

    __slots__ = ("length", "scalar", "fill")

    def __init__(self, length: float, scalar: ScalarFn, fill: FillFn) -> None:
        self.length = length
        self.scalar = scalar
        self.fill = fill


def with_hold(length: float, scalar: ScalarFn, fill: FillFn, hold: float | None = None) -> Kernel:
    """A kernel that gives ``hold`` (default: ``scalar(length)``) for every ``t >= length``."""
    if math.isinf(length):
        return Kernel(length, scalar, fill)
    if hold is None:
        try:
            hold = scalar(length)
        except EvaluationError as error:
            raise error.at_step(length) from None

    def held_scalar(t):
        return scalar(t) if t < length else hold

    def held_fill(t, out, ordered):
        if ordered:
            inside = int(np.searchsorted(t, length, "left"))
            if inside:
                fill(t[:inside], out[:inside], True)
            out[inside:] = hold
            return
        index = np.flatnonzero(t < length)
        if index.size == t.size:
            fill(t, out, False)
            return
        out[...] = hold
        if index.size:
            values = np.empty(index.size)
            fill(t[index], values, False)
            out[index] = values

    return Kernel(length, held_scalar, held_fill)


def formula(length: float, make: Callable, hold: float | None = None) -> Kernel:
    """The kernel of a formula written once against the math namespaces (see ``_math``).

    It holds ``hold`` from ``length`` on (default: the formula's value at ``length``).
    """
    scalar = make(SCALAR)
    array = make(ARRAY)

    def fill(t, out, ordered):
        out[...] = array(t)

    return with_hold(length, scalar, fill, hold)


def piecewise(bounds: Sequence[float], scalars: Sequence[ScalarFn],
              fills: Sequence[FillFn]) -> tuple[ScalarFn, FillFn]:
    """Piece ``k`` serves ``bounds[k-1] <= t < bounds[k]`` (the first from 0, the last to inf).

    Every piece sees the same ``t``; the scalar path picks its piece with ``bisect_right``
    and the array path with ``searchsorted``, which agree exactly.
    """
    bounds = list(bounds)
    if len(scalars) == 2:
        (first, second), edge = scalars, bounds[0]

        def scalar(t):
            return first(t) if t < edge else second(t)
    else:
        def scalar(t):
            return scalars[bisect_right(bounds, t)](t)

    edges = np.asarray(bounds, dtype=float)
    count = len(fills)

    def fill(t, out, ordered):
        if ordered:
            cuts = [0, *np.searchsorted(t, edges, "left").tolist(), t.size]
            for k in range(count):
                lo, hi = cuts[k], cuts[k + 1]
                if hi > lo:
                    fills[k](t[lo:hi], out[lo:hi], True)
            return
        which = np.searchsorted(edges, t, "right")
        for k in np.unique(which).tolist():
            index = np.flatnonzero(which == k)
            values = np.empty(index.size)
            fills[k](t[index], values, False)
            out[index] = values

    return scalar, fill


def formula_pieces(length: float, bounds: Sequence[float], makers: Sequence[Callable]) -> Kernel:
    """A piecewise formula: ``makers[k]`` serves the ``k``-th interval of ``bounds``."""
    scalars = [make(SCALAR) for make in makers]
    arrays = [make(ARRAY) for make in makers]

    def filler(array):
        def fill(t, out, ordered):
            out[...] = array(t)
        return fill

    scalar, fill = piecewise(bounds, scalars, [filler(a) for a in arrays])
    return with_hold(length, scalar, fill)


def constant_formula(value: float) -> Callable:
    """A formula maker for a constant piece of a piecewise formula."""
    return lambda m: lambda t: value


def constant(value: float) -> Kernel:
    def scalar(t):
        return value

    def fill(t, out, ordered):
        out[...] = value

    return Kernel(math.inf, scalar, fill)


def sequence(parts: Sequence[Kernel]) -> Kernel:
    """``A >> B >> ...``: part ``k`` runs on ``t - start_k`` from ``start_k`` on."""
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + part.length)
    length = starts[-1] + parts[-1].length

    def shifted(part, start):
        if start == 0:
            return part.scalar, part.fill
        inner_scalar, inner_fill = part.scalar, part.fill

        def scalar(t):
            return inner_scalar(t - start)

        def fill(t, out, ordered):
            inner_fill(t - start, out, ordered)

        return scalar, fill

    pieces = [shifted(part, start) for part, start in zip(parts, starts)]
    scalar, fill = piecewise(starts[1:], [p[0] for p in pieces], [p[1] for p in pieces])
    return with_hold(length, scalar, fill, hold=parts[-1].scalar(parts[-1].length)
                     if math.isfinite(length) else None)


def shift(part: Kernel, offset: float, length: float, hold: float | None = None) -> Kernel:
    """``A[i:j]``: ``A(t + offset)`` for ``t < length``."""
    inner_scalar, inner_fill = part.scalar, part.fill

    def scalar(t):
        return inner_scalar(t + offset)

    def fill(t, out, ordered):
        inner_fill(t + offset, out, ordered)

    return with_hold(length, scalar, fill, hold)


def repeat(part: Kernel, times: float) -> Kernel:
    """``Repeat(A, times)``: ``A(t mod L_A)`` while ``t < times * L_A``, then ``A(L_A)``."""
    period = part.length
    inner_scalar, inner_fill = part.scalar, part.fill
    fmod = SCALAR.fmod

    def scalar(t):
        return inner_scalar(fmod(t, period))

    def fill(t, out, ordered):
        # Each period's slice is itself ordered, but the folded whole is not.
        inner_fill(np.fmod(t, period), out, ordered and t.size > 0 and t[-1] < period)

    return with_hold(times * period, scalar, fill, hold=inner_scalar(period))


_SCALAR_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
_ARRAY_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}


def arithmetic(op: str, left: Kernel, right: Kernel, length: float,
               describe: Callable[[], str]) -> Kernel:
    """Pointwise ``left op right``; a division by zero or a non-finite result is an error."""
    combine, combine_arrays = _SCALAR_OPS[op], _ARRAY_OPS[op]
    left_scalar, right_scalar = left.scalar, right.scalar

    def not_finite() -> EvaluationError:
        error = EvaluationError(f"'{describe()}' overflows to a non-finite value")
        error.needs_step = True
        return error

    def zero_division() -> EvaluationError:
        error = EvaluationError(f"'{describe()}' divides by zero")
        error.needs_step = True
        return error

    def scalar(t):
        a, b = left_scalar(t), right_scalar(t)
        if op == "/" and b == 0:
            raise zero_division()
        value = combine(a, b)
        if value - value != 0:  # inf or nan
            raise not_finite()
        return value

    def fill(t, out, ordered):
        left.fill(t, out, ordered)
        other = np.empty_like(out)
        right.fill(t, other, ordered)
        if op == "/" and not other.all():
            raise zero_division()
        combine_arrays(out, other, out=out)
        if not np.isfinite(out).all():
            raise not_finite()

    return with_hold(length, scalar, fill)


def negate(part: Kernel) -> Kernel:
    inner_scalar, inner_fill = part.scalar, part.fill

    def scalar(t):
        return -inner_scalar(t)

    def fill(t, out, ordered):
        inner_fill(t, out, ordered)
        np.negative(out, out=out)

    return Kernel(part.length, scalar, fill)


def extremum(kind: str, parts: Sequence[Kernel], length: float) -> Kernel:
    """Pointwise ``min`` or ``max`` of several kernels."""
    pick = SCALAR.minimum if kind == "min" else SCALAR.maximum
    pick_arrays = np.minimum if kind == "min" else np.maximum
    scalars = [p.scalar for p in parts]

    def scalar(t):
        value = scalars[0](t)
        for other in scalars[1:]:
            value = pick(value, other(t))
        return value

    def fill(t, out, ordered):
        parts[0].fill(t, out, ordered)
        other = np.empty_like(out)
        for part in parts[1:]:
            part.fill(t, other, ordered)
            pick_arrays(out, other, out=out)

    return with_hold(length, scalar, fill)


def state_reader(read: Callable[[], float]) -> Kernel:
    """A stateful schedule: its value is whatever its state says now."""

    def scalar(t):
        return read()

    def fill(t, out, ordered):
        out[...] = read()

    return Kernel(math.inf, scalar, fill)


def lookup(bounds: Sequence[float], values: Sequence[float]) -> Kernel:
    """``values[number of bounds <= t]``: a step function read from a table."""
    bounds, values = list(bounds), [float(v) for v in values]
    edges, table = np.asarray(bounds, dtype=float), np.asarray(values, dtype=float)

    def scalar(t):
        return values[bisect_right(bounds, t)]

    def fill(t, out, ordered):
        out[...] = table[np.searchsorted(edges, t, "right")]

    return Kernel(math.inf, scalar, fill)
