"""The ``timm.`` namespace: timm's schedulers (``timm.scheduler``) in timm's words.

timm's parameter names, defaults and positional order, without the optimizer, plus ``lr=``
(default 1.0): the optimizer's base rate (``base_rate``). The value at ``t`` is the rate
after timm's ``scheduler.step(t)`` (``step_update(t)`` with ``t_in_epochs=False``: the same
function of t, fed by the other call), computed with timm's own operations in float64.

What timm does that lrspec's core shapes do not (so each family writes timm's formula,
``formula(m)``): ``k_decay`` (time warped as ``t ** k``); the cycle index taken from a
logarithm, ``floor(math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul))``, which at some
exact cycle starts counts the step in the cycle before (``cycle_mul=3``: t = 121 *
t_initial), where lrspec's ``Repeat`` counts exactly; Python's floor division ``t //
t_initial`` (``1 // 0.1`` is 9.0); a floor ``lr_min`` that cycle_decay does not lower;
``lr_min`` from the end of the last cycle on; a warmup that, without warmup_prefix, ramps to
the base rate and then jumps onto the curve at ``warmup_t``.

timm's ``noise_*`` options draw from torch's random generator and ``initialize`` concerns the
optimizer's param groups: they are parameters (so that timm's calls read as written) but any
value other than the default is an error that says so.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

import numpy as np

from ..compute import kernels
from ..compute.math_namespaces import ARRAY, SCALAR, floor_divide, floor_log, libm
from ..model.expr import Builder
from ..model.family import Family, Param, StatefulFamily
from ..model.registry import register
from ..model.types import (
    BOOLEAN,
    POSITIVE_STEPS,
    RATE,
    STEPS,
    Choice,
    Context,
    Integer,
    ListOf,
    ParamType,
    Real,
    signed_number,
)
from ..model.units import MAX_STEPS, normalize_steps
from ..syntax.errors import StateError
from ..syntax.nodes import Bool, List, Node, NoneValue, Number, String, Word
from ..syntax.records import Record
from .stateful import Plateau


class _Unsupported(ParamType, Record):
    """A timm option lrspec cannot honour: its default is accepted, anything else is an error
    (the family's check says why)."""

    _fields = ("why",)

    why: str

    def convert(self, node: Node, ctx: Context) -> Any:
        # (isinstance is type(node) is: no node class has subclasses)
        if isinstance(node, NoneValue):
            return None
        if isinstance(node, Bool):
            return node.value
        if isinstance(node, Word):
            return node.name
        if isinstance(node, String):
            return node.value
        if isinstance(node, List):
            return tuple(self.convert(item, ctx) for item in node.items)
        number = signed_number(node)
        if number is not None:
            return number
        return node  # anything else: never the default, so an error in check()

    def describe(self) -> str:
        return "not supported"

    def to_node(self, value: Any) -> Node:
        if value is None:
            return NoneValue()
        if isinstance(value, bool):
            return Bool(value)
        if isinstance(value, str):
            return Word(value)
        return Number(value)


def _is_default(value: object, default: object) -> bool:
    if default is None or isinstance(default, bool):
        return value is default
    if isinstance(default, str):
        return value == default
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == default


_NOISE = "timm draws the noise from torch's random generator, so the rate would not be a \
function of the step"
_INITIALIZE = "it is about the optimizer's param groups (timm's initial_lr), not the rate"


def _noise_params(seed: int | None = 42, noise_type: bool = False) -> tuple[Param, ...]:
    unsupported = _Unsupported(_NOISE)
    params = [Param("noise_range_t", unsupported, None, doc="timm's noise: not supported")]
    if noise_type:
        params.append(Param("noise_type", unsupported, "normal", doc="not supported"))
    params += [
        Param("noise_pct", unsupported, 0.67, doc="not supported"),
        Param("noise_std", unsupported, 1.0, doc="not supported"),
        Param("noise_seed", unsupported, seed, doc="not supported"),
    ]
    return tuple(params)


_INITIALIZE_PARAM = Param(
    "initialize", _Unsupported(_INITIALIZE), True, doc="timm's param-group set-up: not supported"
)
_LR = Param("lr", RATE, 1.0, doc="the optimizer's base rate (1.0: a multiplier)")
_WARMUP_T = Param("warmup_t", STEPS, 0, doc="how long the warmup lasts")
_WARMUP_LR_INIT = Param("warmup_lr_init", RATE, 0.0, doc="the rate at step 0 of the warmup")
_T_IN_EPOCHS = Param(
    "t_in_epochs", BOOLEAN, True, doc="timm's step() (true) or step_update() feeds t"
)
_T_INITIAL = Param("t_initial", POSITIVE_STEPS, doc="the length of the first cycle")
_LR_MIN = Param("lr_min", RATE, 0.0, doc="the rate at the end of every cycle, and after")
_CYCLES = (
    Param("cycle_mul", Real(1.0, 1e6, label="factor"), 1.0, doc="each cycle is this much longer"),
    Param(
        "cycle_decay",
        Real(0.0, 1.0, label="factor"),
        1.0,
        doc="each cycle's top rate is this much lower",
    ),
    Param("cycle_limit", Integer(0, MAX_STEPS), 1, doc="how many cycles; lr_min after the last"),
)
_K_DECAY = Param(
    "k_decay",
    Real(0.0, 10.0, lo_open=True, label="exponent"),
    1.0,
    doc="the k-decay exponent: the curve runs on t ** k",
)


def _prefix(default: bool) -> Param:
    return Param(
        "warmup_prefix", BOOLEAN, default, doc="the schedule starts after the warmup (else at 0)"
    )


class _Timm(Family):
    __slots__ = ()
    origin = "timm."
    print_keywords = True
    base_rate = "lr"

    lr: float

    def check(self) -> None:
        for p in self.params:
            if isinstance(p.type, _Unsupported) and not _is_default(self.args[p.name], p.default):
                self.fail(p.name, f"is not supported: {p.type.why}", hint=f"leave {p.name} out")

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf

    def _main(self, m: Any) -> Callable[[Any], Any]:
        """timm's rate after the warmup, as a function of the raw t (t >= warmup_t)."""
        raise NotImplementedError

    def _warmup_target(self) -> float:
        return self.lr

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return self._kernel(self.length(), self.lr_min if self.finite() else None)

    def _kernel(self, length: float, hold: float | None) -> kernels.Kernel:
        warmup = self.warmup_t
        makers: list[kernels.Maker] = [self._main]
        if warmup:
            start = self.warmup_lr_init
            slope = (self._warmup_target() - start) / warmup  # timm's warmup_steps

            def ramp(m: Any) -> Callable[[Any], Any]:
                def value(t: Any) -> Any:
                    return start + t * slope

                return value

            makers = [ramp, self._main]
        scalars = [make(SCALAR) for make in makers]
        fills = [_filler(make(ARRAY)) for make in makers]
        traceds = [_tracer(make) for make in makers]
        traced: kernels.TracedFn | None
        if len(makers) == 1:
            scalar, fill, traced = scalars[0], fills[0], traceds[0]
        else:
            scalar, fill, traced = kernels.piecewise([warmup], scalars, fills, traceds)
        return kernels.with_hold(length, scalar, fill, traced, hold)

    def _shifted(self, m: Any) -> Callable[[Any], Any]:
        """t -> the schedule's own t: after the warmup when warmup_prefix (at least 0, so that
        a traced evaluation of the unpicked piece stays finite)."""
        if not self.warmup_prefix or not self.warmup_t:
            return lambda t: t
        warmup, maximum = self.warmup_t, m.maximum
        return lambda t: maximum(t - warmup, 0.0)


def _filler(array: Callable[[Any], Any]) -> kernels.FillFn:
    def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        out[...] = array(t)

    return fill


def _tracer(make: kernels.Maker) -> kernels.TracedFn:
    def traced(t: Any, m: Any) -> Any:
        value = make(m)(t)
        return value if hasattr(value, "shape") else m.full_like(t, value)

    return traced


class _Cyclic(_Timm):
    """Cosine, tanh and poly: cycles of ``t_initial`` (times cycle_mul each), lr_min after."""

    __slots__ = ()

    def finite(self) -> bool:
        """Cycles that would last beyond 2**53 steps never end (timm never reaches its
        cycle_limit then); until the units are resolved that cannot be told yet."""
        if self.cycle_limit < 1:
            return False
        if not self.resolved(self.t_initial, self.warmup_t):
            return True
        return math.isfinite(self._end())

    def _end(self) -> float:
        """Where the cycles (and the warmup) end, or inf past 2**53 steps."""
        limit, mul, first = self.cycle_limit, self.cycle_mul, self.t_initial
        if mul == 1:
            end = first * limit
        elif limit * math.log(mul) > 700:  # mul ** limit would overflow
            return math.inf
        else:
            end = first * (mul**limit - 1.0) / (mul - 1.0)
        if self.warmup_prefix:
            end += self.warmup_t
        end = max(end, self.warmup_t)
        # (below 2**53, so that one more step, see length(), stays within it)
        return normalize_steps(end) if end < MAX_STEPS else math.inf

    def length(self) -> float:
        if not self.finite():
            return math.inf
        end = self._end()
        # timm's logarithm (or floor division) can count the step at the very end in the
        # last cycle (cycle_mul=3, t_initial=1, cycle_limit=5: step 121): timm's last cycle
        # then takes that step too, and lr_min holds from the next one.
        if self._main(SCALAR)(float(end)) != self.lr_min:
            end = normalize_steps(end + 1)
        return end

    def _cycle(self, m: Any) -> Callable[[Any], tuple[Any, Any, Any]]:
        """t -> (i, t_i, t_curr): timm's cycle index, cycle length and step in the cycle."""
        first, mul = self.t_initial, self.cycle_mul
        pow_ = libm(m, "pow")
        if mul == 1:
            divide = floor_divide(m, first)

            def equal(t: Any) -> tuple[Any, Any, Any]:
                i = divide(t)
                return i, first, t - first * i

            return equal
        index = floor_log(m, mul)

        def growing(t: Any) -> tuple[Any, Any, Any]:
            i = index(1 - t / first * (1 - mul))
            grown = pow_(mul, i)
            return i, grown * first, t - (1 - grown) / (1 - mul) * first

        return growing

    def _curve(self, m: Any) -> Callable[[Any, Any, Any], Any]:
        """(t_curr, t_i, lr_max) -> the rate inside a cycle."""
        raise NotImplementedError

    def _main(self, m: Any) -> Callable[[Any], Any]:
        shifted, cycle, curve = self._shifted(m), self._cycle(m), self._curve(m)
        base, lr_min, limit, decay = self.lr, self.lr_min, self.cycle_limit, self.cycle_decay
        pow_, where = libm(m, "pow"), m.where

        def value(t: Any) -> Any:
            i, t_i, t_curr = cycle(shifted(t))
            lr_max = base * pow_(decay, i)
            return where(i < limit, curve(t_curr, t_i, lr_max), lr_min)

        return value

    def _warped(self, m: Any, scale: float = 1.0) -> Callable[[Any, Any], Any]:
        """(t_curr, t_i) -> scale * t_curr ** k / t_i ** k, in timm's order (the scale first
        multiplies the numerator; k = 1 needs no power)."""
        k, pow_, maximum = self.k_decay, libm(m, "pow"), m.maximum
        if k == 1:
            return lambda t_curr, t_i: scale * t_curr / t_i
        if float(k).is_integer():
            return lambda t_curr, t_i: scale * pow_(t_curr, k) / pow_(t_i, k)
        # A cycle's start can come out a rounding below 0, where timm's fractional power
        # gives a complex number (and a TypeError); the cycle has just begun there.
        return lambda t_curr, t_i: scale * pow_(maximum(t_curr, 0.0), k) / pow_(t_i, k)


@register
class TimmCosineLRScheduler(_Cyclic):
    """timm's ``CosineLRScheduler``: cosine cycles from ``lr`` down to ``lr_min``, with
    warmup, growing and decaying cycles and k-decay.

    value(t) = warmup_lr_init + t * (lr - warmup_lr_init) / warmup_t while t < warmup_t;
    then, on t - warmup_t with warmup_prefix (else on t itself: the ramp reaches lr and the
    curve goes on from its value at warmup_t), in cycle i:
    lr_min + 0.5 * (lr_max - lr_min) * (1 + cos(pi * t_curr ** k / t_i ** k)) while
    i < cycle_limit, and lr_min after; i = floor(log(1 - t / t_initial * (1 - cycle_mul),
    cycle_mul)) (t // t_initial when cycle_mul = 1), t_i = t_initial * cycle_mul ** i,
    t_curr = the step in cycle i, lr_max = lr * cycle_decay ** i, k = k_decay.

    Example: ``timm.CosineLRScheduler(t_initial=300, lr_min=1e-05, warmup_t=5,
    warmup_lr_init=1e-05, lr=0.1)``.
    """

    name = "timm.CosineLRScheduler"
    params = (
        _T_INITIAL,
        _LR_MIN,
        *_CYCLES,
        _WARMUP_T,
        _WARMUP_LR_INIT,
        _prefix(False),
        _T_IN_EPOCHS,
        *_noise_params(),
        _K_DECAY,
        _INITIALIZE_PARAM,
        _LR,
    )
    example = (
        "timm.CosineLRScheduler(t_initial=300, lr_min=1e-05, warmup_t=5, "
        "warmup_lr_init=1e-05, lr=0.1)"
    )

    def _curve(self, m: Any) -> Callable[[Any, Any, Any], Any]:
        lr_min, cos = self.lr_min, m.cos
        angle = self._warped(m, math.pi)

        def curve(t_curr: Any, t_i: Any, lr_max: Any) -> Any:
            # timm: math.pi * t_curr ** k / t_i ** k, i.e. (pi * t_curr ** k) / t_i ** k
            return lr_min + 0.5 * (lr_max - lr_min) * (1 + cos(angle(t_curr, t_i)))

        return curve


@register
class TimmTanhLRScheduler(_Cyclic):
    """timm's ``TanhLRScheduler``: tanh-shaped cycles from ``lr`` down to ``lr_min``.

    value(t) = warmup_lr_init + t * (target - warmup_lr_init) / warmup_t while t < warmup_t,
    target = lr with warmup_prefix, else the curve's value at warmup_t; then, on
    t - warmup_t with warmup_prefix (else on t itself), in cycle i:
    lr_min + 0.5 * (lr_max - lr_min) * (1 - tanh(lb * (1 - r) + ub * r)), r = t_curr / t_i,
    while i < cycle_limit, and lr_min after (the curve ends a little above lr_min);
    i, t_i, t_curr and lr_max as for timm.CosineLRScheduler.

    Example: ``timm.TanhLRScheduler(t_initial=100, lr_min=0.001, warmup_t=5,
    warmup_lr_init=0.001, lr=0.1)``.
    """

    name = "timm.TanhLRScheduler"
    params = (
        _T_INITIAL,
        Param("lb", Real(-1e6, 1e6, label="number"), -7.0, doc="the tanh argument at the start"),
        Param("ub", Real(-1e6, 1e6, label="number"), 3.0, doc="the tanh argument at the end"),
        _LR_MIN,
        *_CYCLES,
        _WARMUP_T,
        _WARMUP_LR_INIT,
        _prefix(False),
        _T_IN_EPOCHS,
        *_noise_params(),
        _INITIALIZE_PARAM,
        _LR,
    )
    example = (
        "timm.TanhLRScheduler(t_initial=100, lr_min=0.001, warmup_t=5, "
        "warmup_lr_init=0.001, lr=0.1)"
    )

    def check(self) -> None:
        super().check()
        if not self.lb < self.ub:
            self.fail("lb", f"must be below 'ub' ({self.ub}), got {self.lb}")

    def _warmup_target(self) -> float:
        if self.warmup_prefix:
            return self.lr
        at_warmup: float = self._main(SCALAR)(float(self.warmup_t))
        return at_warmup

    def _curve(self, m: Any) -> Callable[[Any, Any, Any], Any]:
        lr_min, lb, ub, tanh = self.lr_min, self.lb, self.ub, libm(m, "tanh")

        def curve(t_curr: Any, t_i: Any, lr_max: Any) -> Any:
            r = t_curr / t_i
            return lr_min + 0.5 * (lr_max - lr_min) * (1 - tanh(lb * (1.0 - r) + ub * r))

        return curve


@register
class TimmPolyLRScheduler(_Cyclic):
    """timm's ``PolyLRScheduler``: polynomial cycles from ``lr`` down to ``lr_min``.

    value(t) = warmup_lr_init + t * (lr - warmup_lr_init) / warmup_t while t < warmup_t;
    then, on t - warmup_t with warmup_prefix (else on t itself), in cycle i:
    lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power while
    i < cycle_limit, and lr_min after; i, t_i, t_curr, lr_max and k as for
    timm.CosineLRScheduler. The class's default power is 0.5 (timm's create_scheduler passes
    its decay_rate, 0.1 by default, as the power). Where that power overflows (timm raises
    OverflowError), the value is an EvaluationError.

    Example: ``timm.PolyLRScheduler(t_initial=1000, power=2.0, lr_min=1e-05, warmup_t=50,
    warmup_prefix=true, lr=0.1)``.
    """

    name = "timm.PolyLRScheduler"
    params = (
        _T_INITIAL,
        Param("power", Real(0.0, 1e6, label="exponent"), 0.5, doc="the exponent of the decay"),
        _LR_MIN,
        *_CYCLES,
        _WARMUP_T,
        _WARMUP_LR_INIT,
        _prefix(False),
        _T_IN_EPOCHS,
        *_noise_params(),
        _K_DECAY,
        _INITIALIZE_PARAM,
        _LR,
    )
    example = (
        "timm.PolyLRScheduler(t_initial=1000, power=2.0, lr_min=1e-05, warmup_t=50, "
        "warmup_prefix=true, lr=0.1)"
    )

    def _curve(self, m: Any) -> Callable[[Any, Any, Any], Any]:
        lr_min, power, maximum = self.lr_min, self.power, m.maximum
        pow_ = libm(m, "pow")
        warped = self._warped(m)
        # At a cycle's end 1 - t_curr / t_i can come out a rounding below 0 (timm's logarithm
        # counts some cycle starts in the cycle before); a fractional power of it is NaN (a
        # complex number in timm), the decay has ended there.
        whole = float(power).is_integer()

        def curve(t_curr: Any, t_i: Any, lr_max: Any) -> Any:
            rest = 1 - warped(t_curr, t_i)
            return lr_min + (lr_max - lr_min) * pow_(rest if whole else maximum(rest, 0.0), power)

        return curve

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        # Where timm's logarithm counts a step in the cycle after (a cycle_mul a hair above
        # 1), t_curr goes below 0 and a large power of 1 - t_curr / t_i overflows: timm
        # raises OverflowError there, and so does lrspec (an EvaluationError at that step).
        return kernels.finite_only(super().kernel(builder, offset), self.text)


_DECAY_RATE = Param(
    "decay_rate", Real(0.0, 1.0, label="factor"), 1.0, doc="the factor of each decay"
)


@register
class TimmStepLRScheduler(_Timm):
    """timm's ``StepLRScheduler``: the rate times ``decay_rate`` every ``decay_t`` steps.

    value(t) = lr * decay_rate ** (t // decay_t), with Python's floor division (a float
    decay_t can make it one less than floor(t / decay_t): 1 // 0.1 is 9.0), after a warmup
    from warmup_lr_init to lr over warmup_t steps (on t - warmup_t when warmup_prefix, the
    default here). The default decay_rate 1.0 keeps the rate constant.

    Example: ``timm.StepLRScheduler(decay_t=30, decay_rate=0.1, warmup_t=3,
    warmup_lr_init=1e-05, lr=0.1)``.
    """

    name = "timm.StepLRScheduler"
    params = (
        Param("decay_t", POSITIVE_STEPS, doc="steps between two decays"),
        _DECAY_RATE,
        _WARMUP_T,
        _WARMUP_LR_INIT,
        _prefix(True),
        _T_IN_EPOCHS,
        *_noise_params(),
        _INITIALIZE_PARAM,
        _LR,
    )
    example = (
        "timm.StepLRScheduler(decay_t=30, decay_rate=0.1, warmup_t=3, warmup_lr_init=1e-05, lr=0.1)"
    )

    def _main(self, m: Any) -> Callable[[Any], Any]:
        shifted, divide = self._shifted(m), floor_divide(m, self.decay_t)
        base, rate, pow_ = self.lr, self.decay_rate, libm(m, "pow")

        def value(t: Any) -> Any:
            return base * pow_(rate, divide(shifted(t)))

        return value


@register
class TimmMultiStepLRScheduler(_Timm):
    """timm's ``MultiStepLRScheduler``: the rate times ``decay_rate`` at each milestone, one
    step EARLY: milestone m applies from t = m - 1 (timm compares the milestones with t + 1).

    value(t) = lr * decay_rate ** (number of milestones <= t + 1), after a warmup from
    warmup_lr_init to lr over warmup_t steps (on t - warmup_t when warmup_prefix, the
    default here).

    Example: ``timm.MultiStepLRScheduler(decay_t=[30, 60, 90], decay_rate=0.1, lr=0.1)``.
    """

    name = "timm.MultiStepLRScheduler"
    params = (
        Param("decay_t", ListOf(STEPS, ascending=True), doc="the milestones"),
        _DECAY_RATE,
        _WARMUP_T,
        _WARMUP_LR_INIT,
        _prefix(True),
        _T_IN_EPOCHS,
        *_noise_params(),
        _INITIALIZE_PARAM,
        _LR,
    )
    example = "timm.MultiStepLRScheduler(decay_t=[30, 60, 90], decay_rate=0.1, lr=0.1)"

    def _main(self, m: Any) -> Callable[[Any], Any]:
        shifted = self._shifted(m)
        milestones = [float(b) for b in self.decay_t]
        # timm's v * (decay_rate ** k) for each count k, computed as timm does.
        rates: list[float] = [self.lr * (self.decay_rate**k) for k in range(len(milestones) + 1)]
        if m is SCALAR:

            def scalar(t: float) -> float:
                return rates[bisect_right(milestones, shifted(t) + 1)]

            return scalar
        edges, table = np.asarray(milestones, dtype=float), np.asarray(rates, dtype=float)
        if m is ARRAY:

            def array(t: Any) -> Any:
                return table[np.searchsorted(edges, shifted(t) + 1, "right")]

            return array

        def traced(t: Any) -> Any:
            if not milestones:
                return m.full_like(t, rates[0])
            where = m.searchsorted(m.asarray(edges), shifted(t) + 1, side="right")
            return m.take(m.asarray(table), where)

        return traced


@register
class TimmPlateauLRScheduler(StatefulFamily):
    """timm's ``PlateauLRScheduler``: torch's ReduceLROnPlateau (mode max by default) after
    an optional warmup; ``s.step(metric)`` is timm's ``step(epoch, metric)`` for epochs 1, 2, ...

    value = lr before any metric (warmup_lr_init with a warmup); after epoch e <= warmup_t:
    warmup_lr_init + e * (lr - warmup_lr_init) / warmup_t, whatever the metric; after later
    epochs: the plateau rule (lrspec's Plateau with factor=decay_rate,
    patience=patience_t, cooldown=cooldown_t, min_lr=lr_min, threshold_mode rel, eps 1e-8),
    starting from the rate the warmup reached.

    Example: ``timm.PlateauLRScheduler(decay_rate=0.5, patience_t=2, mode=min, lr=0.1)``.
    """

    name = "timm.PlateauLRScheduler"
    origin = "timm."
    print_keywords = True
    base_rate = "lr"
    params = (
        Param(
            "decay_rate",
            Real(0.0, 1.0, hi_open=True, label="factor"),
            0.1,
            doc="the factor of each reduction",
        ),
        Param("patience_t", Integer(0, MAX_STEPS), 10, doc="epochs without improvement to allow"),
        Param(
            "threshold",
            Real(0.0, 1e300, label="number"),
            1e-4,
            doc="how much better (relative) counts as better",
        ),
        Param("cooldown_t", Integer(0, MAX_STEPS), 0, doc="epochs to ignore after a reduction"),
        Param("warmup_t", Integer(0, MAX_STEPS), 0, doc="epochs of warmup (metrics ignored)"),
        _WARMUP_LR_INIT,
        Param("lr_min", RATE, 0.0, doc="the lowest rate"),
        Param("mode", Choice(("min", "max")), "max", doc="whether lower or higher is better"),
        *_noise_params(seed=None, noise_type=True),
        _INITIALIZE_PARAM,
        _LR,
    )
    example = "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=2, mode=min, lr=0.1)"

    check = _Timm.check

    lr: float
    warmup_lr_init: float
    warmup_t: int

    def _plateau(self) -> Plateau:
        start = self.lr
        if self.warmup_t:
            start = self.warmup_lr_init + self.warmup_t * self._slope()
        return Plateau.make(
            initial=start,
            factor=self.decay_rate,
            patience=self.patience_t,
            threshold=self.threshold,
            mode=self.mode,
            cooldown=self.cooldown_t,
            min_lr=self.lr_min,
        )

    def _slope(self) -> float:
        return (self.lr - self.warmup_lr_init) / self.warmup_t

    def new_state(self) -> _TimmPlateauState:
        return _TimmPlateauState(self)


class _TimmPlateauState:
    """timm's PlateauLRScheduler for one rate: an epoch count, the warmup, and lrspec's
    Plateau (torch's ReduceLROnPlateau) after it."""

    def __init__(self, family: TimmPlateauLRScheduler) -> None:
        self.warmup = family.warmup_t
        self.start = family.warmup_lr_init
        self.slope = family._slope() if self.warmup else 1.0
        self.plateau = family._plateau().new_state()
        self.epoch = 0
        self.initial = self.lr = self.start if self.warmup else family.lr

    def value(self) -> float:
        return self.lr

    def observe(self, metric: float) -> None:
        self.epoch += 1
        if self.epoch <= self.warmup:
            self.lr = self.start + self.epoch * self.slope
            return
        self.plateau.observe(metric)
        self.lr = self.plateau.value()

    def state_dict(self) -> dict[str, Any]:
        return {"epoch": self.epoch, "plateau": self.plateau.state_dict()}

    def load_state_dict(self, d: dict[str, Any]) -> None:
        if not isinstance(d, dict) or set(d) != {"epoch", "plateau"}:
            keys = sorted(d) if isinstance(d, dict) else type(d).__name__
            raise StateError(
                f"saved state has the wrong keys: {keys}", hint="this state has epoch, plateau"
            )
        epoch = d["epoch"]
        if isinstance(epoch, bool) or not isinstance(epoch, int) or epoch < 0:
            raise StateError(
                f"saved state has a bad 'epoch': {epoch!r}; it must be an integer >= 0"
            )
        self.plateau.load_state_dict(d["plateau"])  # checks every field first
        self.epoch = epoch
        if epoch <= self.warmup:
            self.lr = self.start + epoch * self.slope if epoch else self.initial
        else:
            self.lr = self.plateau.value()
