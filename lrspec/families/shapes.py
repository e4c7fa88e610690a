"""More decay shapes: timm's tanh, and the 1-sqrt cooldown of warmup-stable-decay schedules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..compute import kernels
from ..model.expr import Builder
from ..model.family import Param
from ..model.registry import register
from ..model.types import POSITIVE_STEPS, RATE, Real
from .core import _Finite

_SHAPE = Real(-1e6, 1e6, label="number")


@register
class Tanh(_Finite):
    """timm's tanh decay (``TanhLRScheduler``) from ``initial`` to ``final`` over ``steps``.

    value(t) = final + 0.5 * (initial - final) * (1 - tanh(lb * (1 - r) + ub * r)), r = t / steps

    and exactly ``final`` from t = steps on, as timm gives ``lr_min`` after its cycle (the
    formula itself ends a little above ``final``).

    Example: ``Tanh(0.1, 0.0, 100)``.
    """

    name = "Tanh"
    origin = "timm"
    params = (
        Param("initial", RATE, doc="the rate the curve starts near"),
        Param("final", RATE, doc="the rate from step `steps` on"),
        Param("steps", POSITIVE_STEPS, doc="how long the decay lasts"),
        Param("lb", _SHAPE, -7.0, doc="the tanh argument at the start"),
        Param("ub", _SHAPE, 3.0, doc="the tanh argument at the end"),
    )
    example = "Tanh(0.1, 0.0, 100)"

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.formula(self.steps, self.formula, hold=self.final)

    def formula(self, m: Any) -> Callable[[Any], Any]:
        final, steps, lb, ub = self.final, self.steps, self.lb, self.ub
        height = self.initial - final
        tanh = m.tanh

        def value(t: Any) -> Any:
            r = t / steps
            return final + 0.5 * height * (1 - tanh(lb * (1.0 - r) + ub * r))

        return value


@register
class OneMinusSqrt(_Finite):
    """The "1-sqrt" decay of warmup-stable-decay schedules (Hugging Face's
    ``warmup_stable_decay`` with ``decay_type="1-sqrt"``, timm's WSD): from ``initial`` to
    ``final`` over ``steps``, falling fast at first.

    value(t) = final + (initial - final) * (1 - sqrt(t / steps))

    Example: ``Warmup(100) >> Constant(0.1)[:600] >> OneMinusSqrt(0.1, 0.001, 300)``.
    """

    name = "OneMinusSqrt"
    params = (
        Param("initial", RATE, doc="the rate at step 0"),
        Param("final", RATE, doc="the rate from step `steps` on"),
        Param("steps", POSITIVE_STEPS, doc="how long the decay lasts"),
    )
    example = "Warmup(100) >> Constant(0.1)[:600] >> OneMinusSqrt(0.1, 0.001, 300)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        final, steps = self.final, self.steps
        height = self.initial - final
        sqrt = m.sqrt

        def value(t: Any) -> Any:
            return final + height * (1 - sqrt(t / steps))

        return value
