"""lrspec's own families: the shapes PyTorch, optax and Hugging Face users write every day.

Each formula is written once against the math namespace ``m`` (see ``lrspec._math``) and
serves both the per-step path and the array path. ``t`` is the step inside the family.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..compute import kernels
from ..model.expr import Builder
from ..model.family import Family, Param
from ..model.registry import register
from ..model.types import (
    BOOLEAN,
    POSITIVE_STEPS,
    RATE,
    STEPS,
    Choice,
    ListOf,
    Real,
    Steps,
)

_DECAY = Real(0.0, 1.0, lo_open=True, label="factor")
_GAMMA = Real(0.0, 1.0, label="factor")
_POWER = Real(0.0, 1e6, label="exponent")


class _Finite(Family):
    """A family that lasts ``steps`` steps and then holds its final value."""

    __slots__ = ()

    steps: float  # a parameter of every one (read through Family.__getattr__)

    def finite(self) -> bool:
        return True

    def length(self) -> float:
        return self.steps


class _Endless(Family):
    __slots__ = ()

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf


class _Flat(_Endless):
    """A constant rate, whatever its one parameter is called."""

    __slots__ = ()

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.constant(self.args[self.params[0].name])


@register
class Constant(_Flat):
    """A constant rate, forever (nerva-numpy's ``ConstantScheduler``).

    value(t) = lr

    Example: ``Constant(0.1)``; give it a length to continue with ``>>``:
    ``Constant(0.1)[:1000] >> Linear(0.1, 0.0, 9000)``.
    """

    name = "Constant"
    origin = "nerva-numpy"
    params = (Param("lr", RATE, doc="the rate"),)
    example = "Constant(0.1)"


@register
class Linear(_Finite):
    """Linear from ``initial`` to ``final`` over ``steps`` steps, then ``final``.

    value(t) = initial + (final - initial) * (t / steps), and exactly final from t = steps on

    Example: ``Linear(0.1, 0.0, 1000)``. PyTorch's ``LinearLR(start_factor=a, end_factor=b,
    total_iters=n)`` on a base rate ``lr`` is ``Linear(a*lr, b*lr, n)``; optax's
    ``linear_schedule(init, end, n)`` is ``Linear(init, end, n)``.
    """

    name = "Linear"
    params = (
        Param("initial", RATE, doc="the rate at step 0"),
        Param("final", RATE, doc="the rate from step `steps` on"),
        Param("steps", POSITIVE_STEPS, doc="how long the ramp lasts"),
    )
    example = "Linear(0.1, 0.0, 1000)"

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.formula(self.steps, self.formula, hold=self.final)

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial, steps = self.initial, self.steps
        delta = self.final - initial

        def value(t: Any) -> Any:
            return initial + delta * (t / steps)

        return value


@register
class Cosine(_Finite):
    """Cosine annealing from ``initial`` to ``final`` over ``steps`` steps, then ``final``.

    value(t) = final + (initial - final) * (1 + cos(pi * t / steps)) / 2

    Example: ``Cosine(0.1, 0.0, 10000)``. PyTorch's ``CosineAnnealingLR(T_max, eta_min)`` up
    to ``T_max`` (PyTorch keeps oscillating after it; lrspec holds ``final``), optax's
    ``cosine_decay_schedule(init, n, alpha)`` is ``Cosine(init, alpha*init, n)``.
    """

    name = "Cosine"
    params = (
        Param("initial", RATE, doc="the rate at step 0"),
        Param("final", RATE, doc="the rate from step `steps` on"),
        Param("steps", POSITIVE_STEPS, doc="how long the decay lasts"),
    )
    example = "Cosine(0.1, 0.0, 10000)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        final, steps = self.final, self.steps
        height = self.initial - final
        cos, pi = m.cos, m.pi

        def value(t: Any) -> Any:
            return final + height * (1 + cos(pi * t / steps)) / 2

        return value


@register
class Polynomial(_Finite):
    """Polynomial decay from ``initial`` to ``final`` over ``steps`` steps, then ``final``.

    value(t) = (initial - final) * (1 - t / steps) ** power + final

    Example: ``Polynomial(0.1, 0.0001, 900, power=2)``. PyTorch's ``PolynomialLR(total_iters,
    power)`` is ``Polynomial(lr, 0, total_iters, power=power)``; optax's
    ``polynomial_schedule(init, end, power, n)`` is ``Polynomial(init, end, n, power=power)``.
    """

    name = "Polynomial"
    params = (
        Param("initial", RATE, doc="the rate at step 0"),
        Param("final", RATE, doc="the rate from step `steps` on"),
        Param("steps", POSITIVE_STEPS, doc="how long the decay lasts"),
        Param("power", _POWER, 1.0, doc="the exponent; 1 is linear"),
    )
    example = "Polynomial(0.1, 0.0001, 900, power=2)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        final, steps, power = self.final, self.steps, self.power
        height = self.initial - final
        pow_ = m.pow

        def value(t: Any) -> Any:
            return height * pow_(1 - t / steps, power) + final

        return value


@register
class StepLR(_Endless):
    """Multiply by ``gamma`` every ``step_size`` steps (PyTorch's ``StepLR``).

    value(t) = initial * gamma ** floor(t / step_size)

    Example: ``StepLR(0.1, 30, gamma=0.1)``.
    """

    name = "StepLR"
    origin = "PyTorch"
    params = (
        Param("initial", RATE, doc="the rate at step 0"),
        Param("step_size", POSITIVE_STEPS, doc="steps between two drops"),
        Param("gamma", _GAMMA, 0.1, doc="the factor of each drop"),
    )
    example = "StepLR(0.1, 30, gamma=0.1)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial, step_size, gamma = self.initial, self.step_size, self.gamma
        pow_, floor = m.pow, m.floor

        def value(t: Any) -> Any:
            return initial * pow_(gamma, floor(t / step_size))

        return value


@register
class ExponentialDecay(_Endless):
    """Exponential decay by ``rate`` every ``steps`` steps, starting after ``begin``.

    value(t) = initial                  for t <= begin
    value(t) = initial * rate ** p      after, p = (t - begin) / steps, floor(p) if staircase

    Example: ``ExponentialDecay(0.1, 0.5, 100, begin=50, staircase=true)``. PyTorch's
    ``ExponentialLR(gamma)`` is ``ExponentialDecay(lr, gamma, 1)``; optax's
    ``exponential_decay(init, n, rate, begin, staircase)`` (without end_value) and Axon's
    ``exponential_decay`` are the same family.
    """

    name = "ExponentialDecay"
    params = (
        Param("initial", RATE, doc="the rate until `begin`"),
        Param("rate", _DECAY, doc="the factor per `steps` steps"),
        Param("steps", POSITIVE_STEPS, doc="steps per factor of `rate`"),
        Param("begin", STEPS, 0, doc="steps before the decay starts"),
        Param("staircase", BOOLEAN, False, doc="decay in whole steps of `steps`"),
    )
    example = "ExponentialDecay(0.1, 0.5, 100, begin=50, staircase=true)"

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        initial, rate, steps, begin = self.initial, self.rate, self.steps, self.begin
        staircase = self.staircase

        def decaying(m: Any) -> Callable[[Any], Any]:
            pow_, floor = m.pow, m.floor

            def value(t: Any) -> Any:
                p = (t - begin) / steps
                if staircase:
                    p = floor(p)
                return initial * pow_(rate, p)

            return value

        if begin == 0:  # p = 0 at t = 0 gives `initial` exactly, so one piece suffices
            return kernels.formula(math.inf, decaying)
        # `t <= begin` holds the initial rate: the second piece starts just after `begin`.
        after_begin = math.nextafter(begin, math.inf)
        return kernels.formula_pieces(
            math.inf, [after_begin], [kernels.constant_formula(initial), decaying]
        )


@register
class InverseSqrt(_Endless):
    """Inverse square-root decay: ``initial`` at step 0, halved at ``t = 3 * timescale``.

    value(t) = initial / sqrt(1 + t / timescale)

    Example: ``Warmup(100) >> InverseSqrt(0.1, 100)`` is Hugging Face's
    ``get_inverse_sqrt_schedule(num_warmup_steps=100, timescale=100)``.
    """

    name = "InverseSqrt"
    params = (
        Param("initial", RATE, doc="the rate at step 0"),
        Param("timescale", POSITIVE_STEPS, doc="steps over which the rate falls by sqrt(2)"),
    )
    example = "Warmup(100) >> InverseSqrt(0.1, 100)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial, timescale = self.initial, self.timescale
        sqrt = m.sqrt

        def value(t: Any) -> Any:
            return initial / sqrt(1 + t / timescale)

        return value


@register
class InverseTime(_Endless):
    """Inverse-time decay: ``initial`` at step 0, halved when ``rate * t / steps`` reaches 1.

    value(t) = initial / (1 + rate * (t / steps))

    Example: ``InverseTime(0.1, 0.5, 1000)`` is Keras's ``InverseTimeDecay(0.1, 1000, 0.5)``;
    ``Staircase(InverseTime(0.1, 0.5, 1000), 1000)`` its staircase form.
    """

    name = "InverseTime"
    params = (
        Param("initial", RATE, doc="the rate at step 0"),
        Param("rate", Real(0.0, 1e300, label="factor"), doc="how fast the rate falls"),
        Param("steps", POSITIVE_STEPS, doc="the steps over which rate applies once"),
    )
    example = "InverseTime(0.1, 0.5, 1000)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial, rate, steps = self.initial, self.rate, self.steps

        def value(t: Any) -> Any:
            return initial / (1 + rate * (t / steps))

        return value


@register
class PiecewiseConstant(_Endless):
    """Constant pieces: ``values[i]`` from ``boundaries[i-1]`` (inclusive) to ``boundaries[i]``.

    value(t) = values[number of boundaries <= t]

    Example: ``PiecewiseConstant([100, 200], [0.1, 0.01, 0.005])``, also written
    ``PiecewiseConstant(100,200;0.1,0.01,0.005)``: optax's
    ``piecewise_constant_schedule(0.1, {100: 0.1, 200: 0.5})``.
    """

    name = "PiecewiseConstant"
    params = (
        Param("boundaries", ListOf(STEPS, ascending=True), doc="the steps where the rate changes"),
        Param("values", ListOf(RATE), doc="one more rate than boundaries"),
    )
    example = "PiecewiseConstant([100, 200], [0.1, 0.01, 0.005])"

    def check(self) -> None:
        if len(self.values) != len(self.boundaries) + 1:
            self.fail(
                "values",
                f"must have one more item than 'boundaries' "
                f"({len(self.boundaries) + 1}), got {len(self.values)}",
            )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.lookup(self.boundaries, self.values)


@register
class CosineRestarts(_Endless):
    """Cosine annealing with warm restarts (SGDR; PyTorch's ``CosineAnnealingWarmRestarts``).

    Cycle n lasts period * mult ** n steps and runs a cosine from initial * decay ** n down
    to final:

    value(t) = final + (initial * decay ** n - final) * (1 + cos(pi * t_n / T_n)) / 2

    where T_n = period * mult ** n and t_n is the step inside cycle n.

    Example: ``CosineRestarts(0.1, 0.001, 10, mult=2)`` is PyTorch's
    ``CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.001)`` with lr 0.1.
    """

    name = "CosineRestarts"
    params = (
        Param("initial", RATE, doc="the rate at the start of the first cycle"),
        Param("final", RATE, doc="the rate at the end of every cycle"),
        Param("period", POSITIVE_STEPS, doc="the length of the first cycle"),
        Param("mult", Real(1.0, 1e6, label="factor"), 1.0, doc="each cycle is this much longer"),
        Param("decay", _DECAY, 1.0, doc="each cycle starts this much lower"),
    )
    example = "CosineRestarts(0.1, 0.001, 10, mult=2)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        initial, final, period = self.initial, self.final, self.period
        mult, decay = self.mult, self.decay
        cos, pi, pow_, floor, where, fmod = m.cos, m.pi, m.pow, m.floor, m.where, m.fmod

        if mult == 1:

            def cycle(t: Any) -> tuple[Any, Any, Any]:
                return floor(t / period), fmod(t, period), period
        else:
            log_mult = math.log(mult)
            log = m.log

            def cycle(t: Any) -> tuple[Any, Any, Any]:
                n = floor(log(t / period * (mult - 1) + 1) / log_mult)
                # The logarithm may land one cycle off right at a restart; step back or on.
                start = period * (pow_(mult, n) - 1) / (mult - 1)
                n = where(start > t, n - 1, n)
                start = period * (pow_(mult, n) - 1) / (mult - 1)
                n = where(start + period * pow_(mult, n) <= t, n + 1, n)
                length = period * pow_(mult, n)
                return n, t - period * (pow_(mult, n) - 1) / (mult - 1), length

        def value(t: Any) -> Any:
            n, t_cur, length = cycle(t)
            peak = initial * pow_(decay, n) if decay != 1 else initial
            return final + (peak - final) * (1 + cos(pi * t_cur / length)) / 2

        return value


@register
class Cyclic(_Endless):
    """Cyclical learning rates (PyTorch's ``CyclicLR``): up from ``low`` to ``high`` in ``up``
    steps, back down in ``down`` steps, again and again.

    cycle = floor(1 + t / (up + down)), x = 1 + t / (up + down) - cycle
    f = x / r if x <= r else (x - 1) / (r - 1), with r = up / (up + down)
    value(t) = low + (high - low) * f * scale, where scale is 1 (triangular),
    1 / 2 ** (cycle - 1) (triangular2) or gamma ** t (exp_range)

    Example: ``Cyclic(0.001, 0.1, 20, mode=triangular2)``.
    """

    name = "Cyclic"
    origin = "PyTorch"
    params = (
        Param("low", RATE, doc="the rate at the bottom of a cycle"),
        Param("high", RATE, doc="the rate at the top of a cycle"),
        Param("up", POSITIVE_STEPS, doc="steps from low to high"),
        Param("down", Steps(positive=True), None, doc="steps from high to low", default_text="up"),
        Param(
            "mode",
            Choice(("triangular", "triangular2", "exp_range")),
            "triangular",
            doc="how the height changes from cycle to cycle",
        ),
        Param("gamma", _DECAY, 1.0, doc="the factor per step in exp_range mode"),
    )
    example = "Cyclic(0.001, 0.1, 20, mode=triangular2)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        low, up, mode, gamma = self.low, self.up, self.mode, self.gamma
        down = self.down if self.down is not None else up
        height = self.high - low
        total = float(up) + float(down)
        ratio = up / total
        # When `down` is lost next to `up` (ratio 1.0), x <= ratio always: the falling branch
        # is never picked, but both branches are computed, so keep its divisor nonzero.
        fall = ratio - 1 if ratio < 1 else -1.0
        floor, where, pow_ = m.floor, m.where, m.pow

        def value(t: Any) -> Any:
            cycle = floor(1 + t / total)
            x = 1.0 + t / total - cycle
            factor = where(x <= ratio, x / ratio, (x - 1) / fall)
            if mode == "triangular":
                return low + height * factor
            if mode == "triangular2":
                return low + height * factor * pow_(0.5, cycle - 1)
            return low + height * factor * pow_(gamma, t)

        return value


@register
class OneCycle(_Finite):
    """The one-cycle policy (PyTorch's ``OneCycleLR``) over steps 0 .. steps - 1.

    Phases (two, or three with three_phase=true) end at pct_start * steps - 1, (2 * pct_start
    * steps - 2,) and steps - 1; the rate goes peak/div -> peak -> peak/div/final_div (or
    peak/div -> peak -> peak/div -> peak/div/final_div), each phase annealed by ``anneal``:

    cos:    end + (start - end) / 2 * (cos(pi * pct) + 1)
    linear: (end - start) * pct + start

    with pct the fraction of the phase done. The last value, reached at steps - 1, is held.

    Example: ``OneCycle(0.1, 1000)`` is ``OneCycleLR(max_lr=0.1, total_steps=1000)``.
    """

    name = "OneCycle"
    origin = "PyTorch"
    params = (
        Param("peak", RATE, doc="the highest rate"),
        Param("steps", POSITIVE_STEPS, doc="the length of the cycle"),
        Param(
            "pct_start",
            Real(0.0, 1.0, lo_open=True, hi_open=True),
            0.3,
            doc="the fraction of the cycle spent going up",
        ),
        Param(
            "div",
            Real(0.0, 1e300, lo_open=True, label="factor"),
            25.0,
            doc="the start rate is peak / div",
        ),
        Param(
            "final_div",
            Real(0.0, 1e300, lo_open=True, label="factor"),
            1e4,
            doc="the final rate is peak / div / final_div",
        ),
        Param("anneal", Choice(("cos", "linear")), "cos", doc="the shape of each phase"),
        Param("three_phase", BOOLEAN, False, doc="come back down to peak / div first"),
    )
    example = "OneCycle(0.1, 1000)"

    def _phases(self) -> list[tuple[float, float, float]]:
        steps, pct = self.steps, self.pct_start
        initial = self.peak / self.div
        lowest = initial / self.final_div
        if self.three_phase:
            return [
                (float(pct * steps) - 1, initial, self.peak),
                (float(2 * pct * steps) - 2, self.peak, initial),
                (steps - 1, initial, lowest),
            ]
        return [(float(pct * steps) - 1, initial, self.peak), (steps - 1, self.peak, lowest)]

    def check(self) -> None:
        if not math.isfinite(self.peak / self.div / self.final_div):
            self.fail(
                "final_div",
                f"makes the final rate overflow (peak {self.peak} / div "
                f"{self.div} / final_div {self.final_div})",
            )
        if not self.resolved(self.steps):
            return
        ends = [end for end, _, _ in self._phases()]
        if not 0 < ends[0] < ends[-1] or (len(ends) == 3 and not ends[0] < ends[1] < ends[2]):
            self.fail(
                "pct_start",
                f"gives a phase of no steps ({self.pct_start} of {self.steps} steps)",
                hint="each phase needs more than one step",
            )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        phases = self._phases()
        last = phases[-1][0]
        linear = self.anneal == "linear"

        def maker(
            start_step: float, end_step: float, start: float, end: float, clamp: bool
        ) -> kernels.Maker:
            def make(m: Any) -> Callable[[Any], Any]:
                cos, pi, minimum = m.cos, m.pi, m.minimum

                def value(t: Any) -> Any:
                    if clamp:  # hold the value of step `steps - 1`
                        t = minimum(t, last)
                    pct = (t - start_step) / (end_step - start_step)
                    if linear:
                        return (end - start) * pct + start
                    return end + (start - end) / 2.0 * (cos(pi * pct) + 1)

                return value

            return make

        makers, bounds, start_step = [], [], 0.0
        for k, (end_step, start, end) in enumerate(phases):
            makers.append(maker(start_step, end_step, start, end, k == len(phases) - 1))
            # A phase includes its end step (PyTorch tests `step <= end_step`).
            bounds.append(math.nextafter(end_step, math.inf))
            start_step = end_step
        return kernels.formula_pieces(self.steps, bounds[:-1], makers)
