"""The meaning of a spec: schedule expressions, between the syntax tree and the kernels.

An expression knows its canonical syntax tree (``to_node``), which of the run's sizes its units
need, how to resolve those units, its length, and how to compile itself to a
:class:`~lrspec.kernels.Kernel`. Families are expressions too (``registry.Family``); this
module holds the compositions: numbers, ``>>``, arithmetic, negation and slices.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from . import kernels
from .errors import CompositionError
from .nodes import BinOp, Neg, Node, Number, Seq, Slice
from .params import MAX_STEPS, STEPS, Binding, Quantity, normalize_steps
from .printer import unparse


class Builder:
    """Compiles expressions; remembers the one stateful part and where it starts."""

    def __init__(self) -> None:
        self.state = None
        self.state_start = 0.0

    def build(self, expr: Expr, offset: float = 0.0) -> kernels.Kernel:
        return expr.kernel(self, offset)

    def register_state(self, state, offset: float) -> None:
        self.state = state
        self.state_start = offset


class Expr:
    """Base of schedule expressions."""

    __slots__ = ()

    #: A bare number takes the length of whatever it is combined with.
    neutral = False

    def children(self) -> tuple[Expr, ...]:
        return ()

    def to_node(self) -> Node:
        raise NotImplementedError

    def text(self) -> str:
        return unparse(self.to_node())

    def quantities(self) -> Iterator[Quantity]:
        """Every step count written with a unit, in this expression and below."""
        for child in self.children():
            yield from child.quantities()

    def needs(self) -> set[str]:
        """Which of ``total_steps`` / ``steps_per_epoch`` evaluating this requires."""
        needed = {q.binding for q in self.quantities()}
        for child in self.walk():
            if getattr(child, "needs_total_steps", False):
                needed.add("total_steps")
        return needed

    def walk(self) -> Iterator[Expr]:
        yield self
        for child in self.children():
            yield from child.walk()

    @property
    def stateful(self) -> bool:
        return any(child.stateful for child in self.children())

    def finite(self) -> bool:
        """Whether the length is finite (known from the structure, before units resolve)."""
        raise NotImplementedError

    def length(self) -> float:
        """The length in steps (resolved expressions only)."""
        raise NotImplementedError

    def resolve(self, binding: Binding) -> Expr:
        raise NotImplementedError

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Expr):
            return NotImplemented
        return self.to_node() == other.to_node()

    def __hash__(self) -> int:
        return hash(self.to_node())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text()}>"


def stateful_misuse(expr: Expr) -> CompositionError:
    """The error for a schedule that reads a metric, found inside ``expr``, used wrongly."""
    stateful = next(e for e in expr.walk() if getattr(e, "is_stateful", False))
    return CompositionError(
        f"{stateful.text()} reads a metric, so it can only end a '>>' sequence or be scaled "
        "by a number", span=getattr(stateful, "span", None),
    )


def _signed(value: float) -> Node:
    return Number(value) if value >= 0 or math.isnan(value) else Neg(Number(-value))


class Const(Expr):
    """A number used as a schedule: a Constant, length-neutral in arithmetic."""

    __slots__ = ("value", "span")
    neutral = True

    def __init__(self, value: float, span=None) -> None:
        self.value = value
        self.span = span

    def to_node(self):
        return _signed(self.value)

    def finite(self):
        return False

    def length(self):
        return math.inf

    def resolve(self, binding):
        return self

    def kernel(self, builder, offset):
        return kernels.constant(self.value)


class Sequence(Expr):
    """``A >> B >> ...`` (always flat: nested sequences are spliced in)."""

    __slots__ = ("parts", "span")

    def __init__(self, parts: tuple[Expr, ...], span=None) -> None:
        flat: list[Expr] = []
        for part in parts:
            flat.extend(part.parts if isinstance(part, Sequence) else (part,))
        self.parts = tuple(flat)
        self.span = span

    def children(self):
        return self.parts

    def to_node(self):
        return Seq(tuple(part.to_node() for part in self.parts))

    def finite(self):
        return self.parts[-1].finite()

    def length(self):
        total = sum(part.length() for part in self.parts)
        if math.isfinite(total) and total > MAX_STEPS:
            raise CompositionError(
                f"'{self.text()}' is {total:g} steps long; the limit is 2**53", span=self.span
            )
        return total

    def resolve(self, binding):
        return Sequence(tuple(part.resolve(binding) for part in self.parts), self.span)

    def kernel(self, builder, offset):
        from .families.combinators import Warmup

        self.length()  # checks the total
        compiled: list[kernels.Kernel | None] = [None] * len(self.parts)
        starts = [offset]
        for part in self.parts[:-1]:
            starts.append(starts[-1] + part.length())
        # Right to left: a Warmup ramps to the value its successor starts with.
        for k in reversed(range(len(self.parts))):
            part = self.parts[k]
            if isinstance(part, Warmup):
                compiled[k] = part.ramp(compiled[k + 1].scalar(0.0))
            else:
                compiled[k] = builder.build(part, starts[k])
        return kernels.sequence(compiled)


_PRECEDENCE_OPS = ("+", "-", "*", "/")


class Arithmetic(Expr):
    """``A op B``, pointwise; its length is the longer of the two (numbers do not count)."""

    __slots__ = ("op", "left", "right", "span")

    def __init__(self, op: str, left: Expr, right: Expr, span=None) -> None:
        assert op in _PRECEDENCE_OPS
        self.op, self.left, self.right, self.span = op, left, right, span

    @property
    def neutral(self):
        return self.left.neutral and self.right.neutral

    def children(self):
        return (self.left, self.right)

    def to_node(self):
        return BinOp(self.op, self.left.to_node(), self.right.to_node())

    def finite(self):
        measured = [c for c in self.children() if not c.neutral]
        return bool(measured) and all(c.finite() for c in measured)

    def length(self):
        measured = [c.length() for c in self.children() if not c.neutral]
        return max(measured) if measured else math.inf

    def resolve(self, binding):
        return Arithmetic(self.op, self.left.resolve(binding), self.right.resolve(binding),
                          self.span)

    def kernel(self, builder, offset):
        return kernels.arithmetic(self.op, builder.build(self.left, offset),
                                  builder.build(self.right, offset), self.length(), self.text)


class Negation(Expr):
    __slots__ = ("operand", "span")

    def __init__(self, operand: Expr, span=None) -> None:
        self.operand, self.span = operand, span

    @property
    def neutral(self):
        return self.operand.neutral

    def children(self):
        return (self.operand,)

    def to_node(self):
        return Neg(self.operand.to_node())

    def finite(self):
        return self.operand.finite()

    def length(self):
        return self.operand.length()

    def resolve(self, binding):
        return Negation(self.operand.resolve(binding), self.span)

    def kernel(self, builder, offset):
        return kernels.negate(builder.build(self.operand, offset))




class Window(Expr):
    """``A[start:stop]``: ``A(t + start)``, for ``stop - start`` steps (or to A's end)."""

    __slots__ = ("target", "start", "stop", "span", "bound_spans", "written")

    def __init__(self, target: Expr, start, stop, span=None, bound_spans=(None, None),
                 written=None) -> None:
        self.target, self.start, self.stop = target, start, stop
        self.span, self.bound_spans = span, bound_spans
        # The bounds as written (with their units), for messages after resolution.
        self.written = written or (start, stop)

    def children(self):
        return (self.target,)

    def to_node(self):
        return Slice(
            self.target.to_node(),
            None if self.start is None else STEPS.to_node(self.start),
            None if self.stop is None else STEPS.to_node(self.stop),
        )

    def quantities(self):
        yield from super().quantities()
        for bound in (self.start, self.stop):
            if isinstance(bound, Quantity):
                yield bound

    def finite(self):
        return self.stop is not None or self.target.finite()

    def _bounds(self) -> tuple[float, float]:
        start = self.start or 0
        stop = self.stop if self.stop is not None else self.target.length()
        return start, stop

    def length(self):
        start, stop = self._bounds()
        if not stop > start:
            end = "its stop" if self.stop is not None else "the end of the schedule"
            first, last = self.written
            raise CompositionError(
                f"the slice [{_text(first)}:{_text(last)}] is empty: it starts at "
                f"step {start:g}, at or after {end} (step {stop:g})", span=self.span,
            )
        return normalize_steps(stop - start)

    def resolve(self, binding):
        start, stop = (
            binding.resolve(bound, span) if isinstance(bound, Quantity) else bound
            for bound, span in zip((self.start, self.stop), self.bound_spans)
        )
        return Window(self.target.resolve(binding), start, stop, self.span, self.bound_spans,
                      self.written)

    def kernel(self, builder, offset):
        start, stop = self._bounds()
        target = builder.build(self.target, offset)
        return kernels.shift(target, start, self.length(), hold=target.scalar(stop))


def _text(bound) -> str:
    return "" if bound is None else str(bound)
