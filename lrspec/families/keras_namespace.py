"""The ``keras.`` namespace: every schedule of ``keras.optimizers.schedules`` in Keras's words.

Keras's parameter names, defaults and positional order (``name`` included, where Keras has it
in the middle: ``CosineDecay(initial_learning_rate, decay_steps, alpha, name, ...)``); the
value at step ``t`` is ``schedule(t)``. Keras computes in float32 (the dtype of
``initial_learning_rate``); lrspec computes Keras's formula, operation for operation, in
float64. Where a family is exactly a core lrspec expression (same operations, same order) it
says so with ``meaning()``; the others write Keras's formula once (``formula(m)``).

Keras accepts arguments that give NaN or a rate that grows without bound (a negative rate, a
``decay_rate`` above 1, ``t_mul`` below 1, boundaries out of order); lrspec rejects them with
an error naming the parameter. Keras computes in int32 when ``initial_learning_rate`` is an
int (``ExponentialDecay(1, 10, 0.5)`` is 1, 0, 0, ...); lrspec always computes the real-valued
formula.

Keras's ``CosineDecayRestarts`` finds its cycle with a logarithm; at some exact cycle starts
(``t_mul=3`` at ``t = 121 * first_decay_steps``) the logarithm lands one cycle early and Keras
gives the end of the previous cycle there. ``keras.CosineDecayRestarts`` computes that
logarithm as Keras's float64 formula does (:func:`floor_log`), so it follows Keras at those
steps too; lrspec's own ``Repeat`` counts cycles exactly.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

import numpy as np

from ..compute import kernels
from ..compute.math_namespaces import floor_log, libm
from ..model.expr import Builder, Expr
from ..model.family import Family, Param
from ..model.registry import register
from ..model.types import (
    BOOLEAN,
    POSITIVE_STEPS,
    RATE,
    STEPS,
    Context,
    ListOf,
    Nullable,
    ParamType,
    Real,
    describe_node,
)
from ..model.units import MAX_STEPS
from ..syntax.errors import LimitError
from ..syntax.nodes import Node, String, Word
from ..syntax.records import Record
from .combinators import Staircase
from .core import ExponentialDecay as CoreExponentialDecay
from .core import InverseTime, Polynomial


class _Text(ParamType, Record):
    """A string: Keras's ``name`` (it names the operation; no effect on values)."""

    _fields = ("label",)
    _defaults = {"label": "string"}

    def convert(self, node: Node, ctx: Context) -> Any:
        if type(node) is String:
            return node.value
        if type(node) is Word:
            return node.name
        ctx.fail(f"must be a string, got {describe_node(node)}", node)

    def describe(self) -> str:
        return self.label

    def to_node(self, value: Any) -> Node:
        return String(value)

    def node_from_json(self, value: Any, ctx: Context) -> Node:
        if isinstance(value, str):
            return String(value)
        return super().node_from_json(value, ctx)


_TEXT = _Text()
_DECAY_RATE = Real(0.0, 1.0, lo_open=True, label="factor")
_INVERSE_RATE = Real(0.0, 1e300, label="factor")
_FRACTION = Real(0.0, 1.0, label="fraction")
_POWER = Real(0.0, 1e6, label="exponent")
_T_MUL = Real(1.0, 1e6, label="factor")
_M_MUL = Real(0.0, 1.0, label="factor")

_INITIAL = Param("initial_learning_rate", RATE, doc="the rate at step 0")
_DECAY_STEPS = Param("decay_steps", POSITIVE_STEPS, doc="the steps of one decay period")
_STAIRCASE = Param("staircase", BOOLEAN, False, doc="decay in whole periods of `decay_steps`")


def _name(default: str) -> Param:
    return Param("name", _TEXT, default, doc="Keras's name for the operation (no effect)")


class _Keras(Family):
    __slots__ = ()
    origin = "keras."
    print_keywords = True

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        meaning = self.meaning()
        return math.inf if meaning is None else meaning.length()


@register
class KerasExponentialDecay(_Keras):
    """Keras's ``ExponentialDecay``: the rate times ``decay_rate`` every ``decay_steps``.

    value(t) = initial_learning_rate * decay_rate ** p, p = t / decay_steps (floor(p) when
    staircase); it never ends. Exactly lrspec's ExponentialDecay(initial_learning_rate,
    decay_rate, decay_steps, staircase=staircase). Keras also accepts a decay_rate of 0 or
    above 1 (a rate that grows without bound); lrspec takes (0, 1].

    Example: ``keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=1000,
    decay_rate=0.96, staircase=true)``.
    """

    name = "keras.ExponentialDecay"
    params = (
        _INITIAL,
        _DECAY_STEPS,
        Param("decay_rate", _DECAY_RATE, doc="the factor per `decay_steps` steps"),
        _STAIRCASE,
        _name("ExponentialDecay"),
    )
    example = (
        "keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=1000, "
        "decay_rate=0.96, staircase=true)"
    )

    def meaning(self) -> Expr:
        return CoreExponentialDecay.make(
            initial=self.initial_learning_rate,
            rate=self.decay_rate,
            steps=self.decay_steps,
            staircase=self.staircase,
        )


@register
class KerasPiecewiseConstantDecay(_Keras):
    """Keras's ``PiecewiseConstantDecay``: ``values[0]`` up to and INCLUDING
    ``boundaries[0]``, then ``values[1]`` up to and including ``boundaries[1]``, ...

    value(t) = values[number of boundaries < t]: a step at a boundary keeps the earlier value
    (Keras tests t <= boundary; lrspec's PiecewiseConstant switches at the boundary itself,
    so PiecewiseConstant([b + 1, ...], values) is the same at whole steps).
    Keras sums masked values, so boundaries out of order give sums of values; lrspec requires
    them in ascending order, and at least one.

    Example: ``keras.PiecewiseConstantDecay(boundaries=[100000, 110000], values=[1.0, 0.5,
    0.1])``.
    """

    name = "keras.PiecewiseConstantDecay"
    params = (
        Param(
            "boundaries",
            ListOf(STEPS, ascending=True),
            doc="the last step of each value but the last",
        ),
        Param("values", ListOf(RATE), doc="one more rate than boundaries"),
        _name("PiecewiseConstant"),
    )
    example = "keras.PiecewiseConstantDecay(boundaries=[100000, 110000], values=[1.0, 0.5, 0.1])"

    def check(self) -> None:
        if not self.boundaries:
            self.fail("boundaries", "must have at least one item (Keras fails without one)")
        if len(self.values) != len(self.boundaries) + 1:
            self.fail(
                "values",
                f"must have one more item than 'boundaries' "
                f"({len(self.boundaries) + 1}), got {len(self.values)}",
            )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        # values[number of boundaries < t]: the left side of each boundary (Keras's `<=`).
        bounds = [float(b) for b in self.boundaries]
        values = [float(v) for v in self.values]
        edges, table = np.asarray(bounds), np.asarray(values)

        def scalar(t: float) -> float:
            return values[bisect_left(bounds, t)]

        def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
            out[...] = table[np.searchsorted(edges, t, "left")]

        def traced(t: Any, m: Any) -> Any:
            return m.take(m.asarray(table), m.searchsorted(m.asarray(edges), t, side="left"))

        return kernels.Kernel(math.inf, scalar, fill, traced)


@register
class KerasPolynomialDecay(_Keras):
    """Keras's ``PolynomialDecay``: from ``initial_learning_rate`` to ``end_learning_rate``
    over ``decay_steps``, optionally again and again (``cycle``).

    value(t) = (initial_learning_rate - end_learning_rate) * (1 - p) ** power
    + end_learning_rate, with p = min(t, decay_steps) / decay_steps; without cycle it ends at
    decay_steps and holds end_learning_rate (lrspec's Polynomial). With cycle=true,
    p = t / (decay_steps * k), k = ceil(t / decay_steps) (1 at t = 0): each cycle decays over
    the next multiple of decay_steps, starting lower each time, and never ends.

    Example: ``keras.PolynomialDecay(initial_learning_rate=0.1, decay_steps=1000,
    end_learning_rate=0.01, power=0.5, cycle=true)``.
    """

    name = "keras.PolynomialDecay"
    params = (
        _INITIAL,
        Param("decay_steps", POSITIVE_STEPS, doc="how long one decay lasts"),
        Param("end_learning_rate", RATE, 0.0001, doc="the rate at the end of the decay"),
        Param("power", _POWER, 1.0, doc="the exponent; 1 is linear"),
        Param("cycle", BOOLEAN, False, doc="decay again over each next multiple of decay_steps"),
        _name("PolynomialDecay"),
    )
    example = (
        "keras.PolynomialDecay(initial_learning_rate=0.1, decay_steps=1000, "
        "end_learning_rate=0.01, power=0.5, cycle=true)"
    )

    def finite(self) -> bool:
        return not self.cycle

    def meaning(self) -> Expr | None:
        if self.cycle:
            return None
        return Polynomial.make(
            initial=self.initial_learning_rate,
            final=self.end_learning_rate,
            steps=self.decay_steps,
            power=self.power,
        )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        if not self.cycle:
            return super().kernel(builder, offset)
        return kernels.formula(math.inf, self.formula)

    def formula(self, m: Any) -> Callable[[Any], Any]:
        steps, power, end = self.decay_steps, self.power, self.end_learning_rate
        height = self.initial_learning_rate - end
        floor, where, pow_, maximum = m.floor, m.where, libm(m, "pow"), m.maximum
        # (1 - p) can come out a rounding below 0 at a cycle's end, where Keras's fractional
        # power gives NaN; there the decay has ended (1 - p = 0).
        whole = float(power).is_integer()

        def value(t: Any) -> Any:
            multiplier = where(t == 0, 1.0, -floor(-(t / steps)))  # ceil
            p = t / (steps * multiplier)
            rest = 1 - p if whole else maximum(1 - p, 0.0)
            return height * pow_(rest, power) + end

        return value


@register
class KerasInverseTimeDecay(_Keras):
    """Keras's ``InverseTimeDecay``: the rate divided by 1 + decay_rate per decay period.

    value(t) = initial_learning_rate / (1 + decay_rate * p), p = t / decay_steps (floor(p)
    when staircase); it never ends. Exactly lrspec's InverseTime(initial_learning_rate,
    decay_rate, decay_steps), held in steps of decay_steps by Staircase when staircase.

    Example: ``keras.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=1000,
    decay_rate=0.5, staircase=true)``.
    """

    name = "keras.InverseTimeDecay"
    params = (
        _INITIAL,
        _DECAY_STEPS,
        Param("decay_rate", _INVERSE_RATE, doc="how fast the rate falls"),
        _STAIRCASE,
        _name("InverseTimeDecay"),
    )
    example = (
        "keras.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=1000, "
        "decay_rate=0.5, staircase=true)"
    )

    def meaning(self) -> Expr:
        decay = InverseTime.make(
            initial=self.initial_learning_rate, rate=self.decay_rate, steps=self.decay_steps
        )
        if not self.staircase:
            return decay
        return Staircase.make(schedule=decay, steps=self.decay_steps)


@register
class KerasCosineDecay(_Keras):
    """Keras's ``CosineDecay``: a cosine from ``initial_learning_rate`` down to ``alpha``
    times it over ``decay_steps``, after an optional linear warmup to ``warmup_target``.

    decay(s, top) = top * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decay_steps)) + alpha).
    Without warmup_target: value(t) = decay(min(t, decay_steps), initial_learning_rate).
    With it: for t < warmup_steps, (warmup_target - initial_learning_rate) * (t /
    warmup_steps) + initial_learning_rate, then decay(min(t, decay_steps + warmup_steps) -
    warmup_steps, warmup_target): decay_steps does not include the warmup, and the floor is
    alpha times warmup_target. It ends at decay_steps (+ warmup_steps) and holds its floor.

    Example: ``keras.CosineDecay(initial_learning_rate=0.0, decay_steps=9000,
    warmup_target=0.1, warmup_steps=1000)``.
    """

    name = "keras.CosineDecay"
    params = (
        _INITIAL,
        Param("decay_steps", POSITIVE_STEPS, doc="how long the cosine lasts"),
        Param("alpha", _FRACTION, 0.0, doc="the final rate as a fraction of the top rate"),
        _name("CosineDecay"),
        Param(
            "warmup_target",
            Nullable(RATE),
            None,
            doc="the rate the warmup reaches and the cosine starts from",
        ),
        Param("warmup_steps", STEPS, 0, doc="how long the warmup lasts"),
    )
    example = (
        "keras.CosineDecay(initial_learning_rate=0.0, decay_steps=9000, "
        "warmup_target=0.1, warmup_steps=1000)"
    )

    decay_steps: float
    warmup_steps: float

    def finite(self) -> bool:
        return True

    def check(self) -> None:
        if self.warmup_target is None or not self.resolved(self.decay_steps, self.warmup_steps):
            return
        if self.decay_steps + self.warmup_steps > MAX_STEPS:
            self.fail(
                "warmup_steps",
                f"makes the schedule {self.decay_steps + self.warmup_steps} steps long "
                "(decay_steps + warmup_steps); the limit is 2**53",
                cls=LimitError,
            )

    def length(self) -> float:
        if self.warmup_target is None:
            return self.decay_steps
        return self.decay_steps + self.warmup_steps

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.formula(self.length(), self.formula)

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial, steps, alpha = self.initial_learning_rate, self.decay_steps, self.alpha
        target, warmup = self.warmup_target, self.warmup_steps
        cos, pi, minimum, where = m.cos, m.pi, m.minimum, m.where

        def decay(s: Any, top: Any) -> Any:
            cosine = 0.5 * (1.0 + cos(pi * (s / steps)))
            return top * ((1 - alpha) * cosine + alpha)

        if target is None:
            return lambda t: decay(minimum(t, steps), initial)
        end = steps + warmup
        if warmup == 0:  # no warmup branch (Keras's would divide 0 by 0, and never be taken)
            return lambda t: decay(minimum(t, end) - warmup, target)
        delta = target - initial

        def value(t: Any) -> Any:
            s = minimum(t, end)
            return where(s < warmup, delta * (s / warmup) + initial, decay(s - warmup, target))

        return value


@register
class KerasCosineDecayRestarts(_Keras):
    """Keras's ``CosineDecayRestarts`` (SGDR): cosine cycles, each ``t_mul`` times as long as
    the one before and ``m_mul`` times as high, above a floor of ``alpha`` times the rate.

    f = t / first_decay_steps; i = floor(f) and f = f - i when t_mul = 1, else
    i = floor(log(1 - f * (1 - t_mul)) / log(t_mul)) and
    f = (f - (1 - t_mul ** i) / (1 - t_mul)) / t_mul ** i;
    value(t) = initial_learning_rate * ((1 - alpha) * 0.5 * m_mul ** i * (1 + cos(pi * f))
    + alpha). It never ends. Note Keras's default t_mul is 2. Keras's logarithm can count an
    exact cycle start in the cycle before (t_mul=3: t = 121 * first_decay_steps); this family
    does too, as Keras's float64 formula does. lrspec's Repeat(Cosine(...), mult=t_mul,
    decay=m_mul) counts cycles exactly.

    Example: ``keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10,
    t_mul=3.0, m_mul=0.9, alpha=0.01)``.
    """

    name = "keras.CosineDecayRestarts"
    params = (
        _INITIAL,
        Param("first_decay_steps", POSITIVE_STEPS, doc="the length of the first cycle"),
        Param("t_mul", _T_MUL, 2.0, doc="each cycle is this much longer"),
        Param("m_mul", _M_MUL, 1.0, doc="each cycle starts this much lower"),
        Param("alpha", _FRACTION, 0.0, doc="the floor as a fraction of the initial rate"),
        _name("SGDRDecay"),
    )
    example = (
        "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, "
        "t_mul=3.0, m_mul=0.9, alpha=0.01)"
    )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.formula(math.inf, self.formula)

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial, first = self.initial_learning_rate, self.first_decay_steps
        t_mul, m_mul, alpha = self.t_mul, self.m_mul, self.alpha
        cos, pi, pow_, floor = m.cos, m.pi, libm(m, "pow"), m.floor

        if t_mul == 1:

            def cycle(fraction: Any) -> tuple[Any, Any]:
                i = floor(fraction)
                return i, fraction - i
        else:
            index = floor_log(m, t_mul)

            def cycle(fraction: Any) -> tuple[Any, Any]:
                i = index(1.0 - fraction * (1.0 - t_mul))
                grown = pow_(t_mul, i)
                return i, (fraction - (1.0 - grown) / (1.0 - t_mul)) / grown

        def value(t: Any) -> Any:
            i, fraction = cycle(t / first)
            cosine = 0.5 * pow_(m_mul, i) * (1.0 + cos(pi * fraction))
            return initial * ((1 - alpha) * cosine + alpha)

        return value
