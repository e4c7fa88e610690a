"""numpy-ml's schedulers (``numpy_ml.neural_nets.schedulers``); their ``__str__`` forms parse.

KingScheduler reads the loss and lives in ``stateful.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..compute import kernels
from ..model.expr import Builder
from ..model.family import Param
from ..model.registry import register
from ..model.types import BOOLEAN, POSITIVE_STEPS, RATE, Integer, Real
from .core import _Endless, _Flat


@register
class ConstantScheduler(_Flat):
    """numpy-ml's constant rate.

    value(t) = lr

    Example: ``ConstantScheduler(lr=0.05)``.
    """

    name = "ConstantScheduler"
    origin = "numpy-ml"
    params = (Param("lr", RATE, 0.01, doc="the rate"),)
    example = "ConstantScheduler(lr=0.05)"


@register
class ExponentialScheduler(_Endless):
    """numpy-ml's exponential decay by ``decay`` per ``stage_length`` steps.

    value(t) = initial_lr * decay ** (t / stage_length), floor of the exponent when staircase

    Example: ``ExponentialScheduler(initial_lr=0.01, stage_length=500, staircase=False,
    decay=0.1)`` (numpy-ml's own ``__str__`` form).
    """

    name = "ExponentialScheduler"
    origin = "numpy-ml"
    params = (
        Param("initial_lr", RATE, 0.01, doc="the rate at step 0"),
        Param("stage_length", POSITIVE_STEPS, 500, doc="steps per factor of `decay`"),
        Param("staircase", BOOLEAN, False, doc="decay in whole stages"),
        Param("decay", Real(0.0, 1.0, label="factor"), 0.1, doc="the factor per stage"),
    )
    example = "ExponentialScheduler(initial_lr=0.01, stage_length=500, staircase=False, decay=0.1)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial_lr, stage_length = self.initial_lr, self.stage_length
        staircase, decay = self.staircase, self.decay
        pow_, floor = m.pow, m.floor

        def value(t: Any) -> Any:
            stage = t / stage_length
            if staircase:
                stage = floor(stage)
            return initial_lr * pow_(decay, stage)

        return value


@register
class NoamScheduler(_Endless):
    """The Transformer ("Noam") schedule, numpy-ml's ``NoamScheduler``.

    value(t) = scale_factor * model_dim ** -0.5 * min(t ** -0.5, t * warmup_steps ** -1.5)

    and 0 at t = 0 (where numpy-ml raises). It rises linearly to its peak at
    ``t = warmup_steps`` and then decays as ``1 / sqrt(t)``; for t >= 1 it equals
    ``Warmup(w) >> InverseSqrt(p, w)`` with ``p = scale_factor * model_dim**-0.5 * w**-0.5``.

    Example: ``NoamScheduler(model_dim=512, scale_factor=1, warmup_steps=4000)``.
    """

    name = "NoamScheduler"
    origin = "numpy-ml"
    params = (
        Param("model_dim", Integer(1, 2**31), 512, doc="the model width d"),
        Param(
            "scale_factor",
            Real(0.0, 1e300, lo_open=True, label="factor"),
            1.0,
            doc="a factor on the whole schedule",
        ),
        Param("warmup_steps", POSITIVE_STEPS, 4000, doc="the step of the peak"),
    )
    example = "NoamScheduler(model_dim=512, scale_factor=1, warmup_steps=4000)"

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        scale_factor = self.scale_factor
        dim_factor = self.model_dim**-0.5
        warmup_factor = self.warmup_steps**-1.5

        def after_zero(m: Any) -> Callable[[Any], Any]:
            pow_, minimum = m.pow, m.minimum

            def value(t: Any) -> Any:
                return scale_factor * (dim_factor * minimum(pow_(t, -0.5), t * warmup_factor))

            return value

        # Step 0 is its own piece: t ** -0.5 is infinite there.
        return kernels.formula_pieces(
            math.inf, [math.ulp(0.0)], [kernels.constant_formula(0.0), after_zero]
        )
