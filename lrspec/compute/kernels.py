"""Compiled schedules: a scalar closure, a segment-aware array filler and a traceable form.

A :class:`Kernel` evaluates local steps ``t >= 0`` three ways:

- ``scalar(t)`` for one Python float (the per-step path; tight closures, no dispatch);
- ``fill(t, out, ordered)`` for a 1-D float64 array, writing into ``out``. When ``ordered`` the
  steps are non-decreasing, so pieces are found by binary search and each piece is evaluated
  only on its own contiguous slice; otherwise pieces gather their elements by index;
- ``traced(t, m)`` without branches on ``t``, for frameworks that trace a function once and
  compile it (``jax.jit``, Keras): every piece is computed and ``m.where`` picks, with ``m``
  an array namespace (see ``math_namespaces.traced_namespace``). It is None for stateful schedules.

Every finite kernel holds its final value for ``t >= length`` in all three, decided by the
same comparison ``t < length``, so the held region is filled, never computed.

Every length is within the step domain (``MAX_STEPS``, 2**53: every integer up to it is exact
in a float), and the steps where a kernel changes pieces are floats, so the per-step path
(Python numbers) and the array path (float64) compare steps alike; a kernel longer than the
domain raises a ``LimitError`` that the model names (see :func:`beyond_domain`).
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..syntax.errors import EvaluationError, LimitError
from ..syntax.limits import MAX_STEPS
from ..syntax.printer import format_step
from .math_namespaces import ARRAY, SCALAR

ScalarFn = Callable[[float], float]
FillFn = Callable[[np.ndarray, np.ndarray, bool], None]
TracedFn = Callable[[Any, Any], Any]
#: A formula: given a math namespace ``m`` (see ``math_namespaces``), the closure ``value(t)``.
Maker = Callable[[Any], Callable[[Any], Any]]


class Kernel:
    """A compiled schedule; see the module docstring."""

    __slots__ = ("length", "scalar", "fill", "traced")

    def __init__(
        self, length: float, scalar: ScalarFn, fill: FillFn, traced: TracedFn | None
    ) -> None:
        self.length = length
        self.scalar = scalar
        self.fill = fill
        self.traced = traced


def beyond_domain(message: str) -> LimitError:
    """The error for a kernel whose length lies past ``MAX_STEPS``; its message
    follows the schedule's text, which the model's ``Builder`` puts in front
    (``detail("needs_source")``)."""
    return LimitError(message, details=(("needs_source", True),))


def _check_length(length: float) -> None:
    # Compared before anything converts it: a length may be a Python int of any size.
    if length > MAX_STEPS and length != math.inf:
        raise beyond_domain(f"is {format_step(length)} steps long; the limit is 2**53")


def _float_bounds(bounds: Sequence[float]) -> list[float]:
    """Piece bounds as floats, so that both paths compare steps with the very same numbers (a
    bound may lie a little past the step domain: ``nextafter(2**53, inf)``, just after a
    ``begin`` of 2**53)."""
    return [float(bound) for bound in bounds]


def with_hold(
    length: float,
    scalar: ScalarFn,
    fill: FillFn,
    traced: TracedFn | None,
    hold: float | None = None,
) -> Kernel:
    """A kernel that gives ``hold`` (default: ``scalar(length)``) for every ``t >= length``."""
    _check_length(length)
    if math.isinf(length):
        return Kernel(length, scalar, fill, traced)
    if hold is None:
        try:
            hold = scalar(length)
        except EvaluationError as error:
            raise error.at_step(length) from None

    def held_scalar(t: float) -> float:
        return scalar(t) if t < length else hold

    def held_fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
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

    if traced is None:
        return Kernel(length, held_scalar, held_fill, None)

    def held_traced(t: Any, m: Any) -> Any:
        # Clamp first, so that the formula never sees steps past its end.
        return m.where(t < length, traced(m.minimum(t, length), m), hold)

    return Kernel(length, held_scalar, held_fill, held_traced)


def _as_array(value: Any, t: Any, m: Any) -> Any:
    """A formula may return a plain number (a constant piece); make it an array like ``t``."""
    return value if hasattr(value, "shape") else m.full_like(t, value)


def formula(length: float, make: Maker, hold: float | None = None) -> Kernel:
    """The kernel of a formula written once against the math namespaces (see ``math_namespaces``).

    It holds ``hold`` from ``length`` on (default: the formula's value at ``length``).
    """
    scalar = make(SCALAR)
    array = make(ARRAY)

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        out[...] = array(t)

    def traced(t: Any, m: Any) -> Any:
        return _as_array(make(m)(t), t, m)

    return with_hold(length, scalar, fill, traced, hold)


def piecewise(
    bounds: Sequence[float],
    scalars: Sequence[ScalarFn],
    fills: Sequence[FillFn],
    traceds: Sequence[TracedFn | None],
) -> tuple[ScalarFn, FillFn, TracedFn | None]:
    """Piece ``k`` serves ``bounds[k-1] <= t < bounds[k]`` (the first from 0, the last to inf).

    Every piece sees the same ``t``; the scalar path picks its piece with ``bisect_right``
    and the array path with ``searchsorted``, which agree exactly.
    """
    bounds = _float_bounds(bounds)
    if len(scalars) == 2:
        (first, second), edge = scalars, bounds[0]

        def scalar(t: float) -> float:
            return first(t) if t < edge else second(t)
    else:

        def scalar(t: float) -> float:
            return scalars[bisect_right(bounds, t)](t)

    edges = np.asarray(bounds, dtype=float)
    count = len(fills)

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
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

    present = [piece for piece in traceds if piece is not None]
    if len(present) < len(traceds):
        return scalar, fill, None

    def traced(t: Any, m: Any) -> Any:
        result = present[-1](t, m)
        for k in reversed(range(count - 1)):
            result = m.where(t < bounds[k], present[k](t, m), result)
        return result

    return scalar, fill, traced


def formula_pieces(length: float, bounds: Sequence[float], makers: Sequence[Maker]) -> Kernel:
    """A piecewise formula: ``makers[k]`` serves the ``k``-th interval of ``bounds``."""
    scalars = [make(SCALAR) for make in makers]
    arrays = [make(ARRAY) for make in makers]

    def filler(array: Callable[[Any], Any]) -> FillFn:
        def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
            out[...] = array(t)

        return fill

    def tracer(make: Maker) -> TracedFn:
        return lambda t, m: _as_array(make(m)(t), t, m)

    scalar, fill, traced = piecewise(
        bounds, scalars, [filler(a) for a in arrays], [tracer(make) for make in makers]
    )
    return with_hold(length, scalar, fill, traced)


def constant_formula(value: float) -> Maker:
    """A formula maker for a constant piece of a piecewise formula."""
    return lambda m: lambda t: value


def constant(value: float) -> Kernel:
    def scalar(t: float) -> float:
        return value

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        out[...] = value

    def traced(t: Any, m: Any) -> Any:
        return m.full_like(t, value)

    return Kernel(math.inf, scalar, fill, traced)


def sequence(parts: Sequence[Kernel]) -> Kernel:
    """``A >> B >> ...``: part ``k`` runs on ``t - start_k`` from ``start_k`` on."""
    starts: list[float] = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + part.length)
    length = starts[-1] + parts[-1].length

    def shifted(part: Kernel, start: float) -> tuple[ScalarFn, FillFn, TracedFn | None]:
        if start == 0:
            return part.scalar, part.fill, part.traced
        inner_scalar, inner_fill, inner_traced = part.scalar, part.fill, part.traced

        def scalar(t: float) -> float:
            return inner_scalar(t - start)

        def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
            inner_fill(t - start, out, ordered)

        if inner_traced is None:
            return scalar, fill, None

        def traced(t: Any, m: Any) -> Any:
            # Steps before the part starts are not picked; keep them at 0 for the formula.
            return inner_traced(m.maximum(t - start, 0.0), m)

        return scalar, fill, traced

    pieces = [shifted(part, start) for part, start in zip(parts, starts)]
    scalar, fill, traced = piecewise(starts[1:], *zip(*pieces))
    hold = parts[-1].scalar(parts[-1].length) if math.isfinite(length) else None
    return with_hold(length, scalar, fill, traced, hold)


def shift(part: Kernel, offset: float, length: float, hold: float | None = None) -> Kernel:
    """``A[i:j]``: ``A(t + offset)`` for ``t < length``."""
    inner_scalar, inner_fill, inner_traced = part.scalar, part.fill, part.traced

    def scalar(t: float) -> float:
        return inner_scalar(t + offset)

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        inner_fill(t + offset, out, ordered)

    if inner_traced is None:
        return with_hold(length, scalar, fill, None, hold)

    def traced(t: Any, m: Any) -> Any:
        return inner_traced(t + offset, m)

    return with_hold(length, scalar, fill, traced, hold)


def repeat(part: Kernel, times: float) -> Kernel:
    """``Repeat(A, times)``: ``A(t mod L_A)`` while ``t < times * L_A``, then ``A(L_A)``."""
    period = part.length
    inner_scalar, inner_fill, inner_traced = part.scalar, part.fill, part.traced
    fmod = SCALAR.fmod

    def scalar(t: float) -> float:
        return inner_scalar(fmod(t, period))

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        # Each period's slice is itself ordered, but the folded whole is not.
        inner_fill(np.fmod(t, period), out, ordered and t.size > 0 and t[-1] < period)

    hold = inner_scalar(period)
    if inner_traced is None:
        return with_hold(times * period, scalar, fill, None, hold=hold)

    def traced(t: Any, m: Any) -> Any:
        return inner_traced(m.fmod(t, period), m)

    return with_hold(times * period, scalar, fill, traced, hold=hold)


def finite_only(
    part: Kernel, describe: Callable[[], str], why: str = "overflows to a non-finite value"
) -> Kernel:
    """``part``, raising an EvaluationError ("'<describe()>' <why>") at a step where its
    value is not finite (a formula that overflows there, as its library would raise). The
    traced form cannot raise from inside a compiled function: it gives inf."""
    inner_scalar, inner_fill = part.scalar, part.fill

    def overflow() -> EvaluationError:
        return EvaluationError(f"'{describe()}' {why}", details=(("needs_step", True),))

    def scalar(t: float) -> float:
        value = inner_scalar(t)
        if value - value != 0:  # inf or nan
            raise overflow()
        return value

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        inner_fill(t, out, ordered)
        if not np.isfinite(out).all():
            raise overflow()

    return Kernel(part.length, scalar, fill, part.traced)


def cycles(part: Kernel, times: float, mult: float, decay: float) -> Kernel:
    """``Repeat(A, times, mult, decay)``: cycle ``n`` (from 0) lasts ``L * mult**n`` steps
    (``L`` = A's length) and runs A stretched in time by ``mult**n``, its values scaled by
    ``decay**n``; after ``times`` cycles, the last one's final value holds.

    The cycle of a step is found from a logarithm and then checked against the exact starts
    ``L * (mult**n - 1) / (mult - 1)``, so that a step at a cycle's start is never counted in
    the cycle before (the logarithm alone can land one cycle off there).
    """
    period = part.length
    growth = mult - 1.0
    log_mult = math.log(mult) if mult != 1 else 0.0

    def make(m: Any) -> Callable[[Any], tuple[Any, Any]]:
        floor, log, pow_, where, fmod = m.floor, m.log, m.pow, m.where, m.fmod

        def start(n: Any) -> Any:
            return period * (pow_(mult, n) - 1.0) / growth

        def growing(t: Any) -> tuple[Any, Any]:
            n = floor(log(1.0 + t * growth / period) / log_mult)
            n = where(start(n) > t, n - 1.0, n)
            n = where(start(n + 1.0) <= t, n + 1.0, n)
            return n, (t - start(n)) / pow_(mult, n)

        def equal(t: Any) -> tuple[Any, Any]:
            # The step in the cycle from fmod (exact), the cycle from what fmod took away.
            u = fmod(t, period)
            return floor((t - u) / period + 0.5), u

        return equal if mult == 1 else growing

    scalar_cycle, array_cycle = make(SCALAR), make(ARRAY)
    scalar_pow = SCALAR.pow
    inner_scalar, inner_fill, inner_traced = part.scalar, part.fill, part.traced

    def scalar(t: float) -> float:
        n, u = scalar_cycle(t)
        value = inner_scalar(u)
        return value * scalar_pow(decay, n) if decay != 1.0 else value

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        n, u = array_cycle(t)
        inner_fill(u, out, False)  # each cycle is ordered, but not the cycles together
        if decay != 1.0:
            out *= ARRAY.pow(decay, n)

    hold: float | None
    if math.isinf(times):
        length, hold = math.inf, None
    else:
        length = times * period if mult == 1 else period * (mult**times - 1.0) / growth
        hold = inner_scalar(period) * (decay ** (times - 1) if decay != 1.0 else 1.0)
    if inner_traced is None:
        return with_hold(length, scalar, fill, None, hold=hold)

    def traced(t: Any, m: Any) -> Any:
        n, u = make(m)(t)
        value = inner_traced(u, m)
        return value * m.pow(decay, n) if decay != 1.0 else value

    return with_hold(length, scalar, fill, traced, hold=hold)


_SCALAR_OPS: dict[str, Callable[[float, float], float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
_ARRAY_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}


def arithmetic(
    op: str, left: Kernel, right: Kernel, length: float, describe: Callable[[], str]
) -> Kernel:
    """Pointwise ``left op right``; a division by zero or a non-finite result is an error.

    (The traced form cannot raise from inside a compiled function: it gives inf or nan.)
    """
    combine, combine_arrays = _SCALAR_OPS[op], _ARRAY_OPS[op]
    left_scalar, right_scalar = left.scalar, right.scalar

    def not_finite() -> EvaluationError:
        return EvaluationError(
            f"'{describe()}' overflows to a non-finite value", details=(("needs_step", True),)
        )

    def zero_division() -> EvaluationError:
        return EvaluationError(f"'{describe()}' divides by zero", details=(("needs_step", True),))

    def scalar(t: float) -> float:
        a, b = left_scalar(t), right_scalar(t)
        if op == "/" and b == 0:
            raise zero_division()
        value = combine(a, b)
        if value - value != 0:  # inf or nan
            raise not_finite()
        return value

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        left.fill(t, out, ordered)
        other = np.empty_like(out)
        right.fill(t, other, ordered)
        if op == "/" and not other.all():
            raise zero_division()
        combine_arrays(out, other, out=out)
        if not np.isfinite(out).all():
            raise not_finite()

    left_traced, right_traced = left.traced, right.traced
    if left_traced is None or right_traced is None:
        return with_hold(length, scalar, fill, None)

    def traced(t: Any, m: Any) -> Any:
        return combine(left_traced(t, m), right_traced(t, m))

    return with_hold(length, scalar, fill, traced)


def negate(part: Kernel) -> Kernel:
    inner_scalar, inner_fill, inner_traced = part.scalar, part.fill, part.traced

    def scalar(t: float) -> float:
        return -inner_scalar(t)

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        inner_fill(t, out, ordered)
        np.negative(out, out=out)

    if inner_traced is None:
        return Kernel(part.length, scalar, fill, None)

    def traced(t: Any, m: Any) -> Any:
        return -inner_traced(t, m)

    return Kernel(part.length, scalar, fill, traced)


def extremum(kind: str, parts: Sequence[Kernel], length: float) -> Kernel:
    """Pointwise ``min`` or ``max`` of several kernels."""
    pick = SCALAR.minimum if kind == "min" else SCALAR.maximum
    pick_arrays = np.minimum if kind == "min" else np.maximum
    scalars = [p.scalar for p in parts]

    def scalar(t: float) -> float:
        value = scalars[0](t)
        for other in scalars[1:]:
            value = pick(value, other(t))
        return value

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        parts[0].fill(t, out, ordered)
        other = np.empty_like(out)
        for part in parts[1:]:
            part.fill(t, other, ordered)
            pick_arrays(out, other, out=out)

    traceds = [p.traced for p in parts if p.traced is not None]
    if len(traceds) < len(parts):
        return with_hold(length, scalar, fill, None)

    def traced(t: Any, m: Any) -> Any:
        pick_traced = m.minimum if kind == "min" else m.maximum
        value = traceds[0](t, m)
        for other in traceds[1:]:
            value = pick_traced(value, other(t, m))
        return value

    return with_hold(length, scalar, fill, traced)


def state_reader(read: Callable[[], float]) -> Kernel:
    """A stateful schedule: its value is whatever its state says now (not traceable)."""

    def scalar(t: float) -> float:
        return read()

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        out[...] = read()

    return Kernel(math.inf, scalar, fill, None)


def lookup(bounds: Sequence[float], values: Sequence[float]) -> Kernel:
    """``values[number of bounds <= t]``: a step function read from a table."""
    bounds, values = _float_bounds(bounds), [float(v) for v in values]
    edges, table = np.asarray(bounds, dtype=float), np.asarray(values, dtype=float)

    def scalar(t: float) -> float:
        return values[bisect_right(bounds, t)]

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        out[...] = table[np.searchsorted(edges, t, "right")]

    def traced(t: Any, m: Any) -> Any:
        if not bounds:
            return m.full_like(t, values[0])
        return m.take(m.asarray(table), m.searchsorted(m.asarray(edges), t, side="right"))

    return Kernel(math.inf, scalar, fill, traced)
