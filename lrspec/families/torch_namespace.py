"""The ``torch.`` namespace: every scheduler of ``torch.optim.lr_scheduler`` in PyTorch's words.

``torch.StepLR(step_size=30, gamma=0.1, lr=0.1)`` takes PyTorch's own parameter names,
defaults and positional order (without the optimizer and ``last_epoch``), and its value at step
``t`` is the rate the param group holds after ``t`` calls of ``scheduler.step()`` (t = 0: right
after the scheduler was made). ``lr=`` stands for the optimizer's rate: left out, the schedule
is a multiplier (``lr=1.0``), which ``lrspec.torch`` applies to each param group's own rate.
``torch.CyclicLR`` and ``torch.OneCycleLR`` set their own rates and take no ``lr``.

PyTorch's schedulers are recursions: each ``step()`` changes the rate the param group holds.
A scheduler alone has a closed form, written here once: as core lrspec (``meaning()``) where
that is exact, else as its own formula. Nested in ``SequentialLR`` and ``ChainedScheduler``
they act on a shared rate, and a member's step depends on what the others did: for those, each
scheduler also has a *step model* (:class:`_Model`): its constructor's step, its one-step map
at epoch ``e``, its closed form from a given rate, and the rate SequentialLR restarts it at.
The composites are written with these models, as PyTorch composes the schedulers themselves:

- kinds of step: multiplicative (``lr * ratio(e)``: StepLR, MultiStepLR, ConstantLR, LinearLR,
  ExponentialLR, PolynomialLR), affine (CosineAnnealingLR: ``c(e) / c(e-1) * (lr - eta_min) +
  eta_min``, with ``c(e) = 1 + cos(pi e / T_max)``, exactly ``eta_min`` at its bottoms and an
  additive restart after each), absolute (CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR set
  the rate whatever it was);
- the base a member scales is the param group's ``initial_lr`` when it was built (members are
  built depth first, left to right, as Python evaluates the nested calls): the first scheduler
  built sets it (a CyclicLR to its ``base_lr``), and a OneCycleLR overwrites it.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from typing import Any, ClassVar, NoReturn

import numpy as np

from ..compute import kernels
from ..compute.math_namespaces import ARRAY, SCALAR
from ..model.compositions import Arithmetic, Const, Sequence, Window
from ..model.expr import Builder, Expr
from ..model.family import Family, Param
from ..model.registry import refuse, register
from ..model.types import (
    BOOLEAN,
    RATE,
    SCHEDULE,
    Choice,
    Context,
    Integer,
    ListOf,
    Nullable,
    ParamType,
    Real,
    Steps,
    describe_node,
)
from ..model.units import MAX_STEPS, UNITS, Binding, Quantity, normalize_steps
from ..syntax.errors import (
    ArgumentError,
    CompositionError,
    EvaluationError,
    LimitError,
)
from ..syntax.nodes import Node, NoneValue, Span
from ..syntax.printer import format_bound, format_number
from . import core, nerva, stateful

ORIGIN = "torch."

# -- parameter types -------------------------------------------------------------------------


class WholeSteps(Steps):
    """A whole number of steps ``>= lo`` (PyTorch counts steps in ints); units are allowed and
    must come to a whole number of steps once resolved."""

    _fields = ("lo", "label")
    _defaults = {"lo": 1, "label": "steps"}

    lo: int

    @property
    def positive(self) -> bool:  # type: ignore[override]  # Steps' field, derived here (Records are read-only)
        return self.lo >= 1

    def _whole(
        self, value: int | float, ctx: Context, node: Node | None, written: str | None = None
    ) -> int:
        shown = written if written is not None else format_number(value)
        if isinstance(value, float) and not math.isfinite(value):
            ctx.fail(f"must be finite, got {shown}", node)
        if isinstance(value, float) and not value.is_integer():
            ctx.fail(f"must be a whole number of steps, got {shown}", node)
        if value < self.lo:
            ctx.fail(f"must be >= {self.lo}, got {shown}", node)
        if value > MAX_STEPS:
            ctx.fail(f"must be at most 2**53 steps, got {shown}", node, cls=LimitError)
        return int(value)

    def convert_number(
        self, value: int | float, unit: str | None, ctx: Context, node: Node | None = None
    ) -> Any:
        if unit is None:
            return self._whole(value, ctx, node)
        if isinstance(value, float) and not math.isfinite(value):
            ctx.fail(f"must be finite, got {value}", node)
        quantity = Quantity(normalize_steps(value), unit)
        limit = getattr(ctx.limits, UNITS[unit].limit)
        if quantity.value > limit:
            ctx.fail(
                f"must be at most {format_bound(limit)}{unit}, got {quantity}",
                node,
                cls=LimitError,
            )
        if quantity.value < 0 or (self.lo >= 1 and quantity.value == 0):
            ctx.fail(f"must be >= {self.lo}, got {quantity}", node)
        return quantity

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        if not isinstance(value, Quantity):
            return value
        resolved = binding.resolve(value, span)
        return self._whole(resolved, ctx, None, written=f"{format_number(resolved)} ({value})")

    def describe(self) -> str:
        return f"whole {self.label} >= {self.lo} (units %, ep, sp, tok allowed)"


class NoCallable(ParamType):
    """A parameter that takes a Python callable in PyTorch: only its default, None."""

    label = "None"

    def __init__(self, instead: str) -> None:
        self.instead = instead

    def convert(self, node: Node, ctx: Context) -> Any:
        if type(node) is NoneValue:
            return None
        ctx.fail(
            f"takes a Python function in PyTorch, which a text cannot hold; got "
            f"{describe_node(node)}",
            node,
            hint=self.instead,
        )

    def describe(self) -> str:
        return "None (a Python function in PyTorch)"

    def to_node(self, value: Any) -> Node:
        return NoneValue()


_GAMMA = Real(0.0, 1.0, label="factor")
_FACTOR = Real(0.0, 1.0, label="factor")
_POWER = Real(0.0, 1e6, label="exponent")
_MOMENTUM = Real(0.0, 1e300, label="number")
_DIVISOR = Real(0.0, 1e300, lo_open=True, label="factor")
_STEPS_1 = WholeSteps(1)
_STEPS_0 = WholeSteps(0)
_LR = Param("lr", RATE, 1.0, doc="the optimizer's rate; left out, the schedule is a multiplier")

#: lrspec replays torch's recursion for at most this many steps at a time (see
#: _ChainModel: a chain with no closed form).
REPLAY_LIMIT = 1_000_000
#: Steps replayed after each bottom of a CosineAnnealingLR with eta_min != 0 (right after a
#: bottom ``lr - eta_min`` is tiny, and torch's own roundings there decide the rest).
COSINE_REPLAY = 128


def _safe(m: Any, x: Any) -> Any:
    """``x`` with zeros replaced by 1, as a divisor of a branch that ``where`` discards."""
    return m.where(x == 0, 1.0, x)


def _has_steps(total_iters: int | Quantity) -> bool:
    """Whether LinearLR's and PolynomialLR's ``total_iters`` is not 0 (also as a unit)."""
    return total_iters != 0 and not (isinstance(total_iters, Quantity) and total_iters.value == 0)


def _concrete(m: Any) -> bool:
    """Whether ``m`` computes values now (NumPy or Python floats), not a traced graph."""
    return m is SCALAR or m is ARRAY


def _count_le(m: Any, edges: np.ndarray, edge_list: list[int], t: Any) -> Any:
    """How many of the sorted ``edges`` are ``<= t``."""
    if m is SCALAR:
        return float(bisect_right(edge_list, t))
    if m is ARRAY:
        return np.searchsorted(edges, t, "right").astype(float)
    return m.searchsorted(m.asarray(edges), t, side="right") * 1.0


class _Leaf(Family):
    """A PyTorch scheduler that scales the optimizer's rate (``lr=``)."""

    origin = ORIGIN
    print_keywords = True
    base_rate: ClassVar[str | None] = "lr"

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        meaning = self.stands_for()
        return meaning.length() if meaning is not None else math.inf

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        meaning = self.stands_for()
        if meaning is not None:
            return builder.build(meaning, offset)
        return self.own_kernel()

    def own_kernel(self) -> kernels.Kernel:
        """The kernel of a scheduler without a core meaning."""
        return kernels.formula(self.length(), self.formula)

    def model(self, base: float) -> _Model:
        """torch's step model of this scheduler scaling ``base``."""
        raise NotImplementedError

    def build(self, group: _Group) -> _Model | _ChainNode:
        """Its step model as built on ``group`` (a chain's: its members' models)."""
        raise NotImplementedError


# -- step models -----------------------------------------------------------------------------
#
# A model is one scheduler acting on one param group's rate, with ``base`` its ``base_lrs``
# entry. Functions that take ``m`` (a math namespace) return closures of steps ``e``, ``a``,
# ``b``, ``t`` (floats or arrays) and rates ``lr`` (floats or arrays); everything else is
# plain Python on floats, done once when a schedule is compiled.

#: ``(lr, e) -> rate`` (:meth:`_Model.step`).
StepFn = Callable[[Any, Any], Any]
#: ``(lr, a, b) -> rate`` (:meth:`_Model.apply`; also ``(lr, a, t)``).
ApplyFn = Callable[[Any, Any, Any], Any]
#: ``(lr0, t) -> rate`` (:meth:`_Model.run`).
RunFn = Callable[[Any, Any], Any]


class _Model:
    """torch's recursion of one scheduler: see the module docstring."""

    kind = "mul"  # "mul", "cos" or "abs"

    def __init__(self, base: float) -> None:
        self.base = base

    def initial(self, lr: float) -> float:
        """The constructor's step (epoch 0, initial mode) on the rate ``lr``."""
        return lr

    def construct(self, lr: float) -> float:
        """The step its constructor makes when it is built (CyclicLR: see there)."""
        return self.initial(lr)

    def plain0(self, lr: float) -> float:
        """A step to epoch 0 outside initial mode (a ChainedScheduler started by a
        SequentialLR makes its members take one)."""
        return lr

    def restart(self) -> float:
        """The rate SequentialLR's ``_update_lr(0)`` restarts it at."""
        return self.base

    def events(self) -> float | None:
        """The last epoch at which a step changes the rate (0: none; None: no last one)."""
        return 0

    def step(self, m: Any) -> StepFn:
        """``(lr, e) -> rate`` after its step to epoch ``e >= 1``."""
        return lambda lr, e: lr

    def apply(self, m: Any) -> ApplyFn:
        """``(lr, a, b) -> rate`` after its steps ``a + 1 .. b`` (``a <= b``), closed form."""
        return lambda lr, a, b: lr

    def run(self, m: Any) -> RunFn:
        """``(lr0, t) -> rate`` at epoch ``t`` when it alone moves the rate from ``lr0``."""
        apply = self.apply(m)
        return lambda lr0, t: apply(lr0, 0.0, t)

    def kernel(self, lr0: float, length: float) -> kernels.Kernel:
        """The kernel of :meth:`run` from ``lr0``, ``length`` steps long."""
        return kernels.formula(length, lambda m: _from(self.run(m), lr0))


class _StepModel(_Model):
    def __init__(self, base: float, step_size: int, gamma: float) -> None:
        super().__init__(base)
        self.s, self.g = step_size, gamma

    def events(self) -> float | None:
        return None if self.g != 1 else 0

    def step(self, m: Any) -> StepFn:
        s, g, where, fmod = self.s, self.g, m.where, m.fmod
        return lambda lr, e: where(fmod(e, s) == 0, lr * g, lr)

    def apply(self, m: Any) -> ApplyFn:
        s, g, pow_, floor = self.s, self.g, m.pow, m.floor
        return lambda lr, a, b: lr * pow_(g, floor(b / s) - floor(a / s))


class _MultiStepModel(_Model):
    def __init__(self, base: float, milestones: tuple[int, ...], gamma: float) -> None:
        super().__init__(base)
        self.g = gamma
        counts = Counter(milestones)
        self.count0 = counts.get(0, 0)
        self.powers = {mark: gamma**n for mark, n in counts.items()}
        self.edges = sorted(milestones)
        self.edge_array = np.asarray(self.edges, dtype=float)

    def initial(self, lr: float) -> float:
        return lr * self.powers[0] if self.count0 else lr

    plain0 = initial

    def restart(self) -> float:
        return self.base * self.g ** bisect_right(self.edges, 0)

    def events(self) -> float | None:
        return max(self.edges) if self.edges and self.g != 1 else 0

    def step(self, m: Any) -> StepFn:
        powers = self.powers
        if m is SCALAR:
            return lambda lr, e: lr * powers[e] if e in powers else lr
        where, marks = m.where, sorted(k for k in powers if k > 0)

        def step(lr: Any, e: Any) -> Any:
            for mark in marks:
                lr = where(e == mark, lr * powers[mark], lr)
            return lr

        return step

    def apply(self, m: Any) -> ApplyFn:
        g, pow_, edges, listed = self.g, m.pow, self.edge_array, self.edges

        def apply(lr: Any, a: Any, b: Any) -> Any:
            passed = _count_le(m, edges, listed, b) - _count_le(m, edges, listed, a)
            return lr * pow_(g, passed)

        return apply


class _ConstantModel(_Model):
    def __init__(self, base: float, factor: float, total_iters: int) -> None:
        super().__init__(base)
        self.f, self.T = factor, total_iters
        self.inverse = 1.0 / factor if factor else 0.0  # factor 0 only with total_iters 0

    def initial(self, lr: float) -> float:
        return lr * self.f

    plain0 = initial

    def restart(self) -> float:
        return self.base * (self.f + (0 >= self.T) * (1 - self.f))

    def events(self) -> float | None:
        return self.T if self.T >= 1 and self.f != 1 else 0

    def step(self, m: Any) -> StepFn:
        T, inverse, where = self.T, self.inverse, m.where
        return lambda lr, e: where(e == T, lr * inverse, lr)

    def apply(self, m: Any) -> ApplyFn:
        T, inverse, where = self.T, self.inverse, m.where
        if T < 1:
            return lambda lr, a, b: lr
        return lambda lr, a, b: where((a < T) & (T <= b), lr * inverse, lr)


class _LinearModel(_Model):
    def __init__(self, base: float, start: float, end: float, total_iters: int) -> None:
        super().__init__(base)
        self.s, self.e, self.T = start, end, total_iters
        self.d = end - start
        # torch's ratio at its last step, exactly (with end_factor 0 it is not exactly 0)
        self.last = 1.0 + self.d / (self.T * start + (self.T - 1) * self.d) if self.T else 1.0

    def initial(self, lr: float) -> float:
        return lr * self.s

    plain0 = initial

    def restart(self) -> float:
        if self.T == 0:
            raise ZeroDivisionError  # the caller names the parameter
        return self.base * (self.s + self.d * min(self.T, 0) / self.T)

    def events(self) -> float | None:
        return self.T if self.d != 0 else 0

    def step(self, m: Any) -> StepFn:
        s, d, T, where = self.s, self.d, self.T, m.where

        def step(lr: Any, e: Any) -> Any:
            ratio = 1.0 + d / _safe(m, T * s + (e - 1) * d)
            return where(e <= T, lr * ratio, lr)

        return step

    def apply(self, m: Any) -> ApplyFn:
        s, d, T, last = self.s, self.d, self.T, self.last
        where, minimum = m.where, m.minimum
        if T < 1:
            return lambda lr, a, b: lr

        def F(x: Any) -> Any:
            return s + d * x / T

        def apply(lr: Any, a: Any, b: Any) -> Any:
            A, B = minimum(a, T), minimum(b, T)
            scaled = lr / _safe(m, F(A))  # (not F(B) / F(A): with a tiny start_factor, inf)
            inner = scaled * F(B)
            before_last = where(B - 1 > A, scaled * F(B - 1), lr)
            return where(B <= A, lr, where(B == T, before_last * last, inner))

        return apply


class _ExponentialModel(_Model):
    def __init__(self, base: float, gamma: float) -> None:
        super().__init__(base)
        self.g = gamma

    def plain0(self, lr: float) -> float:
        return lr * self.g

    def restart(self) -> float:
        return self.base * self.g**0

    def events(self) -> float | None:
        return None if self.g != 1 else 0

    def step(self, m: Any) -> StepFn:
        g = self.g
        return lambda lr, e: lr * g

    def apply(self, m: Any) -> ApplyFn:
        g, pow_ = self.g, m.pow
        return lambda lr, a, b: lr * pow_(g, b - a)


class _PolynomialModel(_Model):
    def __init__(self, base: float, total_iters: int, power: float) -> None:
        super().__init__(base)
        self.T, self.p = total_iters, power

    def _x(self, e: float) -> float:
        return 1.0 - e / self.T

    def plain0(self, lr: float) -> float:
        if self.T == 0:
            raise ZeroDivisionError
        ratio: float = (self._x(0) / self._x(-1)) ** self.p  # (float ** float: Any to mypy)
        return lr * ratio

    def restart(self) -> float:
        if self.T == 0:
            raise ZeroDivisionError
        ratio: float = (1.0 - min(self.T, 0) / self.T) ** self.p  # (float ** float: Any to mypy)
        return self.base * ratio

    def events(self) -> float | None:
        return self.T if self.p != 0 else 0

    def step(self, m: Any) -> StepFn:
        T, p, where, pow_ = self.T, self.p, m.where, m.pow
        if T < 1:
            return lambda lr, e: lr

        def step(lr: Any, e: Any) -> Any:
            ratio = (1.0 - e / T) / _safe(m, 1.0 - (e - 1) / T)
            ratio = m.minimum(m.maximum(ratio, 0.0), 1.0)  # (as it is where it is used)
            return where(e <= T, lr * pow_(ratio, p), lr)

        return step

    def apply(self, m: Any) -> ApplyFn:
        T, p, where, pow_, minimum = self.T, self.p, m.where, m.pow, m.minimum
        if T < 1:
            return lambda lr, a, b: lr

        def apply(lr: Any, a: Any, b: Any) -> Any:
            A, B = minimum(a, T), minimum(b, T)
            ratio = m.minimum((1.0 - B / T) / _safe(m, 1.0 - A / T), 1.0)
            return where(B > A, lr * pow_(ratio, p), lr)

        return apply


class _CosineModel(_Model):
    """CosineAnnealingLR: ``c(e) / c(e - 1) * (lr - eta_min) + eta_min`` with ``c(e) = 1 +
    cos(pi e / T_max)``; at ``e = T_max + 1`` (mod ``2 T_max``), right after a bottom, torch adds
    ``(base - eta_min) (1 - cos(pi / T_max)) / 2`` instead."""

    kind = "cos"

    def __init__(self, base: float, T_max: int, eta_min: float) -> None:
        super().__init__(base)
        self.T, self.mn = T_max, eta_min
        self.delta = (base - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
        self._replays: dict[tuple[float, float], list[float]] = {}

    def _c(self, e: float) -> float:
        return 1 + math.cos(math.pi * e / self.T)

    def _step0(self, lr: float) -> float:
        if (0 - 1 - self.T) % (2 * self.T) == 0:
            return lr + self.delta
        return self._c(0) / self._c(-1) * (lr - self.mn) + self.mn

    def plain0(self, lr: float) -> float:
        return self._step0(lr)

    def restart(self) -> float:
        return self.mn + (self.base - self.mn) * (1 + math.cos(math.pi * 0 / self.T)) / 2

    def events(self) -> float | None:
        return None

    def parts(self, m: Any) -> tuple[Callable[[Any], Any], ...]:
        """``c(e)``, whether ``e`` is a restart step, whether ``t`` is a bottom, and the last
        bottom ``<= t`` (or -1)."""
        T, cos, pi, fmod, floor, where = self.T, m.cos, m.pi, m.fmod, m.floor, m.where

        def c(e: Any) -> Any:
            return 1 + cos(pi * e / T)

        def special(e: Any) -> Any:
            return fmod(e - 1 - T, 2 * T) == 0

        def bottom(t: Any) -> Any:
            return (t >= T) & (fmod(t - T, 2 * T) == 0)

        def last_bottom(t: Any) -> Any:
            return where(t >= T, T + 2 * T * floor((t - T) / (2 * T)), -1.0)

        return c, special, bottom, last_bottom

    def step(self, m: Any) -> StepFn:
        mn, delta, where = self.mn, self.delta, m.where
        c, special, _, _ = self.parts(m)

        def step(lr: Any, e: Any) -> Any:
            ratio = c(e) / _safe(m, c(e - 1))
            return where(special(e), lr + delta, ratio * (lr - mn) + mn)

        return step

    def apply(self, m: Any) -> ApplyFn:
        """Only with eta_min = 0, where each step multiplies (between its bottoms)."""
        c, _, bottom, _ = self.parts(m)
        where = m.where
        # From one of its bottoms only to a step between it and the next (a fractional one):
        # nothing multiplies there.
        return lambda lr, a, b: where((b > a) & ~bottom(a), lr * (c(b) / _safe(m, c(a))), lr)

    def affine(self, m: Any) -> ApplyFn:
        """``(lr, a, t) -> rate`` at ``t`` from ``lr`` at ``a``, when nothing but this
        scheduler moves the rate in ``(a, t]`` and that holds no bottom or restart step: with
        eta_min != 0 the first COSINE_REPLAY steps are torch's own, then it telescopes."""
        mn, where, minimum = self.mn, m.where, m.minimum
        c, _, _, _ = self.parts(m)
        step = self.step(m)
        replay = COSINE_REPLAY if mn != 0 else 0
        stop_early = _concrete(m)
        if m is SCALAR and replay:
            return self._cached_affine(step, c)

        def affine(lr: Any, a: Any, t: Any) -> Any:
            for k in range(1, replay + 1):
                active = a + k <= t
                if stop_early and not np.any(active):
                    break
                lr = where(active, step(lr, a + k), lr)
            r = minimum(t, a + replay)
            telescoped = c(t) / _safe(m, c(r)) * (lr - mn) + mn
            return where(r == t, lr, telescoped)

        return affine

    def _cached_affine(self, step: StepFn, c: Callable[[Any], Any]) -> ApplyFn:
        """The scalar path of :meth:`affine`, the same operations, with the replayed steps
        kept: every step of one restart's stretch replays the same steps from it."""
        mn, replay, cache = self.mn, COSINE_REPLAY, self._replays

        def affine(lr: Any, a: Any, t: Any) -> Any:
            key = (a, lr)
            seq = cache.get(key)
            if seq is None:
                seq, x = [lr], lr
                for k in range(1, replay + 1):
                    x = step(x, a + k)
                    seq.append(x)
                if len(cache) > 64:
                    cache.clear()
                cache[key] = seq
            d = t - a
            if d <= replay:
                # Before ``a`` no step has run (a branch ``where`` computes and then drops),
                # as in the array path.
                return seq[int(d)] if d >= 0 else lr
            r = a + replay
            return c(t) / _safe(SCALAR, c(r)) * (seq[replay] - mn) + mn

        return affine

    def tail(self, m: Any) -> ApplyFn:
        """``(lr, a, t) -> rate`` at ``t >= a`` from ``lr`` at epoch ``a``, when nothing else
        moves the rate after ``a`` (its bottoms and restarts included)."""
        T, mn, delta, where, maximum, floor = (
            self.T,
            self.mn,
            self.delta,
            m.where,
            m.maximum,
            m.floor,
        )
        _, _, bottom, _ = self.parts(m)
        affine = self.affine(m)

        def tail(lr: Any, a: Any, t: Any) -> Any:
            s = T + 1 + 2 * T * floor((t - T - 1) / (2 * T))  # the last restart step <= t
            restarted = s > a
            start = where(restarted, s, a)
            lr = where(restarted, mn + delta, lr)
            return where(bottom(t) & (t > a), mn, affine(lr, maximum(start, a), t))

        return tail

    def rises(self) -> bool:
        """Whether eta_min is above the base: the rate then climbs from the base to eta_min and
        back, and near the base (far below eta_min) torch's every step rounds to ulps of
        eta_min, which no closed form follows: its steps are replayed, all of them."""
        return self.mn > self.base and 2 * self.T <= REPLAY_LIMIT

    def kernel(self, lr0: float, length: float) -> kernels.Kernel:
        if not self.rises():
            return super().kernel(lr0, length)
        replay = _CosineReplay(self, lr0)
        return kernels.with_hold(
            length, replay.scalar, replay.fill, lambda t, m: self.run(m)(lr0, t)
        )

    def run(self, m: Any) -> RunFn:
        T, mn, where = self.T, self.mn, m.where
        c, _, _, _ = self.parts(m)
        tail = self.tail(m)

        def run(lr0: Any, t: Any) -> Any:
            if mn == 0:
                early = mn + (lr0 - mn) * c(t) / 2
            else:
                early = c(t) / 2 * (lr0 - mn) + mn
            late = tail(lr0, 0.0, t)
            return where(t == 0, lr0, where(t <= T, early, late))

        return run


class _CosineReplay:
    """CosineAnnealingLR from ``lr0``, torch's steps replayed from the start or from the last
    restart (right after a bottom, where the rate is exactly eta_min): each stretch is replayed
    once and kept (the last few). The traced form is the closed one."""

    KEEP = 4

    def __init__(self, model: _CosineModel, lr0: float) -> None:
        self.model, self.lr0 = model, lr0
        self.step = model.step(SCALAR)
        self.runs: dict[int, list[float]] = {}
        self.lock = threading.Lock()

    def scalar(self, t: float) -> float:
        n, model = int(t // 1.0), self.model
        T = model.T
        if n <= T:
            anchor, start = 0, self.lr0
        else:  # the last restart step: eta_min (the bottom before it) plus torch's step
            anchor = T + 1 + 2 * T * ((n - T - 1) // (2 * T))
            start = model.mn + model.delta
        with self.lock:
            run = self.runs.get(anchor)
            if run is None:
                if len(self.runs) >= self.KEEP:
                    self.runs.clear()
                run = self.runs[anchor] = [start]
            step = self.step
            while len(run) <= n - anchor:
                run.append(step(run[-1], float(anchor + len(run))))
            return run[n - anchor]

    def fill(self, t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        scalar = self.scalar
        for i, value in enumerate(t.tolist()):
            out[i] = scalar(value)


class _AbsoluteModel(_Model):
    """A scheduler that sets the rate, whatever it was."""

    kind = "abs"

    def value(self, m: Any) -> Callable[[Any], Any]:
        """``t -> rate`` at epoch ``t``."""
        raise NotImplementedError

    def initial(self, lr: float) -> float:
        at_zero: float = self.value(SCALAR)(0.0)
        return at_zero

    plain0 = initial

    def restart(self) -> float:
        return self.initial(self.base)

    def events(self) -> float | None:
        return None

    def step(self, m: Any) -> StepFn:
        value = self.value(m)
        return lambda lr, e: value(e)

    def run(self, m: Any) -> RunFn:
        value = self.value(m)
        return lambda lr0, t: value(t)


class _RestartsModel(_AbsoluteModel):
    def __init__(self, base: float, meaning: core.CosineRestarts) -> None:
        super().__init__(base)
        self.meaning = meaning

    def value(self, m: Any) -> Callable[[Any], Any]:
        return self.meaning.formula(m)


class _CyclicModel(_AbsoluteModel):
    """CyclicLR: ``lo + (hi - lo) * f * scale``, torch's arithmetic (see the family)."""

    def __init__(
        self,
        base: float,
        family: CyclicLR,
        lo: float,
        hi: float,
        built_from: float | None = None,
    ) -> None:
        super().__init__(base)
        self.family, self.lo, self.hi = family, lo, hi
        self.built_from = lo if built_from is None else built_from

    def value(self, m: Any) -> Callable[[Any], Any]:
        return self.family.shape(m, self.lo, self.hi)

    def construct(self, lr: float) -> float:
        # Its constructor steps before it stores its own base_lrs: from the group's initial_lr.
        at_zero: float = self.family.shape(SCALAR, self.built_from, self.hi)(0.0)
        return at_zero


class _OneCycleModel(_AbsoluteModel):
    """OneCycleLR: reads its rates from the param group, where the last OneCycleLR built wrote
    them (``rates()``)."""

    def __init__(
        self, base: float, family: OneCycleLR, rates: Callable[[], tuple[float, float, float]]
    ) -> None:
        super().__init__(base)
        self.family, self.rates = family, rates

    def value(self, m: Any) -> Callable[[Any], Any]:
        initial, peak, lowest = self.rates()
        return self.family.phases(m, initial, peak, lowest)


# -- the param group while the schedulers are built -------------------------------------------


class _Group:
    """What the constructors leave in the param group (``initial_lr`` and OneCycleLR's rates),
    and the rate it holds."""

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self.initial_lr: float | None = None
        self.one_cycle: tuple[float, float, float] | None = None

    def setdefault(self) -> float:
        if self.initial_lr is None:
            self.initial_lr = self.lr
        return self.initial_lr


# -- the schedulers --------------------------------------------------------------------------


class _Scaled(_Leaf):
    """A scheduler whose rates scale the optimizer's (``lr=``)."""

    def build(self, group: _Group) -> _Model:
        """Its model as built on ``group`` (it scales the group's ``initial_lr``), taking its
        constructor's step on the group's rate."""
        model = self.model(group.setdefault())
        group.lr = model.construct(group.lr)
        return model


@register
class StepLR(_Scaled):
    """PyTorch's ``StepLR``: the rate times ``gamma`` every ``step_size`` steps.

    value(t) = lr * gamma ** floor(t / step_size)

    Example: ``torch.StepLR(step_size=30, gamma=0.5, lr=0.1)`` is ``StepLR(0.1, 30, gamma=0.5)``.
    """

    name = "torch.StepLR"
    params = (
        Param("step_size", _STEPS_1, doc="steps between two drops"),
        Param("gamma", _GAMMA, 0.1, doc="the factor of each drop"),
        _LR,
    )
    example = "torch.StepLR(step_size=30, gamma=0.5, lr=0.1)"

    def meaning(self) -> Expr:
        return core.StepLR.make(initial=self.lr, step_size=self.step_size, gamma=self.gamma)

    def model(self, base: float) -> _StepModel:
        return _StepModel(base, self.step_size, self.gamma)


@register
class MultiStepLR(_Scaled):
    """PyTorch's ``MultiStepLR``: the rate times ``gamma`` at each milestone.

    value(t) = lr * gamma ** (number of milestones <= t)

    Example: ``torch.MultiStepLR(milestones=[30, 80], gamma=0.5, lr=0.1)`` is
    ``MultiStepLR(0.1, [30, 80], 0.5)``. As in PyTorch the milestones may come in any order,
    a milestone given twice drops twice, and a milestone 0 drops at step 0.
    """

    name = "torch.MultiStepLR"
    params = (
        Param("milestones", ListOf(_STEPS_0), doc="the steps of the drops, in any order"),
        Param("gamma", _GAMMA, 0.1, doc="the factor of each drop"),
        _LR,
    )
    example = "torch.MultiStepLR(milestones=[30, 80], gamma=0.5, lr=0.1)"

    def meaning(self) -> Expr:
        return nerva.MultiStepLR.make(
            lr=self.lr, milestones=tuple(sorted(self.milestones)), gamma=self.gamma
        )

    def model(self, base: float) -> _MultiStepModel:
        return _MultiStepModel(base, self.milestones, self.gamma)


@register
class ConstantLR(_Scaled):
    """PyTorch's ``ConstantLR``: the rate times ``factor`` until ``total_iters`` steps.

    value(t) = lr * factor for t < total_iters, then (lr * factor) * (1 / factor)

    Example: ``torch.ConstantLR(factor=0.5, total_iters=4, lr=0.1)`` is
    ``PiecewiseConstant([4], [0.05, 0.1])``. With ``total_iters=0`` the factor is never taken
    back (PyTorch's own recursion).
    """

    name = "torch.ConstantLR"
    params = (
        Param("factor", _FACTOR, 1.0 / 3, doc="the factor before total_iters"),
        Param("total_iters", _STEPS_0, 5, doc="the steps the factor lasts"),
        _LR,
    )
    example = "torch.ConstantLR(factor=0.5, total_iters=4, lr=0.1)"

    def check(self) -> None:
        if self.total_iters != 0 and (self.factor == 0 or math.isinf(1.0 / self.factor)):
            self.fail(
                "factor",
                "must be > 0 when total_iters > 0: PyTorch divides by it at total_iters",
            )

    def meaning(self) -> Expr:
        low = self.lr * self.factor
        if self.total_iters == 0:
            return core.Constant.make(lr=low)
        return core.PiecewiseConstant.make(
            boundaries=(self.total_iters,), values=(low, low * (1.0 / self.factor))
        )

    def model(self, base: float) -> _ConstantModel:
        return _ConstantModel(base, self.factor, self.total_iters)


@register
class LinearLR(_Scaled):
    """PyTorch's ``LinearLR``: the rate's factor goes linearly from ``start_factor`` to
    ``end_factor`` over ``total_iters`` steps.

    value(t) = lr * (start_factor + (end_factor - start_factor) * min(t, total_iters) / total_iters)

    Example: ``torch.LinearLR(start_factor=0.01, total_iters=500, lr=0.1)`` is
    ``Linear(0.001, 0.1, 500)``. Its last value is PyTorch's own product of ratios: with
    ``end_factor=0`` that is not exactly 0 (about 1e-17 of ``lr``), and lrspec gives the same.
    ``total_iters=0`` keeps ``lr * start_factor`` for ever.
    """

    name = "torch.LinearLR"
    params = (
        Param(
            "start_factor",
            Real(0.0, 1.0, lo_open=True, label="factor"),
            1.0 / 3,
            doc="the factor at step 0",
        ),
        Param("end_factor", _FACTOR, 1.0, doc="the factor from total_iters on"),
        Param("total_iters", _STEPS_0, 5, doc="the steps of the ramp"),
        _LR,
    )
    example = "torch.LinearLR(start_factor=0.01, total_iters=500, lr=0.1)"

    def finite(self) -> bool:
        return _has_steps(self.total_iters)

    def meaning(self) -> Expr:
        lr, start, end, total = self.lr, self.start_factor, self.end_factor, self.total_iters
        if total == 0:
            return core.Constant.make(lr=lr * start)
        ramp = core.Linear.make(initial=lr * start, final=lr * end, steps=total)
        model = self.model(lr)
        if model.last >= 1e-3 or total >= MAX_STEPS:
            return ramp  # no cancellation in torch's last ratio (or no step after it)
        # torch's last ratio cancels (it is about 1e-17 with end_factor 0): take it as torch
        # does, after the ramp's value one step before.
        final = ramp.formula(SCALAR)(float(total - 1)) * model.last
        return Sequence((Window(ramp, None, total), Window(Const.from_number(final), None, 1)))

    def model(self, base: float) -> _LinearModel:
        return _LinearModel(base, self.start_factor, self.end_factor, self.total_iters)


@register
class ExponentialLR(_Scaled):
    """PyTorch's ``ExponentialLR``: the rate times ``gamma`` every step.

    value(t) = lr * gamma ** t

    Example: ``torch.ExponentialLR(gamma=0.999, lr=0.1)`` is ``ExponentialDecay(0.1, 0.999, 1)``.
    """

    name = "torch.ExponentialLR"
    params = (Param("gamma", _GAMMA, doc="the factor per step"), _LR)
    example = "torch.ExponentialLR(gamma=0.999, lr=0.1)"

    def meaning(self) -> Expr:
        if self.gamma == 0:  # lr at step 0, then 0
            return Sequence(
                (Window(core.Constant.make(lr=self.lr), None, 1), Const.from_number(0.0))
            )
        return core.ExponentialDecay.make(initial=self.lr, rate=self.gamma, steps=1)

    def model(self, base: float) -> _ExponentialModel:
        return _ExponentialModel(base, self.gamma)


@register
class PolynomialLR(_Scaled):
    """PyTorch's ``PolynomialLR``: a polynomial decay to 0 over ``total_iters`` steps.

    value(t) = lr * (1 - min(t, total_iters) / total_iters) ** power

    Example: ``torch.PolynomialLR(total_iters=1000, power=2.0, lr=0.1)`` is
    ``Polynomial(0.1, 0.0, 1000, power=2)``. ``total_iters=0`` keeps ``lr`` for ever.
    """

    name = "torch.PolynomialLR"
    params = (
        Param("total_iters", _STEPS_0, 5, doc="the steps of the decay"),
        Param("power", _POWER, 1.0, doc="the exponent; 1 is linear"),
        _LR,
    )
    example = "torch.PolynomialLR(total_iters=1000, power=2.0, lr=0.1)"

    def finite(self) -> bool:
        return _has_steps(self.total_iters)

    def meaning(self) -> Expr:
        if self.total_iters == 0:
            return core.Constant.make(lr=self.lr)
        return core.Polynomial.make(
            initial=self.lr, final=0.0, steps=self.total_iters, power=self.power
        )

    def model(self, base: float) -> _PolynomialModel:
        return _PolynomialModel(base, self.total_iters, self.power)


@register
class CosineAnnealingLR(_Scaled):
    """PyTorch's ``CosineAnnealingLR``: a cosine from ``lr`` down to ``eta_min`` over ``T_max``
    steps, and on: PyTorch's cosine keeps going, back up to ``lr`` at ``2 * T_max``, down
    again at ``3 * T_max``, ...

    value(t) = eta_min + (lr - eta_min) * (1 + cos(pi * t / T_max)) / 2

    Example: ``torch.CosineAnnealingLR(T_max=1000, eta_min=0.0001, lr=0.1)`` is
    ``Cosine(0.1, 0.0001, 1000)`` up to step 1000. Past ``T_max`` the values are PyTorch's
    recursion, which drifts from the formula near its bottoms: exactly ``eta_min`` at ``T_max``,
    ``3 T_max``, ..., restarted by PyTorch's additive step after each, then followed step by
    step for 128 steps (with ``eta_min != 0``) and in closed form from there.
    """

    name = "torch.CosineAnnealingLR"
    params = (
        Param("T_max", _STEPS_1, doc="the steps from lr down to eta_min"),
        Param("eta_min", RATE, 0.0, doc="the lowest rate"),
        _LR,
    )
    example = "torch.CosineAnnealingLR(T_max=1000, eta_min=0.0001, lr=0.1)"

    def own_kernel(self) -> kernels.Kernel:
        return self.model(self.lr).kernel(self.lr, math.inf)

    def formula(self, m: Any) -> Callable[[Any], Any]:
        run, lr = self.model(self.lr).run(m), self.lr
        return lambda t: run(lr, t)

    def model(self, base: float) -> _CosineModel:
        return _CosineModel(base, self.T_max, self.eta_min)


@register
class CosineAnnealingWarmRestarts(_Scaled):
    """PyTorch's ``CosineAnnealingWarmRestarts``: cosines from ``lr`` down to ``eta_min``, the
    first ``T_0`` steps long, each next one ``T_mult`` times as long.

    value(t) = eta_min + (lr - eta_min) * (1 + cos(pi * t_i / T_i)) / 2, with T_i the length
    of the current cycle and t_i the step in it

    Example: ``torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.001, lr=0.1)`` is
    ``CosineRestarts(0.1, 0.001, 10, mult=2)``.
    """

    name = "torch.CosineAnnealingWarmRestarts"
    params = (
        Param("T_0", _STEPS_1, doc="the length of the first cycle"),
        Param("T_mult", Integer(1, 10**6), 1, doc="each cycle is this many times as long"),
        Param("eta_min", RATE, 0.0, doc="the lowest rate"),
        _LR,
    )
    example = "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.001, lr=0.1)"

    def meaning(self) -> Expr:
        return self._restarts(self.lr)

    def _restarts(self, base: float) -> core.CosineRestarts:
        return core.CosineRestarts.make(
            initial=base, final=self.eta_min, period=self.T_0, mult=float(self.T_mult)
        )

    def model(self, base: float) -> _RestartsModel:
        return _RestartsModel(base, self._restarts(base))


_MODES = Choice(("triangular", "triangular2", "exp_range"))


@register
class CyclicLR(_Leaf):
    """PyTorch's ``CyclicLR``: up from ``base_lr`` to ``max_lr`` in ``step_size_up`` steps, down
    in ``step_size_down``, again and again (its own rates: no ``lr``).

    cycle = floor(1 + t / (up + down)), x = 1 + t / (up + down) - cycle
    f = x / r if x <= r else (x - 1) / (r - 1), with r = up / (up + down)
    value(t) = base_lr + (max_lr - base_lr) * f * scale, where scale is 1 (triangular),
    1 / 2 ** (cycle - 1) (triangular2) or gamma ** t (exp_range)

    Example: ``torch.CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=20, mode=triangular2)``.
    Its momentum companion (``cycle_momentum``) goes the other way, from ``max_momentum`` down
    to ``base_momentum`` and back, with the same f and scale. PyTorch raises after 1024 cycles
    of ``triangular2`` (2.0 ** 1024 overflows); lrspec goes on halving, so the rate is
    ``base_lr``. ``scale_mode`` is read only with a ``scale_fn``, which text cannot hold: as in
    PyTorch, ``exp_range`` scales by step and the others by cycle.
    """

    name = "torch.CyclicLR"
    base_rate = None
    params = (
        Param("base_lr", RATE, doc="the rate at the bottom of each cycle"),
        Param("max_lr", RATE, doc="the rate at the top of the first cycle"),
        Param("step_size_up", Steps(positive=True), 2000, doc="steps from bottom to top"),
        Param(
            "step_size_down",
            Nullable(Steps()),
            None,
            doc="steps from top to bottom (None: step_size_up)",
        ),
        Param("mode", _MODES, "triangular", doc="how the height changes from cycle to cycle"),
        Param("gamma", _GAMMA, 1.0, doc="the factor per step in exp_range mode"),
        Param(
            "scale_fn",
            NoCallable("leave it out and choose mode=triangular, triangular2 or exp_range"),
            None,
            doc="PyTorch's custom scaling function; only None",
        ),
        Param(
            "scale_mode",
            Choice(("cycle", "iterations")),
            "cycle",
            doc="read only with a scale_fn (never, in text)",
        ),
        Param("cycle_momentum", BOOLEAN, True, doc="drive the momentum inversely to the rate"),
        Param("base_momentum", _MOMENTUM, 0.8, doc="the momentum at the top of a cycle"),
        Param("max_momentum", _MOMENTUM, 0.9, doc="the momentum at the bottom of a cycle"),
    )
    example = "torch.CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=20, mode=triangular2)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        return self.shape(m, self.base_lr, self.max_lr)

    def shape(self, m: Any, low: float, high: float) -> Callable[[Any], Any]:
        """torch's ``get_lr`` between ``low`` and ``high`` (its momentum: from ``high`` =
        max_momentum to ``low`` = base_momentum, the same arithmetic)."""
        up = float(self.step_size_up)
        down = float(self.step_size_down) if self.step_size_down is not None else up
        total = up + down
        ratio = up / total
        fall = ratio - 1 if ratio < 1 else -1.0  # down 0: the falling branch is never picked
        height, mode, gamma = high - low, self.mode, self.gamma
        floor, where, pow_ = m.floor, m.where, m.pow

        def value(t: Any) -> Any:
            cycle = floor(1 + t / total)
            x = 1.0 + t / total - cycle
            factor = where(x <= ratio, x / ratio, (x - 1) / fall)
            if mode == "triangular":
                return low + height * factor * 1.0
            if mode == "triangular2":
                return low + height * factor * pow_(0.5, cycle - 1)
            return low + height * factor * pow_(gamma, t)

        return value

    def companions(self) -> dict[str, Expr]:
        if not self.cycle_momentum:
            return {}
        # base_momentum + (max - base) * ... mirrored: max_momentum - (max - base) * f * scale,
        # which is this same schedule from max_momentum to base_momentum, bit for bit.
        return {
            "momentum": self.with_args(
                base_lr=self.max_momentum, max_lr=self.base_momentum, cycle_momentum=False
            )
        }

    def build(self, group: _Group) -> _Model:
        group.lr = self.base_lr  # the constructor sets the group's rate first
        built_from = group.setdefault()
        model = _CyclicModel(self.base_lr, self, self.base_lr, self.max_lr, built_from)
        group.lr = model.construct(group.lr)
        return model

    def model(self, base: float) -> _CyclicModel:
        return _CyclicModel(self.base_lr, self, self.base_lr, self.max_lr)


@register
class OneCycleLR(_Leaf):
    """PyTorch's ``OneCycleLR``: the one-cycle policy over ``total_steps`` steps (or ``epochs *
    steps_per_epoch``), from ``max_lr / div_factor`` up to ``max_lr`` and down to
    ``max_lr / div_factor / final_div_factor`` (its own rates: no ``lr``).

    Phases end at pct_start * N - 1 and N - 1 (three_phase: pct_start * N - 1,
    2 * pct_start * N - 2 and N - 1, coming back down to max_lr / div_factor first); in each,
    with pct the fraction of the phase done:
    cos:    end + (start - end) / 2 * (cos(pi * pct) + 1)
    linear: (end - start) * pct + start

    Example: ``torch.OneCycleLR(max_lr=0.1, total_steps=1000)`` is ``OneCycle(0.1, 1000)``.
    Its momentum companion (``cycle_momentum``), ``torch.OneCycleLR.momentum(...)``, goes
    from ``max_momentum`` down to ``base_momentum`` while the rate goes up, and back. PyTorch
    raises from step N + 1 on (and at step N extrapolates its last phase); lrspec holds the
    rate of step N - 1, the end of the cycle.
    """

    name = "torch.OneCycleLR"
    base_rate = None
    params = (
        Param("max_lr", RATE, doc="the highest rate"),
        Param("total_steps", Nullable(_STEPS_1), None, doc="the length of the cycle"),
        Param("epochs", Nullable(Integer(1, MAX_STEPS)), None, doc="with steps_per_epoch"),
        Param(
            "steps_per_epoch",
            Nullable(Integer(1, MAX_STEPS)),
            None,
            doc="the cycle is epochs * steps_per_epoch steps without total_steps",
        ),
        Param(
            "pct_start",
            Real(0.0, 1.0, label="fraction"),
            0.3,
            doc="the fraction of the cycle spent going up",
        ),
        Param("anneal_strategy", Choice(("cos", "linear")), "cos", doc="the shape of each phase"),
        Param("cycle_momentum", BOOLEAN, True, doc="drive the momentum inversely to the rate"),
        Param("base_momentum", _MOMENTUM, 0.85, doc="the momentum at the peak rate"),
        Param("max_momentum", _MOMENTUM, 0.95, doc="the momentum at the start and the end"),
        Param("div_factor", _DIVISOR, 25.0, doc="the start rate is max_lr / div_factor"),
        Param(
            "final_div_factor",
            _DIVISOR,
            1e4,
            doc="the final rate is max_lr / div_factor / final_div_factor",
        ),
        Param("three_phase", BOOLEAN, False, doc="come back down to the start rate first"),
    )
    example = "torch.OneCycleLR(max_lr=0.1, total_steps=1000)"

    def steps(self) -> int:
        """The length of the cycle, N (``total_steps`` is read from ``args``: a family's
        ``total_steps`` attribute is the run's size)."""
        total: int | None = self.args["total_steps"]
        if total is not None:
            return total
        product: int = self.epochs * self.steps_per_epoch
        return product

    def check(self) -> None:
        if self.args["total_steps"] is None and (
            self.epochs is None or self.steps_per_epoch is None
        ):
            self.fail(
                "total_steps",
                "is needed: give total_steps, or epochs and steps_per_epoch",
                hint="as in PyTorch, total_steps or both of epochs and steps_per_epoch",
            )
        initial, _, lowest = self.own_rates()
        for name, value in (("div_factor", initial), ("final_div_factor", lowest)):
            if not math.isfinite(value):
                self.fail(name, f"makes a rate overflow ({self.max_lr} / ... = {value})")
        if not self.resolved(self.args["total_steps"]):
            return
        steps = self.steps()
        if steps > MAX_STEPS:
            self.fail(
                "steps_per_epoch",
                f"makes the cycle longer than 2**53 steps ({self.epochs} * {self.steps_per_epoch})",
                cls=LimitError,
            )
        if float(self.pct_start * steps) - 1 == 0:
            self.fail(
                "pct_start",
                f"gives a first phase of no steps ({self.pct_start} of {steps} steps): "
                "PyTorch divides by its length",
                hint="the first phase ends at pct_start * steps - 1, which must not be 0",
            )

    def finite(self) -> bool:
        return True

    def length(self) -> float:
        return self.steps()

    def own_rates(self) -> tuple[float, float, float]:
        """(initial, max, min) rates, as PyTorch writes them into the param group."""
        initial = self.max_lr / self.div_factor
        return initial, self.max_lr, initial / self.final_div_factor

    def formula(self, m: Any) -> Callable[[Any], Any]:
        return self.phases(m, *self.own_rates())

    def phases(self, m: Any, initial: float, peak: float, lowest: float) -> Callable[[Any], Any]:
        """The rate with these three rates (PyTorch reads them from the param group)."""
        return self._anneal(
            m,
            [(initial, peak), (peak, lowest)],
            [(initial, peak), (peak, initial), (initial, lowest)],
        )

    def _anneal(
        self, m: Any, two: list[tuple[float, float]], three: list[tuple[float, float]]
    ) -> Callable[[Any], Any]:
        steps, pct = self.steps(), self.pct_start
        if self.three_phase:
            ends = [float(pct * steps) - 1, float(2 * pct * steps) - 2, steps - 1]
            ranges = three
        else:
            ends = [float(pct * steps) - 1, steps - 1]
            ranges = two
        last = steps - 1
        cos, pi, where, minimum = m.cos, m.pi, m.where, m.minimum
        linear = self.anneal_strategy == "linear"

        def value(t: Any) -> Any:
            t = minimum(t, last)  # lrspec holds the rate of step N - 1 (PyTorch raises)
            values, start = [], 0.0
            for end, (a, b) in zip(ends, ranges):
                pct = (t - start) / _safe(m, end - start)
                if linear:
                    values.append((b - a) * pct + a)
                else:
                    values.append(b + (a - b) / 2.0 * (cos(pi * pct) + 1))
                start = end
            out = values[-1]
            for k in reversed(range(len(ends) - 1)):
                out = where(t <= ends[k], values[k], out)
            return out

        return value

    def companions(self) -> dict[str, Expr]:
        if not self.cycle_momentum:
            return {}
        return {"momentum": OneCycleMomentum.make(**self.args)}

    def build(self, group: _Group) -> _Model:
        rates = self.own_rates()
        group.initial_lr = rates[0]  # overwritten, not setdefault
        group.one_cycle = rates

        def written() -> tuple[float, float, float]:  # by the last OneCycleLR built
            assert group.one_cycle is not None  # (this one wrote its rates already)
            return group.one_cycle

        model = _OneCycleModel(rates[0], self, written)
        group.lr = self.phases(SCALAR, *rates)(0.0)
        return model

    def model(self, base: float) -> _OneCycleModel:
        rates = self.own_rates()
        return _OneCycleModel(rates[0], self, lambda: rates)


@register
class OneCycleMomentum(OneCycleLR):
    """The momentum that ``torch.OneCycleLR`` cycles along with its rate (its companion in
    ``Schedule.companions()``, which ``lrspec.torch`` drives): from ``max_momentum`` down to
    ``base_momentum`` while the rate goes up, and back, over the same phases.

    value(t): the rate's phases and anneal with the rates (max_momentum, base_momentum,
    max_momentum) in place of (max_lr / div_factor, max_lr, max_lr / div_factor /
    final_div_factor); held from step N - 1 on.

    Example: ``torch.OneCycleLR.momentum(max_lr=0.1, total_steps=1000)`` is 0.95 at step 0,
    0.85 at step 299 and 0.95 again at step 999.
    """

    name = "torch.OneCycleLR.momentum"
    example = "torch.OneCycleLR.momentum(max_lr=0.1, total_steps=1000)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        high, low = self.max_momentum, self.base_momentum
        return self.phases(m, high, low, high)

    def companions(self) -> dict[str, Expr]:
        return {}

    def build(self, group: _Group) -> NoReturn:
        raise CompositionError(
            f"{self.name} is the momentum of torch.OneCycleLR, not a scheduler of the rate: "
            "it cannot be a member of another torch scheduler",
            span=self.span,
            hint="put torch.OneCycleLR(...) there; its momentum comes with it",
        )

    def model(self, base: float) -> _OneCycleModel:
        return self.build(_Group(base))


@register
class ReduceLROnPlateau(_Leaf):
    """PyTorch's ``ReduceLROnPlateau``: the rate times ``factor`` when a metric has not improved
    for more than ``patience`` steps; ``s.step(metric)`` feeds it.

    better: metric < best * (1 - threshold) (min, rel), metric < best - threshold (min, abs),
    mirrored for max; more than patience metrics in a row not better: lr = max(lr * factor,
    min_lr) (if that lowers it by more than eps), then cooldown metrics that do not count

    Example: ``torch.ReduceLROnPlateau(factor=0.5, patience=3, lr=0.1)`` is
    ``Plateau(0.1, factor=0.5, patience=3)``. The value at step t is the rate after the metrics
    of steps 0 .. t - 1.
    """

    name = "torch.ReduceLROnPlateau"
    is_stateful = True
    params = (
        Param("mode", Choice(("min", "max")), "min", doc="whether lower or higher is better"),
        Param(
            "factor",
            Real(0.0, 1.0, hi_open=True, label="factor"),
            0.1,
            doc="the factor of each reduction",
        ),
        Param("patience", Integer(0, MAX_STEPS), 10, doc="metrics without improvement to allow"),
        Param("threshold", Real(0.0, 1e300, label="number"), 1e-4, doc="how much better counts"),
        Param(
            "threshold_mode",
            Choice(("rel", "abs")),
            "rel",
            doc="threshold relative to the best, or absolute",
        ),
        Param("cooldown", Integer(0, MAX_STEPS), 0, doc="metrics to ignore after a reduction"),
        Param("min_lr", RATE, 0.0, doc="the lowest rate"),
        Param("eps", Real(0.0, 1e300, label="number"), 1e-8, doc="smaller reductions are skipped"),
        _LR,
    )
    example = "torch.ReduceLROnPlateau(factor=0.5, patience=3, lr=0.1)"

    def meaning(self) -> Expr:
        return stateful.Plateau.make(
            initial=self.lr,
            factor=self.factor,
            patience=self.patience,
            threshold=self.threshold,
            mode=self.mode,
            threshold_mode=self.threshold_mode,
            cooldown=self.cooldown,
            min_lr=self.min_lr,
            eps=self.eps,
        )


# -- composites ------------------------------------------------------------------------------


def _take(m: Any, array: np.ndarray, listed: list[float], index: Any) -> Any:
    """``array[index]`` for a whole-number float ``index`` (or array of them)."""
    if m is SCALAR:
        return listed[int(index)]
    if m is ARRAY:
        return array[index.astype(np.int64)]
    return m.take(m.asarray(array), m.to_index(index))


def _fold(models: list[_Model], lr: float, how: str) -> float:
    for model in models:
        lr = getattr(model, how)(lr)
    return lr


class _ChainNode:
    """A ChainedScheduler as built: its members' models, nested chains spliced in."""

    def __init__(self, models: list[_Model]) -> None:
        self.models = models


def _chain_case(models: list[_Model]) -> str:
    """How a chain of these models is computed: "absolute" (a member sets the rate every
    step), "product" (every step multiplies, between the cosines' bottoms), "table" (one
    CosineAnnealingLR with eta_min != 0 and members that stop moving the rate: their steps
    replayed once, then the cosine alone) or "replay" (no closed form: torch's recursion,
    step by step from the last bottom)."""
    if any(model.kind == "abs" for model in models):
        return "absolute"
    # (isinstance(model, _CosineModel) is model.kind == "cos")
    if any(isinstance(model, _CosineModel) and model.rises() for model in models):
        return "replay"
    affine = [model for model in models if isinstance(model, _CosineModel) and model.mn != 0]
    if not affine:
        return "product"
    others = [model.events() for model in models if model is not affine[0]]
    ends = [end for end in others if end is not None]
    if len(affine) == 1 and len(ends) == len(others) and max(ends, default=0) <= REPLAY_LIMIT:
        return "table"
    return "replay"


def _chain_kernel(
    models: list[_Model], lr0: float, length: float, describe: Callable[[], str]
) -> kernels.Kernel:
    """The kernel of a chain whose members' steps start from ``lr0`` at step 0."""
    case = _chain_case(models)
    if case == "replay":
        replay = _Replay(models, lr0)
        kernel = kernels.with_hold(length, replay.scalar, replay.fill, replay.traced)
    elif case == "absolute":
        last = max(i for i, model in enumerate(models) if model.kind == "abs")
        kernel = kernels.formula(length, lambda m: _absolute_chain(m, models, last, lr0))
    elif case == "product":
        kernel = kernels.formula(length, lambda m: _product_chain(m, models, lr0))
    else:
        kernel = _table_chain(models, lr0, length)
    # Members that each grow the rate (a cosine restarted next to another cosine's low) can
    # take it past the largest float, as they do in PyTorch.
    return kernels.finite_only(
        kernel, describe, "overflows: PyTorch's rate passes the largest float"
    )


def _absolute_chain(m: Any, models: list[_Model], last: int, lr0: float) -> Callable[[Any], Any]:
    """The last member that sets the rate does so at every step; the members after it then
    take their own step on it."""
    setter = models[last]
    assert isinstance(setter, _AbsoluteModel)  # (its kind is "abs")
    value = setter.value(m)
    after = [model.step(m) for model in models[last + 1 :]]
    where = m.where

    def chain(t: Any) -> Any:
        lr = value(t)
        for step in after:
            lr = step(lr, t)
        return where(t == 0, lr0, lr)

    return chain


def _product_chain(m: Any, models: list[_Model], lr0: float) -> Callable[[Any], Any]:
    """Every step multiplies the rate, but at a cosine's bottom (exactly 0 there, eta_min
    being 0) and the restart step after it (which adds): from the last bottom on, a product of
    the members' closed forms."""
    steps = [model.step(m) for model in models]
    applies = [model.apply(m) for model in models]
    cosines = [
        (i, model.parts(m)) for i, model in enumerate(models) if isinstance(model, _CosineModel)
    ]
    where, maximum = m.where, m.maximum
    multiplied = _lifted_product(m, applies)

    def chain(t: Any) -> Any:
        if not cosines:
            return multiplied(lr0, 0.0, t)
        bottom, which = -1.0, -1
        for i, (_, _, _, last_bottom) in cosines:
            b = last_bottom(t)
            later = (b >= 0) & (b >= bottom)  # on one step, the later member's bottom counts
            bottom, which = where(later, b, bottom), where(later, i, which)
        lr = lr0
        for i, _ in cosines:
            after = 0.0
            for step in steps[i + 1 :]:
                after = step(after, bottom)
            lr = where(which == i, after, lr)
        start = maximum(bottom, 0.0)
        after_bottom = start + 1
        restarts = False
        for _, (_, special, _, _) in cosines:
            restarts = restarts | special(after_bottom)
        restarts = (bottom >= 1) & (after_bottom <= t) & restarts
        stepped = lr
        for step in steps:
            stepped = step(stepped, after_bottom)
        lr = where(restarts, stepped, lr)
        start = where(restarts, after_bottom, start)
        return multiplied(lr, start, t)

    return chain


#: A power of two: scaling by it rounds nothing (see :func:`_lifted_product`).
_LIFT, _UNLIFT = 2.0**600, 2.0**-600


def _lifted_product(m: Any, applies: list[ApplyFn]) -> ApplyFn:
    """``(lr, a, t) ->`` the members' steps ``a + 1 .. t`` applied in turn to ``lr``, each
    multiplying it. Where the result is tiny, a product on the way may have been subnormal
    and lost digits that PyTorch, stepping through normal values, keeps (a StepLR's
    ``gamma ** 306`` before a cosine's large ratio): there the same product runs again on
    ``lr * 2**600`` and is scaled back, which changes no rounding but the subnormal ones."""
    where = m.where

    def run(lr: Any, a: Any, t: Any) -> Any:
        for apply in applies:
            lr = apply(lr, a, t)
        return lr

    def multiplied(lr: Any, a: Any, t: Any) -> Any:
        result = run(lr, a, t)
        tiny = (result < _UNLIFT) & (result > -_UNLIFT)
        if (m is SCALAR and not tiny) or (m is ARRAY and not np.any(tiny)):
            return result
        lifted = run(lr * _LIFT, a, t) * _UNLIFT
        return where(tiny & (lifted - lifted == 0), lifted, result)

    return multiplied


def _table_chain(models: list[_Model], lr0: float, length: float) -> kernels.Kernel:
    """One CosineAnnealingLR with eta_min != 0, and members whose last step that changes the
    rate is at epoch E: torch's steps up to E, once, then the cosine alone from there."""
    horizon = int(max((model.events() or 0 for model in models if model.kind != "cos"), default=0))
    cosine = next(model for model in models if isinstance(model, _CosineModel))
    if horizon == 0:
        return kernels.formula(length, lambda m: _from(cosine.run(m), lr0))
    steps = [model.step(SCALAR) for model in models]
    values = [lr0]
    lr = lr0
    for e in range(1, horizon + 1):
        for step in steps:
            lr = step(lr, float(e))
        values.append(lr)
    table, end = np.asarray(values), float(horizon)

    def make(m: Any) -> Callable[[Any], Any]:
        tail, where, minimum, floor = cosine.tail(m), m.where, m.minimum, m.floor

        def chain(t: Any) -> Any:
            early = _take(m, table, values, floor(minimum(t, end)))
            return where(t <= end, early, tail(lr, end, t))

        return chain

    return kernels.formula(length, make)


def _from(run: RunFn, lr0: float) -> Callable[[Any], Any]:
    return lambda t: run(lr0, t)


class _Replay:
    """torch's recursion step by step, for a chain with no closed form (a CosineAnnealingLR
    with eta_min != 0 next to a member that moves the rate at every step): from the last
    cosine bottom at or before the step (where the rate is exactly eta_min), or from the
    nearest step already computed. Not traceable."""

    CHECKPOINT = 256

    def __init__(self, models: list[_Model], lr0: float) -> None:
        self.steps = [model.step(SCALAR) for model in models]
        self.cosines = [
            (i, model) for i, model in enumerate(models) if isinstance(model, _CosineModel)
        ]
        self.lr0 = lr0
        self.lock = threading.Lock()
        self.saved: dict[int, float] = {0: lr0}
        self.last = (0, lr0)

    def _bottom(self, n: int) -> tuple[int, float]:
        found = (0, self.lr0)
        for i, model in self.cosines:
            T = model.T
            if n >= T:
                b = T + 2 * T * ((n - T) // (2 * T))
                if b >= found[0]:
                    lr = model.mn
                    for step in self.steps[i + 1 :]:
                        lr = step(lr, float(b))
                    found = (b, lr)
        return found

    def scalar(self, t: float) -> float:
        n = int(t // 1.0)
        with self.lock:
            e, lr = self._bottom(n)
            last_e, last_lr = self.last
            if e <= last_e <= n:
                e, lr = last_e, last_lr
            mark = n - n % self.CHECKPOINT
            if e < mark and mark in self.saved:
                e, lr = mark, self.saved[mark]
            steps, saved, every = self.steps, self.saved, self.CHECKPOINT
            while e < n:
                e += 1
                for step in steps:
                    lr = step(lr, float(e))
                if e % every == 0:
                    saved[e] = lr
            if len(saved) > 1 << 16:
                saved.clear()
                saved[0] = self.lr0
            self.last = (n, lr)
            return lr

    def fill(self, t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        scalar = self.scalar
        for i, value in enumerate(t.tolist()):
            out[i] = scalar(value)

    def traced(self, t: Any, m: Any) -> Any:
        raise EvaluationError(
            "this torch.ChainedScheduler has no closed form (a CosineAnnealingLR with eta_min "
            "!= 0 chained with a scheduler that changes the rate at every step, or rising to an "
            "eta_min above its lr): lrspec follows PyTorch's recursion step by step, which "
            "cannot be traced",
            hint="evaluate it on the host, or give the CosineAnnealingLR eta_min=0",
        )


class _Composite(_Leaf):
    """SequentialLR and ChainedScheduler: schedulers of schedulers."""

    def _members(self) -> tuple[Expr, ...]:
        members: tuple[Expr, ...] = self.schedulers
        return members

    def check(self) -> None:
        members = self._members()
        if not members:
            self.fail("schedulers", "must hold at least one scheduler, got none")
        for member in members:
            if not isinstance(member, _Leaf):
                self.fail(
                    "schedulers",
                    f"must be PyTorch schedulers (torch.StepLR(...), ...), got '{member.text()}'",
                    hint="compose lrspec's own schedules with >>, * and slices instead",
                )
            if isinstance(member, ReduceLROnPlateau):
                self.fail(
                    "schedulers",
                    "cannot hold a torch.ReduceLROnPlateau: it reads a metric (PyTorch "
                    "refuses it too)",
                )
            if isinstance(member, SequentialLR):
                self.fail(
                    "schedulers",
                    f"cannot hold a torch.SequentialLR ({member.text()}): PyTorch runs one "
                    "nested in another a step ahead, or resets the rate inside a chain",
                    hint="list its members in the outer SequentialLR, with its milestones",
                )
            if "lr" in member.spans:
                raise ArgumentError(
                    f"{member.name}: 'lr' is the optimizer's rate: give it once, on the "
                    f"outermost call ({self.name})",
                    span=member.spans["lr"] or member.span,
                    hint=f"move lr=... to {self.name}(...)",
                )

    def build(self, group: _Group) -> _Model | _ChainNode:
        raise NotImplementedError


@register
class ChainedScheduler(_Composite):
    """PyTorch's ``ChainedScheduler``: at every step, each scheduler in turn takes its step on
    the rate the previous one left.

    value(t) = lr * A(t) * B(t) * ... when every member multiplies (StepLR, MultiStepLR,
    ConstantLR, LinearLR, ExponentialLR, PolynomialLR); otherwise PyTorch's steps composed
    (a CosineAnnealingLR sets eta_min at its bottoms, CosineAnnealingWarmRestarts, CyclicLR
    and OneCycleLR set the rate)

    Example: ``torch.ChainedScheduler(schedulers=[torch.LinearLR(start_factor=0.1,
    total_iters=100), torch.ExponentialLR(gamma=0.999)], lr=0.1)`` is ``0.1 * Linear(0.1, 1.0,
    100) * ExponentialDecay(1.0, 0.999, 1)``. A CosineAnnealingLR with ``eta_min != 0`` next to
    a member that changes the rate at every step (ExponentialLR, StepLR) has no closed form:
    lrspec then follows PyTorch's recursion step by step from the cosine's last bottom (at
    most 2 * T_max steps; T_max up to 500,000), and such a chain cannot be traced.
    """

    name = "torch.ChainedScheduler"
    params = (
        Param("schedulers", ListOf(SCHEDULE), doc="the schedulers, stepped in this order"),
        _LR,
    )
    example = (
        "torch.ChainedScheduler(schedulers=[torch.LinearLR(start_factor=0.1, total_iters=100), "
        "torch.ExponentialLR(gamma=0.999)], lr=0.1)"
    )

    def check(self) -> None:
        super().check()
        if next(iter(self.quantities()), None) is None:  # T_max known
            self._check_replay()

    def _check_replay(self, models: list[_Model] | None = None) -> None:
        """A chain with no closed form is replayed from a cosine's last bottom: at most
        2 * T_max steps, which must stay within REPLAY_LIMIT. ``models``: as built (by a
        SequentialLR that holds the chain); by default, as this chain builds them."""
        if models is None:
            models = self.build(_Group(self.lr)).models
        if _chain_case(models) != "replay":
            return
        longest = 2 * min(model.T for model in models if isinstance(model, _CosineModel))
        if longest > REPLAY_LIMIT:
            self.fail(
                "schedulers",
                f"has no closed form (a CosineAnnealingLR with eta_min != 0 chained with a "
                f"scheduler that changes the rate at every step), and lrspec follows PyTorch's "
                f"recursion for at most {REPLAY_LIMIT} steps; this one needs up to {longest}",
                cls=LimitError,
                hint="a T_max of at most 500000, or eta_min=0",
            )

    def leaves(self) -> list[_Leaf]:
        """The members in step order, nested chains spliced in."""
        out: list[_Leaf] = []
        for member in self.schedulers:
            out.extend(member.leaves() if isinstance(member, ChainedScheduler) else [member])
        return out

    def finite(self) -> bool:
        return all(member.finite() for member in self.schedulers)

    def length(self) -> float:
        if not self.finite():
            return math.inf
        longest: float = max(member.length() for member in self.schedulers)
        return longest

    def build(self, group: _Group) -> _ChainNode:
        models: list[_Model] = []
        for member in self.schedulers:
            node = member.build(group)
            models.extend(node.models if isinstance(node, _ChainNode) else [node])
        return _ChainNode(models)

    def meaning(self) -> Expr | None:
        leaves = self.leaves()
        if not all(isinstance(leaf.model(1.0), _MULTIPLIERS) for leaf in leaves):
            return None
        product: Expr = Const.from_number(self.lr)
        for leaf in leaves:
            factor = leaf.with_args(lr=1.0).meaning()
            assert factor is not None  # (a multiplier's meaning is never None)
            product = _times(product, factor)
        return product

    def own_kernel(self) -> kernels.Kernel:
        group = _Group(self.lr)
        node = self.build(group)
        return _chain_kernel(node.models, group.lr, self.length(), self.text)


_MULTIPLIERS = (
    _StepModel,
    _MultiStepModel,
    _ConstantModel,
    _LinearModel,
    _ExponentialModel,
    _PolynomialModel,
)


def _times(left: Expr, right: Expr) -> Expr:
    return Arithmetic("*", left, right)


@register
class SequentialLR(_Composite):
    """PyTorch's ``SequentialLR``: one scheduler after another, each taking over at its
    milestone and starting again from its own beginning there.

    value(t) = A(t) for t < m1, B(t - m1) for m1 <= t < m2, ...

    Example: ``torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.01,
    total_iters=500), torch.CosineAnnealingLR(T_max=9500)], milestones=[500], lr=0.1)`` is
    ``Linear(0.001, 0.1, 500)[:500] >> torch.CosineAnnealingLR(T_max=9500, lr=0.1)``. As in
    PyTorch: a milestone 0 skips the schedulers before it, a ChainedScheduler may only come
    first (PyTorch cannot restart one), a ChainedScheduler that comes first starts with its
    members' ordinary steps (an ExponentialLR in it has already multiplied once at step 0), and
    a member scales the param group's ``initial_lr`` as it was when that member was made (a
    CyclicLR made first sets it to its ``base_lr``, a OneCycleLR to ``max_lr / div_factor``,
    and the OneCycleLRs of one optimizer all take the rates of the last one made).
    """

    name = "torch.SequentialLR"
    params = (
        Param("schedulers", ListOf(SCHEDULE), doc="the schedulers, in the order they run"),
        Param(
            "milestones",
            ListOf(_STEPS_0, ascending=True),
            doc="the steps where the next scheduler takes over",
        ),
        _LR,
    )
    example = (
        "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.01, total_iters=500), "
        "torch.CosineAnnealingLR(T_max=9500)], milestones=[500], lr=0.1)"
    )

    def check(self) -> None:
        super().check()
        members, milestones = self.schedulers, self.milestones
        if len(milestones) != len(members) - 1:
            self.fail(
                "milestones",
                f"must have one item fewer than 'schedulers' ({len(members) - 1}), "
                f"got {len(milestones)}",
            )
        if not self.resolved(*milestones):
            return
        length = self.length() if next(iter(self.quantities()), None) is None else 0
        if math.isfinite(length) and length > MAX_STEPS:
            self.fail(
                "milestones",
                f"make it {format_number(length)} steps long (the last scheduler "
                f"starts at {milestones[-1]}); the limit is 2**53",
                cls=LimitError,
            )
        for k, (begin, end) in enumerate(self._spans()):
            if begin >= end:
                continue
            member = members[k]
            if begin > 0 and isinstance(member, ChainedScheduler):
                self.fail(
                    "schedulers",
                    f"cannot restart {member.text()} at step {begin}: PyTorch cannot restart "
                    "a ChainedScheduler (it raises NotImplementedError)",
                    hint="a ChainedScheduler may only come first",
                )
            if begin > 0 and isinstance(member, (LinearLR, PolynomialLR)):
                if self.resolved(member.total_iters) and member.total_iters == 0:
                    self.fail(
                        "schedulers",
                        f"cannot restart {member.text()} at step {begin}: with total_iters=0 "
                        "PyTorch divides by zero there",
                    )
            if begin == 0 and isinstance(member, ChainedScheduler):
                for leaf in member.leaves():
                    if isinstance(leaf, PolynomialLR) and leaf.resolved(leaf.total_iters):
                        if leaf.total_iters == 0:
                            self.fail(
                                "schedulers",
                                f"cannot start {member.text()}: with total_iters=0 its "
                                "PolynomialLR divides by zero at its first step",
                            )
        if next(iter(self.quantities()), None) is None:
            for member, node, *_ in self._runs():
                if isinstance(node, _ChainNode):
                    member._check_replay(node.models)

    def _spans(self) -> list[tuple[float, float]]:
        """Where each member runs: ``[begin, end)`` (empty when begin >= end)."""
        bounds = [0, *self.milestones, math.inf]
        return [(bounds[k], bounds[k + 1]) for k in range(len(self.schedulers))]

    def finite(self) -> bool:
        last: _Leaf = self.schedulers[-1]
        return last.finite()

    def length(self) -> float:
        last = self.schedulers[-1]
        if not last.finite():
            return math.inf
        begin = self._spans()[-1][0]
        return normalize_steps(begin + last.length())

    def _runs(self) -> list[tuple[_Leaf, _Model | _ChainNode, float, float, float, bool]]:
        """Each member that runs: (member, its model or chain node, begin, end, the rate it
        starts from, whether that is its ordinary start)."""
        group = _Group(self.lr)
        nodes = [member.build(group) for member in self.schedulers]
        initial = group.setdefault()  # SequentialLR resets the rate to the group's initial_lr
        runs: list[tuple[_Leaf, _Model | _ChainNode, float, float, float, bool]] = []
        for k, (begin, end) in enumerate(self._spans()):
            if begin >= end:
                continue
            member, node = self.schedulers[k], nodes[k]
            if isinstance(node, _ChainNode):
                lr0 = _fold(node.models, initial, "plain0")
                runs.append((member, node, begin, end, lr0, False))
                continue
            lr0 = node.initial(initial) if begin == 0 else node.restart()
            ordinary = lr0 == node.initial(node.base)
            if isinstance(node, _OneCycleModel):
                ordinary = ordinary and node.rates() == member.own_rates()
            runs.append((member, node, begin, end, lr0, ordinary))
        return runs

    def meaning(self) -> Expr | None:
        runs = self._runs()
        if not all(ordinary for *_, ordinary in runs):
            return None
        parts: list[Expr] = []
        for member, node, begin, end, _, _ in runs:
            if member.base_rate is not None:
                assert isinstance(node, _Model)  # (an ordinary run's: a chain's never is)
                member = member.with_args(lr=node.base)
            target = member.meaning() or member
            parts.append(target if end == math.inf else Window(target, None, end - begin))
        return parts[0] if len(parts) == 1 else Sequence(tuple(parts))

    def own_kernel(self) -> kernels.Kernel:
        parts = []
        for member, node, begin, end, lr0, _ in self._runs():
            if end == math.inf:
                length = member.length() if member.finite() else math.inf
            else:
                length = end - begin
            if isinstance(node, _ChainNode):
                parts.append(_chain_kernel(node.models, lr0, length, self.text))
            else:
                parts.append(node.kernel(lr0, length))
        return parts[0] if len(parts) == 1 else kernels.sequence(parts)


# LambdaLR and MultiplicativeLR compute their factor with a Python function (``lr_lambda``).
refuse(
    "torch.LambdaLR",
    "its 'lr_lambda' is a Python function, which text cannot hold",
    "write the schedule the function computes: lambda t: min(1, t / 500) on lr=0.1 is "
    "Warmup(500) >> Constant(0.1); or give lrspec.torch.scheduler that spec with "
    "multiplier=True, as LambdaLR multiplies each group's rate",
)
refuse(
    "torch.MultiplicativeLR",
    "its 'lr_lambda' is a Python function, which text cannot hold",
    "write the schedule the products make: a factor of 0.95 at every step on lr=0.1 is "
    "ExponentialDecay(0.1, 0.95, 1) (or torch.ExponentialLR(gamma=0.95, lr=0.1))",
)
