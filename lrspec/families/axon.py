"""Axon's schedules (``Axon.Schedules`` v0.4.1, Elixir options written as keywords).

Axon computes in float32; lrspec computes the same formulas in float64.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..compute import kernels
from ..model.expr import DOMAIN_HINT, Builder, past_domain
from ..model.family import Param
from ..model.registry import register
from ..model.types import BOOLEAN, POSITIVE_STEPS, RATE, STEPS, Real
from ..syntax.errors import LimitError
from ..syntax.printer import format_step
from .core import ExponentialDecay, _Endless, _Finite, _Flat

_POWER = Real(0.0, 1e6, label="exponent")


@register
class AxonConstant(_Flat):
    """Axon's constant schedule.

    value(t) = init_value

    Example: ``constant(0.1)``.
    """

    name = "constant"
    origin = "Axon"
    params = (Param("init_value", RATE, doc="the rate"),)
    example = "constant(0.1)"


@register
class AxonCosineDecay(_Finite):
    """Axon's cosine decay to ``alpha * init_value`` over ``decay_steps`` steps.

    value(t) = init_value * ((1 + cos(pi * min(t, k) / k)) / 2 * (1 - alpha) + alpha),
    k = decay_steps

    Example: ``cosine_decay(0.1, decay_steps=1000, alpha=0.1)``.
    """

    name = "cosine_decay"
    origin = "Axon"
    params = (
        Param("init_value", RATE, doc="the rate at step 0"),
        Param("decay_steps", POSITIVE_STEPS, 10, doc="how long the decay lasts"),
        Param("alpha", Real(0.0, 1.0, label="fraction"), 0.0, doc="the final fraction"),
    )
    example = "cosine_decay(0.1, decay_steps=1000, alpha=0.1)"

    decay_steps: float

    def length(self) -> float:
        return self.decay_steps

    def formula(self, m: Any) -> Callable[[Any], Any]:
        init_value, k, alpha = self.init_value, self.decay_steps, self.alpha
        cos, pi = m.cos, m.pi

        def value(t: Any) -> Any:  # Axon's order of operations
            return ((cos(t / k * pi) + 1) / 2 * (1 - alpha) + alpha) * init_value

        return value


@register
class AxonExponentialDecay(_Endless):
    """Axon's exponential decay: the same as ``ExponentialDecay(init_value, decay_rate,
    transition_steps, begin=transition_begin, staircase=staircase)``.

    value(t) = init_value for t <= begin, else init_value * decay_rate ** ((t - begin) / k)
    (the exponent floored when staircase), k = transition_steps

    Example: ``exponential_decay(0.1, decay_rate=0.5, transition_steps=100,
    transition_begin=50, staircase=true)``.
    """

    name = "exponential_decay"
    origin = "Axon"
    params = (
        Param("init_value", RATE, doc="the rate until the decay begins"),
        Param(
            "decay_rate",
            Real(0.0, 1.0, lo_open=True, label="factor"),
            0.95,
            doc="the factor per `transition_steps`",
        ),
        Param("transition_steps", POSITIVE_STEPS, 10, doc="steps per factor of `decay_rate`"),
        Param("transition_begin", STEPS, 0, doc="steps before the decay starts"),
        Param("staircase", BOOLEAN, False, doc="decay in whole steps"),
    )
    example = (
        "exponential_decay(0.1, decay_rate=0.5, transition_steps=100, "
        "transition_begin=50, staircase=true)"
    )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        same = ExponentialDecay(
            {
                "initial": self.init_value,
                "rate": self.decay_rate,
                "steps": self.transition_steps,
                "begin": self.transition_begin,
                "staircase": self.staircase,
            }
        )
        return same.kernel(builder, offset)


@register
class AxonPolynomialDecay(_Finite):
    """Axon's polynomial decay from ``init_value`` to ``end_value``.

    value(t) = (1 - clip(t - begin, 0, k) / k) ** power * (init_value - end_value) + end_value,
    k = transition_steps, begin = transition_begin; length begin + k

    Example: ``polynomial_decay(0.1, end_value=0.001, power=2, transition_steps=500,
    transition_begin=100)``.
    """

    name = "polynomial_decay"
    origin = "Axon"
    params = (
        Param("init_value", RATE, doc="the rate until the decay begins"),
        Param("end_value", RATE, 1e-3, doc="the final rate"),
        Param("power", _POWER, 2.0, doc="the exponent"),
        Param("transition_steps", POSITIVE_STEPS, 10, doc="how long the decay lasts"),
        Param("transition_begin", STEPS, 0, doc="steps before the decay starts"),
    )
    example = (
        "polynomial_decay(0.1, end_value=0.001, power=2, transition_steps=500, "
        "transition_begin=100)"
    )

    transition_begin: float
    transition_steps: float

    def check(self) -> None:
        begin, k = self.transition_begin, self.transition_steps
        if self.resolved(begin, k) and past_domain(begin + k):
            self.fail(
                "transition_begin",
                f"plus 'transition_steps' makes {format_step(begin + k)} steps; the limit is 2**53",
                cls=LimitError,
                hint=DOMAIN_HINT,
            )

    def length(self) -> float:
        return self.transition_begin + self.transition_steps

    def formula(self, m: Any) -> Callable[[Any], Any]:
        init_value, end_value, power = self.init_value, self.end_value, self.power
        k, begin = self.transition_steps, self.transition_begin
        height = init_value - end_value
        pow_, minimum, maximum = m.pow, m.minimum, m.maximum

        def value(t: Any) -> Any:
            return pow_(1 - minimum(maximum(t - begin, 0.0), k) / k, power) * height + end_value

        return value


@register
class AxonLinearDecay(_Finite):
    """Axon's linear warmup and decay, with Polaris's fix: the result is multiplied by
    ``init_value`` (Axon v0.4.1 to v0.6 return the bare 0..1 multiplier, a bug that its
    successor Polaris fixed; lrspec follows the fix).

    value(t) = init_value * t / max(1, warmup)                          for t < warmup
    value(t) = init_value * max(0, (steps - t) / max(1, steps - warmup))  after

    Example: ``linear_decay(0.1, warmup=100, steps=1000)``.
    """

    name = "linear_decay"
    origin = "Axon"
    params = (
        Param("init_value", RATE, doc="the peak rate"),
        Param("warmup", STEPS, 0, doc="steps of linear warmup from 0"),
        Param("steps", POSITIVE_STEPS, 1000, doc="the total length, warmup included"),
    )
    example = "linear_decay(0.1, warmup=100, steps=1000)"

    def check(self) -> None:
        if self.resolved(self.warmup, self.steps) and self.warmup > self.steps:
            self.fail("warmup", f"must not exceed 'steps' ({self.steps}), got {self.warmup}")

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        init_value, warmup, steps = self.init_value, self.warmup, self.steps
        warmup_span, decay_span = max(1, warmup), max(1, steps - warmup)

        def rising(m: Any) -> Callable[[Any], Any]:
            return lambda t: t / warmup_span * init_value

        def falling(m: Any) -> Callable[[Any], Any]:
            maximum = m.maximum
            return lambda t: maximum(0.0, (steps - t) / decay_span) * init_value

        return kernels.formula_pieces(steps, [warmup], [rising, falling])
