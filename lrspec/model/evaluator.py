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
from ..syntax.nodes import Call, Neg, Node, Number, Word
from .arguments import bind_call
from .compositions import BY_SYNTAX, Const
from .expr import Expr
from .registry import families, lookup
from .types import describe_node, signed_number


def evaluate(
    node: Node,
    limits: Limits | None = None,
    *,
    known: dict[int, Expr] | None = None,
    remember: dict[int, Expr] | None = None,
) -> Expr:
    """The meaning of a syntax tree (raises an LrspecError if it has none).

    ``known`` holds meanings already given to subtrees of this very tree (by the id of their
    node; a number template's tree shares the nodes of the tree it was made from), and
    ``remember`` collects the meaning of every node, for such a later use.
    """
    expr = _Meanings(limits or default_limits(), known, remember).meaning(node)
    expr.check_composition()
    return expr


class _Meanings:
    """The meaning of each node of one tree. A class, not a closure that recurses: such a
    closure refers to itself, so every evaluation would leave a reference cycle that only the
    garbage collector frees (and make it run more often)."""

    __slots__ = ("limits", "known", "remember")

    def __init__(
        self, limits: Limits, known: dict[int, Expr] | None, remember: dict[int, Expr] | None
    ) -> None:
        self.limits = limits
        self.known = known
        self.remember = remember

    def meaning(self, node: Node) -> Expr:
        known = self.known
        if known is not None:
            expr = known.get(id(node))
            if expr is not None:
                return expr
        kind = type(node)
        if isinstance(node, Call):
            expr = bind_call(lookup(node.name, node.name_span), node, self.meaning, self.limits)
        elif kind in BY_SYNTAX and (kind is not Neg or signed_number(node) is None):
            expr = BY_SYNTAX[kind].from_syntax(node, self.meaning, self.limits)
        else:
            value = signed_number(node)
            if value is None:
                raise ArgumentError(
                    f"expected a schedule, got {describe_node(node, 'step count')}",
                    span=node.span,
                    hint=_schedule_hint(node),
                )
            expr = Const.from_number(value, node.span)
        if self.remember is not None:
            self.remember[id(node)] = expr
        return expr


def _schedule_hint(node: Node) -> str | None:
    if isinstance(node, Number) and node.unit:
        return "units (%, ep, sp, tok) apply to step counts, not to rates"
    if isinstance(node, Word):
        names = families()
        if node.name in names:
            return f"call it with its arguments: {names[node.name].signature()}"
        close = did_you_mean(node.name, names)
        if close:
            return f"{close} (a schedule is called with parentheses)"
    return None
