"""Syntax tree to meaning tree: calls bound to families, operators to compositions, checked.

The evaluator gives every node its meaning: a call becomes its family (arguments bound,
converted and range-checked, see ``arguments``), a number a constant, and every operator the
composition class made from its syntax node (``compositions.BY_SYNTAX``). It then checks how
the pieces are composed (:meth:`~lrspec.model.expr.Expr.check_composition`): a Warmup needs a
successor, and a stateful schedule may only end a sequence or be scaled by a number.
"""

from __future__ import annotations

from ..syntax.errors import ArgumentError, did_you_mean
from ..syntax.limits import Limits, default_limits
from ..syntax.nodes import Call, Node, Number, Word
from .arguments import bind_call
from .compositions import BY_SYNTAX, Const
from .expr import Expr
from .registry import families, lookup
from .types import describe_node, signed_number


def evaluate(node: Node, limits: Limits | None = None) -> Expr:
    """The meaning of a syntax tree (raises an LrspecError if it has none)."""
    limits = limits or default_limits()

    def meaning(node: Node) -> Expr:
        if type(node) is Call:
            return bind_call(lookup(node.name, node.name_span), node, meaning, limits)
        value = signed_number(node)
        if value is not None:
            return Const.from_number(value, node.span)
        made = BY_SYNTAX.get(type(node))
        if made is not None:
            return made.from_syntax(node, meaning, limits)
        raise ArgumentError(
            f"expected a schedule, got {describe_node(node, 'step count')}",
            span=node.span,
            hint=_schedule_hint(node),
        )

    expr = meaning(node)
    expr.check_composition()
    return expr


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
