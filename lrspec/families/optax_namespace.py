"""The ``optax.`` namespace: optax's schedules in its own words.

Every schedule of ``optax.schedules`` (0.2.8) with optax's parameter names, defaults and
positional order; nested schedules are nested calls, dicts are mappings. The value at step
``t`` is ``schedule(t)`` in float64 as optax computes it op by op: a division of the step by a
parameter is ``t * (1 / parameter)`` (what XLA does), an int exponent is binary
exponentiation (``lax.integer_pow``), a float exponent the C library's pow.

What optax accepts without meaning it keeps optax's value: ``transition_steps <= 0`` is the
constant ``init_value``, a negative ``transition_begin`` is 0, ``decay_rate=0`` is constant,
negative values and boundaries are taken as they are, ``join_schedules`` with boundaries out of
order or too many of them picks as optax does. What has no value (a negative exponent, an empty
join) is an error naming the parameter.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from ..compute import kernels
from ..compute.kernels import Kernel
from ..compute.math_namespaces import libm
from ..model.compositions import Const
from ..model.expr import Builder, Expr
from ..model.family import Family, Param
from ..model.registry import register
from ..model.types import (
    BOOLEAN,
    SCHEDULE,
    Context,
    ListOf,
    MappingOf,
    Nullable,
    Real,
    Steps,
)
from ..model.units import MAX_STEPS, Quantity, normalize_steps
from ..syntax.errors import ArgumentError, LimitError, LrspecError
from ..syntax.nodes import Neg, Node, Number, Span
from ..syntax.printer import format_number
from .core import Constant, PiecewiseConstant
from .hf_namespace import AsWritten, Keywords, QuotedChoice, checked_finite, typed

# -- parameter types ------------------------------------------------------------------------


class SignedSteps(Steps):
    """A step count that may also be 0 or negative (optax gives such counts a meaning); with a
    unit (``5%``) it is >= 0."""

    def _check(
        self, value: int | float, ctx: Context, node: Node | None, written: str | None = None
    ) -> None:
        if abs(value) > MAX_STEPS:
            shown = written if written is not None else format_number(value)
            ctx.fail(f"must be within 2**53 steps of 0, got {shown}", node, cls=LimitError)

    def describe(self) -> str:
        return f"{self.label} of any sign (units %, ep, sp, tok allowed)"

    def to_node(self, value: Any) -> Node:
        if isinstance(value, Quantity) or value >= 0:
            return super().to_node(value)
        return Neg(Number(-value))


_VALUE = Real(label="value")
_STEPS = SignedSteps()
_BOUNDARIES = Nullable(MappingOf(SignedSteps(label="step"), Real(0.0, label="scale")))
_EXPONENT = AsWritten(0.0, 1e6, label="exponent")
_PCT = Real(-1e6, 1e6, label="fraction")
_DIV = Real(0.0, 1e300, lo_open=True, label="factor")

# -- exact operations -----------------------------------------------------------------------


def _binpow(x: Any, y: int) -> Any:
    """``x ** y`` for an int y >= 0 as jax's ``lax.integer_pow`` computes it."""
    if y == 0:
        return 1.0
    acc = None
    while y > 0:
        if y & 1:
            acc = x if acc is None else acc * x
        y >>= 1
        if y > 0:
            x = x * x
    return acc


def _power(m: Any, exponent: float) -> Callable[[Any], Any]:
    """``x ** exponent`` as optax computes it, for the math namespace ``m``."""
    if type(exponent) is int:
        return lambda x: _binpow(x, exponent)
    pow_ = libm(m, "pow")
    return lambda x: pow_(x, exponent)


def _steady(value: float) -> kernels.Maker:
    return lambda m: lambda t: value


def _held(value: float, length: float) -> Kernel:
    return kernels.formula(length, _steady(value))


def _polynomial(init: float, end: float, power: float, steps: float, begin: float) -> Kernel:
    """``polynomial_schedule``: ``(init - end) * (1 - clip(t - begin, 0, steps) / steps) **
    power + end``; a constant ``init`` for steps <= 0."""
    if steps <= 0:
        return _held(init, 0)
    begin = max(begin, 0)
    height, inverse = init - end, 1.0 / steps

    def make(m: Any) -> Callable[[Any], Any]:
        pw, minimum, maximum = _power(m, power), m.minimum, m.maximum

        def value(t: Any) -> Any:
            count = minimum(maximum(t - begin, 0.0), steps)
            # 1 - count * (1 / steps) is never below 0 step by step; compiled, XLA fuses it
            # into a multiply-add that can land a hair below (then optax's own power 0.5
            # gives nan): the bound keeps a traced evaluation at 0 there.
            return height * pw(maximum(1 - count * inverse, 0.0)) + end

        return value

    return kernels.formula(normalize_steps(begin + steps), make)


def _polynomial_length(steps: float, begin: float) -> float:
    return normalize_steps(max(begin, 0) + steps) if steps > 0 else 0


def _exponential(
    init: float,
    steps: float,
    rate: float,
    begin: float,
    staircase: bool,
    end: float | None,
    describe: Callable[[], str],
) -> Kernel:
    """``exponential_decay``: ``init * rate ** ((t - begin) / steps)`` after begin (the
    exponent floored with staircase), clipped at ``end`` (a floor when rate < 1, else a
    ceiling); a constant ``init`` for steps <= 0 or rate 0."""
    if steps <= 0 or rate == 0:
        return kernels.constant(init)
    begin, inverse = max(begin, 0), 1.0 / steps

    def clip(m: Any) -> Callable[[Any], Any]:
        where = m.where
        if end is None:
            return lambda v: v
        if rate < 1.0:
            return lambda v: where(v < end, end, v)
        return lambda v: where(v > end, end, v)

    def decaying(m: Any) -> Callable[[Any], Any]:
        pow_, floor, clipped, where = libm(m, "pow"), m.floor, clip(m), m.where

        def flushed(x: Any) -> Any:  # XLA flushes subnormal results to zero
            return where(x < _TINY, where(x > -_TINY, 0.0 * x, x), x)

        def value(t: Any) -> Any:
            p = (t - begin) * inverse
            if staircase:
                p = floor(p)
            return clipped(flushed(init * flushed(pow_(rate, p))))

        return value

    first = clip(_PYTHON)(init)
    kernel = kernels.formula_pieces(
        math.inf, [math.nextafter(begin, math.inf)], [_steady(first), decaying]
    )
    return kernels.finite_only(kernel, describe)  # optax gives inf


#: The smallest normal float: XLA on CPU flushes smaller results to zero.
_TINY = 2.2250738585072014e-308


class _Python:
    """A math namespace of plain Python operations, for constants computed once."""

    @staticmethod
    def where(condition: Any, if_true: Any, if_false: Any) -> Any:
        return if_true if condition else if_false


_PYTHON = _Python()


def _cosine(init: float, steps: float, alpha: float, exponent: float) -> Kernel:
    """``cosine_decay_schedule``: ``init * ((1 - alpha) * c ** exponent + alpha)``,
    ``c = 0.5 * (1 + cos(pi * min(t, steps) / steps))``."""
    inverse, keep = 1.0 / steps, 1 - alpha

    def make(m: Any) -> Callable[[Any], Any]:
        pw, cos, minimum, pi = _power(m, exponent), m.cos, m.minimum, m.pi

        def value(t: Any) -> Any:
            count = minimum(t, steps)
            c = 0.5 * (1 + cos((pi * count) * inverse))
            return init * (keep * pw(c) + alpha)

        return value

    return kernels.formula(steps, make)


def _interpolation(
    kind: str, init: float, pairs: Iterable[tuple[float, float]]
) -> tuple[list[float], list[float], float]:
    """The pieces of ``piecewise_interpolate_schedule``: the accumulated values at the sorted
    boundaries (0 first), and the length (the last boundary, or 0)."""
    items = sorted(pairs)
    bounds = [0, *(b for b, _ in items)]
    values = [init]
    for _, scale in items:
        values.append(values[-1] * scale)
    return bounds, values, max(bounds[-1], 0)


def _interpolate(kind: str, init: float, pairs: Iterable[tuple[float, float]]) -> Kernel:
    bounds, values, length = _interpolation(kind, init, pairs)
    cuts: list[float] = []
    makers: list[kernels.Maker] = []
    for i in range(len(bounds) - 1):
        low, high = bounds[i], bounds[i + 1]
        if high <= max(low, 0):
            continue  # an interval before step 0, or of no steps
        start, stop = values[i], values[i + 1]
        inverse = 1.0 / max(high - low, 1)
        makers.append(_interpolator(kind, low, inverse, start, stop))
        cuts.append(high)
    makers.append(_steady(values[-1]))
    return kernels.formula_pieces(normalize_steps(length), cuts, makers)


def _interpolator(
    kind: str, low: float, inverse: float, start: float, stop: float
) -> kernels.Maker:
    rise, half = stop - start, (start - stop) / 2.0

    def make(m: Any) -> Callable[[Any], Any]:
        cos, pi = m.cos, m.pi

        def value(t: Any) -> Any:
            pct = (t - low) * inverse
            if kind == "linear":
                return rise * pct + start + 0.0
            return stop + half * (cos(pi * pct) + 1) + 0.0

        return value

    return make


def _join_length(boundaries: Sequence[float], lengths: Sequence[float]) -> float:
    """From where a join holds its last value: its last zipped member rules from the largest
    boundary on, and holds from its own boundary plus its length."""
    if not boundaries:
        return lengths[0]
    last = boundaries[-1] + lengths[-1]
    return normalize_steps(max(max(boundaries), 0, last)) if math.isfinite(last) else math.inf


def _join(parts: Sequence[Kernel], boundaries: Sequence[float]) -> Kernel:
    """``join_schedules``: member ``i`` (i >= 1) at ``t - boundaries[i-1]`` where it is the last
    in list order whose boundary ``<= t``, else member 0 at ``t`` (optax zips the two lists:
    surplus boundaries or members are ignored)."""
    bounds = [b for b, _ in zip(boundaries, parts[1:])]
    members = list(parts[: len(bounds) + 1])
    if not bounds:
        return members[0]
    offsets = [0, *bounds]
    length = _join_length(bounds, [k.length for k in members])
    numbered = list(enumerate(bounds, 1))
    scalars = [k.scalar for k in members]

    def scalar(t: float) -> float:
        i = 0
        for j, b in numbered:
            if not t < b:
                i = j
        return scalars[i](t - offsets[i])

    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        which = np.zeros(t.shape, dtype=np.intp)
        for j, b in numbered:
            which[t >= b] = j
        kinds = np.unique(which).tolist()
        if len(kinds) == 1:
            members[kinds[0]].fill(t - offsets[kinds[0]], out, ordered)
            return
        for i in kinds:
            index = np.flatnonzero(which == i)
            values = np.empty(index.size)
            members[i].fill(t[index] - offsets[i], values, ordered)
            out[index] = values

    traceds = [k.traced for k in members if k.traced is not None]
    if len(traceds) < len(members):  # a member that cannot be traced
        return kernels.with_hold(length, scalar, fill, None)

    def traced(t: Any, m: Any) -> Any:
        result = traceds[0](t, m)
        for j, b in numbered:
            result = m.where(t < b, result, traceds[j](m.maximum(t - b, 0.0), m))
        return result

    return kernels.with_hold(length, scalar, fill, traced)


# -- the families ---------------------------------------------------------------------------


class _Optax(Family):
    """A schedule of optax.schedules."""

    __slots__ = ()
    origin = "optax."
    print_keywords = True

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return self.build()

    def build(self) -> Kernel:
        raise NotImplementedError


@register
class ConstantSchedule(_Optax):
    """optax's ``constant_schedule``: the same value at every step.

    value(t) = value

    Example: ``optax.constant_schedule(value=0.1)``.
    """

    name = "optax.constant_schedule"
    params = (Param("value", _VALUE, doc="the value"),)
    example = "optax.constant_schedule(value=0.1)"

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf

    def meaning(self) -> Expr:
        return Const(self.value)

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.constant(self.value)


class _Polynomial(_Optax):
    __slots__ = ()

    def finite(self) -> bool:
        return True

    def check(self) -> None:
        init, end = self.init_value, self.args.get("end_value", self.args.get("peak_value"))
        checked_finite(self, "init_value", init - end)

    def _arguments(self) -> tuple[float, float, float, float, float]:
        """init, end, power, steps, begin."""
        raise NotImplementedError

    def length(self) -> float:
        _, _, _, steps, begin = self._arguments()
        return _polynomial_length(steps, begin)

    def build(self) -> Kernel:
        return _polynomial(*self._arguments())


@register
class PolynomialSchedule(_Polynomial):
    """optax's ``polynomial_schedule``: from ``init_value`` to ``end_value`` along a power of
    the remaining fraction, from ``transition_begin`` on.

    value(t) = (init_value - end_value) * (1 - clip(t - b, 0, k) / k) ** power + end_value,
    k = transition_steps, b = max(transition_begin, 0); init_value itself when k <= 0

    Example: ``optax.polynomial_schedule(init_value=0.1, end_value=0.001, power=2,
    transition_steps=1000, transition_begin=100)``.
    """

    name = "optax.polynomial_schedule"
    params = (
        Param("init_value", _VALUE, doc="the value until transition_begin"),
        Param("end_value", _VALUE, doc="the value from transition_begin + transition_steps on"),
        Param("power", _EXPONENT, doc="the exponent (an int multiplies, a float takes pow)"),
        Param("transition_steps", _STEPS, doc="how long the transition lasts (<= 0: none)"),
        Param("transition_begin", _STEPS, 0, doc="steps before the transition (< 0: 0)"),
    )
    example = (
        "optax.polynomial_schedule(init_value=0.1, end_value=0.001, power=2, "
        "transition_steps=1000, transition_begin=100)"
    )

    def _arguments(self) -> tuple[float, float, float, float, float]:
        return (
            self.init_value,
            self.end_value,
            self.power,
            self.transition_steps,
            self.transition_begin,
        )


@register
class LinearSchedule(_Polynomial):
    """optax's ``linear_schedule``: linear from ``init_value`` to ``end_value`` over
    ``transition_steps``, from ``transition_begin`` on.

    value(t) = (init_value - end_value) * (1 - clip(t - b, 0, k) / k) + end_value,
    k = transition_steps, b = max(transition_begin, 0); init_value itself when k <= 0

    Example: ``optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=1000)``.
    """

    name = "optax.linear_schedule"
    params = (
        Param("init_value", _VALUE, doc="the value until transition_begin"),
        Param("end_value", _VALUE, doc="the value from transition_begin + transition_steps on"),
        Param("transition_steps", _STEPS, doc="how long the transition lasts (<= 0: none)"),
        Param("transition_begin", _STEPS, 0, doc="steps before the transition (< 0: 0)"),
    )
    example = "optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=1000)"

    def _arguments(self) -> tuple[float, float, float, float, float]:
        return (self.init_value, self.end_value, 1, self.transition_steps, self.transition_begin)


@register
class WarmupConstantSchedule(_Polynomial):
    """optax's ``warmup_constant_schedule``: linear from ``init_value`` to ``peak_value`` over
    ``warmup_steps``, then ``peak_value`` (optax's ``linear_schedule``).

    value(t) = (init_value - peak_value) * (1 - min(t, w) / w) + peak_value, w = warmup_steps;
    init_value itself when w <= 0

    Example: ``optax.warmup_constant_schedule(init_value=0.0, peak_value=0.1,
    warmup_steps=500)``.
    """

    name = "optax.warmup_constant_schedule"
    params = (
        Param("init_value", _VALUE, doc="the value at step 0"),
        Param("peak_value", _VALUE, doc="the value from warmup_steps on"),
        Param("warmup_steps", _STEPS, doc="how long the warmup lasts (<= 0: none)"),
    )
    example = "optax.warmup_constant_schedule(init_value=0.0, peak_value=0.1, warmup_steps=500)"

    def _arguments(self) -> tuple[float, float, float, float, float]:
        return (self.init_value, self.peak_value, 1, self.warmup_steps, 0)


@register
class PiecewiseConstantSchedule(_Optax):
    """optax's ``piecewise_constant_schedule``: ``init_value``, multiplied by each scale from
    its boundary on.

    value(t) = init_value * s_1 * s_2 * ... (left to right), over the boundaries b_i <= t of
    boundaries_and_scales {b_1: s_1, b_2: s_2, ...} in ascending order

    Example: ``optax.piecewise_constant_schedule(init_value=0.1,
    boundaries_and_scales={30: 0.5, 60: 0.1})``.
    """

    name = "optax.piecewise_constant_schedule"
    params = (
        Param("init_value", _VALUE, doc="the value before the first boundary"),
        Param(
            "boundaries_and_scales",
            _BOUNDARIES,
            None,
            doc="{step: scale, ...}: the value is multiplied by scale from step on",
        ),
    )
    example = (
        "optax.piecewise_constant_schedule(init_value=0.1, "
        "boundaries_and_scales={30: 0.5, 60: 0.1})"
    )

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf

    def _table(self) -> tuple[list[float], list[float]]:
        items = sorted(self.boundaries_and_scales or ())
        values = [self.init_value]
        for _, scale in items:
            values.append(values[-1] * scale)
        return [b for b, _ in items], values

    def check(self) -> None:
        pairs = self.boundaries_and_scales or ()
        if self.resolved(*(b for b, _ in pairs)):
            checked_finite(self, "boundaries_and_scales", *self._table()[1])

    def meaning(self) -> Expr | None:
        bounds, values = self._table()
        if values[0] < 0:
            return None  # lrspec's rates are >= 0; optax takes negative values too
        # Boundaries at or before step 0 apply from the start.
        start = sum(1 for b in bounds if b <= 0)
        if start == len(bounds):
            return Constant.make(lr=values[-1])
        return PiecewiseConstant.make(
            boundaries=tuple(bounds[start:]), values=tuple(values[start:])
        )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        meaning = self.meaning()
        if meaning is not None:
            return builder.build(meaning, offset)
        return kernels.lookup(*self._table())


@register
class ExponentialDecay(_Optax):
    """optax's ``exponential_decay``: ``init_value`` until ``transition_begin``, then
    multiplied by ``decay_rate`` every ``transition_steps`` steps, clipped at ``end_value``.

    value(t) = init_value for t <= b, else init_value * decay_rate ** p, p = (t - b) /
    transition_steps (floored with staircase), b = max(transition_begin, 0); then max(value,
    end_value) when decay_rate < 1, min(value, end_value) otherwise; init_value itself when
    transition_steps <= 0 or decay_rate is 0

    Example: ``optax.exponential_decay(init_value=0.1, transition_steps=1000,
    decay_rate=0.5, transition_begin=500, staircase=True, end_value=0.001)``.
    """

    name = "optax.exponential_decay"
    params = (
        Param("init_value", _VALUE, doc="the value until transition_begin"),
        Param("transition_steps", _STEPS, doc="steps per factor of decay_rate (<= 0: none)"),
        Param("decay_rate", Real(0.0, label="factor"), doc="the factor per transition_steps"),
        Param("transition_begin", _STEPS, 0, doc="steps before the decay (< 0: 0)"),
        Param("staircase", BOOLEAN, False, doc="decay in whole steps of transition_steps"),
        Param("end_value", Nullable(_VALUE), None, doc="a floor (a ceiling when growing)"),
    )
    example = (
        "optax.exponential_decay(init_value=0.1, transition_steps=1000, decay_rate=0.5, "
        "transition_begin=500, staircase=True, end_value=0.001)"
    )

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf

    def build(self) -> Kernel:
        return _exponential(
            self.init_value,
            self.transition_steps,
            self.decay_rate,
            self.transition_begin,
            self.staircase,
            self.end_value,
            self.text,
        )


@register
class CosineDecaySchedule(_Optax):
    """optax's ``cosine_decay_schedule``: a cosine from ``init_value`` to ``alpha *
    init_value`` over ``decay_steps``, raised to ``exponent``, then held.

    value(t) = init_value * ((1 - alpha) * c ** exponent + alpha),
    c = 0.5 * (1 + cos(pi * min(t, decay_steps) / decay_steps))

    Example: ``optax.cosine_decay_schedule(init_value=0.1, decay_steps=10000,
    alpha=0.01)``.
    """

    name = "optax.cosine_decay_schedule"
    params = (
        Param("init_value", _VALUE, doc="the value at step 0"),
        Param("decay_steps", Steps(positive=True), doc="how long the decay lasts"),
        Param("alpha", _VALUE, 0.0, doc="the final value as a fraction of init_value"),
        Param("exponent", _EXPONENT, 1.0, doc="the power of the cosine"),
    )
    example = "optax.cosine_decay_schedule(init_value=0.1, decay_steps=10000, alpha=0.01)"

    decay_steps: float

    def finite(self) -> bool:
        return True

    def length(self) -> float:
        return self.decay_steps

    def check(self) -> None:
        alpha = self.alpha
        checked_finite(self, "alpha", self.init_value * (abs(1 - alpha) + abs(alpha)))

    def build(self) -> Kernel:
        return _cosine(self.init_value, self.decay_steps, self.alpha, self.exponent)


class _Interpolated(_Optax):
    """The piecewise interpolations: linear, cosine and the one-cycles built on them."""

    __slots__ = ()

    def finite(self) -> bool:
        return True

    def interpolation(self) -> tuple[str, float, tuple[tuple[float, float], ...]]:
        """The interpolate_type, init_value and (boundary, scale) pairs."""
        raise NotImplementedError

    def length(self) -> float:
        return normalize_steps(_interpolation(*self.interpolation())[2])

    def check(self) -> None:
        kind, init, pairs = self.interpolation()
        if self.resolved(*(b for b, _ in pairs)):
            param = (
                "boundaries_and_scales" if "boundaries_and_scales" in self.args else "peak_value"
            )
            checked_finite(self, param, *_interpolation(kind, init, pairs)[1])

    def build(self) -> Kernel:
        return _interpolate(*self.interpolation())


@register
class PiecewiseInterpolateSchedule(_Interpolated):
    """optax's ``piecewise_interpolate_schedule``: linear or cosine interpolation between the
    accumulated values at the boundaries, then the last one.

    values: v_0 = init_value, v_i = v_{i-1} * s_i at the sorted boundaries b_i (b_0 = 0);
    for b_i <= t < b_{i+1}, pct = (t - b_i) / max(b_{i+1} - b_i, 1) and
    linear: (v_{i+1} - v_i) * pct + v_i; cosine: v_{i+1} + (v_i - v_{i+1}) / 2 * (cos(pi *
    pct) + 1); from the last boundary on, its value

    Example: ``optax.piecewise_interpolate_schedule(interpolate_type='cosine',
    init_value=0.1, boundaries_and_scales={1000: 0.1, 5000: 0.5})``.
    """

    name = "optax.piecewise_interpolate_schedule"
    params = (
        Param(
            "interpolate_type",
            QuotedChoice(("linear", "cosine")),
            doc="how to go from one value to the next",
        ),
        Param("init_value", _VALUE, doc="the value at step 0"),
        Param(
            "boundaries_and_scales",
            _BOUNDARIES,
            None,
            doc="{step: scale, ...}: the value at step is the one before times scale",
        ),
    )
    example = (
        "optax.piecewise_interpolate_schedule(interpolate_type='cosine', init_value=0.1, "
        "boundaries_and_scales={1000: 0.1, 5000: 0.5})"
    )

    def interpolation(self) -> tuple[str, float, tuple[tuple[float, float], ...]]:
        return self.interpolate_type, self.init_value, self.boundaries_and_scales or ()


def _dict_items(*pairs: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """A Python dict literal's items: a repeated key keeps its first place and last value."""
    return tuple(dict(pairs).items())


@register
class LinearOnecycleSchedule(_Interpolated):
    """optax's ``linear_onecycle_schedule``: linear from ``peak_value / div_factor`` up to
    ``peak_value``, back down, then down to ``peak_value / div_factor / final_div_factor``.

    value(t) = piecewise_interpolate_schedule('linear', peak_value / div_factor,
    {int(pct_start * T): div_factor, int(pct_final * T): 1 / div_factor, T: 1 /
    final_div_factor}) at t, T = transition_steps (a repeated key keeps its last scale)

    Example: ``optax.linear_onecycle_schedule(transition_steps=10000, peak_value=0.1)``.
    """

    name = "optax.linear_onecycle_schedule"
    params = (
        Param("transition_steps", Steps(positive=True), doc="the length of the cycle"),
        Param("peak_value", _VALUE, doc="the highest value"),
        Param("pct_start", _PCT, 0.3, doc="the fraction of the cycle going up"),
        Param("pct_final", _PCT, 0.85, doc="the fraction of the cycle until the last fall"),
        Param("div_factor", _DIV, 25.0, doc="the start is peak_value / div_factor"),
        Param("final_div_factor", _DIV, 1e4, doc="the end is the start / final_div_factor"),
    )
    example = "optax.linear_onecycle_schedule(transition_steps=10000, peak_value=0.1)"

    def interpolation(self) -> tuple[str, float, tuple[tuple[float, float], ...]]:
        steps, div = self.transition_steps, self.div_factor
        pairs = _dict_items(
            (int(self.pct_start * steps), div),
            (int(self.pct_final * steps), 1.0 / div),
            (steps, 1.0 / self.final_div_factor),
        )
        return "linear", self.peak_value / div, pairs

    def check(self) -> None:
        if self.resolved(self.transition_steps):
            super().check()


@register
class CosineOnecycleSchedule(_Interpolated):
    """optax's ``cosine_onecycle_schedule``: cosine from ``peak_value / div_factor`` up to
    ``peak_value``, then down to it divided by ``div_factor * final_div_factor``.

    value(t) = piecewise_interpolate_schedule('cosine', peak_value / div_factor,
    {int(pct_start * T): div_factor, int(T): 1 / (div_factor * final_div_factor)}) at t,
    T = transition_steps

    Example: ``optax.cosine_onecycle_schedule(transition_steps=10000, peak_value=0.1)``.
    """

    name = "optax.cosine_onecycle_schedule"
    params = (
        Param("transition_steps", Steps(positive=True), doc="the length of the cycle"),
        Param("peak_value", _VALUE, doc="the highest value"),
        Param("pct_start", _PCT, 0.3, doc="the fraction of the cycle going up"),
        Param("div_factor", _DIV, 25.0, doc="the start is peak_value / div_factor"),
        Param(
            "final_div_factor",
            _DIV,
            1e4,
            doc="the end is the peak / (div_factor * final_div_factor)",
        ),
    )
    example = "optax.cosine_onecycle_schedule(transition_steps=10000, peak_value=0.1)"

    def interpolation(self) -> tuple[str, float, tuple[tuple[float, float], ...]]:
        steps, div = self.transition_steps, self.div_factor
        pairs = _dict_items(
            (int(self.pct_start * steps), div),
            (int(steps), 1.0 / (div * self.final_div_factor)),
        )
        return "cosine", self.peak_value / div, pairs

    def check(self) -> None:
        product = self.div_factor * self.final_div_factor
        if product == 0 or not math.isfinite(1.0 / product):
            self.fail("final_div_factor", "makes 1 / (div_factor * final_div_factor) overflow")
        if self.resolved(self.transition_steps):
            super().check()


def _alpha(peak: float, end: float) -> float:
    """warmup_cosine_decay_schedule's alpha: end_value is ignored when peak_value is 0."""
    return 0.0 if peak == 0.0 else end / peak


@register
class WarmupCosineDecaySchedule(_Optax):
    """optax's ``warmup_cosine_decay_schedule``: linear from ``init_value`` to ``peak_value``
    over ``warmup_steps``, then a cosine down to ``end_value`` at ``decay_steps`` (the whole
    length, warmup included), then held.

    value(t) = linear_schedule(init_value, peak_value, w)(t) for t < w, then
    cosine_decay_schedule(peak_value, decay_steps - w, alpha, exponent)(t - w),
    alpha = end_value / peak_value (0 when peak_value is 0), w = warmup_steps

    Example: ``optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1,
    warmup_steps=500, decay_steps=10000, end_value=0.001)``.
    """

    name = "optax.warmup_cosine_decay_schedule"
    params = (
        Param("init_value", _VALUE, doc="the value at step 0"),
        Param("peak_value", _VALUE, doc="the value at the end of the warmup"),
        Param("warmup_steps", _STEPS, doc="how long the warmup lasts"),
        Param("decay_steps", _STEPS, doc="the whole length, warmup included"),
        Param("end_value", _VALUE, 0.0, doc="the final value (ignored when peak_value is 0)"),
        Param("exponent", _EXPONENT, 1.0, doc="the power of the cosine"),
    )
    example = (
        "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=500, "
        "decay_steps=10000, end_value=0.001)"
    )

    def finite(self) -> bool:
        return True

    def check(self) -> None:
        warmup, decay = self.warmup_steps, self.decay_steps
        if self.resolved(warmup, decay) and not decay - warmup > 0:
            self.fail(
                "decay_steps",
                f"must be greater than 'warmup_steps' ({warmup}), got {decay}: decay_steps is "
                "the whole length, warmup included",
            )
        init, peak = self.init_value, self.peak_value
        alpha = _alpha(peak, self.end_value)
        checked_finite(self, "init_value", init - peak)
        checked_finite(self, "end_value", alpha, peak * (abs(1 - alpha) + abs(alpha)))

    def length(self) -> float:
        warmup, decay = self.warmup_steps, self.decay_steps
        return _join_length([warmup], [_polynomial_length(warmup, 0), decay - warmup])

    def build(self) -> Kernel:
        init, peak, warmup = self.init_value, self.peak_value, self.warmup_steps
        alpha = _alpha(peak, self.end_value)
        ramp = _polynomial(init, peak, 1, warmup, 0)
        cosine = _cosine(peak, self.decay_steps - warmup, alpha, self.exponent)
        return _join([ramp, cosine], [warmup])


@register
class WarmupExponentialDecaySchedule(_Optax):
    """optax's ``warmup_exponential_decay_schedule``: linear from ``init_value`` to
    ``peak_value`` over ``warmup_steps``, then ``exponential_decay`` from ``peak_value``
    (its transition_begin and end_value count from the end of the warmup).

    value(t) = linear_schedule(init_value, peak_value, w)(t) for t < w, then
    exponential_decay(peak_value, transition_steps, decay_rate, transition_begin, staircase,
    end_value)(t - w), w = warmup_steps

    Example: ``optax.warmup_exponential_decay_schedule(init_value=0.0, peak_value=0.1,
    warmup_steps=500, transition_steps=1000, decay_rate=0.5)``.
    """

    name = "optax.warmup_exponential_decay_schedule"
    params = (
        Param("init_value", _VALUE, doc="the value at step 0"),
        Param("peak_value", _VALUE, doc="the value at the end of the warmup"),
        Param("warmup_steps", _STEPS, doc="how long the warmup lasts"),
        Param("transition_steps", _STEPS, doc="steps per factor of decay_rate (<= 0: none)"),
        Param("decay_rate", Real(0.0, label="factor"), doc="the factor per transition_steps"),
        Param("transition_begin", _STEPS, 0, doc="steps after the warmup before the decay"),
        Param("staircase", BOOLEAN, False, doc="decay in whole steps of transition_steps"),
        Param("end_value", Nullable(_VALUE), None, doc="a floor (a ceiling when growing)"),
    )
    example = (
        "optax.warmup_exponential_decay_schedule(init_value=0.0, peak_value=0.1, "
        "warmup_steps=500, transition_steps=1000, decay_rate=0.5)"
    )

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf

    def check(self) -> None:
        checked_finite(self, "init_value", self.init_value - self.peak_value)

    def build(self) -> Kernel:
        ramp = _polynomial(self.init_value, self.peak_value, 1, self.warmup_steps, 0)
        decay = _exponential(
            self.peak_value,
            self.transition_steps,
            self.decay_rate,
            self.transition_begin,
            self.staircase,
            self.end_value,
            self.text,
        )
        return _join([ramp, decay], [self.warmup_steps])


def _cycle_error(error: LrspecError, index: int, span: Span | None) -> LrspecError:
    message = error.message
    if message.startswith(f"{WarmupCosineDecaySchedule.name}: "):
        message = message[len(WarmupCosineDecaySchedule.name) + 2 :]
    elif message.startswith(f"{SgdrSchedule.name}: "):
        message = message[len(SgdrSchedule.name) + 2 :]
    return type(error)(
        f"{SgdrSchedule.name}: 'cosine_kwargs' cycle {index}: {message}",
        span=span,
        hint=error.hint,
    )


@register
class SgdrSchedule(_Optax):
    """optax's ``sgdr_schedule``: one ``warmup_cosine_decay_schedule`` after another, each
    given by its keywords; the last one's final value is held.

    value(t) = cycle i at t - (decay_steps of the cycles before it), cycle i =
    warmup_cosine_decay_schedule(**cosine_kwargs[i]) over its own decay_steps

    Example: ``optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1,
    'warmup_steps': 100, 'decay_steps': 1000}, {'init_value': 0.0, 'peak_value': 0.05,
    'warmup_steps': 100, 'decay_steps': 2000}])``.
    """

    name = "optax.sgdr_schedule"
    params = (
        Param(
            "cosine_kwargs",
            ListOf(Keywords()),
            doc="each cycle's keywords of optax.warmup_cosine_decay_schedule",
        ),
    )
    example = (
        "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, "
        "'warmup_steps': 100, 'decay_steps': 1000}, {'init_value': 0.0, 'peak_value': 0.05, "
        "'warmup_steps': 100, 'decay_steps': 2000}])"
    )

    def finite(self) -> bool:
        return True

    def check(self) -> None:
        self.__dict__["_cycles"] = self._make_cycles()

    def cycles(self) -> list[WarmupCosineDecaySchedule]:
        found = self.__dict__.get("_cycles")
        if found is None:
            found = self.__dict__["_cycles"] = self._make_cycles()
        return found

    def _make_cycles(self) -> list[WarmupCosineDecaySchedule]:
        span = self.spans.get("cosine_kwargs", self.span)
        if not self.cosine_kwargs:
            self.fail("cosine_kwargs", "must hold at least one cycle (optax fails when called)")
        family = WarmupCosineDecaySchedule
        cycles = []
        for index, keywords in enumerate(self.cosine_kwargs, 1):
            try:
                args = {k: typed(family, k, v, self.name, span) for k, v in keywords}
                missing = [p.name for p in family.params if p.required and p.name not in args]
                if missing:
                    raise ArgumentError(f"is missing '{missing[0]}'", span=span)
                full = {p.name: args.get(p.name, p.default) for p in family.params}
                cycle = family(full, {}, span)
                cycle.check()
            except LrspecError as error:
                raise _cycle_error(error, index, span) from None
            cycles.append(cycle)
        return cycles

    def _boundaries(self) -> list[float]:
        boundaries: list[float] = []
        step = 0
        for cycle in self.cycles()[:-1]:
            step += cycle.decay_steps
            boundaries.append(step)
        return boundaries

    def length(self) -> float:
        return _join_length(self._boundaries(), [c.length() for c in self.cycles()])

    def build(self) -> Kernel:
        return _join([c.build() for c in self.cycles()], self._boundaries())


@register
class JoinSchedules(_Optax):
    """optax's ``join_schedules``: each schedule from its boundary on, seeing the steps since
    that boundary.

    value(t) = schedules[i](t - boundaries[i-1]) for the last i >= 1 (in list order) with
    boundaries[i-1] <= t, else schedules[0](t); the two lists are zipped, so surplus
    boundaries or schedules are ignored

    Example: ``optax.join_schedules(schedules=[optax.linear_schedule(init_value=0.0,
    end_value=0.1, transition_steps=500), optax.cosine_decay_schedule(init_value=0.1,
    decay_steps=9500)], boundaries=[500])``.
    """

    name = "optax.join_schedules"
    params = (
        Param("schedules", ListOf(SCHEDULE), doc="the schedules, in order"),
        Param("boundaries", ListOf(_STEPS), doc="the step where each later schedule starts"),
    )
    example = (
        "optax.join_schedules(schedules=[optax.linear_schedule(init_value=0.0, end_value=0.1, "
        "transition_steps=500), optax.cosine_decay_schedule(init_value=0.1, decay_steps=9500)], "
        "boundaries=[500])"
    )

    def check(self) -> None:
        if not self.schedules:
            self.fail("schedules", "must hold at least one schedule (optax fails when called)")

    def _zipped(self) -> tuple[list[float], list[Expr]]:
        boundaries = list(self.boundaries[: len(self.schedules) - 1])
        return boundaries, list(self.schedules[: len(boundaries) + 1])

    def finite(self) -> bool:
        return self._zipped()[1][-1].finite()

    def length(self) -> float:
        boundaries, members = self._zipped()
        return _join_length(boundaries, [s.length() for s in members])

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        boundaries, members = self._zipped()
        return _join([builder.build(s, offset) for s in members], boundaries)
