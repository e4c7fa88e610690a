"""Families that take schedules: Warmup (with ``>>``), Repeat, Staircase, min and max."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..compute import kernels
from ..compute.math_namespaces import SCALAR
from ..model.expr import Builder, Expr, Placement, past_domain, stateful_misuse, too_long
from ..model.family import Family, Param
from ..model.registry import register
from ..model.types import POSITIVE_STEPS, RATE, SCHEDULE, Context, Integer, Real
from ..model.units import MAX_STEPS, normalize_steps
from ..syntax.errors import CompositionError, LimitError
from ..syntax.nodes import Node, Number, Span


@register
class Warmup(Family):
    """A linear warmup into whatever follows it with ``>>``.

    Warmup(n, start) >> B: value(t) = start + (B(0) - start) * (t / n) for t < n, then B.

    Example: ``Warmup(500) >> Cosine(0.1, 0.0, 10000)``. A Warmup must be followed by
    ``>>`` and a schedule; its length is ``n``.
    """

    name = "Warmup"
    params = (
        Param("steps", POSITIVE_STEPS, doc="how long the warmup lasts"),
        Param("start", RATE, 0.0, doc="the rate at step 0"),
    )
    example = "Warmup(500) >> Cosine(0.1, 0.0, 10000)"
    needs_successor = True

    steps: float

    def finite(self) -> bool:
        return True

    def length(self) -> float:
        return self.steps

    def unfollowed_error(self) -> CompositionError:
        return CompositionError(
            f"{self.text()} needs a schedule after it",
            span=self.span,
            hint=f"write {self.text()} >> <schedule>, for example "
            f"{self.text()} >> Cosine(0.1, 0.0, 10000)",
        )

    def kernel_before(
        self, builder: Builder, offset: float, successor: kernels.Kernel
    ) -> kernels.Kernel:
        """The warmup's kernel, rising to the value its successor starts with."""
        start, steps = self.start, self.steps
        rise = successor.scalar(0.0) - start

        def make(m: Any) -> Callable[[Any], Any]:
            def value(t: Any) -> Any:  # with start = 0, exactly Hugging Face's lr * (t / n)
                return start + rise * (t / steps)

            return value

        return kernels.formula(steps, make)


class _Count(Integer):
    """A repeat count: a positive integer, or inf."""

    def convert_number(
        self, value: int | float, unit: str | None, ctx: Context, node: Node | None = None
    ) -> Any:
        if unit is None and isinstance(value, float) and math.isinf(value) and value > 0:
            return value
        count = super().convert_number(value, unit, ctx, node)
        if count > ctx.limits.max_repeat:
            ctx.fail(
                f"must be at most {ctx.limits.max_repeat} (or inf), got {count}",
                node,
                cls=LimitError,
                hint="raise Limits.max_repeat if this is really meant",
            )
        return count

    def describe(self) -> str:
        return "integer >= 1, or inf"

    def to_node(self, value: Any) -> Node:
        return Number(value)


@register
class Repeat(Family):
    """Run a schedule again and again: ``times`` cycles, each ``mult`` times as long as the one
    before and ``decay`` times as high; then hold the last cycle's final value.

    value(t) = decay ** n * A(u / mult ** n), in cycle n (from 0), which starts at step
    L * (mult ** n - 1) / (mult - 1) (n * L when mult = 1) and lasts L * mult ** n steps,
    with u the step inside it and L the length of A; length: the sum of the cycles.

    Example: ``Warmup(100) >> Repeat(Cosine(0.1, 0.0, 300), 3)`` is Hugging Face's cosine
    with 3 hard restarts over 1000 steps; ``Repeat(Cosine(0.1, 0.001, 10), mult=2)`` is
    PyTorch's ``CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.001)`` with lr 0.1.
    """

    name = "Repeat"
    params = (
        Param("schedule", SCHEDULE, doc="a schedule that ends"),
        Param("times", _Count(1), math.inf, doc="how many cycles; inf repeats forever"),
        Param("mult", Real(1.0, 1e6, label="factor"), 1.0, doc="each cycle is this much longer"),
        Param(
            "decay",
            Real(0.0, 1.0, lo_open=True, label="factor"),
            1.0,
            doc="each cycle's values are this much lower",
        ),
    )
    example = "Warmup(100) >> Repeat(Cosine(0.1, 0.0, 300), 3)"

    schedule: Expr

    def check(self) -> None:
        if self.schedule.stateful:
            raise stateful_misuse(self.schedule)
        if not self.schedule.finite():
            raise CompositionError(
                f"Repeat needs a schedule that ends; '{self.schedule.text()}' never ends",
                span=self.spans.get("schedule", self.span),
                hint="give it a length, e.g. Constant(0.1)[:1000]",
            )
        if self.mult != 1 and math.isfinite(self.times):
            # mult ** times grows fast: the cycles together must stay within 2**53 steps.
            if self.times * math.log(self.mult) > math.log(MAX_STEPS):
                self.fail(
                    "times",
                    f"makes the cycles longer than 2**53 steps ({self.times} cycles growing "
                    f"by {self.mult})",
                    cls=LimitError,
                )

    def finite(self) -> bool:
        return math.isfinite(self.times)

    def length(self) -> float:
        period = self.schedule.length()
        if self.mult == 1:
            length = normalize_steps(self.times * period)
        else:
            length = normalize_steps(period * (self.mult**self.times - 1.0) / (self.mult - 1.0))
        if past_domain(length):  # times * period: nested Repeats multiply fast
            raise too_long(self, length)
        return length

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        inner = builder.build(self.schedule, offset)
        if self.mult == 1 and self.decay == 1:
            return kernels.repeat(inner, self.times)
        return kernels.cycles(inner, self.times, self.mult, self.decay)

    def timeline(self) -> list[Placement]:
        return [Placement(self.schedule, 0.0, 0.0, self.schedule.length(), repeats=True)]

    def note(self) -> str:
        runs = "runs forever" if math.isinf(self.times) else f"runs {self.times} times"
        if self.mult != 1:
            runs += f", each run {self.mult} times as long"
        if self.decay != 1:
            runs += f", each run {self.decay} times as high"
        return runs


@register
class Staircase(Family):
    """Hold each value of a schedule for ``steps`` steps (Keras's and optax's ``staircase``).

    value(t) = A(floor(t / steps) * steps); it ends at the first multiple of ``steps`` at or
    after A's end.

    Example: ``Staircase(ExponentialDecay(0.1, 0.5, 100), 100)`` halves the rate every 100
    steps, as ``ExponentialDecay(0.1, 0.5, 100, staircase=true)`` does.
    """

    name = "Staircase"
    params = (
        Param("schedule", SCHEDULE, doc="the schedule to hold in steps"),
        Param("steps", POSITIVE_STEPS, doc="how long each value is held"),
    )
    example = "Staircase(ExponentialDecay(0.1, 0.5, 100), 100)"

    schedule: Expr

    def check(self) -> None:
        if self.schedule.stateful:
            raise stateful_misuse(self.schedule)

    def finite(self) -> bool:
        return self.schedule.finite()

    def length(self) -> float:
        length = self.schedule.length()
        if math.isinf(length):
            return length
        return normalize_steps(math.ceil(length / self.steps) * self.steps)

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        inner = builder.build(self.schedule, offset)
        steps, floor = self.steps, SCALAR.floor
        inner_scalar, inner_fill, inner_traced = inner.scalar, inner.fill, inner.traced

        def scalar(t: float) -> float:
            return inner_scalar(floor(t / steps) * steps)

        def fill(t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
            inner_fill(np.floor(t / steps) * steps, out, ordered)  # floor keeps the order

        if inner_traced is None:
            return kernels.with_hold(self.length(), scalar, fill, None)

        def traced(t: Any, m: Any) -> Any:
            return inner_traced(m.floor(t / steps) * steps, m)

        return kernels.with_hold(self.length(), scalar, fill, traced)


class _Extremum(Family):
    # Whether every part is a bare number: found once (asking the parts again at every level
    # of nested min/max made compiling them cubic in the depth).
    __slots__ = ("neutral",)
    params = (Param("schedules", SCHEDULE, variadic=True, doc="two or more schedules"),)

    def __init__(
        self,
        args: dict[str, Any],
        spans: dict[str, Span | None] | None = None,
        span: Span | None = None,
    ) -> None:
        super().__init__(args, spans, span)
        self.neutral = all(s.neutral for s in args["schedules"])

    def finite(self) -> bool:
        measured = [s for s in self.schedules if not s.neutral]
        return bool(measured) and all(s.finite() for s in measured)

    def length(self) -> float:
        measured = [s.length() for s in self.schedules if not s.neutral]
        return max(measured) if measured else math.inf

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        parts = [builder.build(s, offset) for s in self.schedules]
        # The length from the parts just compiled, not from the tree again.
        measured = [p.length for p, s in zip(parts, self.schedules) if not s.neutral]
        return kernels.extremum(self.name, parts, max(measured) if measured else math.inf)


@register
class Min(_Extremum):
    """The pointwise minimum of several schedules; numbers count as constants.

    value(t) = min(A(t), B(t), ...); length: the longest (numbers have no length).

    Example: ``min(Cosine(0.1, 0.0, 1000), 0.05)``.
    """

    name = "min"
    example = "min(Cosine(0.1, 0.0, 1000), 0.05)"


@register
class Max(_Extremum):
    """The pointwise maximum of several schedules; numbers count as constants.

    value(t) = max(A(t), B(t), ...); length: the longest (numbers have no length).

    Example: ``max(Cosine(0.1, 0, 5000), 0.001)`` never goes below 0.001.
    """

    name = "max"
    example = "max(Cosine(0.1, 0, 5000), 0.001)"
