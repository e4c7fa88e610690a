"""The compositions that the grammar writes with operators: numbers, ``>>``, ``+ - * /``,
negation and slices. Families (calls) are in ``family``.

Each composition is one class that says which syntax node it is made from (``syntax``) and
how (:meth:`from_syntax`), and implements the :class:`~lrspec.model.expr.Expr` protocol; the
evaluator finds it in :data:`BY_SYNTAX`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from ..compute import kernels
from ..syntax.errors import ArgumentError, CompositionError
from ..syntax.limits import Limits
from ..syntax.nodes import BinOp, Neg, Node, Number, Seq, Slice, Span
from ..syntax.printer import format_number
from .expr import Builder, Expr, Placement, Role, past_domain, too_long
from .types import STEPS, Context
from .units import Binding, Quantity, normalize_steps

Evaluate = Callable[[Node], Expr]
#: A slice bound: a step count, one written with a unit (until resolved), or none.
Bound = int | float | Quantity | None

#: The composition class made from each kind of syntax node.
BY_SYNTAX: dict[type, type[Composition]] = {}


def composition(cls: type[Composition]) -> type[Composition]:
    """Class decorator: the evaluator makes ``cls`` from its ``syntax`` node type."""
    BY_SYNTAX[cls.syntax] = cls
    return cls


class Composition(Expr):
    """Base of the operator compositions."""

    __slots__ = ()
    syntax: ClassVar[type]

    @classmethod
    def from_syntax(cls, node: Any, evaluate: Evaluate, limits: Limits) -> Expr:
        raise NotImplementedError


def signed_value(value: float) -> Node:
    return Number(value) if value >= 0 or math.isnan(value) else Neg(Number(-value))


class Const(Expr):
    """A number used as a schedule: a Constant, length-neutral in arithmetic."""

    __slots__ = ("value", "span")
    neutral = True

    value: float
    span: Span | None

    def __init__(self, value: float, span: Span | None = None) -> None:
        self.value = value
        self.span = span

    @classmethod
    def from_number(cls, value: int | float, span: Span | None = None) -> Const:
        try:
            number = float(value) + 0.0  # + 0.0 turns -0.0 into 0.0
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise ArgumentError(f"a schedule's value must be finite, got {number}", span=span)
        return cls(number, span)

    def to_node(self) -> Node:
        return signed_value(self.value)

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf

    def resolve(self, binding: Binding) -> Const:
        return self

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.constant(self.value)


@composition
class Sequence(Composition):
    """``A >> B >> ...`` (always flat: nested sequences are spliced in)."""

    __slots__ = ("parts", "span")
    syntax = Seq

    parts: tuple[Expr, ...]
    span: Span | None

    def __init__(self, parts: tuple[Expr, ...], span: Span | None = None) -> None:
        flat: list[Expr] = []
        for part in parts:
            flat.extend(part.parts if isinstance(part, Sequence) else (part,))
        self.parts = tuple(flat)
        self.span = span
        for part in self.parts[:-1]:
            if not part.finite():
                raise _never_ends(part)

    @classmethod
    def from_syntax(cls, node: Seq, evaluate: Evaluate, limits: Limits) -> Sequence:
        return cls(tuple(evaluate(part) for part in node.parts), node.span)

    def children(self) -> tuple[Expr, ...]:
        return self.parts

    def child_roles(self) -> list[Role]:
        return [_FOLLOWED] * (len(self.parts) - 1) + [_LAST]

    def to_node(self) -> Node:
        return Seq(tuple(part.to_node() for part in self.parts))

    def finite(self) -> bool:
        return self.parts[-1].finite()

    def length(self) -> float:
        total = self._starts()[-1] + self.parts[-1].length()
        if past_domain(total):
            raise too_long(self, total)
        return total

    def resolve(self, binding: Binding) -> Sequence:
        return Sequence(tuple(part.resolve(binding) for part in self.parts), self.span)

    def _starts(self) -> list[float]:
        """Where each part starts: sums of lengths, each within the step domain (so is the
        whole, when it ends)."""
        starts: list[float] = [0]  # int sums of int lengths stay exact past 2**53
        for part in self.parts[:-1]:
            start = starts[-1] + part.length()
            if past_domain(start):
                raise too_long(Sequence(self.parts[: len(starts)], self.span), start)
            starts.append(start)
        return starts

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        starts = self._starts()
        compiled: list[kernels.Kernel] = []
        following: kernels.Kernel | None = None
        # Right to left, so that a part that needs its successor gets it compiled.
        for k in reversed(range(len(self.parts))):
            following = builder.build(self.parts[k], offset + starts[k], following)
            compiled.append(following)
        compiled.reverse()
        return kernels.sequence(compiled)

    def label(self) -> str:
        return ">>"

    def timeline(self) -> list[Placement]:
        starts = self._starts()
        ends = starts[1:] + [math.inf]
        return [
            Placement(part, begin, 0.0, end) for part, begin, end in zip(self.parts, starts, ends)
        ]


def _never_ends(part: Expr) -> CompositionError:
    if part.stateful:
        hint = "a schedule that reads a metric can only come last"
    elif isinstance(part, Composition):
        hint = f"give it a length, e.g. ({part.text()})[:1000]"
    else:
        hint = f"give it a length, e.g. {part.text()}[:1000]"
    return CompositionError(
        f"'{part.text()}' never ends, so nothing can follow it with '>>'", span=part.span, hint=hint
    )


_OPS = ("+", "-", "*", "/")
_FOLLOWED = Role(followed=True)
_LAST = Role(stateful_ok=True)


@composition
class Arithmetic(Composition):
    """``A op B``, pointwise; its length is the longer of the two (numbers do not count)."""

    __slots__ = ("op", "left", "right", "span", "neutral")
    syntax = BinOp

    op: str
    left: Expr
    right: Expr
    span: Span | None
    neutral: bool

    def __init__(self, op: str, left: Expr, right: Expr, span: Span | None = None) -> None:
        assert op in _OPS
        self.op, self.left, self.right, self.span = op, left, right, span
        self.neutral = left.neutral and right.neutral  # found once, not at every level above

    @classmethod
    def from_syntax(cls, node: BinOp, evaluate: Evaluate, limits: Limits) -> Arithmetic:
        return cls(node.op, evaluate(node.left), evaluate(node.right), node.span)

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def child_roles(self) -> list[Role]:
        # A schedule that reads a metric may be scaled by a number: `0.5 * S`, `S * 0.5`,
        # `S / 2` (but not `2 / S`).
        scales = self.op in ("*", "/")
        return [
            Role(stateful_ok=scales and self.right.neutral),
            Role(stateful_ok=self.op == "*" and self.left.neutral),
        ]

    def to_node(self) -> Node:
        return BinOp(self.op, self.left.to_node(), self.right.to_node())

    def finite(self) -> bool:
        measured = [c for c in self.children() if not c.neutral]
        return bool(measured) and all(c.finite() for c in measured)

    def length(self) -> float:
        measured = [c.length() for c in self.children() if not c.neutral]
        return max(measured) if measured else math.inf

    def resolve(self, binding: Binding) -> Arithmetic:
        return Arithmetic(
            self.op, self.left.resolve(binding), self.right.resolve(binding), self.span
        )

    def label(self) -> str:
        return self.op

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        left, right = builder.build(self.left, offset), builder.build(self.right, offset)
        # The length from the parts just compiled, not from the tree again.
        measured = [k.length for k, c in ((left, self.left), (right, self.right)) if not c.neutral]
        length = max(measured) if measured else math.inf
        return kernels.arithmetic(self.op, left, right, length, self.text)


@composition
class Negation(Composition):
    """``-A``."""

    __slots__ = ("operand", "span", "neutral")
    syntax = Neg

    operand: Expr
    span: Span | None
    neutral: bool

    def __init__(self, operand: Expr, span: Span | None = None) -> None:
        self.operand, self.span = operand, span
        self.neutral = operand.neutral

    @classmethod
    def from_syntax(cls, node: Neg, evaluate: Evaluate, limits: Limits) -> Negation:
        return cls(evaluate(node.operand), node.span)

    def children(self) -> tuple[Expr, ...]:
        return (self.operand,)

    def to_node(self) -> Node:
        return Neg(self.operand.to_node())

    def finite(self) -> bool:
        return self.operand.finite()

    def length(self) -> float:
        return self.operand.length()

    def resolve(self, binding: Binding) -> Negation:
        return Negation(self.operand.resolve(binding), self.span)

    def label(self) -> str:
        return "-"

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.negate(builder.build(self.operand, offset))


@composition
class Window(Composition):
    """``A[start:stop]``: ``A(t + start)``, for ``stop - start`` steps (or to A's end)."""

    __slots__ = ("target", "start", "stop", "span", "bound_spans", "written")
    syntax = Slice

    target: Expr
    start: Bound
    stop: Bound
    span: Span | None
    bound_spans: tuple[Span | None, Span | None]
    #: The bounds as written (with their units), for messages after resolution.
    written: tuple[Bound, Bound]

    def __init__(
        self,
        target: Expr,
        start: Bound,
        stop: Bound,
        span: Span | None = None,
        bound_spans: tuple[Span | None, Span | None] = (None, None),
        written: tuple[Bound, Bound] | None = None,
    ) -> None:
        self.target, self.start, self.stop = target, start, stop
        self.span, self.bound_spans = span, bound_spans
        # The bounds as written (with their units), for messages after resolution.
        self.written = written or (start, stop)

    @classmethod
    def from_syntax(cls, node: Slice, evaluate: Evaluate, limits: Limits) -> Window:
        target = evaluate(node.target)
        ctx = Context("slice", "bound", limits)
        start, stop = (
            None if b is None else STEPS.convert(b, ctx) for b in (node.start, node.stop)
        )
        if isinstance(start, (int, float)) and isinstance(stop, (int, float)) and start >= stop:
            raise CompositionError(
                f"the slice [{format_number(start)}:{format_number(stop)}] is empty",
                span=node.span,
                hint="the start must come before the stop",
            )
        return cls(
            target,
            start,
            stop,
            node.span,
            (
                None if node.start is None else node.start.span,
                None if node.stop is None else node.stop.span,
            ),
        )

    def children(self) -> tuple[Expr, ...]:
        return (self.target,)

    def to_node(self) -> Node:
        return Slice(
            self.target.to_node(),
            None if self.start is None else STEPS.to_node(self.start),
            None if self.stop is None else STEPS.to_node(self.stop),
        )

    def own_quantities(self) -> Iterator[Quantity]:
        return (b for b in (self.start, self.stop) if isinstance(b, Quantity))

    def finite(self) -> bool:
        return self.stop is not None or self.target.finite()

    def _bounds(self) -> tuple[float, float]:
        start = self.start or 0
        stop = self.stop if self.stop is not None else self.target.length()
        assert not isinstance(start, Quantity) and not isinstance(stop, Quantity), "resolved"
        return start, stop

    def length(self) -> float:
        start, stop = self._bounds()
        if not stop > start:
            end = "its stop" if self.stop is not None else "the end of the schedule"
            first, last = self.written
            raise CompositionError(
                f"the slice [{_text(first)}:{_text(last)}] is empty: it starts at "
                f"step {start:g}, at or after {end} (step {stop:g})",
                span=self.span,
            )
        return normalize_steps(stop - start)

    def resolve(self, binding: Binding) -> Window:
        start, stop = (
            binding.resolve(bound, span) if isinstance(bound, Quantity) else bound
            for bound, span in zip((self.start, self.stop), self.bound_spans)
        )
        return Window(
            self.target.resolve(binding), start, stop, self.span, self.bound_spans, self.written
        )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        start, stop = self._bounds()
        target = builder.build(self.target, offset)
        # An open slice of an endless schedule never ends, and has no final value to hold.
        hold = target.scalar(stop) if stop != math.inf else None
        return kernels.shift(target, start, self.length(), hold=hold)

    def timeline(self) -> list[Placement]:
        start = self.start or 0
        assert not isinstance(start, Quantity), "resolved"
        return [Placement(self.target, 0.0, float(start))]

    def label(self) -> str:
        start, stop = self.written
        return f"[{_text(start)}:{_text(stop)}]"


def _text(bound: Bound) -> str:
    return "" if bound is None else str(bound)
