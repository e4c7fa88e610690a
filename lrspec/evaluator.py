"""Syntax tree to schedule expression: calls bound to families, compositions checked.

The evaluator gives every node its meaning: a call becomes its family (arguments bound,
converted and range-checked, see ``registry.bind_call``), a number a constant, ``>>`` a
sequence, and so on. It then checks how the pieces are composed: only a schedule that ends
may be followed by ``>>``, a Warmup needs a successor, and a stateful schedule may only end a
sequence or be scaled by a number.
"""

from __future__ import annotations

import math

from .errors import ArgumentError, CompositionError, did_you_mean
from .expr import Arithmetic, Const, Expr, Negation, Sequence, Window, stateful_misuse
from .limits import Limits, default_limits
from .nodes import BinOp, Call, Neg, Node, Number, Seq, Slice, Word
from .params import STEPS, Context, describe_node, signed_number
from .printer import format_number
from .registry import Family, bind_call, families, lookup



def evaluate(node: Node, limits: Limits | None = None) -> Expr:
    """The schedule expression a syntax tree means (raises an LrspecError if none)."""
    evaluator = _Evaluator(limits or default_limits())
    expr = evaluator.expr(node)
    _check_composition(expr)
    return expr


class _Evaluator:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def expr(self, node: Node) -> Expr:
        if isinstance(node, Call):
            family = lookup(node.name, node.name_span)
            return bind_call(family, node, self.expr, self.limits)
        value = signed_number(node)
        if value is not None:
            try:
                value = float(value) + 0.0  # + 0.0 turns -0.0 into 0.0
            except OverflowError:
                value = math.inf
            if not math.isfinite(value):
                raise ArgumentError(f"a schedule's value must be finite, got {value}",
                                    span=node.span)
            return Const(value, node.span)
        if isinstance(node, Neg):
            return Negation(self.expr(node.operand), node.span)
        if isinstance(node, Seq):
            return Sequence(tuple(self.expr(part) for part in node.parts), node.span)
        if isinstance(node, BinOp):
            return Arithmetic(node.op, self.expr(node.left), self.expr(node.right), node.span)
        if isinstance(node, Slice):
            return self._window(node)
        raise ArgumentError(f"expected a schedule, got {describe_node(node, 'step count')}",
                            span=node.span,
                            hint=_schedule_hint(node))

    def _window(self, node: Slice) -> Window:
        target = self.expr(node.target)
        ctx = Context("slice", "bound", self.limits)
        bounds = [None if b is None else STEPS.convert(b, ctx) for b in (node.start, node.stop)]
        start, stop = bounds
        if start is not None and stop is not None and _unitless(start, stop) and start >= stop:
            raise CompositionError(
                f"the slice [{format_number(start)}:{format_number(stop)}] is empty",
                span=node.span, hint="the start must come before the stop",
            )
        return Window(target, start, stop, node.span,
                      tuple(None if b is None else b.span for b in (node.start, node.stop)))


def _unitless(*values) -> bool:
    return all(isinstance(v, (int, float)) for v in values)


def _schedule_hint(node: Node) -> str | None:
    if isinstance(node, Number) and node.unit:
        return "units (% and ep) apply to step counts, not to rates"
    if isinstance(node, Word):
        names = families()
        if node.name in names:
            return f"call it with its arguments: {names[node.name].signature()}"
        close = did_you_mean(node.name, names)
        if close:
            return f"{close} (a schedule is called with parentheses)"
    return None


# -- composition --------------------------------------------------------------------------


def _check_composition(expr: Expr) -> None:
    _check(expr, warmup_ok=False, stateful_ok=True)


def _check(expr: Expr, *, warmup_ok: bool, stateful_ok: bool) -> None:
    from .families.combinators import Warmup

    if isinstance(expr, Warmup) and not warmup_ok:
        raise CompositionError(
            f"{expr.text()} needs a schedule after it", span=expr.span,
            hint=f"write {expr.text()} >> <schedule>, for example "
            f"{expr.text()} >> Cosine(0.1, 0.0, 10000)",
        )
    if isinstance(expr, Family) and expr.is_stateful and not stateful_ok:
        raise stateful_misuse(expr)
    if isinstance(expr, Sequence):
        last = len(expr.parts) - 1
        for k, part in enumerate(expr.parts):
            if k < last and not part.finite():
                if part.stateful:
                    hint = "a schedule that reads a metric can only come last"
                elif isinstance(part, (Family, Const)):
                    hint = f"give it a length, e.g. {part.text()}[:1000]"
                else:
                    hint = f"give it a length, e.g. ({part.text()})[:1000]"
                raise CompositionError(
                    f"'{part.text()}' never ends, so nothing can follow it with '>>'",
                    span=part.span, hint=hint,
                )
            _check(part, warmup_ok=k < last, stateful_ok=stateful_ok and k == last)
        return
    if isinstance(expr, Arithmetic):
        scales = expr.op == "*" or expr.op == "/"
        for side, other in ((expr.left, expr.right), (expr.right, expr.left)):
            # A stateful schedule may be scaled by a number: `0.5 * S`, `S * 0.5`, `S / 2`.
            ok = scales and other.neutral and not (expr.op == "/" and side is expr.right)
            _check(side, warmup_ok=False, stateful_ok=stateful_ok and ok)
        return
    for child in expr.children():
        _check(child, warmup_ok=False, stateful_ok=False)
