"""The ``hf.`` namespace: Hugging Face transformers's schedules in its own words.

Every ``get_*schedule*`` function of ``transformers.optimization`` (5.23), and ``get_scheduler``
for every ``SchedulerType`` name, with transformers's parameter names, defaults and positional
order (the optimizer and ``last_epoch`` left out). ``lr=`` (default 1.0) stands for the
optimizer's rate: the value at step ``t`` is the rate the param group holds after ``t`` calls
to ``scheduler.step()``, ``lr * lr_lambda(t)`` for the LambdaLR schedules, computed with
transformers's own operations in their own order, so that the values are transformers's.

Hugging Face's cosines are not clamped: past ``num_training_steps`` they go on oscillating.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..compute import kernels
from ..compute.math_namespaces import libm
from ..model.compositions import Sequence
from ..model.expr import Builder, Expr
from ..model.family import Family, Param, StatefulFamily
from ..model.registry import register
from ..model.types import (
    RATE,
    STEPS,
    Choice,
    Context,
    Integer,
    Nullable,
    ParamType,
    Real,
    Steps,
    describe_node,
    json_to_node,
    signed_number,
)
from ..model.units import Binding, Quantity
from ..syntax.errors import ArgumentError, LimitError, UnknownNameError, did_you_mean
from ..syntax.limits import default_limits
from ..syntax.nodes import Bool, Mapping, Neg, Node, NoneValue, Number, Span, String, Word
from ..syntax.records import Record
from .combinators import Warmup
from .core import Constant, InverseSqrt, Polynomial

if TYPE_CHECKING:  # (imported where used: the registry keeps its modules' order)
    from .stateful import Plateau

# -- parameter types shared by the library namespaces ---------------------------------------


class QuotedChoice(Choice):
    """One of a fixed set of words, printed quoted as the library writes it (``'cosine'``,
    ``'1-sqrt'``); a bare word is accepted too."""

    def to_node(self, value: Any) -> Node:
        return String(value)


class AsWritten(Real):
    """A number that keeps an int an int (``num_cycles=3`` prints as written, and optax raises
    to an int exponent by repeated multiplication, to a float one with pow)."""

    def convert_number(
        self, value: int | float, unit: str | None, ctx: Context, node: Node | None = None
    ) -> Any:
        converted = super().convert_number(value, unit, ctx, node)
        return value if type(value) is int else converted


def keyword_node(value: Any) -> Node:
    """The syntax node of a plain keyword value (see :class:`Keywords`)."""
    if value is None:
        return NoneValue()
    if isinstance(value, bool):
        return Bool(value)
    if isinstance(value, Quantity):
        return Number(value.value, value.unit)
    if isinstance(value, str):
        return String(value)
    return Number(value) if value >= 0 else Neg(Number(-value))


class Keywords(ParamType, Record):
    """A mapping of keyword names (quoted) to plain values: numbers (ints stay ints), step
    counts with units, strings, true/false and None, as a library passes ``**kwargs`` on
    (``{'num_cycles': 2, 'decay_type': '1-sqrt'}``). Held as ``(name, value)`` pairs in the
    order written; the family that receives them converts each value with its own parameter
    type (:meth:`typed`)."""

    _fields = ("label",)
    _defaults = {"label": "keywords"}

    label: str

    def convert(self, node: Node, ctx: Context) -> Any:
        # (isinstance is type(node) is: no node class has subclasses)
        if not isinstance(node, Mapping):
            ctx.fail(f"must be a mapping {{'name': value, ...}}, got {describe_node(node)}", node)
        if len(node.keys) > ctx.limits.max_list_length:
            ctx.fail(
                f"has {len(node.keys)} items; the limit is {ctx.limits.max_list_length}",
                node,
                cls=LimitError,
                hint="raise Limits.max_list_length if this is really meant",
            )
        pairs: list[tuple[str, Any]] = []
        for key, value in zip(node.keys, node.values):
            if not isinstance(key, (String, Word)):
                ctx.fail(f"must have parameter names as keys, got {describe_node(key)}", key)
            pairs.append(
                (key.value if isinstance(key, String) else key.name, self._value(value, ctx))
            )
        names = [k for k, _ in pairs]
        if len(set(names)) != len(names):
            ctx.fail("has the same key twice", node)
        return tuple(pairs)

    @staticmethod
    def _value(node: Node, ctx: Context) -> Any:
        if isinstance(node, NoneValue):
            return None
        if isinstance(node, Bool):
            return node.value
        if isinstance(node, String):
            return node.value
        if isinstance(node, Word):
            return node.name
        if isinstance(node, Number) and node.unit is not None:
            return Steps().convert_number(node.value, node.unit, ctx, node)
        number = signed_number(node)
        if number is None or (isinstance(number, float) and math.isnan(number)):
            ctx.fail(
                f"must map names to numbers, strings, true/false or None, got "
                f"{describe_node(node)}",
                node,
            )
        return number

    def describe(self) -> str:
        return "{'name': value, ...}"

    def to_node(self, value: Any) -> Node:
        return Mapping(tuple(String(k) for k, _ in value), tuple(keyword_node(v) for _, v in value))

    def node_from_json(self, value: Any, ctx: Context) -> Node:
        if not isinstance(value, dict):
            return json_to_node(value, ctx)  # the conversion says what is wrong
        keys = []
        for key in value:
            if not isinstance(key, str):
                ctx.fail(f"has a key that is not a string: {key!r}", None)
            keys.append(String(key))
        return Mapping(tuple(keys), tuple(json_to_node(v, ctx) for v in value.values()))

    def quantities(self, value: Any) -> Iterator[Quantity]:
        return (v for _, v in value if isinstance(v, Quantity))

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        return tuple(
            (k, binding.resolve(v, span) if isinstance(v, Quantity) else v) for k, v in value
        )


def typed(target: type[Family], name: str, value: Any, owner: str, span: Span | None = None) -> Any:
    """``value`` (a plain keyword value) converted by ``target``'s parameter ``name``;
    ``owner`` names the call that passes it on, for the message of an unknown name."""
    params = {p.name: p for p in target.params}
    param = params.get(name)
    if param is None:
        raise UnknownNameError(
            f"{owner}: '{name}' is not a parameter of {target.name}",
            span=span,
            hint=did_you_mean(name, params) or f"usage: {target.signature()}",
        )
    node = keyword_node(value)
    if span is not None:
        node = node.with_span(span)
    return param.type.convert(node, Context(target.name, name, default_limits()))


def checked_finite(family: Family, param: str, *magnitudes: float) -> None:
    """Fail naming ``param`` unless every bound on the family's values is a finite float."""
    if not all(math.isfinite(m) for m in magnitudes):
        family.fail(param, "makes the rates too large for a float")


# -- the families ---------------------------------------------------------------------------

#: A family's pieces (see ``_HF.pieces``): its length, the steps where one piece gives way to
#: the next, and a formula maker for each piece.
Pieces = tuple[float, list[float], list[kernels.Maker]]

LR = Param(
    "lr",
    RATE,
    1.0,
    doc="the optimizer's rate; left at 1.0, the schedule multiplies each param group's rate",
)
_CYCLES = AsWritten(-1e6, 1e6, label="number")
_RATIO = AsWritten(0.0, 1e300, label="number")


class _HF(Family):
    """A Hugging Face LambdaLR schedule: ``lr * lr_lambda(t)``, piece by piece.

    Subclasses give ``pieces()``: the schedule's length, the steps where its pieces change
    (``t < bound`` is the piece before) and a formula maker for each piece; or a ``meaning()``
    in core lrspec where that is exact."""

    __slots__ = ()
    origin = "hf."
    print_keywords = True
    base_rate = "lr"

    def base_rate_scope(self) -> str:
        # LambdaLR: every group's rate times one factor, whose floors (min_lr, lr_end) are
        # taken relative to the optimizer's default rate.
        return "optimizer"

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        meaning = self.meaning()
        return meaning.length() if meaning is not None else self.pieces()[0]

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        meaning = self.meaning()
        if meaning is not None:
            return builder.build(meaning, offset)
        length, bounds, makers = self.pieces()
        return kernels.formula_pieces(length, bounds, makers)

    def pieces(self) -> Pieces:
        raise NotImplementedError

    def ramp(self, w: float) -> kernels.Maker:
        """Hugging Face's shared warmup: ``lr * (t / max(1, w))`` for ``t < w``."""
        lr, span = self.lr, float(max(1, w))
        return lambda m: lambda t: lr * (t / span)


def _steady(value: float) -> kernels.Maker:
    return lambda m: lambda t: value


def _clamped_cosine(lr: float, w: float, n: float, cycles: float, rate: float) -> kernels.Maker:
    """Hugging Face's cosine after the warmup, floored at ``rate`` (not clamped at n):
    ``max(0, 0.5 * (1 + cos(pi * c * 2 * progress)) * (1 - rate) + rate)``."""
    span = float(max(1, n - w))
    angle = math.pi * float(cycles) * 2.0
    keep = 1 - rate

    def make(m: Any) -> Callable[[Any], Any]:
        cos, where = m.cos, m.where

        def value(t: Any) -> Any:
            f = 0.5 * (1.0 + cos(angle * ((t - w) / span)))
            f = f * keep + rate
            return lr * where(f > 0, f, 0.0)

        return value

    return make


@register
class GetConstantSchedule(_HF):
    """Hugging Face's ``get_constant_schedule``: the optimizer's rate, unchanged.

    value(t) = lr

    Example: ``hf.get_constant_schedule(lr=0.001)``.
    """

    name = "hf.get_constant_schedule"
    params = (LR,)
    example = "hf.get_constant_schedule(lr=0.001)"

    def meaning(self) -> Expr:
        return Constant.make(lr=self.lr)


@register
class GetConstantScheduleWithWarmup(_HF):
    """Hugging Face's ``get_constant_schedule_with_warmup``: a linear warmup from 0, then the
    optimizer's rate.

    value(t) = lr * t / max(1, num_warmup_steps) for t < num_warmup_steps, then lr
    (in core lrspec: Warmup(num_warmup_steps) >> Constant(lr))

    Example: ``hf.get_constant_schedule_with_warmup(num_warmup_steps=100, lr=0.001)``.
    """

    name = "hf.get_constant_schedule_with_warmup"
    params = (Param("num_warmup_steps", STEPS, doc="steps of linear warmup from 0"), LR)
    example = "hf.get_constant_schedule_with_warmup(num_warmup_steps=100, lr=0.001)"

    def meaning(self) -> Expr | None:
        w = self.num_warmup_steps
        if w == 0:
            return Constant.make(lr=self.lr)
        if w >= 1:  # Warmup computes 0 + lr * (t / w), Hugging Face lr * (t / w)
            return Sequence((Warmup.make(steps=w), Constant.make(lr=self.lr)))
        return None  # a warmup shorter than a step divides by max(1, w) = 1

    def pieces(self) -> Pieces:
        w = self.num_warmup_steps
        return math.inf, [w], [self.ramp(w), _steady(self.lr)]


@register
class GetLinearScheduleWithWarmup(_HF):
    """Hugging Face's ``get_linear_schedule_with_warmup``: a linear warmup from 0, then a
    linear decay to 0 at ``num_training_steps``.

    value(t) = lr * t / max(1, w) for t < w, then
    lr * max(0, (num_training_steps - t) / max(1, num_training_steps - w)); w = num_warmup_steps

    Example: ``hf.get_linear_schedule_with_warmup(num_warmup_steps=100,
    num_training_steps=1000, lr=0.001)``.
    """

    name = "hf.get_linear_schedule_with_warmup"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of linear warmup from 0"),
        Param("num_training_steps", STEPS, doc="the step where the rate reaches 0"),
        LR,
    )
    example = (
        "hf.get_linear_schedule_with_warmup(num_warmup_steps=100, num_training_steps=1000, "
        "lr=0.001)"
    )

    def finite(self) -> bool:
        return True

    def pieces(self) -> Pieces:
        lr, w, n = self.lr, self.num_warmup_steps, self.num_training_steps
        span = float(max(1, n - w))

        def decay(m: Any) -> Callable[[Any], Any]:
            where = m.where

            def value(t: Any) -> Any:
                f = (n - t) / span
                return lr * where(f > 0.0, f, 0.0)

            return value

        return max(w, n), [w], [self.ramp(w), decay]


@register
class GetCosineScheduleWithWarmup(_HF):
    """Hugging Face's ``get_cosine_schedule_with_warmup``: a linear warmup from 0, then a
    cosine that reaches 0 at ``num_training_steps`` and, not clamped, rises again after it.

    value(t) = lr * t / max(1, w) for t < w, then
    lr * max(0, 0.5 * (1 + cos(pi * num_cycles * 2 * progress))),
    progress = (t - w) / max(1, num_training_steps - w); w = num_warmup_steps

    Example: ``hf.get_cosine_schedule_with_warmup(num_warmup_steps=100,
    num_training_steps=1000, lr=0.001)``.
    """

    name = "hf.get_cosine_schedule_with_warmup"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of linear warmup from 0"),
        Param("num_training_steps", STEPS, doc="the step where the first half-wave ends"),
        Param("num_cycles", _CYCLES, 0.5, doc="waves up to num_training_steps (0.5: one fall)"),
        LR,
    )
    example = (
        "hf.get_cosine_schedule_with_warmup(num_warmup_steps=100, num_training_steps=1000, "
        "lr=0.001)"
    )

    def pieces(self) -> Pieces:
        w, n = self.num_warmup_steps, self.num_training_steps
        return math.inf, [w], [self.ramp(w), _clamped_cosine(self.lr, w, n, self.num_cycles, 0.0)]


@register
class GetCosineWithHardRestartsScheduleWithWarmup(_HF):
    """Hugging Face's ``get_cosine_with_hard_restarts_schedule_with_warmup``: a linear warmup
    from 0, then ``num_cycles`` cosines from lr to 0, then 0.

    value(t) = lr * t / max(1, w) for t < w; 0 once progress >= 1; else
    lr * max(0, 0.5 * (1 + cos(pi * ((num_cycles * progress) % 1)))),
    progress = (t - w) / max(1, num_training_steps - w); w = num_warmup_steps

    Example: ``hf.get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=100,
    num_training_steps=1000, num_cycles=3, lr=0.001)``.
    """

    name = "hf.get_cosine_with_hard_restarts_schedule_with_warmup"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of linear warmup from 0"),
        Param("num_training_steps", STEPS, doc="the step where the last cycle ends"),
        Param("num_cycles", _CYCLES, 1, doc="the number of cosines"),
        LR,
    )
    example = (
        "hf.get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=100, "
        "num_training_steps=1000, num_cycles=3, lr=0.001)"
    )

    def finite(self) -> bool:
        return True

    def pieces(self) -> Pieces:
        lr, w, n, cycles = self.lr, self.num_warmup_steps, self.num_training_steps, self.num_cycles
        span = float(max(1, n - w))
        c = float(cycles)

        def restarts(m: Any) -> Callable[[Any], Any]:
            cos, floor, where, pi = m.cos, m.floor, m.where, m.pi

            def value(t: Any) -> Any:
                # t * 0.0 + span is span, but not a constant to a compiler: XLA would divide
                # by a constant as a product with its rounded reciprocal, and then a restart
                # (c * progress an integer) lands just under it, at the bottom of the cycle.
                progress = (t - w) / (t * 0.0 + span)
                u = c * progress
                f = 0.5 * (1.0 + cos(pi * (u - floor(u))))  # (c * progress) % 1.0
                return where(progress >= 1.0, lr * 0.0, lr * where(f > 0.0, f, 0.0))

            return value

        return w + max(1, n - w), [w], [self.ramp(w), restarts]


@register
class GetPolynomialDecayScheduleWithWarmup(_HF):
    """Hugging Face's ``get_polynomial_decay_schedule_with_warmup``: a linear warmup from 0,
    then a polynomial decay to ``lr_end`` at ``num_training_steps``, then ``lr_end``.

    value(t) = lr * t / max(1, w) for t < w; lr * (lr_end / lr) for t > n; else
    lr * (((lr - lr_end) * (1 - (t - w) / (n - w)) ** power + lr_end) / lr);
    w = num_warmup_steps, n = num_training_steps

    Example: ``hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=100,
    num_training_steps=1000, lr_end=1e-05, power=2.0, lr=0.001)``.
    """

    name = "hf.get_polynomial_decay_schedule_with_warmup"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of linear warmup from 0"),
        Param("num_training_steps", STEPS, doc="the step where the rate reaches lr_end"),
        Param("lr_end", RATE, 1e-7, doc="the final rate (below lr)"),
        Param("power", Real(0.0, 1e6, label="exponent"), 1.0, doc="the exponent; 1 is linear"),
        LR,
    )
    example = (
        "hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=100, "
        "num_training_steps=1000, lr_end=1e-05, power=2.0, lr=0.001)"
    )

    def finite(self) -> bool:
        return True

    def check(self) -> None:
        lr, lr_end = self.lr, self.lr_end
        if not lr > lr_end:
            self.fail(
                "lr_end",
                f"must be smaller than 'lr' ({lr}), got {lr_end}",
                hint="without lr= the schedule multiplies the optimizer's rate, and lr_end is "
                "compared with 1.0",
            )
        w, n = self.num_warmup_steps, self.num_training_steps
        if self.resolved(w, n) and n == w:
            self.fail(
                "num_training_steps",
                f"must differ from 'num_warmup_steps' ({w}): Hugging Face divides by "
                "num_training_steps - num_warmup_steps",
            )

    def meaning(self) -> Expr | None:
        w, n, power = self.num_warmup_steps, self.num_training_steps, self.power
        if power == 0 or not n - w >= 1 or not (w == 0 or w >= 1):
            return None
        decay = Polynomial.make(initial=self.lr, final=self.lr_end, steps=n - w, power=power)
        return decay if w == 0 else Sequence((Warmup.make(steps=w), decay))

    def pieces(self) -> Pieces:
        lr, w, n = self.lr, self.num_warmup_steps, self.num_training_steps
        lr_end, power = self.lr_end, self.power
        final = lr * (lr_end / lr)
        if n < w:  # the warmup ends the run
            return w, [w], [self.ramp(w), _steady(final)]
        height, span = lr - lr_end, n - w

        def decay(m: Any) -> Callable[[Any], Any]:
            pow_, maximum = libm(m, "pow"), m.maximum

            def value(t: Any) -> Any:
                # (in [0, 1] on the decay's steps; the bound is for the steps a traced
                # evaluation computes outside them)
                remaining = maximum(1 - (t - w) / span, 0.0)
                return lr * ((height * pow_(remaining, power) + lr_end) / lr)

            return value

        # At t = n the decay gives lr_end already, unless 0 ** 0 = 1 (power 0): then lr_end
        # only after n.
        end = n if power > 0 else math.nextafter(n, math.inf)
        return end, [w, math.nextafter(n, math.inf)], [self.ramp(w), decay, _steady(final)]


@register
class GetInverseSqrtSchedule(_HF):
    """Hugging Face's ``get_inverse_sqrt_schedule``: a linear warmup from 0, then an inverse
    square-root decay, forever.

    value(t) = lr * t / max(1, w) for t < w, then lr / sqrt((t + timescale - w) / timescale);
    w = num_warmup_steps, timescale defaults to w (10000 if w is 0)

    Example: ``hf.get_inverse_sqrt_schedule(num_warmup_steps=100, lr=0.001)``.
    """

    name = "hf.get_inverse_sqrt_schedule"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of linear warmup from 0"),
        Param(
            "timescale",
            Nullable(Steps(positive=True)),
            None,
            doc="steps over which the rate falls by sqrt(2); None: num_warmup_steps or 10000",
        ),
        LR,
    )
    example = "hf.get_inverse_sqrt_schedule(num_warmup_steps=100, lr=0.001)"

    def _timescale(self) -> float:
        w = self.num_warmup_steps
        return self.timescale if self.timescale is not None else (w or 10_000)

    def meaning(self) -> Expr | None:
        w = self.num_warmup_steps
        if not (w == 0 or w >= 1):
            return None
        decay = InverseSqrt.make(initial=self.lr, timescale=self._timescale())
        return decay if w == 0 else Sequence((Warmup.make(steps=w), decay))

    def pieces(self) -> Pieces:
        lr, w = self.lr, self.num_warmup_steps
        timescale = self._timescale()
        shift = timescale - w

        def decay(m: Any) -> Callable[[Any], Any]:
            sqrt, maximum = m.sqrt, m.maximum

            def value(t: Any) -> Any:
                # (at least 1 from num_warmup_steps on: the bound only keeps the warmup's
                # steps, which a traced evaluation computes too, away from sqrt(< 0))
                return lr * (1.0 / sqrt(maximum((t + shift) / timescale, 1.0)))

            return value

        return math.inf, [w], [self.ramp(w), decay]


class _MinLr(_HF):
    """The two cosines with a floor: ``min_lr`` (absolute) or ``min_lr_rate`` (of lr)."""

    __slots__ = ()

    def check(self) -> None:
        min_lr, min_lr_rate = self.min_lr, self.min_lr_rate
        if min_lr is not None and min_lr_rate is not None:
            self.fail("min_lr_rate", "cannot be given with 'min_lr': give only one of them")
        if min_lr is None and min_lr_rate is None:
            self.fail("min_lr", "or 'min_lr_rate' must be given (the floor of the cosine)")
        if min_lr is not None and self.lr == 0:
            self.fail("lr", "must not be 0 with 'min_lr': Hugging Face divides min_lr by the rate")
        rate = self.rate()
        checked_finite(self, "min_lr" if min_lr is not None else "min_lr_rate", self.lr * rate)

    def rate(self) -> float:
        """The floor as a fraction of the rate (Hugging Face's min_lr_rate)."""
        if self.min_lr is not None:
            return self.min_lr / self.lr if self.lr else math.inf
        rate: float = self.min_lr_rate  # given when min_lr is not (see check)
        return rate


_MIN_LR = Param("min_lr", Nullable(RATE), None, doc="the floor of the cosine (or give min_lr_rate)")
_MIN_LR_RATE = Param(
    "min_lr_rate", Nullable(_RATIO), None, doc="the floor as a fraction of lr (or give min_lr)"
)


@register
class GetCosineWithMinLrScheduleWithWarmup(_MinLr):
    """Hugging Face's ``get_cosine_with_min_lr_schedule_with_warmup``: the cosine of
    ``get_cosine_schedule_with_warmup`` between lr and a floor, not clamped after
    ``num_training_steps``.

    value(t) = lr * t / max(1, w) for t < w, then lr * max(0, f * (1 - r) + r),
    f = 0.5 * (1 + cos(pi * num_cycles * 2 * (t - w) / max(1, num_training_steps - w))),
    r = min_lr / lr or min_lr_rate; w = num_warmup_steps

    Example: ``hf.get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=100,
    num_training_steps=1000, min_lr=1e-05, lr=0.001)``.
    """

    name = "hf.get_cosine_with_min_lr_schedule_with_warmup"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of linear warmup from 0"),
        Param("num_training_steps", STEPS, doc="the step where the first half-wave ends"),
        Param("num_cycles", _CYCLES, 0.5, doc="waves up to num_training_steps (0.5: one fall)"),
        _MIN_LR,
        _MIN_LR_RATE,
        LR,
    )
    example = (
        "hf.get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=100, "
        "num_training_steps=1000, min_lr=1e-05, lr=0.001)"
    )

    def pieces(self) -> Pieces:
        w, n = self.num_warmup_steps, self.num_training_steps
        cosine = _clamped_cosine(self.lr, w, n, self.num_cycles, self.rate())
        return math.inf, [w], [self.ramp(w), cosine]


@register
class GetCosineWithMinLrScheduleWithWarmupLrRate(_MinLr):
    """Hugging Face's ``get_cosine_with_min_lr_schedule_with_warmup_lr_rate``
    (``cosine_warmup_with_min_lr``): like the cosine with a floor, one step ahead, with a
    warmup from ``warmup_lr_rate * lr``.

    value(t) = lr * (t + 1) / max(1, w) for t < w (warmup_lr_rate None), or
    lr * (s + (1 - s) * t / max(1, w - 1)) with s = warmup_lr_rate; then lr * max(0, f * (1 - r)
    + r), f = 0.5 * (1 + cos(pi * num_cycles * 2 * (t - w + 1) / max(1, num_training_steps -
    w))), r = min_lr / lr or min_lr_rate; w = num_warmup_steps

    Example: ``hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=100,
    num_training_steps=1000, min_lr_rate=0.1, warmup_lr_rate=0.01, lr=0.001)``.
    """

    name = "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of warmup"),
        Param("num_training_steps", STEPS, doc="the floor is reached one step before it"),
        Param("num_cycles", _CYCLES, 0.5, doc="waves up to num_training_steps (0.5: one fall)"),
        _MIN_LR,
        _MIN_LR_RATE,
        Param(
            "warmup_lr_rate",
            Nullable(_RATIO),
            None,
            doc="the warmup's start as a fraction of lr; None: (t + 1) / num_warmup_steps",
        ),
        LR,
    )
    example = (
        "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=100, "
        "num_training_steps=1000, min_lr_rate=0.1, warmup_lr_rate=0.01, lr=0.001)"
    )

    def check(self) -> None:
        super().check()
        start, w = self.warmup_lr_rate, self.num_warmup_steps
        if start is not None:
            # The warmup computes (1 - warmup_lr_rate) * t for t up to num_warmup_steps.
            steps = w if self.resolved(w) else 1
            checked_finite(self, "warmup_lr_rate", self.lr * start, (1.0 - start) * steps)

    def pieces(self) -> Pieces:
        lr, cycles, rate = self.lr, self.num_cycles, self.rate()
        w, n = float(self.num_warmup_steps), float(self.num_training_steps)
        start = self.warmup_lr_rate
        keep = 1 - rate
        if start is None:
            span = max(1.0, w)

            def warmup(m: Any) -> Callable[[Any], Any]:
                return lambda t: lr * ((t + 1.0) / span)
        else:
            rise, steps = 1.0 - start, float(max(1, w - 1))

            def warmup(m: Any) -> Callable[[Any], Any]:
                return lambda t: lr * (start + rise * t / steps)

        span_after = max(1.0, n - w)
        angle = math.pi * cycles * 2.0

        def cosine(m: Any) -> Callable[[Any], Any]:
            cos, where = m.cos, m.where

            def value(t: Any) -> Any:
                progress = (t - w + 1.0) / span_after
                f = 0.5 * (1.0 + cos(angle * progress))
                f = f * keep + rate
                return lr * where(f > 0, f, 0.0)

            return value

        return math.inf, [w], [warmup, cosine]


_SHAPES = ("linear", "cosine", "1-sqrt")


@register
class GetWsdSchedule(_HF):
    """Hugging Face's ``get_wsd_schedule``: warmup, stable, decay, then ``min_lr_ratio * lr``.

    warmup (t < w): lr * max(0, f(t / max(1, w)) * (1 - r) + r), f = p (linear),
    0.5 * (1 - cos(pi * p)) (cosine) or 1 - sqrt(1 - p) (1-sqrt);
    stable (t < w + s): lr;
    decay (t < w + s + d): lr * max(0, g(p) * (1 - r) + r), p = (t - w - s) / max(1, d),
    g = 1 - p, 0.5 * (1 + cos(pi * num_cycles * 2 * p)) or 1 - sqrt(p);
    after: lr * r. w = num_warmup_steps, d = num_decay_steps, r = min_lr_ratio, s =
    num_stable_steps or num_training_steps - w - d (a negative s starts the decay part-way)

    Example: ``hf.get_wsd_schedule(num_warmup_steps=100, num_decay_steps=200,
    num_training_steps=1000, decay_type='1-sqrt', lr=0.001)``.
    """

    name = "hf.get_wsd_schedule"
    params = (
        Param("num_warmup_steps", STEPS, doc="steps of warmup"),
        Param("num_decay_steps", STEPS, doc="steps of decay"),
        Param(
            "num_training_steps",
            Nullable(STEPS),
            None,
            doc="the whole run (or give num_stable_steps)",
        ),
        Param(
            "num_stable_steps",
            Nullable(STEPS),
            None,
            doc="steps at lr between warmup and decay (wins over num_training_steps)",
        ),
        Param("warmup_type", QuotedChoice(_SHAPES), "linear", doc="the shape of the warmup"),
        Param("decay_type", QuotedChoice(_SHAPES), "cosine", doc="the shape of the decay"),
        Param("min_lr_ratio", _RATIO, 0, doc="the floor as a fraction of lr"),
        Param("num_cycles", _CYCLES, 0.5, doc="cosine decay waves (0.5: one fall)"),
        LR,
    )
    example = (
        "hf.get_wsd_schedule(num_warmup_steps=100, num_decay_steps=200, "
        "num_training_steps=1000, decay_type='1-sqrt', lr=0.001)"
    )

    def finite(self) -> bool:
        return True

    def check(self) -> None:
        if self.num_training_steps is None and self.num_stable_steps is None:
            self.fail("num_training_steps", "or 'num_stable_steps' must be given")
        checked_finite(self, "min_lr_ratio", self.lr * self.min_lr_ratio)

    def pieces(self) -> Pieces:
        lr, w, d, r = self.lr, self.num_warmup_steps, self.num_decay_steps, self.min_lr_ratio
        s = self.num_stable_steps
        if s is None:
            s = self.num_training_steps - w - d
        warmup_type, decay_type = self.warmup_type, self.decay_type
        warmup_span, decay_span = float(max(1, w)), float(max(1, d))
        keep = 1.0 - r
        angle = math.pi * float(self.num_cycles) * 2.0

        # (maximum(..., 0.0) below changes nothing on the phase's own steps: it keeps a traced
        # evaluation, which computes every phase at every step, away from sqrt(< 0))
        def warmup(m: Any) -> Callable[[Any], Any]:
            cos, sqrt, where, pi, maximum = m.cos, m.sqrt, m.where, m.pi, m.maximum

            def value(t: Any) -> Any:
                p = t / warmup_span
                if warmup_type == "linear":
                    f = p
                elif warmup_type == "cosine":
                    f = 0.5 * (1.0 - cos(pi * p))
                else:
                    f = 1.0 - sqrt(maximum(1.0 - p, 0.0))
                f = f * keep + r
                return lr * where(f > 0.0, f, 0.0)

            return value

        def decay(m: Any) -> Callable[[Any], Any]:
            cos, sqrt, where, maximum = m.cos, m.sqrt, m.where, m.maximum

            def value(t: Any) -> Any:
                p = (t - w - s) / decay_span
                if decay_type == "linear":
                    f = 1.0 - p
                elif decay_type == "cosine":
                    f = 0.5 * (1.0 + cos(angle * p))
                else:
                    f = 1.0 - sqrt(maximum(p, 0.0))
                f = f * keep + r
                return lr * where(f > 0.0, f, 0.0)

            return value

        stable_end = max(w, w + s)
        end = max(w, w + s + d)
        return end, [w, stable_end, end], [warmup, _steady(lr * 1.0), decay, _steady(lr * r)]


_MODE = QuotedChoice(("min", "max"))
_THRESHOLD_MODE = QuotedChoice(("rel", "abs"))
_NUMBER = Real(0.0, 1e300, label="number")


@register
class GetReduceOnPlateauSchedule(StatefulFamily):
    """Hugging Face's ``get_reduce_on_plateau_schedule``: PyTorch's ``ReduceLROnPlateau`` on
    the optimizer's rate, stateful (``s.step(metric)``).

    After each metric, a metric better than the best so far (for mode 'min': below best * (1 -
    threshold), 'rel', or best - threshold, 'abs'; mirrored for 'max') resets the count of bad
    metrics; more than ``patience`` bad ones in a row multiply the rate by ``factor`` (not below
    ``min_lr``, and only by more than ``eps``), then ``cooldown`` metrics are ignored: the
    algorithm of ``Plateau``.

    Example: ``hf.get_reduce_on_plateau_schedule(factor=0.5, patience=2, lr=0.001)``.
    """

    name = "hf.get_reduce_on_plateau_schedule"
    origin = "hf."
    print_keywords = True
    base_rate = "lr"
    params = (
        Param("mode", _MODE, "min", doc="whether lower or higher metrics are better"),
        Param(
            "factor",
            Real(0.0, 1.0, hi_open=True, label="factor"),
            0.1,
            doc="the factor of each reduction",
        ),
        Param("patience", Integer(0, 2**53), 10, doc="bad metrics to allow"),
        Param("threshold", _NUMBER, 1e-4, doc="how much better counts as better"),
        Param("threshold_mode", _THRESHOLD_MODE, "rel", doc="threshold relative or absolute"),
        Param("cooldown", Integer(0, 2**53), 0, doc="metrics to ignore after a reduction"),
        Param("min_lr", RATE, 0.0, doc="the lowest rate", default_text="0"),
        Param("eps", _NUMBER, 1e-8, doc="reductions smaller than this are skipped"),
        LR,
    )
    example = "hf.get_reduce_on_plateau_schedule(factor=0.5, patience=2, lr=0.001)"

    def meaning(self) -> Plateau:
        from .stateful import Plateau  # imported here: the registry keeps its modules' order

        return Plateau.make(
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

    def new_state(self) -> Any:
        return self.meaning().new_state()


# get_scheduler: each SchedulerType name, the family it stands for, and which of its own
# arguments get_scheduler passes on: w num_warmup_steps (required), n num_training_steps
# (required), N num_training_steps (passed even when None), k scheduler_specific_kwargs.
_SCHEDULER_TYPES: dict[str, tuple[type[Family] | None, str]] = {
    "linear": (GetLinearScheduleWithWarmup, "wnk"),
    "cosine": (GetCosineScheduleWithWarmup, "wnk"),
    "cosine_with_restarts": (GetCosineWithHardRestartsScheduleWithWarmup, "wnk"),
    "polynomial": (GetPolynomialDecayScheduleWithWarmup, "wnk"),
    "constant": (GetConstantSchedule, ""),
    "constant_with_warmup": (GetConstantScheduleWithWarmup, "w"),
    "inverse_sqrt": (GetInverseSqrtSchedule, "wk"),
    "reduce_lr_on_plateau": (GetReduceOnPlateauSchedule, "k"),
    "cosine_with_min_lr": (GetCosineWithMinLrScheduleWithWarmup, "wnk"),
    "cosine_warmup_with_min_lr": (GetCosineWithMinLrScheduleWithWarmupLrRate, "wnk"),
    "warmup_stable_decay": (GetWsdSchedule, "wNk"),
    "greedy": (None, "k"),
}


@register
class GetScheduler(Family):
    """Hugging Face's ``get_scheduler``: the schedule a ``SchedulerType`` name stands for,
    given the arguments get_scheduler passes on to it (``lr_scheduler_type`` of the Trainer).

    value(t) = the value of the schedule named: linear, cosine, cosine_with_restarts,
    polynomial (num_warmup_steps, num_training_steps and the scheduler_specific_kwargs),
    constant (nothing), constant_with_warmup (num_warmup_steps), inverse_sqrt
    (num_warmup_steps, kwargs), reduce_lr_on_plateau (kwargs), cosine_with_min_lr,
    cosine_warmup_with_min_lr (num_warmup_steps, num_training_steps, kwargs),
    warmup_stable_decay (num_warmup_steps, num_training_steps even when None, kwargs)

    Example: ``hf.get_scheduler(name='cosine', num_warmup_steps=100, num_training_steps=1000,
    scheduler_specific_kwargs={'num_cycles': 1.5}, lr=0.001)``.
    """

    name = "hf.get_scheduler"
    origin = "hf."
    print_keywords = True
    base_rate = "lr"
    params = (
        Param("name", QuotedChoice(tuple(_SCHEDULER_TYPES)), doc="the SchedulerType name"),
        Param("num_warmup_steps", Nullable(STEPS), None, doc="steps of warmup"),
        Param("num_training_steps", Nullable(STEPS), None, doc="the length of the run"),
        Param(
            "scheduler_specific_kwargs",
            Nullable(Keywords()),
            None,
            doc="the named schedule's other keywords",
        ),
        LR,
    )
    example = (
        "hf.get_scheduler(name='cosine', num_warmup_steps=100, num_training_steps=1000, "
        "scheduler_specific_kwargs={'num_cycles': 1.5}, lr=0.001)"
    )

    @property
    def is_stateful(self) -> bool:  # type: ignore[override]
        return self.target().is_stateful

    def check(self) -> None:
        self.__dict__["_target"] = self._dispatch()

    def target(self) -> Family:
        """The schedule the name stands for, with the arguments get_scheduler passes on."""
        found = self.__dict__.get("_target")
        if found is None:
            found = self.__dict__["_target"] = self._dispatch()
        return found

    def _dispatch(self) -> Family:
        kind = self.args["name"]
        family, passes = _SCHEDULER_TYPES[kind]
        if family is None:
            self.fail(
                "name",
                "cannot be 'greedy': transformers's GreedyLR is a metric-driven scheduler with "
                "its own state machine (it raises and lowers the rate after runs of better and "
                "worse metrics and resets it after reset_start steps at min_lr): lrspec has no "
                "family for it",
                hint="use 'reduce_lr_on_plateau' (hf.get_reduce_on_plateau_schedule) for a "
                "rate that falls when a metric stops improving",
            )
        args: dict[str, Any] = {"lr": self.args["lr"]}
        w, n = self.args["num_warmup_steps"], self.args["num_training_steps"]
        for key, value, needed, optional in (
            ("num_warmup_steps", w, "w" in passes or "N" in passes, False),
            ("num_training_steps", n, "n" in passes, "N" in passes),
        ):
            if needed and value is None:
                self.fail(key, f"must be given for name='{kind}'")
            if needed or optional:
                args[key] = value
        if "k" in passes:
            span = self.spans.get("scheduler_specific_kwargs", self.span)
            for key, value in self.args["scheduler_specific_kwargs"] or ():
                if key in args:
                    what = "the base rate" if key == "lr" else f"{key} to {family.name}"
                    raise ArgumentError(
                        f"{self.name}: '{key}' is given twice: get_scheduler passes {what} itself",
                        span=span,
                        hint=f"give {key}= to hf.get_scheduler, not in scheduler_specific_kwargs",
                    )
                args[key] = typed(family, key, value, self.name, span)
        missing = [p.name for p in family.params if p.required and p.name not in args]
        if missing:
            raise ArgumentError(
                f"{self.name}: '{missing[0]}' is missing: {family.name} needs it in "
                "scheduler_specific_kwargs",
                span=self.spans.get("scheduler_specific_kwargs", self.span),
                hint=f"usage: {family.signature()}",
            )
        full = {p.name: args.get(p.name, p.default) for p in family.params}
        target = family(full, {}, self.span)
        target.check()
        return target

    def meaning(self) -> Expr:
        return self.target()

    def base_rate_scope(self) -> str:
        return self.target().base_rate_scope()

    def finite(self) -> bool:
        return self.target().finite()

    def length(self) -> float:
        return self.target().length()

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return builder.build(self.target(), offset)
